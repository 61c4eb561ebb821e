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

/// Characters that reorder or hide text on a terminal: the bidirectional embeddings,
/// overrides, isolates and marks. `U+202E` makes "exe.txt" read as "txt.exe".
pub fn is_bidi_control(c: char) -> bool {
    matches!(
        c,
        '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'
    )
}

/// True for a character no output may carry: C0 and C1 controls (but newline), DEL, and
/// the bidi controls.
pub fn is_unsafe(c: char) -> bool {
    (c.is_control() && c != '\n') || is_bidi_control(c)
}

/// Removes control characters (keeping newlines) and bidi controls so no text, whatever
/// its origin, can write escape sequences to the terminal or reorder what it shows.
pub fn clean(s: &str) -> Cow<'_, str> {
    if s.chars().any(is_unsafe) {
        Cow::Owned(s.chars().filter(|&c| !is_unsafe(c)).collect())
    } else {
        Cow::Borrowed(s)
    }
}

/// Longest piece of user input echoed back in a message, in characters.
pub const ECHO_CAP: usize = 80;

/// Text the user typed (or a file held), made fit to quote in one message line: cleaned,
/// line breaks as spaces, cut to [`ECHO_CAP`] characters with an ellipsis.
pub fn clean_line(s: &str) -> String {
    clean_clipped(s, ECHO_CAP).replace('\n', " ")
}

/// A message that may quote untrusted text: cleaned and cut to `cap` characters with an
/// ellipsis (a 10 MB config value is not echoed whole). Newlines are kept.
pub fn clean_clipped(s: &str, cap: usize) -> String {
    let mut out = String::new();
    for (n, c) in s.chars().filter(|&c| !is_unsafe(c)).enumerate() {
        if n == cap {
            out.push('…');
            break;
        }
        out.push(c);
    }
    out
}

/// The last defence before bytes reach standard output: drops every unsafe character except
/// the colour sequences [`Painter`] writes, so whatever a renderer forgot, nothing moves the
/// cursor, retitles the window, or reorders text.
pub fn sanitize_output(s: &str) -> Cow<'_, str> {
    if !s.chars().any(|c| is_unsafe(c) && c != '\t') {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(c) = rest.chars().next() {
        if c == '\x1b'
            && let Some(len) = painter_sequence(rest)
        {
            out.push_str(&rest[..len]);
            rest = &rest[len..];
            continue;
        }
        if !is_unsafe(c) || c == '\t' {
            out.push(c);
        }
        rest = &rest[c.len_utf8()..];
    }
    Cow::Owned(out)
}

/// The length of a colour sequence [`Painter`] writes at the start of `s`, if one is there.
fn painter_sequence(s: &str) -> Option<usize> {
    let body = s.strip_prefix("\x1b[")?;
    let end = body.find('m')?;
    let params = &body[..end];
    PAINTER_CODES.contains(&params).then_some(2 + end + 1)
}

/// Every SGR parameter list [`Painter`] uses, and only those.
const PAINTER_CODES: &[&str] = &["0", "1", "2", "1;36", "1;33", "1;31", "35"];

/// JSON text with the C1 and bidi controls written as `\uXXXX` escapes: still the same
/// JSON value, but nothing in it acts on a terminal. (serde_json escapes C0 itself.)
pub fn escape_json_controls(json: String) -> String {
    if !json.chars().any(is_unsafe) {
        return json;
    }
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        if is_unsafe(c) && c != '\n' {
            out.push_str(&format!("\\u{:04x}", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

/// Adds ANSI styles when colour is on, and nothing otherwise.
#[derive(Debug, Clone, Copy)]
pub struct Painter {
    pub color: bool,
}

impl Painter {
    fn wrap(&self, code: &str, s: &str) -> String {
        let s = clean(s);
        if self.color {
            format!("\x1b[{code}m{s}\x1b[0m")
        } else {
            s.into_owned()
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
