//! Quiz progress on disk: the versioned file shape, saving after every answer, recovery of a
//! damaged or foreign-version file, a failed save that is retried, and two copies (threads,
//! handles or processes) answering at once without losing each other's answers.

use std::fs;
use std::path::Path;

use chrono::{DateTime, Duration, TimeZone, Utc};
use mnguide::quiz::{PROGRESS_FILE, Progress};
use serde_json::Value;

fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 1, 8, 0, 0).unwrap()
}

fn file_json(path: &Path) -> Value {
    serde_json::from_str(&fs::read_to_string(path).unwrap()).unwrap()
}

#[test]
fn every_answer_is_saved_in_the_versioned_shape() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(PROGRESS_FILE);
    let mut p = Progress::open(&path);
    assert!(p.warnings().is_empty());
    p.record("q-a", "key-a", true, t0()).unwrap();
    // Saved at once, before any other call.
    let v = file_json(&path);
    assert_eq!(v["version"], 1);
    let item = &v["items"]["q-a"];
    assert_eq!(item["key"], "key-a");
    assert_eq!(item["reviews"], 1);
    assert_eq!(item["correct"], 1);
    assert_eq!(item["last_answer_correct"], true);
    assert_eq!(item["last_seen"], "2026-03-01T08:00:00Z");
    assert!(item["card"]["due"].is_string());
    assert!(item["card"]["stability"].as_f64().unwrap() > 0.0);

    p.record("q-a", "key-a", false, t0() + Duration::minutes(20))
        .unwrap();
    let reopened = Progress::open(&path);
    let item = reopened.current("q-a", "key-a").unwrap();
    assert_eq!((item.reviews, item.correct), (2, 1));
    assert!(!item.last_answer_correct);
    assert_eq!(reopened.data(), p.data());
}

#[test]
fn a_changed_item_starts_fresh() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(PROGRESS_FILE);
    let mut p = Progress::open(&path);
    p.record("q-a", "old-wording", true, t0()).unwrap();
    p.record("q-a", "old-wording", true, t0() + Duration::days(1))
        .unwrap();
    assert!(p.current("q-a", "new-wording").is_none());
    p.record("q-a", "new-wording", false, t0() + Duration::days(2))
        .unwrap();
    let item = Progress::open(&path)
        .current("q-a", "new-wording")
        .cloned()
        .unwrap();
    assert_eq!((item.reviews, item.correct, item.card.reps), (1, 0, 1));
}

#[test]
fn a_corrupt_file_is_moved_aside_and_the_quiz_starts_fresh() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(PROGRESS_FILE);
    let damaged = "{\"version\":1,\"items\":{\"q-a\":{\"key\":";
    fs::write(&path, damaged).unwrap();
    let mut p = Progress::open(&path);
    let warnings = p.take_warnings();
    assert_eq!(warnings.len(), 1);
    let bak = dir.path().join(format!("{PROGRESS_FILE}.bak"));
    assert!(
        warnings[0].contains(&bak.display().to_string()),
        "{}",
        warnings[0]
    );
    assert!(warnings[0].contains("moved"), "{}", warnings[0]);
    assert!(p.data().items.is_empty());
    assert_eq!(fs::read_to_string(&bak).unwrap(), damaged);

    p.record("q-b", "k", true, t0()).unwrap();
    assert_eq!(file_json(&path)["items"]["q-b"]["reviews"], 1);
    // The backup is untouched by the fresh start.
    assert_eq!(fs::read_to_string(&bak).unwrap(), damaged);
}

#[test]
fn a_file_from_another_format_version_is_kept_aside_not_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(PROGRESS_FILE);
    let future = r#"{"version": 2, "items": {}}"#;
    fs::write(&path, future).unwrap();
    let mut p = Progress::open(&path);
    let w = p.take_warnings();
    assert!(w[0].contains("version 2"), "{}", w[0]);
    p.record("q-a", "k", true, t0()).unwrap();
    assert_eq!(
        fs::read_to_string(dir.path().join(format!("{PROGRESS_FILE}.bak"))).unwrap(),
        future
    );
    assert_eq!(file_json(&path)["version"], 1);
}

#[test]
fn a_failed_save_keeps_the_old_file_counts_the_answer_and_retries() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(PROGRESS_FILE);
    let mut p = Progress::open(&path);
    p.record("q-a", "k", true, t0()).unwrap();
    let before = fs::read(&path).unwrap();

    // A folder where the lock file belongs makes every save fail (even for the superuser).
    let lock = dir.path().join(format!("{PROGRESS_FILE}.lock"));
    fs::remove_file(&lock).unwrap();
    fs::create_dir(&lock).unwrap();
    let err = p.record("q-b", "k", false, t0()).unwrap_err();
    assert!(!err.to_string().is_empty());
    assert_eq!(fs::read(&path).unwrap(), before, "old file must be intact");
    assert_eq!(p.unsaved(), 1);
    assert!(p.current("q-b", "k").is_some(), "the answer still counts");

    fs::remove_dir(&lock).unwrap();
    p.record("q-c", "k", true, t0()).unwrap();
    assert_eq!(p.unsaved(), 0);
    let v = file_json(&path);
    for id in ["q-a", "q-b", "q-c"] {
        assert_eq!(v["items"][id]["reviews"], 1, "{id}");
    }
}

#[test]
fn two_open_copies_keep_each_others_answers() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(PROGRESS_FILE);
    // Both opened before either answers, like two terminals started together.
    let mut a = Progress::open(&path);
    let mut b = Progress::open(&path);
    a.record("q-a", "k", true, t0()).unwrap();
    b.record("q-b", "k", false, t0()).unwrap();
    a.record("q-c", "k", true, t0()).unwrap();
    // The same item answered in both copies counts both answers.
    b.record("q-a", "k", true, t0() + Duration::minutes(15))
        .unwrap();
    let v = file_json(&path);
    assert_eq!(v["items"]["q-a"]["reviews"], 2);
    assert_eq!(v["items"]["q-b"]["reviews"], 1);
    assert_eq!(v["items"]["q-c"]["reviews"], 1);
    a.reload();
    assert_eq!(a.data(), b.data());
}

#[test]
fn threads_answering_at_once_lose_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(PROGRESS_FILE);
    let handles: Vec<_> = (0..4)
        .map(|t| {
            let path = path.clone();
            std::thread::spawn(move || {
                let mut p = Progress::open(&path);
                for i in 0..10 {
                    p.record(&format!("q-{t}-{i}"), "k", i % 2 == 0, t0())
                        .unwrap();
                    p.record("q-shared", "k", true, t0()).unwrap();
                }
            })
        })
        .collect();
    for h in handles {
        h.join().unwrap();
    }
    let p = Progress::open(&path);
    assert_eq!(p.data().items.len(), 41);
    assert_eq!(p.get("q-shared").unwrap().reviews, 40);
    assert!(p.warnings().is_empty());
}
