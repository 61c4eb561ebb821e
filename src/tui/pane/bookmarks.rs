//! The `B` overlay: bookmarked sections, newest last; Enter opens, `b`/`d` removes.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Widget};

use super::help::centered;
use crate::tui::action::Action;
use crate::tui::app::{App, LastLayout, Overlay};
use crate::tui::keymap::Scope;
use crate::tui::text::truncate;

/// Draws the list from its state; its area goes into `layout`.
pub fn render(app: &App, area: Rect, buf: &mut Buffer, layout: &mut LastLayout) {
    let Overlay::Bookmarks { selected } = app.overlay else {
        return;
    };
    let theme = &app.theme;
    let n = app.memory.bookmarks.len() as u16;
    let rect = centered(area, 70, n.max(1) + 4);
    layout.overlay = rect;
    Clear.render(rect, buf);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border_focused)
        .title(Span::styled(" Bookmarks ", theme.strong));
    let inner = block.inner(rect);
    let width = inner.width.saturating_sub(3) as usize;
    let mut lines = Vec::new();
    if app.memory.bookmarks.is_empty() {
        lines.push(Line::styled(
            format!(
                " No bookmarks yet: press {} in the reader.",
                app.key(Scope::Reader, Action::ToggleBookmark)
            ),
            theme.dim,
        ));
    }
    let height = inner.height as usize;
    let offset = selected.saturating_sub(height.saturating_sub(1));
    for (i, id) in app.memory.bookmarks.iter().enumerate().skip(offset) {
        let path = app
            .guide
            .section(id)
            .map(|s| s.path.clone())
            .unwrap_or_else(|| id.clone());
        let sel = i == selected;
        lines.push(Line::from(vec![
            Span::styled(if sel { " ▶ " } else { "   " }, theme.accent),
            Span::styled(
                truncate(&crate::term::clean(&path), width),
                if sel { theme.selected } else { theme.base },
            ),
        ]));
    }
    Paragraph::new(lines)
        .style(theme.base)
        .block(block)
        .render(rect, buf);
}
