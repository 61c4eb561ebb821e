//! A bordered box of lines that scrolls: the drawing help, the references list and the
//! About screen share. It clears its area, keeps the scroll within the text, records what
//! it showed (so scrolling stops at the end the view found) and pads each line by a column.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Widget};

use crate::tui::app::LastLayout;
use crate::tui::pane::overlay::Drawn;

/// Draws `lines` in `block` over `rect`, from line `scroll` (clamped to the last page).
pub fn render(
    rect: Rect,
    buf: &mut Buffer,
    block: Block<'_>,
    lines: Vec<Line<'static>>,
    scroll: usize,
    base: Style,
    layout: &mut LastLayout,
) {
    layout.overlay = rect;
    Clear.render(rect, buf);
    let inner = block.inner(rect);
    let max = lines.len().saturating_sub(inner.height as usize);
    let scroll = scroll.min(max);
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
            Line::from(spans).style(l.style)
        })
        .collect();
    Paragraph::new(shown)
        .style(base)
        .block(block)
        .render(rect, buf);
}
