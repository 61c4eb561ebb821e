//! The bottom line: a message when there is one, otherwise the keys that work here, taken
//! from the keymap.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};
use unicode_width::UnicodeWidthStr;

use crate::tui::app::App;
use crate::tui::text::truncate;

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let theme = &app.theme;
    let width = area.width as usize;
    if let Some(msg) = &app.message {
        Paragraph::new(Line::styled(
            truncate(&format!(" {}", crate::term::clean(msg)), width),
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
