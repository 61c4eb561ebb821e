//! The topic tree: topics fold and unfold, sections open in the reader.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Span;
use ratatui::widgets::{Block, Borders, StatefulWidget};
use tui_tree_widget::Tree;

use crate::tui::app::{App, Focus};

/// Ids of the rows currently visible (open topics show their sections), top to bottom.
pub fn visible(app: &App) -> Vec<Vec<String>> {
    app.tree
        .flatten(&app.tree_items)
        .into_iter()
        .map(|f| f.identifier)
        .collect()
}

/// Moves the selection by `delta` rows among the visible ones (clamped), without needing a
/// rendered frame, so `update` stays testable.
pub fn move_selection(app: &mut App, delta: isize) -> bool {
    let rows = visible(app);
    if rows.is_empty() {
        return false;
    }
    let current = rows
        .iter()
        .position(|r| r.as_slice() == app.tree.selected());
    let next = match current {
        None => 0,
        Some(i) => (i as isize + delta).clamp(0, rows.len() as isize - 1) as usize,
    };
    app.tree.select(rows[next].clone())
}

pub fn select_edge(app: &mut App, last: bool) -> bool {
    let rows = visible(app);
    let pick = if last { rows.last() } else { rows.first() };
    match pick {
        Some(r) => app.tree.select(r.clone()),
        None => false,
    }
}

pub fn render(app: &mut App, area: Rect, buf: &mut Buffer) {
    // Labels are cut with an ellipsis here rather than clipped by the widget.
    app.fit_tree(area.width.saturating_sub(2) as usize);
    let focused = app.focus == Focus::Tree;
    let theme = &app.theme;
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(if focused {
            theme.border_focused
        } else {
            theme.border
        })
        .title(Span::styled(" Topics ", theme.strong));
    let highlight = if focused {
        theme.selected
    } else {
        theme.strong
    };
    match Tree::new(&app.tree_items) {
        Ok(tree) => {
            let tree = tree
                .block(block)
                .style(theme.base)
                .highlight_style(highlight)
                .node_closed_symbol("▸ ")
                .node_open_symbol("▾ ")
                .node_no_children_symbol("  ");
            StatefulWidget::render(tree, area, buf, &mut app.tree);
        }
        Err(_) => ratatui::widgets::Widget::render(block, area, buf),
    }
}
