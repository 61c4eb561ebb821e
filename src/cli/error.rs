//! The command line's one error type. Every command returns it; `main` prints it once and
//! turns it into the exit code, here and nowhere else. Exit codes follow grep: 0 for an
//! answer, 1 when there is nothing to show (no match, no such id, a guide with errors),
//! 2 when the program cannot work here (no search index, no terminal).

use std::process::ExitCode;

use crate::content::Problem;
use crate::term;

#[derive(Debug)]
pub enum Error {
    /// Nothing to show: no section matched, or no section or topic has the id. The message
    /// says what was looked for and where to look instead; it is printed as it is.
    NotFound(String),
    /// The guide did not load: every problem, and where the guide was read from.
    Guide {
        problems: Vec<Problem>,
        at: String,
        /// Whether standard error gets colour.
        color: bool,
    },
    /// The search index can be neither opened nor built.
    Index(String),
    /// This command needs something this environment lacks (a terminal, a usable one).
    Unsupported(String),
    /// Anything else that stopped the command (output could not be written, a bad config).
    Failed(String),
    /// A command that printed its own messages and only hands back its exit code (the
    /// line-mode quiz, the browser).
    Reported(ExitCode),
}

pub type Result<T = ()> = std::result::Result<T, Error>;

impl Error {
    pub fn exit_code(&self) -> ExitCode {
        match self {
            Error::NotFound(_) | Error::Guide { .. } | Error::Failed(_) => ExitCode::from(1),
            Error::Index(_) | Error::Unsupported(_) => ExitCode::from(2),
            Error::Reported(code) => *code,
        }
    }

    /// Nothing has the id the user gave: `mnguide: no {what} '{given}'`, then the nearest
    /// ids after `closest_label` (when there are some) and the `hint` line. What the user
    /// typed is quoted here, on one line and cut short, so no caller has to.
    pub fn no_such<S: std::borrow::Borrow<str>>(
        what: &str,
        given: &str,
        closest_label: &str,
        closest: &[S],
        hint: Option<&str>,
    ) -> Error {
        let mut message = format!("mnguide: no {what} '{}'\n", term::quote(given));
        if !closest.is_empty() {
            message.push_str(&format!("{closest_label}: {}\n", closest.join(", ")));
        }
        if let Some(hint) = hint {
            message.push_str(hint);
            message.push('\n');
        }
        Error::NotFound(message)
    }

    /// Writes the error to standard error through [`term::to_stderr`], cleaned of anything
    /// that could drive the terminal (messages quote file names and what the user typed).
    pub fn print(&self) {
        match self {
            Error::NotFound(message) => term::to_stderr(message),
            Error::Guide {
                problems,
                at,
                color,
            } => {
                // A problem report makes the characters it quotes visible itself, and keeps
                // its own colours, so it is written as it is.
                for p in problems {
                    eprintln!("{}", p.render(*color));
                }
                let errors = problems.iter().filter(|p| p.is_error()).count();
                crate::term::say!(
                    "mnguide: the guide at {} has {errors} error{}; nothing was shown",
                    term::quote(at),
                    if errors == 1 { "" } else { "s" }
                );
            }
            Error::Index(m) | Error::Unsupported(m) | Error::Failed(m) => {
                crate::term::say!("mnguide: {m}");
            }
            Error::Reported(_) => {}
        }
    }

    /// Prints the error and gives its exit code; `Ok` is success.
    pub fn finish(result: Result) -> ExitCode {
        match result {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                e.print();
                e.exit_code()
            }
        }
    }
}

/// A command that reports its own failures: success, or its code.
pub fn reported(code: ExitCode) -> Result {
    if code == ExitCode::SUCCESS {
        Ok(())
    } else {
        Err(Error::Reported(code))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unavailable_index_and_a_missing_terminal_exit_2_nothing_found_exits_1() {
        assert_eq!(Error::Index("x".into()).exit_code(), ExitCode::from(2));
        assert_eq!(
            Error::Unsupported("x".into()).exit_code(),
            ExitCode::from(2)
        );
        assert_eq!(Error::NotFound("x".into()).exit_code(), ExitCode::from(1));
        assert_eq!(Error::Failed("x".into()).exit_code(), ExitCode::from(1));
        assert_eq!(
            Error::Reported(ExitCode::from(3)).exit_code(),
            ExitCode::from(3)
        );
        assert!(reported(ExitCode::SUCCESS).is_ok());
    }
}
