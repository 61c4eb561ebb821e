//! The `r` overlay: the open section's numbered references in full (Vancouver, with DOI
//! and PMID), the one a clicked citation names highlighted.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Widget};

use super::help::centered;
use super::overlay::Drawn;
use crate::content::citation;
use crate::tui::action::Action;
use crate::tui::app::{App, LastLayout, Overlay};
use crate::tui::keymap::Scope;
use crate::tui::text::{self, Piece};

/// Draws the list from its state; the area and what was shown go into `layout`.
pub fn render(app: &App, area: Rect, buf: &mut Buffer, layout: &mut LastLayout) {
    let Overlay::References { scroll, marked } = app.overlay else {
        return;
    };
    let hint = format!(
        " {}/{} scroll · {} close ",
        app.key(Scope::References, Action::Down),
        app.key(Scope::References, Action::Up),
        app.key(Scope::References, Action::Close)
    );
    let theme = &app.theme;
    let Some(section) = app
        .reader
        .section
        .as_deref()
        .and_then(|id| app.guide.section(id))
    else {
        return;
    };
    let rect = centered(area, 96, area.height.saturating_sub(2).max(3));
    layout.overlay = rect;
    Clear.render(rect, buf);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border_focused)
        .title(Span::styled(
            format!(" References: {} ", crate::term::clean(&section.title)),
            theme.strong,
        ))
        .title_bottom(Line::styled(hint, theme.dim).right_aligned());
    let inner = block.inner(rect);
    let width = inner.width.saturating_sub(2).max(4) as usize;
    let mut lines: Vec<Line<'static>> = Vec::new();
    let mut marked_line = 0;
    for (n, src, reference) in app.guide.references(section) {
        if marked == Some(n - 1) {
            marked_line = lines.len();
        }
        let style = if marked == Some(n - 1) {
            theme.selected
        } else {
            theme.base
        };
        let number = format!("{n}. ");
        let rest = " ".repeat(number.len());
        let wrapped = text::wrap(
            &[Piece::new(citation::entry(src, &reference), style)],
            width,
            vec![Span::styled(number, theme.accent)],
            vec![Span::raw(rest)],
        );
        lines.extend(wrapped.lines);
        lines.push(Line::default());
    }
    let max = lines.len().saturating_sub(inner.height as usize);
    // Opened from a citation, the list starts at that reference.
    let scroll = if marked.is_some() && scroll == 0 {
        marked_line
    } else {
        scroll
    }
    .min(max);
    layout.overlay_drawn = Some(Drawn {
        scroll,
        max_scroll: max,
        page: inner.height as usize,
    });
    let shown: Vec<Line<'static>> = lines
        .into_iter()
        .skip(scroll)
        .map(|l| {
            let mut spans = vec![Span::raw(" ")];
            spans.extend(l.spans);
            Line::from(spans)
        })
        .collect();
    Paragraph::new(shown)
        .style(theme.base)
        .block(block)
        .render(rect, buf);
}
