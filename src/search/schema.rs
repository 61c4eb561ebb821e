//! The index schema: which parts of a section are searchable, how, and what is stored.

use tantivy::schema::{
    Field, IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing, TextOptions,
};

use super::score::FieldWeight;
use crate::analyzer;

/// Handles to every field, looked up once per open.
#[derive(Debug, Clone, Copy)]
pub struct Fields {
    /// Section id, exact (stored, and indexed for lookups).
    pub id: Field,
    /// Section title (stemmed, stored): the strongest signal.
    pub title: Field,
    /// Summary and key points (stemmed): what the section teaches.
    pub lead: Field,
    /// Facts and cautions (stemmed): the figures and warnings.
    pub detail: Field,
    /// Body text and where sources differ (stemmed).
    pub body: Field,
    /// Tags (stemmed), also used by `tag:` scopes.
    pub tags: Field,
    /// Topic title (stemmed), so "aftercare" finds every aftercare section a little.
    pub topic_title: Field,
    /// Topic id, exact, for `topic:` scopes.
    pub topic: Field,
    /// Every searchable word unstemmed, for typos and prefixes.
    pub plain: Field,
    /// "Topic > Section" (stored only).
    pub path: Field,
    /// Summary, key points, facts, cautions and body as one line of plain text (stored
    /// only), for snippets.
    pub text: Field,
    /// The summary alone (stored only): the snippet of choice when it holds the match.
    pub summary: Field,
    /// One line per fact, "label: value unit" (stored only), the next choice for snippets.
    pub facts: Field,
}

fn text_field(tokenizer: &str, stored: bool) -> TextOptions {
    let indexing = TextFieldIndexing::default()
        .set_tokenizer(tokenizer)
        .set_index_option(IndexRecordOption::WithFreqsAndPositions);
    let opts = TextOptions::default().set_indexing_options(indexing);
    if stored { opts.set_stored() } else { opts }
}

pub fn build() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let fields = Fields {
        id: b.add_text_field("id", STRING | STORED),
        title: b.add_text_field("title", text_field(analyzer::STEMMED, true)),
        lead: b.add_text_field("lead", text_field(analyzer::STEMMED, false)),
        detail: b.add_text_field("detail", text_field(analyzer::STEMMED, false)),
        body: b.add_text_field("body", text_field(analyzer::STEMMED, false)),
        tags: b.add_text_field("tags", text_field(analyzer::STEMMED, false)),
        topic_title: b.add_text_field("topic_title", text_field(analyzer::STEMMED, false)),
        topic: b.add_text_field("topic", STRING),
        plain: b.add_text_field("plain", text_field(analyzer::PLAIN, false)),
        path: b.add_text_field("path", STORED),
        text: b.add_text_field("text", STORED),
        summary: b.add_text_field("summary", STORED),
        facts: b.add_text_field("facts", STORED),
    };
    (b.build(), fields)
}

/// Finds the fields in an opened index's schema; fails when the index is from another schema.
pub fn fields_of(schema: &Schema) -> tantivy::Result<Fields> {
    let f = |name: &str| schema.get_field(name);
    Ok(Fields {
        id: f("id")?,
        title: f("title")?,
        lead: f("lead")?,
        detail: f("detail")?,
        body: f("body")?,
        tags: f("tags")?,
        topic_title: f("topic_title")?,
        topic: f("topic")?,
        plain: f("plain")?,
        path: f("path")?,
        text: f("text")?,
        summary: f("summary")?,
        facts: f("facts")?,
    })
}

impl Fields {
    /// The stemmed fields, how much a match in each counts and how much their length
    /// matters: a title or tag list is short by nature, a body's length says how much else
    /// it is about. Tags weigh nearly as much as the title: they are the words an author
    /// chose to name what the section is about, lay and brand words included.
    pub fn weighted(&self) -> [FieldWeight; 6] {
        let w = |field, weight, b| FieldWeight { field, weight, b };
        [
            w(self.title, 6.0, 0.4),
            w(self.lead, 2.0, 0.6),
            w(self.detail, 1.5, 0.6),
            w(self.tags, 5.0, 0.3),
            w(self.body, 1.0, 0.75),
            w(self.topic_title, 0.5, 0.0),
        ]
    }
}
