//! The `r` overlay: the open section's numbered references in full (Vancouver, with DOI
//! and PMID), the one a clicked citation names highlighted.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Widget};

use super::help::centered;
use crate::content::citation;
use crate::tui::app::{App, Overlay};
use crate::tui::text::{self, Piece};

pub fn render(app: &mut App, area: Rect, buf: &mut Buffer) {
    let Overlay::References { scroll, marked } = app.overlay else {
        return;
    };
    let theme = &app.theme;
    let Some(section) = app
        .reader
        .section
        .as_deref()
        .and_then(|id| app.guide.section(id))
    else {
        app.overlay = Overlay::None;
        return;
    };
    let rect = centered(area, 96, area.height.saturating_sub(2).max(3));
    app.layout.overlay = rect;
    Clear.render(rect, buf);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border_focused)
        .title(Span::styled(
            format!(" References: {} ", crate::term::clean(&section.title)),
            theme.strong,
        ))
        .title_bottom(Line::styled(" j/k scroll · Esc close ", theme.dim).right_aligned());
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
    app.overlay = Overlay::References { scroll, marked };
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
