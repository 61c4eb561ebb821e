//! Faults a user's machine will produce sooner or later: many processes starting on an empty
//! index at once, and index files deleted or overwritten while a process is using them.

use std::path::{Path, PathBuf};

use crate::cli_support::guide_dir;
use std::process::{Command, Stdio};

use mnguide::content::{Guide, load_dir};
use mnguide::search::SearchIndex;

fn shipped() -> Guide {
    match load_dir(&guide_dir()) {
        Ok(l) => l.guide,
        Err(p) => panic!("shipped guide: {}", p[0].headline()),
    }
}

/// Every regular file below `dir`.
fn files_below(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).expect("readable dir").flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.push(p);
            }
        }
    }
    out
}

#[test]
fn eight_processes_started_at_once_on_an_empty_index_all_answer() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let index = tmp.path().join("index");
    // Spawn all eight before waiting on any, so they race for the first build.
    let children: Vec<_> = (0..8)
        .map(|_| {
            Command::new(env!("CARGO_BIN_EXE_mnguide"))
                .env("MNGUIDE_DATA", tmp.path().join("data"))
                .arg("--guide")
                .arg(guide_dir())
                .arg("--index-dir")
                .arg(&index)
                .args(["search", "--json", "collagen"])
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .expect("spawn")
        })
        .collect();
    for child in children {
        let out = child.wait_with_output().expect("child ends");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let hits: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON hits");
        assert!(!hits.as_array().expect("array").is_empty());
    }
    let check = Command::new(env!("CARGO_BIN_EXE_mnguide"))
        .arg("--guide")
        .arg(guide_dir())
        .arg("--index-dir")
        .arg(&index)
        .arg("check")
        .output()
        .expect("check runs");
    assert!(check.status.success());
    assert!(String::from_utf8_lossy(&check.stdout).contains("index OK"));
}

#[test]
fn index_files_deleted_while_in_use() {
    let guide = shipped();
    let tmp = tempfile::tempdir().expect("tempdir");
    let (index, _) = SearchIndex::open_or_build(&guide, tmp.path()).expect("opens");
    let before = index.search("numbing cream", 5);
    assert!(!before.hits.is_empty());
    for f in files_below(tmp.path()) {
        std::fs::remove_file(f).expect("delete index file");
    }
    // The open index keeps answering from what it already holds...
    let during = index.search("numbing cream", 5);
    assert_eq!(during.hits[0].id, before.hits[0].id);
    // ...and the next start rebuilds.
    let (again, status) = SearchIndex::open_or_build(&guide, tmp.path()).expect("reopens");
    assert!(format!("{status:?}").contains("Built"), "{status:?}");
    assert_eq!(
        again.search("numbing cream", 5).hits[0].id,
        before.hits[0].id
    );
}

#[test]
fn index_files_overwritten_with_garbage_while_in_use() {
    let guide = shipped();
    let tmp = tempfile::tempdir().expect("tempdir");
    let (index, _) = SearchIndex::open_or_build(&guide, tmp.path()).expect("opens");
    let expected = index.search("vampire facial", 5).hits[0].id.clone();
    // Replace each file with garbage of a different length (a new inode, as editors and
    // tools write): the running process must not crash.
    for f in files_below(tmp.path()) {
        let tmpfile = f.with_extension("garbage-tmp");
        std::fs::write(&tmpfile, b"\0garbage\xff\xfe not an index").expect("write garbage");
        std::fs::rename(&tmpfile, &f).expect("replace");
    }
    for q in ["vampire facial", "collagen", "redness", "colagen"] {
        let _ = index.search(q, 5);
    }
    assert_eq!(index.search("vampire facial", 5).hits[0].id, expected);
    let (again, status) = SearchIndex::open_or_build(&guide, tmp.path()).expect("recovers");
    assert!(format!("{status:?}").contains("Built"), "{status:?}");
    assert_eq!(again.search("vampire facial", 5).hits[0].id, expected);
}
