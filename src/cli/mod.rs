//! The scriptable command line: one file per subcommand, all reading the same guide from
//! the [`Env`](crate::env::Env). The clap definition and the dispatch are in `main.rs`;
//! errors and exit codes in [`error`].

pub mod anki;
pub mod brief;
pub mod check;
pub mod completions;
pub mod error;
pub mod export;
pub mod index;
pub mod manual;
pub mod quiz;
pub mod search;
pub mod show;
pub mod sources;
pub mod topics;

use std::process::ExitCode;

use clap::ValueEnum;

/// Plain-text rendering lives below the command line, where the browser uses it too.
pub use crate::render;
pub use error::{Error, Result};

use crate::term;

/// What every subcommand reads: the guide and where things live (see [`crate::env`]).
pub type Context = crate::env::Env;

/// Most hits `search --limit` accepts: far more than any guide's sections, and small
/// enough that nothing sized by it can exhaust memory.
pub const MAX_LIMIT: usize = 1000;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    Json,
    Markdown,
    /// Anki's plain-text import format: one note per quiz item
    Anki,
}

/// The two kinds of quiz item, as `--kind` names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ItemKind {
    /// Statements answered myth or fact
    MythOrFact,
    /// Single best answer of five options
    BestOfFive,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum QuizMode {
    /// Items due for review first
    Due,
    /// Every item, shuffled
    All,
    /// Items answered wrong before
    Missed,
    /// N items, no feedback until the scored report
    Exam,
}

/// Writes unpainted text (JSON, exports, the manual page) to stdout, treating a closed pipe
/// (`mnguide export | head`) as success. No control or bidi character but tabs, and no
/// escape at all, reaches the terminal (see [`term::sanitize_output`]).
pub fn write_out(text: &str) -> Result {
    write_stdout(&term::sanitize_output(text))
}

/// Writes text painted by `painter` to stdout: whatever a renderer let through, only the
/// painter's own colours are kept, and only when it paints (see [`term::Painter::sanitize`]).
pub fn write_painted(painter: term::Painter, text: &str) -> Result {
    write_stdout(&painter.sanitize(text))
}

fn write_stdout(text: &str) -> Result {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|_| out.flush()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(Error::Failed(format!("cannot write output: {e}"))),
    }
}

/// [`write_painted`] for a command that reports its own failures and returns an exit code.
pub fn emit(painter: term::Painter, text: &str) -> ExitCode {
    Error::finish(write_painted(painter, text))
}

/// Pretty JSON of any serialisable value, followed by a newline.
pub fn to_json<T: serde::Serialize>(value: &T) -> Result<String> {
    let mut s = serde_json::to_string_pretty(value)
        .map_err(|e| Error::Failed(format!("cannot write JSON: {e}")))?;
    s.push('\n');
    Ok(term::escape_json_controls(s))
}

/// Writes a value as pretty JSON to stdout.
pub fn write_json<T: serde::Serialize>(value: &T) -> Result {
    write_out(&to_json(value)?)
}
