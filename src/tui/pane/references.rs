//! The `r` overlay: the open section's numbered references in full (Vancouver, with DOI
//! and PMID), the one a clicked citation names highlighted.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, StatefulWidget, Widget};

use super::help::centered;
use crate::content::{Guide, Section, citation};
use crate::tui::action::Action;
use crate::tui::app::{App, LastLayout, Overlay};
use crate::tui::keymap::{Keymap, Scope};
use crate::tui::text::{self, Piece};
use crate::tui::theme::Theme;

/// The references overlay as a widget: the open section's references in full, scrolled,
/// the one a clicked citation names highlighted. As a [`StatefulWidget`] it also writes its
/// area and what it showed into the frame's hit map.
pub struct ReferencesView<'a> {
    pub section: &'a Section,
    pub guide: &'a Guide,
    pub keymap: &'a Keymap,
    pub theme: &'a Theme,
    pub scroll: usize,
    /// The reference (0-based) a clicked citation names.
    pub marked: Option<usize>,
}

impl<'a> ReferencesView<'a> {
    /// The list as the app's open overlay shows it; `None` when it is not open or no
    /// section is open.
    pub fn of(app: &'a App) -> Option<ReferencesView<'a>> {
        let Overlay::References { scroll, marked } = app.overlay else {
            return None;
        };
        let section = app
            .reader
            .section
            .as_deref()
            .and_then(|id| app.guide.section(id))?;
        Some(ReferencesView {
            section,
            guide: &app.guide,
            keymap: &app.keymap,
            theme: &app.theme,
            scroll,
            marked,
        })
    }
}

/// Draws the app's references list, if open, recording its area and what it showed in
/// `layout`.
pub fn render(app: &App, area: Rect, buf: &mut Buffer, layout: &mut LastLayout) {
    if let Some(v) = ReferencesView::of(app) {
        StatefulWidget::render(&v, area, buf, layout);
    }
}

impl Widget for &ReferencesView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        StatefulWidget::render(self, area, buf, &mut LastLayout::default());
    }
}

impl StatefulWidget for &ReferencesView<'_> {
    type State = LastLayout;

    fn render(self, area: Rect, buf: &mut Buffer, layout: &mut LastLayout) {
        let (section, scroll, marked) = (self.section, self.scroll, self.marked);
        let key = |a: Action| self.keymap.key_hint(Scope::References, &a);
        let hint = format!(
            " {}/{} scroll · {} close ",
            key(Action::Down),
            key(Action::Up),
            key(Action::Close)
        );
        let theme = self.theme;
        let rect = centered(area, 96, area.height.saturating_sub(2).max(3));
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(theme.border_focused)
            .title(Span::styled(
                format!(" References: {} ", text::plain(&section.title)),
                theme.strong,
            ))
            .title_bottom(Line::styled(hint, theme.dim).right_aligned());
        let inner = block.inner(rect);
        let width = inner.width.saturating_sub(2).max(4) as usize;
        let mut lines: Vec<Line<'static>> = Vec::new();
        let mut marked_line = 0;
        for (n, src, reference) in self.guide.references(section) {
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
        // Opened from a citation, the list starts at that reference.
        let scroll = if marked.is_some() && scroll == 0 {
            marked_line
        } else {
            scroll
        };
        super::scrolled::render(rect, buf, block, lines, scroll, theme.base, layout);
    }
}
