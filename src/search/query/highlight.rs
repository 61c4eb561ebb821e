//! Highlighting: the words of a hit's text that match the query, found without analysing
//! every word, and the snippet that shows the most of them.

use std::ops::Range;

use tantivy::tokenizer::TextAnalyzer;

use super::{Planned, Probe};
use crate::analyzer::{self, StemCache};
use crate::search::snippet::{self, SNIPPET_BYTES};

/// How many leading letters a word and its stem are assumed to share.
const STEM_HEAD: usize = 3;

/// What a word of the text must start with to possibly match one probe word.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(super) struct Head {
    /// [`head_key`] of the probe word: its first [`STEM_HEAD`] characters.
    key: u64,
    /// For a longer stem, all but its last two characters: the stemmer rewrites only a
    /// word's ending ("possibility" -> "possibl"), so any word it came from starts with
    /// these. This keeps "the" from being stemmed for every hit of "therapy".
    prefix: String,
}

impl Head {
    pub(super) fn of(probe_word: &str) -> Head {
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

/// The snippet: the summary when it holds the matched words, else the fact row holding the
/// most of them, else the stretch of text that does.
#[allow(clippy::too_many_arguments)]
pub(super) fn best_snippet(
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
pub(super) fn mark(
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
pub(super) struct PairFilter {
    /// `None` when some probe word is too short or not ASCII: every word must be looked at.
    bits: Option<[u64; 16]>,
}

impl PairFilter {
    pub(super) fn new<'a>(probe_words: impl Iterator<Item = &'a str>) -> PairFilter {
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
