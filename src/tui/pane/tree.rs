//! The topic tree: topics fold and unfold, sections open in the reader.
//!
//! [`TreeUi`] owns the selection, the open topics and the scroll position, and decides what
//! the tree's keys do ([`TreeUi::apply`]); the view draws it and records which row landed
//! where in the frame's hit map, leaving the state as it was.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Span, Text};
use ratatui::widgets::{Block, Borders, Widget};
use tui_tree_widget::{TreeItem, TreeState};

use crate::tui::action::Action;
use crate::tui::app::{App, Focus, LastLayout};

/// What the tree asks the browser to do after a key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    None,
    /// Open this section in the reader (and read it: the keys go to the reader).
    OpenSection(String),
}

/// What the tree's keys need from outside its state: the items shown and the rows it had
/// in the last frame (0 when it was not drawn).
#[derive(Debug, Clone, Copy)]
pub struct TreeCtx<'a> {
    pub items: &'a [TreeItem<'static, String>],
    pub height: usize,
}

/// The tree pane's state. Selection and open topics are kept in a [`TreeState`] for its
/// flattening; its offset and hit areas are never used (it is never rendered), the scroll
/// position lives here and the drawn rows in [`LastLayout`].
#[derive(Debug, Default)]
pub struct TreeUi {
    state: TreeState<String>,
    /// The first row shown, as the user scrolled it.
    offset: usize,
    /// The selection moved: the next frame scrolls as little as needed to show it.
    follow: bool,
}

impl TreeUi {
    /// The selected row's ids: `[topic]` or `[topic, section]`.
    pub fn selected(&self) -> &[String] {
        self.state.selected()
    }

    /// Selects a row and asks the next frame to show it.
    pub fn select(&mut self, id: Vec<String>) -> bool {
        self.follow = true;
        self.state.select(id)
    }

    pub fn open(&mut self, id: Vec<String>) -> bool {
        self.state.open(id)
    }

    pub fn is_open(&self, id: &[String]) -> bool {
        self.state.opened().contains(id)
    }

    /// Ids of the rows currently visible (open topics show their sections), top to bottom.
    pub fn visible(&self, items: &[TreeItem<'static, String>]) -> Vec<Vec<String>> {
        self.state
            .flatten(items)
            .into_iter()
            .map(|f| f.identifier)
            .collect()
    }

    /// The first row a view `height` rows tall shows of `rows` rows: the scroll position,
    /// kept on the list and moved as little as needed to show a selection that moved.
    pub fn first_row(&self, rows: &[Vec<String>], height: usize) -> usize {
        let mut start = self.offset.min(rows.len().saturating_sub(1));
        let selected = self.state.selected();
        if self.follow
            && !selected.is_empty()
            && let Some(at) = rows.iter().position(|r| r.as_slice() == selected)
        {
            start = start.min(at);
            if at >= start + height {
                start = at + 1 - height;
            }
        }
        start
    }

    /// The frame drew the tree from row `first` (see [`TreeUi::first_row`]): the tree
    /// stays there until the selection moves out of view or the wheel scrolls it.
    pub fn shown(&mut self, first: usize) {
        self.offset = first;
        self.follow = false;
    }

    /// One key in the tree: moving, folding, unfolding and opening.
    pub fn apply(&mut self, action: &Action, ctx: TreeCtx<'_>) -> Effect {
        use Action as A;
        let rows = self.visible(ctx.items);
        let page = ctx.height.max(1) as isize;
        match action {
            A::Up => self.move_by(&rows, -1),
            A::Down => self.move_by(&rows, 1),
            A::PageUp | A::HalfPageUp => self.move_by(&rows, -page),
            A::PageDown | A::HalfPageDown => self.move_by(&rows, page),
            A::Top => self.select_edge(&rows, false),
            A::Bottom => self.select_edge(&rows, true),
            A::Fold => {
                let sel = self.selected().to_vec();
                if sel.len() == 2 {
                    self.select(vec![sel[0].clone()]);
                } else {
                    self.state.close(&sel);
                }
            }
            A::Unfold => {
                if let [topic] = self.selected() {
                    let topic = topic.clone();
                    self.state.open(vec![topic.clone()]);
                    self.reveal(ctx, &topic);
                }
            }
            A::Open => {
                let effect = self.open_selected();
                if let [topic] = self.selected()
                    && self.is_open(std::slice::from_ref(topic))
                {
                    let topic = topic.clone();
                    self.reveal(ctx, &topic);
                }
                return effect;
            }
            _ => {}
        }
        Effect::None
    }

    /// A topic folds or unfolds; a section opens.
    pub fn open_selected(&mut self) -> Effect {
        match self.selected() {
            [topic] => {
                let id = vec![topic.clone()];
                self.state.toggle(id);
                Effect::None
            }
            [_, section] => Effect::OpenSection(section.clone()),
            _ => Effect::None,
        }
    }

    /// A click on a drawn row selects it and opens it.
    pub fn click(&mut self, row: Vec<String>) -> Effect {
        self.select(row);
        self.open_selected()
    }

    /// The wheel: scrolls by `delta` rows without moving the selection.
    pub fn scroll(&mut self, delta: isize, ctx: TreeCtx<'_>) {
        let rows = self.visible(ctx.items);
        let last = rows.len().saturating_sub(1) as isize;
        self.offset = (self.offset as isize + delta).clamp(0, last) as usize;
    }

    /// Moves the selection by `delta` rows among the visible ones (clamped).
    fn move_by(&mut self, rows: &[Vec<String>], delta: isize) {
        if rows.is_empty() {
            return;
        }
        let current = rows.iter().position(|r| r.as_slice() == self.selected());
        let next = match current {
            None => 0,
            Some(i) => (i as isize + delta).clamp(0, rows.len() as isize - 1) as usize,
        };
        self.select(rows[next].clone());
    }

    fn select_edge(&mut self, rows: &[Vec<String>], last: bool) {
        let pick = if last { rows.last() } else { rows.first() };
        if let Some(r) = pick {
            self.select(r.clone());
        }
    }

    /// Scrolls so an unfolded topic's sections show below it (as many as fit, the topic
    /// row kept in view).
    fn reveal(&mut self, ctx: TreeCtx<'_>, topic: &str) {
        let rows = self.visible(ctx.items);
        let Some(at) = rows.iter().position(|r| r.len() == 1 && r[0] == topic) else {
            return;
        };
        let children = rows[at + 1..].iter().take_while(|r| r.len() == 2).count();
        let height = ctx.height.max(1);
        let last = at + children;
        if last >= self.offset + height {
            let want = (last + 1 - height).min(at);
            self.offset = want.max(self.offset).min(rows.len().saturating_sub(1));
        }
    }
}

/// The tree's layout keys, on the remembered layout: hide or show it, widen or narrow it
/// (which shows a hidden tree) from the width `now` it has or would have. Returns whether
/// the hide key hid (`Some(false)`) or showed (`Some(true)`) it; `None` for the others.
pub fn layout_key(
    action: &Action,
    layout: &mut crate::tui::memory::Layout,
    now: u16,
) -> Option<bool> {
    match action {
        Action::ToggleTree => {
            layout.tree_hidden = !layout.tree_hidden;
            Some(!layout.tree_hidden)
        }
        Action::WidenTree | Action::NarrowTree => {
            layout.tree_hidden = false;
            layout.tree_width = Some(resized(now, *action == Action::WidenTree));
            None
        }
        _ => None,
    }
}

/// The tree's width after a widen (`widen`) or narrow key, from the width it has now.
fn resized(now: u16, widen: bool) -> u16 {
    let step: i32 = if widen { 4 } else { -4 };
    (i32::from(now) + step).clamp(
        i32::from(crate::tui::view::MIN_TREE_WIDTH),
        i32::from(crate::tui::view::MAX_TREE_WIDTH),
    ) as u16
}

/// The tree as drawn in one area: the rows it shows, worked out from the state without
/// changing it. [`TreeView::hits`] says where each row lands (for clicks).
pub struct TreeView<'a> {
    app: &'a App,
    area: Rect,
    rows: Vec<Vec<String>>,
    /// Index of the first row shown, `None` when no row fits or there is none.
    first: Option<usize>,
}

impl<'a> TreeView<'a> {
    pub fn new(app: &'a App, area: Rect) -> Self {
        let inner = Self::block(app).inner(area);
        let rows = app.tree.visible(&app.tree_items);
        let first = (inner.width >= 1 && inner.height >= 1 && !rows.is_empty())
            .then(|| app.tree.first_row(&rows, inner.height as usize));
        TreeView {
            app,
            area,
            rows,
            first,
        }
    }

    fn block(app: &App) -> Block<'static> {
        let theme = &app.theme;
        Block::default()
            .borders(Borders::ALL)
            .border_style(if app.focus == Focus::Tree {
                theme.border_focused
            } else {
                theme.border
            })
            .title(Span::styled(" Topics ", theme.strong))
    }

    /// The first row drawn (its index among the visible rows).
    pub fn first(&self) -> Option<usize> {
        self.first
    }

    /// The rows drawn, top to bottom: screen row and ids.
    pub fn hits(&self) -> Vec<(u16, Vec<String>)> {
        let inner = Self::block(self.app).inner(self.area);
        let Some(first) = self.first else {
            return Vec::new();
        };
        self.rows
            .iter()
            .skip(first)
            .take(inner.height as usize)
            .enumerate()
            .map(|(i, id)| (inner.y + i as u16, id.clone()))
            .collect()
    }
}

impl Widget for &TreeView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let app = self.app;
        let theme = &app.theme;
        let highlight = if app.focus == Focus::Tree {
            theme.selected
        } else {
            theme.strong
        };
        buf.set_style(area, theme.base);
        let block = TreeView::block(app);
        let inner = block.inner(area);
        block.render(area, buf);
        let width = inner.width as usize;
        let tree = &app.tree;
        for (y, id) in self.hits() {
            let row = Rect::new(inner.x, y, inner.width, 1);
            // The same columns as tui-tree-widget: an indent a level, then the fold symbol.
            let indent = (id.len() - 1) * 2;
            let (x, _) = buf.set_stringn(inner.x, y, " ".repeat(indent), indent, Style::default());
            let symbol = match id.as_slice() {
                [topic] if tree.is_open(std::slice::from_ref(topic)) => "▾ ",
                [_] => "▸ ",
                _ => "  ",
            };
            let max = width.saturating_sub((x - inner.x) as usize);
            let (x, _) = buf.set_stringn(x, y, symbol, max, Style::default());
            // Labels are cut with an ellipsis to the pane rather than clipped.
            let label = crate::tui::text::truncate(
                &crate::tui::app::tree_label(&app.guide, &app.tree_mastery, &id),
                width.saturating_sub(2 + indent),
            );
            let text_area = Rect::new(x, y, inner.width.saturating_sub(x - inner.x), 1);
            Text::raw(label).render(text_area, buf);
            if id.as_slice() == tree.selected() {
                buf.set_style(row, highlight);
            }
        }
    }
}

/// Draws the tree from its state; which row landed where goes into `layout` (for clicks).
pub fn render(app: &App, area: Rect, buf: &mut Buffer, layout: &mut LastLayout) {
    let view = TreeView::new(app, area);
    layout.tree = area;
    layout.tree_rows = view.hits();
    layout.tree_first = view.first();
    view.render(area, buf);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn items() -> Vec<TreeItem<'static, String>> {
        let topic = |t: &str, n: usize| {
            let children = (0..n)
                .map(|i| TreeItem::new_leaf(format!("{t}{i}"), format!("{t} {i}")))
                .collect();
            TreeItem::new(t.to_string(), t.to_string(), children).expect("unique ids")
        };
        vec![topic("a", 3), topic("b", 5), topic("c", 2)]
    }

    fn ids(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    /// The tree of [`items`] four rows tall.
    fn four_rows<'a>(items: &'a [TreeItem<'static, String>]) -> TreeCtx<'a> {
        TreeCtx { items, height: 4 }
    }

    /// A tree with topic `b` selected and unfolded.
    fn b_unfolded(ctx: TreeCtx<'_>) -> TreeUi {
        let mut t = TreeUi::default();
        t.select(ids(&["b"]));
        t.apply(&Action::Unfold, ctx);
        t
    }

    #[test]
    fn moves_among_visible_rows_and_stops_at_the_ends() {
        let items = items();
        let ctx = four_rows(&items);
        let mut t = TreeUi::default();
        t.apply(&Action::Down, ctx);
        assert_eq!(t.selected(), ids(&["a"]), "nothing selected: the first row");
        t.apply(&Action::Down, ctx);
        assert_eq!(
            t.selected(),
            ids(&["b"]),
            "folded topics hide their sections"
        );
        t.apply(&Action::Bottom, ctx);
        assert_eq!(t.selected(), ids(&["c"]));
        t.apply(&Action::Down, ctx);
        assert_eq!(t.selected(), ids(&["c"]), "not past the end");
        t.apply(&Action::Top, ctx);
        assert_eq!(t.selected(), ids(&["a"]));
        t.apply(&Action::Up, ctx);
        assert_eq!(t.selected(), ids(&["a"]));
    }

    #[test]
    fn folds_unfolds_and_opens() {
        let items = items();
        let ctx = four_rows(&items);
        let mut t = b_unfolded(ctx);
        assert!(t.is_open(&ids(&["b"])));
        t.apply(&Action::Down, ctx);
        assert_eq!(t.selected(), ids(&["b", "b0"]));
        assert_eq!(
            t.apply(&Action::Open, ctx),
            Effect::OpenSection("b0".into()),
            "a section opens in the reader"
        );
        t.apply(&Action::Fold, ctx);
        assert_eq!(
            t.selected(),
            ids(&["b"]),
            "fold on a section goes to its topic"
        );
        assert!(t.is_open(&ids(&["b"])));
        t.apply(&Action::Fold, ctx);
        assert!(!t.is_open(&ids(&["b"])), "fold on a topic closes it");
        assert_eq!(t.apply(&Action::Open, ctx), Effect::None);
        assert!(t.is_open(&ids(&["b"])), "open on a topic toggles it");
        assert_eq!(t.visible(&items).len(), 8);
    }

    #[test]
    fn unfolding_scrolls_the_sections_into_view_and_the_view_follows_the_selection() {
        let items = items();
        let ctx = four_rows(&items);
        let mut t = b_unfolded(ctx);
        // Rows: a, b, b0..b4, c. Four rows tall: b stays on top, three of its sections show.
        let rows = t.visible(&items);
        assert_eq!(t.first_row(&rows, 4), 1);
        t.apply(&Action::Bottom, ctx);
        let rows = t.visible(&items);
        assert_eq!(t.first_row(&rows, 4), 4, "the last row shows at the bottom");
        // Drawing asks, it does not change: the same answer twice; the frame then keeps it.
        assert_eq!(t.first_row(&rows, 4), 4);
        t.shown(4);
        t.scroll(-3, ctx);
        assert_eq!(t.first_row(&t.visible(&items), 4), 1, "the wheel scrolls");
        assert_eq!(t.selected(), ids(&["c"]), "without moving the selection");
    }

    #[test]
    fn the_layout_keys_hide_show_and_resize_the_remembered_tree() {
        let mut l = crate::tui::memory::Layout::default();
        assert_eq!(layout_key(&Action::ToggleTree, &mut l, 24), Some(false));
        assert!(l.tree_hidden);
        assert_eq!(layout_key(&Action::WidenTree, &mut l, 24), None);
        assert!(!l.tree_hidden, "widening shows the tree");
        assert_eq!(l.tree_width, Some(28));
        assert_eq!(layout_key(&Action::ToggleTree, &mut l, 28), Some(false));
        assert_eq!(layout_key(&Action::ToggleTree, &mut l, 28), Some(true));
        assert_eq!(l.tree_width, Some(28), "shown again at its width");
    }

    #[test]
    fn widths_step_by_four_within_bounds() {
        assert_eq!(resized(30, true), 34);
        assert_eq!(resized(30, false), 26);
        assert_eq!(resized(17, false), crate::tui::view::MIN_TREE_WIDTH);
        assert_eq!(resized(79, true), crate::tui::view::MAX_TREE_WIDTH);
    }
}
