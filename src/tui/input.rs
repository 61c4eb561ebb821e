//! The search box: tui-input's editing core (word motions and deletions as in a shell),
//! behind a small wrapper that keeps control characters and over-long pastes out.

use ratatui::style::Style;
use ratatui::text::Span;
use tui_input::Input;
pub use tui_input::InputRequest;
use unicode_width::UnicodeWidthChar;

/// Most characters the box holds.
pub const MAX_CHARS: usize = 200;

/// The edit a keymap action asks of a text box (typing, cursor motions, deletions), or
/// `None` for actions that are not edits. Every text box goes through this one table.
pub fn request_for(action: &crate::tui::action::Action) -> Option<InputRequest> {
    use crate::tui::action::Action as A;
    Some(match action {
        A::Type(c) => InputRequest::InsertChar(*c),
        A::CursorLeft => InputRequest::GoToPrevChar,
        A::CursorRight => InputRequest::GoToNextChar,
        A::CursorHome => InputRequest::GoToStart,
        A::CursorEnd => InputRequest::GoToEnd,
        A::WordLeft => InputRequest::GoToPrevWord,
        A::WordRight => InputRequest::GoToNextWord,
        A::DeleteBack => InputRequest::DeletePrevChar,
        A::DeleteForward => InputRequest::DeleteNextChar,
        A::DeleteWordBack => InputRequest::DeletePrevWord,
        A::DeleteWordForward => InputRequest::DeleteNextWord,
        A::ClearInput => InputRequest::DeleteLine,
        _ => return None,
    })
}

#[derive(Debug, Clone, Default)]
pub struct TextInput {
    input: Input,
}

impl PartialEq for TextInput {
    fn eq(&self, other: &Self) -> bool {
        self.text() == other.text() && self.cursor() == other.cursor()
    }
}

impl Eq for TextInput {}

impl TextInput {
    pub fn text(&self) -> &str {
        self.input.value()
    }

    /// Cursor position as a byte offset into [`TextInput::text`].
    pub fn cursor(&self) -> usize {
        let t = self.text();
        t.char_indices()
            .nth(self.input.cursor())
            .map_or(t.len(), |(i, _)| i)
    }

    /// Replaces the text, cursor at the end.
    pub fn set(&mut self, text: &str) {
        self.input = Input::new(text.to_string());
    }

    /// Inserts at the cursor; false (and nothing inserted) when the box is full.
    pub fn insert(&mut self, c: char) -> bool {
        // Control and bidi characters would reach the terminal when the box is drawn.
        if c.is_control() || crate::term::is_bidi_control(c) {
            return true;
        }
        // Each search costs time per word; nobody types a query this long, and a huge
        // paste must not become a huge query.
        if self.text().chars().count() >= MAX_CHARS {
            return false;
        }
        self.input.handle(InputRequest::InsertChar(c));
        true
    }

    /// Applies one editing request; true when the text changed (the query must run again).
    /// Typing goes through [`TextInput::insert`]'s checks.
    pub fn edit(&mut self, request: InputRequest) -> bool {
        if let InputRequest::InsertChar(c) = request {
            let before = self.text().len();
            self.insert(c);
            return self.text().len() != before;
        }
        self.input
            .handle(request)
            .is_some_and(|changed| changed.value)
    }

    /// Deletes the character before the cursor; false when there is none.
    pub fn backspace(&mut self) -> bool {
        self.edit(InputRequest::DeletePrevChar)
    }

    /// Deletes the character under the cursor; false when at the end.
    pub fn delete(&mut self) -> bool {
        self.edit(InputRequest::DeleteNextChar)
    }

    pub fn left(&mut self) {
        self.edit(InputRequest::GoToPrevChar);
    }

    pub fn right(&mut self) {
        self.edit(InputRequest::GoToNextChar);
    }

    pub fn home(&mut self) {
        self.edit(InputRequest::GoToStart);
    }

    pub fn end(&mut self) {
        self.edit(InputRequest::GoToEnd);
    }

    pub fn clear(&mut self) {
        self.input.reset();
    }

    /// The box as spans at most `width` columns wide, scrolled so the cursor is visible;
    /// the cell under the cursor takes `cursor_style`.
    pub fn spans(&self, width: usize, style: Style, cursor_style: Style) -> Vec<Span<'static>> {
        let (head, tail_text) = self.text().split_at(self.cursor());
        let before: Vec<char> = head.chars().collect();
        let at = tail_text.chars().next();
        let after: String = tail_text.chars().skip(1).collect();
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
    fn words_move_and_delete_as_in_a_shell() {
        let mut t = TextInput::default();
        t.set("dermal needling depth");
        assert!(t.edit(InputRequest::DeletePrevWord));
        assert_eq!(t.text(), "dermal needling ");
        t.edit(InputRequest::GoToPrevWord);
        assert_eq!(t.cursor(), "dermal ".len());
        t.edit(InputRequest::GoToStart);
        t.edit(InputRequest::GoToNextWord);
        assert_eq!(t.cursor(), "dermal ".len());
        t.edit(InputRequest::GoToEnd);
        assert_eq!(t.cursor(), t.text().len());
        assert!(!t.edit(InputRequest::InsertChar('\u{7}')));
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
