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
    // COLUMNS, as in less and man, wins over the terminal's size; a pipe gets 80 columns.
    if let Some(cols) = std::env::var("COLUMNS")
        .ok()
        .and_then(|v| v.trim().parse::<usize>().ok())
        .filter(|&c| c > 0)
    {
        return cols.clamp(20, 500);
    }
    if std::io::stdout().is_terminal()
        && let Ok((cols, _)) = crossterm::terminal::size()
    {
        return (cols as usize).clamp(40, 110);
    }
    80
}

/// `s` cut to at most `width` columns, ending in an ellipsis when it was cut.
pub fn fit(s: &str, width: usize) -> String {
    use unicode_width::UnicodeWidthChar;
    if unicode_width::UnicodeWidthStr::width(s) <= width {
        return s.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let w = c.width().unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        used += w;
        out.push(c);
    }
    out.push('…');
    out
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
