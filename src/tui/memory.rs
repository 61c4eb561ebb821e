//! What the browser remembers between runs: bookmarks, reading history, the last section
//! read and recent searches. One JSON file in the data folder, written atomically; a damaged
//! file is moved aside with a warning (see `crate::store`).

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::content::Guide;
use crate::store::{self, Loaded};

const VERSION: u32 = 1;
const HISTORY_CAP: usize = 200;
const RECENT_CAP: usize = 10;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Memory {
    pub version: u32,
    pub bookmarks: Vec<String>,
    /// Sections visited, oldest first; `history_pos` is the one on screen.
    pub history: Vec<String>,
    pub history_pos: usize,
    pub last_section: Option<String>,
    /// Most recent first.
    pub recent_searches: Vec<String>,
}

impl Default for Memory {
    fn default() -> Self {
        Memory {
            version: VERSION,
            bookmarks: Vec::new(),
            history: Vec::new(),
            history_pos: 0,
            last_section: None,
            recent_searches: Vec::new(),
        }
    }
}

pub fn default_path() -> PathBuf {
    crate::paths::data_dir().join("browser.json")
}

impl Memory {
    /// Loads the file; returns the memory and a warning when the file had to be moved aside.
    pub fn load(path: &Path) -> (Memory, Option<String>) {
        match store::read_json_or_recover::<Memory>(path) {
            Loaded::Missing => (Memory::default(), None),
            Loaded::Ok(m) => (m, None),
            Loaded::Recovered { value, warning } => (value, Some(warning)),
        }
    }

    pub fn save(&self, path: &Path) -> std::io::Result<()> {
        store::write_json_atomic(path, self)
    }

    /// Drops ids the guide no longer has (a section renamed since the last run).
    pub fn retain_known(&mut self, guide: &Guide) {
        let known = |id: &String| guide.section(id).is_some();
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
        assert_eq!(back, m);
        assert!(warn.is_none());

        std::fs::write(&path, "{ not json").expect("write");
        let (fresh, warn) = Memory::load(&path);
        assert_eq!(fresh, Memory::default());
        let warn = warn.expect("a warning");
        assert!(warn.contains("browser.json"), "{warn}");
        assert!(!path.exists(), "damaged file moved aside");
    }
}
