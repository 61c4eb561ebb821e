//! `mnguide search`, `mnguide index` and the index line of `mnguide check`, run as a user
//! would: exit codes like grep, JSON shape, colour only when asked, no escape sequences
//! from the query.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;

/// `mnguide` on the shipped guide with a private index folder.
fn mnguide(index: &Path) -> Command {
    let mut cmd = Command::cargo_bin("mnguide").expect("binary built");
    cmd.env_remove("NO_COLOR")
        .env_remove("MNGUIDE_GUIDE")
        .env_remove("MNGUIDE_INDEX")
        .arg("--guide")
        .arg(guide_dir())
        .arg("--index-dir")
        .arg(index);
    cmd
}

fn guide_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("guide")
}

fn run(cmd: &mut Command) -> (i32, String, String) {
    let out = cmd.output().expect("runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).expect("utf-8 stdout"),
        String::from_utf8(out.stderr).expect("utf-8 stderr"),
    )
}

#[test]
fn hits_are_listed_with_title_path_snippet_and_how_they_matched() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let (code, out, err) = run(mnguide(tmp.path()).args(["search", "CIT"]));
    assert_eq!(code, 0, "{err}");
    assert!(out.contains(" 1. Other names for microneedling"), "{out}");
    assert!(
        out.contains("Microneedling basics > Other names for microneedling"),
        "{out}"
    );
    assert!(out.contains("matched: CIT"), "{out}");
    assert!(!out.contains('\x1b'), "plain when piped");
    let (code, out, _) = run(mnguide(tmp.path()).args(["search", "--limit", "2", "redness"]));
    assert_eq!(code, 0);
    assert!(out.contains(" 2. ") && !out.contains(" 3. "), "{out}");
}

#[test]
fn no_hits_exits_1_and_usage_errors_exit_2() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let (code, out, err) = run(mnguide(tmp.path()).args(["search", "qqqzzzxxy"]));
    assert_eq!(code, 1);
    assert!(out.is_empty());
    assert!(err.contains("no sections match 'qqqzzzxxy'"), "{err}");
    let (code, _, err) = run(mnguide(tmp.path()).args(["search"]));
    assert_eq!(code, 2, "{err}");
    let (code, _, _) = run(mnguide(tmp.path()).args(["search", "--limit", "many", "sun"]));
    assert_eq!(code, 2);
}

#[test]
fn json_is_an_array_of_hit_objects() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let (code, out, err) = run(mnguide(tmp.path()).args(["search", "--json", "colagen"]));
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("did you mean: collagen"), "{err}");
    let hits: Value = serde_json::from_str(&out).expect("json");
    let hits = hits.as_array().expect("array");
    assert!(!hits.is_empty());
    for h in hits {
        let mut keys: Vec<&str> = h
            .as_object()
            .expect("object")
            .keys()
            .map(String::as_str)
            .collect();
        keys.sort_unstable();
        assert_eq!(keys, ["id", "matched", "path", "score", "snippet", "title"]);
        assert!(h["score"].as_f64().is_some_and(|s| s > 0.0));
    }
    assert!(
        hits[0]["matched"]
            .as_array()
            .expect("matched")
            .iter()
            .any(|m| m == "colagen ~ collagen")
    );
    let (code, out, _) = run(mnguide(tmp.path()).args(["search", "--json", "qqqzzzxxy"]));
    assert_eq!(code, 1);
    assert_eq!(
        serde_json::from_str::<Value>(&out).expect("json"),
        Value::Array(vec![])
    );
}

#[test]
fn colour_highlights_matched_words_only_when_asked() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let (code, out, _) =
        run(mnguide(tmp.path()).args(["--color", "always", "search", "sunscreen"]));
    assert_eq!(code, 0);
    assert!(
        out.to_lowercase().contains("\x1b[1;33msunscreen\x1b[0m"),
        "{out}"
    );
    let (_, out, _) = run(mnguide(tmp.path())
        .env("NO_COLOR", "1")
        .args(["search", "sunscreen"]));
    assert!(!out.contains('\x1b'));
}

#[test]
fn escape_sequences_in_the_query_never_reach_the_terminal() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let (code, out, err) = run(mnguide(tmp.path()).args(["search", "\x1b[2Jqqqzzz\x07"]));
    assert_eq!(code, 1);
    assert!(
        !out.contains('\x1b') && !err.contains('\x1b') && !err.contains('\x07'),
        "{err:?}"
    );
    let (code, out, _) = run(mnguide(tmp.path()).args(["search", "\x1b]0;title\x07", "sunscreen"]));
    assert_eq!(code, 0);
    assert!(!out.contains('\x1b') && !out.contains('\x07'));
}

#[test]
fn odd_queries_are_searched_not_rejected() {
    let tmp = tempfile::tempdir().expect("tempdir");
    for q in [
        "\"needle depth",
        "(sun AND",
        "- -",
        "-sun",
        "title:*",
        "🙂 redness",
    ] {
        let (code, _, err) = run(mnguide(tmp.path()).args(["search", q]));
        assert!(code == 0 || code == 1, "{q}: exit {code}: {err}");
        assert!(!err.contains("panicked"), "{q}: {err}");
    }
}

#[test]
fn index_builds_reports_counts_and_check_reports_it() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let (code, out, err) = run(mnguide(tmp.path()).arg("index"));
    assert_eq!(code, 0, "{err}");
    assert!(out.starts_with("index built (no index yet)"), "{out}");
    assert!(out.contains(" sections, ") && out.contains(" ms"), "{out}");
    let (_, out, _) = run(mnguide(tmp.path()).arg("index"));
    assert!(out.starts_with("index up to date"), "{out}");
    let (code, out, _) = run(mnguide(tmp.path()).args(["index", "--rebuild"]));
    assert_eq!(code, 0);
    assert!(out.starts_with("index rebuilt"), "{out}");
    let (code, out, _) = run(mnguide(tmp.path()).arg("check"));
    assert_eq!(code, 0);
    assert!(
        out.contains("index OK: ") && out.contains("up to date"),
        "{out}"
    );
}
