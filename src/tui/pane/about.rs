//! The About screen: what the guide is, its version and review date, and its disclaimer.
//! At the first start it shows once by itself as a notice.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, StatefulWidget, Widget};

use crate::content::Meta;
use crate::tui::action::Action;
use crate::tui::app::{App, LastLayout, Overlay};
use crate::tui::keymap::{Keymap, Scope};
use crate::tui::text::{self, Piece};
use crate::tui::theme::Theme;

/// The About screen over the guide's meta, the keymap and the theme.
pub struct AboutView<'a> {
    pub meta: &'a Meta,
    pub keymap: &'a Keymap,
    pub theme: &'a Theme,
    pub scroll: usize,
    /// Shown by itself at the first start.
    pub notice: bool,
}

impl<'a> AboutView<'a> {
    /// The About screen as the app's open overlay shows it; `None` when it is not open.
    pub fn of(app: &'a App) -> Option<AboutView<'a>> {
        let Overlay::About { scroll, notice } = app.overlay else {
            return None;
        };
        Some(AboutView {
            meta: &app.guide.meta,
            keymap: &app.keymap,
            theme: &app.theme,
            scroll,
            notice,
        })
    }
}

/// The About text wrapped to `width`.
pub fn lines(view: &AboutView, width: usize) -> Vec<Line<'static>> {
    let (theme, meta, notice) = (view.theme, view.meta, view.notice);
    let key = |a: Action| view.keymap.key_hint(Scope::Global, &a);
    let mut out = Vec::new();
    let para = |pieces: Vec<Piece>, out: &mut Vec<Line<'static>>| {
        out.extend(text::wrap(&pieces, width, vec![], vec![]).lines);
    };
    para(vec![Piece::new(meta.title.clone(), theme.title)], &mut out);
    para(
        vec![
            Piece::new("Guide version ", theme.dim),
            Piece::new(meta.version.clone(), theme.strong),
            Piece::new(" · reviewed ", theme.dim),
            Piece::new(meta.reviewed.format("%-d %B %Y").to_string(), theme.strong),
        ],
        &mut out,
    );
    para(
        vec![Piece::new(
            format!("mnguide {}", env!("CARGO_PKG_VERSION")),
            theme.dim,
        )],
        &mut out,
    );
    out.push(Line::default());
    para(vec![Piece::new("Disclaimer", theme.heading)], &mut out);
    // The disclaimer is one paragraph broken for the TOML file: rejoined before wrapping.
    for p in meta.disclaimer.split("\n\n") {
        let joined = p.split_whitespace().collect::<Vec<_>>().join(" ");
        if !joined.is_empty() {
            para(vec![Piece::new(joined, theme.base)], &mut out);
        }
    }
    out.push(Line::default());
    let hint = if notice {
        format!(
            "Shown once at the first start. Any key continues; {} shows this again.",
            key(Action::About)
        )
    } else {
        format!("{} shows this screen from anywhere.", key(Action::About))
    };
    para(vec![Piece::new(hint, theme.dim)], &mut out);
    out
}

/// Draws the app's About screen, if open, recording its area and what it showed in `layout`.
pub fn render(app: &App, area: Rect, buf: &mut Buffer, layout: &mut LastLayout) {
    if let Some(v) = AboutView::of(app) {
        StatefulWidget::render(&v, area, buf, layout);
    }
}

impl Widget for &AboutView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        StatefulWidget::render(self, area, buf, &mut LastLayout::default());
    }
}

impl StatefulWidget for &AboutView<'_> {
    type State = LastLayout;

    fn render(self, area: Rect, buf: &mut Buffer, layout: &mut LastLayout) {
        let theme = self.theme;
        let w = area.width.saturating_sub(4).min(84);
        let inner_w = w.saturating_sub(4) as usize;
        let all = lines(self, inner_w.max(10));
        let h = (all.len() as u16 + 2).min(area.height);
        let rect = super::help::centered(area, w, h);
        let title = if self.notice {
            " Before you start "
        } else {
            " About "
        };
        let close = self.keymap.key_hint(Scope::Help, &Action::Close);
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(theme.border_focused)
            .title(Span::styled(title, theme.strong))
            .title_bottom(Line::styled(format!(" {close} close "), theme.dim).right_aligned());
        super::scrolled::render(rect, buf, block, all, self.scroll, theme.base, layout);
    }
}
