//! A section as wrapped plain text for the terminal or a pipe, and the text pieces (wrapped
//! paragraphs, tables) the browser draws with as well.

use unicode_width::UnicodeWidthStr;

use crate::content::outline::{
    Block, CautionLine, Differ, FactRow, Kind, Link, Reference, outline,
};
use crate::content::{Guide, Section};
use crate::markdown::{self, Block as MdBlock};
use crate::term::{self, Painter};

/// `text` wrapped to `width` under `first` and `rest`, cleaned (see [`term::wrap`]): guide
/// text and user input go in as they are.
pub fn wrap_into(out: &mut String, text: &str, width: usize, first: &str, rest: &str) {
    let opts = textwrap::Options::new(width.max(20))
        .initial_indent(first)
        .subsequent_indent(rest);
    for line in term::wrap(text, opts) {
        out.push_str(&line);
        out.push('\n');
    }
}

/// Wraps a reference at spaces only, so a DOI or URL stays whole and can be copied; cleaned
/// like [`wrap_into`].
fn wrap_reference(out: &mut String, text: &str, width: usize, first: &str, rest: &str) {
    let opts = textwrap::Options::new(width.max(20))
        .initial_indent(first)
        .subsequent_indent(rest)
        .word_separator(textwrap::WordSeparator::AsciiSpace)
        .word_splitter(textwrap::WordSplitter::NoHyphenation)
        .break_words(false)
        .wrap_algorithm(textwrap::WrapAlgorithm::FirstFit);
    for line in term::wrap(text, opts) {
        out.push_str(&line);
        out.push('\n');
    }
}

/// A reference wrapped at spaces under one indent.
pub fn reference_lines(text: &str, width: usize, indent: &str) -> String {
    let mut out = String::new();
    wrap_reference(&mut out, text, width, indent, indent);
    out
}

/// Renders a table with columns sized to their content, shrinking the widest to fit. Cells
/// are cleaned (see [`term::wrap`]) and measured as shown.
pub fn table(header: &[String], rows: &[Vec<String>], width: usize, indent: &str) -> String {
    let cols = header
        .len()
        .max(rows.iter().map(Vec::len).max().unwrap_or(0));
    if cols == 0 {
        return String::new();
    }
    fn cell(row: &[String], i: usize) -> &str {
        row.get(i).map(String::as_str).unwrap_or_default()
    }
    let mut widths = vec![0usize; cols];
    for row in std::iter::once(header).chain(rows.iter().map(Vec::as_slice)) {
        for (i, w) in widths.iter_mut().enumerate() {
            *w = (*w).max(term::width_of(cell(row, i)));
        }
    }
    let avail = width
        .saturating_sub(indent.len() + 2 * (cols - 1))
        .max(cols * 6);
    while widths.iter().sum::<usize>() > avail {
        let (i, _) = widths
            .iter()
            .enumerate()
            .max_by_key(|(_, w)| **w)
            .expect("at least one column");
        if widths[i] <= 8 {
            break;
        }
        widths[i] -= 1;
    }
    let mut out = String::new();
    let mut line = |row: &[String]| {
        let wrapped: Vec<Vec<String>> = (0..cols)
            .map(|i| term::wrap(cell(row, i), widths[i].max(1)))
            .collect();
        let height = wrapped.iter().map(Vec::len).max().unwrap_or(1).max(1);
        for h in 0..height {
            let mut l = String::from(indent);
            for (i, col) in wrapped.iter().enumerate() {
                let text = col.get(h).map(String::as_str).unwrap_or("");
                l.push_str(text);
                if i + 1 < cols {
                    l.push_str(&" ".repeat(widths[i].saturating_sub(text.width()) + 2));
                }
            }
            out.push_str(l.trim_end());
            out.push('\n');
        }
    };
    if !header.is_empty() {
        line(header);
        let rule: Vec<String> = widths.iter().map(|w| "-".repeat(*w)).collect();
        line(&rule);
    }
    for row in rows {
        line(row);
    }
    out
}

/// One line as it is, unwrapped (a heading, a line of code), cleaned as [`wrap_into`] cleans.
fn push_line(out: &mut String, indent: &str, text: &str) {
    out.push_str(indent);
    out.push_str(&term::clean(text));
    out.push('\n');
}

/// Markdown body as wrapped text.
pub fn body(md: &str, width: usize) -> String {
    let mut out = String::new();
    let mut in_list = false;
    for block in markdown::parse(md) {
        let is_item = matches!(block, MdBlock::Item { .. });
        if in_list && !is_item {
            out.push('\n');
        }
        in_list = is_item;
        match block {
            MdBlock::Paragraph(spans) => {
                wrap_into(&mut out, &markdown::plain(&spans), width, "", "");
                out.push('\n');
            }
            MdBlock::Heading(spans) => {
                push_line(&mut out, "", &markdown::plain(&spans));
                out.push('\n');
            }
            MdBlock::Quote(spans) => {
                wrap_into(&mut out, &markdown::plain(&spans), width, "> ", "> ");
                out.push('\n');
            }
            MdBlock::Item {
                depth,
                marker,
                spans,
            } => {
                let pad = "  ".repeat(depth);
                let first = format!("{pad}{marker} ");
                let rest = " ".repeat(first.width());
                wrap_into(&mut out, &markdown::plain(&spans), width, &first, &rest);
            }
            MdBlock::Code(code) => {
                for l in code.lines() {
                    push_line(&mut out, "    ", l);
                }
                out.push('\n');
            }
            MdBlock::Table { header, rows } => {
                out.push_str(&table(&header, &rows, width, ""));
                out.push('\n');
            }
            MdBlock::Rule => out.push_str(&format!("{}\n\n", "-".repeat(width.min(40)))),
        }
    }
    // Lists end without a blank line; tidy to exactly one trailing newline.
    let trimmed = out.trim_end().to_string();
    trimmed + "\n"
}

/// The whole section, block by block from its outline: bottom line and numbers first, then
/// the detail.
pub fn section(guide: &Guide, s: &Section, p: Painter, width: usize) -> String {
    let mut out = String::new();
    let mut lead = false;
    for block in outline(guide, s) {
        let kind = block.kind();
        // The bottom line and evidence are one paragraph; a blank line closes it.
        if lead && !matches!(kind, Kind::BottomLine | Kind::Evidence) {
            out.push('\n');
        }
        lead = matches!(kind, Kind::BottomLine | Kind::Evidence);
        let label = kind.label();
        match block {
            Block::Title { title, path } => title_into(&mut out, title, path, p, width),
            Block::BottomLine(text) | Block::Evidence(text) => {
                wrap_into(&mut out, &format!("{label}: {text}"), width, "", "  ");
            }
            Block::KeyNumbers(rows) => key_numbers_into(&mut out, label, &rows, p, width),
            Block::KeyPoints(points) => key_points_into(&mut out, label, points, p, width),
            Block::Body(md) => out.push_str(&body(md, width)),
            Block::Cautions(lines) => cautions_into(&mut out, label, &lines, p, width),
            Block::SourcesDiffer(d) => sources_differ_into(&mut out, label, &d, p, width),
            Block::References(list) => references_into(&mut out, label, &list, p, width),
            Block::SeeAlso(links) => see_also_into(&mut out, label, &links, width),
        }
    }
    out
}

/// The heading, then the section's place in the tree, dimmed.
fn title_into(out: &mut String, title: &str, path: &str, p: Painter, width: usize) {
    out.push_str(&p.heading(title));
    out.push('\n');
    for line in term::wrap(path, width.max(20)) {
        out.push_str(&p.dim(&line));
        out.push('\n');
    }
    out.push('\n');
}

/// The key-numbers label over an indented table without a header.
fn key_numbers_into(out: &mut String, label: &str, rows: &[FactRow], p: Painter, width: usize) {
    out.push_str(&p.bold(label));
    out.push('\n');
    let rows: Vec<Vec<String>> = rows.iter().map(FactRow::cells).collect();
    out.push_str(&table(&[], &rows, width, "  "));
    out.push('\n');
}

/// The key-points label over one bullet per point.
fn key_points_into(out: &mut String, label: &str, points: &[String], p: Painter, width: usize) {
    out.push_str(&p.bold(label));
    out.push('\n');
    for k in points {
        wrap_into(out, k, width, "  • ", "    ");
    }
    out.push('\n');
}

/// The cautions label in warning style over one "!" line per caution, with its citation.
fn cautions_into(out: &mut String, label: &str, lines: &[CautionLine], p: Painter, width: usize) {
    out.push('\n');
    out.push_str(&p.warn(label));
    out.push('\n');
    for c in lines {
        let text = format!("{}{}", c.text, c.cite);
        wrap_into(out, &text, width, "  ! ", "    ");
    }
}

/// The disputed point highlighted, what each source says, then the author's note if any.
fn sources_differ_into(out: &mut String, label: &str, d: &Differ, p: Painter, width: usize) {
    out.push('\n');
    out.push_str(&p.highlight(&format!("{label}: {}", d.point)));
    out.push('\n');
    for (source, says) in &d.claims {
        let text = format!("{source}: {says}");
        wrap_into(out, &text, width, "  - ", "    ");
    }
    if let Some(n) = d.note {
        wrap_into(out, n, width, "  ", "  ");
    }
}

/// The numbered reference list, each wrapped at spaces under its number.
fn references_into(out: &mut String, label: &str, list: &[Reference], p: Painter, width: usize) {
    out.push('\n');
    out.push_str(&p.bold(label));
    out.push('\n');
    for r in list {
        let first = format!("  {}. ", r.n);
        let rest = " ".repeat(first.width());
        wrap_reference(out, &r.entry, width, &first, &rest);
    }
}

/// Related sections on one wrapped line: each id, with its title when it has one.
fn see_also_into(out: &mut String, label: &str, links: &[Link], width: usize) {
    out.push('\n');
    let links: Vec<String> = links
        .iter()
        .map(|l| match l.title {
            Some(t) => format!("{} ({t})", l.id),
            None => l.id.to_string(),
        })
        .collect();
    wrap_into(
        out,
        &format!("{label}: {}", links.join(", ")),
        width,
        "",
        "  ",
    );
}
