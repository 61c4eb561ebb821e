//! The reader's state and what its keys do: scrolling and paging, finding within the section
//! and moving between matches, selecting and following see-also links. Decided here from the
//! laid-out document, tested without a terminal; the view (`reader.rs`) only draws it.

use ratatui::layout::Rect;

use super::reader::Doc;
use crate::tui::action::Action;
use crate::tui::input::TextInput;

/// The find box of the reader (find within the open section).
#[derive(Debug, Clone, Default)]
pub struct FindBox {
    pub input: TextInput,
    /// Highlights, current match and scroll before the box opened, back on Esc.
    pub before: (Vec<String>, Option<usize>, usize),
}

/// What the reader shows and where it is.
#[derive(Debug, Clone, Default)]
pub struct ReaderState {
    pub section: Option<String>,
    pub scroll: usize,
    /// Index of the selected see-also link.
    pub link: Option<usize>,
    /// Words to highlight (from the search that opened the section).
    pub terms: Vec<String>,
    /// Index of the match `n`/`N` last jumped to.
    pub current_match: Option<usize>,
    /// The find box, while it is open.
    pub find: Option<FindBox>,
}

/// What the reader's keys need besides its state: the open section laid out at the pane's
/// width (the positions of lines, matches and links do not depend on which match is
/// current or which link selected) and the body lines the pane shows.
#[derive(Debug, Clone, Copy)]
pub struct ReaderCtx<'a> {
    pub doc: Option<&'a Doc>,
    pub page: usize,
}

impl<'a> ReaderCtx<'a> {
    /// The context for a reader pane of `area` (borders and the pinned title taken off).
    pub fn new(doc: Option<&'a Doc>, area: Rect) -> Self {
        let pinned = doc.map(Doc::pinned).unwrap_or(1);
        let page = (area.height.saturating_sub(2) as usize)
            .saturating_sub(pinned)
            .max(1);
        ReaderCtx { doc, page }
    }

    /// The furthest the body scrolls.
    fn max_scroll(&self) -> usize {
        self.doc
            .map(|d| d.body_len())
            .unwrap_or(0)
            .saturating_sub(self.page)
    }
}

/// What the browser must do after the reader took an action.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    None,
    /// Open this section (recorded in history).
    OpenSection(String),
    /// Show the open section's references, this one (0-based) highlighted.
    References(Option<usize>),
    /// Show the reader with its find box (switching tab and focus to it).
    ShowFind,
    /// The find box's words changed: lay the section out with them and call
    /// [`ReaderState::find_from_top`].
    Refind,
    /// Tell the user (on the status line).
    Message(&'static str),
}

impl ReaderState {
    /// A section from its top, highlighting `terms`.
    pub fn open(id: &str, terms: Vec<String>) -> Self {
        ReaderState {
            section: Some(id.to_string()),
            terms,
            ..ReaderState::default()
        }
    }

    /// Whether the find box takes `action` while it is open (it takes the search box's keys).
    pub fn find_handles(&self, action: &Action) -> bool {
        self.find.is_some() && crate::tui::pane::search::SearchUi::handles(action)
    }

    /// One action in the reader. While the find box is open it takes the editing keys,
    /// Enter and Esc, and the arrows move between matches.
    pub fn apply(&mut self, action: &Action, ctx: ReaderCtx<'_>) -> Effect {
        use Action as A;
        if self.find_handles(action) {
            return self.apply_find(action, ctx);
        }
        let page = ctx.page as isize;
        match action {
            A::Up => self.scroll_by(-1, ctx),
            A::Down => self.scroll_by(1, ctx),
            A::PageUp => self.scroll_by(-page.max(2) + 1, ctx),
            A::PageDown => self.scroll_by(page.max(2) - 1, ctx),
            A::HalfPageUp => self.scroll_by(-(page / 2).max(1), ctx),
            A::HalfPageDown => self.scroll_by((page / 2).max(1), ctx),
            A::Top => self.scroll = 0,
            A::Bottom => self.scroll_by(isize::MAX / 2, ctx),
            A::NextMatch => return self.jump_match(true, ctx),
            A::PrevMatch => return self.jump_match(false, ctx),
            A::NextLink => return self.move_link(true, ctx),
            A::PrevLink => return self.move_link(false, ctx),
            A::Open => {
                let followed = ctx
                    .doc
                    .zip(self.link)
                    .and_then(|(doc, link)| doc.links.get(link));
                if let Some((_, id)) = followed {
                    return Effect::OpenSection(id.clone());
                }
            }
            A::References if self.section.is_none() => {
                return Effect::Message("Open a section to see its references");
            }
            A::References => return Effect::References(None),
            A::Find if self.section.is_none() => {
                return Effect::Message("Open a section to find in it");
            }
            A::Find => {
                self.find = Some(FindBox {
                    input: TextInput::default(),
                    before: (self.terms.clone(), self.current_match, self.scroll),
                });
                return Effect::ShowFind;
            }
            _ => {}
        }
        Effect::None
    }

    /// The find box: editing changes the query (and re-finds), Enter keeps the matches for
    /// the match keys, Esc puts back what was highlighted before, the arrows move between
    /// matches.
    fn apply_find(&mut self, action: &Action, ctx: ReaderCtx<'_>) -> Effect {
        use Action as A;
        if let Some(request) = crate::tui::input::request_for(action) {
            let edited = self.find.as_mut().is_some_and(|f| f.input.edit(request));
            if edited && let Some(f) = &self.find {
                self.terms = find_terms(f.input.text());
                self.current_match = None;
                return Effect::Refind;
            }
            return Effect::None;
        }
        match action {
            A::Open => {
                if let Some(f) = self.find.take()
                    && self.terms.is_empty()
                {
                    (self.terms, self.current_match, self.scroll) = f.before;
                }
            }
            A::Close => {
                if let Some(f) = self.find.take() {
                    (self.terms, self.current_match, self.scroll) = f.before;
                }
            }
            A::Down | A::PageDown | A::HalfPageDown => return self.jump_match(true, ctx),
            A::Up | A::PageUp | A::HalfPageUp => return self.jump_match(false, ctx),
            _ => {}
        }
        Effect::None
    }

    /// After the find box's words changed (and the section was laid out with them): moves to
    /// the first match at or below the top of the reader.
    pub fn find_from_top(&mut self, ctx: ReaderCtx<'_>) {
        let Some(doc) = ctx.doc.filter(|d| !d.matches.is_empty()) else {
            return;
        };
        let top = self.scroll + doc.header;
        let next = doc.matches.iter().position(|&l| l >= top).unwrap_or(0);
        // One before the wanted match, so the forward jump lands on it.
        self.current_match = next.checked_sub(1);
        self.jump_match(true, ctx);
    }

    /// Where an opened hit starts: at the first match of a word typed in `query` that the
    /// section's `title` does not already show ("sessions" when "sessions for stretch
    /// marks" finds the stretch-marks section), or the first match. When that match is on
    /// the first page the reader stays at the top, so the bottom line stays in view.
    pub fn jump_to_telling_match(&mut self, title: &str, query: &str, ctx: ReaderCtx<'_>) {
        let Some(doc) = ctx.doc.filter(|d| !d.matches.is_empty()) else {
            return;
        };
        let title = words(title);
        let typed: Vec<String> = words(query)
            .into_iter()
            .filter(|w| !title.iter().any(|t| same_word(t, w)))
            .collect();
        let in_body = |i: &usize| doc.matches[*i] >= doc.header;
        let pick = (0..doc.matches.len())
            .filter(in_body)
            .find(|&i| typed.iter().any(|w| same_word(w, &doc.match_words[i])))
            .or_else(|| (0..doc.matches.len()).find(in_body))
            .unwrap_or(0);
        self.current_match = Some(pick);
        let line = doc.matches[pick].saturating_sub(doc.header);
        self.scroll = if line < ctx.page {
            0
        } else {
            line.saturating_sub(2).min(ctx.max_scroll())
        };
    }

    /// A click on body row `row` of the pane (0 = the first below the pinned title): on a
    /// line citing a source (`labels` are the section's references' labels, in order) it
    /// shows that reference; on a see-also link it follows it.
    pub fn click(&mut self, row: usize, labels: &[String], ctx: ReaderCtx<'_>) -> Effect {
        let Some(doc) = ctx.doc else {
            return Effect::None;
        };
        let line = row + self.scroll + doc.header;
        if let Some(marked) = cited_on_line(doc, line, labels) {
            return Effect::References(Some(marked));
        }
        let hit = doc.links.iter().enumerate().find(|(i, (l, _))| {
            let end = doc.links.get(i + 1).map_or(doc.lines.len(), |n| n.0);
            line >= *l && line < end
        });
        match hit {
            Some((i, (_, id))) => {
                self.link = Some(i);
                Effect::OpenSection(id.clone())
            }
            None => Effect::None,
        }
    }

    /// The frame drew the body from line `shown` (the scroll kept within the body at the
    /// pane's size): the reader stays there, so a window that shrank and grew back, or a
    /// tree shown again, does not scroll it back down.
    pub fn shown(&mut self, shown: usize) {
        self.scroll = shown;
    }

    /// Scrolls by `delta` lines within the body (the wheel too).
    pub fn scroll_by(&mut self, delta: isize, ctx: ReaderCtx<'_>) {
        let max = ctx.max_scroll() as isize;
        self.scroll = (self.scroll as isize).saturating_add(delta).clamp(0, max) as usize;
    }

    /// The next or previous match, wrapping, shown a few lines below the top so its context
    /// is visible.
    fn jump_match(&mut self, forward: bool, ctx: ReaderCtx<'_>) -> Effect {
        let Some(doc) = ctx.doc else {
            return Effect::None;
        };
        let n = doc.matches.len();
        if n == 0 {
            return Effect::Message("No highlighted words in this section");
        }
        let next = match (self.current_match, forward) {
            (None, true) => 0,
            (None, false) => n - 1,
            (Some(i), true) => (i + 1) % n,
            (Some(i), false) => (i + n - 1) % n,
        };
        self.current_match = Some(next);
        let line = doc.matches[next].saturating_sub(doc.header);
        self.scroll = line.saturating_sub(2).min(ctx.max_scroll());
        Effect::None
    }

    /// Selects the next or previous see-also link (stopping at the ends), scrolling it into
    /// the middle of the page when it is off screen.
    fn move_link(&mut self, forward: bool, ctx: ReaderCtx<'_>) -> Effect {
        let Some(doc) = ctx.doc else {
            return Effect::None;
        };
        let n = doc.links.len();
        if n == 0 {
            return Effect::Message("This section has no see-also links");
        }
        let next = match (self.link, forward) {
            (None, true) => 0,
            (None, false) => n - 1,
            (Some(i), true) => (i + 1).min(n - 1),
            (Some(i), false) => i.saturating_sub(1),
        };
        self.link = Some(next);
        let line = doc.links[next].0.saturating_sub(doc.header);
        let page = ctx.page;
        if line < self.scroll || line >= self.scroll + page {
            self.scroll = line.saturating_sub(page / 2).min(ctx.max_scroll());
        }
        Effect::None
    }
}

/// The reference (0-based, in the section's list) whose label a document line cites: the
/// leftmost one when a line cites several; none on a see-also link.
fn cited_on_line(doc: &Doc, line: usize, labels: &[String]) -> Option<usize> {
    if doc.links.iter().any(|(l, _)| *l == line) {
        return None;
    }
    let text: String = doc
        .lines
        .get(line)?
        .spans
        .iter()
        .map(|s| s.content.as_ref())
        .collect();
    labels
        .iter()
        .enumerate()
        .filter_map(|(i, label)| {
            // A label in a citation follows "(" or "; ".
            [
                format!("({label}"),
                format!("; {label}"),
                format!("{label}: "),
            ]
            .iter()
            .filter_map(|l| text.find(l.as_str()))
            .min()
            .map(|at| (at, i))
        })
        .min()
        .map(|(_, i)| i)
}

/// Lower-case words of `s`.
fn words(s: &str) -> Vec<String> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// Two forms of one word, near enough for placing the reader ("mark" and "marks").
fn same_word(a: &str, b: &str) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    short == long || (short.len() >= 4 && long.starts_with(short))
}

/// Words of a find query, as the highlighter takes them.
fn find_terms(q: &str) -> Vec<String> {
    q.split(|c: char| !c.is_alphanumeric() && c != '\'')
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::text::Line;

    /// A document of a two-line header and 40 body lines, with matches on body lines 5, 18
    /// and 30 and see-also links on the last two lines.
    fn doc() -> Doc {
        Doc {
            lines: vec![Line::raw("x"); 42],
            matches: vec![7, 20, 32],
            match_words: vec!["scar".into(); 3],
            links: vec![(40, "a".into()), (41, "b".into())],
            title_lines: 1,
            header: 2,
        }
    }

    /// A pane 13 rows tall: 11 inside the borders, one pinned title line, 10 body lines.
    fn ctx(doc: &Doc) -> ReaderCtx<'_> {
        ReaderCtx::new(Some(doc), Rect::new(0, 0, 60, 13))
    }

    fn opened() -> ReaderState {
        ReaderState::open("s", vec!["scar".into()])
    }

    #[test]
    fn pages_and_half_pages_keep_a_line_of_context_and_stop_at_the_ends() {
        let d = doc();
        let c = ctx(&d);
        assert_eq!(c.page, 10);
        let mut r = opened();
        r.apply(&Action::PageDown, c);
        assert_eq!(r.scroll, 9, "a page less the line kept");
        r.apply(&Action::HalfPageDown, c);
        assert_eq!(r.scroll, 14);
        r.apply(&Action::PageUp, c);
        assert_eq!(r.scroll, 5);
        r.apply(&Action::HalfPageUp, c);
        assert_eq!(r.scroll, 0);
        r.apply(&Action::Up, c);
        assert_eq!(r.scroll, 0, "not above the top");
        r.apply(&Action::Bottom, c);
        assert_eq!(r.scroll, 30, "G shows the last body line at the bottom");
        r.apply(&Action::PageDown, c);
        r.apply(&Action::Down, c);
        assert_eq!(r.scroll, 30, "not past the end");
        r.apply(&Action::Top, c);
        assert_eq!(r.scroll, 0);
    }

    #[test]
    fn match_keys_wrap_both_ways_and_show_the_match_near_the_top() {
        let d = doc();
        let c = ctx(&d);
        let mut r = opened();
        assert_eq!(r.apply(&Action::NextMatch, c), Effect::None);
        assert_eq!((r.current_match, r.scroll), (Some(0), 3));
        r.apply(&Action::NextMatch, c);
        r.apply(&Action::NextMatch, c);
        assert_eq!((r.current_match, r.scroll), (Some(2), 28));
        r.apply(&Action::NextMatch, c);
        assert_eq!(r.current_match, Some(0), "n wraps to the first");
        r.apply(&Action::PrevMatch, c);
        assert_eq!(r.current_match, Some(2), "N wraps to the last");
        let none = Doc {
            matches: vec![],
            ..doc()
        };
        assert_eq!(
            r.apply(&Action::NextMatch, ctx(&none)),
            Effect::Message("No highlighted words in this section")
        );
    }

    #[test]
    fn links_are_selected_in_turn_and_followed() {
        let d = doc();
        let c = ctx(&d);
        let mut r = opened();
        assert_eq!(r.apply(&Action::Open, c), Effect::None, "no link selected");
        r.apply(&Action::NextLink, c);
        assert_eq!(r.link, Some(0));
        assert_eq!(r.scroll, 30, "scrolled to the link");
        r.apply(&Action::NextLink, c);
        r.apply(&Action::NextLink, c);
        assert_eq!(r.link, Some(1), "stops at the last");
        assert_eq!(r.apply(&Action::Open, c), Effect::OpenSection("b".into()));
        assert_eq!(r.apply(&Action::References, c), Effect::References(None));
        let mut empty = ReaderState::default();
        assert_eq!(
            empty.apply(&Action::Find, c),
            Effect::Message("Open a section to find in it")
        );
    }

    #[test]
    fn a_click_on_a_citation_shows_its_reference_and_on_a_link_follows_it() {
        let mut d = doc();
        d.lines[5] = Line::raw("Three sessions (Beta leaflet; Author 2024)");
        let c = ctx(&d);
        let labels = ["Author 2024".to_string(), "Beta leaflet".to_string()];
        let mut r = opened();
        // Body row 3 is document line 5 (under the two header lines).
        assert_eq!(
            r.click(3, &labels, c),
            Effect::References(Some(1)),
            "leftmost"
        );
        assert_eq!(r.click(4, &labels, c), Effect::None);
        r.apply(&Action::Bottom, c);
        // Scrolled to 30: the links (lines 40 and 41) are body rows 8 and 9.
        assert_eq!(r.click(9, &labels, c), Effect::OpenSection("b".into()));
        assert_eq!(r.link, Some(1));
    }

    #[test]
    fn the_find_box_edits_refinds_and_esc_puts_back_what_was_highlighted() {
        let d = doc();
        let c = ctx(&d);
        let mut r = opened();
        r.scroll = 4;
        assert_eq!(r.apply(&Action::Find, c), Effect::ShowFind);
        assert_eq!(r.apply(&Action::Type('W'), c), Effect::Refind);
        assert_eq!(r.terms, vec!["w"]);
        r.find_from_top(c);
        // The first match at or below the top (body line 4, document line 6) is the first.
        assert_eq!(r.current_match, Some(0));
        r.apply(&Action::Down, c);
        assert_eq!(r.current_match, Some(1), "the arrows move between matches");
        r.apply(&Action::Close, c);
        assert!(r.find.is_none());
        assert_eq!(
            (r.terms.clone(), r.current_match, r.scroll),
            (vec!["scar".into()], None, 4)
        );
    }

    #[test]
    fn the_match_count_is_the_sections_whatever_the_width() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/tui-guide");
        let guide = crate::content::load_dir(&dir).expect("fixture guide").guide;
        let theme = crate::tui::theme::Theme::new(crate::tui::theme::ThemeName::Dark, true);
        let terms = vec!["collagen".to_string()];
        let counts: Vec<usize> = guide
            .sections
            .iter()
            .flat_map(|s| {
                [24, 50, 100].map(|w| {
                    let d =
                        super::super::reader::document(&guide, s, &theme, w, &terms, None, false);
                    d.matches.len()
                })
            })
            .collect();
        assert!(
            counts.iter().any(|&n| n > 1),
            "the fixture mentions collagen"
        );
        for c in counts.chunks(3) {
            assert!(c.iter().all(|&n| n == c[0]), "{counts:?}");
        }
    }
}
