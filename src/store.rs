//! Small JSON state files in the data folder (quiz progress, bookmarks, history) that are
//! never lost: every write is atomic, a damaged file is moved aside instead of overwritten,
//! and a lock file lets two running copies take turns at read-modify-write.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use serde::Serialize;
use serde::de::DeserializeOwned;

/// Writes `value` as pretty JSON to `path` atomically: a temporary file in the same folder is
/// written, flushed to disk and renamed over `path` (then the folder is synced on Unix), so a
/// reader sees either the old file or the new one, never half of either. On any failure the
/// old file is left as it was and the temporary file is removed.
pub fn write_json_atomic<T: Serialize>(path: &Path, value: &T) -> io::Result<()> {
    let mut bytes = serde_json::to_vec_pretty(value).map_err(io::Error::other)?;
    bytes.push(b'\n');
    write_bytes_atomic(path, &bytes)
}

/// The byte-level half of [`write_json_atomic`].
pub fn write_bytes_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let dir = parent_dir(path);
    fs::create_dir_all(&dir)?;
    let name = file_name(path);
    remove_orphaned_temporaries(&dir, &name);
    // `tempfile` picks a unique name, so two writers never share a temporary file, and
    // deletes it if anything below fails before `persist`.
    let mut tmp = tempfile::Builder::new()
        .prefix(&format!(".{name}."))
        .suffix(".tmp")
        .tempfile_in(&dir)?;
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    sync_dir(&dir);
    Ok(())
}

/// Temporary files of a save older than this were left by a process killed mid-save.
const ORPHAN_AGE: std::time::Duration = std::time::Duration::from_secs(600);

/// Removes `.<name>.*.tmp` files that a killed save left behind. Recent ones may belong to
/// a save in progress in another process, so they are kept.
fn remove_orphaned_temporaries(dir: &Path, name: &str) {
    let prefix = format!(".{name}.");
    crate::leftovers::remove_left_behind(
        dir,
        ORPHAN_AGE,
        |file| file.starts_with(&prefix) && file.ends_with(".tmp"),
        |path| fs::remove_file(path),
    );
}

/// Largest state file read. Real ones are kilobytes; anything bigger is not ours (or a
/// link to `/dev/zero`), and reading it would eat memory.
pub const MAX_STATE_FILE: u64 = 16 * 1024 * 1024;

/// Reads a state or content file whole, refusing what is not a regular file (a FIFO would
/// block forever, a device never end) and what is larger than `cap` bytes, with a message
/// that says which.
pub fn read_bounded(path: &Path, cap: u64) -> io::Result<Vec<u8>> {
    use std::io::Read;
    let meta = fs::metadata(path)?;
    if !meta.is_file() {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("it is not a regular file ({})", file_kind(&meta)),
        ));
    }
    if meta.len() > cap {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("it is {} bytes, more than the {cap} allowed", meta.len()),
        ));
    }
    let file = File::open(path)?;
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    // The size may grow between the check and the read; the cap holds regardless.
    file.take(cap + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > cap {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("it is more than the {cap} bytes allowed"),
        ));
    }
    Ok(bytes)
}

fn file_kind(meta: &fs::Metadata) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let t = meta.file_type();
        if t.is_fifo() {
            return "a named pipe";
        }
        if t.is_char_device() || t.is_block_device() {
            return "a device";
        }
        if t.is_socket() {
            return "a socket";
        }
    }
    if meta.is_dir() {
        "a folder"
    } else {
        "not a file"
    }
}

/// What [`read_json_or_recover`] found.
#[derive(Debug, Clone, PartialEq)]
pub enum Loaded<T> {
    /// No file yet: a first run.
    Missing,
    /// The file was read and parsed.
    Ok(T),
    /// The file was read but could not be parsed. It was moved aside (see `warning`, which
    /// names both paths) and `value` is the default, so the caller starts fresh.
    Recovered { value: T, warning: String },
    /// The file is there but could not be read (permissions, not a regular file, too
    /// large). It is left exactly as it is, and nothing may be written over it.
    Unreadable { warning: String },
}

impl<T: Default> Loaded<T> {
    /// The value, or the default for a missing file, plus the warning if there was one.
    pub fn into_parts(self) -> (T, Option<String>) {
        match self {
            Loaded::Missing => (T::default(), None),
            Loaded::Ok(v) => (v, None),
            Loaded::Recovered { value, warning } => (value, Some(warning)),
            Loaded::Unreadable { warning } => (T::default(), Some(warning)),
        }
    }
}

/// Reads JSON from `path`. A missing file gives [`Loaded::Missing`]; one that cannot be
/// read gives [`Loaded::Unreadable`] and is not touched: the data may be fine, and only
/// the permissions wrong. A file that was read but cannot be parsed is renamed to `<name>.bak` (or `.bak.1`, `.bak.2`, ... so an earlier backup
/// is never overwritten) and [`Loaded::Recovered`] carries `T::default()` and a warning naming
/// both paths. If even moving it aside fails, the warning says so and the file is left alone.
pub fn read_json_or_recover<T: DeserializeOwned + Default>(path: &Path) -> Loaded<T> {
    let problem = match read_bounded(path, MAX_STATE_FILE) {
        Ok(bytes) => match serde_json::from_slice::<T>(&bytes) {
            Ok(v) => return Loaded::Ok(v),
            Err(e) => format!("it is not valid ({e})"),
        },
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Loaded::Missing,
        Err(e) => {
            return Loaded::Unreadable {
                warning: format!(
                    "{} cannot be read ({e}); it was left as it is, and nothing will be saved \
                     to it until it can be read",
                    path.display()
                ),
            };
        }
    };
    let warning = match move_aside(path) {
        Ok(bak) => format!(
            "{} could not be used: {problem}; it was moved to {} and a fresh one is started",
            path.display(),
            bak.display()
        ),
        Err(e) => format!(
            "{} could not be used: {problem}; moving it aside also failed ({e}), so it was left \
             untouched and a fresh one is used in memory",
            path.display()
        ),
    };
    Loaded::Recovered {
        value: T::default(),
        warning,
    }
}

/// Renames `path` to the first free name of `<name>.bak`, `<name>.bak.1`, `<name>.bak.2`, ...
/// and returns that name.
pub fn move_aside(path: &Path) -> io::Result<PathBuf> {
    let bak = free_backup_name(path);
    fs::rename(path, &bak)?;
    sync_dir(&parent_dir(path));
    Ok(bak)
}

fn free_backup_name(path: &Path) -> PathBuf {
    let name = file_name(path);
    let dir = parent_dir(path);
    let first = dir.join(format!("{name}.bak"));
    if !first.exists() {
        return first;
    }
    let mut n = 1u32;
    loop {
        let candidate = dir.join(format!("{name}.bak.{n}"));
        if !candidate.exists() {
            return candidate;
        }
        n += 1;
    }
}

/// An exclusive advisory lock on `<path>.lock`, held until dropped. The data file itself
/// cannot carry the lock because every atomic write replaces it with a new file.
#[derive(Debug)]
pub struct FileLock {
    file: File,
    path: PathBuf,
}

impl FileLock {
    /// The lock file's path.
    pub fn path(&self) -> &Path {
        &self.path
    }
}

impl Drop for FileLock {
    fn drop(&mut self) {
        // Closing the handle releases the lock too; unlocking first just makes it prompt.
        let _ = self.file.unlock();
    }
}

/// How long a save waits for another process to release the lock before giving up.
pub const LOCK_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(5);

/// Waits (at most [`LOCK_TIMEOUT`]) until this process holds the exclusive lock for `path`
/// (on `<path>.lock`, created when missing). Locks are per open file, so two threads of one
/// process exclude each other as well as two processes do.
pub fn lock_exclusive(path: &Path) -> io::Result<FileLock> {
    lock_exclusive_within(path, LOCK_TIMEOUT)
}

/// [`lock_exclusive`] with a chosen wait. A lock still held after `timeout` is an error
/// naming the lock file, so the user knows what holds things up (another mnguide, or a
/// stuck process) instead of facing a frozen screen.
pub fn lock_exclusive_within(path: &Path, timeout: std::time::Duration) -> io::Result<FileLock> {
    let dir = parent_dir(path);
    fs::create_dir_all(&dir)?;
    let lock_path = dir.join(format!("{}.lock", file_name(path)));
    let file = OpenOptions::new()
        .create(true)
        .truncate(false)
        .read(true)
        .write(true)
        .open(&lock_path)?;
    let started = std::time::Instant::now();
    loop {
        match file.try_lock() {
            Ok(()) => break,
            Err(fs::TryLockError::WouldBlock) if started.elapsed() < timeout => {
                std::thread::sleep(std::time::Duration::from_millis(20));
            }
            Err(fs::TryLockError::WouldBlock) => {
                return Err(io::Error::new(
                    io::ErrorKind::TimedOut,
                    format!(
                        "another process has held the lock {} for over {} s (another mnguide \
                         saving, or a stuck one); nothing was saved",
                        lock_path.display(),
                        timeout.as_secs()
                    ),
                ));
            }
            Err(fs::TryLockError::Error(e)) => return Err(e),
        }
    }
    Ok(FileLock {
        file,
        path: lock_path,
    })
}

/// Read-modify-write under the lock: reads the current file (recovering a damaged one as
/// [`read_json_or_recover`] does), lets `change` edit it, writes it back atomically, and
/// returns the saved value plus any recovery warning. Another process doing the same waits
/// its turn, so neither loses the other's change.
pub fn update_json<T, F>(path: &Path, change: F) -> io::Result<(T, Option<String>)>
where
    T: Serialize + DeserializeOwned + Default,
    F: FnOnce(&mut T),
{
    update_json_with(path, |p| read_json_or_recover::<T>(p).into_parts(), change)
}

/// [`update_json`] with the caller's own reading, for a file that also checks what it read
/// (a format version): `read` returns the value to start from and a warning when the file
/// was damaged. When there is a warning and the file is still there (it could not be moved
/// aside), nothing is written over it and the warning is the error.
pub fn update_json_with<T, R, F>(path: &Path, read: R, change: F) -> io::Result<(T, Option<String>)>
where
    T: Serialize,
    R: FnOnce(&Path) -> (T, Option<String>),
    F: FnOnce(&mut T),
{
    let _lock = lock_exclusive(path)?;
    let (mut value, warning) = read(path);
    if let Some(w) = &warning
        && path.exists()
    {
        // A damaged file that could not be moved aside is never written over.
        return Err(io::Error::other(w.clone()));
    }
    change(&mut value);
    write_json_atomic(path, &value)?;
    Ok((value, warning))
}

fn parent_dir(path: &Path) -> PathBuf {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "state.json".to_string())
}

/// Makes the rename itself durable. Best effort: some file systems refuse to sync a folder,
/// and the data is already safe in the renamed file.
fn sync_dir(dir: &Path) {
    #[cfg(unix)]
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
    #[cfg(not(unix))]
    let _ = dir;
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    #[test]
    fn backup_names_never_collide() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("x.json");
        fs::write(&p, "1").unwrap();
        assert_eq!(move_aside(&p).unwrap(), dir.path().join("x.json.bak"));
        fs::write(&p, "2").unwrap();
        assert_eq!(move_aside(&p).unwrap(), dir.path().join("x.json.bak.1"));
        assert_eq!(
            fs::read_to_string(dir.path().join("x.json.bak")).unwrap(),
            "1"
        );
    }

    #[test]
    fn an_unreadable_file_is_left_alone_and_never_written_over() {
        let dir = tempfile::tempdir().unwrap();
        // A folder where the file should be: readable by nobody as JSON, like a file
        // without read permission (which root could still read in a test).
        let p = dir.path().join("x.json");
        fs::create_dir(&p).unwrap();
        match read_json_or_recover::<BTreeMap<String, u32>>(&p) {
            Loaded::Unreadable { warning } => {
                assert!(warning.contains("not a regular file"), "{warning}");
                assert!(warning.contains("left as it is"), "{warning}");
            }
            other => panic!("{other:?}"),
        }
        assert!(p.is_dir(), "not moved aside");
        assert!(!dir.path().join("x.json.bak").exists());
        let err = update_json::<BTreeMap<String, u32>, _>(&p, |_| {}).unwrap_err();
        assert!(err.to_string().contains("cannot be read"), "{err}");
    }

    #[cfg(unix)]
    #[test]
    fn fifos_and_devices_are_refused_without_blocking() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("fifo.json");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        if made.is_ok_and(|s| s.success()) {
            let e = read_bounded(&fifo, MAX_STATE_FILE).unwrap_err();
            assert!(e.to_string().contains("named pipe"), "{e}");
        }
        let zero = dir.path().join("zero.json");
        std::os::unix::fs::symlink("/dev/zero", &zero).unwrap();
        let e = read_bounded(&zero, MAX_STATE_FILE).unwrap_err();
        assert!(e.to_string().contains("device"), "{e}");
        let big = dir.path().join("big.json");
        fs::write(&big, vec![b' '; 2048]).unwrap();
        let e = read_bounded(&big, 1024).unwrap_err();
        assert!(e.to_string().contains("more than the 1024"), "{e}");
    }

    #[test]
    fn a_held_lock_times_out_with_a_message_naming_it() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("p.json");
        let _held = lock_exclusive(&p).unwrap();
        let started = std::time::Instant::now();
        let e = lock_exclusive_within(&p, std::time::Duration::from_millis(200)).unwrap_err();
        assert!(started.elapsed() < std::time::Duration::from_secs(3));
        assert!(e.to_string().contains("p.json.lock"), "{e}");
    }

    #[test]
    fn temporaries_left_by_a_killed_save_are_removed() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("s.json");
        let orphan = dir.path().join(".s.json.abc123.tmp");
        let fresh = dir.path().join(".s.json.def456.tmp");
        fs::write(&orphan, "x").unwrap();
        fs::write(&fresh, "x").unwrap();
        let old = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
        File::options()
            .write(true)
            .open(&orphan)
            .unwrap()
            .set_modified(old)
            .unwrap();
        write_json_atomic(&p, &1u32).unwrap();
        assert!(!orphan.exists(), "old temporary removed");
        assert!(fresh.exists(), "a save in progress elsewhere is left alone");
    }

    #[test]
    fn update_json_creates_then_edits() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("m.json");
        update_json::<BTreeMap<String, u32>, _>(&p, |m| {
            m.insert("a".into(), 1);
        })
        .unwrap();
        let (m, w) = update_json::<BTreeMap<String, u32>, _>(&p, |m| {
            m.insert("b".into(), 2);
        })
        .unwrap();
        assert!(w.is_none());
        assert_eq!(m.len(), 2);
        assert!(dir.path().join("m.json.lock").exists());
    }
}
