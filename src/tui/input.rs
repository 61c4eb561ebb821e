//! A one-line text box: the query string and a cursor (a byte offset on a char boundary).
//! Small enough to hand-roll; no second ratatui or crossterm comes in with it.

use ratatui::style::Style;
use ratatui::text::Span;
use unicode_width::UnicodeWidthChar;

/// Most characters the box holds.
pub const MAX_CHARS: usize = 200;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TextInput {
    text: String,
    cursor: usize,
}

impl TextInput {
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Cursor position as a byte offset into [`TextInput::text`].
    pub fn cursor(&self) -> usize {
        self.cursor
    }

    /// Replaces the text, cursor at the end.
    pub fn set(&mut self, text: &str) {
        self.text = text.to_string();
        self.cursor = self.text.len();
    }

    /// Inserts at the cursor; false (and nothing inserted) when the box is full.
    pub fn insert(&mut self, c: char) -> bool {
        // Control and bidi characters would reach the terminal when the box is drawn.
        if c.is_control() || crate::term::is_bidi_control(c) {
            return true;
        }
        // Each search costs time per word; nobody types a query this long, and a huge
        // paste must not become a huge query.
        if self.text.chars().count() >= MAX_CHARS {
            return false;
        }
        self.text.insert(self.cursor, c);
        self.cursor += c.len_utf8();
        true
    }

    /// Deletes the character before the cursor; false when there is none.
    pub fn backspace(&mut self) -> bool {
        match self.text[..self.cursor].chars().next_back() {
            Some(c) => {
                self.cursor -= c.len_utf8();
                self.text.remove(self.cursor);
                true
            }
            None => false,
        }
    }

    /// Deletes the character under the cursor; false when at the end.
    pub fn delete(&mut self) -> bool {
        if self.cursor < self.text.len() {
            self.text.remove(self.cursor);
            true
        } else {
            false
        }
    }

    pub fn left(&mut self) {
        if let Some(c) = self.text[..self.cursor].chars().next_back() {
            self.cursor -= c.len_utf8();
        }
    }

    pub fn right(&mut self) {
        if let Some(c) = self.text[self.cursor..].chars().next() {
            self.cursor += c.len_utf8();
        }
    }

    pub fn home(&mut self) {
        self.cursor = 0;
    }

    pub fn end(&mut self) {
        self.cursor = self.text.len();
    }

    pub fn clear(&mut self) {
        self.text.clear();
        self.cursor = 0;
    }

    /// The box as spans at most `width` columns wide, scrolled so the cursor is visible;
    /// the cell under the cursor takes `cursor_style`.
    pub fn spans(&self, width: usize, style: Style, cursor_style: Style) -> Vec<Span<'static>> {
        let before: Vec<char> = self.text[..self.cursor].chars().collect();
        let at = self.text[self.cursor..].chars().next();
        let after: String = self.text[self.cursor..].chars().skip(1).collect();
        let w = |c: &char| c.width().unwrap_or(0);
        // Keep as much text before the cursor as fits, leaving room for the cursor cell.
        let room = width.saturating_sub(1);
        let mut start = before.len();
        let mut used = 0;
        while start > 0 && used + w(&before[start - 1]) <= room {
            start -= 1;
            used += w(&before[start]);
        }
        let shown_before: String = before[start..].iter().collect();
        let mut out = vec![Span::styled(shown_before, style)];
        let cursor_text = at.map(|c| c.to_string()).unwrap_or_else(|| " ".to_string());
        used += cursor_text
            .chars()
            .map(|c| c.width().unwrap_or(0))
            .sum::<usize>();
        out.push(Span::styled(cursor_text, cursor_style));
        let mut tail = String::new();
        for c in after.chars() {
            if used + w(&c) > width {
                break;
            }
            used += w(&c);
            tail.push(c);
        }
        out.push(Span::styled(tail, style));
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text_of(spans: &[Span<'_>]) -> String {
        spans.iter().map(|s| s.content.as_ref()).collect()
    }

    #[test]
    fn edits_at_the_cursor_with_multibyte_characters() {
        let mut t = TextInput::default();
        for c in "café微".chars() {
            t.insert(c);
        }
        t.left();
        t.left();
        t.insert('!');
        assert_eq!(t.text(), "caf!é微");
        assert!(t.backspace());
        assert_eq!(t.text(), "café微");
        t.home();
        assert!(!t.backspace());
        assert!(t.delete());
        assert_eq!(t.text(), "afé微");
        t.end();
        t.right();
        assert!(!t.delete());
        t.insert('\u{1b}');
        assert_eq!(t.text(), "afé微", "control characters are not inserted");
    }

    #[test]
    fn long_text_scrolls_to_keep_the_cursor_visible() {
        let mut t = TextInput::default();
        t.set("abcdefghijklmnopqrstuvwxyz");
        let shown = text_of(&t.spans(10, Style::new(), Style::new()));
        assert_eq!(shown, "rstuvwxyz ");
        t.home();
        let shown = text_of(&t.spans(10, Style::new(), Style::new()));
        assert_eq!(shown, "abcdefghij");
    }
}
