//! SIGTERM and SIGHUP restore the terminal: the browser leaves the alternate screen, shows
//! the cursor again and exits with 128 + the signal, on a real pseudo-terminal.

#![cfg(unix)]

use std::path::Path;
use std::process::Command;
use std::time::Duration;

use expectrl::{Eof, Expect, Session};

fn terminated_by(signal: &str, code: i32) {
    let tmp = tempfile::tempdir().expect("tempdir");
    let guide = Path::new(env!("CARGO_MANIFEST_DIR")).join("guide");
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_mnguide"));
    cmd.env("TERM", "xterm-256color")
        .env("MNGUIDE_DATA", tmp.path().join("data"))
        .env("MNGUIDE_CONFIG", tmp.path().join("config"))
        .arg("--guide")
        .arg(&guide)
        .arg("--index-dir")
        .arg(tmp.path().join("index"));
    let mut session = Session::spawn(cmd).expect("spawn in a pty");
    session.set_expect_timeout(Some(Duration::from_secs(30)));
    session.expect("Browse").expect("first frame drawn");
    let pid = session.get_process().pid();
    let status = Command::new("kill")
        .args([signal, &pid.to_string()])
        .status()
        .expect("kill runs");
    assert!(status.success());
    let rest = session.expect(Eof).expect("browser ends");
    let tail = String::from_utf8_lossy(rest.as_bytes()).into_owned();
    assert!(
        tail.contains("\u{1b}[?1049l"),
        "alternate screen left: {tail:?}"
    );
    assert!(tail.contains("\u{1b}[?25h"), "cursor shown again: {tail:?}");
    let exit = session.get_process().wait().expect("exit status");
    assert_eq!(
        format!("{exit:?}"),
        format!("Exited(Pid({pid}), {code})"),
        "exit status"
    );
}

#[test]
fn sigterm_restores_the_terminal() {
    terminated_by("-TERM", 128 + 15);
}

#[test]
fn sighup_restores_the_terminal() {
    terminated_by("-HUP", 128 + 1);
}
