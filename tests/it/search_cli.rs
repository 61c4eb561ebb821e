//! `mnguide search`, `mnguide index` and the index line of `mnguide check`, run as a user
//! would: exit codes like grep, JSON shape, colour only when asked, no escape sequences
//! from the query.

use std::path::{Path, PathBuf};
use std::time::Duration;

use assert_cmd::Command;
use serde_json::Value;

use crate::cli_support::{copy_fixture, guide_dir, mnguide_bin, run};

/// `mnguide` on the shipped guide with a private index folder.
fn mnguide(index: &Path) -> Command {
    mnguide_on(&guide_dir(), index)
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
            .any(|m| m == "colagen -> collagen")
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

/// `mnguide` on any guide folder with a private index folder.
fn mnguide_on(guide: &Path, index: &Path) -> Command {
    let mut cmd = mnguide_bin();
    cmd.env_remove("NO_COLOR")
        .arg("--guide")
        .arg(guide)
        .arg("--index-dir")
        .arg(index);
    cmd
}

fn files_starting(dir: &Path, prefix: &str) -> Vec<PathBuf> {
    std::fs::read_dir(dir)
        .expect("read index dir")
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().starts_with(prefix))
        .map(|e| e.path())
        .collect()
}

#[test]
fn a_current_index_answers_without_loading_the_guide_and_never_goes_stale() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let (guide, index) = (tmp.path().join("guide"), tmp.path().join("index"));
    copy_fixture("valid", &guide);
    let (code, first, _) = run(mnguide_on(&guide, &index).args(["search", "--json", "three"]));
    assert_eq!(code, 0);
    let hits: Value = serde_json::from_str(&first).expect("json");
    assert_eq!(hits[0]["title"], "Section three");

    // The first search built the index and cached the validated guide beside it. With the
    // cache gone, a search that loaded the guide would write it again; the quick path,
    // which reads only the index, does not.
    for cache in files_starting(&index, "guide-cache-") {
        std::fs::remove_file(cache).expect("remove cache");
    }
    let (code, again, _) = run(mnguide_on(&guide, &index).args(["search", "--json", "three"]));
    assert_eq!((code, again.as_str()), (0, first.as_str()));
    assert!(
        files_starting(&index, "guide-cache-").is_empty(),
        "the guide was loaded although the index was current"
    );

    // An edit is seen at once: the index is for other files now.
    let topic = guide.join("topics/02-second.toml");
    let text = std::fs::read_to_string(&topic).expect("read");
    std::fs::write(&topic, text.replace("Section three", "Section drei")).expect("edit");
    let (code, edited, _) = run(mnguide_on(&guide, &index).args(["search", "--json", "three"]));
    assert_eq!(code, 0);
    let hits: Value = serde_json::from_str(&edited).expect("json");
    assert_eq!(hits[0]["title"], "Section drei");

    // A broken edit is reported, not answered from the index of the last good guide.
    std::fs::write(&topic, "id = ").expect("break");
    let (code, out, err) = run(mnguide_on(&guide, &index).args(["search", "three"]));
    assert_eq!(code, 1, "{out}");
    assert!(err.contains("02-second.toml"), "{err}");
}

#[test]
fn a_guide_left_alone_is_searched_from_its_remembered_hash_and_an_edit_is_still_seen() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let (guide, index) = (tmp.path().join("guide"), tmp.path().join("index"));
    copy_fixture("valid", &guide);
    let (code, first, _) = run(mnguide_on(&guide, &index).args(["search", "--json", "three"]));
    assert_eq!(code, 0);
    assert!(
        files_starting(&index, "guide-hash-").is_empty(),
        "files just written are never remembered"
    );
    // Once the files have settled, a search remembers their hash with their stamps.
    std::thread::sleep(mnguide::content::hash_memo::SETTLE + Duration::from_millis(200));
    let (code, again, _) = run(mnguide_on(&guide, &index).args(["search", "--json", "three"]));
    assert_eq!((code, again.as_str()), (0, first.as_str()));
    assert_eq!(files_starting(&index, "guide-hash-").len(), 1);
    let (code, remembered, _) = run(mnguide_on(&guide, &index).args(["search", "--json", "three"]));
    assert_eq!((code, remembered.as_str()), (0, first.as_str()));

    // An edit of the same length, its modification time put back, is still seen.
    let topic = guide.join("topics/02-second.toml");
    let before = std::fs::metadata(&topic).expect("meta");
    let text = std::fs::read_to_string(&topic).expect("read");
    std::fs::write(&topic, text.replace("Section three", "Section drei!")).expect("edit");
    std::fs::File::options()
        .write(true)
        .open(&topic)
        .and_then(|f| f.set_modified(before.modified().expect("mtime")))
        .expect("time put back");
    let (code, edited, _) = run(mnguide_on(&guide, &index).args(["search", "--json", "three"]));
    assert_eq!(code, 0);
    let hits: Value = serde_json::from_str(&edited).expect("json");
    assert_eq!(hits[0]["title"], "Section drei!");
}

#[test]
fn a_damaged_search_companion_file_is_rebuilt() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let index = tmp.path().join("index");
    let (code, first, _) = run(mnguide(&index).args(["search", "--json", "CIT"]));
    assert_eq!(code, 0);
    let generation = files_starting(&index, "gen-").pop().expect("a generation");
    let companion = generation.join("mnguide-search.json");
    let table = generation.join("mnguide-synonyms.txt");
    assert!(companion.is_file() && table.is_file());
    let text = std::fs::read_to_string(&table).expect("table");
    let damages: [(&std::path::Path, String); 3] = [
        (&companion, "{ \"sections\": 1".to_string()),
        // One letter changed inside a synonym: only the table's hash can tell.
        (
            &table,
            text.replacen("collagen induction", "collagen inductiom", 1),
        ),
        (&table, text[..text.len() / 2].to_string()),
    ];
    for (file, damaged) in damages {
        std::fs::write(file, damaged).expect("damage");
        let (code, again, err) = run(mnguide(&index).args(["search", "--json", "CIT"]));
        assert_eq!((code, again.as_str()), (0, first.as_str()), "{err}");
        let table = files_starting(&index, "gen-")[0].join("mnguide-synonyms.txt");
        let rewritten = std::fs::read_to_string(table).expect("rewritten");
        assert!(
            rewritten.contains("collagen induction therapy"),
            "synonyms kept"
        );
    }
}

#[test]
fn the_built_in_guide_is_searched_from_its_current_index_too() {
    // Run where there is no ./guide: the copy built into the binary is the guide.
    let tmp = tempfile::tempdir().expect("tempdir");
    let index = tmp.path().join("index");
    let search = || {
        let mut cmd = mnguide_bin();
        cmd.current_dir(tmp.path())
            .arg("--index-dir")
            .arg(&index)
            .args(["search", "--json", "CIT"]);
        run(&mut cmd)
    };
    let (code, first, err) = search();
    assert_eq!(code, 0, "{err}");
    assert!(first.contains("\"id\""), "{first}");
    for cache in files_starting(&index, "guide-cache-") {
        std::fs::remove_file(cache).expect("remove cache");
    }
    let (code, again, _) = search();
    assert_eq!((code, again.as_str()), (0, first.as_str()));
    assert!(
        files_starting(&index, "guide-cache-").is_empty(),
        "the built-in guide was loaded although its index was current"
    );
}

#[test]
fn a_search_that_finds_nothing_says_so_and_offers_topics() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let (code, _, err) = run(mnguide(tmp.path()).args(["search", "xqzvbn"]));
    assert_eq!(code, 1);
    assert!(err.contains("no sections match 'xqzvbn'"), "{err}");
    assert!(err.contains("closest topics:"), "{err}");
}

#[test]
fn options_typed_after_the_query_are_still_options() {
    let tmp = tempfile::tempdir().expect("tempdir");
    // As in grep: `search redness --json -n 2` prints two hits as JSON, and does not search
    // for the words "json" or "2".
    let (code, out, err) =
        run(mnguide(tmp.path()).args(["search", "redness", "--json", "-n", "2"]));
    assert_eq!(code, 0, "{err}");
    let hits: serde_json::Value = serde_json::from_str(&out).expect("JSON after the query");
    let hits = hits.as_array().expect("array");
    assert_eq!(hits.len(), 2, "{out}");
    assert!(
        hits.iter()
            .all(|h| !h["matched"].to_string().contains("json")),
        "{out}"
    );
    let (code, out, _) = run(mnguide(tmp.path()).args(["search", "redness", "--limit=1"]));
    assert_eq!(code, 0);
    assert!(out.contains(" 1. ") && !out.contains(" 2. "), "{out}");
    // A hyphen word that is not an option stays part of the query.
    let (code, _, err) = run(mnguide(tmp.path()).args(["search", "-sun", "--limit", "1"]));
    assert_eq!(code, 0, "{err}");
    // The same conflict as before the query.
    let (code, _, err) = run(mnguide(tmp.path()).args(["search", "sun", "--first", "--json"]));
    assert_eq!(code, 2);
    assert!(err.contains("--first cannot be used with --json"), "{err}");
}
