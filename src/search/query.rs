//! From what a person typed to ranked hits. No input is an error: the text is cut into
//! words (punctuation, operators and emoji are just separators), and each word or synonym
//! phrase becomes a "concept" matched exactly, through its synonyms, by typo correction or
//! as a prefix.

use std::collections::HashMap;
use std::ops::Range;

use tantivy::collector::TopDocs;
use tantivy::query::{
    AllQuery, BooleanQuery, BoostQuery, DisjunctionMaxQuery, FuzzyTermQuery, Occur, PhraseQuery,
    Query, TermQuery,
};
use tantivy::schema::{Field, IndexRecordOption, Value};
use tantivy::tokenizer::TextAnalyzer;
use tantivy::{Searcher, TantivyDocument, Term};

use super::analyzer::{self, StemCache, Token};
use super::snippet::{self, SNIPPET_BYTES};
use super::{Hit, SearchIndex, SearchResults};

/// Words beyond this are ignored: a pasted paragraph still answers at once.
const MAX_CONCEPTS: usize = 24;
/// A synonym counts a little less than the word typed.
const SYNONYM_WEIGHT: f32 = 0.7;
/// Typo corrections rank below exact matches.
const FUZZY_WEIGHT: f32 = 0.4;
/// Completions of the last word rank below exact matches too.
const PREFIX_WEIGHT: f32 = 0.5;
/// Two query words side by side in the text earn a bonus.
const PROXIMITY_WEIGHT: f32 = 0.6;
const MAX_CORRECTIONS: usize = 3;
/// How much the other ways a concept matched add to its best one.
const TIE_BREAKER: f32 = 0.1;
const MAX_COMPLETIONS: usize = 8;
/// How many leading letters a word and its stem are assumed to share.
const STEM_HEAD: usize = 3;

/// Query words that carry no meaning on their own; dropped unless nothing else is left.
const STOP_WORDS: &[&str] = &[
    "a", "an", "the", "of", "to", "in", "on", "at", "for", "and", "or", "is", "are", "am", "was",
    "were", "be", "been", "do", "does", "did", "how", "what", "when", "why", "which", "who", "can",
    "could", "should", "would", "will", "i", "me", "my", "we", "you", "your", "it", "its", "this",
    "that", "these", "those", "with", "about", "from", "by", "as", "if", "so", "than", "there",
    "their", "they", "them", "get", "much", "many", "any", "some", "very", "just", "not", "no",
    "after", "use", "using", "have", "has", "had", "need", "go", "going", "im", "really", "normal",
    "ok", "okay",
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
    /// Indexed words one or two edits away, closest and most common first.
    corrections: Vec<String>,
    /// Indexed words the last word is the start of.
    completions: Vec<String>,
}

/// How a single query variant is matched against a document's tokens.
#[derive(Debug, Clone)]
enum Probe {
    /// Consecutive stemmed words.
    Stems(Vec<String>),
    /// One unstemmed word.
    Plain(String),
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
    query: Box<dyn Query>,
    /// (concept index, label for `matched`, probe), exact probes first.
    probes: Vec<(usize, String, Probe)>,
    /// How every word in `probes` starts, sorted by key, to skip words that cannot match.
    heads: Vec<Head>,
    /// Which pairs of first letters start a probe word (see [`PairFilter`]).
    pairs: PairFilter,
    did_you_mean: Option<String>,
    expansions: Vec<String>,
}

pub(super) fn run(index: &SearchIndex, text: &str, limit: usize) -> SearchResults {
    let searcher = index.reader.searcher();
    let Some(plan) = plan(index, &searcher, text) else {
        return SearchResults::default();
    };
    let mut results = SearchResults {
        hits: Vec::new(),
        did_you_mean: plan.did_you_mean.clone(),
        expansions: plan.expansions.clone(),
    };
    if limit == 0 {
        return results;
    }
    // A damaged index can fail mid-query; the caller gets no hits rather than an error.
    // The collector allocates for `limit` hits up front: never ask for more than there are
    // documents, whatever the caller passed.
    let limit = limit
        .min(searcher.num_docs().try_into().unwrap_or(usize::MAX))
        .max(1);
    let Ok(top) = searcher.search(&plan.query, &TopDocs::with_limit(limit).order_by_score()) else {
        return results;
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
        let ranges: Vec<Range<usize>> = body_marks.iter().map(|(_, _, r)| r.clone()).collect();
        results.hits.push(Hit {
            id: get(f.id),
            title,
            path: get(f.path),
            score,
            snippet: snippet::make(&body, &ranges, SNIPPET_BYTES),
            matched,
            highlight_terms: words,
        });
    }
    results
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
        plain: String,
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
            plain: folded,
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
            Probe::Plain(p) => {
                for (i, c) in candidates.iter().enumerate() {
                    if c.plain == *p && !taken[i] {
                        taken[i] = true;
                        out.push((*concept, label.clone(), c.span.clone()));
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
    let mut scope_clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    for (kind, value) in &scopes {
        scope_clauses.push((Occur::Must, scope_query(index, kind, value)));
    }

    let concepts = concepts(index, searcher, text, &words_text);
    if concepts.is_empty() && scope_clauses.is_empty() {
        return None;
    }

    let f = &index.fields;
    let mut probes: Vec<(usize, String, Probe)> = Vec::new();
    let mut expansions = Vec::new();
    let mut concept_clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    let num_docs = searcher.num_docs().max(1);
    for (ci, c) in concepts.iter().enumerate() {
        // Each way of matching the concept is one alternative; a section scores by its best
        // alternative (plus a little for the others), so a section listing ten synonyms
        // does not outrank one that discusses the word typed.
        let mut alternatives: Vec<Box<dyn Query>> = vec![all_fields(f, &c.stems, 1.0)];
        probes.push((ci, c.surface.clone(), Probe::Stems(c.stems.clone())));
        // A word found in most sections (the guide's own subject) already matches
        // everywhere; its synonyms would only reward the sections that list them.
        let everywhere = c.stems.len() == 1
            && f.weighted().iter().any(|(field, _)| {
                searcher
                    .doc_freq(&text_term(*field, &c.stems[0]))
                    .unwrap_or(0)
                    * 2
                    > num_docs
            });
        if let Some(g) = c
            .group
            .and_then(|g| index.synonyms.groups.get(g))
            .filter(|_| !everywhere)
        {
            let canonical = g.canonical();
            if c.corrections.is_empty() && g.variants.first().is_some_and(|v| v.stems != c.stems) {
                expansions.push(format!("{} -> {canonical}", c.surface));
            }
            for v in g.variants.iter().filter(|v| v.stems != c.stems) {
                alternatives.push(all_fields(f, &v.stems, SYNONYM_WEIGHT));
                let label = if !c.corrections.is_empty() {
                    format!("{} ~ {}", c.surface, v.text)
                } else if v.text == canonical || g.variants[0].stems == c.stems {
                    format!("{} -> {}", c.surface, v.text)
                } else {
                    format!("{} -> {canonical}", c.surface)
                };
                probes.push((ci, label, Probe::Stems(v.stems.clone())));
            }
        }
        for (i, word) in c.corrections.iter().enumerate() {
            let weight = if i == 0 {
                FUZZY_WEIGHT
            } else {
                FUZZY_WEIGHT / 2.0
            };
            alternatives.push(boosted(term_query(f.plain, word), weight));
            probes.push((
                ci,
                format!("{} ~ {word}", c.surface),
                Probe::Plain(word.clone()),
            ));
        }
        for word in &c.completions {
            alternatives.push(boosted(term_query(f.plain, word), PREFIX_WEIGHT));
            probes.push((ci, format!("{}*", c.surface), Probe::Plain(word.clone())));
        }
        concept_clauses.push((
            Occur::Should,
            Box::new(DisjunctionMaxQuery::with_tie_breaker(
                alternatives,
                TIE_BREAKER,
            )),
        ));
    }
    // Words typed side by side and found side by side: a small bonus.
    for pair in concepts.windows(2) {
        if let ([a], [b]) = (pair[0].stems.as_slice(), pair[1].stems.as_slice()) {
            for (field, weight) in [(f.title, 1.0), (f.lead, 0.8), (f.body, 0.6)] {
                let terms = vec![(0, text_term(field, a)), (1, text_term(field, b))];
                let phrase = PhraseQuery::new_with_offset_and_slop(terms, 1);
                concept_clauses.push((
                    Occur::Should,
                    boosted(Box::new(phrase), PROXIMITY_WEIGHT * weight),
                ));
            }
        }
    }

    let query: Box<dyn Query> = if concept_clauses.is_empty() {
        scope_clauses.push((Occur::Must, Box::new(AllQuery)));
        Box::new(BooleanQuery::new(scope_clauses))
    } else if scope_clauses.is_empty() {
        Box::new(BooleanQuery::new(concept_clauses))
    } else {
        scope_clauses.push((Occur::Must, Box::new(BooleanQuery::new(concept_clauses))));
        Box::new(BooleanQuery::new(scope_clauses))
    };
    let did_you_mean = did_you_mean(text, &concepts);
    let mut heads: Vec<Head> = probes
        .iter()
        .flat_map(|(_, _, p)| match p {
            Probe::Stems(words) => words.iter().map(|w| Head::of(w)).collect(),
            Probe::Plain(word) => vec![Head::of(word)],
        })
        .collect();
    heads.sort_unstable();
    heads.dedup();
    let pairs = PairFilter::new(probes.iter().flat_map(|(_, _, p)| match p {
        Probe::Stems(words) => words.iter().map(String::as_str).collect::<Vec<_>>(),
        Probe::Plain(word) => vec![word.as_str()],
    }));
    Some(Planned {
        query,
        probes,
        heads,
        pairs,
        did_you_mean,
        expansions,
    })
}

/// The query with each unknown word replaced by its best correction.
fn did_you_mean(text: &str, concepts: &[Concept]) -> Option<String> {
    let mut out = text.to_string();
    let mut changed = false;
    for c in concepts.iter().rev() {
        if let (true, Some(best)) = (c.completions.is_empty(), c.corrections.first()) {
            out.replace_range(c.span.clone(), best);
            changed = true;
        }
    }
    changed.then(|| out.split_whitespace().collect::<Vec<_>>().join(" "))
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

fn concepts(
    index: &SearchIndex,
    searcher: &Searcher,
    text: &str,
    words_text: &str,
) -> Vec<Concept> {
    let plains = analyzer::tokens(&mut analyzer::plain(), words_text);
    let stems = stems_for(&plains, words_text);
    // "AND", "OR", "NOT" typed as operators are not words to look for, and must not keep
    // the words around them from forming a synonym phrase.
    let (plains, stems): (Vec<Token>, Vec<String>) = plains
        .into_iter()
        .zip(stems)
        .filter(|(t, _)| !matches!(&words_text[t.span.clone()], "AND" | "OR" | "NOT"))
        .unzip();
    let ends_mid_word = !text.ends_with(|c: char| c.is_whitespace() || c == '"');
    let mut out: Vec<Concept> = Vec::new();
    let mut i = 0;
    while i < plains.len() {
        let (n, group) = match index.synonyms.longest_match(&stems[i..]) {
            Some((n, g)) => (n, Some(g)),
            None => (1, None),
        };
        let span = plains[i].span.start..plains[i + n - 1].span.end;
        out.push(Concept {
            surface: words_text[span.clone()].to_string(),
            span,
            stems: stems[i..i + n].to_vec(),
            plain: plains[i..i + n].iter().map(|t| t.term.clone()).collect(),
            group,
            corrections: Vec::new(),
            completions: Vec::new(),
        });
        i += n;
    }
    let meaningful = |c: &Concept| c.group.is_some() || !STOP_WORDS.contains(&c.plain[0].as_str());
    if out.iter().any(meaningful) {
        let last_was_kept = out.last().is_some_and(meaningful);
        out.retain(meaningful);
        if !last_was_kept {
            // The word being typed was a stop word; do not complete an older word.
            out.truncate(MAX_CONCEPTS);
            return finish(index, searcher, out, false);
        }
    }
    out.truncate(MAX_CONCEPTS);
    finish(index, searcher, out, ends_mid_word)
}

fn finish(
    index: &SearchIndex,
    searcher: &Searcher,
    mut out: Vec<Concept>,
    complete_last: bool,
) -> Vec<Concept> {
    let f = &index.fields;
    let last = out.len().saturating_sub(1);
    for (i, c) in out.iter_mut().enumerate() {
        if c.stems.len() != 1 {
            continue;
        }
        let word = c.plain[0].clone();
        if complete_last && i == last && word.chars().count() >= 3 {
            c.completions = expand(searcher, f.plain, &word, 0, true)
                .into_iter()
                .filter(|(w, _)| *w != word)
                .take(MAX_COMPLETIONS)
                .map(|(w, _)| w)
                .collect();
        }
        let known = c.group.is_some()
            || f.weighted().iter().any(|(field, _)| {
                searcher
                    .doc_freq(&text_term(*field, &c.stems[0]))
                    .unwrap_or(0)
                    > 0
            });
        let len = word.chars().count();
        if known || !c.completions.is_empty() || len < 4 {
            continue;
        }
        let distance = if len >= 8 { 2 } else { 1 };
        let mut near = expand(searcher, f.plain, &word, distance, false);
        near.sort_by_key(|(w, freq)| {
            (
                strsim::damerau_levenshtein(&word, w),
                std::cmp::Reverse(*freq),
            )
        });
        c.corrections = near
            .into_iter()
            .take(MAX_CORRECTIONS)
            .map(|(w, _)| w)
            .collect();
        // A corrected word brings its synonyms along ("dermaroler" -> dermaroller -> pens).
        if let Some(best) = c.corrections.first() {
            let stems = analyzer::terms(&mut analyzer::stemmed(), best);
            c.group = index.synonyms.group_of(&stems);
        }
    }
    // Words that match nothing at all add nothing but noise to the query.
    out.retain(|c| {
        c.group.is_some()
            || !c.corrections.is_empty()
            || !c.completions.is_empty()
            || is_indexed(index, searcher, c)
    });
    out
}

fn is_indexed(index: &SearchIndex, searcher: &Searcher, c: &Concept) -> bool {
    c.stems.iter().all(|s| {
        index
            .fields
            .weighted()
            .iter()
            .any(|(field, _)| searcher.doc_freq(&text_term(*field, s)).unwrap_or(0) > 0)
    })
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

/// The stemmed form of each plain token (the two analyzers share a tokenizer, so they
/// produce the same tokens in the same order).
fn stems_for(plains: &[Token], text: &str) -> Vec<String> {
    let stems = analyzer::tokens(&mut analyzer::stemmed(), text);
    if stems.len() == plains.len() {
        return stems.into_iter().map(|t| t.term).collect();
    }
    let mut stem = analyzer::stemmed();
    plains
        .iter()
        .map(|t| {
            analyzer::terms(&mut stem, &t.term)
                .pop()
                .unwrap_or_default()
        })
        .collect()
}

fn text_term(field: Field, word: &str) -> Term {
    Term::from_field_text(field, word)
}

fn term_query(field: Field, word: &str) -> Box<dyn Query> {
    Box::new(TermQuery::new(
        text_term(field, word),
        IndexRecordOption::WithFreqs,
    ))
}

fn boosted(query: Box<dyn Query>, boost: f32) -> Box<dyn Query> {
    if (boost - 1.0).abs() < f32::EPSILON {
        query
    } else {
        Box::new(BoostQuery::new(query, boost))
    }
}

/// A word or phrase on every stemmed field, the field scores summed.
fn all_fields(f: &super::schema::Fields, stems: &[String], weight: f32) -> Box<dyn Query> {
    Box::new(BooleanQuery::new(stemmed_clauses(f, stems, weight)))
}

/// A word or phrase matched on every stemmed field, each with its weight.
fn stemmed_clauses(
    f: &super::schema::Fields,
    stems: &[String],
    weight: f32,
) -> Vec<(Occur, Box<dyn Query>)> {
    f.weighted()
        .into_iter()
        .map(|(field, w)| {
            let q: Box<dyn Query> = if stems.len() == 1 {
                term_query(field, &stems[0])
            } else {
                Box::new(PhraseQuery::new(
                    stems.iter().map(|s| text_term(field, s)).collect(),
                ))
            };
            (Occur::Should, boosted(q, w * weight))
        })
        .collect()
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
