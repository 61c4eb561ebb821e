//! From what a person typed to ranked hits. No input is an error: the text is cut into
//! words (punctuation, operators and emoji are just separators), and each word or synonym
//! phrase becomes a "concept" matched exactly, through its synonyms, by typo correction or
//! as a prefix; [`super::score`] ranks sections by concept.
//!
//! The stages, one file each: [`parse`] cuts the text into scopes and concepts, [`expand`]
//! adds each concept's spellings, corrections and completions, [`plan`] turns concepts into
//! the forms ranked and the probes that find them in a text, [`highlight`] marks matched
//! words and picks the snippet, and [`assemble`] runs the query and builds the hits. This
//! file holds what the stages share.

mod assemble;
mod expand;
mod highlight;
mod parse;
mod plan;

use std::ops::Range;

use tantivy::query::Query;
use tantivy::schema::Field;
use tantivy::{Searcher, Term};

use super::score::{self, Form};
use super::{SearchIndex, SearchResults, TopicHint};
use crate::analyzer;
pub use assemble::TopicVocab;
use assemble::{closest_topics, find};
use highlight::{Head, PairFilter};
use parse::split_scopes;

/// Query words that carry no meaning on their own; dropped unless nothing else is left.
const STOP_WORDS: &[&str] = &[
    "a", "an", "the", "of", "to", "in", "on", "at", "for", "and", "or", "is", "are", "am", "was",
    "were", "be", "been", "do", "does", "did", "how", "what", "when", "where", "whether", "why",
    "which", "who", "whom", "whose", "can", "could", "should", "would", "will", "i", "me", "my",
    "we", "you", "your", "it", "its", "this", "that", "these", "those", "with", "about", "from",
    "by", "as", "if", "so", "than", "there", "their", "they", "them", "get", "much", "many", "any",
    "some", "very", "just", "not", "no", "use", "using", "have", "has", "had", "need", "go",
    "going", "im", "really", "normal", "ok", "okay",
];

/// One thing the user asked for.
#[derive(Debug, Clone)]
struct Concept {
    /// As typed (byte range into the query), e.g. "CIT".
    span: Range<usize>,
    surface: String,
    stems: Vec<String>,
    /// Unstemmed words.
    plain: Vec<String>,
    group: Option<usize>,
    /// For a word the guide does not know: indexed words one or two edits away, closest and
    /// most common first.
    corrections: Vec<String>,
    /// The same word in the other spelling (UK or US) as the guide writes it.
    spellings: Vec<String>,
    /// Indexed words this word is the start of (a word still being typed, or a partial
    /// word the guide does not hold).
    completions: Vec<String>,
    /// Whether the guide knows the word as typed (its text, a synonym or the other
    /// spelling): then its completions are only guesses at a longer word.
    known: bool,
    /// Says where ("on my face"), framing what was asked rather than being it.
    place: bool,
}

/// How a single query variant is matched against a document's tokens.
#[derive(Debug, Clone)]
enum Probe {
    /// Consecutive stemmed words.
    Stems(Vec<String>),
}

struct Planned {
    concepts: Vec<Concept>,
    /// The forms of each concept, for ranking.
    forms: Vec<Vec<Form>>,
    /// `topic:` and `tag:` scopes, all required.
    scopes: Vec<Box<dyn Query>>,
    /// (concept index, label for `matched`, probe), exact probes first.
    probes: Vec<(usize, String, Probe)>,
    /// How every word in `probes` starts, sorted by key, to skip words that cannot match.
    heads: Vec<Head>,
    /// Which pairs of first letters start a probe word (see [`PairFilter`]).
    pairs: PairFilter,
    expansions: Vec<String>,
    /// Words the guide does not know that were read as others: (span in the query, what
    /// was searched), e.g. "needledepth" -> "needle depth".
    rewrites: Vec<(Range<usize>, String)>,
}

pub(super) fn run(index: &SearchIndex, text: &str, limit: usize) -> SearchResults {
    let mut results = find(index, text, limit);
    if results.hits.is_empty() && limit > 0 {
        let words = analyzer::terms(&mut analyzer::plain(), &split_scopes(text).0);
        if !words.is_empty() {
            results.searched = match &results.did_you_mean {
                Some(meant) => meant.clone(),
                None => words.join(" "),
            };
            results.closest_topics = closest_topics(index, &words);
        }
    }
    results
}

/// What the guide knows: the words of its text (as written or stemmed) and of its synonyms.
struct Vocab<'a> {
    index: &'a SearchIndex,
    searcher: &'a Searcher,
}

impl Vocab<'_> {
    /// Sections holding the unstemmed word anywhere.
    fn plain_freq(&self, word: &str) -> u64 {
        self.searcher
            .doc_freq(&text_term(self.index.fields.plain, word))
            .unwrap_or(0)
    }

    fn knows(&self, word: &str, stem: &str) -> bool {
        self.plain_freq(word) > 0
            || self.index.synonyms.knows(stem)
            || self.index.fields.weighted().iter().any(|fw| {
                self.searcher
                    .doc_freq(&text_term(fw.field, stem))
                    .unwrap_or(0)
                    > 0
            })
    }
}

fn text_term(field: Field, word: &str) -> Term {
    Term::from_field_text(field, word)
}
