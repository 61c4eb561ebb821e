//! Shared helpers for the tests that run the built binary: where the guides are, and a
//! command that never sees the developer's own guide or index settings.

use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::Command;

/// The guide shipped in `guide/`.
pub fn guide_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("guide")
}

/// A fixture guide in `tests/fixtures/<name>`.
pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// `mnguide` with `MNGUIDE_GUIDE` and `MNGUIDE_INDEX` removed, so a test decides which guide
/// and index folder it uses whatever the shell that runs `cargo test` has set.
pub fn mnguide_bin() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_mnguide"));
    cmd.env_remove("MNGUIDE_GUIDE").env_remove("MNGUIDE_INDEX");
    cmd
}

/// The arguments that point `mnguide` at `guide`, with its index in `data/index` and no
/// colour, so a test's output depends on nothing but the guide.
pub fn guide_args(guide: &Path, data: &Path) -> Vec<String> {
    vec![
        "--guide".into(),
        guide.display().to_string(),
        "--index-dir".into(),
        data.join("index").display().to_string(),
        "--color".into(),
        "never".into(),
    ]
}

/// Runs `mnguide [guide_args] ARGS` with its state in `data` and `stdin` piped in.
pub fn run_on(guide: &Path, data: &Path, args: &[&str], stdin: &str) -> Output {
    let mut cmd = mnguide_bin();
    cmd.env("MNGUIDE_DATA", data)
        .args(guide_args(guide, data))
        .args(args)
        .write_stdin(stdin.to_string());
    cmd.output().expect("runs")
}

/// Standard output of a run that must have succeeded (else the failure with its stderr).
pub fn ok_stdout(out: &Output) -> String {
    assert!(
        out.status.success(),
        "exit {:?}: {}",
        out.status.code(),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout.clone()).expect("utf-8")
}

/// Runs `cmd`: its exit code, standard output and standard error; the output must be UTF-8.
pub fn run(cmd: &mut Command) -> (i32, String, String) {
    let out = cmd.output().expect("runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).expect("utf-8 stdout"),
        String::from_utf8(out.stderr).expect("utf-8 stderr"),
    )
}

/// The quiz progress file in `data`, parsed.
pub fn progress_json(data: &Path) -> serde_json::Value {
    let text = std::fs::read_to_string(data.join("quiz-progress.json")).expect("progress file");
    serde_json::from_str(&text).expect("progress is JSON")
}

/// A copy of the folder `from` (and all below it) at `to`.
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for entry in std::fs::read_dir(from)
        .expect("read")
        .filter_map(Result::ok)
    {
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).expect("copy");
        }
    }
}

/// A copy of the five files of a small fixture guide (`tests/fixtures/<name>`) at `to`.
pub fn copy_fixture(name: &str, to: &Path) {
    let from = fixture(name);
    for rel in [
        "guide.toml",
        "synonyms.toml",
        "topics/01-first.toml",
        "topics/02-second.toml",
        "quiz/items.toml",
    ] {
        let target = to.join(rel);
        std::fs::create_dir_all(target.parent().expect("parent")).expect("mkdir");
        std::fs::copy(from.join(rel), target).expect("copy");
    }
}
