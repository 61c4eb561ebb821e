//! A browser whose terminal closes must exit, not spin. Closing a terminal emulator kills
//! the shell; a non-interactive shell does not pass SIGHUP on, and the orphaned browser then
//! reads endless end-of-file. Runs the real binary under `sh -c` in a pseudo-terminal,
//! kills the shell, closes the terminal, and waits for the browser to go.

#![cfg(unix)]

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use expectrl::{Expect, Session};

fn pids_with(marker: &str) -> Vec<u32> {
    let out = Command::new("pgrep")
        .args(["-f", marker])
        .output()
        .expect("pgrep runs");
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|l| l.trim().parse().ok())
        .collect()
}

#[test]
fn browser_exits_when_its_terminal_goes_away() {
    if Command::new("pgrep").arg("--version").output().is_err() {
        eprintln!("pgrep not installed; nothing to check");
        return;
    }
    let tmp = tempfile::tempdir().expect("tempdir");
    let marker = tmp.path().join("hangup-index");
    let guide = Path::new(env!("CARGO_MANIFEST_DIR")).join("guide");
    let script = format!(
        "'{}' --guide '{}' --index-dir '{}'; sleep 60",
        env!("CARGO_BIN_EXE_mnguide"),
        guide.display(),
        marker.display()
    );
    let mut cmd = Command::new("sh");
    cmd.args(["-c", &script])
        .env("TERM", "xterm-256color")
        .env("MNGUIDE_DATA", tmp.path().join("data"))
        .env("MNGUIDE_CONFIG", tmp.path().join("config"));
    let mut session = Session::spawn(cmd).expect("spawn in a pty");
    session.set_expect_timeout(Some(Duration::from_secs(30)));
    session
        .expect("Browse")
        .expect("browser drew its first frame");
    let marker_text = marker.display().to_string();
    let browser = pids_with(&marker_text);
    assert!(!browser.is_empty(), "browser process found");

    // Kill the shell and close the terminal.
    let shell = session.get_process().pid();
    let _ = Command::new("kill")
        .args(["-9", &shell.to_string()])
        .status();
    drop(session);

    let deadline = Instant::now() + Duration::from_secs(10);
    while Instant::now() < deadline && !pids_with(&marker_text).is_empty() {
        std::thread::sleep(Duration::from_millis(100));
    }
    let left = pids_with(&marker_text);
    for pid in &left {
        let _ = Command::new("kill").args(["-9", &pid.to_string()]).status();
    }
    assert!(
        left.is_empty(),
        "browser still running after its terminal closed"
    );
}
