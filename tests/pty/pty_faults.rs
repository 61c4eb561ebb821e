//! Faults and hostile input against the real browser in a pseudo-terminal: a damaged index
//! while it is open, signals of every kind, huge pastes and broken escape sequences. After
//! each, the terminal must be as it was: `stty -a`, run by the same shell once the browser
//! has ended, must show cooked mode, and the browser must have left the alternate screen.

#![cfg(unix)]

use std::process::Command;
use std::time::{Duration, Instant};

use crate::pty_support;
use pty_support::{
    Expect, Pty, Screen, exits_after, mnguide_in, on_shipped_guide, pump_until, spawn_browser,
};

struct Run {
    session: Pty,
    screen: Screen,
    tmp: tempfile::TempDir,
}

/// The browser started by a shell that prints its exit status and `stty -a` after it.
fn start() -> Run {
    let tmp = tempfile::tempdir().expect("tempdir");
    let mut cmd = Command::new("sh");
    cmd.arg("-c")
        .arg("stty -a; echo STTY-BEFORE; \"$0\" \"$@\"; echo \"EXIT=$?\"; stty -a; echo STTY-DONE")
        .arg(env!("CARGO_BIN_EXE_mnguide"));
    on_shipped_guide(&mut cmd, tmp.path(), "xterm-256color");
    let (session, screen) = spawn_browser(cmd);
    Run {
        session,
        screen,
        tmp,
    }
}

/// The browser's pid: the shell's only child.
fn browser_pid(run: &Run) -> i32 {
    let sh = run.session.get_process().pid();
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let children =
            std::fs::read_to_string(format!("/proc/{sh}/task/{sh}/children")).unwrap_or_default();
        if let Some(pid) = children.split_whitespace().next() {
            return pid.parse().expect("a pid");
        }
        assert!(Instant::now() < deadline, "no browser process");
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn kill(pid: i32, signal: &str) {
    let ok = Command::new("kill")
        .args([signal, &pid.to_string()])
        .status()
        .expect("kill runs")
        .success();
    assert!(ok, "kill {signal} {pid}");
}

/// Everything the terminal received from now until the shell has run `stty -a`.
fn finish(run: &mut Run) -> String {
    let deadline = Instant::now() + Duration::from_secs(30);
    let mut buf = [0u8; 8192];
    loop {
        match run.session.try_read(&mut buf) {
            Ok(0) => {}
            Ok(n) => run.screen.feed(&buf[..n]),
            Err(_) => std::thread::sleep(Duration::from_millis(20)),
        }
        let raw = String::from_utf8_lossy(&run.screen.raw).into_owned();
        if raw.contains("STTY-DONE") {
            return raw;
        }
        assert!(
            Instant::now() < deadline,
            "the browser did not end; output tail: {:?}",
            &raw[raw.len().saturating_sub(600)..]
        );
    }
}

/// Asserts the exit status and that the terminal was restored completely.
fn assert_restored(raw: &str, exit: i32) {
    let status = raw.rfind("EXIT=").expect("exit status printed");
    let after = &raw[status..];
    assert!(
        after.starts_with(&format!("EXIT={exit}")),
        "exit status: {:?}",
        &after[..after.len().min(12)]
    );
    let before = &raw[..status];
    let entered = before
        .find("\x1b[?1049h")
        .expect("entered the alternate screen");
    let left = before
        .rfind("\x1b[?1049l")
        .expect("left the alternate screen");
    assert!(left > entered, "alternate screen left last");
    let tail = &before[before.rfind("\x1b[?1049h").unwrap_or(0)..];
    assert!(tail.contains("\x1b[?25h"), "cursor shown again");
    assert!(tail.contains("\x1b[?1000l"), "mouse reporting off");
    assert!(tail.contains("\x1b[?2004l"), "bracketed paste off");
    // The modes after are the modes before, and cooked: stty prints "-icanon" in raw mode.
    // (The first line, the window size, is set after the shell starts.)
    let modes = |s: &str| -> Vec<String> {
        let mut w: Vec<String> = s
            .lines()
            .skip(1)
            .flat_map(|l| l.split_whitespace())
            .map(String::from)
            .collect();
        w.sort();
        w
    };
    let stty_before = &raw[..raw.find("STTY-BEFORE").expect("stty before")];
    let stty_after = &after[after.find('\n').unwrap_or(0)..after.find("STTY-DONE").unwrap_or(0)];
    let stty_after = stty_after.trim_start_matches(['\r', '\n']);
    assert_eq!(
        modes(stty_before),
        modes(stty_after),
        "terminal modes changed"
    );
    let words: Vec<&str> = stty_after.split_whitespace().collect();
    for flag in ["icanon", "isig", "icrnl", "opost"] {
        assert!(words.contains(&flag), "terminal left with {flag} off");
    }
}

fn send(run: &mut Run, text: &str) {
    run.session.send(text).expect("send");
}

#[test]
fn a_damaged_index_while_the_browser_is_open_is_survived() {
    let mut run = start();
    send(&mut run, "/");
    pump_until(&mut run.session, &mut run.screen, "the search pane", |s| {
        s.contains("Type to search")
    });
    send(&mut run, "scar");
    pump_until(&mut run.session, &mut run.screen, "results", |s| {
        s.contains("sections") && s.contains("Surgical scars")
    });
    // Truncate some segment files and fill the others with random bytes.
    let index = run.tmp.path().join("index");
    let mut damaged = 0;
    for generation in std::fs::read_dir(&index).expect("index folder").flatten() {
        for f in std::fs::read_dir(generation.path())
            .into_iter()
            .flatten()
            .flatten()
        {
            let p = f.path();
            let ext = p.extension().and_then(|e| e.to_str()).unwrap_or("");
            if ["store", "term", "pos"].contains(&ext) {
                std::fs::write(&p, b"").expect("truncate");
                damaged += 1;
            } else if ["idx", "fieldnorm", "fast"].contains(&ext) {
                let len = std::fs::metadata(&p).map(|m| m.len()).unwrap_or(64) as usize;
                let noise: Vec<u8> = (0..len).map(|i| (i * 7919 % 251) as u8).collect();
                std::fs::write(&p, noise).expect("overwrite");
                damaged += 1;
            }
        }
    }
    assert!(damaged >= 5, "segment files found: {damaged}");
    send(&mut run, "\x7f\x7f\x7f\x7fcollagen");
    pump_until(
        &mut run.session,
        &mut run.screen,
        "results after damage",
        |s| s.contains("/ collagen") && s.contains("sections"),
    );
    send(&mut run, "\x03");
    let raw = finish(&mut run);
    assert_restored(&raw, 0);
}

fn ended_by(signal: &str, exit: i32) {
    let mut run = start();
    let pid = browser_pid(&run);
    kill(pid, signal);
    let raw = finish(&mut run);
    assert_restored(&raw, exit);
}

#[test]
fn every_ending_signal_restores_the_terminal() {
    for (sig, n) in [
        ("-INT", 2),
        ("-QUIT", 3),
        ("-USR1", 10),
        ("-USR2", 12),
        ("-ALRM", 14),
        ("-XCPU", 24),
    ] {
        ended_by(sig, 128 + n);
    }
}

#[test]
fn a_memory_fault_restores_the_terminal_then_dies_of_it() {
    // SIGBUS is what a truncated mapped file raises; the process still dies of it, but
    // only after giving the terminal back.
    ended_by("-BUS", 128 + 7);
    ended_by("-SEGV", 128 + 11);
}

#[test]
fn stopped_and_continued_the_browser_takes_the_terminal_back_and_redraws() {
    let mut run = start();
    let pid = browser_pid(&run);
    let before = run.screen.raw.len();
    kill(pid, "-TSTP");
    pump_until(&mut run.session, &mut run.screen, "the main screen", |_| {
        true
    });
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        pump_until(&mut run.session, &mut run.screen, "output", |_| true);
        if String::from_utf8_lossy(&run.screen.raw[before..]).contains("\x1b[?1049l") {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "alternate screen not left on SIGTSTP"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    kill(pid, "-CONT");
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        pump_until(&mut run.session, &mut run.screen, "output", |_| true);
        let since = String::from_utf8_lossy(&run.screen.raw[before..]).into_owned();
        if let Some(left) = since.find("\x1b[?1049l")
            && since[left..].contains("\x1b[?1049h")
            && run.screen.text().contains("1 Browse")
        {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "not redrawn after SIGCONT: {:?}",
            &since[since.len().saturating_sub(300)..]
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    // Still alive and in raw mode: keys work.
    send(&mut run, "/");
    pump_until(&mut run.session, &mut run.screen, "the search pane", |s| {
        s.contains("Type to search")
    });
    send(&mut run, "\x03");
    let raw = finish(&mut run);
    assert_restored(&raw, 0);
}

#[test]
fn a_huge_paste_and_broken_sequences_do_not_hang_input() {
    let mut run = start();
    send(&mut run, "/");
    pump_until(&mut run.session, &mut run.screen, "the search pane", |s| {
        s.contains("Type to search")
    });
    // A stray private-mode sequence must not swallow what follows.
    send(&mut run, "\x1b[?1049lsun");
    pump_until(
        &mut run.session,
        &mut run.screen,
        "typed after the sequence",
        |s| s.contains("/ sun"),
    );
    send(&mut run, "\x15");
    // 100 KB pasted in one bracketed paste: one update, the box keeps what fits.
    let started = Instant::now();
    let big = "collagen ".repeat(100_000 / 9);
    send(&mut run, &format!("\x1b[200~{big}\x1b[201~"));
    pump_until(
        &mut run.session,
        &mut run.screen,
        "the paste applied",
        |s| s.contains("holds 200 characters"),
    );
    assert!(
        started.elapsed() < Duration::from_secs(20),
        "paste took {:?}",
        started.elapsed()
    );
    send(&mut run, "\x15");
    // A paste start without its end: input resumes after a pause.
    send(&mut run, "\x1b[200~redness");
    std::thread::sleep(Duration::from_millis(800));
    send(&mut run, "x");
    pump_until(
        &mut run.session,
        &mut run.screen,
        "input after an unended paste",
        |s| s.contains("/ rednessx"),
    );
    send(&mut run, "\x03");
    let raw = finish(&mut run);
    assert_restored(&raw, 0);
}

#[test]
fn term_dumb_gets_a_message_instead_of_a_full_screen_browser() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let cmd = mnguide_in(tmp.path(), "dumb");
    let (_session, screen) = exits_after(cmd, "the message", |s| s.contains("TERM=dumb"), 2);
    let raw = String::from_utf8_lossy(&screen.raw);
    assert!(!raw.contains("\x1b[?1049h"), "no alternate screen: {raw:?}");
}

#[test]
fn a_config_value_full_of_escapes_is_echoed_clean_and_short() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let config = tmp.path().join("config");
    std::fs::create_dir_all(&config).expect("config dir");
    let value = format!("\\u001b]0;owned\\u0007\\u202e{}", "x".repeat(1_000_000));
    std::fs::write(config.join("config.toml"), format!("theme = \"{value}\"\n")).expect("write");
    let cmd = mnguide_in(tmp.path(), "xterm-256color");
    let (mut session, mut screen) = exits_after(cmd, "the error", |s| s.contains("config.toml"), 1);
    let mut buf = [0u8; 8192];
    while let Ok(n) = session.try_read(&mut buf) {
        if n == 0 {
            break;
        }
        screen.feed(&buf[..n]);
    }
    let raw = String::from_utf8_lossy(&screen.raw).into_owned();
    assert!(raw.len() < 10_000, "{} bytes echoed", raw.len());
    assert!(!raw.contains("\x1b]"), "no escape sequence echoed: {raw:?}");
    assert!(!raw.contains('\u{202e}'), "no bidi override echoed");
}
