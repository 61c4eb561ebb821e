//! The search pane: a query box that searches on every keystroke, ranked results with
//! highlighted snippets, "matched via" and "did you mean" lines; recent searches when empty.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, StatefulWidget, Widget};

use crate::content::Guide;
use crate::search::{Hit, SearchResults};
use crate::tui::action::Action;
use crate::tui::app::{App, LastLayout};
use crate::tui::keymap::{Keymap, Scope};
use crate::tui::text::{self, Piece, truncate};
use crate::tui::theme::Theme;

/// Results asked of the index per keystroke: about two screens. Snippets cost time per hit,
/// so more are fetched only when the selection reaches the end of the list (see [`more`]).
pub const LIMIT: usize = 10;

/// The search pane's state: the box, the results shown and the selection.
#[derive(Debug, Default)]
pub struct SearchUi {
    pub input: crate::tui::input::TextInput,
    pub results: Option<SearchResults>,
    pub selected: usize,
    /// How many hits the last query asked for (grows as the list is scrolled).
    pub limit: usize,
    /// While a batch of input is applied, edits only mark the results stale; one search
    /// runs at the end of the batch (see [`flush`]).
    pub defer: bool,
    /// The results do not match the box yet.
    pub stale: bool,
    /// The whole query is selected (as `/` leaves it): typing replaces it, Backspace
    /// clears it, a cursor key keeps it.
    pub all_selected: bool,
}

/// What the browser must do after the search pane took an action: the parts that need the
/// index, the guide or the history, which the pane does not own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Effect {
    None,
    /// The text changed: run the query again.
    Query,
    /// The selection reached the end of the list: fetch more hits, then [`SearchUi::clamp`].
    More,
    /// Open the selected result (or rerun the selected recent search).
    Open,
    /// Up at the top of the results: put the next older recent search in the box.
    Recall,
    /// Leave the search tab.
    Leave,
}

impl SearchUi {
    /// The text in the search box.
    pub fn query(&self) -> &str {
        self.input.text()
    }

    /// Whether [`SearchUi::apply`] takes `action` (the router sends it only those).
    pub fn handles(action: &Action) -> bool {
        use Action as A;
        matches!(
            action,
            A::Type(_)
                | A::CursorLeft
                | A::CursorRight
                | A::CursorHome
                | A::CursorEnd
                | A::WordLeft
                | A::WordRight
                | A::DeleteBack
                | A::DeleteForward
                | A::DeleteWordBack
                | A::DeleteWordForward
                | A::ClearInput
                | A::Open
                | A::Close
        ) || action.is_move()
    }

    /// Rows that can be selected: results, or the `recent` searches when the box is empty.
    pub fn rows(&self, recent: usize) -> usize {
        match &self.results {
            Some(r) => r.hits.len(),
            None if self.query().trim().is_empty() => recent,
            None => 0,
        }
    }

    /// True when the index may hold more hits than were fetched.
    pub fn has_more(&self) -> bool {
        self.results
            .as_ref()
            .is_some_and(|r| r.hits.len() >= self.limit.max(LIMIT))
    }

    /// Keeps the selection on a row that exists.
    pub fn clamp(&mut self, recent: usize) {
        self.selected = self.selected.min(self.rows(recent).saturating_sub(1));
    }

    /// One action in the search pane; `recent` is how many recent searches the empty box
    /// lists. Editing goes through tui-input; what needs the rest of the browser comes back
    /// as an [`Effect`].
    pub fn apply(&mut self, action: &Action, recent: usize) -> Effect {
        use Action as A;
        let request = crate::tui::input::request_for(action);
        if let Some(request) = request {
            return self.edit(request);
        }
        let delta: isize = match action {
            A::Open => return Effect::Open,
            A::Close => return Effect::Leave,
            A::Up if self.selected == 0 && self.results.is_some() => return Effect::Recall,
            A::Up => -1,
            A::Down => 1,
            A::PageUp | A::HalfPageUp => -5,
            A::PageDown | A::HalfPageDown => 5,
            A::Top => {
                self.selected = 0;
                return Effect::None;
            }
            A::Bottom => isize::MAX / 2,
            _ => return Effect::None,
        };
        let n = self.rows(recent);
        if n == 0 {
            return Effect::None;
        }
        let s = (self.selected as isize).saturating_add(delta).max(0) as usize;
        self.selected = s;
        if s >= n - 1 && self.has_more() {
            return Effect::More;
        }
        self.clamp(recent);
        Effect::None
    }

    fn edit(&mut self, request: crate::tui::input::InputRequest) -> Effect {
        use crate::tui::input::InputRequest as R;
        let replaces = std::mem::take(&mut self.all_selected);
        let moves = matches!(
            request,
            R::GoToPrevChar
                | R::GoToNextChar
                | R::GoToStart
                | R::GoToEnd
                | R::GoToPrevWord
                | R::GoToNextWord
        );
        // A selected query: a cursor key keeps it for editing, typing replaces it, and a
        // deletion clears it.
        if replaces && !moves {
            self.input.clear();
            if let R::InsertChar(c) = request {
                self.input.insert(c);
            }
            return Effect::Query;
        }
        if self.input.edit(request) {
            Effect::Query
        } else {
            Effect::None
        }
    }
}

/// Runs the query in the box (synchronously, on every keystroke, or once at the end of a
/// batch of input while `defer` is set).
pub fn refresh(app: &mut App) {
    if app.search_ui.defer {
        app.search_ui.stale = true;
        return;
    }
    app.search_ui.stale = false;
    app.search_ui.selected = 0;
    app.search_ui.limit = LIMIT;
    run_query(app);
}

/// Runs the search a deferred edit left pending.
pub fn flush(app: &mut App) {
    if app.search_ui.stale {
        let defer = std::mem::replace(&mut app.search_ui.defer, false);
        refresh(app);
        app.search_ui.defer = defer;
    }
}

/// A bracketed paste: typed into the search box (when it is open) as one edit, line breaks
/// and tabs as spaces, other control characters dropped.
pub fn paste(app: &mut App, text: &str) {
    if app.scope() != crate::tui::keymap::Scope::Search {
        return;
    }
    if app.tab == crate::tui::app::Tab::Browse && app.reader.find.is_some() {
        // The reader's find box is open: the paste is what to find.
        for c in text.chars().take(crate::tui::input::MAX_CHARS) {
            let c = if c.is_whitespace() { ' ' } else { c };
            crate::tui::update::run(app, Action::Type(c));
        }
        return;
    }
    let before = app.search_ui.input.text().len();
    for c in text.chars() {
        let c = if c.is_whitespace() { ' ' } else { c };
        if !app.search_ui.input.insert(c) {
            app.message = Some(format!(
                "The search box holds {} characters; the rest of the paste was dropped",
                crate::tui::input::MAX_CHARS
            ));
            break;
        }
    }
    if app.search_ui.input.text().len() != before {
        refresh(app);
    }
}

fn run_query(app: &mut App) {
    if app.search_ui.query().trim().is_empty() {
        app.search_ui.results = None;
        return;
    }
    let limit = app.search_ui.limit.max(LIMIT);
    let Some(index) = app.search.as_ref() else {
        app.search_ui.results = None;
        return;
    };
    let query = app.search_ui.query().to_string();
    // A damaged index can make the search engine panic; the browser carries on with an
    // index rebuilt in memory from the guide it has loaded.
    if let Some(results) = crate::tui::guard::catch(|| index.search(&query, limit)) {
        app.search_ui.results = Some(results);
        return;
    }
    match crate::search::SearchIndex::build_in_memory(&app.guide) {
        Ok(fresh) => {
            app.search_ui.results = crate::tui::guard::catch(|| fresh.search(&query, limit));
            app.search = Some(fresh);
            app.message =
                Some("The search index failed; searching a copy rebuilt in memory".into());
        }
        Err(e) => {
            app.search = None;
            app.search_ui.results = None;
            app.message = Some(format!("Search is unavailable: {e}"));
        }
    }
}

/// True when the index may hold more hits than were fetched.
pub fn has_more(app: &App) -> bool {
    app.search_ui.has_more()
}

/// Fetches the next batch of results, keeping the selection.
pub fn more(app: &mut App) {
    if has_more(app) {
        app.search_ui.limit = app.search_ui.limit.max(LIMIT) * 2;
        run_query(app);
    }
}

/// How many rows can be selected: results, or recent searches when the box is empty.
pub fn row_count(app: &App) -> usize {
    app.search_ui.rows(app.memory.recent_searches.len())
}

/// The hit's lines at `width`: title and path, snippet (two lines at most), matched via.
fn hit_lines(hit: &Hit, theme: &Theme, width: usize, selected: bool) -> Vec<Line<'static>> {
    let marker = if selected { "▶ " } else { "  " };
    let title_style = if selected {
        theme.selected
    } else {
        theme.strong
    };
    let title = truncate(&hit.title, width.saturating_sub(2));
    let mut first = vec![
        Span::styled(marker, theme.accent),
        Span::styled(title.clone(), title_style),
    ];
    let used = 2 + unicode_width::UnicodeWidthStr::width(title.as_str());
    if used + 4 < width {
        let path = truncate(&hit.path, width - used - 3);
        first.push(Span::styled(format!("  {path}"), theme.dim));
    }
    let mut lines = vec![Line::from(first)];
    let mut pieces = Vec::new();
    let snippet = &hit.snippet;
    let mut at = 0;
    for r in &snippet.highlights {
        let (Some(before), Some(mid)) =
            (snippet.text.get(at..r.start), snippet.text.get(r.clone()))
        else {
            continue;
        };
        pieces.push(Piece::new(before, theme.base));
        let mut p = Piece::new(mid, theme.highlight);
        p.mark = text::Mark::Match;
        pieces.push(p);
        at = r.end;
    }
    if let Some(tail) = snippet.text.get(at..) {
        pieces.push(Piece::new(tail, theme.base));
    }
    let wrapped = text::wrap(
        &pieces,
        width.max(8),
        vec![Span::raw("    ")],
        vec![Span::raw("    ")],
    );
    lines.extend(wrapped.lines.into_iter().take(2));
    if !hit.matched.is_empty() {
        let via = truncate(
            &format!("matched via: {}", hit.matched.join(", ")),
            width.saturating_sub(4),
        );
        lines.push(Line::from(vec![
            Span::raw("    "),
            Span::styled(via, theme.dim),
        ]));
    }
    lines
}

/// The search pane as a widget: the box, the results or the recent searches, read from
/// the pane's state. As a [`StatefulWidget`] it also writes where each result landed into
/// the frame's hit map (for clicks), with the first row drawn, which the next frame starts
/// from.
pub struct SearchView<'a> {
    pub search: &'a SearchUi,
    /// Recent searches, newest first: the rows while the box is empty.
    pub recent: &'a [String],
    /// The index is still being opened.
    pub loading: bool,
    pub keymap: &'a Keymap,
    pub theme: &'a Theme,
}

impl<'a> SearchView<'a> {
    pub fn of(app: &'a App) -> SearchView<'a> {
        SearchView {
            search: &app.search_ui,
            recent: &app.memory.recent_searches,
            loading: app.search_loading,
            keymap: &app.keymap,
            theme: &app.theme,
        }
    }
}

/// Draws the app's search pane, recording where results landed in `layout`.
pub fn render(app: &App, area: Rect, buf: &mut Buffer, layout: &mut LastLayout) {
    StatefulWidget::render(&SearchView::of(app), area, buf, layout);
}

impl Widget for &SearchView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        StatefulWidget::render(self, area, buf, &mut LastLayout::default());
    }
}

impl StatefulWidget for &SearchView<'_> {
    type State = LastLayout;

    fn render(self, area: Rect, buf: &mut Buffer, layout: &mut LastLayout) {
        let theme = &self.theme;
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(theme.border_focused)
            .title(Span::styled(" Search ", theme.strong));
        let inner = block.inner(area);
        block.render(area, buf);
        layout.search_list = inner;
        layout.result_rows.clear();
        if inner.height == 0 || inner.width == 0 {
            return;
        }
        let width = inner.width.saturating_sub(1) as usize;
        let mut head = vec![self.query_line(width)];
        match self.search.results.as_ref() {
            None if self.search.query().trim().is_empty() => {
                self.push_tips_and_recent(&mut head, inner, width, layout);
            }
            None if self.loading => {
                head.push(Line::styled(" Opening the search index…", theme.dim));
            }
            None => {
                head.push(Line::styled(
                    " Search is unavailable: the index could not be opened.",
                    theme.warning,
                ));
            }
            Some(r) => {
                self.push_summary(&mut head, r, width);
                self.render_hits(r, head, inner, width, buf, layout);
                return;
            }
        }
        Paragraph::new(head).render(inner, buf);
    }
}

impl SearchView<'_> {
    /// The " / " prompt and the query being typed, all of it highlighted when selected.
    fn query_line(&self, width: usize) -> Line<'static> {
        let theme = &self.theme;
        let mut input = vec![Span::styled(" / ", theme.accent)];
        input.extend(self.search.input.spans(
            width.saturating_sub(4),
            if self.search.all_selected {
                theme.selected
            } else {
                theme.strong
            },
            theme.selected,
        ));
        Line::from(input)
    }

    /// With no query yet: the search tips, then the recent searches (recording their rows in
    /// `layout` so a click opens one) or a line saying there are none.
    fn push_tips_and_recent(
        &self,
        head: &mut Vec<Line<'static>>,
        inner: Rect,
        width: usize,
        layout: &mut LastLayout,
    ) {
        let theme = &self.theme;
        head.push(Line::default());
        head.extend(tips(theme, width));
        head.push(Line::default());
        if self.recent.is_empty() {
            head.push(Line::styled(" No recent searches yet.", theme.dim));
            return;
        }
        head.push(Line::styled(
            format!(
                " Recent searches ({}/{}, {}):",
                self.keymap.key_hint(Scope::Search, &Action::Up),
                self.keymap.key_hint(Scope::Search, &Action::Down),
                self.keymap.key_hint(Scope::Search, &Action::Open)
            ),
            theme.heading,
        ));
        let top = inner.y + head.len() as u16;
        for (i, r) in self.recent.iter().enumerate() {
            let sel = i == self.search.selected;
            let row = top + i as u16;
            if row < inner.bottom() {
                layout.result_rows.push((row, row, i));
            }
            head.push(Line::from(vec![
                Span::styled(if sel { " ▶ " } else { "   " }, theme.accent),
                Span::styled(
                    truncate(r, width.saturating_sub(3)),
                    if sel { theme.selected } else { theme.base },
                ),
            ]));
        }
    }

    /// Above the hits: "Did you mean", the terms also searched, and how many sections matched.
    fn push_summary(&self, head: &mut Vec<Line<'static>>, r: &SearchResults, width: usize) {
        let theme = &self.theme;
        if let Some(d) = &r.did_you_mean {
            head.push(Line::from(vec![
                Span::styled(" Did you mean: ", theme.warning),
                Span::styled(truncate(d, width.saturating_sub(16)), theme.strong),
            ]));
        }
        if !r.expansions.is_empty() {
            head.push(Line::styled(
                truncate(
                    &format!(" Also searched: {}", r.expansions.join(", ")),
                    width,
                ),
                theme.dim,
            ));
        }
        let n = r.hits.len();
        if n == 0 {
            // What was searched and the closest topics can be a long line: wrapped, so
            // none of it is lost at the right border.
            let line = crate::search::no_match_line(r);
            let wrapped = text::wrap(
                &[Piece::new(line.trim_start(), theme.dim)],
                width,
                vec![Span::raw(" ")],
                vec![Span::raw(" ")],
            );
            head.extend(wrapped.lines);
            return;
        }
        let count = match n {
            1 => " 1 section".to_string(),
            _ if self.search.has_more() => {
                format!(" {n}+ sections (more load as you scroll)")
            }
            _ => format!(" {n} sections"),
        };
        head.push(Line::styled(count, theme.dim));
    }

    /// The header lines in their rows, then the results below them, scrolled so the
    /// selected one shows whole; which rows hold which result goes into `layout`.
    fn render_hits(
        &self,
        r: &SearchResults,
        head: Vec<Line<'static>>,
        inner: Rect,
        width: usize,
        buf: &mut Buffer,
        layout: &mut LastLayout,
    ) {
        let theme = &self.theme;
        let head_h = (head.len() as u16).min(inner.height);
        Paragraph::new(head).render(
            Rect {
                height: head_h,
                ..inner
            },
            buf,
        );
        let list = Rect {
            y: inner.y + head_h,
            height: inner.height - head_h,
            ..inner
        };
        let blocks: Vec<Vec<Line<'static>>> = r
            .hits
            .iter()
            .enumerate()
            .map(|(i, h)| hit_lines(h, theme, width, i == self.search.selected))
            .collect();
        // Scroll so the selected result is fully visible.
        let sel = self.search.selected.min(blocks.len().saturating_sub(1));
        let h = |i: usize| blocks.get(i).map(|b| b.len() + 1).unwrap_or(0);
        let mut offset = layout.search_offset.min(sel);
        while offset < sel && (offset..=sel).map(h).sum::<usize>() > list.height as usize {
            offset += 1;
        }
        layout.search_offset = offset;
        let mut y = list.y;
        let mut lines: Vec<Line<'static>> = Vec::new();
        for (i, b) in blocks.into_iter().enumerate().skip(offset) {
            if y >= list.bottom() {
                break;
            }
            let first = y;
            let last = (y + b.len() as u16).min(list.bottom()).saturating_sub(1);
            layout.result_rows.push((first, last, i));
            y += b.len() as u16 + 1;
            lines.extend(b);
            lines.push(Line::default());
        }
        Paragraph::new(lines).render(list, buf);
    }
}

/// What the empty search box says it understands.
fn tips(theme: &Theme, width: usize) -> Vec<Line<'static>> {
    let mut out = Vec::new();
    for l in [
        "Type to search: every key updates the results.",
        "Words are stemmed; synonyms, abbreviations and small typos are understood.",
        "\"quoted phrase\", topic:ID and tag:TAG narrow the search.",
    ] {
        let w = text::wrap(
            &[Piece::new(l, theme.dim)],
            width,
            vec![Span::raw(" ")],
            vec![Span::raw(" ")],
        );
        out.extend(w.lines);
    }
    out
}

/// On wide screens, the selected result's section beside the list, scrolled to its first
/// matched word, so a result can be judged before opening it.
pub struct PreviewView<'a> {
    pub search: &'a SearchUi,
    pub guide: &'a Guide,
    /// Bookmarked section ids (the preview marks a bookmarked section as the reader does).
    pub bookmarks: &'a [String],
    pub theme: &'a Theme,
}

impl<'a> PreviewView<'a> {
    pub fn of(app: &'a App) -> PreviewView<'a> {
        PreviewView {
            search: &app.search_ui,
            guide: &app.guide,
            bookmarks: &app.memory.bookmarks,
            theme: &app.theme,
        }
    }
}

/// Draws the preview of the app's selected result.
pub fn render_preview(app: &App, area: Rect, buf: &mut Buffer) {
    PreviewView::of(app).render(area, buf);
}

impl Widget for &PreviewView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let theme = &self.theme;
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(theme.border)
            .title(Span::styled(" Preview ", theme.strong));
        let inner = block.inner(area);
        block.render(area, buf);
        let hit = self
            .search
            .results
            .as_ref()
            .and_then(|r| r.hits.get(self.search.selected));
        let Some((hit, section)) = hit.and_then(|h| self.guide.section(&h.id).map(|s| (h, s)))
        else {
            return;
        };
        let width = inner.width.saturating_sub(2) as usize;
        let doc = super::reader::document(
            self.guide,
            section,
            theme,
            width,
            &hit.highlight_terms,
            None,
            self.bookmarks.contains(&hit.id),
        );
        // The title and path stay on top; the rest starts just above the first match.
        let top = doc
            .matches
            .first()
            .map(|m| m.saturating_sub(1))
            .unwrap_or(0);
        let mut shown: Vec<Line<'static>> = Vec::new();
        let body_start = if top > 3 {
            shown.extend(doc.lines.iter().take(2).cloned());
            shown.push(Line::styled("⋮", theme.dim));
            top
        } else {
            0
        };
        shown.extend(doc.lines.into_iter().skip(body_start));
        let lines: Vec<Line<'static>> = shown
            .into_iter()
            .take(inner.height as usize)
            .map(|l| {
                let mut spans = vec![Span::raw(" ")];
                spans.extend(l.spans);
                Line::from(spans)
            })
            .collect();
        Paragraph::new(lines).render(inner, buf);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typed(s: &mut SearchUi, text: &str) {
        for c in text.chars() {
            assert_eq!(s.apply(&Action::Type(c), 0), Effect::Query);
        }
    }

    fn with_hits(n: usize) -> SearchResults {
        let hit = |i: usize| Hit {
            id: format!("s{i}"),
            title: format!("Section {i}"),
            path: String::new(),
            score: 1.0,
            snippet: Default::default(),
            matched: Vec::new(),
            highlight_terms: Vec::new(),
        };
        SearchResults {
            hits: (0..n).map(hit).collect(),
            ..SearchResults::default()
        }
    }

    #[test]
    fn typing_and_word_editing_ask_for_a_new_query_only_when_the_text_changes() {
        let mut s = SearchUi::default();
        typed(&mut s, "acne scars");
        assert_eq!(s.apply(&Action::DeleteWordBack, 0), Effect::Query);
        assert_eq!(s.query(), "acne ");
        assert_eq!(s.apply(&Action::WordLeft, 0), Effect::None);
        assert_eq!(s.apply(&Action::CursorHome, 0), Effect::None);
        assert_eq!(
            s.apply(&Action::DeleteBack, 0),
            Effect::None,
            "nothing before"
        );
        assert_eq!(s.apply(&Action::ClearInput, 0), Effect::Query);
        assert_eq!(s.query(), "");
    }

    #[test]
    fn a_selected_query_is_replaced_by_typing_kept_by_cursor_keys_and_cleared_by_deleting() {
        let mut s = SearchUi::default();
        s.input.set("scars");
        s.all_selected = true;
        typed(&mut s, "n");
        assert_eq!(s.query(), "n");
        s.input.set("scars");
        s.all_selected = true;
        assert_eq!(s.apply(&Action::CursorEnd, 0), Effect::None);
        typed(&mut s, "!");
        assert_eq!(s.query(), "scars!");
        s.all_selected = true;
        assert_eq!(s.apply(&Action::DeleteBack, 0), Effect::Query);
        assert_eq!(s.query(), "");
    }

    #[test]
    fn moving_selects_within_the_rows_recalls_at_the_top_and_asks_for_more_at_the_end() {
        let mut s = SearchUi::default();
        // Empty box: the recent searches are the rows.
        assert_eq!(s.apply(&Action::Down, 3), Effect::None);
        assert_eq!(s.apply(&Action::Bottom, 3), Effect::None);
        assert_eq!(s.selected, 2);
        assert_eq!(s.apply(&Action::Open, 3), Effect::Open);
        // Results: Up on the first recalls an earlier query.
        s.input.set("scar");
        s.results = Some(with_hits(3));
        s.limit = LIMIT;
        s.selected = 0;
        assert_eq!(s.apply(&Action::Up, 3), Effect::Recall);
        assert_eq!(s.apply(&Action::PageDown, 3), Effect::None);
        assert_eq!(s.selected, 2, "clamped to the last hit");
        // A full page of hits may have more behind it.
        s.results = Some(with_hits(LIMIT));
        s.selected = LIMIT - 2;
        assert_eq!(s.apply(&Action::Down, 3), Effect::More);
        assert_eq!(s.apply(&Action::Close, 3), Effect::Leave);
    }
}
