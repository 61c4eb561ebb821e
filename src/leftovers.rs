//! Clearing away what a killed process left in a folder (half-written saves, crashed index
//! builds), shared by the state files and the search index so both judge "left behind" the
//! same way.

use std::fs;
use std::io;
use std::path::Path;
use std::time::Duration;

/// Removes, with `remove`, every entry of `dir` whose name `is_ours` claims and that was
/// last modified more than `older_than` ago. Younger ones may belong to work still in
/// progress in another process, so they are kept. Nothing here is worth failing for: an
/// unreadable folder or entry is left as it is.
pub fn remove_left_behind(
    dir: &Path,
    older_than: Duration,
    is_ours: impl Fn(&str) -> bool,
    remove: impl Fn(&Path) -> io::Result<()>,
) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.filter_map(Result::ok) {
        if !is_ours(&entry.file_name().to_string_lossy()) {
            continue;
        }
        let old = entry
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|age| age > older_than);
        if old {
            let _ = remove(&entry.path());
        }
    }
}
