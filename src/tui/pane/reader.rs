//! The reader: one section, wrapped to the pane width, with matched search words marked
//! and see-also links that can be selected and followed.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Widget};

use crate::content::outline::{Block as Part, FactRow, KEY_NUMBER_COLUMNS, Kind, outline};
use crate::content::{Guide, Section};
use crate::markdown::{self, Block as MdBlock};
use crate::render::table;
use crate::tui::action::Action;
use crate::tui::app::{App, Focus};
use crate::tui::keymap::Scope;
use crate::tui::text::{self, Mark, Piece};
use crate::tui::theme::Theme;

/// A section laid out for one width.
#[derive(Debug, Default)]
pub struct Doc {
    pub lines: Vec<Line<'static>>,
    /// Line index of every line holding a matched word, in order.
    pub matches: Vec<usize>,
    /// Line index and target section id of each see-also link, in order.
    pub links: Vec<(usize, String)>,
    /// Lines taken by the title and breadcrumb. The reader pins the title on its top line
    /// and the breadcrumb in its border, and scrolls only what follows.
    pub header: usize,
}

impl Doc {
    /// Lines below the header, the part the reader scrolls.
    pub fn body_len(&self) -> usize {
        self.lines.len().saturating_sub(self.header)
    }
}

struct Builder<'a> {
    theme: &'a Theme,
    width: usize,
    terms: &'a [String],
    doc: Doc,
}

impl Builder<'_> {
    fn blank(&mut self) {
        if self.doc.lines.last().is_some_and(|l| l.width() > 0) {
            self.doc.lines.push(Line::default());
        }
    }

    fn push(&mut self, pieces: Vec<Piece>, first: Vec<Span<'static>>, rest: Vec<Span<'static>>) {
        let pieces = text::highlight(pieces, self.terms, self.theme.highlight);
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

    fn table(&mut self, header: &[String], rows: &[Vec<String>], indent: &str) {
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
    let width = width.max(4);
    let mut b = Builder {
        theme,
        width,
        terms,
        doc: Doc::default(),
    };
    for block in outline(guide, s) {
        let kind = block.kind();
        let label = kind.label();
        match block {
            Part::Title { title, path } => {
                let mut title = vec![Piece::new(title, theme.title)];
                if bookmarked {
                    title.push(Piece::new(" ★", theme.accent));
                }
                b.push(title, vec![], vec![]);
                b.push(vec![Piece::new(path, theme.dim)], vec![], vec![]);
                b.doc.header = b.doc.lines.len();
                b.blank();
            }
            Part::BottomLine(text) | Part::Evidence(text) => {
                let style = if kind == Kind::Evidence {
                    theme.dim
                } else {
                    theme.base
                };
                b.push(
                    vec![
                        Piece::new(format!("{label}: "), theme.strong),
                        Piece::new(text, style),
                    ],
                    vec![],
                    vec![],
                );
            }
            Part::KeyNumbers(rows) => {
                b.heading(label, theme.heading);
                let rows: Vec<Vec<String>> = rows.iter().map(FactRow::cells).collect();
                b.table(&KEY_NUMBER_COLUMNS.map(String::from), &rows, "");
            }
            Part::KeyPoints(points) => {
                b.heading(label, theme.heading);
                for k in points {
                    b.push(
                        vec![Piece::new(k.clone(), theme.base)],
                        vec![Span::styled("• ", theme.accent)],
                        vec![Span::raw("  ")],
                    );
                }
            }
            Part::Body(md) => b.body(md),
            Part::Cautions(lines) => {
                b.heading(&format!("⚠ {label}"), theme.caution);
                for c in lines {
                    let bar = || vec![Span::styled("▌ ", theme.caution)];
                    b.push(
                        vec![
                            Piece::new(c.text, theme.base),
                            Piece::new(c.cite, theme.dim),
                        ],
                        bar(),
                        bar(),
                    );
                }
            }
            Part::SourcesDiffer(d) => {
                b.heading(&format!("≠ {label}: {}", d.point), theme.differs);
                let bar = || vec![Span::styled("┊ ", theme.differs)];
                for (source, says) in d.claims {
                    b.push(
                        vec![
                            Piece::new(format!("{source}: "), theme.strong),
                            Piece::new(says, theme.base),
                        ],
                        bar(),
                        bar(),
                    );
                }
                if let Some(n) = d.note {
                    b.push(vec![Piece::new(n, theme.dim)], bar(), bar());
                }
            }
            Part::References(list) => {
                b.heading(label, theme.heading);
                for r in list {
                    let number = format!("{}. ", r.n);
                    let rest = " ".repeat(number.len());
                    b.push(
                        vec![Piece::new(r.entry, theme.base)],
                        vec![Span::styled(number, theme.accent)],
                        vec![Span::raw(rest)],
                    );
                }
            }
            Part::SeeAlso(links) => {
                b.heading(label, theme.heading);
                for (i, l) in links.into_iter().enumerate() {
                    let style = if selected_link == Some(i) {
                        theme.link_selected
                    } else {
                        theme.link
                    };
                    let mut piece = Piece::new(l.title.unwrap_or(l.id), style);
                    piece.mark = Mark::Link(i);
                    let line = b.doc.lines.len();
                    // Links are not highlighted as matches, so they are wrapped directly.
                    let wrapped = text::wrap(
                        &[piece],
                        width,
                        vec![Span::styled("→ ", theme.accent)],
                        vec![Span::raw("  ")],
                    );
                    b.doc.lines.extend(wrapped.lines);
                    b.doc.links.push((line, l.id.to_string()));
                }
            }
        }
    }
    b.doc
}

/// The reader document for the app's open section at a given text width.
pub fn app_document(app: &App, width: usize) -> Option<std::rc::Rc<Doc>> {
    let id = app.reader.section.as_deref()?;
    let s = app.guide.section(id)?;
    let key = crate::tui::app::DocKey {
        section: id.to_string(),
        width,
        terms: app.reader.terms.clone(),
        link: app.reader.link,
        bookmarked: app.memory.is_bookmarked(id),
    };
    if let Some((k, doc)) = app.doc_cache.borrow().as_ref()
        && *k == key
    {
        return Some(std::rc::Rc::clone(doc));
    }
    let doc = std::rc::Rc::new(document(
        &app.guide,
        s,
        &app.theme,
        width,
        &app.reader.terms,
        app.reader.link,
        key.bookmarked,
    ));
    *app.doc_cache.borrow_mut() = Some((key, std::rc::Rc::clone(&doc)));
    Some(doc)
}

/// Text width inside a reader pane of `area` (borders and a margin taken off).
pub fn text_width(area: Rect) -> usize {
    area.width.saturating_sub(4) as usize
}

pub fn render(app: &mut App, area: Rect, buf: &mut Buffer) {
    let focused = app.focus == Focus::Reader;
    let theme = &app.theme;
    let mut block = Block::default()
        .borders(Borders::ALL)
        .border_style(if focused {
            theme.border_focused
        } else {
            theme.border
        })
        .title(Span::styled(" Reader ", theme.strong));
    let inner = block.inner(area);
    let width = text_width(area);
    if let Some(s) = app
        .reader
        .section
        .as_deref()
        .and_then(|id| app.guide.section(id))
    {
        let path = crate::tui::text::truncate(
            &crate::term::clean(&s.path),
            (area.width as usize).saturating_sub(4),
        );
        block = Block::default()
            .borders(Borders::ALL)
            .border_style(if focused {
                theme.border_focused
            } else {
                theme.border
            })
            .title(Span::styled(format!(" {path} "), theme.strong));
    }
    let Some(doc) = app_document(app, width) else {
        let hint = Paragraph::new(vec![
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
        ])
        .block(block);
        hint.render(area, buf);
        return;
    };
    // The top line is the pinned title; the rest scrolls.
    let height = (inner.height as usize).saturating_sub(1);
    let body_len = doc.body_len();
    let max_scroll = body_len.saturating_sub(height);
    app.reader.scroll = app.reader.scroll.min(max_scroll);
    if body_len > height && height > 0 {
        let pct = ((app.reader.scroll + height) * 100 / body_len.max(1)).min(100);
        block = block.title_bottom(Line::styled(format!(" {pct}% "), theme.dim).right_aligned());
    }
    if !app.reader.terms.is_empty() && !doc.matches.is_empty() {
        let n = doc.matches.len();
        let cur = app.reader.current_match.map(|c| c + 1).unwrap_or(0);
        let keys = format!(
            "{}/{}",
            app.key(Scope::Reader, Action::NextMatch),
            app.key(Scope::Reader, Action::PrevMatch)
        );
        block = block.title_bottom(Line::styled(
            format!(" match {cur}/{n} · {keys} "),
            theme.dim,
        ));
    }
    let scroll = app.reader.scroll;
    let header = doc.header;
    let title = doc.lines.first().cloned().unwrap_or_default();
    let lines: Vec<Line<'static>> = std::iter::once(title)
        .chain(doc.lines.iter().skip(header + scroll).take(height).cloned())
        .map(|l| {
            let mut spans = vec![Span::raw(" ")];
            spans.extend(l.spans.iter().cloned());
            Line::from(spans)
        })
        .collect();
    Paragraph::new(lines).block(block).render(area, buf);
}
