//! Shared pieces of the pseudo-terminal tests: a minimal screen model and a pump that
//! reads the terminal until the screen shows something.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

#[allow(unused_imports)]
pub use expectrl::Expect;
use expectrl::Session;

pub type Pty = Session<expectrl::process::unix::UnixProcess, expectrl::process::unix::PtyStream>;
use unicode_width::UnicodeWidthChar;

/// Just enough of a terminal to know what is on screen: cursor moves, clears and text.
pub struct Screen {
    cells: Vec<Vec<char>>,
    row: usize,
    col: usize,
    pub raw: Vec<u8>,
    pending: Vec<u8>,
}

impl Screen {
    pub fn new(w: usize, h: usize) -> Screen {
        Screen {
            cells: vec![vec![' '; w]; h],
            row: 0,
            col: 0,
            raw: Vec::new(),
            pending: Vec::new(),
        }
    }

    pub fn feed(&mut self, bytes: &[u8]) {
        self.raw.extend_from_slice(bytes);
        self.pending.extend_from_slice(bytes);
        let data = std::mem::take(&mut self.pending);
        let mut i = 0;
        while i < data.len() {
            match data[i] {
                0x1b => {
                    // CSI: ESC [ params final
                    if i + 1 >= data.len() {
                        self.pending = data[i..].to_vec();
                        return;
                    }
                    if data[i + 1] != b'[' {
                        i += 2;
                        continue;
                    }
                    let mut j = i + 2;
                    while j < data.len() && !(0x40..=0x7e).contains(&data[j]) {
                        j += 1;
                    }
                    if j >= data.len() {
                        self.pending = data[i..].to_vec();
                        return;
                    }
                    let params = String::from_utf8_lossy(&data[i + 2..j]).to_string();
                    self.csi(&params, data[j]);
                    i = j + 1;
                }
                b'\r' => {
                    self.col = 0;
                    i += 1;
                }
                b'\n' => {
                    self.row = (self.row + 1).min(self.cells.len() - 1);
                    i += 1;
                }
                b if b < 0x20 => i += 1,
                _ => {
                    let len = match data[i] {
                        b if b >= 0xf0 => 4,
                        b if b >= 0xe0 => 3,
                        b if b >= 0xc0 => 2,
                        _ => 1,
                    };
                    if i + len > data.len() {
                        self.pending = data[i..].to_vec();
                        return;
                    }
                    let s = String::from_utf8_lossy(&data[i..i + len]).to_string();
                    for c in s.chars() {
                        self.put(c);
                    }
                    i += len;
                }
            }
        }
    }

    fn put(&mut self, c: char) {
        let w = c.width().unwrap_or(0);
        if w == 0 {
            return;
        }
        if let Some(row) = self.cells.get_mut(self.row)
            && let Some(cell) = row.get_mut(self.col)
        {
            *cell = c;
        }
        self.col += w;
    }

    fn csi(&mut self, params: &str, fin: u8) {
        let nums: Vec<usize> = params
            .trim_start_matches('?')
            .split(';')
            .map(|p| p.parse().unwrap_or(0))
            .collect();
        match fin {
            b'H' | b'f' if !params.starts_with('?') => {
                self.row = nums.first().copied().unwrap_or(1).max(1) - 1;
                self.col = nums.get(1).copied().unwrap_or(1).max(1) - 1;
            }
            b'J' if nums.first() == Some(&2) => {
                for row in &mut self.cells {
                    row.fill(' ');
                }
            }
            _ => {}
        }
    }

    pub fn text(&self) -> String {
        self.cells
            .iter()
            .map(|r| r.iter().collect::<String>())
            .collect::<Vec<_>>()
            .join("\n")
    }
}

pub fn pump_until(session: &mut Pty, screen: &mut Screen, what: &str, want: impl Fn(&str) -> bool) {
    let deadline = Instant::now() + Duration::from_secs(30);
    let mut buf = [0u8; 8192];
    loop {
        loop {
            match session.try_read(&mut buf) {
                Ok(0) => break,
                Ok(n) => screen.feed(&buf[..n]),
                Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => break,
                Err(_) => break,
            }
        }
        if want(&screen.text()) {
            return;
        }
        assert!(
            Instant::now() < deadline,
            "timed out waiting for {what}; screen:\n{}",
            screen.text()
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// The guide shipped in `guide/`.
pub fn guide_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("guide")
}

/// Points `cmd` (the browser, or a shell that runs it) at the shipped guide, with its data,
/// config and index in `tmp`, for a terminal of type `term`.
pub fn on_shipped_guide<'a>(cmd: &'a mut Command, tmp: &Path, term: &str) -> &'a mut Command {
    cmd.env("TERM", term)
        .env("MNGUIDE_DATA", tmp.join("data"))
        .env("MNGUIDE_CONFIG", tmp.join("config"))
        .arg("--guide")
        .arg(guide_dir())
        .arg("--index-dir")
        .arg(tmp.join("index"))
}

/// `mnguide` on the shipped guide with its state in `tmp` (see [`on_shipped_guide`]).
pub fn mnguide_in(tmp: &Path, term: &str) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_mnguide"));
    on_shipped_guide(&mut cmd, tmp, term);
    cmd
}

/// `cmd` started in a 100x30 pseudo-terminal, read until the screen shows the browser.
pub fn spawn_browser(cmd: Command) -> (Pty, Screen) {
    let mut session = Session::spawn(cmd).expect("spawn in a pty");
    session
        .get_process_mut()
        .set_window_size(100, 30)
        .expect("window size");
    let mut screen = Screen::new(100, 30);
    pump_until(&mut session, &mut screen, "the browser", |s| {
        s.contains("1 Browse") && s.contains("Topics")
    });
    (session, screen)
}

/// `cmd` started in a pseudo-terminal, read until the screen shows `what` (by `want`), then
/// waited for: it must have exited with `code`.
pub fn exits_after(
    cmd: Command,
    what: &str,
    want: impl Fn(&str) -> bool,
    code: i32,
) -> (Pty, Screen) {
    let mut session = Session::spawn(cmd).expect("spawn in a pty");
    let mut screen = Screen::new(100, 30);
    pump_until(&mut session, &mut screen, what, want);
    let status = session.get_process().wait().expect("exit");
    assert_eq!(
        format!("{status:?}"),
        format!("Exited(Pid({}), {code})", session.get_process().pid())
    );
    (session, screen)
}
