//! The `?` overlay, generated from the keymap: every binding's keys, action name and
//! description, grouped by where it applies.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Widget};

use super::overlay::Drawn;
use crate::tui::action::Action;
use crate::tui::app::{App, LastLayout, Overlay};
use crate::tui::keymap::{Keymap, Scope};
use crate::tui::text::{Piece, truncate, wrap};
use crate::tui::theme::Theme;

const SCOPES: [Scope; 8] = [
    Scope::Global,
    Scope::Tree,
    Scope::Reader,
    Scope::Search,
    Scope::Quiz,
    Scope::Bookmarks,
    Scope::References,
    Scope::Help,
];

/// The help text as lines: a heading per scope, then `keys  action  description` rows.
pub fn lines(keymap: &Keymap, theme: &Theme, width: usize) -> Vec<Line<'static>> {
    let keys_w = keymap
        .bindings
        .iter()
        .map(|b| unicode_width::UnicodeWidthStr::width(b.keys_text().as_str()))
        .max()
        .unwrap_or(8)
        .min(18);
    let action_w = keymap
        .bindings
        .iter()
        .map(|b| b.action.name().map(|n| n.len()).unwrap_or(0))
        .max()
        .unwrap_or(8)
        .min(18);
    let show_action = width >= keys_w + action_w + 30;
    let mut out = wrap(
        &[Piece::new(
            "Ctrl-C always quits. Rebind keys in config.toml by action name.",
            theme.dim,
        )],
        width.max(10),
        vec![],
        vec![],
    )
    .lines;
    for scope in SCOPES {
        out.push(Line::default());
        out.push(Line::styled(scope.title().to_string(), theme.heading));
        for b in keymap.scope(scope) {
            let keys = truncate(&b.keys_text(), keys_w);
            let pad = keys_w.saturating_sub(unicode_width::UnicodeWidthStr::width(keys.as_str()));
            let mut spans = vec![
                Span::raw("  "),
                Span::styled(keys, theme.status_key),
                Span::raw(" ".repeat(pad + 2)),
            ];
            let mut used = 2 + keys_w + 2;
            if show_action {
                let name = b.action.name().unwrap_or_default();
                spans.push(Span::styled(format!("{name:<action_w$}  "), theme.accent));
                used += action_w + 2;
            }
            // Long descriptions wrap under themselves rather than being cut.
            let wrapped = wrap(
                &[Piece::new(keymap.describe(b), theme.base)],
                width.max(used + 10),
                spans,
                vec![Span::raw(" ".repeat(used))],
            );
            out.extend(wrapped.lines);
        }
    }
    out
}

/// A rectangle of at most `w` x `h`, centred in `area`.
pub fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    }
}

/// Draws the help from its state; the area and what was shown go into `layout`.
pub fn render(app: &App, area: Rect, buf: &mut Buffer, layout: &mut LastLayout) {
    let Overlay::Help { scroll } = app.overlay else {
        return;
    };
    let theme = &app.theme;
    let rect = centered(area, 96, area.height.saturating_sub(2).max(3));
    layout.overlay = rect;
    Clear.render(rect, buf);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border_focused)
        .title(Span::styled(" Help: keys ", theme.strong))
        .title_bottom(
            Line::styled(
                format!(
                    " {}/{} scroll · {} close ",
                    app.key(Scope::Help, Action::Down),
                    app.key(Scope::Help, Action::Up),
                    app.key(Scope::Help, Action::Close)
                ),
                theme.dim,
            )
            .right_aligned(),
        );
    let inner = block.inner(rect);
    let all = lines(&app.keymap, theme, inner.width.saturating_sub(1) as usize);
    let max = all.len().saturating_sub(inner.height as usize);
    let scroll = scroll.min(max);
    layout.overlay_drawn = Some(Drawn {
        scroll,
        max_scroll: max,
        page: inner.height as usize,
    });
    let shown: Vec<Line<'static>> = all
        .into_iter()
        .skip(scroll)
        .map(|l| {
            let mut s = vec![Span::raw(" ")];
            s.extend(l.spans);
            Line::from(s).style(l.style)
        })
        .collect();
    Paragraph::new(shown)
        .style(theme.base)
        .block(block)
        .render(rect, buf);
}
