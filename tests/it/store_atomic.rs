//! JSON state files: atomic writes, a killed write never damages the saved file, damaged
//! files are moved aside (never overwritten), failed writes keep the old file, and the lock
//! serialises read-modify-write across threads.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use mnguide::store::{
    Loaded, lock_exclusive, move_aside, read_json_or_recover, update_json, write_json_atomic,
};

type Doc = BTreeMap<String, u32>;

fn doc(pairs: &[(&str, u32)]) -> Doc {
    pairs.iter().map(|(k, v)| (k.to_string(), *v)).collect()
}

fn entries(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn round_trip_and_missing_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("nested/state.json");
    assert_eq!(read_json_or_recover::<Doc>(&path), Loaded::Missing);
    write_json_atomic(&path, &doc(&[("a", 1), ("b", 2)])).unwrap();
    assert_eq!(
        read_json_or_recover::<Doc>(&path),
        Loaded::Ok(doc(&[("a", 1), ("b", 2)]))
    );
    write_json_atomic(&path, &doc(&[("c", 3)])).unwrap();
    assert_eq!(
        read_json_or_recover::<Doc>(&path),
        Loaded::Ok(doc(&[("c", 3)]))
    );
    // No temporary file is left behind after successful writes.
    assert_eq!(entries(&dir.path().join("nested")), vec!["state.json"]);
}

#[test]
fn a_write_killed_before_rename_leaves_the_saved_file_intact() {
    // A process killed mid-write leaves only a partial temporary file beside the real one.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("state.json");
    write_json_atomic(&path, &doc(&[("kept", 7)])).unwrap();
    fs::write(dir.path().join(".state.json.Xy12ab.tmp"), "{\"kept\": 9").unwrap();
    assert_eq!(
        read_json_or_recover::<Doc>(&path),
        Loaded::Ok(doc(&[("kept", 7)]))
    );
    // The next write still works and does not trip over the leftover.
    write_json_atomic(&path, &doc(&[("kept", 8)])).unwrap();
    assert_eq!(
        read_json_or_recover::<Doc>(&path),
        Loaded::Ok(doc(&[("kept", 8)]))
    );
}

#[test]
fn a_truncated_file_is_moved_aside_with_a_warning_naming_both_paths() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("state.json");
    let truncated = "{\"a\": 1, \"b\"";
    fs::write(&path, truncated).unwrap();
    let Loaded::Recovered { value, warning } = read_json_or_recover::<Doc>(&path) else {
        panic!("expected recovery");
    };
    assert!(value.is_empty());
    let bak = dir.path().join("state.json.bak");
    assert!(warning.contains(&path.display().to_string()), "{warning}");
    assert!(warning.contains(&bak.display().to_string()), "{warning}");
    assert_eq!(fs::read_to_string(&bak).unwrap(), truncated);
    assert!(!path.exists());

    // A second damaged file never overwrites the first backup.
    fs::write(&path, "not json at all").unwrap();
    let Loaded::Recovered { warning, .. } = read_json_or_recover::<Doc>(&path) else {
        panic!("expected recovery");
    };
    assert!(warning.contains("state.json.bak.1"), "{warning}");
    assert_eq!(fs::read_to_string(&bak).unwrap(), truncated);
    assert_eq!(
        fs::read_to_string(dir.path().join("state.json.bak.1")).unwrap(),
        "not json at all"
    );
}

#[test]
fn a_file_of_the_wrong_shape_is_recovered_too() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("state.json");
    fs::write(&path, "[1, 2, 3]").unwrap();
    assert!(matches!(
        read_json_or_recover::<Doc>(&path),
        Loaded::Recovered { .. }
    ));
    assert_eq!(
        fs::read_to_string(dir.path().join("state.json.bak")).unwrap(),
        "[1, 2, 3]"
    );
}

#[test]
fn a_value_that_cannot_be_written_keeps_the_old_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("state.json");
    write_json_atomic(&path, &doc(&[("old", 1)])).unwrap();
    let before = fs::read(&path).unwrap();
    // JSON object keys must be strings: serialising this map fails.
    let bad: BTreeMap<(u8, u8), u8> = [((1, 2), 3)].into_iter().collect();
    let err = write_json_atomic(&path, &bad).unwrap_err();
    assert!(err.to_string().contains("key must be a string"), "{err}");
    assert_eq!(fs::read(&path).unwrap(), before);
    assert_eq!(entries(dir.path()), vec!["state.json"]);
}

#[test]
fn a_failed_rename_keeps_the_target_and_cleans_up_the_temporary_file() {
    let dir = tempfile::tempdir().unwrap();
    // The target is a non-empty folder, so the final rename must fail.
    let path = dir.path().join("state.json");
    fs::create_dir(&path).unwrap();
    fs::write(path.join("inside"), "x").unwrap();
    assert!(write_json_atomic(&path, &doc(&[("a", 1)])).is_err());
    assert_eq!(fs::read_to_string(path.join("inside")).unwrap(), "x");
    assert_eq!(entries(dir.path()), vec!["state.json"]);
}

#[cfg(unix)]
#[test]
fn a_read_only_folder_reports_the_error_and_keeps_the_old_file() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("state.json");
    write_json_atomic(&path, &doc(&[("old", 1)])).unwrap();
    fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o555)).unwrap();
    // The superuser ignores folder permissions; there is nothing to test then.
    let probe = dir.path().join("probe");
    if fs::write(&probe, "x").is_ok() {
        let _ = fs::remove_file(&probe);
        fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o755)).unwrap();
        eprintln!("skipped: folder permissions are not enforced for this user");
        return;
    }
    let result = write_json_atomic(&path, &doc(&[("new", 2)]));
    fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o755)).unwrap();
    let err = result.unwrap_err();
    assert_eq!(err.kind(), std::io::ErrorKind::PermissionDenied, "{err}");
    assert_eq!(
        read_json_or_recover::<Doc>(&path),
        Loaded::Ok(doc(&[("old", 1)]))
    );
}

#[test]
fn move_aside_picks_a_free_name() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.json");
    fs::write(dir.path().join("s.json.bak"), "older").unwrap();
    fs::write(dir.path().join("s.json.bak.1"), "old").unwrap();
    fs::write(&path, "now").unwrap();
    let bak = move_aside(&path).unwrap();
    assert_eq!(bak, dir.path().join("s.json.bak.2"));
    assert_eq!(fs::read_to_string(bak).unwrap(), "now");
    assert_eq!(
        fs::read_to_string(dir.path().join("s.json.bak")).unwrap(),
        "older"
    );
}

#[test]
fn threads_updating_under_the_lock_lose_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("counter.json");
    let threads: Vec<_> = (0..4)
        .map(|t| {
            let path = path.clone();
            std::thread::spawn(move || {
                for _ in 0..25 {
                    update_json::<Doc, _>(&path, |d| {
                        *d.entry("total".into()).or_default() += 1;
                        *d.entry(format!("t{t}")).or_default() += 1;
                    })
                    .unwrap();
                }
            })
        })
        .collect();
    for t in threads {
        t.join().unwrap();
    }
    let Loaded::Ok(d) = read_json_or_recover::<Doc>(&path) else {
        panic!("counter file unreadable");
    };
    assert_eq!(d["total"], 100);
    for t in 0..4 {
        assert_eq!(d[&format!("t{t}")], 25);
    }
}

#[test]
fn the_lock_is_exclusive_while_held() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("x.json");
    let held = lock_exclusive(&path).unwrap();
    let lock_file = fs::OpenOptions::new()
        .write(true)
        .open(held.path())
        .unwrap();
    assert!(lock_file.try_lock().is_err(), "a second lock must wait");
    drop(held);
    assert!(lock_file.try_lock().is_ok());
}

#[test]
fn update_moves_a_damaged_file_aside_before_writing() {
    // A damaged file is moved aside first, so the update starts fresh and the bytes survive.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("x.json");
    fs::write(&path, "garbage").unwrap();
    let (value, warning) = update_json::<Doc, _>(&path, |d| {
        d.insert("fresh".into(), 1);
    })
    .unwrap();
    assert_eq!(value, doc(&[("fresh", 1)]));
    assert!(warning.unwrap().contains("x.json.bak"));
    assert_eq!(
        fs::read_to_string(dir.path().join("x.json.bak")).unwrap(),
        "garbage"
    );
}

mod properties {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        /// Any bytes at all in a state file: reading never panics, and anything that is not
        /// a valid document is kept, byte for byte, in the backup.
        #[test]
        fn any_file_content_is_read_or_kept_aside(bytes in proptest::collection::vec(any::<u8>(), 0..200)) {
            let dir = tempfile::tempdir().unwrap();
            let path = dir.path().join("s.json");
            fs::write(&path, &bytes).unwrap();
            match read_json_or_recover::<Doc>(&path) {
                Loaded::Ok(d) => prop_assert_eq!(serde_json::from_slice::<Doc>(&bytes).ok(), Some(d)),
                Loaded::Recovered { value, warning } => {
                    prop_assert!(value.is_empty());
                    prop_assert!(warning.contains("s.json.bak"));
                    prop_assert_eq!(fs::read(dir.path().join("s.json.bak")).unwrap(), bytes);
                }
                Loaded::Missing => prop_assert!(false, "the file exists"),
                Loaded::Unreadable { warning } => prop_assert!(false, "a readable file: {}", warning),
            }
        }
    }
}
