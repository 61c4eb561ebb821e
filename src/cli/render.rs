//! A section as wrapped plain text for the terminal or a pipe.

use unicode_width::UnicodeWidthStr;

use crate::content::{Guide, Section, citation};
use crate::markdown::{self, Block};
use crate::term::{Painter, clean};

pub fn wrap_into(out: &mut String, text: &str, width: usize, first: &str, rest: &str) {
    let opts = textwrap::Options::new(width.max(20))
        .initial_indent(first)
        .subsequent_indent(rest);
    for line in textwrap::wrap(text, opts) {
        out.push_str(&line);
        out.push('\n');
    }
}

/// Wraps a reference at spaces only, so a DOI or URL stays whole and can be copied.
fn wrap_reference(out: &mut String, text: &str, width: usize, first: &str, rest: &str) {
    let opts = textwrap::Options::new(width.max(20))
        .initial_indent(first)
        .subsequent_indent(rest)
        .word_separator(textwrap::WordSeparator::AsciiSpace)
        .word_splitter(textwrap::WordSplitter::NoHyphenation)
        .break_words(false)
        .wrap_algorithm(textwrap::WrapAlgorithm::FirstFit);
    for line in textwrap::wrap(text, opts) {
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

/// Renders a table with columns sized to their content, shrinking the widest to fit.
pub fn table(header: &[String], rows: &[Vec<String>], width: usize, indent: &str) -> String {
    let cols = header
        .len()
        .max(rows.iter().map(Vec::len).max().unwrap_or(0));
    if cols == 0 {
        return String::new();
    }
    let cell = |row: &[String], i: usize| {
        row.get(i)
            .map(|s| clean(s).into_owned())
            .unwrap_or_default()
    };
    let mut widths = vec![0usize; cols];
    for row in std::iter::once(header).chain(rows.iter().map(Vec::as_slice)) {
        for (i, w) in widths.iter_mut().enumerate() {
            *w = (*w).max(cell(row, i).width());
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
            .map(|i| {
                textwrap::wrap(&cell(row, i), widths[i].max(1))
                    .into_iter()
                    .map(|c| c.into_owned())
                    .collect()
            })
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

/// Markdown body as wrapped text.
pub fn body(md: &str, width: usize) -> String {
    let mut out = String::new();
    let mut in_list = false;
    for block in markdown::parse(md) {
        let is_item = matches!(block, Block::Item { .. });
        if in_list && !is_item {
            out.push('\n');
        }
        in_list = is_item;
        match block {
            Block::Paragraph(spans) => {
                wrap_into(&mut out, &clean(&markdown::plain(&spans)), width, "", "");
                out.push('\n');
            }
            Block::Heading(spans) => {
                out.push_str(&clean(&markdown::plain(&spans)));
                out.push_str("\n\n");
            }
            Block::Quote(spans) => {
                wrap_into(
                    &mut out,
                    &clean(&markdown::plain(&spans)),
                    width,
                    "> ",
                    "> ",
                );
                out.push('\n');
            }
            Block::Item {
                depth,
                marker,
                spans,
            } => {
                let pad = "  ".repeat(depth);
                let first = format!("{pad}{marker} ");
                let rest = " ".repeat(first.width());
                wrap_into(
                    &mut out,
                    &clean(&markdown::plain(&spans)),
                    width,
                    &first,
                    &rest,
                );
            }
            Block::Code(code) => {
                for l in code.lines() {
                    out.push_str("    ");
                    out.push_str(&clean(l));
                    out.push('\n');
                }
                out.push('\n');
            }
            Block::Table { header, rows } => {
                out.push_str(&table(&header, &rows, width, ""));
                out.push('\n');
            }
            Block::Rule => out.push_str(&format!("{}\n\n", "-".repeat(width.min(40)))),
        }
    }
    // Lists end without a blank line; tidy to exactly one trailing newline.
    let trimmed = out.trim_end().to_string();
    trimmed + "\n"
}

/// The whole section: bottom line and numbers first, then the detail.
pub fn section(guide: &Guide, s: &Section, p: Painter, width: usize) -> String {
    let mut out = String::new();
    out.push_str(&p.heading(&clean(&s.title)));
    out.push('\n');
    for line in textwrap::wrap(&clean(&s.path), width.max(20)) {
        out.push_str(&p.dim(&line));
        out.push('\n');
    }
    out.push('\n');
    wrap_into(
        &mut out,
        &format!("Bottom line: {}", clean(&s.summary)),
        width,
        "",
        "  ",
    );
    if let Some(ev) = &s.evidence {
        wrap_into(
            &mut out,
            &format!("Evidence: {}", clean(ev)),
            width,
            "",
            "  ",
        );
    }
    out.push('\n');

    if !s.facts.is_empty() {
        out.push_str(&p.bold("Key numbers"));
        out.push('\n');
        let rows = s.fact_rows(guide);
        out.push_str(&table(&[], &rows, width, "  "));
        out.push('\n');
    }

    if !s.key_points.is_empty() {
        out.push_str(&p.bold("Key points"));
        out.push('\n');
        for k in &s.key_points {
            wrap_into(&mut out, &clean(k), width, "  • ", "    ");
        }
        out.push('\n');
    }

    out.push_str(&body(&s.body, width));

    if !s.cautions.is_empty() {
        out.push('\n');
        out.push_str(&p.warn("Cautions"));
        out.push('\n');
        for c in &s.cautions {
            let text = format!(
                "{}{}",
                clean(&c.text),
                clean(&guide.cite_suffix(&c.sources, &c.text))
            );
            wrap_into(&mut out, &text, width, "  ! ", "    ");
        }
    }

    for d in &s.differs {
        out.push('\n');
        out.push_str(&p.highlight(&format!("Sources differ: {}", clean(&d.point))));
        out.push('\n');
        for c in &d.claims {
            let text = format!(
                "{}: {}",
                clean(&guide.source_label(&c.source)),
                clean(&c.says)
            );
            wrap_into(&mut out, &text, width, "  - ", "    ");
        }
        if let Some(n) = &d.note {
            wrap_into(&mut out, &clean(n), width, "  ", "  ");
        }
    }

    out.push('\n');
    out.push_str(&p.bold("References"));
    out.push('\n');
    for (n, src, reference) in guide.references(s) {
        let first = format!("  {n}. ");
        let rest = " ".repeat(first.width());
        wrap_reference(
            &mut out,
            &clean(&citation::entry(src, &reference)),
            width,
            &first,
            &rest,
        );
    }
    if !s.see_also.is_empty() {
        out.push('\n');
        let links: Vec<String> = s
            .see_also
            .iter()
            .map(|id| match guide.section(id) {
                Some(t) => format!("{} ({})", id, t.title),
                None => id.clone(),
            })
            .collect();
        wrap_into(
            &mut out,
            &format!("See also: {}", clean(&links.join(", "))),
            width,
            "",
            "  ",
        );
    }
    out
}
