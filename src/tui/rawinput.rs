//! Terminal input read and parsed here rather than by crossterm's reader, because that one
//! waits forever for the end of a sequence it half recognises: a pasted `ESC [ ? 1049 l`
//! swallows every later key, and an `ESC [ 200 ~` without its `ESC [ 201 ~` freezes input.
//! Here every sequence has a length cap and a time limit, a paste is one event however long,
//! and bytes come in batches so the caller handles a burst as one update.
//!
//! The events are crossterm's types, so the rest of the browser does not change.

use std::time::{Duration, Instant};

use crossterm::event::{
    Event, KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};

/// A sequence still unfinished this long after its last byte is given up: a lone ESC is
/// the Esc key, anything else is dropped. Terminals send a sequence in one write.
pub const ESCAPE_TIMEOUT: Duration = Duration::from_millis(50);
/// A bracketed paste whose end marker has not come after this much silence ends anyway.
pub const PASTE_TIMEOUT: Duration = Duration::from_millis(500);
/// Longest control sequence accepted; longer ones are not from a terminal and are dropped.
const MAX_SEQUENCE: usize = 64;
/// Most bytes of one paste kept; the rest is dropped (nothing in the browser takes more).
pub const MAX_PASTE: usize = 64 * 1024;

const PASTE_START: &[u8] = b"\x1b[200~";
const PASTE_END: &[u8] = b"\x1b[201~";

/// Bytes in, events out. Pure: no terminal needed, so it can be fed anything in tests.
#[derive(Debug, Default)]
pub struct Parser {
    buf: Vec<u8>,
    /// Inside a bracketed paste: what it holds so far.
    paste: Option<Vec<u8>>,
    /// When the last byte arrived, for the time limits.
    last_byte: Option<Instant>,
}

enum Step {
    /// `len` bytes were one event (or nothing worth reporting).
    Done(Option<Event>, usize),
    /// A paste starts after `len` bytes.
    PasteStart(usize),
    /// More bytes are needed.
    Incomplete,
}

impl Parser {
    /// Parses `bytes`, appending complete events to `out`; an unfinished tail is kept.
    pub fn feed(&mut self, bytes: &[u8], now: Instant, out: &mut Vec<Event>) {
        if bytes.is_empty() {
            return;
        }
        self.last_byte = Some(now);
        self.buf.extend_from_slice(bytes);
        self.process(out);
    }

    /// Whether unfinished input is held, and how long it may wait for more bytes.
    pub fn pending_timeout(&self) -> Option<Duration> {
        if self.paste.is_some() {
            Some(PASTE_TIMEOUT)
        } else if self.buf.is_empty() {
            None
        } else {
            Some(ESCAPE_TIMEOUT)
        }
    }

    /// Resolves unfinished input once its time limit has passed: called when no byte came.
    pub fn timeout(&mut self, now: Instant, out: &mut Vec<Event>) {
        let (Some(limit), Some(last)) = (self.pending_timeout(), self.last_byte) else {
            return;
        };
        if now.duration_since(last) < limit {
            return;
        }
        self.flush(out);
    }

    /// Gives up on whatever is unfinished (end of input, or a time limit passed).
    pub fn flush(&mut self, out: &mut Vec<Event>) {
        if let Some(mut paste) = self.paste.take() {
            let room = MAX_PASTE.saturating_sub(paste.len());
            paste.extend(self.buf.drain(..).take(room));
            self.buf.clear();
            out.push(Event::Paste(String::from_utf8_lossy(&paste).into_owned()));
            return;
        }
        // A lone ESC was the Esc key; a cut-off sequence or character is dropped.
        if self.buf.first() == Some(&0x1b) {
            out.push(key(KeyCode::Esc, KeyModifiers::NONE));
        }
        self.buf.clear();
    }

    fn process(&mut self, out: &mut Vec<Event>) {
        let mut i = 0;
        while i < self.buf.len() {
            if let Some(paste) = &mut self.paste {
                let rest = &self.buf[i..];
                match find(rest, PASTE_END) {
                    Some(at) => {
                        let room = MAX_PASTE.saturating_sub(paste.len());
                        paste.extend_from_slice(&rest[..at.min(room)]);
                        let text = String::from_utf8_lossy(paste).into_owned();
                        out.push(Event::Paste(text));
                        self.paste = None;
                        i += at + PASTE_END.len();
                    }
                    None => {
                        // Keep the last few bytes: they may be the start of the end marker.
                        let keep = rest.len().min(PASTE_END.len() - 1);
                        let take = rest.len() - keep;
                        let room = MAX_PASTE.saturating_sub(paste.len());
                        paste.extend_from_slice(&rest[..take.min(room)]);
                        i += take;
                        break;
                    }
                }
                continue;
            }
            match parse_one(&self.buf[i..]) {
                Step::Done(ev, len) => {
                    out.extend(ev);
                    i += len;
                }
                Step::PasteStart(len) => {
                    self.paste = Some(Vec::new());
                    i += len;
                }
                Step::Incomplete if self.buf.len() - i > MAX_SEQUENCE => {
                    // Not a terminal's sequence: drop its introducer and read on.
                    i += 1;
                }
                Step::Incomplete => break,
            }
        }
        self.buf.drain(..i);
    }
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

fn key(code: KeyCode, mods: KeyModifiers) -> Event {
    Event::Key(KeyEvent::new(code, mods))
}

fn parse_one(s: &[u8]) -> Step {
    let b = s[0];
    match b {
        0x1b => parse_escape(s),
        b'\r' | b'\n' => Step::Done(Some(key(KeyCode::Enter, KeyModifiers::NONE)), 1),
        b'\t' => Step::Done(Some(key(KeyCode::Tab, KeyModifiers::NONE)), 1),
        0x7f | 0x08 => Step::Done(Some(key(KeyCode::Backspace, KeyModifiers::NONE)), 1),
        0x00 => Step::Done(Some(key(KeyCode::Char(' '), KeyModifiers::CONTROL)), 1),
        0x01..=0x1a => {
            let c = (b - 1 + b'a') as char;
            Step::Done(Some(key(KeyCode::Char(c), KeyModifiers::CONTROL)), 1)
        }
        0x1c..=0x1f => Step::Done(None, 1),
        0x20..=0x7e => Step::Done(Some(char_key(b as char, KeyModifiers::NONE)), 1),
        _ => match utf8_char(s) {
            Utf8::Char(c, len) => Step::Done(Some(char_key(c, KeyModifiers::NONE)), len),
            Utf8::Incomplete => Step::Incomplete,
            Utf8::Invalid => Step::Done(None, 1),
        },
    }
}

/// A printable character as crossterm reports it (upper case carries SHIFT).
fn char_key(c: char, mods: KeyModifiers) -> Event {
    let mods = if c.is_uppercase() {
        mods | KeyModifiers::SHIFT
    } else {
        mods
    };
    key(KeyCode::Char(c), mods)
}

enum Utf8 {
    Char(char, usize),
    Incomplete,
    Invalid,
}

fn utf8_char(s: &[u8]) -> Utf8 {
    let need = match s[0] {
        0xc2..=0xdf => 2,
        0xe0..=0xef => 3,
        0xf0..=0xf4 => 4,
        _ => return Utf8::Invalid,
    };
    let have = s.len().min(need);
    if s[1..have].iter().any(|&c| c & 0xc0 != 0x80) {
        return Utf8::Invalid;
    }
    if have < need {
        return Utf8::Incomplete;
    }
    match std::str::from_utf8(&s[..need]) {
        Ok(text) => match text.chars().next() {
            // C1 controls (U+0080..U+009F) arrive as valid UTF-8 but are not keys.
            Some(c) if !c.is_control() => Utf8::Char(c, need),
            _ => Utf8::Invalid,
        },
        Err(_) => Utf8::Invalid,
    }
}

fn parse_escape(s: &[u8]) -> Step {
    let Some(&next) = s.get(1) else {
        return Step::Incomplete;
    };
    match next {
        b'[' => parse_csi(s),
        b'O' => match s.get(2) {
            None => Step::Incomplete,
            Some(&c) => {
                let code = match c {
                    b'P'..=b'S' => Some(KeyCode::F(1 + c - b'P')),
                    _ => cursor_key(c),
                };
                Step::Done(code.map(|c| key(c, KeyModifiers::NONE)), 3)
            }
        },
        // ESC then a printable character: Alt plus that character.
        0x20..=0x7e => Step::Done(Some(char_key(next as char, KeyModifiers::ALT)), 2),
        0x7f => Step::Done(Some(key(KeyCode::Backspace, KeyModifiers::ALT)), 2),
        // ESC before another control (or ESC): the Esc key, then that byte on its own.
        _ => Step::Done(Some(key(KeyCode::Esc, KeyModifiers::NONE)), 1),
    }
}

/// The arrow, Home and End keys by the final byte that `ESC O` and `ESC [` sequences
/// share.
fn cursor_key(fin: u8) -> Option<KeyCode> {
    match fin {
        b'A' => Some(KeyCode::Up),
        b'B' => Some(KeyCode::Down),
        b'C' => Some(KeyCode::Right),
        b'D' => Some(KeyCode::Left),
        b'H' => Some(KeyCode::Home),
        b'F' => Some(KeyCode::End),
        _ => None,
    }
}

fn parse_csi(s: &[u8]) -> Step {
    // ESC [ parameters (0x30-0x3f) intermediates (0x20-0x2f) final (0x40-0x7e).
    let mut j = 2;
    while let Some(&b) = s.get(j) {
        match b {
            0x20..=0x3f => j += 1,
            0x40..=0x7e => break,
            // A control or non-ASCII byte inside: not a sequence. Drop what came before it
            // and read that byte afresh.
            _ => return Step::Done(None, j),
        }
    }
    let Some(&fin) = s.get(j) else {
        return Step::Incomplete;
    };
    let params = &s[2..j];
    let len = j + 1;
    // Old-style mouse report: ESC [ M and three raw bytes.
    if fin == b'M' && params.is_empty() {
        return if s.len() < 6 {
            Step::Incomplete
        } else {
            Step::Done(None, 6)
        };
    }
    if s[..len] == *PASTE_START {
        return Step::PasteStart(len);
    }
    let text = std::str::from_utf8(params).unwrap_or("");
    if let Some(mouse) = text.strip_prefix('<') {
        return Step::Done(sgr_mouse(mouse, fin), len);
    }
    let nums: Vec<u16> = text
        .split(';')
        .map(|p| p.parse::<u16>().unwrap_or(0))
        .collect();
    let mods = modifiers(nums.get(1).copied().unwrap_or(1));
    let code = match fin {
        b'Z' => return Step::Done(Some(key(KeyCode::BackTab, KeyModifiers::SHIFT)), len),
        b'~' => match nums.first().copied().unwrap_or(0) {
            1 | 7 => Some(KeyCode::Home),
            2 => Some(KeyCode::Insert),
            3 => Some(KeyCode::Delete),
            4 | 8 => Some(KeyCode::End),
            5 => Some(KeyCode::PageUp),
            6 => Some(KeyCode::PageDown),
            n @ 11..=15 => Some(KeyCode::F((n - 10) as u8)),
            n @ 17..=21 => Some(KeyCode::F((n - 11) as u8)),
            n @ 23..=24 => Some(KeyCode::F((n - 12) as u8)),
            _ => None,
        },
        // The arrows, Home and End; anything else (mode reports, focus, private sequences
        // echoed back) is no key.
        _ => cursor_key(fin),
    };
    Step::Done(code.map(|c| key(c, mods)), len)
}

fn modifiers(n: u16) -> KeyModifiers {
    let bits = n.saturating_sub(1);
    let mut m = KeyModifiers::NONE;
    if bits & 1 != 0 {
        m |= KeyModifiers::SHIFT;
    }
    if bits & 2 != 0 {
        m |= KeyModifiers::ALT;
    }
    if bits & 4 != 0 {
        m |= KeyModifiers::CONTROL;
    }
    m
}

fn sgr_mouse(params: &str, fin: u8) -> Option<Event> {
    let mut it = params.split(';').map(|p| p.parse::<u16>().ok());
    let (b, x, y) = (it.next()??, it.next()??, it.next()??);
    let button = match b & 3 {
        0 => MouseButton::Left,
        1 => MouseButton::Middle,
        _ => MouseButton::Right,
    };
    let kind = if b & 64 != 0 {
        if b & 1 != 0 {
            MouseEventKind::ScrollDown
        } else {
            MouseEventKind::ScrollUp
        }
    } else if b & 32 != 0 {
        MouseEventKind::Moved
    } else if fin == b'm' {
        MouseEventKind::Up(button)
    } else if fin == b'M' {
        MouseEventKind::Down(button)
    } else {
        return None;
    };
    Some(Event::Mouse(MouseEvent {
        kind,
        column: x.saturating_sub(1),
        row: y.saturating_sub(1),
        modifiers: KeyModifiers::NONE,
    }))
}

/// Reads the terminal (standard input) without blocking longer than asked.
#[cfg(unix)]
pub struct Reader {
    parser: Parser,
}

/// What one wait for input gave.
#[derive(Debug)]
pub enum Batch {
    /// Events parsed from everything that was available (possibly none).
    Events(Vec<Event>),
    /// The terminal is gone (end of file or hang-up).
    Closed,
}

/// At most this much is read before the caller gets control back, so a key such as Ctrl-C
/// is seen between batches even while a huge paste streams in.
const BATCH_BYTES: usize = 256 * 1024;

#[cfg(unix)]
impl Reader {
    pub fn new() -> Reader {
        Reader {
            parser: Parser::default(),
        }
    }

    /// Waits up to `timeout` for input, then reads what is there (up to a batch).
    pub fn wait(&mut self, timeout: Duration) -> std::io::Result<Batch> {
        let timeout = self
            .parser
            .pending_timeout()
            .map_or(timeout, |t| t.min(timeout));
        let mut events = Vec::new();
        if !readable(timeout)? {
            self.parser.timeout(Instant::now(), &mut events);
            return Ok(Batch::Events(events));
        }
        let mut buf = vec![0u8; 16 * 1024];
        let mut total = 0;
        loop {
            // SAFETY: reading into a buffer we own, of the length given.
            let n = unsafe { libc::read(libc::STDIN_FILENO, buf.as_mut_ptr().cast(), buf.len()) };
            if n < 0 {
                let e = std::io::Error::last_os_error();
                match e.kind() {
                    std::io::ErrorKind::Interrupted => break,
                    std::io::ErrorKind::WouldBlock => break,
                    _ if total > 0 => break,
                    _ => return Err(e),
                }
            }
            if n == 0 {
                if total == 0 {
                    self.parser.flush(&mut events);
                    return Ok(if events.is_empty() {
                        Batch::Closed
                    } else {
                        Batch::Events(events)
                    });
                }
                break;
            }
            let n = n as usize;
            total += n;
            self.parser.feed(&buf[..n], Instant::now(), &mut events);
            if total >= BATCH_BYTES || !readable(Duration::ZERO)? {
                break;
            }
        }
        Ok(Batch::Events(events))
    }
}

#[cfg(unix)]
impl Default for Reader {
    fn default() -> Self {
        Reader::new()
    }
}

/// Whether standard input has bytes (or an end) within `timeout`. A signal cuts the wait
/// short (false), so the caller sees its flag promptly.
#[cfg(unix)]
fn readable(timeout: Duration) -> std::io::Result<bool> {
    let mut fds = libc::pollfd {
        fd: libc::STDIN_FILENO,
        events: libc::POLLIN,
        revents: 0,
    };
    let ms = timeout.as_millis().min(i32::MAX as u128) as i32;
    // SAFETY: one valid pollfd.
    let r = unsafe { libc::poll(&mut fds, 1, ms) };
    if r < 0 {
        let e = std::io::Error::last_os_error();
        return if e.kind() == std::io::ErrorKind::Interrupted {
            Ok(false)
        } else {
            Err(e)
        };
    }
    Ok(r > 0 && fds.revents & (libc::POLLIN | libc::POLLHUP | libc::POLLERR) != 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A parser fed `bytes` at the time it returns, and what it made of them.
    fn fed(bytes: &[u8]) -> (Parser, Vec<Event>, Instant) {
        let mut p = Parser::default();
        let mut out = Vec::new();
        let t = Instant::now();
        p.feed(bytes, t, &mut out);
        (p, out, t)
    }

    fn parse(bytes: &[u8]) -> Vec<Event> {
        let (mut p, mut out, t) = fed(bytes);
        p.timeout(t + Duration::from_secs(1), &mut out);
        out
    }

    fn chars(evs: &[Event]) -> String {
        evs.iter()
            .filter_map(|e| match e {
                Event::Key(k) => match k.code {
                    KeyCode::Char(c) if k.modifiers - KeyModifiers::SHIFT == KeyModifiers::NONE => {
                        Some(c)
                    }
                    _ => None,
                },
                _ => None,
            })
            .collect()
    }

    #[test]
    fn a_private_mode_sequence_does_not_swallow_later_keys() {
        let evs = parse(b"\x1b[?1049lqx");
        assert_eq!(chars(&evs), "qx");
    }

    #[test]
    fn a_paste_without_its_end_ends_after_a_pause() {
        let (mut p, mut out, t) = fed(b"\x1b[200~hello");
        assert!(out.is_empty());
        p.timeout(t + PASTE_TIMEOUT + Duration::from_millis(1), &mut out);
        assert!(matches!(&out[..], [Event::Paste(s)] if s == "hello"));
        p.feed(b"q", t + Duration::from_secs(2), &mut out);
        assert_eq!(chars(&out), "q");
    }

    #[test]
    fn a_paste_is_one_event_across_chunks() {
        let (mut p, mut out, t) = fed(b"\x1b[200~ab\x1b[2");
        p.feed(b"01~c", t, &mut out);
        assert!(matches!(&out[0], Event::Paste(s) if s == "ab"));
        assert_eq!(chars(&out), "c");
    }

    #[test]
    fn arrows_home_and_end_read_the_same_after_esc_o_and_esc_bracket() {
        let evs = parse(b"\x1bOA\x1bOH\x1bOP\x1b[D\x1b[H\x1b[1;2F\x1bOZ");
        let codes: Vec<(KeyCode, KeyModifiers)> = evs
            .iter()
            .filter_map(|e| match e {
                Event::Key(k) => Some((k.code, k.modifiers)),
                _ => None,
            })
            .collect();
        assert_eq!(
            codes,
            [
                (KeyCode::Up, KeyModifiers::NONE),
                (KeyCode::Home, KeyModifiers::NONE),
                (KeyCode::F(1), KeyModifiers::NONE),
                (KeyCode::Left, KeyModifiers::NONE),
                (KeyCode::Home, KeyModifiers::NONE),
                (KeyCode::End, KeyModifiers::SHIFT),
            ],
            "ESC O Z is no key"
        );
    }

    #[test]
    fn keys_arrows_mouse_and_lone_escape() {
        let evs = parse(b"\x1b[A\x1b[1;5C\x1b[3~\x1b[<64;10;5M\x03\x1b");
        assert!(matches!(evs[0], Event::Key(k) if k.code == KeyCode::Up));
        assert!(matches!(evs[1], Event::Key(k) if k.code == KeyCode::Right
            && k.modifiers == KeyModifiers::CONTROL));
        assert!(matches!(evs[2], Event::Key(k) if k.code == KeyCode::Delete));
        assert!(
            matches!(evs[3], Event::Mouse(m) if m.kind == MouseEventKind::ScrollUp
            && m.column == 9 && m.row == 4)
        );
        assert!(
            matches!(evs[4], Event::Key(k) if k.code == KeyCode::Char('c')
            && k.modifiers == KeyModifiers::CONTROL)
        );
        assert!(matches!(evs[5], Event::Key(k) if k.code == KeyCode::Esc));
    }
}
