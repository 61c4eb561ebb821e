//! Colour on a real terminal: `auto` colours a TTY, `NO_COLOR` and `--color never` keep it
//! plain. Runs the binary in a pseudo-terminal, where `auto` would otherwise colour.

#![cfg(unix)]

use std::path::Path;
use std::process::Command;

use expectrl::{Eof, Expect, Session};

fn run_in_pty(no_color: bool, extra: &[&str]) -> Vec<u8> {
    let guide = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/valid");
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_mnguide"));
    cmd.env_remove("NO_COLOR")
        .env("TERM", "xterm-256color")
        .arg("--guide")
        .arg(guide)
        .args(extra)
        .args(["show", "one"]);
    if no_color {
        cmd.env("NO_COLOR", "1");
    }
    let mut session = Session::spawn(cmd).expect("spawn in a pty");
    session.set_expect_timeout(Some(std::time::Duration::from_secs(30)));
    let captured = session.expect(Eof).expect("program ends");
    captured.as_bytes().to_vec()
}

fn has_sgr(bytes: &[u8]) -> bool {
    bytes.windows(2).any(|w| w == b"\x1b[")
}

#[test]
fn auto_colours_a_terminal() {
    let out = run_in_pty(false, &[]);
    assert!(
        String::from_utf8_lossy(&out).contains("Bottom line"),
        "output seen"
    );
    assert!(has_sgr(&out), "expected colour on a TTY");
}

#[test]
fn no_color_variable_turns_colour_off_on_a_terminal() {
    let out = run_in_pty(true, &[]);
    assert!(
        String::from_utf8_lossy(&out).contains("Bottom line"),
        "output seen"
    );
    assert!(!has_sgr(&out), "NO_COLOR must disable colour");
}

#[test]
fn color_never_turns_colour_off_on_a_terminal() {
    let out = run_in_pty(false, &["--color", "never"]);
    assert!(!has_sgr(&out), "--color never must disable colour");
}
