//! Full-text search over the guide: a tantivy index on disk, fingerprinted and rebuilt when
//! stale, queried leniently with stemming, synonyms, typo tolerance and prefix matching.
//!
//! The engine knows nothing about the guide's subject: synonyms come from the guide.

mod build;
pub use build::Storage;
pub mod fingerprint;
mod meta;
mod query;
pub mod schema;
mod score;
mod snippet;
pub mod synonyms;

use std::collections::HashSet;
use std::path::Path;

use serde::Serialize;
use tantivy::collector::TopDocs;
use tantivy::query::AllQuery;
use tantivy::schema::Value;
use tantivy::{Index, IndexReader, ReloadPolicy, TantivyDocument};

use crate::analyzer;
use crate::content::Guide;
pub use snippet::Snippet;
use synonyms::Synonyms;

/// The share of its score a reference section keeps.
const REFERENCE_PRIOR: f32 = 0.6;
/// The share of its score a section on what the sources leave open keeps: it still comes
/// first for words only it holds ("swimming"), but not for a word the teaching section has.
const GAP_PRIOR: f32 = 0.8;

/// The sections (documents) whose `field` holds one of `values` (topic ids, section ids).
fn docs_where(
    searcher: &tantivy::Searcher,
    field: tantivy::schema::Field,
    topics: &[String],
) -> HashSet<tantivy::DocAddress> {
    use tantivy::{DocSet, TERMINATED};
    let mut out = HashSet::new();
    for (ord, seg) in searcher.segment_readers().iter().enumerate() {
        let Ok(inv) = seg.inverted_index(field) else {
            continue;
        };
        for t in topics {
            let term = tantivy::Term::from_field_text(field, t);
            let Ok(Some(mut postings)) =
                inv.read_postings(&term, tantivy::schema::IndexRecordOption::Basic)
            else {
                continue;
            };
            let mut doc = postings.doc();
            while doc != TERMINATED {
                out.insert(tantivy::DocAddress::new(ord as u32, doc));
                doc = postings.advance();
            }
        }
    }
    out
}

/// A searchable index of one guide's sections.
pub struct SearchIndex {
    index: Index,
    reader: IndexReader,
    fields: schema::Fields,
    synonyms: Synonyms,
    /// (topic id, stemmed words of its title), to resolve `topic:` scopes.
    topics: Vec<(String, Vec<String>)>,
    /// Sections of reference topics (glossary, tables at a glance).
    reference: HashSet<tantivy::DocAddress>,
    /// Sections on what the sources leave open.
    gaps: HashSet<tantivy::DocAddress>,
    /// (topic id, title, lower-cased words of its title, section titles and tags), to offer
    /// the closest topics when nothing matches: JSON, parsed by the first such search.
    topic_words: Box<serde_json::value::RawValue>,
    /// The same words once each, as letter triples, made at the first search that finds
    /// nothing (see `query::assemble::TopicVocab`).
    topic_vocab: std::sync::OnceLock<query::TopicVocab>,
}

/// How [`SearchIndex::open_or_build`] got its index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IndexStatus {
    /// An up-to-date index was on disk.
    Opened,
    /// The index was (re)built on disk, for this reason.
    Built { reason: String },
    /// The index location could not be written; the index lives in memory. `warning` is one
    /// line for stderr.
    InMemory { warning: String },
}

/// What a query found.
#[derive(Debug, Clone, Default, Serialize)]
pub struct SearchResults {
    pub hits: Vec<Hit>,
    /// The query with unknown words replaced by the closest indexed words.
    pub did_you_mean: Option<String>,
    /// Synonyms the query was widened with, e.g. "CIT -> microneedling".
    pub expansions: Vec<String>,
    /// When nothing matched: the words that were looked for, as one line.
    pub searched: String,
    /// When nothing matched: the topics closest to what was typed, best first (never empty
    /// for a query with words, so the reader always has somewhere to go).
    pub closest_topics: Vec<TopicHint>,
}

/// One line for a search that found nothing: what was looked for and the closest topics.
pub fn no_match_line(r: &SearchResults) -> String {
    let mut line = String::from(" No sections match");
    if !r.searched.is_empty() {
        line.push_str(&format!(" '{}'", r.searched));
    }
    line.push('.');
    if !r.closest_topics.is_empty() {
        let titles: Vec<&str> = r.closest_topics.iter().map(|t| t.title.as_str()).collect();
        line.push_str(&format!(" Closest topics: {}.", titles.join(", ")));
    }
    line
}

/// A topic offered when a search finds nothing.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct TopicHint {
    pub id: String,
    pub title: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Hit {
    pub id: String,
    pub title: String,
    pub path: String,
    pub score: f32,
    pub snippet: Snippet,
    /// How the section matched: "scars", "CIT -> microneedling", "colagen ~ collagen", "numb*".
    pub matched: Vec<String>,
    /// Lower-case words of the section that matched, for highlighting elsewhere.
    pub highlight_terms: Vec<String>,
}

impl SearchIndex {
    /// Opens the index in `dir`, rebuilding it when stale or broken; falls back to memory
    /// when `dir` cannot be written.
    pub fn open_or_build(guide: &Guide, dir: &Path) -> anyhow::Result<(SearchIndex, IndexStatus)> {
        build::open_or_build(guide, dir, Storage::Mapped)
    }

    /// [`SearchIndex::open_or_build`] with the index copied into memory and verified, for
    /// the browser, which keeps it open for hours.
    pub fn open_or_build_with(
        guide: &Guide,
        dir: &Path,
        storage: Storage,
    ) -> anyhow::Result<(SearchIndex, IndexStatus)> {
        build::open_or_build(guide, dir, storage)
    }

    pub fn build_in_memory(guide: &Guide) -> anyhow::Result<SearchIndex> {
        build::build_in_memory(guide)
    }

    /// Builds a fresh index in `dir` even when the one there is up to date.
    pub fn rebuild(guide: &Guide, dir: &Path) -> anyhow::Result<SearchIndex> {
        build::rebuild(guide, dir)
    }

    /// Never fails for any input string; an empty or blank query finds nothing.
    pub fn search(&self, query: &str, limit: usize) -> SearchResults {
        query::run(self, query, limit)
    }

    pub fn num_docs(&self) -> u64 {
        self.reader.searcher().num_docs()
    }

    /// Reads every index file and checks its checksum; returns the number of damaged files.
    pub fn verify(&self) -> anyhow::Result<usize> {
        Ok(self.index.validate_checksum()?.len())
    }

    /// How many distinct words the index holds (summed over segments), for `mnguide index`.
    pub fn num_terms(&self) -> u64 {
        let searcher = self.reader.searcher();
        searcher
            .segment_readers()
            .iter()
            .filter_map(|seg| seg.inverted_index(self.fields.plain).ok())
            .map(|inv| inv.terms().num_terms() as u64)
            .sum()
    }

    /// Opens the index in `dir` only if it is current for a guide whose files hash to
    /// `content_hash`: no guide needed, nothing built, nothing written. `None` means "load
    /// the guide and use [`SearchIndex::open_or_build`]".
    pub fn open_current(dir: &Path, content_hash: &str) -> Option<SearchIndex> {
        build::open_current(dir, content_hash)
    }

    pub(crate) fn from_index(index: Index, meta: meta::SearchMeta) -> anyhow::Result<SearchIndex> {
        analyzer::register(&index);
        let fields = schema::fields_of(&index.schema())?;
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()?;
        let reference = docs_where(&reader.searcher(), fields.topic, &meta.reference_topics);
        let gaps = docs_where(&reader.searcher(), fields.id, &meta.gap_sections);
        Ok(SearchIndex {
            index,
            reader,
            fields,
            synonyms: meta.synonyms,
            topics: meta.topics,
            reference,
            gaps,
            topic_words: meta.topic_words,
            topic_vocab: std::sync::OnceLock::new(),
        })
    }

    /// How much a section's score counts for its kind: reference material restates what a
    /// teaching section says, so for the same words the teaching section comes first.
    fn prior(&self, doc: tantivy::DocAddress) -> f32 {
        if self.reference.contains(&doc) {
            REFERENCE_PRIOR
        } else {
            1.0
        }
    }

    /// How much a section's score counts when it records what the sources leave open.
    fn gap_prior(&self, doc: tantivy::DocAddress) -> f32 {
        if self.gaps.contains(&doc) {
            GAP_PRIOR
        } else {
            1.0
        }
    }

    /// Reads one stored document, proving the store is readable.
    fn first_stored_id(&self) -> anyhow::Result<()> {
        let searcher = self.reader.searcher();
        let top = searcher.search(&AllQuery, &TopDocs::with_limit(1).order_by_score())?;
        if let Some((_, addr)) = top.first() {
            let doc: TantivyDocument = searcher.doc(*addr)?;
            if doc
                .get_first(self.fields.id)
                .and_then(|v| v.as_str())
                .is_none()
            {
                anyhow::bail!("a stored document has no id");
            }
        }
        Ok(())
    }
}
