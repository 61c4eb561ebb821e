//! Problems found in a guide, rendered like compiler diagnostics.
//!
//! Each problem carries the file, the byte span, the field it is about and a message a
//! content author can act on without reading code.

use std::fmt;
use std::ops::Range;
use std::sync::Arc;

use miette::{Diagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan, NamedSource};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    Error,
    Warning,
}

#[derive(Debug, Clone)]
pub struct Problem {
    pub severity: Severity,
    /// The file as the user should see it, e.g. `guide/topics/01-basics.toml`.
    pub file: String,
    pub line: usize,
    pub column: usize,
    /// The field the problem is about, e.g. `see_also` or `section.title`.
    pub field: String,
    pub message: String,
    pub help: Option<String>,
    span: Range<usize>,
    source: Arc<String>,
}

impl Problem {
    pub fn new(
        severity: Severity,
        file: &str,
        source: &Arc<String>,
        span: Range<usize>,
        field: &str,
        message: impl Into<String>,
    ) -> Self {
        let start = span.start.min(source.len());
        let end = span.end.clamp(start, source.len());
        let (line, column) = line_col(source, start);
        // Everything shown may come from a hostile guide: file names, keys, values, and the
        // raw lines of the snippet. None of it may reach the terminal as a control sequence.
        let shown_source = if source.chars().any(is_unsafe) {
            Arc::new(mask_same_length(source))
        } else {
            Arc::clone(source)
        };
        Problem {
            severity,
            file: visible(file),
            line,
            column,
            field: visible(field),
            message: visible(&message.into()),
            help: None,
            span: start..end,
            source: shown_source,
        }
    }

    /// A problem about a file as a whole (unreadable, missing).
    pub fn whole_file(file: &str, message: impl Into<String>) -> Self {
        Problem::new(
            Severity::Error,
            file,
            &Arc::new(String::new()),
            0..0,
            "(file)",
            message,
        )
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(visible(&help.into()));
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// `file:line:column: error[field]: message`, one line, for logs and tests.
    pub fn headline(&self) -> String {
        let kind = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        format!(
            "{}:{}:{}: {kind}: {}: {}",
            self.file, self.line, self.column, self.field, self.message
        )
    }

    /// The headline followed by the offending lines with the span underlined.
    pub fn render(&self, color: bool) -> String {
        let mut out = self.headline();
        out.push('\n');
        if self.source.is_empty() {
            if let Some(help) = &self.help {
                out.push_str(&format!("  help: {help}\n"));
            }
            return out;
        }
        let theme = if color {
            GraphicalTheme::unicode()
        } else {
            GraphicalTheme::unicode_nocolor()
        };
        // No wrapping: a help line naming another file must keep its path whole, or the
        // author cannot copy it (and a long checkout path would split it at a hyphen).
        let handler = GraphicalReportHandler::new_themed(theme)
            .with_context_lines(1)
            .with_wrap_lines(false);
        let report = Rendered {
            problem: self,
            source: NamedSource::new(&self.file, Arc::clone(&self.source)),
        };
        let mut body = String::new();
        if handler.render_report(&mut body, &report).is_ok() {
            out.push_str(&body);
        }
        out
    }
}

/// Control characters (but newline and tab) and bidirectional overrides: anything that
/// could move the cursor, recolour, retitle or reorder what a terminal shows.
fn is_unsafe(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Writes unsafe characters as visible `\u{1b}` escapes.
pub fn visible(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if is_unsafe(c) {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

/// Replaces unsafe characters with `?` of the same byte length, so spans still line up.
fn mask_same_length(s: &str) -> String {
    s.chars()
        .map(|c| {
            if is_unsafe(c) {
                "?".repeat(c.len_utf8())
            } else {
                c.to_string()
            }
        })
        .collect()
}

/// 1-based line and column (in characters) of a byte offset.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = &text[..floor_char_boundary(text, offset)];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + 1;
    (line, column)
}

fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Adapter that lets miette draw a [`Problem`] with its source snippet.
struct Rendered<'a> {
    problem: &'a Problem,
    source: NamedSource<Arc<String>>,
}

impl fmt::Debug for Rendered<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.problem.message)
    }
}

impl fmt::Display for Rendered<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.problem.message)
    }
}

impl std::error::Error for Rendered<'_> {}

impl Diagnostic for Rendered<'_> {
    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.problem.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
        })
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.problem
            .help
            .as_ref()
            .map(|h| Box::new(h.clone()) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        Some(&self.source as &dyn miette::SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let len = self.problem.span.end - self.problem.span.start;
        let label = LabeledSpan::new(
            Some(format!("field `{}`", self.problem.field)),
            self.problem.span.start,
            len,
        );
        Some(Box::new(std::iter::once(label)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_paths_in_help_are_never_split() {
        let deep = format!("/{}/guide/topics/01-first.toml", "checkout".repeat(12));
        let source = Arc::new("id = \"one\"\n".to_string());
        let problem = Problem::new(Severity::Error, &deep, &source, 5..10, "id", "duplicate")
            .with_help(format!("first declared at {deep}:7"));
        let shown = problem.render(false);
        assert!(
            shown.contains(&format!("first declared at {deep}:7")),
            "{shown}"
        );
        assert!(shown.contains(&format!("{deep}:1:6")), "{shown}");
    }
}
