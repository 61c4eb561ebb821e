//! Parsing: the query text cut into `topic:` and `tag:` scopes and concepts (a word, a
//! synonym phrase, a hyphenated or run-together word read as the guide writes it).

use std::collections::HashSet;
use std::ops::Range;

use tantivy::Searcher;

use super::expand::{expand, finish};
use super::{Concept, STOP_WORDS, SearchIndex, Vocab};
use crate::analyzer::{self, StemCache, Token};

/// Words beyond this are ignored: a pasted paragraph still answers at once.
const MAX_CONCEPTS: usize = 24;

/// Parts of a run-together word must be at least this long ("needledepth").
const MIN_PART: usize = 3;

/// Splits `topic:X` and `tag:X` out of the query. The remaining text keeps the original
/// byte offsets (scopes become spaces) so concepts can point back into the query.
pub(super) fn split_scopes(text: &str) -> (String, Vec<(String, String)>) {
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

pub(super) fn concepts(
    index: &SearchIndex,
    searcher: &Searcher,
    text: &str,
    words_text: &str,
) -> (Vec<Concept>, Vec<(Range<usize>, String)>) {
    let vocab = Vocab { index, searcher };
    let mut stem = StemCache::default();
    let ends_mid_word = !text.ends_with(|c: char| c.is_whitespace() || c == '"');
    let (plains, rewrites) = query_words(&vocab, &mut stem, words_text, ends_mid_word);
    let stems: Vec<String> = plains
        .iter()
        .map(|t| stem.stem(&t.term).to_string())
        .collect();
    let mut out: Vec<Concept> = Vec::new();
    let mut i = 0;
    while i < plains.len() {
        let (n, group, taken) = phrase_at(index, &plains, &stems, i);
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
            place: after_place_word(&plains[..i])
                || (n == 1 && group.is_none() && BODY_AREAS.contains(&plains[i].term.as_str())),
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
    let mut out = once_each(out, typing);
    out.truncate(MAX_CONCEPTS);
    (finish(&vocab, &mut stem, out, typing), rewrites)
}

/// The query's words: operators left out, hyphenated words the guide writes as one joined,
/// and run-together words split (each split also as a rewrite to show).
fn query_words(
    vocab: &Vocab,
    stem: &mut StemCache,
    words_text: &str,
    ends_mid_word: bool,
) -> (Vec<Token>, Vec<(Range<usize>, String)>) {
    // "AND", "OR", "NOT" typed as operators are not words to look for, and must not keep
    // the words around them from forming a synonym phrase.
    let tokens: Vec<Token> = analyzer::tokens(&mut analyzer::plain(), words_text)
        .into_iter()
        .filter(|t| !matches!(&words_text[t.span.clone()], "AND" | "OR" | "NOT"))
        .collect();
    let tokens = join_hyphenated(vocab, words_text, tokens);
    let last_token = tokens.len().saturating_sub(1);
    let mut plains: Vec<Token> = Vec::new();
    let mut rewrites = Vec::new();
    for (i, t) in tokens.into_iter().enumerate() {
        // A word still being typed is split only when nothing starts with it.
        let split = split_run_together(vocab, stem, &t).filter(|_| {
            !(ends_mid_word
                && i == last_token
                && !expand(vocab.searcher, vocab.index.fields.plain, &t.term, 0, true).is_empty())
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
    (plains, rewrites)
}

/// The concept starting at word `i`: how many words it spans, its synonym group, and the
/// positions of its own words (fillers inside a phrase left out).
fn phrase_at(
    index: &SearchIndex,
    plains: &[Token],
    stems: &[String],
    i: usize,
) -> (usize, Option<usize>, Vec<usize>) {
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
    (n, group, taken)
}

/// One concept once: the same word twice, or two names of one thing ("how often ...
/// repeated"), is one concept.
fn once_each(out: Vec<Concept>, typing: bool) -> Vec<Concept> {
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
    kept
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

/// Words that put what follows in a place: "on my face", "around the eyes".
const PLACE_WORDS: &[&str] = &["on", "in", "around", "across", "over"];

/// Parts of the body: where the problem is, rarely what is asked about ("my *face* went
/// red and blotchy", "pitted marks on my *cheeks*"), so they weigh as a place does even
/// without "on my"; alone they still decide ("can it be done on the neck").
const BODY_AREAS: &[&str] = &[
    "face", "faces", "cheek", "cheeks", "forehead", "nose", "chin", "jaw", "jawline", "neck",
    "scalp", "eye", "eyes", "eyelid", "eyelids", "lip", "lips", "mouth", "arm", "arms", "leg",
    "legs", "back", "chest", "hand", "hands", "tummy", "belly", "stomach", "abdomen", "thigh",
    "thighs", "knee", "knees", "body",
];

/// Only with one of these between: "on anticoagulants" or "in England" is what was asked.
const DETERMINERS: &[&str] = &["my", "the", "your", "his", "her", "their", "our", "a"];

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
