//! The guide's content hash, remembered with each file's size, inode and change times, so
//! a search on an unchanged guide opens no guide file at all.
//!
//! This is how git trusts its index: a file whose size, inode, modification and status
//! change times are all as recorded has not been written since. The status change time
//! (ctime) cannot be set by a program, so copying with preserved times or `touch -r` still
//! shows. A file changed in the same clock tick as it was recorded could look unchanged,
//! so nothing younger than [`SETTLE`] is ever remembered: such a guide is hashed in full
//! until it has been left alone that long.
//!
//! The memo is an optimisation only: any failure to read or write it means hashing.

use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use serde::{Deserialize, Serialize};

use super::files;

/// How long a file must be left alone before its stamp is trusted.
pub const SETTLE: Duration = Duration::from_secs(2);

/// Bumped whenever what a memo records changes.
const MEMO_VERSION: u32 = 1;

#[derive(Debug, Serialize, Deserialize, PartialEq)]
struct Memo {
    version: u32,
    /// The guide folder, canonical.
    dir: String,
    files: Vec<Stamp>,
    hash: String,
}

/// What the file system says about one guide file.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
struct Stamp {
    rel: String,
    len: u64,
    dev: u64,
    ino: u64,
    /// Modification and status change times, in nanoseconds since the epoch.
    mtime: i128,
    ctime: i128,
}

/// [`files::hash_dir`] of the guide in `dir`, answered from the memo kept in `memo_dir`
/// when every file is as it recorded. After hashing, the memo is written when `memo_dir`
/// exists and every file has settled.
pub fn hash_dir(dir: &Path, memo_dir: &Path) -> Option<String> {
    hash_dir_at(dir, memo_dir, SystemTime::now())
}

fn hash_dir_at(dir: &Path, memo_dir: &Path, now: SystemTime) -> Option<String> {
    let Some(snapshot) = Snapshot::take(dir) else {
        return files::hash_dir(dir);
    };
    if let Some(hash) = snapshot.remembered(memo_dir) {
        return Some(hash);
    }
    // The stamps were taken before the files are read: a file written in between shows
    // as changed next time, never the other way round.
    let hash = files::hash_dir(dir)?;
    snapshot.remember_at(memo_dir, &hash, now);
    Some(hash)
}

/// The stamps of a guide's files at one moment, to compare with the memo or to record
/// with the hash of the files read after it.
pub struct Snapshot {
    canonical: String,
    stamps: Vec<Stamp>,
}

impl Snapshot {
    /// `None` when anything is unusual (the caller then reads the files, and loading
    /// reports it).
    pub fn take(dir: &Path) -> Option<Snapshot> {
        stamps(dir).map(|(canonical, stamps)| Snapshot { canonical, stamps })
    }

    /// The hash the memo in `memo_dir` holds for exactly these stamps.
    pub fn remembered(&self, memo_dir: &Path) -> Option<String> {
        let memo = read(&memo_path(memo_dir, &self.canonical))?;
        (memo.version == MEMO_VERSION && memo.dir == self.canonical && memo.files == self.stamps)
            .then_some(memo.hash)
    }

    /// Records `hash`, worked out from files read after the snapshot was taken, when
    /// `memo_dir` exists and every file has settled.
    pub fn remember(self, memo_dir: &Path, hash: &str) {
        self.remember_at(memo_dir, hash, SystemTime::now());
    }

    fn remember_at(self, memo_dir: &Path, hash: &str, now: SystemTime) {
        if !settled(&self.stamps, now) || !memo_dir.is_dir() {
            return;
        }
        let path = memo_path(memo_dir, &self.canonical);
        let memo = Memo {
            version: MEMO_VERSION,
            dir: self.canonical,
            files: self.stamps,
            hash: hash.to_string(),
        };
        let _ = crate::store::write_json_atomic(&path, &memo);
    }
}

fn memo_path(memo_dir: &Path, canonical: &str) -> PathBuf {
    let key = blake3::hash(canonical.as_bytes()).to_hex();
    memo_dir.join(format!("guide-hash-{}.json", &key[..16]))
}

/// Largest memo read; a real one is a few kilobytes.
const MAX_MEMO: u64 = 1024 * 1024;

fn read(path: &Path) -> Option<Memo> {
    let bytes = crate::store::read_bounded(path, MAX_MEMO).ok()?;
    serde_json::from_slice(&bytes).ok()
}

/// Whether every file was last changed at least [`SETTLE`] before `now`.
fn settled(stamps: &[Stamp], now: SystemTime) -> bool {
    let Ok(now) = now.duration_since(SystemTime::UNIX_EPOCH) else {
        return false;
    };
    let limit = now.as_nanos() as i128 - SETTLE.as_nanos() as i128;
    stamps.iter().all(|s| s.mtime < limit && s.ctime < limit)
}

/// The canonical folder and a stamp for each guide file, in the order they are hashed;
/// `None` when anything is unusual (the caller then hashes, and loading reports it).
#[cfg(unix)]
fn stamps(dir: &Path) -> Option<(String, Vec<Stamp>)> {
    use std::os::unix::fs::MetadataExt;
    let canonical = std::fs::canonicalize(dir).ok()?.to_str()?.to_string();
    let (mut rels, problems) = files::guide_rels(dir);
    if !problems.is_empty() {
        return None;
    }
    rels.sort();
    let nanos = |secs: i64, ns: i64| secs as i128 * 1_000_000_000 + ns as i128;
    rels.into_iter()
        .map(|rel| {
            let m = std::fs::metadata(dir.join(&rel)).ok()?;
            m.is_file().then(|| Stamp {
                len: m.len(),
                dev: m.dev(),
                ino: m.ino(),
                mtime: nanos(m.mtime(), m.mtime_nsec()),
                ctime: nanos(m.ctime(), m.ctime_nsec()),
                rel,
            })
        })
        .collect::<Option<Vec<Stamp>>>()
        .map(|stamps| (canonical, stamps))
}

/// Without inodes and status change times nothing is remembered.
#[cfg(not(unix))]
fn stamps(_dir: &Path) -> Option<(String, Vec<Stamp>)> {
    None
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    fn guide_copy() -> tempfile::TempDir {
        let tmp = tempfile::tempdir().expect("tempdir");
        let from = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/valid");
        for f in files::read_dir(&from).expect("fixture reads") {
            let to = tmp.path().join(&f.rel);
            std::fs::create_dir_all(to.parent().expect("parent")).expect("mkdir");
            std::fs::write(to, f.text.as_bytes()).expect("copy");
        }
        tmp
    }

    fn memos(dir: &Path) -> usize {
        std::fs::read_dir(dir)
            .expect("lists")
            .filter(|e| {
                e.as_ref()
                    .is_ok_and(|e| e.file_name().to_string_lossy().starts_with("guide-hash-"))
            })
            .count()
    }

    #[test]
    fn an_unchanged_guide_is_answered_from_the_memo_and_any_change_is_seen() {
        let guide = guide_copy();
        let memo_dir = tempfile::tempdir().expect("tempdir");
        let later = SystemTime::now() + Duration::from_secs(60);
        let hash = files::hash_dir(guide.path()).expect("hashes");

        // Files written just now have not settled: hashed, nothing remembered.
        assert_eq!(hash_dir(guide.path(), memo_dir.path()), Some(hash.clone()));
        assert_eq!(memos(memo_dir.path()), 0);

        // A minute on, they have: the memo is written and then answers.
        assert_eq!(
            hash_dir_at(guide.path(), memo_dir.path(), later),
            Some(hash.clone())
        );
        assert_eq!(memos(memo_dir.path()), 1);
        let (canonical, _) = stamps(guide.path()).expect("stamps");
        let path = memo_path(memo_dir.path(), &canonical);
        let mut memo = read(&path).expect("memo");
        memo.hash = "remembered".into();
        crate::store::write_json_atomic(&path, &memo).expect("writes");
        assert_eq!(
            hash_dir_at(guide.path(), memo_dir.path(), later).as_deref(),
            Some("remembered"),
            "the memo answers while every stamp matches"
        );

        // Same size, modification time put back: the status change time still shows.
        let topic = guide.path().join("topics/01-first.toml");
        let before = std::fs::metadata(&topic).expect("meta");
        let text = std::fs::read_to_string(&topic).expect("reads");
        let edited = text.replacen("Section", "Sektion", 1);
        assert_eq!(edited.len(), text.len());
        std::thread::sleep(Duration::from_millis(20));
        std::fs::write(&topic, &edited).expect("edits");
        std::fs::File::options()
            .write(true)
            .open(&topic)
            .and_then(|f| f.set_modified(before.modified().expect("mtime")))
            .expect("puts the time back");
        let changed = hash_dir_at(guide.path(), memo_dir.path(), later);
        assert_eq!(changed, files::hash_dir(guide.path()));
        assert_ne!(changed, Some(hash));

        // A new topic file is seen too.
        let mut memo = read(&path).expect("memo rewritten");
        memo.hash = "remembered".into();
        crate::store::write_json_atomic(&path, &memo).expect("writes");
        std::fs::write(guide.path().join("topics/99-new.toml"), "id = \"x\"").expect("adds");
        assert_ne!(
            hash_dir_at(guide.path(), memo_dir.path(), later).as_deref(),
            Some("remembered")
        );

        // A damaged memo is ignored.
        std::fs::write(&path, b"{ not json").expect("damages");
        assert_eq!(
            hash_dir_at(guide.path(), memo_dir.path(), later),
            files::hash_dir(guide.path())
        );
    }

    #[test]
    fn no_memo_is_written_where_there_is_no_index_folder() {
        let guide = guide_copy();
        let gone = guide.path().join("no-such-folder");
        let later = SystemTime::now() + Duration::from_secs(60);
        assert_eq!(
            hash_dir_at(guide.path(), &gone, later),
            files::hash_dir(guide.path())
        );
        assert!(!gone.exists());
    }
}
