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
    strip_unsafe(s, true)
}

/// [`sanitize_output`], with tabs dropped too (as [`clean`] drops them) unless `keep_tab`.
fn strip_unsafe(s: &str, keep_tab: bool) -> Cow<'_, str> {
    let kept = |c: char| !is_unsafe(c) || (keep_tab && c == '\t');
    if s.chars().all(kept) {
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
        if kept(c) {
            out.push(c);
        }
        rest = &rest[c.len_utf8()..];
    }
    Cow::Owned(out)
}

/// Output that cleans what it is given: every write loses what [`clean`] removes, except
/// the colour sequences [`Painter`] adds, so code printing through it need not clean each
/// piece of guide text or user input itself. A character split across writes is held back
/// until it is whole.
pub struct CleanWriter<W: std::io::Write> {
    inner: W,
    /// The start of a character whose last bytes have not been written yet.
    pending: Vec<u8>,
}

impl<W: std::io::Write> CleanWriter<W> {
    pub fn new(inner: W) -> Self {
        CleanWriter {
            inner,
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
            .write_all(strip_unsafe(&text, false).as_bytes())?;
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

#[cfg(test)]
mod tests {
    use std::io::Write;

    use super::*;

    #[test]
    fn the_clean_writer_drops_what_clean_drops_and_keeps_the_painter_s_colours() {
        let mut out = CleanWriter::new(Vec::new());
        let bold = Painter { color: true }.bold("Quiz:");
        writeln!(out, "{bold} a\x1b]0;title\x07\tb\u{202e}c\x1b[2J").unwrap();
        assert_eq!(
            String::from_utf8(out.inner).unwrap(),
            format!("{bold} a]0;titlebc[2J\n")
        );
    }

    #[test]
    fn the_clean_writer_waits_for_a_character_split_across_writes() {
        let mut out = CleanWriter::new(Vec::new());
        let e = "é".as_bytes();
        out.write_all(&[b'x', e[0]]).unwrap();
        out.write_all(&[e[1], b'y']).unwrap();
        assert_eq!(String::from_utf8(out.inner).unwrap(), "xéy");
    }
}
