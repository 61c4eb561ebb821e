//! Styled text to screen lines: word wrapping by display width (wide and combining
//! characters counted right) and marking matched search words.
//!
//! Text from the guide, the index, files and the keyboard reaches the screen through
//! [`Piece::new`], [`truncate`] or [`plain`], which all clean it here, so a pane never
//! cleans and widths are measured on what is shown. [`crate::tui::view::scrub`] is the
//! last defence behind them.

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
            text: plain(&text.into()),
            style,
            mark: Mark::None,
        }
    }
}

/// Text for one screen line: control and bidi characters dropped (see
/// [`crate::term::clean`]), line breaks as spaces. The browser's one cleaning step.
pub fn plain(s: &str) -> String {
    crate::term::clean(s).replace('\n', " ")
}

/// Wrapped lines plus where the marks landed: (line index, mark), once per marked run.
#[derive(Debug, Default)]
pub struct Wrapped {
    pub lines: Vec<Line<'static>>,
    pub marks: Vec<(usize, Mark)>,
}

/// Splits pieces at words matching `terms`, giving those words `highlight` style and the
/// `Match` mark. A word matches a term when it is the term or shares its English stem
/// ("scars" for "scar", "numb" for "numbing"), never on a bare prefix: "numbers" is not
/// "numbing". Only styles change, so the pieces wrap exactly as before (see [`wrap`]).
pub fn highlight(pieces: Vec<Piece>, terms: &[String], highlight: Style) -> Vec<Piece> {
    let mut stems = Stems::default();
    let terms: Vec<(String, String)> = terms
        .iter()
        .map(|t| t.trim().to_lowercase())
        .filter(|t| !t.is_empty())
        .map(|t| {
            let s = stems.of(&t);
            (t, s)
        })
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
            if !terms
                .iter()
                .any(|(t, s)| word == *t || stems.of(&word) == *s)
            {
                continue;
            }
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

/// English stems of lower-cased words, remembered: a section repeats its words.
#[derive(Default)]
struct Stems {
    analyzer: Option<tantivy::tokenizer::TextAnalyzer>,
    seen: std::collections::HashMap<String, String>,
}

impl Stems {
    fn of(&mut self, word: &str) -> String {
        if let Some(s) = self.seen.get(word) {
            return s.clone();
        }
        use tantivy::tokenizer::{
            AsciiFoldingFilter, Language, RawTokenizer, Stemmer, TextAnalyzer,
        };
        let analyzer = self.analyzer.get_or_insert_with(|| {
            TextAnalyzer::builder(RawTokenizer::default())
                .filter(AsciiFoldingFilter)
                .filter(Stemmer::new(Language::English))
                .build()
        });
        let mut stream = analyzer.token_stream(word);
        let stem = stream
            .next()
            .map(|t| t.text.clone())
            .unwrap_or_else(|| word.to_string());
        self.seen.insert(word.to_string(), stem.clone());
        stem
    }
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

/// A run of one style and mark inside a token.
struct Seg {
    text: String,
    style: Style,
    mark: Mark,
}

/// One unbreakable token: a word (or a space run) with its styled runs. A word is every
/// character between two spaces, whatever styles it spans, so "(numbing)." with a
/// highlighted middle breaks only where the plain text would.
struct Token {
    segs: Vec<Seg>,
    space: bool,
}

impl Token {
    fn width(&self) -> usize {
        self.segs.iter().map(|s| s.text.width()).sum()
    }
}

fn tokens(pieces: &[Piece]) -> Vec<Token> {
    let mut out: Vec<Token> = Vec::new();
    for p in pieces {
        let mut fresh_piece = true;
        for c in p.text.chars() {
            let is_space = c == ' ' || c == '\t';
            let c = if c == '\t' { ' ' } else { c };
            let continues = out.last().is_some_and(|t| t.space == is_space);
            if !continues {
                out.push(Token {
                    segs: Vec::new(),
                    space: is_space,
                });
                fresh_piece = true;
            }
            let tok = out.last_mut().expect("a token was just ensured");
            if fresh_piece || tok.segs.is_empty() {
                tok.segs.push(Seg {
                    text: String::new(),
                    style: p.style,
                    mark: p.mark,
                });
                fresh_piece = false;
            }
            tok.segs
                .last_mut()
                .expect("a run was just ensured")
                .text
                .push(c);
        }
    }
    out
}

/// Greedy word wrap to `width` columns. `first` prefixes the first line, `rest` the others
/// (list markers, caution bars). Words longer than a line are split between characters,
/// never between a character and its combining marks. Every marked run is reported once,
/// on the line where it starts, so a count of matches does not depend on the width.
pub fn wrap(
    pieces: &[Piece],
    width: usize,
    first: Vec<Span<'static>>,
    rest: Vec<Span<'static>>,
) -> Wrapped {
    let mut filler = Filler::new(width, first, rest);
    for tok in tokens(pieces) {
        if tok.space {
            filler.space(tok);
        } else {
            filler.word(tok);
        }
    }
    filler.finish()
}

fn indent_width(spans: &[Span<'static>]) -> usize {
    spans.iter().map(|s| s.content.width()).sum()
}

/// [`wrap`] at work: the line being filled and the lines done so far.
struct Filler {
    out: Wrapped,
    width: usize,
    /// The indent of every line after the first.
    rest: Vec<Span<'static>>,
    line: Vec<Span<'static>>,
    /// Columns taken on `line`, its indent included.
    used: usize,
    line_has_word: bool,
}

impl Filler {
    fn new(width: usize, first: Vec<Span<'static>>, rest: Vec<Span<'static>>) -> Filler {
        Filler {
            out: Wrapped::default(),
            width,
            rest,
            used: indent_width(&first),
            line: first,
            line_has_word: false,
        }
    }

    /// Spaces between words, kept only where the line has room for them; at the start of a
    /// line they are dropped.
    fn space(&mut self, tok: Token) {
        let w = tok.width();
        if self.line_has_word && self.used + w <= self.width {
            for s in tok.segs {
                self.line.push(Span::styled(s.text, s.style));
            }
            self.used += w;
        }
    }

    /// A word on this line if it fits, else on a new one; a word wider than a whole line is
    /// broken by characters.
    fn word(&mut self, tok: Token) {
        let w = tok.width();
        if self.line_has_word && self.used + w > self.width {
            self.next_line();
        }
        if self.used + w > self.width && w > 0 {
            self.break_word(tok);
            return;
        }
        for s in tok.segs {
            self.mark(s.mark);
            self.line.push(Span::styled(s.text, s.style));
        }
        self.used += w;
        self.line_has_word = true;
    }

    /// A word wider than the line, cut between characters as the columns run out.
    fn break_word(&mut self, tok: Token) {
        for s in tok.segs {
            self.mark(s.mark);
            let mut chunk = String::new();
            for c in s.text.chars() {
                let cw = c.width().unwrap_or(0);
                // Never between a zero-width joiner and what it joins (family emoji and such).
                let joined = chunk.ends_with('\u{200d}');
                if self.used + cw > self.width
                    && cw > 0
                    && !joined
                    && (self.line_has_word || !chunk.is_empty())
                {
                    if !chunk.is_empty() {
                        self.line
                            .push(Span::styled(std::mem::take(&mut chunk), s.style));
                    }
                    self.next_line();
                }
                chunk.push(c);
                self.used += cw;
            }
            if !chunk.is_empty() {
                self.line.push(Span::styled(chunk, s.style));
                self.line_has_word = true;
            }
        }
    }

    /// A marked run starts on the line being filled.
    fn mark(&mut self, mark: Mark) {
        if mark != Mark::None {
            self.out.marks.push((self.out.lines.len(), mark));
        }
    }

    /// Ends the line and starts the next under the `rest` indent.
    fn next_line(&mut self) {
        self.end_line();
        self.line = self.rest.clone();
        self.used = indent_width(&self.rest);
        self.line_has_word = false;
    }

    fn end_line(&mut self) {
        // Trailing spaces carry no meaning and would show as highlighted blanks.
        while self
            .line
            .last()
            .is_some_and(|s| s.content.trim().is_empty() && !s.content.is_empty())
        {
            self.line.pop();
        }
        self.out
            .lines
            .push(Line::from(std::mem::take(&mut self.line)));
    }

    /// The wrapped lines: the last one too if it holds a word, and always at least one.
    fn finish(mut self) -> Wrapped {
        if self.line_has_word || self.out.lines.is_empty() {
            self.end_line();
        }
        self.out
    }
}

/// `s` made [`plain`] and cut to at most `width` columns, adding "…" when it was cut.
pub fn truncate(s: &str, width: usize) -> String {
    let s = plain(s);
    if s.width() <= width {
        return s;
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

    fn marked(pieces: &[Piece]) -> Vec<&str> {
        pieces
            .iter()
            .filter(|p| p.mark == Mark::Match)
            .map(|p| p.text.as_str())
            .collect()
    }

    #[test]
    fn highlight_marks_whole_words_and_stems_case_insensitively() {
        let hl = Style::new().add_modifier(ratatui::style::Modifier::REVERSED);
        let p = highlight(
            vec![Piece::new(
                "Scars and a scarf; oscar, scarring",
                Style::new(),
            )],
            &["scar".to_string()],
            hl,
        );
        assert_eq!(marked(&p), vec!["Scars", "scarring"]);
        let w = wrap(&p, 40, vec![], vec![]);
        assert_eq!(w.marks, vec![(0, Mark::Match), (0, Mark::Match)]);
    }

    #[test]
    fn numbing_does_not_mark_numbers() {
        let p = highlight(
            vec![Piece::new(
                "Numbing cream numbs the skin; the numbers vary.",
                Style::new(),
            )],
            &["numbing".to_string()],
            Style::new().add_modifier(ratatui::style::Modifier::BOLD),
        );
        assert_eq!(marked(&p), vec!["Numbing", "numbs"]);
    }

    #[test]
    fn highlighting_never_moves_a_line_break() {
        let text = "Apply topical anaesthetic (numbing cream) for 30-60 minutes; \
                    remove it fully (numbing.) before needling, then re-cleanse.";
        let plain = vec![Piece::new(text, Style::new())];
        let hl = highlight(
            plain.clone(),
            &["numbing".to_string(), "cream".to_string()],
            Style::new().add_modifier(ratatui::style::Modifier::BOLD),
        );
        assert!(marked(&hl).len() >= 3);
        for width in 10..60 {
            let a: Vec<String> = wrap(&plain, width, vec![], vec![])
                .lines
                .iter()
                .map(text_of)
                .collect();
            let b: Vec<String> = wrap(&hl, width, vec![], vec![])
                .lines
                .iter()
                .map(text_of)
                .collect();
            assert_eq!(a, b, "width {width}");
            // Below 12 columns "re-cleanse." itself is broken by characters.
            for l in b.iter().filter(|_| width >= 12) {
                assert!(!l.ends_with('(') && !l.starts_with('.'), "{l:?} at {width}");
            }
        }
    }

    #[test]
    fn each_match_is_counted_once_whatever_the_width() {
        let p = highlight(
            vec![Piece::new(
                "scar one; scar two and scar three over several words of text",
                Style::new(),
            )],
            &["scar".to_string()],
            Style::new().add_modifier(ratatui::style::Modifier::BOLD),
        );
        for width in [6, 12, 30, 80] {
            assert_eq!(wrap(&p, width, vec![], vec![]).marks.len(), 3, "{width}");
        }
    }
}
