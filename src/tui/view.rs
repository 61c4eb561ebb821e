//! The frame: tab bar, the panes of the current tab, the status line and any overlay.

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use super::action::Action;
use super::app::{App, Focus, Overlay, Tab};
use super::keymap::Scope;
use super::pane;

/// Below this size the panes cannot be read; a message asks for a bigger window.
pub const MIN_WIDTH: u16 = 40;
pub const MIN_HEIGHT: u16 = 10;

/// Narrowest and widest tree the keys can set.
pub const MIN_TREE_WIDTH: u16 = 16;
pub const MAX_TREE_WIDTH: u16 = 80;
/// Below this body width the tree and the reader take turns on the whole screen.
pub const SIDE_BY_SIDE: u16 = 60;
/// The reader keeps at least this many columns beside the tree (55 at 80 columns).
const MIN_READER: u16 = 30;

/// The tree's width in a body `body` columns wide: what the user chose, or about 30% of
/// the window, leaving an 80-column terminal's reader at least 55 columns.
pub fn tree_width(layout: &crate::tui::memory::Layout, body: u16) -> u16 {
    let auto = (body * 3 / 10)
        .clamp(20, 40)
        .min(body.saturating_sub(56).max(20));
    layout
        .tree_width
        .unwrap_or(auto)
        .clamp(MIN_TREE_WIDTH, MAX_TREE_WIDTH)
        .min(body.saturating_sub(MIN_READER))
}

pub fn draw(app: &mut App, frame: &mut Frame) {
    let area = frame.area();
    render(app, area, frame.buffer_mut());
    scrub(frame.buffer_mut());
}

/// The browser's last defence, at the one place every piece of text passes: no cell may
/// hold a control or bidi character, whichever pane put it there and from whatever source.
pub fn scrub(buf: &mut Buffer) {
    let bad = |c: char| c.is_control() || crate::term::is_bidi_control(c);
    for cell in buf.content.iter_mut() {
        if cell.symbol().chars().any(bad) {
            let clean: String = cell.symbol().chars().filter(|&c| !bad(c)).collect();
            cell.set_symbol(if clean.is_empty() { " " } else { &clean });
        }
    }
}

/// Draws the whole screen into a buffer (the run loop and the tests share this).
pub fn render(app: &mut App, area: Rect, buf: &mut Buffer) {
    buf.set_style(area, app.theme.base);
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        render_too_small(app, area, buf);
        return;
    }
    let [tabs, body, status] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(1),
    ])
    .areas(area);
    // The terminal is big enough again: keys reach the panes again.
    app.layout.too_small = false;
    render_tabs(app, tabs, buf);
    app.layout.tree = Rect::default();
    app.layout.tree_rows.clear();
    app.layout.search_list = Rect::default();
    app.layout.result_rows.clear();
    app.layout.quiz = Rect::default();
    app.layout.quiz_options.clear();
    render_tab(app, body, buf);
    render_overlay(app, body, buf);
    pane::status::render(app, status, buf);
}

/// The notice in place of the screen when the terminal is too small for it.
fn render_too_small(app: &mut App, area: Rect, buf: &mut Buffer) {
    app.layout = super::app::LastLayout {
        reader: app.layout.reader,
        too_small: true,
        ..Default::default()
    };
    let msg = format!(
        "Terminal too small ({}x{}). Needs {MIN_WIDTH}x{MIN_HEIGHT}. {} quits.",
        area.width,
        area.height,
        // The global key: in the search box a printable quit key would type instead.
        app.key(Scope::Global, Action::Quit)
    );
    Paragraph::new(Line::styled(msg, app.theme.warning))
        .wrap(Wrap { trim: true })
        .render(area, buf);
}

/// The open tab's panes in `body`.
fn render_tab(app: &mut App, body: Rect, buf: &mut Buffer) {
    match app.tab {
        Tab::Browse if app.memory.layout.tree_hidden => render_pane(app, body, buf, Pane::Reader),
        Tab::Browse => {
            if body.width >= SIDE_BY_SIDE {
                let tree_w = tree_width(&app.memory.layout, body.width);
                let [left, right] =
                    Layout::horizontal([Constraint::Length(tree_w), Constraint::Min(1)])
                        .areas(body);
                render_pane(app, left, buf, Pane::Tree);
                render_pane(app, right, buf, Pane::Reader);
            } else if app.focus == Focus::Tree {
                render_pane(app, body, buf, Pane::Tree);
            } else {
                render_pane(app, body, buf, Pane::Reader);
            }
        }
        Tab::Search if body.width >= 110 && app.search_ui.results.is_some() => {
            let [list, preview] =
                Layout::horizontal([Constraint::Percentage(55), Constraint::Min(1)]).areas(body);
            render_search(app, list, buf);
            pane::search::render_preview(app, preview, buf);
        }
        Tab::Search => render_search(app, body, buf),
        Tab::Quiz => {
            app.layout.quiz = body;
            // The quiz view reads the app and writes only into this frame's hit map.
            let mut layout = std::mem::take(&mut app.layout);
            pane::quiz::render(app, body, buf, &mut layout);
            app.layout = layout;
        }
    }
}

/// The open overlay, if any, over `body`.
fn render_overlay(app: &mut App, body: Rect, buf: &mut Buffer) {
    match app.overlay {
        Overlay::None => {
            app.layout.overlay = Rect::default();
            app.layout.overlay_drawn = None;
        }
        _ => {
            // Overlay views read the app and write only into this frame's hit map.
            let mut layout = std::mem::take(&mut app.layout);
            match app.overlay {
                Overlay::Help { .. } => pane::help::render(app, body, buf, &mut layout),
                Overlay::Bookmarks { .. } => pane::bookmarks::render(app, body, buf, &mut layout),
                Overlay::About { .. } => pane::about::render(app, body, buf, &mut layout),
                _ => pane::references::render(app, body, buf, &mut layout),
            }
            app.layout = layout;
        }
    }
}

#[derive(Clone, Copy)]
enum Pane {
    Tree,
    Reader,
}

/// The tree and reader views read the app and write only into the hit map of this frame.
fn render_pane(app: &mut App, area: Rect, buf: &mut Buffer, pane: Pane) {
    let mut layout = std::mem::take(&mut app.layout);
    match pane {
        Pane::Tree => pane::tree::render(app, area, buf, &mut layout),
        Pane::Reader => pane::reader::render(app, area, buf, &mut layout),
    }
    layout.positions_new = true;
    app.layout = layout;
}

/// The search view reads the app and writes only into the hit map of this frame.
fn render_search(app: &mut App, area: Rect, buf: &mut Buffer) {
    let mut layout = std::mem::take(&mut app.layout);
    pane::search::render(app, area, buf, &mut layout);
    app.layout = layout;
}

fn render_tabs(app: &mut App, area: Rect, buf: &mut Buffer) {
    let theme = &app.theme;
    let mut spans = vec![Span::styled(" mnguide ", theme.title)];
    let mut x = area.x + 9;
    app.layout.tabs.clear();
    for (i, tab) in Tab::ALL.iter().enumerate() {
        let label = format!(" {} {} ", i + 1, tab.title());
        let w = label.len() as u16;
        if x + w > area.right() {
            break;
        }
        app.layout.tabs.push((Rect::new(x, area.y, w, 1), *tab));
        spans.push(Span::styled(
            label,
            if *tab == app.tab {
                theme.tab_active
            } else {
                theme.tab
            },
        ));
        spans.push(Span::raw(" "));
        x += w + 1;
    }
    // The key that opens help here: in the search box `?` types, so another key is shown.
    let help = match app.keymap.key_name(app.scope(), &Action::Help) {
        Some(k) => format!(" {k} help "),
        None => String::new(),
    };
    let help_w = unicode_width::UnicodeWidthStr::width(help.as_str()) as u16;
    let used: u16 = spans.iter().map(|s| s.width() as u16).sum();
    if used + help_w <= area.width {
        let pad = area.width - used - help_w;
        spans.push(Span::raw(" ".repeat(pad as usize)));
        spans.push(Span::styled(help, theme.dim));
    }
    Paragraph::new(Line::from(spans)).render(area, buf);
}
