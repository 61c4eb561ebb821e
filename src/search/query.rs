//! From what a person typed to ranked hits. No input is an error: the text is cut into
//! words (punctuation, operators and emoji are just separators), and each word or synonym
//! phrase becomes a "concept" matched exactly, through its synonyms, by typo correction or
//! as a prefix; [`super::score`] ranks sections by concept.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use tantivy::collector::DocSetCollector;
use tantivy::query::{BooleanQuery, FuzzyTermQuery, Occur, PhraseQuery, Query, TermQuery};
use tantivy::schema::{Field, IndexRecordOption, Value};
use tantivy::tokenizer::TextAnalyzer;
use tantivy::{DocAddress, Searcher, TantivyDocument, Term};

use super::analyzer::{self, StemCache, Token};
use super::score::{self, Form};
use super::snippet::{self, SNIPPET_BYTES};
use super::{Hit, SearchIndex, SearchResults};

/// Words beyond this are ignored: a pasted paragraph still answers at once.
const MAX_CONCEPTS: usize = 24;
/// A synonym counts a little less than the word typed.
const SYNONYM_WEIGHT: f32 = 0.9;
/// A corrected typo: the word meant, but less sure than a word typed right.
const CORRECTION_WEIGHT: f32 = 0.85;
/// A completed partial word.
const COMPLETION_WEIGHT: f32 = 0.7;
/// A longer word a known word may be the start of, while it is typed.
const KNOWN_COMPLETION_WEIGHT: f32 = 0.3;
const MAX_CORRECTIONS: usize = 3;
const MAX_COMPLETIONS: usize = 8;
/// How many leading letters a word and its stem are assumed to share.
const STEM_HEAD: usize = 3;
/// Parts of a run-together word must be at least this long ("needledepth").
const MIN_PART: usize = 3;

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

/// Everyday words that say when, where, how much or how sure rather than what: they tell
/// sections apart only when nothing better does, so they count for little ("how long
/// *before* I see a difference", "bumps *under* the skin weeks *later*"). A word in a
/// synonym group is not weak: the group says what it means.
const WEAK_WORDS: &[&str] = &[
    "after",
    "before",
    "during",
    "under",
    "over",
    "between",
    "into",
    "onto",
    "through",
    "off",
    "out",
    "up",
    "down",
    "around",
    "near",
    "without",
    "within",
    "since",
    "until",
    "while",
    "still",
    "later",
    "soon",
    "again",
    "ever",
    "never",
    "always",
    "sometimes",
    "actually",
    "really",
    "too",
    "also",
    "even",
    "only",
    "quite",
    "rather",
    "enough",
    "already",
    "yet",
    "see",
    "make",
    "made",
    "take",
    "taken",
    "put",
    "want",
    "wants",
    "wanted",
    "know",
    "tell",
    "come",
    "came",
    "went",
    "gone",
    "happen",
    "happens",
    "happened",
    "someone",
    "anyone",
    "everyone",
    "something",
    "anything",
    "thing",
    "things",
    "stuff",
    "way",
    "lot",
    "lots",
    "bit",
    "bits",
    "kind",
    "long",
    "few",
    "several",
    "more",
    "most",
    "less",
    "every",
    "each",
    "all",
    "both",
    "other",
    "another",
    "like",
    "look",
    "looks",
    "looking",
    "keep",
    "keeps",
    "give",
    "gives",
    "got",
    "getting",
    "say",
    "says",
    "said",
    "tiny",
    "little",
    "whole",
    "part",
    "okay",
    "fine",
    "bad",
    "good",
    "better",
    "best",
    "worse",
    "worst",
    "right",
    "wrong",
    "sure",
    "possible",
    "probably",
    "maybe",
    "basically",
    "exactly",
    "worth",
    "difference",
    "different",
    "same",
    "next",
    "first",
    "new",
    "old",
    "day",
    "days",
    "week",
    "weeks",
    "time",
    "times",
    "help",
    "helps",
    "try",
    "tried",
    "done",
    "doing",
    "let",
    "mean",
    "means",
];

/// Words that only stress or hedge ("actually", "really"): a synonym phrase is still found
/// with them inside it.
const FILLER_WORDS: &[&str] = &[
    "actually",
    "really",
    "just",
    "even",
    "basically",
    "exactly",
    "honestly",
    "literally",
    "definitely",
    "truly",
    "ever",
    "still",
    "usually",
    "normally",
    "generally",
    "typically",
];

/// How much a typed word counts where the text holds only its stem and that stem names
/// another group ("peeling" skin and the chemical "peel").
const AMBIGUOUS_STEM_WEIGHT: f32 = 0.6;

/// How much a weak word counts (see [`WEAK_WORDS`]).
const WEAK_WEIGHT: f32 = 0.3;

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

/// What a word of the text must start with to possibly match one probe word.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Head {
    /// [`head_key`] of the probe word: its first [`STEM_HEAD`] characters.
    key: u64,
    /// For a longer stem, all but its last two characters: the stemmer rewrites only a
    /// word's ending ("possibility" -> "possibl"), so any word it came from starts with
    /// these. This keeps "the" from being stemmed for every hit of "therapy".
    prefix: String,
}

impl Head {
    fn of(probe_word: &str) -> Head {
        let chars = probe_word.chars().count();
        let prefix = if chars > STEM_HEAD + 1 {
            probe_word.chars().take(chars - 2).collect()
        } else {
            String::new()
        };
        Head {
            key: head_key(probe_word),
            prefix,
        }
    }
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

/// How many topics are offered when nothing matches.
const CLOSEST_TOPICS: usize = 3;

/// The topics whose words look most like the query's (shared letter triples), or the
/// guide's first topics when none does.
fn closest_topics(index: &SearchIndex, words: &[String]) -> Vec<super::TopicHint> {
    fn triples(w: &str) -> HashSet<String> {
        let padded: Vec<char> = format!("  {w} ").chars().collect();
        padded.windows(3).map(|t| t.iter().collect()).collect()
    }
    let query: Vec<HashSet<String>> = words.iter().map(|w| triples(w)).collect();
    let mut scored: Vec<(f32, usize)> = index
        .topic_words
        .iter()
        .enumerate()
        .map(|(i, (_, _, topic_words))| {
            let score: f32 = query
                .iter()
                .map(|q| {
                    topic_words
                        .iter()
                        .map(|t| {
                            let t = triples(t);
                            let shared = q.intersection(&t).count() as f32;
                            shared / (q.len() + t.len()) as f32 * 2.0
                        })
                        .fold(0.0, f32::max)
                })
                .sum();
            (score, i)
        })
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    // Weak resemblances (under about a third of letter triples shared) are noise.
    let close: Vec<usize> = scored
        .iter()
        .filter(|(s, _)| *s >= 0.3 * words.len() as f32)
        .map(|(_, i)| *i)
        .take(CLOSEST_TOPICS)
        .collect();
    let picked = if close.is_empty() {
        (0..index.topic_words.len().min(CLOSEST_TOPICS)).collect()
    } else {
        close
    };
    picked
        .into_iter()
        .map(|i| super::TopicHint {
            id: index.topic_words[i].0.clone(),
            title: index.topic_words[i].1.clone(),
        })
        .collect()
}

fn find(index: &SearchIndex, text: &str, limit: usize) -> SearchResults {
    let searcher = index.reader.searcher();
    let Some(mut plan) = plan(index, &searcher, text) else {
        return SearchResults::default();
    };
    let mut results = SearchResults {
        expansions: plan.expansions.clone(),
        ..SearchResults::default()
    };
    if limit == 0 {
        return results;
    }
    // A damaged index can fail mid-query; the caller gets no hits rather than an error.
    let allowed: Option<HashSet<DocAddress>> = if plan.scopes.is_empty() {
        None
    } else {
        let clauses: Vec<(Occur, Box<dyn Query>)> = plan
            .scopes
            .iter()
            .map(|q| (Occur::Must, q.box_clone()))
            .collect();
        let Ok(set) = searcher.search(&BooleanQuery::new(clauses), &DocSetCollector) else {
            return results;
        };
        Some(set)
    };
    let top: Vec<(f32, DocAddress)> = if plan.concepts.is_empty() {
        // Scopes alone: every section in scope, in guide order.
        let mut docs: Vec<DocAddress> = allowed.iter().flatten().copied().collect();
        docs.sort();
        docs.into_iter().take(limit).map(|d| (1.0, d)).collect()
    } else {
        let mut ranked = rank(index, &searcher, &plan, allowed.as_ref());
        // A synonym phrase found nowhere still means its words: look for them one by one.
        if ranked
            .concepts
            .iter()
            .zip(&plan.concepts)
            .any(|(st, c)| st.doc_freq == 0 && c.stems.len() > 1)
        {
            loosen(index, &mut plan, &ranked.concepts);
            ranked = rank(index, &searcher, &plan, allowed.as_ref());
        }
        results.did_you_mean = did_you_mean(text, &plan, &ranked.concepts);
        // Reference sections yield to the teaching section, unless a definition is what was
        // asked for ("what does PIH stand for", "boxcar scar definition").
        if !asks_for_definition(text) {
            for h in &mut ranked.top {
                h.score *= index.prior(h.doc);
            }
        }
        // Highest first; ties in guide order, so results are deterministic. Only the hits
        // shown are sorted: a common word matches most of a large guide.
        let order = |a: &score::Scored, b: &score::Scored| {
            b.score.total_cmp(&a.score).then(a.doc.cmp(&b.doc))
        };
        let top = &mut ranked.top;
        if top.len() > limit {
            top.select_nth_unstable_by(limit - 1, order);
            top.truncate(limit);
        }
        top.sort_unstable_by(order);
        top.iter().map(|h| (h.score, h.doc)).collect()
    };
    let mut stem = StemCache::default();
    let mut plain = analyzer::plain();
    for (score, addr) in top {
        let Ok(doc) = searcher.doc::<TantivyDocument>(addr) else {
            continue;
        };
        let get = |f: Field| {
            doc.get_first(f)
                .and_then(|v| v.as_str())
                .unwrap_or_default()
                .to_string()
        };
        let f = &index.fields;
        let (title, body) = (get(f.title), get(f.text));
        let title_marks = mark(&plan, &mut stem, &mut plain, &title);
        let body_marks = mark(&plan, &mut stem, &mut plain, &body);
        let mut matched: Vec<String> = Vec::new();
        let mut words: Vec<String> = Vec::new();
        for (label, range) in title_marks
            .iter()
            .map(|m| (m, &title))
            .chain(body_marks.iter().map(|m| (m, &body)))
            .map(|((_, l, r), text)| (l, &text[r.clone()]))
        {
            if !matched.contains(label) {
                matched.push(label.clone());
            }
            let w = range.to_lowercase();
            if !words.contains(&w) {
                words.push(w);
            }
        }
        // Order labels as the concepts were typed.
        matched.sort_by_key(|l| {
            plan.probes
                .iter()
                .position(|(_, label, _)| label == l)
                .unwrap_or(usize::MAX)
        });
        let snippet = best_snippet(
            &plan,
            &mut stem,
            &mut plain,
            &get(f.summary),
            &get(f.facts),
            &body,
            &body_marks,
        );
        results.hits.push(Hit {
            id: get(f.id),
            title,
            path: get(f.path),
            score,
            snippet,
            matched,
            highlight_terms: words,
        });
    }
    results
}

fn rank(
    index: &SearchIndex,
    searcher: &Searcher,
    plan: &Planned,
    allowed: Option<&HashSet<DocAddress>>,
) -> score::Ranked {
    let fields = index.fields.weighted();
    let ok = |d: DocAddress| allowed.is_none_or(|set| set.contains(&d));
    score::rank(searcher, &fields, &plan.forms, Some(&ok))
}

/// Words that ask what a term means.
const DEFINITION_WORDS: &[&str] = &[
    "define",
    "defined",
    "definition",
    "definitions",
    "meaning",
    "mean",
    "means",
    "stand",
    "stands",
    "glossary",
];

/// Whether the query asks what a term means rather than about the thing itself.
fn asks_for_definition(text: &str) -> bool {
    analyzer::terms(&mut analyzer::plain(), text)
        .iter()
        .any(|w| DEFINITION_WORDS.contains(&w.as_str()))
}

/// Replaces each multi-word concept found nowhere by its meaningful words.
fn loosen(index: &SearchIndex, plan: &mut Planned, stats: &[score::ConceptStats]) {
    let mut concepts = Vec::new();
    for (c, st) in plan.concepts.iter().zip(stats) {
        if st.doc_freq > 0 || c.stems.len() < 2 {
            concepts.push(c.clone());
            continue;
        }
        for (s, p) in c.stems.iter().zip(&c.plain) {
            if STOP_WORDS.contains(&p.as_str()) {
                continue;
            }
            concepts.push(Concept {
                span: c.span.clone(),
                surface: p.clone(),
                stems: vec![s.clone()],
                plain: vec![p.clone()],
                group: index.synonyms.group_of_word(p, s),
                corrections: Vec::new(),
                spellings: Vec::new(),
                completions: Vec::new(),
                known: true,
                place: false,
            });
        }
    }
    let scopes = std::mem::take(&mut plan.scopes);
    let rewrites = std::mem::take(&mut plan.rewrites);
    *plan = forms_of(index, concepts, scopes);
    plan.rewrites = rewrites;
}

/// The snippet: the summary when it holds the matched words, else the fact row holding the
/// most of them, else the stretch of text that does.
#[allow(clippy::too_many_arguments)]
fn best_snippet(
    plan: &Planned,
    stem: &mut StemCache,
    plain: &mut TextAnalyzer,
    summary: &str,
    facts: &str,
    body: &str,
    body_marks: &[(usize, String, Range<usize>)],
) -> snippet::Snippet {
    let distinct = |marks: &[(usize, String, Range<usize>)]| {
        let mut cs: Vec<usize> = marks.iter().map(|(c, _, _)| *c).collect();
        cs.sort_unstable();
        cs.dedup();
        cs.len()
    };
    let ranges = |marks: &[(usize, String, Range<usize>)]| -> Vec<Range<usize>> {
        marks.iter().map(|(_, _, r)| r.clone()).collect()
    };
    let window = snippet::make(body, &ranges(body_marks), SNIPPET_BYTES);
    // How many concepts the text shows (the window may show fewer; counting them all
    // spares analysing the window again, and only makes the lead a little choosier).
    let shown = distinct(body_marks);
    if shown == 0 {
        return window;
    }
    // A fact row holding the matched words leads (it has the figure asked for), then the
    // summary, the section's bottom line. Each text is analysed once.
    let fact_marks = mark(plan, stem, plain, facts);
    let mut best_row: Option<(usize, Range<usize>)> = None;
    let mut row_start = 0;
    for row in facts.split('\n') {
        let range = row_start..row_start + row.len();
        row_start = range.end + 1;
        let in_row: Vec<(usize, String, Range<usize>)> = fact_marks
            .iter()
            .filter(|(_, _, r)| r.start >= range.start && r.end <= range.end)
            .cloned()
            .collect();
        let n = distinct(&in_row);
        let better = match &best_row {
            None => n > 0,
            Some((m, r)) => n > *m || (n == *m && range.len() < r.len()),
        };
        if better {
            best_row = Some((n, range));
        }
    }
    let summary_marks = mark(plan, stem, plain, summary);
    let mut lead = String::new();
    let mut marks: Vec<(usize, String, Range<usize>)> = Vec::new();
    if let Some((_, range)) = &best_row {
        lead.push_str(&facts[range.clone()]);
        for (c, l, r) in &fact_marks {
            if r.start >= range.start && r.end <= range.end {
                marks.push((*c, l.clone(), r.start - range.start..r.end - range.start));
            }
        }
    }
    if best_row.is_some() || !summary_marks.is_empty() {
        if !lead.is_empty() && !summary.is_empty() {
            lead.push_str(" · ");
        }
        let shift = lead.len();
        lead.push_str(summary);
        for (c, l, r) in &summary_marks {
            marks.push((*c, l.clone(), r.start + shift..r.end + shift));
        }
    }
    if !lead.is_empty() && distinct(&marks) >= shown {
        return snippet::make(&lead, &ranges(&marks), SNIPPET_BYTES);
    }
    window
}

/// Finds the words of `text` that match the query: (concept, label, byte range), sorted.
///
/// This runs on every hit's whole text, so it avoids the analyzers' per-word allocations:
/// words are cut like the tokenizer cuts them (runs of letters and digits), and only words
/// that start like something in the query (a stem keeps its word's first letters, bar a few
/// irregular words) are folded and stemmed. The probes then look at those few candidates
/// only, not at every word of the text.
fn mark(
    plan: &Planned,
    stems: &mut StemCache,
    plain: &mut TextAnalyzer,
    text: &str,
) -> Vec<(usize, String, Range<usize>)> {
    struct Candidate {
        /// Position among all the words of `text`, to tell neighbours apart.
        word: usize,
        span: Range<usize>,
        stem: String,
    }
    let mut candidates: Vec<Candidate> = Vec::new();
    for_each_word(text, |word, span, ascii| {
        let raw = &text[span.clone()];
        if ascii && !plan.pairs.may_start(raw) {
            return;
        }
        let (key, folded) = if ascii {
            (ascii_head_key(raw), None)
        } else {
            let folded = analyzer::terms(plain, raw).pop().unwrap_or_default();
            (head_key(&folded), Some(folded))
        };
        let first = plan.heads.partition_point(|h| h.key < key);
        let may_match = plan.heads[first..]
            .iter()
            .take_while(|h| h.key == key)
            .any(|h| match &folded {
                Some(f) => f.starts_with(&h.prefix),
                None => {
                    raw.len() >= h.prefix.len()
                        && raw.as_bytes()[..h.prefix.len()]
                            .eq_ignore_ascii_case(h.prefix.as_bytes())
                }
            });
        if !may_match {
            return;
        }
        let folded = folded.unwrap_or_else(|| raw.to_ascii_lowercase());
        candidates.push(Candidate {
            word,
            span,
            stem: stems.stem(&folded).to_string(),
        });
    });
    let mut taken = vec![false; candidates.len()];
    let mut out = Vec::new();
    for (concept, label, probe) in &plan.probes {
        match probe {
            Probe::Stems(probe_stems) => {
                let n = probe_stems.len();
                if n == 0 || candidates.len() < n {
                    continue;
                }
                for i in 0..=candidates.len() - n {
                    // Every word of a phrase starts like the query, so a phrase's words are
                    // consecutive candidates that are also consecutive words.
                    let run = &candidates[i..i + n];
                    let hit = run
                        .iter()
                        .zip(probe_stems)
                        .enumerate()
                        .all(|(j, (c, s))| c.word == run[0].word + j && c.stem == *s);
                    if hit && !taken[i] {
                        for (j, c) in run.iter().enumerate() {
                            taken[i + j] = true;
                            out.push((*concept, label.clone(), c.span.clone()));
                        }
                    }
                }
            }
        }
    }
    out.sort_by_key(|(_, _, r)| r.start);
    out
}

/// The first [`STEM_HEAD`] characters of a folded word, packed into a number so that
/// checking every word of a text against the query's heads allocates nothing.
fn head_key(folded: &str) -> u64 {
    folded
        .chars()
        .take(STEM_HEAD)
        .fold(0u64, |key, c| (key << 21) | u64::from(c))
}

/// A bit per pair of leading ASCII letters or digits: most words of a text start with a
/// pair no probe word starts with, and one bit test turns them away.
#[derive(Debug, Clone)]
struct PairFilter {
    /// `None` when some probe word is too short or not ASCII: every word must be looked at.
    bits: Option<[u64; 16]>,
}

impl PairFilter {
    fn new<'a>(probe_words: impl Iterator<Item = &'a str>) -> PairFilter {
        let mut bits = [0u64; 16];
        for w in probe_words {
            let Some(i) = Self::index(w) else {
                return PairFilter { bits: None };
            };
            bits[i / 64] |= 1 << (i % 64);
        }
        PairFilter { bits: Some(bits) }
    }

    /// The bit of a word's first two bytes, lower-cased; letters and digits may share bits
    /// (a false "maybe" costs only the full check).
    fn index(word: &str) -> Option<usize> {
        match word.as_bytes() {
            [a, b, ..] if a.is_ascii() && b.is_ascii() => Some(
                (usize::from(a.to_ascii_lowercase() & 0x1f) << 5)
                    | usize::from(b.to_ascii_lowercase() & 0x1f),
            ),
            _ => None,
        }
    }

    /// False only when no probe word can start like `word` (an ASCII word).
    fn may_start(&self, word: &str) -> bool {
        match (&self.bits, Self::index(word)) {
            (Some(bits), Some(i)) => bits[i / 64] & (1 << (i % 64)) != 0,
            _ => true,
        }
    }
}

/// [`head_key`] of an ASCII word, lower-cased on the fly.
fn ascii_head_key(raw: &str) -> u64 {
    raw.bytes().take(STEM_HEAD).fold(0u64, |key, b| {
        (key << 21) | u64::from(b.to_ascii_lowercase())
    })
}

/// Calls `f(position, byte range, is ASCII)` for each run of letters and digits in `text`,
/// as the tokenizer cuts words, leaving out words the analyzers drop as too long. This runs
/// over every hit's whole text, so ASCII is handled a byte at a time in tight loops and
/// only other characters are decoded.
fn for_each_word(text: &str, mut f: impl FnMut(usize, Range<usize>, bool)) {
    let bytes = text.as_bytes();
    // Whether the character at byte `i` (not ASCII) is a letter or digit, and its length.
    let wide = |i: usize| {
        let c = text[i..].chars().next().unwrap_or(' ');
        (c.is_alphanumeric(), c.len_utf8())
    };
    let mut position = 0;
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i].is_ascii() {
            if !bytes[i].is_ascii_alphanumeric() {
                i += 1;
                continue;
            }
        } else {
            let (alnum, len) = wide(i);
            if !alnum {
                i += len;
                continue;
            }
        }
        let start = i;
        let mut ascii = true;
        while i < bytes.len() {
            let b = bytes[i];
            if b.is_ascii_alphanumeric() {
                i += 1;
            } else if b.is_ascii() {
                break;
            } else {
                let (alnum, len) = wide(i);
                if !alnum {
                    break;
                }
                ascii = false;
                i += len;
            }
        }
        if i - start <= analyzer::LONGEST_TERM {
            f(position, start..i, ascii);
            position += 1;
        }
    }
}

fn plan(index: &SearchIndex, searcher: &Searcher, text: &str) -> Option<Planned> {
    let (words_text, scopes) = split_scopes(text);
    let scopes: Vec<Box<dyn Query>> = scopes
        .iter()
        .map(|(kind, value)| scope_query(index, kind, value))
        .collect();
    let (concepts, rewrites) = concepts(index, searcher, text, &words_text);
    if concepts.is_empty() && scopes.is_empty() {
        return None;
    }
    let mut plan = forms_of(index, concepts, scopes);
    plan.rewrites = rewrites;
    Some(plan)
}

/// Every way each concept can appear, with the labels that say so.
fn forms_of(index: &SearchIndex, concepts: Vec<Concept>, scopes: Vec<Box<dyn Query>>) -> Planned {
    let mut probes: Vec<(usize, String, Probe)> = Vec::new();
    let mut expansions = Vec::new();
    let mut forms: Vec<Vec<Form>> = Vec::new();
    let mut stem = StemCache::default();
    for (ci, c) in concepts.iter().enumerate() {
        let mut fs: Vec<(Form, String)> = Vec::new();
        let mut typed = true;
        let mut push = |stems: Vec<String>, weight: f32, label: String, typed: bool, fields: u8| {
            if stems.is_empty() || fields == 0 {
                return;
            }
            match fs.iter_mut().find(|(f, _)| f.stems == stems) {
                Some((f, _)) => {
                    f.weight = f.weight.max(weight);
                    f.typed |= typed;
                    f.fields |= fields;
                }
                None => fs.push((
                    Form {
                        stems,
                        weight,
                        typed,
                        fields,
                    },
                    label,
                )),
            }
        };
        let weak =
            c.group.is_none() && c.plain.len() == 1 && WEAK_WORDS.contains(&c.plain[0].as_str());
        if weak {
            push(
                c.stems.clone(),
                WEAK_WEIGHT,
                c.surface.clone(),
                false,
                u8::MAX,
            );
        } else {
            push(c.stems.clone(), 1.0, c.surface.clone(), typed, u8::MAX);
        }
        for (i, word) in c.corrections.iter().enumerate() {
            let weight = if i == 0 {
                CORRECTION_WEIGHT
            } else {
                CORRECTION_WEIGHT / 2.0
            };
            push(
                vec![stem.stem(word).to_string()],
                weight,
                format!("{} -> {word}", c.surface),
                typed,
                u8::MAX,
            );
        }
        for word in &c.spellings {
            push(
                vec![stem.stem(word).to_string()],
                1.0,
                format!("{} -> {word}", c.surface),
                typed,
                u8::MAX,
            );
        }
        // A word the guide knows may still be the start of a longer one while it is being
        // typed ("skin" of "skincare"), but the word itself is the better guess: its
        // completions count less and earn no rarity of their own.
        let (completion_weight, completion_typed) = if c.known {
            (KNOWN_COMPLETION_WEIGHT, false)
        } else {
            (COMPLETION_WEIGHT, typed)
        };
        for word in &c.completions {
            push(
                vec![stem.stem(word).to_string()],
                completion_weight,
                format!("{} -> {word}", c.surface),
                completion_typed,
                u8::MAX,
            );
        }
        if let Some(g) = c.group.and_then(|g| index.synonyms.groups.get(g)) {
            let corrected = !c.corrections.is_empty();
            let canonical = g.canonical();
            if !corrected && g.variants.first().is_some_and(|v| v.stems != c.stems) {
                expansions.push(format!("{} -> {canonical}", c.surface));
            }
            let weight = if corrected {
                CORRECTION_WEIGHT * SYNONYM_WEIGHT
            } else {
                SYNONYM_WEIGHT
            };
            typed = false;
            for v in &g.variants {
                push(
                    v.stems.clone(),
                    weight,
                    format!("{} -> {}", c.surface, v.text),
                    typed,
                    v.fields,
                );
            }
        }
        // A word whose stem names something else ("peeling" of the skin, stemmed "peel" as
        // in chemical peel): where the text holds only the stem, it may be that other thing,
        // so the stem counts less than the group's unambiguous names.
        if c.group.is_some() && index.synonyms.group_of(&c.stems) != c.group {
            for (f, _) in fs.iter_mut() {
                if f.stems == c.stems {
                    f.weight = f.weight.min(AMBIGUOUS_STEM_WEIGHT);
                    f.typed = false;
                }
            }
        }
        if c.place {
            for (f, _) in fs.iter_mut() {
                f.weight *= PLACE_WEIGHT;
            }
        }
        for (form, label) in &fs {
            probes.push((ci, label.clone(), Probe::Stems(form.stems.clone())));
        }
        forms.push(fs.into_iter().map(|(f, _)| f).collect());
    }
    // Exact probes first, so a word typed is labelled as typed.
    probes.sort_by_key(|(ci, label, _)| (*label != concepts[*ci].surface, *ci));
    let mut heads: Vec<Head> = probes
        .iter()
        .flat_map(|(_, _, Probe::Stems(words))| words.iter().map(|w| Head::of(w)))
        .collect();
    heads.sort_unstable();
    heads.dedup();
    let pairs = PairFilter::new(
        probes
            .iter()
            .flat_map(|(_, _, Probe::Stems(words))| words.iter().map(String::as_str)),
    );
    Planned {
        concepts,
        forms,
        scopes,
        probes,
        heads,
        pairs,
        expansions,
        rewrites: Vec::new(),
    }
}

/// The query with each word the guide does not know replaced by what was searched instead,
/// when that found something: a correction ("colagen" -> "collagen") or a split
/// ("needledepth" -> "needle depth"). Completions are not shown: the user is still typing.
fn did_you_mean(text: &str, plan: &Planned, stats: &[score::ConceptStats]) -> Option<String> {
    let found = |ci: usize| stats.get(ci).is_some_and(|s| s.doc_freq > 0);
    let mut edits: Vec<(Range<usize>, String)> = Vec::new();
    for (span, with) in &plan.rewrites {
        let parts_found = plan
            .concepts
            .iter()
            .enumerate()
            .any(|(ci, c)| c.span.start >= span.start && c.span.end <= span.end && found(ci));
        if parts_found {
            edits.push((span.clone(), with.clone()));
        }
    }
    for (ci, c) in plan.concepts.iter().enumerate() {
        let inside_edit = edits
            .iter()
            .any(|(r, _)| c.span.start >= r.start && c.span.end <= r.end);
        if let (true, Some(best), false) =
            (c.completions.is_empty(), c.corrections.first(), inside_edit)
            && found(ci)
        {
            edits.push((c.span.clone(), best.clone()));
        }
    }
    if edits.is_empty() {
        return None;
    }
    edits.sort_by_key(|(r, _)| std::cmp::Reverse(r.start));
    let mut out = text.to_string();
    for (r, with) in edits {
        if out.is_char_boundary(r.start) && out.is_char_boundary(r.end) && r.end <= out.len() {
            out.replace_range(r, &with);
        }
    }
    Some(out.split_whitespace().collect::<Vec<_>>().join(" "))
}

/// Splits `topic:X` and `tag:X` out of the query. The remaining text keeps the original
/// byte offsets (scopes become spaces) so concepts can point back into the query.
fn split_scopes(text: &str) -> (String, Vec<(String, String)>) {
    let mut rest = String::with_capacity(text.len());
    let mut scopes = Vec::new();
    let mut last = 0;
    for (start, word) in word_spans(text) {
        rest.push_str(&text[last..start]);
        last = start + word.len();
        let lower = word.to_lowercase();
        let scope = ["topic:", "tag:"].into_iter().find_map(|p| {
            lower
                .strip_prefix(p)
                .filter(|v| !v.is_empty())
                .map(|v| (p.trim_end_matches(':').to_string(), v.to_string()))
        });
        match scope {
            Some(s) => {
                scopes.push(s);
                rest.push_str(&" ".repeat(word.len()));
            }
            None => rest.push_str(word),
        }
    }
    rest.push_str(&text[last..]);
    (rest, scopes)
}

fn word_spans(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.split_whitespace()
        .map(move |w| (w.as_ptr() as usize - text.as_ptr() as usize, w))
}

/// `topic:` matches a topic id, or a topic whose id or title holds the value; `tag:` a
/// tag word. A scope that names nothing narrows to nothing.
fn scope_query(index: &SearchIndex, kind: &str, value: &str) -> Box<dyn Query> {
    let f = &index.fields;
    let stems = analyzer::terms(&mut analyzer::stemmed(), value);
    let mut options: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    if kind == "topic" {
        let plain_value = analyzer::terms(&mut analyzer::plain(), value).join("-");
        for (id, title) in &index.topics {
            let by_title = !stems.is_empty() && stems.iter().all(|s| title.contains(s));
            if *id == value || (!plain_value.is_empty() && id.contains(&plain_value)) || by_title {
                let term = Term::from_field_text(f.topic, id);
                options.push((
                    Occur::Should,
                    Box::new(TermQuery::new(term, IndexRecordOption::Basic)),
                ));
            }
        }
    } else {
        let terms: Vec<Term> = stems.iter().map(|s| text_term(f.tags, s)).collect();
        match terms.len() {
            0 => {}
            1 => options.push((
                Occur::Should,
                Box::new(TermQuery::new(terms[0].clone(), IndexRecordOption::Basic)),
            )),
            _ => options.push((Occur::Should, Box::new(PhraseQuery::new(terms)))),
        }
    }
    // An empty BooleanQuery matches nothing, which is what an unknown scope should do.
    Box::new(BooleanQuery::new(options))
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

fn concepts(
    index: &SearchIndex,
    searcher: &Searcher,
    text: &str,
    words_text: &str,
) -> (Vec<Concept>, Vec<(Range<usize>, String)>) {
    let vocab = Vocab { index, searcher };
    let mut stem = StemCache::default();
    // "AND", "OR", "NOT" typed as operators are not words to look for, and must not keep
    // the words around them from forming a synonym phrase.
    let tokens: Vec<Token> = analyzer::tokens(&mut analyzer::plain(), words_text)
        .into_iter()
        .filter(|t| !matches!(&words_text[t.span.clone()], "AND" | "OR" | "NOT"))
        .collect();
    let tokens = join_hyphenated(&vocab, words_text, tokens);
    let ends_mid_word = !text.ends_with(|c: char| c.is_whitespace() || c == '"');
    let last_token = tokens.len().saturating_sub(1);
    let mut plains: Vec<Token> = Vec::new();
    let mut rewrites = Vec::new();
    for (i, t) in tokens.into_iter().enumerate() {
        // A word still being typed is split only when nothing starts with it.
        let split = split_run_together(&vocab, &mut stem, &t).filter(|_| {
            !(ends_mid_word
                && i == last_token
                && !expand(searcher, index.fields.plain, &t.term, 0, true).is_empty())
        });
        match split {
            Some((a, b)) => {
                rewrites.push((t.span.clone(), format!("{} {}", a.term, b.term)));
                plains.push(a);
                plains.push(b);
            }
            None => plains.push(t),
        }
    }
    let stems: Vec<String> = plains
        .iter()
        .map(|t| stem.stem(&t.term).to_string())
        .collect();
    let mut out: Vec<Concept> = Vec::new();
    let mut i = 0;
    while i < plains.len() {
        let words: Vec<String> = plains[i..].iter().map(|t| t.term.clone()).collect();
        let (mut n, mut group) = match index.synonyms.longest_match(&stems[i..], &words) {
            Some((n, g)) => (n, Some(g)),
            None => (1, None),
        };
        // The words of the phrase the concept is, as positions in `plains`.
        let mut taken: Vec<usize> = (i..i + n).collect();
        // A filler word inside a phrase still leaves the phrase ("what does microneedling
        // *actually* do", "does it *really* work"): the longer phrase read past fillers wins.
        let past_fillers: Vec<usize> = (i..plains.len())
            .filter(|&j| j == i || !FILLER_WORDS.contains(&plains[j].term.as_str()))
            .collect();
        if past_fillers.len() < plains.len() - i {
            let fs: Vec<String> = past_fillers.iter().map(|&j| stems[j].clone()).collect();
            let fw: Vec<String> = past_fillers
                .iter()
                .map(|&j| plains[j].term.clone())
                .collect();
            if let Some((m, g)) = index.synonyms.longest_match(&fs, &fw) {
                let covered = past_fillers[m - 1] + 1 - i;
                if m >= 2 && covered > n {
                    n = covered;
                    group = Some(g);
                    taken = past_fillers[..m].to_vec();
                }
            }
        }
        let span = plains[i].span.start..plains[i + n - 1].span.end;
        out.push(Concept {
            surface: words_text[span.clone()].to_string(),
            span,
            stems: taken.iter().map(|&j| stems[j].clone()).collect(),
            plain: taken.iter().map(|&j| plains[j].term.clone()).collect(),
            group,
            corrections: Vec::new(),
            spellings: Vec::new(),
            completions: Vec::new(),
            known: true,
            place: after_place_word(&plains[..i]),
        });
        i += n;
    }
    let meaningful = |c: &Concept| c.group.is_some() || !STOP_WORDS.contains(&c.plain[0].as_str());
    let mut typing = ends_mid_word;
    if out.iter().any(meaningful) {
        // When the word being typed is a stop word, do not complete an older word.
        typing &= out.last().is_some_and(meaningful);
        out.retain(meaningful);
    }
    // One concept once: the same word twice, or two names of one thing ("how often ...
    // repeated"), is one concept.
    let mut seen_groups: HashSet<usize> = HashSet::new();
    let mut seen_stems: HashSet<Vec<String>> = HashSet::new();
    let last = out.len().saturating_sub(1);
    let mut kept = Vec::with_capacity(out.len());
    for (i, c) in out.into_iter().enumerate() {
        let new_group = c.group.is_none_or(|g| seen_groups.insert(g));
        let new_stems = seen_stems.insert(c.stems.clone());
        // The word being typed is kept even if said before, as it may become another; not
        // when it is already a name of a group the query holds ("... be repeated").
        if (new_group && new_stems) || (typing && i == last && c.group.is_none()) {
            kept.push(c);
        }
    }
    let mut out = kept;
    out.truncate(MAX_CONCEPTS);
    (finish(&vocab, &mut stem, out, typing), rewrites)
}

/// Words that put what follows in a place: "on my face", "around the eyes".
const PLACE_WORDS: &[&str] = &["on", "in", "around", "across", "over"];
/// Only with one of these between: "on anticoagulants" or "in England" is what was asked.
const DETERMINERS: &[&str] = &["my", "the", "your", "his", "her", "their", "our", "a"];
/// How much a place counts ("tiny dots of blood on my face"): it frames the question, and
/// the section about the face must not outrank the one about the bleeding; alone, or with
/// nothing better, it still decides ("can it be done on my back").
const PLACE_WEIGHT: f32 = 0.5;

/// Whether the words before a concept end with a place word and a determiner, as in "dots
/// of blood on my *face*".
fn after_place_word(before: &[Token]) -> bool {
    let mut words = before.iter().rev().map(|t| t.term.as_str());
    match words.next() {
        Some(w) if DETERMINERS.contains(&w) => {
            words.next().is_some_and(|p| PLACE_WORDS.contains(&p))
        }
        _ => false,
    }
}

/// Two words joined by a hyphen that the guide writes as one ("hyper-pigmentation").
fn join_hyphenated(vocab: &Vocab, text: &str, tokens: Vec<Token>) -> Vec<Token> {
    let mut out: Vec<Token> = Vec::with_capacity(tokens.len());
    for t in tokens {
        if let Some(prev) = out.last_mut() {
            let joined = format!("{}{}", prev.term, t.term);
            if text.get(prev.span.end..t.span.start) == Some("-") && vocab.plain_freq(&joined) > 0 {
                prev.term = joined;
                prev.span.end = t.span.end;
                continue;
            }
        }
        out.push(t);
    }
    out
}

/// A word the guide does not know, made of two words it does ("needledepth").
fn split_run_together(vocab: &Vocab, stem: &mut StemCache, t: &Token) -> Option<(Token, Token)> {
    let w = t.term.as_str();
    if !w.is_ascii() || w.len() < 2 * MIN_PART || vocab.knows(w, stem.stem(w)) {
        return None;
    }
    let known = |part: &str, stem: &mut StemCache| {
        let s = stem.stem(part).to_string();
        let freq = vocab.plain_freq(part);
        if freq > 0 {
            Some(freq)
        } else {
            vocab.index.synonyms.knows(&s).then_some(1)
        }
    };
    let mut best: Option<(u64, usize)> = None;
    for at in MIN_PART..=w.len() - MIN_PART {
        let (Some(a), Some(b)) = (known(&w[..at], stem), known(&w[at..], stem)) else {
            continue;
        };
        let score = a.min(b);
        if best.is_none_or(|(s, _)| score > s) {
            best = Some((score, at));
        }
    }
    let (_, at) = best?;
    let start = t.span.start;
    // The query text may hold capitals; spans are bytes of ASCII, so they split alike.
    let cut = start + at;
    Some((
        Token {
            term: w[..at].to_string(),
            span: start..cut,
        },
        Token {
            term: w[at..].to_string(),
            span: cut..t.span.end,
        },
    ))
}

/// Fills in completions and corrections, and drops words that match nothing.
fn finish(
    vocab: &Vocab,
    stem: &mut StemCache,
    mut out: Vec<Concept>,
    typing: bool,
) -> Vec<Concept> {
    let f = &vocab.index.fields;
    let last = out.len().saturating_sub(1);
    for (i, c) in out.iter_mut().enumerate() {
        if c.stems.len() != 1 {
            continue;
        }
        let word = c.plain[0].clone();
        let len = word.chars().count();
        c.spellings = spellings(&word)
            .into_iter()
            .filter(|w| vocab.plain_freq(w) > 0)
            .collect();
        if c.group.is_none() {
            c.group = c.spellings.iter().find_map(|w| {
                let s = stem.stem(w).to_string();
                vocab.index.synonyms.group_of_word(w, &s)
            });
        }
        let known = c.group.is_some() || !c.spellings.is_empty() || vocab.knows(&word, &c.stems[0]);
        c.known = known;
        // The word being typed may be the start of a longer one; so may any word the guide
        // does not know ("anaest cream").
        if len >= 3 && ((typing && i == last) || !known) {
            c.completions = expand(vocab.searcher, f.plain, &word, 0, true)
                .into_iter()
                .filter(|(w, _)| *w != word)
                .take(MAX_COMPLETIONS)
                .map(|(w, _)| w)
                .collect();
        }
        // Only a word the guide does not know is a typo: a real word ("holes") is never
        // rewritten into another ("moles").
        if known || !c.completions.is_empty() || len < 4 {
            continue;
        }
        c.corrections = corrections(vocab, &word);
        // A corrected word brings its synonyms along ("dermaroler" -> dermaroller -> pens).
        if let Some(best) = c.corrections.first() {
            let s = stem.stem(best).to_string();
            c.group = vocab.index.synonyms.group_of_word(best, &s);
        }
    }
    // Words that match nothing at all add nothing but noise to the query.
    out.retain(|c| {
        c.group.is_some()
            || !c.corrections.is_empty()
            || !c.spellings.is_empty()
            || !c.completions.is_empty()
            || c.stems.iter().zip(&c.plain).all(|(s, p)| vocab.knows(p, s))
    });
    out
}

/// The word in the other spellings of English: UK "anaesthetic", "oedema", "colour",
/// "sterilise", "centre", "labelled" and US "anesthetic", "edema", "color", "sterilize",
/// "center", "labeled". Only candidates; the caller keeps those the guide uses.
fn spellings(word: &str) -> Vec<String> {
    if word.len() < 4 || !word.is_ascii() {
        return Vec::new();
    }
    let mut out: Vec<String> = Vec::new();
    // Inside a word: the UK digraphs of Greek and Latin words, and "-our".
    for (uk, us) in [("ae", "e"), ("oe", "e"), ("our", "or")] {
        let mut at = 0;
        while let Some(i) = word[at..].find(uk) {
            let i = at + i;
            out.push(format!("{}{us}{}", &word[..i], &word[i + uk.len()..]));
            at = i + uk.len();
        }
    }
    // US to UK inside a word: only the common stems, or every "e" would be a guess.
    for (us, uk) in [
        ("hem", "haem"),
        ("fet", "foet"),
        ("ped", "paed"),
        ("edem", "oedem"),
        ("estr", "oestr"),
        ("anest", "anaest"),
        ("color", "colour"),
        ("tumor", "tumour"),
        ("favor", "favour"),
        ("behavior", "behaviour"),
    ] {
        if let Some(i) = word.find(us) {
            out.push(format!("{}{uk}{}", &word[..i], &word[i + us.len()..]));
        }
    }
    // Endings, both ways: sterilise/sterilize, analyse/analyze, centre/center,
    // labelled/labeled, licence/license.
    for (a, b) in [
        ("ise", "ize"),
        ("ised", "ized"),
        ("ising", "izing"),
        ("isation", "ization"),
        ("isations", "izations"),
        ("iser", "izer"),
        ("isers", "izers"),
        ("yse", "yze"),
        ("ysed", "yzed"),
        ("tre", "ter"),
        ("tres", "ters"),
        ("lled", "led"),
        ("lling", "ling"),
        ("ller", "ler"),
        ("ence", "ense"),
        ("ogue", "og"),
    ] {
        for (from, to) in [(a, b), (b, a)] {
            if let Some(stem) = word.strip_suffix(from) {
                out.push(format!("{stem}{to}"));
            }
        }
    }
    out.retain(|w| w != word);
    out.sort();
    out.dedup();
    out
}

/// Indexed words close to an unknown `word`: one edit for short words, two from eight
/// letters, three for long words when nothing nearer exists ("maintainence"). A correction
/// keeps the first letter (or swaps the first two): people rarely mistype it, and that
/// keeps "holes" from becoming "moles".
fn corrections(vocab: &Vocab, word: &str) -> Vec<String> {
    let len = word.chars().count();
    let first: Vec<char> = word.chars().take(2).collect();
    let keeps_start = |w: &str| {
        let mut cs = w.chars();
        let (a, b) = (cs.next(), cs.next());
        a == first.first().copied() || (a == first.get(1).copied() && b == first.first().copied())
    };
    // A short word one letter away from a guide word is as often another real word as a
    // typo ("went", "west"): below five letters only swapped letters are corrected.
    let same_letters = |w: &str| {
        let mut a: Vec<char> = word.chars().collect();
        let mut b: Vec<char> = w.chars().collect();
        a.sort_unstable();
        b.sort_unstable();
        a == b
    };
    let distance = if len >= 8 { 2 } else { 1 };
    let f = &vocab.index.fields;
    let mut near: Vec<(String, u64)> = expand(vocab.searcher, f.plain, word, distance, false)
        .into_iter()
        .filter(|(w, _)| keeps_start(w) && (len >= 5 || same_letters(w)))
        .collect();
    if near.is_empty() && len >= 10 {
        let head: String = word.chars().take(4).collect();
        near = expand(vocab.searcher, f.plain, &head, 0, true)
            .into_iter()
            .filter(|(w, _)| strsim::damerau_levenshtein(word, w) <= 3)
            .collect();
    }
    near.sort_by_key(|(w, freq)| {
        (
            strsim::damerau_levenshtein(word, w),
            std::cmp::Reverse(*freq),
        )
    });
    near.into_iter()
        .take(MAX_CORRECTIONS)
        .map(|(w, _)| w)
        .collect()
}

/// Indexed words within `distance` edits of `word` (or starting with it), with how many
/// documents hold each, most common first.
fn expand(
    searcher: &Searcher,
    field: Field,
    word: &str,
    distance: u8,
    prefix: bool,
) -> Vec<(String, u64)> {
    let term = Term::from_field_text(field, word);
    let query = if prefix {
        FuzzyTermQuery::new_prefix(term, distance, true)
    } else {
        FuzzyTermQuery::new(term, distance, true)
    };
    let mut found: HashMap<String, u64> = HashMap::new();
    for seg in searcher.segment_readers() {
        let Ok(inverted) = seg.inverted_index(field) else {
            continue;
        };
        // One automaton per segment: the shipped guide has one segment.
        let Ok(automaton) = query.automaton() else {
            return Vec::new();
        };
        let Ok(mut stream) = inverted.terms().search(automaton).into_stream() else {
            continue;
        };
        while stream.advance() {
            if let Ok(w) = std::str::from_utf8(stream.key()) {
                *found.entry(w.to_string()).or_default() += u64::from(stream.value().doc_freq);
            }
        }
    }
    let mut out: Vec<(String, u64)> = found.into_iter().collect();
    out.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    out
}

fn text_term(field: Field, word: &str) -> Term {
    Term::from_field_text(field, word)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<(usize, &str, bool)> {
        let mut out = Vec::new();
        for_each_word(text, |i, r, ascii| out.push((i, &text[r], ascii)));
        out
    }

    #[test]
    fn words_are_cut_like_the_tokenizer_cuts_them() {
        let long = "x".repeat(analyzer::LONGEST_TERM + 1);
        let text = format!("Décolletage, 0.5mm—{long} PIH! Éclat");
        assert_eq!(
            words(&text),
            vec![
                (0, "Décolletage", false),
                (1, "0", true),
                (2, "5mm", true),
                (3, "PIH", true),
                (4, "Éclat", false),
            ]
        );
    }

    #[test]
    fn a_head_keeps_all_but_the_ending_of_a_long_stem() {
        let head = Head::of("therapi");
        assert_eq!(head.key, head_key("the"));
        assert_eq!(head.prefix, "thera");
        assert_eq!(Head::of("sun").prefix, "");
        assert_eq!(ascii_head_key("THErapy"), head_key("therapy"));
        // "possibility" stems to "possibl": its head still admits the word.
        assert!("possibility".starts_with(&Head::of("possibl").prefix));
    }
}
