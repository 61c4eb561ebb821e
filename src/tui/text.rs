//! Styled text to screen lines: word wrapping by display width (wide and combining
//! characters counted right) and marking matched search words.

use ratatui::style::Style;
use ratatui::text::{Line, Span};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// What a piece of text is, beyond its look: plain, a search match, or see-also link `n`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    None,
    Match,
    Link(usize),
}

/// A run of text with one style and mark.
#[derive(Debug, Clone)]
pub struct Piece {
    pub text: String,
    pub style: Style,
    pub mark: Mark,
}

impl Piece {
    pub fn new(text: impl Into<String>, style: Style) -> Piece {
        Piece {
            text: crate::term::clean(&text.into()).replace('\n', " "),
            style,
            mark: Mark::None,
        }
    }
}

/// Wrapped lines plus where the marks landed (line index, mark).
#[derive(Debug, Default)]
pub struct Wrapped {
    pub lines: Vec<Line<'static>>,
    pub marks: Vec<(usize, Mark)>,
}

/// Splits pieces at words matching `terms` (case-insensitive word prefix, so "scar"
/// marks "scars"), giving those words `highlight` style and the `Match` mark.
pub fn highlight(pieces: Vec<Piece>, terms: &[String], highlight: Style) -> Vec<Piece> {
    let terms: Vec<String> = terms
        .iter()
        .map(|t| t.to_lowercase())
        .filter(|t| !t.trim().is_empty())
        .collect();
    if terms.is_empty() {
        return pieces;
    }
    let mut out = Vec::new();
    for p in pieces {
        if p.mark != Mark::None {
            out.push(p);
            continue;
        }
        let mut rest_start = 0;
        for (start, end) in word_bounds(&p.text) {
            let word = p.text[start..end].to_lowercase();
            if terms.iter().any(|t| word_matches(&word, t)) {
                if start > rest_start {
                    out.push(Piece {
                        text: p.text[rest_start..start].to_string(),
                        style: p.style,
                        mark: Mark::None,
                    });
                }
                out.push(Piece {
                    text: p.text[start..end].to_string(),
                    style: p.style.patch(highlight),
                    mark: Mark::Match,
                });
                rest_start = end;
            }
        }
        if rest_start < p.text.len() {
            out.push(Piece {
                text: p.text[rest_start..].to_string(),
                style: p.style,
                mark: Mark::None,
            });
        }
    }
    out
}

fn word_matches(word: &str, term: &str) -> bool {
    if word == term {
        return true;
    }
    // A stemmed term ("scar", "inject") marks its inflections; short terms must match whole.
    term.chars().count() >= 3 && word.starts_with(term)
}

/// Byte ranges of alphanumeric words.
fn word_bounds(s: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in s.char_indices() {
        let inside =
            c.is_alphanumeric() || (start.is_some() && (c == '\'' || c.width() == Some(0)));
        match (inside, start) {
            (true, None) => start = Some(i),
            (false, Some(st)) => {
                out.push((st, i));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(st) = start {
        out.push((st, s.len()));
    }
    out
}

/// One unbreakable token: a word (or a space run) with its style and mark.
struct Token {
    text: String,
    style: Style,
    mark: Mark,
    space: bool,
}

fn tokens(pieces: &[Piece]) -> Vec<Token> {
    let mut out = Vec::new();
    for p in pieces {
        let mut cur = String::new();
        let mut cur_space = false;
        for c in p.text.chars() {
            let is_space = c == ' ' || c == '\t';
            if !cur.is_empty() && is_space != cur_space {
                out.push(Token {
                    text: std::mem::take(&mut cur),
                    style: p.style,
                    mark: p.mark,
                    space: cur_space,
                });
            }
            cur_space = is_space;
            cur.push(if c == '\t' { ' ' } else { c });
        }
        if !cur.is_empty() {
            out.push(Token {
                text: cur,
                style: p.style,
                mark: p.mark,
                space: cur_space,
            });
        }
    }
    out
}

/// Greedy word wrap to `width` columns. `first` prefixes the first line, `rest` the others
/// (list markers, caution bars). Words longer than a line are split between characters,
/// never between a character and its combining marks.
pub fn wrap(
    pieces: &[Piece],
    width: usize,
    first: Vec<Span<'static>>,
    rest: Vec<Span<'static>>,
) -> Wrapped {
    let mut out = Wrapped::default();
    let indent_w = |spans: &[Span<'static>]| spans.iter().map(|s| s.content.width()).sum::<usize>();
    let mut line: Vec<Span<'static>> = first.clone();
    let mut used = indent_w(&first);
    let mut line_has_word = false;
    let mut pending_marks: Vec<Mark> = Vec::new();
    let finish = |out: &mut Wrapped, line: &mut Vec<Span<'static>>, marks: &mut Vec<Mark>| {
        // Trailing spaces carry no meaning and would show as highlighted blanks.
        while line
            .last()
            .is_some_and(|s| s.content.trim().is_empty() && !s.content.is_empty())
        {
            line.pop();
        }
        let idx = out.lines.len();
        for m in marks.drain(..) {
            out.marks.push((idx, m));
        }
        out.lines.push(Line::from(std::mem::take(line)));
    };
    for tok in tokens(pieces) {
        let w = tok.text.width();
        if tok.space {
            if line_has_word && used + w <= width {
                line.push(Span::styled(tok.text, tok.style));
                used += w;
            }
            continue;
        }
        if line_has_word && used + w > width {
            finish(&mut out, &mut line, &mut pending_marks);
            line = rest.clone();
            used = indent_w(&rest);
            line_has_word = false;
        }
        if used + w <= width || w == 0 {
            if tok.mark != Mark::None && !pending_marks.contains(&tok.mark) {
                pending_marks.push(tok.mark);
            }
            line.push(Span::styled(tok.text, tok.style));
            used += w;
            line_has_word = true;
            continue;
        }
        // A word wider than the line: break it by characters.
        let mut chunk = String::new();
        for c in tok.text.chars() {
            let cw = c.width().unwrap_or(0);
            // Never between a zero-width joiner and what it joins (family emoji and such).
            let joined = chunk.ends_with('\u{200d}');
            if used + cw > width && cw > 0 && !joined && (line_has_word || !chunk.is_empty()) {
                if !chunk.is_empty() {
                    line.push(Span::styled(std::mem::take(&mut chunk), tok.style));
                }
                if tok.mark != Mark::None && !pending_marks.contains(&tok.mark) {
                    pending_marks.push(tok.mark);
                }
                finish(&mut out, &mut line, &mut pending_marks);
                line = rest.clone();
                used = indent_w(&rest);
                line_has_word = false;
            }
            chunk.push(c);
            used += cw;
        }
        if !chunk.is_empty() {
            if tok.mark != Mark::None && !pending_marks.contains(&tok.mark) {
                pending_marks.push(tok.mark);
            }
            line.push(Span::styled(chunk, tok.style));
            line_has_word = true;
        }
    }
    if line_has_word || out.lines.is_empty() {
        finish(&mut out, &mut line, &mut pending_marks);
    }
    out
}

/// Cuts `s` to at most `width` columns, adding "…" when it was cut.
pub fn truncate(s: &str, width: usize) -> String {
    if s.width() <= width {
        return s.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let cw = c.width().unwrap_or(0);
        if used + cw + 1 > width {
            break;
        }
        out.push(c);
        used += cw;
    }
    if width > 0 {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text_of(line: &Line<'_>) -> String {
        line.spans.iter().map(|s| s.content.as_ref()).collect()
    }

    #[test]
    fn wraps_by_display_width_with_wide_and_combining_characters() {
        let pieces = vec![Piece::new(
            "日本語 テキスト cafe\u{301} naïve words here",
            Style::new(),
        )];
        let w = wrap(&pieces, 10, vec![], vec![]);
        for l in &w.lines {
            assert!(text_of(l).width() <= 10, "{:?}", text_of(l));
        }
        let all: String = w.lines.iter().map(text_of).collect::<Vec<_>>().join(" ");
        assert!(
            all.contains("cafe\u{301}"),
            "combining mark kept with its letter: {all}"
        );
    }

    #[test]
    fn long_words_are_split_and_indents_apply() {
        let pieces = vec![Piece::new("supercalifragilistic ok", Style::new())];
        let w = wrap(&pieces, 8, vec![Span::raw("• ")], vec![Span::raw("  ")]);
        assert_eq!(text_of(&w.lines[0]), "• superc");
        assert!(w.lines.iter().all(|l| text_of(l).width() <= 8));
        assert!(text_of(w.lines.last().expect("lines")).ends_with("ok"));
    }

    #[test]
    fn highlight_marks_word_prefixes_case_insensitively() {
        let hl = Style::new().add_modifier(ratatui::style::Modifier::REVERSED);
        let p = highlight(
            vec![Piece::new("Scars and a scarf; oscar", Style::new())],
            &["scar".to_string()],
            hl,
        );
        let marked: Vec<&str> = p
            .iter()
            .filter(|p| p.mark == Mark::Match)
            .map(|p| p.text.as_str())
            .collect();
        assert_eq!(marked, vec!["Scars", "scarf"]);
        let w = wrap(&p, 40, vec![], vec![]);
        assert_eq!(w.marks, vec![(0, Mark::Match)]);
    }
}
