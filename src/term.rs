//! Plain-terminal output: when to colour, how wide to wrap, and keeping untrusted text from
//! reaching the terminal as escape sequences.

use std::borrow::Cow;
use std::io::IsTerminal;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum ColorChoice {
    #[default]
    Auto,
    Always,
    Never,
}

/// Whether stdout gets colour: see [`color_for`].
pub fn use_color(choice: ColorChoice) -> bool {
    color_for(choice, std::io::stdout().is_terminal())
}

/// The one colour rule for every output (stdout, stderr, the browser): `never` and `always`
/// are obeyed; `auto` colours a terminal unless `NO_COLOR` is set.
pub fn color_for(choice: ColorChoice, is_terminal: bool) -> bool {
    match choice {
        ColorChoice::Never => false,
        ColorChoice::Always => true,
        ColorChoice::Auto => no_color_unset() && is_terminal,
    }
}

fn no_color_unset() -> bool {
    std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

/// Width to wrap plain output to: the terminal's, or 80 when piped.
pub fn width() -> usize {
    if std::io::stdout().is_terminal()
        && let Ok((cols, _)) = crossterm::terminal::size()
    {
        return (cols as usize).clamp(40, 110);
    }
    80
}

/// Removes control characters (keeping newlines) so no text, whatever its origin, can
/// write escape sequences to the terminal.
pub fn clean(s: &str) -> Cow<'_, str> {
    if s.chars().any(|c| c.is_control() && c != '\n') {
        Cow::Owned(
            s.chars()
                .filter(|&c| !c.is_control() || c == '\n')
                .collect(),
        )
    } else {
        Cow::Borrowed(s)
    }
}

/// Adds ANSI styles when colour is on, and nothing otherwise.
#[derive(Debug, Clone, Copy)]
pub struct Painter {
    pub color: bool,
}

impl Painter {
    fn wrap(&self, code: &str, s: &str) -> String {
        if self.color {
            format!("\x1b[{code}m{s}\x1b[0m")
        } else {
            s.to_string()
        }
    }
    pub fn bold(&self, s: &str) -> String {
        self.wrap("1", s)
    }
    pub fn dim(&self, s: &str) -> String {
        self.wrap("2", s)
    }
    pub fn heading(&self, s: &str) -> String {
        self.wrap("1;36", s)
    }
    pub fn highlight(&self, s: &str) -> String {
        self.wrap("1;33", s)
    }
    pub fn warn(&self, s: &str) -> String {
        self.wrap("1;31", s)
    }
    pub fn accent(&self, s: &str) -> String {
        self.wrap("35", s)
    }
}
