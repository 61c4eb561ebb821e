//! The on-disk index: built once, reopened when current, rebuilt when the fingerprint
//! differs or files are damaged, safe when several threads or processes start at once, and
//! in memory when the location cannot be written.

use std::fs;

use crate::cli_support::{copy_dir, guide_dir};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::{Arc, Barrier};

use mnguide::content::Guide;
use mnguide::search::{IndexStatus, SearchIndex};

fn load(dir: &Path) -> Guide {
    match mnguide::content::load_dir(dir) {
        Ok(l) => l.guide,
        Err(p) => panic!("{}: {p:?}", dir.display()),
    }
}

fn shipped() -> Guide {
    load(&guide_dir())
}

/// The generation folders (`gen-*`) inside an index location.
fn generations(dir: &Path) -> Vec<PathBuf> {
    entries(dir, "gen-")
}

fn entries(dir: &Path, prefix: &str) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = fs::read_dir(dir)
        .map(|rd| {
            rd.filter_map(Result::ok)
                .filter(|e| e.file_name().to_string_lossy().starts_with(prefix))
                .map(|e| e.path())
                .collect()
        })
        .unwrap_or_default();
    out.sort();
    out
}

fn open(guide: &Guide, dir: &Path) -> (SearchIndex, IndexStatus) {
    match SearchIndex::open_or_build(guide, dir) {
        Ok(x) => x,
        Err(e) => panic!("open_or_build: {e:#}"),
    }
}

fn assert_built(status: &IndexStatus, reason_part: &str) {
    match status {
        IndexStatus::Built { reason } => {
            assert!(
                reason.contains(reason_part),
                "reason {reason:?} lacks {reason_part:?}"
            )
        }
        other => panic!("expected a rebuild ({reason_part}), got {other:?}"),
    }
}

#[test]
fn builds_once_then_reopens_and_keeps_other_files() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path().join("index");
    fs::create_dir(&dir).expect("mkdir");
    fs::write(dir.join(".gitignore"), "*\n!.gitignore\n").expect("write");
    let guide = shipped();

    let (index, status) = open(&guide, &dir);
    assert_built(&status, "no index yet");
    assert_eq!(index.num_docs(), guide.sections.len() as u64);
    assert!(!index.search("collagen", 5).hits.is_empty());
    drop(index);

    let (index, status) = open(&guide, &dir);
    assert_eq!(status, IndexStatus::Opened);
    assert!(!index.search("collagen", 5).hits.is_empty());
    assert_eq!(index.verify().expect("verify"), 0);
    assert_eq!(
        fs::read_to_string(dir.join(".gitignore")).expect("kept"),
        "*\n!.gitignore\n"
    );
    assert_eq!(generations(&dir).len(), 1);
    assert!(
        entries(&dir, ".build-").is_empty(),
        "no build folder left behind"
    );
}

#[test]
fn a_changed_guide_rebuilds_and_drops_the_old_generation() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path().join("index");
    let guide_copy = tmp.path().join("guide");
    copy_dir(&guide_dir(), &guide_copy);
    let (_, status) = open(&load(&guide_copy), &dir);
    assert_built(&status, "no index yet");
    let before = generations(&dir);

    // Any edit changes the content hash, synonyms included.
    let syn = guide_copy.join("synonyms.toml");
    let mut text = fs::read_to_string(&syn).expect("read");
    text.push_str("\n[[group]]\nterms = [\"zebrafish\", \"danio\"]\n");
    fs::write(&syn, text).expect("write");
    let changed = load(&guide_copy);
    let (index, status) = open(&changed, &dir);
    assert_built(&status, "changed");
    assert_ne!(generations(&dir), before);
    assert_eq!(
        generations(&dir).len(),
        1,
        "the stale generation is removed"
    );
    assert_eq!(index.num_docs(), changed.sections.len() as u64);
}

#[test]
fn a_fingerprint_that_differs_rebuilds() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path().join("index");
    let guide = shipped();
    drop(open(&guide, &dir));
    let generation = generations(&dir).pop().expect("a generation");
    let meta = generation.join("meta.json");
    let text = fs::read_to_string(&meta).expect("meta.json");
    let fingerprint = mnguide::search::fingerprint::fingerprint(&guide);
    assert!(
        text.contains(&fingerprint),
        "the fingerprint is stored with the commit"
    );
    fs::write(&meta, text.replace(&fingerprint, "0000")).expect("write");

    let (index, status) = open(&guide, &dir);
    assert_built(&status, "fingerprint");
    assert!(!index.search("needle depth", 3).hits.is_empty());
    let (_, status) = open(&guide, &dir);
    assert_eq!(status, IndexStatus::Opened);
}

#[test]
fn garbage_files_rebuild() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path().join("index");
    let guide = shipped();
    drop(open(&guide, &dir));
    let generation = generations(&dir).pop().expect("a generation");
    for entry in fs::read_dir(&generation)
        .expect("read")
        .filter_map(Result::ok)
    {
        fs::write(entry.path(), b"\x00garbage\xffnot an index").expect("overwrite");
    }
    let (index, status) = open(&guide, &dir);
    assert_built(&status, "could not be read");
    assert!(!index.search("redness", 3).hits.is_empty());
}

#[test]
fn damaged_or_missing_segment_files_rebuild() {
    let guide = shipped();
    for damage in ["truncate", "delete"] {
        let tmp = tempfile::tempdir().expect("tempdir");
        let dir = tmp.path().join("index");
        drop(open(&guide, &dir));
        let generation = generations(&dir).pop().expect("a generation");
        let victims: Vec<PathBuf> = fs::read_dir(&generation)
            .expect("read")
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "idx" || e == "store"))
            .collect();
        assert!(!victims.is_empty());
        for v in &victims {
            if damage == "truncate" {
                fs::write(v, b"xx").expect("truncate");
            } else {
                fs::remove_file(v).expect("delete");
            }
        }
        let (index, status) = open(&guide, &dir);
        assert_built(&status, "could not be read");
        assert_eq!(index.num_docs(), guide.sections.len() as u64, "{damage}");
        assert!(!index.search("sunscreen", 3).hits.is_empty(), "{damage}");
    }
}

#[test]
fn threads_starting_at_once_all_get_a_working_index() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = Arc::new(tmp.path().join("index"));
    let guide = Arc::new(shipped());
    let barrier = Arc::new(Barrier::new(6));
    let handles: Vec<_> = (0..6)
        .map(|_| {
            let (dir, guide, barrier) = (dir.clone(), guide.clone(), barrier.clone());
            std::thread::spawn(move || {
                barrier.wait();
                let (index, status) =
                    SearchIndex::open_or_build(&guide, &dir).map_err(|e| format!("{e:#}"))?;
                if matches!(status, IndexStatus::InMemory { .. }) {
                    return Err(format!("fell back to memory: {status:?}"));
                }
                Ok(index.search("acne scars", 3).hits.len())
            })
        })
        .collect();
    for h in handles {
        let hits = h.join().expect("thread").expect("open");
        assert_eq!(hits, 3);
    }
    assert_eq!(generations(&dir).len(), 1);
    assert!(entries(&dir, ".build-").is_empty());
    let (_, status) = open(&guide, &dir);
    assert_eq!(status, IndexStatus::Opened);
}

#[test]
fn processes_starting_at_once_all_succeed() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let spawned: Vec<_> = (0..4)
        .map(|_| {
            Command::new(env!("CARGO_BIN_EXE_mnguide"))
                .arg("--guide")
                .arg(guide_dir())
                .arg("--index-dir")
                .arg(tmp.path().join("fresh"))
                .args(["search", "--json", "collagen"])
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .expect("spawn mnguide")
        })
        .collect();
    for child in spawned {
        let out = child.wait_with_output().expect("wait");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "exit {:?}: {stderr}", out.status);
        assert!(!stderr.contains("warning"), "{stderr}");
        let hits: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
        assert!(hits.as_array().is_some_and(|a| !a.is_empty()));
    }
    assert_eq!(generations(&tmp.path().join("fresh")).len(), 1);
}

#[test]
fn an_unwritable_location_falls_back_to_memory() {
    let tmp = tempfile::tempdir().expect("tempdir");
    // A path below a regular file can never be created, whoever runs the test.
    let blocker = tmp.path().join("not-a-dir");
    fs::write(&blocker, "file").expect("write");
    let dir = blocker.join("index");
    let guide = shipped();
    let (index, status) = open(&guide, &dir);
    match status {
        IndexStatus::InMemory { warning } => {
            assert!(
                warning.contains("cannot write the search index"),
                "{warning}"
            );
            assert!(!warning.contains('\n'), "one line");
        }
        other => panic!("expected in-memory, got {other:?}"),
    }
    assert!(!index.search("aftercare", 3).hits.is_empty());

    let out = Command::new(env!("CARGO_BIN_EXE_mnguide"))
        .arg("--guide")
        .arg(guide_dir())
        .arg("--index-dir")
        .arg(&dir)
        .args(["search", "aftercare"])
        .output()
        .expect("run mnguide");
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(stderr.lines().count(), 1, "one warning line: {stderr}");
    assert!(stderr.contains("warning"), "{stderr}");
}

#[test]
fn rebuild_replaces_a_current_index() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path().join("index");
    let guide = shipped();
    drop(open(&guide, &dir));
    let generation = generations(&dir).pop().expect("a generation");
    let marker = generation.join("marker");
    fs::write(&marker, "old").expect("write");
    let index = SearchIndex::rebuild(&guide, &dir).expect("rebuild");
    assert!(!marker.exists(), "the old generation was replaced");
    assert_eq!(index.num_docs(), guide.sections.len() as u64);
    assert_eq!(open(&guide, &dir).1, IndexStatus::Opened);
}
