//! Hostile input to the command line: huge numbers, unreadable and odd state files, escape
//! and bidi characters hidden in guide content, folder names and typed answers. Nothing may
//! crash, hang, lose data, or reach the terminal as a control character.

use std::path::{Path, PathBuf};
use std::time::Duration;

use assert_cmd::Command;

fn guide_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("guide")
}

fn mnguide(tmp: &Path) -> Command {
    let mut cmd = Command::cargo_bin("mnguide").expect("binary");
    cmd.env("MNGUIDE_DATA", tmp.join("data"))
        .env("MNGUIDE_CONFIG", tmp.join("config"))
        .env_remove("NO_COLOR")
        .timeout(Duration::from_secs(60))
        .arg("--guide")
        .arg(guide_dir())
        .arg("--index-dir")
        .arg(tmp.join("index"));
    cmd
}

fn run(cmd: &mut Command) -> (i32, String, String) {
    let out = cmd.output().expect("runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// No C0 (but newline), C1 or bidi control in `s`.
fn assert_no_controls(s: &str, what: &str) {
    if let Some(c) = s.chars().find(|&c| mnguide::term::is_unsafe(c)) {
        panic!("{what} holds U+{:04X}: {s:?}", c as u32);
    }
}

#[test]
fn huge_search_limits_are_refused_with_a_message_not_a_crash() {
    let tmp = tempfile::tempdir().expect("tempdir");
    for limit in [
        "3000000000",
        "18446744073709551615",
        "99999999999999999999999",
        "0",
    ] {
        let (code, out, err) = run(mnguide(tmp.path()).args(["search", "--limit", limit, "sun"]));
        assert_eq!(code, 2, "--limit {limit}: {err}");
        assert!(out.is_empty());
        assert!(err.contains("1 to 1000"), "--limit {limit}: {err}");
    }
    let (code, out, err) = run(mnguide(tmp.path()).args(["search", "--limit", "1000", "sun"]));
    assert_eq!(code, 0, "{err}");
    assert!(out.contains(" 1. "), "{out}");
}
