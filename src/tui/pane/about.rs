//! The About screen: what the guide is, its version and review date, and its disclaimer.
//! At the first start it shows once by itself as a notice.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders};

use crate::tui::action::Action;
use crate::tui::app::{App, LastLayout, Overlay};
use crate::tui::keymap::Scope;
use crate::tui::text::{self, Piece};

/// The About text wrapped to `width`.
pub fn lines(app: &App, width: usize, notice: bool) -> Vec<Line<'static>> {
    let theme = &app.theme;
    let meta = &app.guide.meta;
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
            app.key(Scope::Global, Action::About)
        )
    } else {
        format!(
            "{} shows this screen from anywhere.",
            app.key(Scope::Global, Action::About)
        )
    };
    para(vec![Piece::new(hint, theme.dim)], &mut out);
    out
}

pub fn render(app: &App, area: Rect, buf: &mut Buffer, layout: &mut LastLayout) {
    let Overlay::About { scroll, notice } = app.overlay else {
        return;
    };
    let theme = app.theme.clone();
    let w = area.width.saturating_sub(4).min(84);
    let inner_w = w.saturating_sub(4) as usize;
    let all = lines(app, inner_w.max(10), notice);
    let h = (all.len() as u16 + 2).min(area.height);
    let rect = super::help::centered(area, w, h);
    let title = if notice {
        " Before you start "
    } else {
        " About "
    };
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border_focused)
        .title(Span::styled(title, theme.strong))
        .title_bottom(
            Line::styled(
                format!(" {} close ", app.key(Scope::Help, Action::Close)),
                theme.dim,
            )
            .right_aligned(),
        );
    super::scrolled::render(rect, buf, block, all, scroll, theme.base, layout);
}
