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

/// `s` cleaned (see [`clean`]) and cut to at most `width` columns, ending in an ellipsis
/// when it was cut: the width is measured on what will be shown.
pub fn fit(s: &str, width: usize) -> String {
    use unicode_width::UnicodeWidthChar;
    let s = clean(s);
    if unicode_width::UnicodeWidthStr::width(s.as_ref()) <= width {
        return s.into_owned();
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

/// The columns `s` takes once cleaned: what a table or a padded column must measure.
pub fn width_of(s: &str) -> usize {
    unicode_width::UnicodeWidthStr::width(clean(s).as_ref())
}

/// `text` cleaned (see [`clean`]) and wrapped with `opts`, one string per line: the one way
/// plain output wraps text, so widths are measured on what is shown and no caller has to
/// clean first. Text holding the [`Painter`]'s colours must be cleaned piece by piece
/// before it is painted (see [`Painter::highlight_ranges`]) and wrapped with textwrap
/// itself, which measures around colour codes.
pub fn wrap<'a>(text: &str, opts: impl Into<textwrap::Options<'a>>) -> Vec<String> {
    textwrap::wrap(&clean(text), opts)
        .into_iter()
        .map(|l| l.into_owned())
        .collect()
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

/// Longest message written to standard error, in characters: a 10 MB config value or
/// error is not echoed whole.
pub const MESSAGE_CAP: usize = 4000;

/// Text the user typed (or a file held), made fit to quote in one message line: cleaned,
/// line breaks as spaces, cut to [`ECHO_CAP`] characters with an ellipsis.
pub fn quote(s: &str) -> String {
    clip(s, ECHO_CAP).replace('\n', " ")
}

/// `s` cleaned and cut to `cap` characters with an ellipsis. Newlines are kept.
fn clip(s: &str, cap: usize) -> String {
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

/// Writes a message to standard error, cleaned (see [`clean`]) and cut to [`MESSAGE_CAP`]
/// characters, ending in a newline: every warning, error and hint goes through here (or
/// the `term::say!` macro), so a message quoting a file name, a file's content or what
/// the user typed cannot drive the terminal. An error writing to standard error is ignored:
/// there is nowhere left to report it.
pub fn to_stderr(message: &str) {
    use std::io::Write;
    let text = message_text(message);
    let _ = std::io::stderr().lock().write_all(text.as_bytes());
}

/// What [`to_stderr`] writes for `message`: cleaned, cut, and ending in one newline
/// (nothing for an empty message).
fn message_text(message: &str) -> String {
    if message.is_empty() {
        return String::new();
    }
    let mut text = clip(message, MESSAGE_CAP);
    if !text.ends_with('\n') {
        text.push('\n');
    }
    text
}

/// `say!("mnguide: cannot read {}: {e}", path)`: formats a message and writes it with
/// [`to_stderr`](crate::term::to_stderr), cleaned and cut, with a newline.
macro_rules! say {
    ($($arg:tt)*) => {
        $crate::term::to_stderr(&::std::format!($($arg)*))
    };
}

pub(crate) use say;

/// The last defence before unpainted bytes (JSON, exports, the manual page, completion
/// scripts) reach standard output: drops every unsafe character but tabs, which exports use
/// as separators. No escape of any kind is kept: nothing in these outputs is painted.
pub fn sanitize_output(s: &str) -> Cow<'_, str> {
    strip_unsafe(s, true, false)
}

/// Drops every unsafe character, tabs too unless `keep_tab`; the colour sequences
/// [`Painter`] writes survive when `keep_colour`.
fn strip_unsafe(s: &str, keep_tab: bool, keep_colour: bool) -> Cow<'_, str> {
    let kept = |c: char| !is_unsafe(c) || (keep_tab && c == '\t');
    if s.chars().all(kept) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(c) = rest.chars().next() {
        if keep_colour
            && c == '\x1b'
            && let Some(len) = painter_sequence(rest)
        {
            out.push_str(&rest[..len]);
            rest = &rest[len..];
            continue;
        }
        if kept(c) {
            out.push(c);
        }
        rest = &rest[c.len_utf8()..];
    }
    Cow::Owned(out)
}

/// Output that cleans what it is given: every write loses what [`clean`] removes, except
/// the colour sequences of its [`Painter`] when that paints, so code printing through it
/// need not clean each piece of guide text or user input itself. A character split across
/// writes is held back until it is whole.
pub struct CleanWriter<W: std::io::Write> {
    inner: W,
    painter: Painter,
    /// The start of a character whose last bytes have not been written yet.
    pending: Vec<u8>,
}

impl<W: std::io::Write> CleanWriter<W> {
    pub fn new(inner: W, painter: Painter) -> Self {
        CleanWriter {
            inner,
            painter,
            pending: Vec::new(),
        }
    }
}

impl<W: std::io::Write> std::io::Write for CleanWriter<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.pending.extend_from_slice(buf);
        let bytes = std::mem::take(&mut self.pending);
        let (text, rest) = match std::str::from_utf8(&bytes) {
            Ok(text) => (Cow::Borrowed(text), &[][..]),
            // Only an unfinished character at the end waits; bytes that are not UTF-8 at
            // all are written as U+FFFD.
            Err(e) if e.error_len().is_none() => {
                let (done, rest) = bytes.split_at(e.valid_up_to());
                (String::from_utf8_lossy(done), rest)
            }
            Err(_) => (String::from_utf8_lossy(&bytes), &[][..]),
        };
        self.inner
            .write_all(self.painter.sanitize(&text).as_bytes())?;
        self.pending = rest.to_vec();
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
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
    /// The last defence before painted text reaches standard output: drops every unsafe
    /// character, tabs too, and keeps the colour sequences [`Painter`] writes only when this
    /// painter paints, so with colour off no escape at all gets out, whatever a renderer
    /// let through.
    pub fn sanitize<'a>(&self, s: &'a str) -> Cow<'a, str> {
        strip_unsafe(s, false, self.color)
    }

    /// `s` cleaned and unstyled: guide text, a path or an error printed in plain text goes
    /// through the painter like painted text, so it cannot forge the painter's colours.
    pub fn plain(&self, s: &str) -> String {
        clean(s).into_owned()
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

    /// `text` with its byte `ranges` highlighted (see [`Painter::highlight`]) and the rest
    /// cleaned: each piece is cleaned on its own, so the ranges stay valid. Ranges out of
    /// order or off character boundaries are skipped.
    pub fn highlight_ranges(&self, text: &str, ranges: &[std::ops::Range<usize>]) -> String {
        let mut out = String::new();
        let mut at = 0;
        for r in ranges {
            let (Some(before), Some(word)) = (text.get(at..r.start), text.get(r.clone())) else {
                continue;
            };
            out.push_str(&clean(before));
            out.push_str(&self.highlight(word));
            at = r.end;
        }
        out.push_str(&clean(text.get(at..).unwrap_or_default()));
        out
    }
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use super::*;

    #[test]
    fn the_clean_writer_drops_what_clean_drops_and_keeps_the_painter_s_colours() {
        let mut out = CleanWriter::new(Vec::new(), Painter { color: true });
        let bold = Painter { color: true }.bold("Quiz:");
        writeln!(out, "{bold} a\x1b]0;title\x07\tb\u{202e}c\x1b[2J").unwrap();
        assert_eq!(
            String::from_utf8(out.inner).unwrap(),
            format!("{bold} a]0;titlebc[2J\n")
        );
    }

    /// Hostile text: an OSC title change, a CSI colour forging the painter's red, a C1 CSI,
    /// a bidi override, a tab and a cursor move.
    const HOSTILE: &str = "a\x1b]0;pwned\x07b\x1b[1;31mc\u{9b}31md\u{202e}e\tf\x1b[2J\x1b[0m";

    /// `s` without the painter's own colour codes (checked to be only those).
    fn without_painter_codes(s: &str) -> String {
        let mut rest = String::new();
        let mut tail = s;
        while let Some(at) = tail.find('\x1b') {
            rest.push_str(&tail[..at]);
            let len = painter_sequence(&tail[at..]).expect("only the painter's escapes");
            tail = &tail[at + len..];
        }
        rest.push_str(tail);
        rest
    }

    #[test]
    fn a_painter_given_hostile_text_writes_no_escape_but_its_own() {
        for color in [true, false] {
            let p = Painter { color };
            let painted = [
                p.plain(HOSTILE),
                p.bold(HOSTILE),
                p.dim(HOSTILE),
                p.heading(HOSTILE),
                p.highlight(HOSTILE),
                p.warn(HOSTILE),
                p.accent(HOSTILE),
                p.highlight_ranges(HOSTILE, &[1..9, 10..18]),
            ];
            // Colour on: two codes (style and reset) per painted piece, four for the two
            // highlighted ranges; colour off: none. The hostile text's own escapes are gone.
            let codes = if color {
                [0, 2, 2, 2, 2, 2, 2, 4]
            } else {
                [0; 8]
            };
            for (s, want) in painted.iter().zip(codes) {
                assert_eq!(s.matches('\x1b').count(), want, "{s:?}");
                let rest = without_painter_codes(s);
                assert!(!rest.chars().any(is_unsafe), "{s:?}");
            }
        }
        let red = Painter { color: true }.warn(HOSTILE);
        assert_eq!(red, "\x1b[1;31ma]0;pwnedb[1;31mc31mdef[2J[0m\x1b[0m");
    }

    #[test]
    fn the_last_pass_keeps_the_painter_s_colours_only_when_it_paints() {
        let bold = Painter { color: true }.bold("x");
        let text = format!("{bold}\t{HOSTILE}");
        let painted = Painter { color: true }.sanitize(&text);
        assert_eq!(
            painted,
            format!("{bold}a]0;pwnedb\x1b[1;31mc31mdef[2J\x1b[0m")
        );
        let plain = Painter { color: false }.sanitize(&text);
        assert_eq!(plain, "[1mx[0ma]0;pwnedb[1;31mc31mdef[2J[0m");
        let unpainted = sanitize_output(&text);
        assert_eq!(unpainted, "[1mx[0m\ta]0;pwnedb[1;31mc31mde\tf[2J[0m");
    }

    #[test]
    fn wrapping_fitting_and_measuring_see_the_cleaned_text() {
        assert_eq!(wrap("ab\x1b[1;31mcd ef\tgh", 20), vec!["ab[1;31mcd efgh"]);
        assert_eq!(width_of("a\u{202e}b\tc"), 3);
        assert_eq!(fit("abc\x1b[2Jdef", 5), "abc[…");
    }

    #[test]
    fn messages_are_cleaned_cut_and_end_in_one_newline() {
        assert_eq!(message_text(""), "");
        assert_eq!(
            message_text("no topic '\x1b]0;pwned\x07\u{202e}x'"),
            "no topic ']0;pwnedx'\n"
        );
        assert_eq!(message_text("two\nlines\n"), "two\nlines\n");
        let long = message_text(&"x".repeat(MESSAGE_CAP + 10));
        assert_eq!(long.chars().count(), MESSAGE_CAP + 2);
        assert!(long.ends_with("x…\n"));
        assert_eq!(quote("a\nb\x1b[1;31m"), "a b[1;31m");
        assert_eq!(quote(&"y".repeat(200)).chars().count(), ECHO_CAP + 1);
    }

    #[test]
    fn the_clean_writer_waits_for_a_character_split_across_writes() {
        let mut out = CleanWriter::new(Vec::new(), Painter { color: false });
        let e = "é".as_bytes();
        out.write_all(&[b'x', e[0]]).unwrap();
        out.write_all(&[e[1], b'y']).unwrap();
        assert_eq!(String::from_utf8(out.inner).unwrap(), "xéy");
    }
}
