//! The `B` overlay: bookmarked sections, newest last; Enter opens, `b`/`d` removes.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, StatefulWidget, Widget};

use super::help::centered;
use crate::content::Guide;
use crate::tui::action::Action;
use crate::tui::app::{App, LastLayout, Overlay};
use crate::tui::keymap::{Keymap, Scope};
use crate::tui::text::truncate;
use crate::tui::theme::Theme;

/// The bookmarks overlay as a widget: the bookmarked section ids, the guide that names
/// them, the keymap for the hint and the selected row. As a [`StatefulWidget`] it also
/// writes its area into the frame's hit map.
pub struct BookmarksView<'a> {
    pub bookmarks: &'a [String],
    pub guide: &'a Guide,
    pub keymap: &'a Keymap,
    pub theme: &'a Theme,
    pub selected: usize,
}

impl<'a> BookmarksView<'a> {
    /// The list as the app's open overlay shows it; `None` when it is not open.
    pub fn of(app: &'a App) -> Option<BookmarksView<'a>> {
        let Overlay::Bookmarks { selected } = app.overlay else {
            return None;
        };
        Some(BookmarksView {
            bookmarks: &app.memory.bookmarks,
            guide: &app.guide,
            keymap: &app.keymap,
            theme: &app.theme,
            selected,
        })
    }
}

/// Draws the app's bookmarks list, if open, recording its area in `layout`.
pub fn render(app: &App, area: Rect, buf: &mut Buffer, layout: &mut LastLayout) {
    if let Some(v) = BookmarksView::of(app) {
        StatefulWidget::render(&v, area, buf, layout);
    }
}

impl Widget for &BookmarksView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        StatefulWidget::render(self, area, buf, &mut LastLayout::default());
    }
}

impl StatefulWidget for &BookmarksView<'_> {
    type State = LastLayout;

    fn render(self, area: Rect, buf: &mut Buffer, layout: &mut LastLayout) {
        let theme = self.theme;
        let selected = self.selected;
        let n = self.bookmarks.len() as u16;
        let rect = centered(area, 70, n.max(1) + 4);
        layout.overlay = rect;
        Clear.render(rect, buf);
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(theme.border_focused)
            .title(Span::styled(" Bookmarks ", theme.strong));
        let inner = block.inner(rect);
        let width = inner.width.saturating_sub(3) as usize;
        let mut lines = Vec::new();
        if self.bookmarks.is_empty() {
            lines.push(Line::styled(
                format!(
                    " No bookmarks yet: press {} in the reader.",
                    self.keymap.key_hint(Scope::Reader, &Action::ToggleBookmark)
                ),
                theme.dim,
            ));
        }
        let height = inner.height as usize;
        let offset = selected.saturating_sub(height.saturating_sub(1));
        for (i, id) in self.bookmarks.iter().enumerate().skip(offset) {
            let path = self
                .guide
                .section(id)
                .map(|s| s.path.clone())
                .unwrap_or_else(|| id.clone());
            let sel = i == selected;
            lines.push(Line::from(vec![
                Span::styled(if sel { " ▶ " } else { "   " }, theme.accent),
                Span::styled(
                    truncate(&path, width),
                    if sel { theme.selected } else { theme.base },
                ),
            ]));
        }
        Paragraph::new(lines)
            .style(theme.base)
            .block(block)
            .render(rect, buf);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::theme::ThemeName;

    #[test]
    fn an_empty_list_names_the_bookmark_key_of_the_reader() {
        let keymap = Keymap::default();
        let theme = Theme::new(ThemeName::Dark, false);
        let dir =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/case-guide");
        let Ok(loaded) = crate::content::load_dir(&dir) else {
            panic!("the fixture guide loads");
        };
        let guide = loaded.guide;
        let view = BookmarksView {
            bookmarks: &[],
            guide: &guide,
            keymap: &keymap,
            theme: &theme,
            selected: 0,
        };
        let area = Rect::new(0, 0, 80, 12);
        let mut buf = Buffer::empty(area);
        let mut hits = LastLayout::default();
        StatefulWidget::render(&view, area, &mut buf, &mut hits);
        let row: String = (0..80)
            .map(|x| buf[(x, hits.overlay.y + 1)].symbol().to_string())
            .collect();
        let key = keymap.key_hint(Scope::Reader, &Action::ToggleBookmark);
        assert!(
            row.contains(&format!("No bookmarks yet: press {key} in the reader.")),
            "{row}"
        );
        assert_eq!(hits.overlay, centered(area, 70, 5));
    }
}
