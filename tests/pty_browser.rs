//! One smoke test of the real binary in a pseudo-terminal: open the browser, search, open a
//! result, answer a quiz item, quit; the terminal is restored and progress saved.
//! Behaviour is tested on `TestBackend` elsewhere; this checks the wiring to a real terminal.

#![cfg(unix)]

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use expectrl::{Expect, Session};

type Pty = Session<expectrl::process::unix::UnixProcess, expectrl::process::unix::PtyStream>;
use unicode_width::UnicodeWidthChar;

/// Just enough of a terminal to know what is on screen: cursor moves, clears and text.
struct Screen {
    cells: Vec<Vec<char>>,
    row: usize,
    col: usize,
    raw: Vec<u8>,
    pending: Vec<u8>,
}

impl Screen {
    fn new(w: usize, h: usize) -> Screen {
        Screen {
            cells: vec![vec![' '; w]; h],
            row: 0,
            col: 0,
            raw: Vec::new(),
            pending: Vec::new(),
        }
    }

    fn feed(&mut self, bytes: &[u8]) {
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

    fn text(&self) -> String {
        self.cells
            .iter()
            .map(|r| r.iter().collect::<String>())
            .collect::<Vec<_>>()
            .join("\n")
    }
}

fn pump_until(session: &mut Pty, screen: &mut Screen, what: &str, want: impl Fn(&str) -> bool) {
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

#[test]
fn browse_search_open_quiz_and_quit_in_a_real_terminal() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let guide_dir = root.join("guide");
    let guide = mnguide::content::load_dir(&guide_dir)
        .expect("shipped guide loads")
        .guide;
    let index = mnguide::search::SearchIndex::build_in_memory(&guide).expect("index");
    let query = "sunscreen";
    let expected = index
        .search(query, 1)
        .hits
        .first()
        .map(|h| h.title.clone())
        .expect("a hit");

    let tmp = tempfile::tempdir().expect("tempdir");
    let data = tmp.path().join("data");
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_mnguide"));
    cmd.env("TERM", "xterm-256color")
        .env("MNGUIDE_DATA", &data)
        .env("MNGUIDE_CONFIG", tmp.path().join("config"))
        .arg("--guide")
        .arg(&guide_dir)
        .arg("--index-dir")
        .arg(tmp.path().join("index"));
    let mut session = Session::spawn(cmd).expect("spawn in a pty");
    session
        .get_process_mut()
        .set_window_size(100, 30)
        .expect("window size");
    let mut screen = Screen::new(100, 30);

    pump_until(&mut session, &mut screen, "the browser", |s| {
        s.contains("1 Browse") && s.contains("Reader")
    });
    session.send("/").expect("send");
    pump_until(&mut session, &mut screen, "the search pane", |s| {
        s.contains("Type to search")
    });
    session.send(query).expect("send");
    pump_until(&mut session, &mut screen, "results", |s| {
        s.contains("matched via") && s.contains(&expected)
    });
    session.send("\r").expect("send");
    pump_until(
        &mut session,
        &mut screen,
        "the section in the reader",
        |s| s.contains("Bottom line:") && s.contains(&expected) && s.contains("match 1/"),
    );
    session.send("3").expect("send");
    pump_until(&mut session, &mut screen, "a quiz item", |s| {
        s.contains("Myth or fact?")
    });
    session.send("m").expect("send");
    pump_until(&mut session, &mut screen, "feedback", |s| {
        s.contains("Correct") || s.contains("Not quite")
    });
    session.send("q").expect("send");

    let status = session.get_process().wait().expect("exit status");
    // Read what is left (the restore sequences) after exit.
    let mut buf = [0u8; 8192];
    while let Ok(n) = session.try_read(&mut buf) {
        if n == 0 {
            break;
        }
        screen.feed(&buf[..n]);
    }
    assert_eq!(
        format!("{status:?}"),
        format!("Exited(Pid({}), 0)", session.get_process().pid())
    );
    let raw = String::from_utf8_lossy(&screen.raw);
    let entered = raw
        .find("\x1b[?1049h")
        .expect("entered the alternate screen");
    let left = raw.rfind("\x1b[?1049l").expect("left the alternate screen");
    assert!(left > entered);
    assert!(
        data.join(mnguide::quiz::PROGRESS_FILE).is_file(),
        "progress saved"
    );
    assert!(data.join("browser.json").is_file(), "history saved");
}
