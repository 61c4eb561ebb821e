//! The `?` overlay, generated from the keymap: every binding's keys, action name and
//! description, grouped by where it applies.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, StatefulWidget, Widget};

use crate::tui::action::Action;
use crate::tui::app::{App, LastLayout, Overlay};
use crate::tui::keymap::{Keymap, Scope};
use crate::tui::text::{Piece, truncate, wrap};
use crate::tui::theme::Theme;

/// The scopes in the help's order: as in the keymap, but the help's own keys last, after
/// everything the reader came to look up.
fn scopes() -> impl Iterator<Item = Scope> {
    Scope::ALL
        .into_iter()
        .filter(|s| *s != Scope::Help)
        .chain([Scope::Help])
}

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
    for scope in scopes() {
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

/// The help overlay as a widget: it reads the keymap, the theme and how far the help is
/// scrolled. As a [`StatefulWidget`] it also writes its area and what it showed into the
/// frame's hit map; as a [`Widget`] it only draws.
pub struct HelpView<'a> {
    pub keymap: &'a Keymap,
    pub theme: &'a Theme,
    pub scroll: usize,
}

impl<'a> HelpView<'a> {
    /// The help as the app's open overlay shows it; `None` when help is not open.
    pub fn of(app: &'a App) -> Option<HelpView<'a>> {
        let Overlay::Help { scroll } = app.overlay else {
            return None;
        };
        Some(HelpView {
            keymap: &app.keymap,
            theme: &app.theme,
            scroll,
        })
    }
}

/// Draws the app's help, if open, recording its area and what it showed in `layout`.
pub fn render(app: &App, area: Rect, buf: &mut Buffer, layout: &mut LastLayout) {
    if let Some(v) = HelpView::of(app) {
        StatefulWidget::render(&v, area, buf, layout);
    }
}

impl Widget for &HelpView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        StatefulWidget::render(self, area, buf, &mut LastLayout::default());
    }
}

impl StatefulWidget for &HelpView<'_> {
    type State = LastLayout;

    fn render(self, area: Rect, buf: &mut Buffer, layout: &mut LastLayout) {
        let theme = self.theme;
        let key = |a: Action| self.keymap.key_hint(Scope::Help, &a);
        let rect = centered(area, 96, area.height.saturating_sub(2).max(3));
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(theme.border_focused)
            .title(Span::styled(" Help: keys ", theme.strong))
            .title_bottom(
                Line::styled(
                    format!(
                        " {}/{} scroll · {} close ",
                        key(Action::Down),
                        key(Action::Up),
                        key(Action::Close)
                    ),
                    theme.dim,
                )
                .right_aligned(),
            );
        let width = block.inner(rect).width.saturating_sub(1) as usize;
        let all = lines(self.keymap, theme, width);
        super::scrolled::render(rect, buf, block, all, self.scroll, theme.base, layout);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::theme::ThemeName;

    fn text(buf: &Buffer) -> String {
        let area = buf.area;
        (area.top()..area.bottom())
            .map(|y| {
                (area.left()..area.right())
                    .map(|x| buf[(x, y)].symbol())
                    .collect::<String>()
                    + "\n"
            })
            .collect()
    }

    #[test]
    fn the_help_draws_from_the_keymap_and_reports_what_it_showed() {
        let keymap = Keymap::default();
        let theme = Theme::new(ThemeName::Dark, false);
        let view = HelpView {
            keymap: &keymap,
            theme: &theme,
            scroll: usize::MAX,
        };
        let area = Rect::new(0, 0, 100, 20);
        let mut buf = Buffer::empty(area);
        let mut hits = LastLayout::default();
        StatefulWidget::render(&view, area, &mut buf, &mut hits);
        let shown = text(&buf);
        assert!(shown.contains("Help: keys"), "{shown}");
        let close = keymap.key_hint(Scope::Help, &Action::Close);
        assert!(shown.contains(&format!("{close} close")), "{shown}");
        assert_eq!(hits.overlay, centered(area, 96, 18));
        let drawn = hits.overlay_drawn.expect("what it showed");
        assert_eq!(drawn.scroll, drawn.max_scroll, "scrolling stops at the end");
        assert!(drawn.max_scroll > 0, "the help is longer than 18 rows");

        // As a plain widget it draws the same and records nothing anywhere.
        let mut plain = Buffer::empty(area);
        Widget::render(&view, area, &mut plain);
        assert_eq!(plain, buf);
    }
}
