//! Expansion: what else each concept may be found as, from the guide's own vocabulary:
//! the other spelling (UK or US), typo corrections and completions of a partial word.

use std::collections::HashMap;

use tantivy::query::FuzzyTermQuery;
use tantivy::schema::Field;
use tantivy::{Searcher, Term};

use super::{Concept, Vocab};
use crate::analyzer::StemCache;

const MAX_CORRECTIONS: usize = 3;

const MAX_COMPLETIONS: usize = 8;

/// Fills in completions and corrections, and drops words that match nothing.
pub(super) fn finish(
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
pub(super) fn expand(
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
