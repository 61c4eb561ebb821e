//! The reader: one section, wrapped to the pane width, with matched search words marked
//! and see-also links that can be selected and followed.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Widget};

use crate::content::outline::{
    Block as Part, CautionLine, Differ, FactRow, KEY_NUMBER_COLUMNS, Link, Reference, outline,
};
use crate::content::{Guide, Section};
use crate::markdown::{self, Block as MdBlock};
use crate::render::table;
use crate::tui::action::Action;
use crate::tui::app::{App, Focus, LastLayout};
use crate::tui::keymap::Scope;
use crate::tui::text::{self, Mark, Piece};
use crate::tui::theme::Theme;

/// A section laid out for one width.
#[derive(Debug, Default)]
pub struct Doc {
    pub lines: Vec<Line<'static>>,
    /// Line index of every matched word, one entry per word in document order: the count
    /// is the section's, whatever the width.
    pub matches: Vec<usize>,
    /// Line index and target section id of each see-also link, in order.
    pub links: Vec<(usize, String)>,
    /// The matched word (lower case) of each entry of `matches`.
    pub match_words: Vec<String>,
    /// Lines the title wraps to.
    pub title_lines: usize,
    /// Lines taken by the title and breadcrumb. The reader pins the title on its top line
    /// and the breadcrumb in its border, and scrolls only what follows.
    pub header: usize,
}

/// At most this many title lines stay pinned on top of the reader (the last one cut with
/// an ellipsis if the title is longer).
pub const PINNED_TITLE: usize = 2;

impl Doc {
    /// Title lines pinned on top of the reader.
    pub fn pinned(&self) -> usize {
        self.title_lines.clamp(1, PINNED_TITLE)
    }

    /// Lines below the header, the part the reader scrolls.
    pub fn body_len(&self) -> usize {
        self.lines.len().saturating_sub(self.header)
    }
}

struct Builder<'a> {
    theme: &'a Theme,
    width: usize,
    terms: &'a [String],
    /// The match drawn as current (its number among all matches).
    current: Option<usize>,
    doc: Doc,
}

impl Builder<'_> {
    fn blank(&mut self) {
        if self.doc.lines.last().is_some_and(|l| l.width() > 0) {
            self.doc.lines.push(Line::default());
        }
    }

    fn push(&mut self, pieces: Vec<Piece>, first: Vec<Span<'static>>, rest: Vec<Span<'static>>) {
        let mut pieces = text::highlight(pieces, self.terms, self.theme.highlight);
        // Matches come back in reading order, as the wrap reports them.
        let first_match = self.doc.matches.len();
        self.doc.match_words.extend(
            pieces
                .iter()
                .filter(|p| p.mark == Mark::Match)
                .map(|p| p.text.to_lowercase()),
        );
        let matches = pieces.iter_mut().filter(|p| p.mark == Mark::Match);
        for (n, p) in (first_match..).zip(matches) {
            if self.current == Some(n) {
                p.style = p.style.patch(self.theme.current_match);
            }
        }
        let wrapped = text::wrap(&pieces, self.width, first, rest);
        let base = self.doc.lines.len();
        for (i, mark) in wrapped.marks {
            match mark {
                Mark::Match => self.doc.matches.push(base + i),
                Mark::Link(_) | Mark::None => {}
            }
        }
        self.doc.lines.extend(wrapped.lines);
    }

    fn heading(&mut self, s: &str, style: Style) {
        self.blank();
        self.push(vec![Piece::new(s, style)], vec![], vec![]);
    }

    /// A table as columns when its cells stay short, otherwise as stacked rows: the first
    /// cell in bold, then "Header: value" for each other cell, so a narrow reader shows
    /// a line or two per value instead of tall five-line cells.
    fn table(&mut self, header: &[String], rows: &[Vec<String>], indent: &str) {
        if !fits_as_columns(header, rows, self.width) {
            return self.stacked(header, rows);
        }
        let rendered = table(header, rows, self.width, indent);
        for (i, l) in rendered.lines().enumerate() {
            let style = if !header.is_empty() && i == 0 {
                self.theme.strong
            } else if !header.is_empty() && i == 1 {
                self.theme.dim
            } else {
                self.theme.base
            };
            // Cells of a continued row start with spaces that keep the columns aligned.
            let text = l.trim_start_matches(' ');
            let pad = vec![Span::raw(" ".repeat(l.len() - text.len()))];
            self.push(vec![Piece::new(text, style)], pad.clone(), pad);
        }
    }

    fn stacked(&mut self, header: &[String], rows: &[Vec<String>]) {
        for row in rows {
            let mut cells = row.iter().enumerate().filter(|(_, c)| !c.trim().is_empty());
            if let Some((_, first)) = cells.next() {
                self.push(
                    vec![Piece::new(first.clone(), self.theme.strong)],
                    vec![],
                    vec![Span::raw("  ")],
                );
            }
            for (i, cell) in cells {
                let mut pieces = Vec::new();
                if let Some(label) = header.get(i).filter(|h| !h.trim().is_empty()) {
                    pieces.push(Piece::new(format!("{label}: "), self.theme.dim));
                }
                pieces.push(Piece::new(cell.clone(), self.theme.base));
                self.push(pieces, vec![Span::raw("  ")], vec![Span::raw("    ")]);
            }
        }
    }

    fn spans(&self, spans: &[markdown::Span]) -> Vec<Piece> {
        spans
            .iter()
            .map(|s| {
                let mut style = self.theme.base;
                if s.strong {
                    style = style.patch(self.theme.strong);
                }
                if s.emph {
                    style = style.patch(self.theme.emph);
                }
                if s.code {
                    style = style.patch(self.theme.code);
                }
                Piece::new(s.text.clone(), style)
            })
            .collect()
    }

    fn body(&mut self, md: &str) {
        let mut in_list = false;
        for block in markdown::parse(md) {
            let is_item = matches!(block, MdBlock::Item { .. });
            if !is_item || !in_list {
                self.blank();
            }
            in_list = is_item;
            match block {
                MdBlock::Paragraph(spans) => {
                    let p = self.spans(&spans);
                    self.push(p, vec![], vec![]);
                }
                MdBlock::Heading(spans) => {
                    let p = self
                        .spans(&spans)
                        .into_iter()
                        .map(|mut p| {
                            p.style = p.style.patch(self.theme.heading);
                            p
                        })
                        .collect();
                    self.push(p, vec![], vec![]);
                }
                MdBlock::Item {
                    depth,
                    marker,
                    spans,
                } => {
                    let pad = "  ".repeat(depth.min(6));
                    let first = format!("{pad}{marker} ");
                    let rest = " ".repeat(unicode_width::UnicodeWidthStr::width(first.as_str()));
                    let p = self.spans(&spans);
                    self.push(
                        p,
                        vec![Span::styled(first, self.theme.accent)],
                        vec![Span::raw(rest)],
                    );
                }
                MdBlock::Quote(spans) => {
                    let p = self.spans(&spans);
                    let bar = || vec![Span::styled("│ ", self.theme.dim)];
                    self.push(p, bar(), bar());
                }
                MdBlock::Code(code) => {
                    for l in code.lines() {
                        self.push(
                            vec![Piece::new(l, self.theme.code)],
                            vec![Span::raw("    ")],
                            vec![Span::raw("    ")],
                        );
                    }
                }
                MdBlock::Table { header, rows } => self.table(&header, &rows, ""),
                MdBlock::Rule => self
                    .doc
                    .lines
                    .push(Line::styled("─".repeat(self.width.min(40)), self.theme.dim)),
            }
        }
    }
}

/// Lays out a section at `width` columns. `terms` are highlighted; `selected_link` is drawn
/// as selected.
pub fn document(
    guide: &Guide,
    s: &Section,
    theme: &Theme,
    width: usize,
    terms: &[String],
    selected_link: Option<usize>,
    bookmarked: bool,
) -> Doc {
    let view = View {
        width,
        terms,
        current_match: None,
        selected_link,
        bookmarked,
    };
    document_for(guide, s, theme, &view)
}

/// How the reader shows a section: besides the width and the highlighted terms, which
/// match is current and which link selected.
pub struct View<'a> {
    pub width: usize,
    pub terms: &'a [String],
    pub current_match: Option<usize>,
    pub selected_link: Option<usize>,
    pub bookmarked: bool,
}

/// [`document`] with the current match drawn apart from the others.
pub fn document_for(guide: &Guide, s: &Section, theme: &Theme, view: &View<'_>) -> Doc {
    let View {
        width,
        terms,
        current_match,
        selected_link,
        bookmarked,
    } = *view;
    let width = width.max(4);
    let mut b = Builder {
        theme,
        width,
        terms,
        current: current_match,
        doc: Doc::default(),
    };
    for block in outline(guide, s) {
        let label = block.kind().label();
        match block {
            Part::Title { title, path } => b.title(title, path, bookmarked),
            Part::BottomLine(text) => b.labelled(label, text, theme.base),
            Part::Evidence(text) => b.labelled(label, text, theme.dim),
            Part::KeyNumbers(rows) => b.key_numbers(label, &rows),
            Part::KeyPoints(points) => b.key_points(label, points),
            Part::Body(md) => b.body(md),
            Part::Cautions(lines) => b.cautions(label, lines),
            Part::SourcesDiffer(d) => b.sources_differ(label, d),
            Part::References(list) => b.references(label, list),
            Part::SeeAlso(links) => b.see_also(label, links, selected_link),
        }
    }
    b.doc
}

/// The outline's blocks as the reader draws them, one method a kind of block.
impl Builder<'_> {
    /// The title (starred when bookmarked) and its place in the tree, then a blank line.
    fn title(&mut self, title: &str, path: &str, bookmarked: bool) {
        let theme = self.theme;
        let mut title = vec![Piece::new(title, theme.title)];
        if bookmarked {
            title.push(Piece::new(" ★", theme.accent));
        }
        self.push(title, vec![], vec![]);
        self.doc.title_lines = self.doc.lines.len();
        self.push(vec![Piece::new(path, theme.dim)], vec![], vec![]);
        self.doc.header = self.doc.lines.len();
        self.blank();
    }

    /// "Label: text" on one paragraph (the bottom line, the evidence).
    fn labelled(&mut self, label: &str, text: &str, style: Style) {
        let strong = self.theme.strong;
        self.push(
            vec![
                Piece::new(format!("{label}: "), strong),
                Piece::new(text, style),
            ],
            vec![],
            vec![],
        );
    }

    fn key_numbers(&mut self, label: &str, rows: &[FactRow<'_>]) {
        self.heading(label, self.theme.heading);
        let rows: Vec<Vec<String>> = rows.iter().map(FactRow::cells).collect();
        self.table(&KEY_NUMBER_COLUMNS.map(String::from), &rows, "");
    }

    fn key_points(&mut self, label: &str, points: &[String]) {
        let theme = self.theme;
        self.heading(label, theme.heading);
        for k in points {
            self.push(
                vec![Piece::new(k.clone(), theme.base)],
                vec![Span::styled("• ", theme.accent)],
                vec![Span::raw("  ")],
            );
        }
    }

    fn cautions(&mut self, label: &str, lines: Vec<CautionLine<'_>>) {
        let theme = self.theme;
        self.heading(&format!("⚠ {label}"), theme.caution);
        let bar = || vec![Span::styled("▌ ", theme.caution)];
        for c in lines {
            self.push(
                vec![
                    Piece::new(c.text, theme.base),
                    Piece::new(c.cite, theme.dim),
                ],
                bar(),
                bar(),
            );
        }
    }

    fn sources_differ(&mut self, label: &str, d: Differ<'_>) {
        let theme = self.theme;
        self.heading(&format!("≠ {label}: {}", d.point), theme.differs);
        let bar = || vec![Span::styled("┊ ", theme.differs)];
        for (source, says) in d.claims {
            self.push(
                vec![
                    Piece::new(format!("{source}: "), theme.strong),
                    Piece::new(says, theme.base),
                ],
                bar(),
                bar(),
            );
        }
        if let Some(n) = d.note {
            self.push(vec![Piece::new(n, theme.dim)], bar(), bar());
        }
    }

    fn references(&mut self, label: &str, list: Vec<Reference<'_>>) {
        let theme = self.theme;
        self.heading(label, theme.heading);
        for r in list {
            let number = format!("{}. ", r.n);
            let rest = " ".repeat(number.len());
            self.push(
                vec![Piece::new(r.entry, theme.base)],
                vec![Span::styled(number, theme.accent)],
                vec![Span::raw(rest)],
            );
        }
    }

    /// The see-also links, the selected one drawn as such; each is remembered with its line.
    fn see_also(&mut self, label: &str, links: Vec<Link<'_>>, selected: Option<usize>) {
        let theme = self.theme;
        self.heading(label, theme.heading);
        for (i, l) in links.into_iter().enumerate() {
            let style = if selected == Some(i) {
                theme.link_selected
            } else {
                theme.link
            };
            let mut piece = Piece::new(l.title.unwrap_or(l.id), style);
            piece.mark = Mark::Link(i);
            let line = self.doc.lines.len();
            // Links are not highlighted as matches, so they are wrapped directly.
            let wrapped = text::wrap(
                &[piece],
                self.width,
                vec![Span::styled("→ ", theme.accent)],
                vec![Span::raw("  ")],
            );
            self.doc.lines.extend(wrapped.lines);
            self.doc.links.push((line, l.id.to_string()));
        }
    }
}

/// The reader document for the app's open section at a given text width.
pub fn app_document(app: &App, width: usize) -> Option<std::rc::Rc<Doc>> {
    let id = app.reader.section.as_deref()?;
    let s = app.guide.section(id)?;
    let key = crate::tui::app::DocKey {
        section: id.to_string(),
        width,
        terms: app.reader.terms.clone(),
        current_match: app.reader.current_match,
        link: app.reader.link,
        bookmarked: app.memory.is_bookmarked(id),
    };
    if let Some((k, doc)) = app.doc_cache.borrow().as_ref()
        && *k == key
    {
        return Some(std::rc::Rc::clone(doc));
    }
    let view = View {
        width,
        terms: &app.reader.terms,
        current_match: app.reader.current_match,
        selected_link: app.reader.link,
        bookmarked: key.bookmarked,
    };
    let doc = std::rc::Rc::new(document_for(&app.guide, s, &app.theme, &view));
    *app.doc_cache.borrow_mut() = Some((key, std::rc::Rc::clone(&doc)));
    Some(doc)
}

/// The longest line the reader sets: longer lines are hard to follow back to their start.
pub const MAX_TEXT_WIDTH: usize = 100;

/// Text width inside a reader pane of `area` (borders and a margin taken off), capped for
/// reading on wide screens.
pub fn text_width(area: Rect) -> usize {
    (area.width.saturating_sub(4) as usize).min(MAX_TEXT_WIDTH)
}

/// Whether a table reads well as columns at `width`: it fits as it is, or squeezing it
/// leaves no cell taller than two lines.
fn fits_as_columns(header: &[String], rows: &[Vec<String>], width: usize) -> bool {
    use unicode_width::UnicodeWidthStr;
    let cols = header
        .len()
        .max(rows.iter().map(Vec::len).max().unwrap_or(0));
    if cols <= 1 {
        return true;
    }
    let all = || std::iter::once(header).chain(rows.iter().map(Vec::as_slice));
    let mut widths = vec![0usize; cols];
    for row in all() {
        for (i, c) in row.iter().enumerate() {
            widths[i] = widths[i].max(c.width());
        }
    }
    let gaps = 2 * (cols - 1);
    if widths.iter().sum::<usize>() + gaps <= width {
        return true;
    }
    // The same squeeze as the table itself: the widest column gives up a column at a time.
    let avail = width.saturating_sub(gaps);
    while widths.iter().sum::<usize>() > avail {
        let Some((i, _)) = widths.iter().enumerate().max_by_key(|(_, w)| **w) else {
            break;
        };
        if widths[i] <= 8 {
            return false;
        }
        widths[i] -= 1;
    }
    all().all(|row| {
        row.iter()
            .enumerate()
            .all(|(i, c)| textwrap::wrap(c, widths[i].max(1)).len() <= 2)
    })
}

/// The reader as drawn in one area: the open section laid out for its width (kept in the
/// app's document cache) and the body line it starts at, the scroll kept within the body.
/// Worked out from the state without changing it.
pub struct ReaderView<'a> {
    app: &'a App,
    area: Rect,
    doc: Option<std::rc::Rc<Doc>>,
    /// The first body line shown.
    scroll: usize,
}

impl<'a> ReaderView<'a> {
    pub fn new(app: &'a App, area: Rect) -> Self {
        let doc = app_document(app, text_width(area));
        let scroll = doc.as_ref().map_or(0, |doc| {
            let inner = Block::default().borders(Borders::ALL).inner(area);
            // The top lines are the pinned title; the rest scrolls.
            let height = (inner.height as usize).saturating_sub(doc.pinned());
            app.reader.scroll.min(doc.body_len().saturating_sub(height))
        });
        ReaderView {
            app,
            area,
            doc,
            scroll,
        }
    }

    /// The first body line drawn, `None` when no section is open.
    pub fn shown(&self) -> Option<usize> {
        self.doc.as_ref().map(|_| self.scroll)
    }

    /// Lines in the laid-out section.
    pub fn lines(&self) -> usize {
        self.doc.as_ref().map_or(0, |d| d.lines.len())
    }
}

impl Widget for &ReaderView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let app = self.app;
        let focused = app.focus == Focus::Reader;
        let theme = &app.theme;
        let border = if focused {
            theme.border_focused
        } else {
            theme.border
        };
        let section = app
            .reader
            .section
            .as_deref()
            .and_then(|id| app.guide.section(id));
        let title = match section {
            Some(s) => {
                let path =
                    crate::tui::text::truncate(&s.path, (area.width as usize).saturating_sub(4));
                format!(" {path} ")
            }
            None => " Reader ".to_string(),
        };
        let mut block = Block::default()
            .borders(Borders::ALL)
            .border_style(border)
            // The border's colour is for the frame; the section's place in the guide is
            // text to read, in the text colour (the light theme's border grey is too faint).
            .title(Span::styled(
                title,
                theme.strong.fg(ratatui::style::Color::Reset),
            ));
        let inner = block.inner(area);
        let width = text_width(self.area);
        let Some(doc) = self.doc.as_deref() else {
            Paragraph::new(no_section_hint(app))
                .block(block)
                .render(area, buf);
            return;
        };
        let height = (inner.height as usize).saturating_sub(doc.pinned());
        for line in self.where_in(doc, height) {
            block = block.title_bottom(line);
        }
        // A capped text column sits in the middle of a wide pane.
        let spare = (area.width as usize)
            .saturating_sub(4)
            .saturating_sub(width);
        let margin = " ".repeat(1 + spare / 2);
        Paragraph::new(self.visible_lines(doc, height, &margin))
            .block(block)
            .render(area, buf);
    }
}

impl ReaderView<'_> {
    /// For the bottom border: how far down the body is shown (when it scrolls), and which
    /// match is current with the keys that move between them (while words are marked).
    fn where_in(&self, doc: &Doc, height: usize) -> Vec<Line<'static>> {
        let app = self.app;
        let theme = &app.theme;
        let mut out = Vec::new();
        let body_len = doc.body_len();
        if body_len > height && height > 0 {
            let pct = ((self.scroll + height) * 100 / body_len.max(1)).min(100);
            out.push(Line::styled(format!(" {pct}% "), theme.dim).right_aligned());
        }
        if !app.reader.terms.is_empty() && !doc.matches.is_empty() {
            let n = doc.matches.len();
            let cur = app.reader.current_match.map(|c| c + 1).unwrap_or(0);
            let keys = format!(
                "{}/{}",
                app.key(Scope::Reader, Action::NextMatch),
                app.key(Scope::Reader, Action::PrevMatch)
            );
            out.push(Line::styled(
                format!(" match {cur}/{n} · {keys} "),
                theme.dim,
            ));
        }
        out
    }

    /// The pinned title, then `height` body lines from the scroll position, each behind
    /// `margin`.
    fn visible_lines(&self, doc: &Doc, height: usize, margin: &str) -> Vec<Line<'static>> {
        let pinned = doc.pinned();
        let mut title: Vec<Line<'static>> = doc.lines.iter().take(pinned).cloned().collect();
        if doc.title_lines > pinned
            && let Some(last) = title.last_mut()
        {
            // A title longer than the pinned lines ends with an ellipsis.
            last.spans.push(Span::styled("…", self.app.theme.title));
        }
        title
            .into_iter()
            .chain(
                doc.lines
                    .iter()
                    .skip(doc.header + self.scroll)
                    .take(height)
                    .cloned(),
            )
            .map(|l| {
                let mut spans = vec![Span::raw(margin.to_string())];
                spans.extend(l.spans.iter().cloned());
                Line::from(spans)
            })
            .collect()
    }
}

/// What the reader says before any section is open.
fn no_section_hint(app: &App) -> Vec<Line<'static>> {
    let theme = &app.theme;
    vec![
        Line::default(),
        Line::styled(
            format!(
                "  Pick a section in the tree and press {},",
                app.key(Scope::Tree, Action::Open)
            ),
            theme.dim,
        ),
        Line::styled(
            format!(
                "  or press {} to search.",
                app.key(Scope::Reader, Action::Search)
            ),
            theme.dim,
        ),
    ]
}

/// Draws the open section from the reader's state; what was drawn goes into `layout` (for
/// clicks and for the frame to keep the reader where it was drawn), the state is left as
/// it is.
pub fn render(app: &App, area: Rect, buf: &mut Buffer, layout: &mut LastLayout) {
    let view = ReaderView::new(app, area);
    layout.reader = area;
    layout.reader_scroll = view.shown();
    view.render(area, buf);
}
