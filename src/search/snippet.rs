//! A short excerpt of a section around the words that matched, with byte ranges to highlight.

use std::ops::Range;

use serde::Serialize;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Snippet {
    pub text: String,
    /// Byte ranges into `text`, sorted and not overlapping.
    pub highlights: Vec<Range<usize>>,
}

/// How many bytes of text a snippet shows, about two lines.
pub const SNIPPET_BYTES: usize = 180;
/// Context kept before the first highlighted word.
const LEAD_IN: usize = 40;
const ELLIPSIS: &str = "…";

/// Picks the window of `text` holding the most `marks` (sorted byte ranges) and cuts it at
/// word boundaries.
pub fn make(text: &str, marks: &[Range<usize>], width: usize) -> Snippet {
    if text.len() <= width {
        return Snippet {
            text: text.to_string(),
            highlights: marks.to_vec(),
        };
    }
    let best = (0..marks.len())
        .max_by_key(|&i| {
            let end = marks[i].start + width - LEAD_IN.min(width / 2);
            // More marks win; on a tie the earlier window (`Reverse`) does.
            let count = marks[i..].iter().take_while(|m| m.end <= end).count();
            (count, std::cmp::Reverse(i))
        })
        .map(|i| marks[i].start);
    let start = match best {
        Some(pos) if pos > LEAD_IN => word_start(text, pos - LEAD_IN.min(width / 2)),
        _ => 0,
    };
    let mut end = word_end(text, (start + width).min(text.len()));
    if end <= start {
        end = text.len();
    }
    let mut out = String::new();
    if start > 0 {
        out.push_str(ELLIPSIS);
    }
    let shift = out.len() as isize - start as isize;
    out.push_str(text[start..end].trim_end());
    let body_end = out.len();
    if end < text.len() {
        out.push_str(ELLIPSIS);
    }
    let highlights = marks
        .iter()
        .filter(|m| m.start >= start && m.end <= end)
        .map(|m| (m.start as isize + shift) as usize..(m.end as isize + shift) as usize)
        .filter(|m| m.end <= body_end)
        .collect();
    Snippet {
        text: out,
        highlights,
    }
}

/// How far a cut may move to land between words; beyond that it cuts inside a long word.
const WORD_SLACK: usize = 20;

/// The start of the word holding byte `pos` (or `pos` itself at a space).
fn word_start(text: &str, pos: usize) -> usize {
    let pos = floor_boundary(text, pos);
    let from = floor_boundary(text, pos.saturating_sub(WORD_SLACK));
    match text[from..pos].rfind(char::is_whitespace) {
        Some(ws) => from + ws + 1,
        None if from == 0 => 0,
        None => pos,
    }
}

/// The end of the word holding byte `pos`.
fn word_end(text: &str, pos: usize) -> usize {
    let pos = floor_boundary(text, pos);
    if pos >= text.len() {
        return text.len();
    }
    let from = floor_boundary(text, pos.saturating_sub(WORD_SLACK));
    match text[from..pos].rfind(char::is_whitespace) {
        Some(ws) => from + ws,
        None => pos,
    }
}

fn floor_boundary(text: &str, mut pos: usize) -> usize {
    pos = pos.min(text.len());
    while !text.is_char_boundary(pos) {
        pos -= 1;
    }
    pos
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marked(s: &Snippet) -> Vec<&str> {
        s.highlights.iter().map(|r| &s.text[r.clone()]).collect()
    }

    #[test]
    fn short_text_is_kept_whole() {
        let s = make(
            "Redness lasts two days.",
            std::slice::from_ref(&(0..7)),
            180,
        );
        assert_eq!(s.text, "Redness lasts two days.");
        assert_eq!(marked(&s), vec!["Redness"]);
    }

    #[test]
    fn long_text_is_cut_around_the_matches() {
        let filler = "word ".repeat(100);
        let text = format!("{filler}the redness fades {filler}");
        let at = text.find("redness").unwrap_or(0);
        let s = make(&text, std::slice::from_ref(&(at..at + 7)), 80);
        assert!(
            s.text.starts_with('…') && s.text.ends_with('…'),
            "{}",
            s.text
        );
        assert_eq!(marked(&s), vec!["redness"]);
        assert!(s.text.len() <= 80 + 2 * ELLIPSIS.len());
    }

    #[test]
    fn cuts_never_split_a_character() {
        let text = "é".repeat(300);
        let s = make(&text, std::slice::from_ref(&(300..302)), 50);
        assert_eq!(marked(&s), vec!["é"]);
        assert!(s.text.chars().all(|c| c == 'é' || c == '…'));
    }
}
