//! Failures of the command line: each is printed once, on standard error, and exits with
//! the code the README gives (1 nothing to show, 2 cannot work here).

use std::path::Path;

use crate::cli_support::{fixture, mnguide_bin};

fn run(dir: &Path, index: &Path, args: &[&str]) -> (i32, String, String) {
    let out = mnguide_bin()
        .env("MNGUIDE_DATA", dir.join("data"))
        .env("MNGUIDE_CONFIG", dir.join("config"))
        .arg("--guide")
        .arg(fixture("valid"))
        .arg("--index-dir")
        .arg(index)
        .args(args)
        .output()
        .expect("runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn an_index_that_cannot_be_built_exits_2_with_one_message() {
    let tmp = tempfile::tempdir().expect("tempdir");
    // A file where the index folder should be: nothing can be written there.
    let blocked = tmp.path().join("index");
    std::fs::write(&blocked, "not a folder").expect("write");
    let (code, out, err) = run(tmp.path(), &blocked, &["index", "--rebuild"]);
    assert_eq!(code, 2, "{err}");
    assert!(out.is_empty(), "{out}");
    assert_eq!(err.matches("mnguide:").count(), 1, "{err}");
    assert!(err.contains("cannot build the index"), "{err}");
}

#[test]
fn an_unknown_id_exits_1_and_says_so_once_with_the_closest_ids() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let (code, out, err) = run(tmp.path(), &tmp.path().join("index"), &["show", "nope"]);
    assert_eq!(code, 1, "{err}");
    assert!(out.is_empty(), "{out}");
    assert_eq!(
        err.matches("no section or topic 'nope'").count(),
        1,
        "{err}"
    );
    assert_eq!(err.matches("list them all with").count(), 1, "{err}");
}

#[test]
fn open_without_a_terminal_exits_2() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let index = tmp.path().join("index");
    let (_, topics, _) = run(tmp.path(), &index, &["topics", "--json"]);
    let topics: serde_json::Value = serde_json::from_str(&topics).expect("json");
    let id = topics[0]["sections"][0]["id"]
        .as_str()
        .expect("a section id")
        .to_string();
    let (code, _, err) = run(tmp.path(), &index, &["open", &id]);
    assert_eq!(code, 2, "{err}");
    assert_eq!(
        err.matches("mnguide: open needs a terminal").count(),
        1,
        "{err}"
    );
}
