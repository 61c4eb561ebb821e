//! What the browser remembers between runs: bookmarks, reading history, the last section
//! read and recent searches, kept per guide (by its title) in one JSON file in the data
//! folder. Every save takes the same lock as quiz progress, re-reads the file and merges this
//! browser's changes into it, so two browsers on one data folder lose nothing of each
//! other's, and opening another guide leaves the first guide's bookmarks alone. Writes are
//! atomic; a damaged file is moved aside with a warning (see `crate::store`).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::content::Guide;
use crate::store;

const VERSION: u32 = 2;
const HISTORY_CAP: usize = 200;
const RECENT_CAP: usize = 10;
const BOOKMARK_CAP: usize = 1000;

/// One guide's memory as stored.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Entry {
    pub bookmarks: Vec<String>,
    pub history: Vec<String>,
    pub history_pos: usize,
    pub last_section: Option<String>,
    pub recent_searches: Vec<String>,
    #[serde(skip_serializing_if = "Layout::is_default")]
    pub layout: Layout,
    /// The version of the guide whose disclaimer notice was shown at start-up.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub notice_seen: Option<String>,
}

/// How the user arranged the browse tab.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Layout {
    pub tree_hidden: bool,
    /// Columns the user gave the tree; `None` leaves it to the window width.
    pub tree_width: Option<u16>,
}

impl Layout {
    fn is_default(&self) -> bool {
        *self == Layout::default()
    }
}

/// The file: every guide's entry by title. Version 1 files kept one entry at the top level;
/// they are read into the first guide opened.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
struct MemoryFile {
    version: u32,
    guides: BTreeMap<String, Entry>,
    #[serde(skip_serializing)]
    bookmarks: Vec<String>,
    #[serde(skip_serializing)]
    history: Vec<String>,
    #[serde(skip_serializing)]
    history_pos: usize,
    #[serde(skip_serializing)]
    last_section: Option<String>,
    #[serde(skip_serializing)]
    recent_searches: Vec<String>,
}

impl MemoryFile {
    /// The stored entry for `key`, or the version 1 entry when there is none yet.
    fn entry(&self, key: &str) -> Entry {
        match self.guides.get(key) {
            Some(e) => e.clone(),
            None => Entry {
                bookmarks: self.bookmarks.clone(),
                history: self.history.clone(),
                history_pos: self.history_pos,
                last_section: self.last_section.clone(),
                recent_searches: self.recent_searches.clone(),
                ..Entry::default()
            },
        }
    }
}

/// The open guide's memory, as the browser sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Memory {
    pub version: u32,
    pub bookmarks: Vec<String>,
    /// Sections visited, oldest first; `history_pos` is the one on screen.
    pub history: Vec<String>,
    pub history_pos: usize,
    pub last_section: Option<String>,
    /// Most recent first.
    pub recent_searches: Vec<String>,
    pub layout: Layout,
    pub notice_seen: Option<String>,
    /// The guide this memory belongs to (its title).
    key: String,
    /// The entry as last read or written, to tell this browser's changes from others'.
    base: Entry,
    /// Visits since the last save, appended to the stored history on save.
    visits: Vec<String>,
    /// Ids hidden because this guide has no such section (renamed, or from another
    /// version of it): kept on disk, never counted as removed.
    hidden: BTreeSet<String>,
}

impl Default for Memory {
    fn default() -> Self {
        Memory::from_entry(String::new(), Entry::default())
    }
}

pub fn default_path() -> PathBuf {
    crate::paths::data_dir().join("browser.json")
}

impl Memory {
    fn from_entry(key: String, e: Entry) -> Memory {
        Memory {
            version: VERSION,
            bookmarks: e.bookmarks.clone(),
            history: e.history.clone(),
            history_pos: e.history_pos,
            last_section: e.last_section.clone(),
            recent_searches: e.recent_searches.clone(),
            layout: e.layout,
            notice_seen: e.notice_seen.clone(),
            key,
            base: e,
            visits: Vec::new(),
            hidden: BTreeSet::new(),
        }
    }

    fn entry(&self) -> Entry {
        Entry {
            bookmarks: self.bookmarks.clone(),
            history: self.history.clone(),
            history_pos: self.history_pos,
            last_section: self.last_section.clone(),
            recent_searches: self.recent_searches.clone(),
            layout: self.layout,
            notice_seen: self.notice_seen.clone(),
        }
    }

    /// Loads the memory of no guide in particular (tests and tools).
    pub fn load(path: &Path) -> (Memory, Option<String>) {
        Memory::load_for(path, "")
    }

    /// Loads the memory of the guide titled `key`; returns a warning when the file had to be
    /// moved aside or could not be read.
    pub fn load_for(path: &Path, key: &str) -> (Memory, Option<String>) {
        let (file, warning) = store::read_json_or_recover::<MemoryFile>(path).into_parts();
        (
            Memory::from_entry(key.to_string(), file.entry(key)),
            warning,
        )
    }

    /// Saves under the lock: re-reads the file, applies this browser's changes since the
    /// last load or save to whatever is there now, and writes it back atomically. Afterwards
    /// this memory shows the merged result.
    pub fn save(&mut self, path: &Path) -> std::io::Result<()> {
        let ours = self.entry();
        let key = self.key.clone();
        let mut merged = Entry::default();
        store::update_json::<MemoryFile, _>(path, |file| {
            let disk = file.entry(&key);
            merged = merge(&self.base, &ours, &self.visits, &self.hidden, disk);
            file.version = VERSION;
            file.guides.insert(key.clone(), merged.clone());
        })?;
        let current = self.history.get(self.history_pos).cloned();
        self.base = merged.clone();
        self.visits.clear();
        let hidden = &self.hidden;
        let shown = |id: &String| !hidden.contains(id);
        self.bookmarks = merged
            .bookmarks
            .iter()
            .filter(|b| shown(b))
            .cloned()
            .collect();
        self.history = merged
            .history
            .iter()
            .filter(|h| shown(h))
            .cloned()
            .collect();
        self.history_pos = current
            .and_then(|c| self.history.iter().rposition(|h| *h == c))
            .unwrap_or(self.history.len().saturating_sub(1));
        self.recent_searches = merged.recent_searches;
        self.layout = merged.layout;
        self.notice_seen = merged.notice_seen;
        Ok(())
    }

    /// Hides ids the guide does not have (a section renamed since the last run). They stay
    /// in the file, for the guide version that has them.
    pub fn retain_known(&mut self, guide: &Guide) {
        let known = |id: &String| guide.section(id).is_some();
        for id in self.bookmarks.iter().chain(&self.history) {
            if !known(id) {
                self.hidden.insert(id.clone());
            }
        }
        self.bookmarks.retain(known);
        let current = self.history.get(self.history_pos).cloned();
        self.history.retain(known);
        self.history_pos = current
            .and_then(|c| self.history.iter().rposition(|h| *h == c))
            .unwrap_or(self.history.len().saturating_sub(1));
        if !self.last_section.as_ref().is_some_and(known) {
            self.last_section = None;
        }
    }

    /// Records a visit: anything "forward" of the current place is dropped, as in a web
    /// browser, and revisiting the current section adds nothing.
    pub fn visit(&mut self, id: &str) {
        self.last_section = Some(id.to_string());
        self.visits.push(id.to_string());
        if self.history.get(self.history_pos).map(String::as_str) == Some(id) {
            return;
        }
        if !self.history.is_empty() {
            self.history.truncate(self.history_pos + 1);
        }
        self.history.push(id.to_string());
        if self.history.len() > HISTORY_CAP {
            let extra = self.history.len() - HISTORY_CAP;
            self.history.drain(..extra);
        }
        self.history_pos = self.history.len() - 1;
    }

    pub fn back(&mut self) -> Option<&str> {
        if self.history_pos == 0 || self.history.is_empty() {
            return None;
        }
        self.history_pos -= 1;
        self.last_section = self.history.get(self.history_pos).cloned();
        self.history.get(self.history_pos).map(String::as_str)
    }

    pub fn forward(&mut self) -> Option<&str> {
        if self.history_pos + 1 >= self.history.len() {
            return None;
        }
        self.history_pos += 1;
        self.last_section = self.history.get(self.history_pos).cloned();
        self.history.get(self.history_pos).map(String::as_str)
    }

    pub fn is_bookmarked(&self, id: &str) -> bool {
        self.bookmarks.iter().any(|b| b == id)
    }

    /// Adds or removes a bookmark; returns true when it is now bookmarked.
    pub fn toggle_bookmark(&mut self, id: &str) -> bool {
        if let Some(i) = self.bookmarks.iter().position(|b| b == id) {
            self.bookmarks.remove(i);
            false
        } else {
            self.bookmarks.push(id.to_string());
            true
        }
    }

    pub fn add_recent_search(&mut self, query: &str) {
        let q = query.trim();
        if q.is_empty() {
            return;
        }
        self.recent_searches.retain(|r| r != q);
        self.recent_searches.insert(0, q.to_string());
        self.recent_searches.truncate(RECENT_CAP);
    }
}

/// Three-way merge of one guide's entry: `base` is what this browser last saw on disk,
/// `ours` its state now, `disk` what is stored now (another browser may have saved).
fn merge(
    base: &Entry,
    ours: &Entry,
    visits: &[String],
    hidden: &BTreeSet<String>,
    disk: Entry,
) -> Entry {
    let bookmarks = merge_bookmarks(base, ours, hidden, disk.bookmarks);
    let (history, history_pos) = merge_history(base, ours, visits, disk.history, disk.history_pos);
    let recent_searches = merge_recent(base, ours, disk.recent_searches);
    // The last section and the settings: a change made here wins, otherwise whatever
    // another browser saved.
    Entry {
        bookmarks,
        history,
        history_pos,
        last_section: ours_if_changed(&base.last_section, &ours.last_section, disk.last_section),
        recent_searches,
        layout: ours_if_changed(&base.layout, &ours.layout, disk.layout),
        notice_seen: ours_if_changed(&base.notice_seen, &ours.notice_seen, disk.notice_seen),
    }
}

/// Ours when this browser changed it since `base`, else what is on disk.
fn ours_if_changed<T: PartialEq + Clone>(base: &T, ours: &T, disk: T) -> T {
    if ours != base { ours.clone() } else { disk }
}

/// The disk's bookmarks without those removed here, then those added here. A bookmark
/// hidden here (this guide has no such section) was not removed, only not shown.
fn merge_bookmarks(
    base: &Entry,
    ours: &Entry,
    hidden: &BTreeSet<String>,
    disk: Vec<String>,
) -> Vec<String> {
    let removed: Vec<&String> = base
        .bookmarks
        .iter()
        .filter(|b| !ours.bookmarks.contains(b) && !hidden.contains(*b))
        .collect();
    let mut bookmarks: Vec<String> = disk.into_iter().filter(|b| !removed.contains(&b)).collect();
    for b in &ours.bookmarks {
        if !base.bookmarks.contains(b) && !bookmarks.contains(b) {
            bookmarks.push(b.clone());
        }
    }
    bookmarks.truncate(BOOKMARK_CAP);
    bookmarks
}

/// Ours when nobody else changed the history (back/forward position included); else the
/// disk's with this browser's visits after it, at its end. Capped, the oldest dropped.
fn merge_history(
    base: &Entry,
    ours: &Entry,
    visits: &[String],
    disk: Vec<String>,
    disk_pos: usize,
) -> (Vec<String>, usize) {
    let (history, history_pos) = if disk == base.history {
        if ours.history.len() >= base.history.len() || !visits.is_empty() {
            (ours.history.clone(), ours.history_pos)
        } else {
            (disk, disk_pos)
        }
    } else {
        let mut h = disk;
        for v in visits {
            if h.last() != Some(v) {
                h.push(v.clone());
            }
        }
        let pos = h.len().saturating_sub(1);
        (h, pos)
    };
    let extra = history.len().saturating_sub(HISTORY_CAP);
    let history: Vec<String> = history[extra..].to_vec();
    let history_pos = history_pos
        .saturating_sub(extra)
        .min(history.len().saturating_sub(1));
    (history, history_pos)
}

/// The searches made here since `base`, newest first, then the disk's.
fn merge_recent(base: &Entry, ours: &Entry, disk: Vec<String>) -> Vec<String> {
    let mut recent_searches: Vec<String> = ours
        .recent_searches
        .iter()
        .filter(|r| !base.recent_searches.contains(r))
        .cloned()
        .collect();
    for r in disk {
        if !recent_searches.contains(&r) {
            recent_searches.push(r);
        }
    }
    recent_searches.truncate(RECENT_CAP);
    recent_searches
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn history_back_forward_and_branching() {
        let mut m = Memory::default();
        m.visit("a");
        m.visit("b");
        m.visit("c");
        assert_eq!(m.back(), Some("b"));
        assert_eq!(m.back(), Some("a"));
        assert_eq!(m.back(), None);
        assert_eq!(m.forward(), Some("b"));
        m.visit("d");
        assert_eq!(m.history, vec!["a", "b", "d"]);
        assert_eq!(m.forward(), None);
        assert_eq!(m.last_section.as_deref(), Some("d"));
    }

    #[test]
    fn round_trip_and_corrupt_file_is_moved_aside() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("browser.json");
        let mut m = Memory::default();
        m.toggle_bookmark("x");
        m.add_recent_search("scar");
        m.add_recent_search("needle");
        m.add_recent_search("scar");
        assert_eq!(m.recent_searches, vec!["scar", "needle"]);
        m.save(&path).expect("save");
        let (back, warn) = Memory::load(&path);
        assert_eq!(back.entry(), m.entry());
        assert!(warn.is_none());

        std::fs::write(&path, "{ not json").expect("write");
        let (fresh, warn) = Memory::load(&path);
        assert_eq!(fresh.entry(), Entry::default());
        let warn = warn.expect("a warning");
        assert!(warn.contains("browser.json"), "{warn}");
        assert!(!path.exists(), "damaged file moved aside");
    }

    #[test]
    fn two_browsers_on_one_file_keep_each_others_changes() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("browser.json");
        let (mut a, _) = Memory::load_for(&path, "Guide");
        let (mut b, _) = Memory::load_for(&path, "Guide");
        a.toggle_bookmark("one");
        a.visit("one");
        a.save(&path).expect("save a");
        b.toggle_bookmark("two");
        b.visit("two");
        b.save(&path).expect("save b");
        let (c, _) = Memory::load_for(&path, "Guide");
        assert_eq!(c.bookmarks, vec!["one", "two"]);
        assert_eq!(c.history, vec!["one", "two"]);
        // A removal in one browser is not undone by the other's next save.
        a.toggle_bookmark("one");
        a.save(&path).expect("save a");
        b.add_recent_search("scar");
        b.save(&path).expect("save b");
        let (c, _) = Memory::load_for(&path, "Guide");
        assert_eq!(c.bookmarks, vec!["two"]);
    }

    #[test]
    fn the_layout_and_the_notice_are_remembered_and_merged() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("browser.json");
        let (mut a, _) = Memory::load_for(&path, "G");
        let (mut b, _) = Memory::load_for(&path, "G");
        a.layout.tree_hidden = true;
        a.layout.tree_width = Some(30);
        a.save(&path).expect("save a");
        b.notice_seen = Some("1.0.0".into());
        b.save(&path).expect("save b");
        let (c, _) = Memory::load_for(&path, "G");
        assert!(c.layout.tree_hidden, "b's save kept a's layout");
        assert_eq!(c.layout.tree_width, Some(30));
        assert_eq!(c.notice_seen.as_deref(), Some("1.0.0"));
    }

    #[test]
    fn each_guide_keeps_its_own_bookmarks() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("browser.json");
        let (mut a, _) = Memory::load_for(&path, "First");
        a.toggle_bookmark("a-section");
        a.save(&path).expect("save");
        let (mut b, _) = Memory::load_for(&path, "Second");
        assert!(b.bookmarks.is_empty());
        b.toggle_bookmark("b-section");
        b.hidden.insert("a-section".into());
        b.save(&path).expect("save");
        let (a, _) = Memory::load_for(&path, "First");
        assert_eq!(a.bookmarks, vec!["a-section"]);
    }

    #[test]
    fn ids_the_open_guide_lacks_are_hidden_not_deleted() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("browser.json");
        let (mut a, _) = Memory::load_for(&path, "G");
        a.toggle_bookmark("renamed-away");
        a.toggle_bookmark("kept");
        a.save(&path).expect("save");
        let (mut b, _) = Memory::load_for(&path, "G");
        // What retain_known does for a guide without `renamed-away`:
        b.hidden.insert("renamed-away".into());
        b.bookmarks.retain(|x| x != "renamed-away");
        b.toggle_bookmark("new");
        b.save(&path).expect("save");
        assert_eq!(b.bookmarks, vec!["kept", "new"]);
        let (c, _) = Memory::load_for(&path, "G");
        assert_eq!(c.bookmarks, vec!["renamed-away", "kept", "new"]);
    }
}
