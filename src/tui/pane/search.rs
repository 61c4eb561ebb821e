//! The search pane: a query box that searches on every keystroke, ranked results with
//! highlighted snippets, "matched via" and "did you mean" lines; recent searches when empty.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Widget};

use crate::search::Hit;
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::keymap::Scope;
use crate::tui::text::{self, Piece, truncate};
use crate::tui::theme::Theme;

/// Results asked of the index per keystroke: about two screens. Snippets cost time per hit,
/// so more are fetched only when the selection reaches the end of the list (see [`more`]).
pub const LIMIT: usize = 10;

/// Runs the query in the box (synchronously, on every keystroke, or once at the end of a
/// batch of input while `defer` is set).
pub fn refresh(app: &mut App) {
    if app.search_ui.defer {
        app.search_ui.stale = true;
        return;
    }
    app.search_ui.stale = false;
    app.search_ui.selected = 0;
    app.search_ui.offset = 0;
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
    app.search_ui
        .results
        .as_ref()
        .is_some_and(|r| r.hits.len() >= app.search_ui.limit.max(LIMIT))
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
    match &app.search_ui.results {
        Some(r) => r.hits.len(),
        None if app.search_ui.query().trim().is_empty() => app.memory.recent_searches.len(),
        None => 0,
    }
}

/// The hit's lines at `width`: title and path, snippet (two lines at most), matched via.
fn hit_lines(hit: &Hit, theme: &Theme, width: usize, selected: bool) -> Vec<Line<'static>> {
    let marker = if selected { "▶ " } else { "  " };
    let title_style = if selected {
        theme.selected
    } else {
        theme.strong
    };
    let title = truncate(&crate::term::clean(&hit.title), width.saturating_sub(2));
    let mut first = vec![
        Span::styled(marker, theme.accent),
        Span::styled(title.clone(), title_style),
    ];
    let used = 2 + unicode_width::UnicodeWidthStr::width(title.as_str());
    if used + 4 < width {
        let path = truncate(&crate::term::clean(&hit.path), width - used - 3);
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

pub fn render(app: &mut App, area: Rect, buf: &mut Buffer) {
    let theme = app.theme.clone();
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border_focused)
        .title(Span::styled(" Search ", theme.strong));
    let inner = block.inner(area);
    block.render(area, buf);
    app.layout.search_list = inner;
    app.layout.result_rows.clear();
    if inner.height == 0 || inner.width == 0 {
        return;
    }
    let width = inner.width.saturating_sub(1) as usize;
    let mut head: Vec<Line<'static>> = Vec::new();
    let q = app.search_ui.query().to_string();
    let mut input = vec![Span::styled(" / ", theme.accent)];
    input.extend(app.search_ui.input.spans(
        width.saturating_sub(4),
        if app.search_ui.all_selected {
            theme.selected
        } else {
            theme.strong
        },
        theme.selected,
    ));
    head.push(Line::from(input));
    let results = app.search_ui.results.clone();
    match &results {
        None if q.trim().is_empty() => {
            head.push(Line::default());
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
                head.extend(w.lines);
            }
            head.push(Line::default());
            if app.memory.recent_searches.is_empty() {
                head.push(Line::styled(" No recent searches yet.", theme.dim));
            } else {
                head.push(Line::styled(
                    format!(
                        " Recent searches ({}/{}, {}):",
                        app.key(Scope::Search, Action::Up),
                        app.key(Scope::Search, Action::Down),
                        app.key(Scope::Search, Action::Open)
                    ),
                    theme.heading,
                ));
                let top = inner.y + head.len() as u16;
                for (i, r) in app.memory.recent_searches.iter().enumerate() {
                    let sel = i == app.search_ui.selected;
                    let row = top + i as u16;
                    if row < inner.bottom() {
                        app.layout.result_rows.push((row, row, i));
                    }
                    head.push(Line::from(vec![
                        Span::styled(if sel { " ▶ " } else { "   " }, theme.accent),
                        Span::styled(
                            truncate(&crate::term::clean(r), width.saturating_sub(3)),
                            if sel { theme.selected } else { theme.base },
                        ),
                    ]));
                }
            }
            Paragraph::new(head).render(inner, buf);
            return;
        }
        None if app.search_loading => {
            head.push(Line::styled(" Opening the search index…", theme.dim));
            Paragraph::new(head).render(inner, buf);
            return;
        }
        None => {
            head.push(Line::styled(
                " Search is unavailable: the index could not be opened.",
                theme.warning,
            ));
            Paragraph::new(head).render(inner, buf);
            return;
        }
        Some(r) => {
            if let Some(d) = &r.did_you_mean {
                head.push(Line::from(vec![
                    Span::styled(" Did you mean: ", theme.warning),
                    Span::styled(
                        truncate(&crate::term::clean(d), width.saturating_sub(16)),
                        theme.strong,
                    ),
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
            let count = match n {
                0 => crate::term::clean(&crate::search::no_match_line(r)).into_owned(),
                1 => " 1 section".to_string(),
                _ if has_more(app) => format!(" {n}+ sections (more load as you scroll)"),
                _ => format!(" {n} sections"),
            };
            head.push(Line::styled(count, theme.dim));
        }
    }
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
    let Some(r) = results else { return };
    let blocks: Vec<Vec<Line<'static>>> = r
        .hits
        .iter()
        .enumerate()
        .map(|(i, h)| hit_lines(h, &theme, width, i == app.search_ui.selected))
        .collect();
    // Scroll so the selected result is fully visible.
    let sel = app.search_ui.selected.min(blocks.len().saturating_sub(1));
    let h = |i: usize| blocks.get(i).map(|b| b.len() + 1).unwrap_or(0);
    let mut offset = app.search_ui.offset.min(sel);
    while offset < sel && (offset..=sel).map(h).sum::<usize>() > list.height as usize {
        offset += 1;
    }
    app.search_ui.offset = offset;
    let mut y = list.y;
    let mut lines: Vec<Line<'static>> = Vec::new();
    for (i, b) in blocks.into_iter().enumerate().skip(offset) {
        if y >= list.bottom() {
            break;
        }
        let first = y;
        let last = (y + b.len() as u16).min(list.bottom()).saturating_sub(1);
        app.layout.result_rows.push((first, last, i));
        y += b.len() as u16 + 1;
        lines.extend(b);
        lines.push(Line::default());
    }
    Paragraph::new(lines).render(list, buf);
}

/// On wide screens, the selected result's section beside the list, scrolled to its first
/// matched word, so a result can be judged before opening it.
pub fn render_preview(app: &App, area: Rect, buf: &mut Buffer) {
    let theme = &app.theme;
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border)
        .title(Span::styled(" Preview ", theme.strong));
    let inner = block.inner(area);
    block.render(area, buf);
    let hit = app
        .search_ui
        .results
        .as_ref()
        .and_then(|r| r.hits.get(app.search_ui.selected));
    let Some((hit, section)) = hit.and_then(|h| app.guide.section(&h.id).map(|s| (h, s))) else {
        return;
    };
    let width = inner.width.saturating_sub(2) as usize;
    let doc = super::reader::document(
        &app.guide,
        section,
        theme,
        width,
        &hit.highlight_terms,
        None,
        app.memory.is_bookmarked(&hit.id),
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
