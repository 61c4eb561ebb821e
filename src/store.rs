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

/// What [`read_json_or_recover`] found.
#[derive(Debug, Clone, PartialEq)]
pub enum Loaded<T> {
    /// No file yet: a first run.
    Missing,
    /// The file was read and parsed.
    Ok(T),
    /// The file could not be read or parsed. It was moved aside (see `warning`, which names
    /// both paths) and `value` is the default, so the caller starts fresh.
    Recovered { value: T, warning: String },
}

impl<T: Default> Loaded<T> {
    /// The value, or the default for a missing file, plus the warning if there was one.
    pub fn into_parts(self) -> (T, Option<String>) {
        match self {
            Loaded::Missing => (T::default(), None),
            Loaded::Ok(v) => (v, None),
            Loaded::Recovered { value, warning } => (value, Some(warning)),
        }
    }
}

/// Reads JSON from `path`. A missing file gives [`Loaded::Missing`]. A file that cannot be
/// read or parsed is renamed to `<name>.bak` (or `.bak.1`, `.bak.2`, ... so an earlier backup
/// is never overwritten) and [`Loaded::Recovered`] carries `T::default()` and a warning naming
/// both paths. If even moving it aside fails, the warning says so and the file is left alone.
pub fn read_json_or_recover<T: DeserializeOwned + Default>(path: &Path) -> Loaded<T> {
    let problem = match fs::read(path) {
        Ok(bytes) => match serde_json::from_slice::<T>(&bytes) {
            Ok(v) => return Loaded::Ok(v),
            Err(e) => format!("it is not valid ({e})"),
        },
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Loaded::Missing,
        Err(e) => format!("it cannot be read ({e})"),
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

/// Blocks until this process holds the exclusive lock for `path` (on `<path>.lock`, created
/// when missing). Locks are per open file, so two threads of one process exclude each other
/// as well as two processes do.
pub fn lock_exclusive(path: &Path) -> io::Result<FileLock> {
    let dir = parent_dir(path);
    fs::create_dir_all(&dir)?;
    let lock_path = dir.join(format!("{}.lock", file_name(path)));
    let file = OpenOptions::new()
        .create(true)
        .truncate(false)
        .read(true)
        .write(true)
        .open(&lock_path)?;
    file.lock()?;
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
    let _lock = lock_exclusive(path)?;
    let (mut value, warning) = read_json_or_recover::<T>(path).into_parts();
    if warning.is_some() && path.exists() {
        // A damaged file that could not be moved aside is never written over.
        return Err(io::Error::other(warning.unwrap_or_default()));
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
