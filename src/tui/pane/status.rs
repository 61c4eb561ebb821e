//! The bottom line: a message when there is one, otherwise the keys that work here, taken
//! from the keymap.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};
use unicode_width::UnicodeWidthStr;

use crate::tui::action::Action;
use crate::tui::app::{App, Tab};
use crate::tui::keymap::Scope;
use crate::tui::text::truncate;

/// The reader's find box: the query with its cursor, the number of matches and its keys.
fn find_box(app: &App, area: Rect, buf: &mut Buffer) -> bool {
    let Some(f) = app.reader.find.as_ref().filter(|_| app.tab == Tab::Browse) else {
        return false;
    };
    let theme = &app.theme;
    let width = area.width as usize;
    let count = app
        .doc_cache
        .borrow()
        .as_ref()
        .map(|(_, d)| d.matches.len())
        .unwrap_or(0);
    let found = if f.input.text().trim().is_empty() {
        String::new()
    } else if count == 1 {
        "  1 match".to_string()
    } else {
        format!("  {count} matches")
    };
    let keys = format!(
        "  {} keep · {} cancel",
        app.key(Scope::Search, Action::Open),
        app.key(Scope::Search, Action::Close)
    );
    let label = " Find in section: ";
    let query_w = f.input.text().width() + 1;
    // On a narrow screen the query and its count come first, the key hints go.
    let keys = if label.width() + query_w + found.width() + keys.width() <= width {
        keys
    } else {
        String::new()
    };
    let room = width.saturating_sub(label.width() + found.width() + keys.width());
    let mut spans = vec![Span::styled(label, theme.accent)];
    spans.extend(f.input.spans(room.max(8), theme.strong, theme.selected));
    spans.push(Span::styled(found, theme.strong));
    spans.push(Span::styled(keys, theme.status));
    Paragraph::new(Line::from(spans)).render(area, buf);
    true
}

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    if find_box(app, area, buf) {
        return;
    }
    let theme = &app.theme;
    let width = area.width as usize;
    if let Some(msg) = &app.message {
        Paragraph::new(Line::styled(
            truncate(&format!(" {msg}"), width),
            theme.warning,
        ))
        .render(area, buf);
        return;
    }
    let mut spans = vec![Span::raw(" ")];
    let mut used = 1;
    for (key, label) in app.keymap.status_hints(app.scope()) {
        let w = key.width() + label.width() + 3;
        if used + w > width {
            break;
        }
        spans.push(Span::styled(key, theme.status_key));
        spans.push(Span::styled(format!(" {label}  "), theme.status));
        used += w;
    }
    Paragraph::new(Line::from(spans)).render(area, buf);
}
