//! Quiz progress on disk: one versioned JSON file in the data folder, rewritten atomically
//! after every answer. Each save takes the lock, re-reads the file and applies this copy's
//! unsaved answers on top, so two copies running at once both keep their answers. A damaged
//! file is moved aside (`.bak`) with a warning and the quiz starts fresh.

use std::collections::{BTreeMap, BTreeSet};
use std::io;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use rs_fsrs::Card;
use serde::{Deserialize, Serialize};

use super::grade::Grade;
use super::scheduler;
use crate::paths;
use crate::store::{self, Loaded};

/// The progress file's name in the data folder.
pub const PROGRESS_FILE: &str = "quiz-progress.json";
/// The format version this build reads and writes.
pub const PROGRESS_VERSION: u32 = 1;

/// What is known about one item.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ItemProgress {
    /// The item's content key when it was last answered (see `deck::item_key`).
    pub key: String,
    /// FSRS state: when the item is due, its stability and difficulty.
    pub card: Card,
    /// Answers given.
    pub reviews: u32,
    /// Right answers given.
    pub correct: u32,
    pub last_answer_correct: bool,
    pub last_seen: DateTime<Utc>,
}

impl ItemProgress {
    /// The state after one more answer. `prev` recorded under another key is ignored: the
    /// item changed, so it starts fresh.
    pub fn after(
        prev: Option<&ItemProgress>,
        key: &str,
        correct: bool,
        now: DateTime<Utc>,
    ) -> ItemProgress {
        Self::after_graded(prev, key, correct, Grade::natural(correct), now)
    }

    /// [`ItemProgress::after`] with the grade the learner chose.
    pub fn after_graded(
        prev: Option<&ItemProgress>,
        key: &str,
        correct: bool,
        grade: Grade,
        now: DateTime<Utc>,
    ) -> ItemProgress {
        let prev = prev.filter(|p| p.key == key);
        let card = prev
            .map(|p| p.card.clone())
            .unwrap_or_else(|| scheduler::new_card(now));
        ItemProgress {
            key: key.to_string(),
            card: scheduler::review_graded(&card, grade, now),
            reviews: prev.map_or(0, |p| p.reviews) + 1,
            correct: prev.map_or(0, |p| p.correct) + u32::from(correct),
            last_answer_correct: correct,
            last_seen: now,
        }
    }
}

/// The progress file's content.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProgressData {
    pub version: u32,
    /// By quiz item id.
    pub items: BTreeMap<String, ItemProgress>,
    /// Ids of items never to be asked until unsuspended. Absent from files written before
    /// suspension existed, which still load.
    #[serde(default, skip_serializing_if = "BTreeSet::is_empty")]
    pub suspended: BTreeSet<String>,
}

impl Default for ProgressData {
    fn default() -> Self {
        ProgressData {
            version: PROGRESS_VERSION,
            items: BTreeMap::new(),
            suspended: BTreeSet::new(),
        }
    }
}

/// One change not yet on disk: an answer, an undo, or a suspension.
#[derive(Debug, Clone)]
struct PendingAnswer {
    id: String,
    key: String,
    correct: bool,
    at: DateTime<Utc>,
    change: Change,
}

#[derive(Debug, Clone)]
enum Change {
    Answer(Grade),
    /// Put back the item's state from before an answer (`None`: it had none).
    Restore(Option<ItemProgress>),
    Suspend(bool),
    /// Back to new: the item's state and its suspension are both forgotten (a reset).
    Forget,
}

/// Progress in memory plus where it is saved. Open it once; [`Progress::record`] saves.
#[derive(Debug)]
pub struct Progress {
    path: Option<PathBuf>,
    data: ProgressData,
    pending: Vec<PendingAnswer>,
    warnings: Vec<String>,
}

impl Progress {
    /// The progress file in the data folder (`MNGUIDE_DATA` overrides the folder).
    pub fn default_path() -> PathBuf {
        paths::data_dir().join(PROGRESS_FILE)
    }

    /// Opens [`Progress::default_path`].
    pub fn open_default() -> Progress {
        Progress::open(&Self::default_path())
    }

    /// Reads the progress at `path`. Never fails: a missing file is an empty start, and a
    /// damaged one is moved aside with a warning (see [`Progress::warnings`]).
    pub fn open(path: &Path) -> Progress {
        let (data, warning) = load(path);
        Progress {
            path: Some(path.to_path_buf()),
            data,
            pending: Vec::new(),
            warnings: warning.into_iter().collect(),
        }
    }

    /// Progress that is never saved (for previews and tests).
    pub fn in_memory() -> Progress {
        Progress {
            path: None,
            data: ProgressData::default(),
            pending: Vec::new(),
            warnings: Vec::new(),
        }
    }

    /// Where progress is saved; `None` for [`Progress::in_memory`].
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// Warnings to show the user (a damaged file moved aside), oldest first.
    pub fn warnings(&self) -> &[String] {
        &self.warnings
    }

    /// Returns the warnings and forgets them, so each is shown once.
    pub fn take_warnings(&mut self) -> Vec<String> {
        std::mem::take(&mut self.warnings)
    }

    pub fn data(&self) -> &ProgressData {
        &self.data
    }

    /// Answers given but not yet saved (a save failed); the next save retries them.
    pub fn unsaved(&self) -> usize {
        self.pending.len()
    }

    /// What is recorded for item `id`, whatever wording it was answered under.
    pub fn get(&self, id: &str) -> Option<&ItemProgress> {
        self.data.items.get(id)
    }

    /// What is recorded for item `id` under its current content `key`; `None` when never
    /// answered or when the item changed since.
    pub fn current(&self, id: &str, key: &str) -> Option<&ItemProgress> {
        self.data.items.get(id).filter(|p| p.key == key)
    }

    /// Records one answer and saves at once. On a failed save the answer still counts in
    /// memory and is retried with the next save; the error says why it failed.
    pub fn record(
        &mut self,
        id: &str,
        key: &str,
        correct: bool,
        now: DateTime<Utc>,
    ) -> io::Result<()> {
        self.record_graded(id, key, correct, Grade::natural(correct), now)
    }

    /// Records one answer with the grade the learner gave, and saves at once.
    pub fn record_graded(
        &mut self,
        id: &str,
        key: &str,
        correct: bool,
        grade: Grade,
        now: DateTime<Utc>,
    ) -> io::Result<()> {
        self.push_change(id, key, correct, now, Change::Answer(grade))
    }

    /// Puts back what was recorded for `id` before an answer (undo), and saves at once.
    pub fn restore(&mut self, id: &str, prev: Option<ItemProgress>) -> io::Result<()> {
        let at = prev.as_ref().map_or_else(Utc::now, |p| p.last_seen);
        self.push_change(id, "", false, at, Change::Restore(prev))
    }

    /// Whether item `id` is suspended (never asked).
    pub fn is_suspended(&self, id: &str) -> bool {
        self.data.suspended.contains(id)
    }

    /// Suspends (or unsuspends) item `id` and saves at once. Its review state is kept.
    pub fn set_suspended(&mut self, id: &str, suspended: bool) -> io::Result<()> {
        self.push_change(id, "", false, Utc::now(), Change::Suspend(suspended))
    }

    /// Forgets everything recorded for these items (a topic reset), and saves at once: each
    /// is new again, so a suspended one is unsuspended too, as a reset in Anki does.
    pub fn reset(&mut self, ids: &[String]) -> io::Result<()> {
        for id in ids {
            self.pending.push(PendingAnswer {
                id: id.clone(),
                key: String::new(),
                correct: false,
                at: Utc::now(),
                change: Change::Forget,
            });
        }
        match self.flush() {
            Ok(()) => Ok(()),
            Err(e) => {
                let n = ids.len().min(self.pending.len());
                let from = self.pending.len() - n;
                for p in &self.pending[from..] {
                    apply(&mut self.data, Some(p));
                }
                Err(e)
            }
        }
    }

    fn push_change(
        &mut self,
        id: &str,
        key: &str,
        correct: bool,
        now: DateTime<Utc>,
        change: Change,
    ) -> io::Result<()> {
        self.pending.push(PendingAnswer {
            id: id.to_string(),
            key: key.to_string(),
            correct,
            at: now,
            change,
        });
        match self.flush() {
            Ok(()) => Ok(()),
            Err(e) => {
                // Keep this copy's view right even though the disk is behind.
                apply(&mut self.data, self.pending.last());
                Err(e)
            }
        }
    }

    /// Saves unsaved answers: under the lock, re-reads the file, applies them on top of
    /// whatever another copy saved meanwhile, and writes atomically. Afterwards memory holds
    /// the merged result.
    pub fn flush(&mut self) -> io::Result<()> {
        let Some(path) = self.path.clone() else {
            for p in std::mem::take(&mut self.pending) {
                apply(&mut self.data, Some(&p));
            }
            return Ok(());
        };
        if self.pending.is_empty() {
            return Ok(());
        }
        let (pending, warnings) = (&self.pending, &mut self.warnings);
        let read = |p: &Path| {
            let (data, warning) = load(p);
            warnings.extend(warning.clone());
            (data, warning)
        };
        // A damaged file that could not be moved aside is not written over: the error says
        // why, and the warning is kept for the user.
        let (disk, _) = store::update_json_with(&path, read, |disk| {
            for p in pending {
                apply(disk, Some(p));
            }
        })?;
        self.pending.clear();
        self.data = disk;
        Ok(())
    }

    /// Re-reads the file (to see answers another copy saved), keeping unsaved answers.
    pub fn reload(&mut self) {
        if let Some(path) = &self.path {
            let (mut data, warning) = load(path);
            self.warnings.extend(warning);
            for p in &self.pending {
                apply(&mut data, Some(p));
            }
            self.data = data;
        }
    }
}

fn apply(data: &mut ProgressData, answer: Option<&PendingAnswer>) {
    let Some(a) = answer else {
        return;
    };
    match &a.change {
        Change::Answer(grade) => {
            let next =
                ItemProgress::after_graded(data.items.get(&a.id), &a.key, a.correct, *grade, a.at);
            data.items.insert(a.id.clone(), next);
        }
        Change::Restore(Some(prev)) => {
            data.items.insert(a.id.clone(), prev.clone());
        }
        Change::Restore(None) => {
            data.items.remove(&a.id);
        }
        Change::Suspend(true) => {
            data.suspended.insert(a.id.clone());
        }
        Change::Suspend(false) => {
            data.suspended.remove(&a.id);
        }
        Change::Forget => {
            data.items.remove(&a.id);
            data.suspended.remove(&a.id);
        }
    }
}

/// Reads the file; a damaged file or one of another format version is moved aside.
fn load(path: &Path) -> (ProgressData, Option<String>) {
    match store::read_json_or_recover::<ProgressData>(path) {
        Loaded::Missing => (ProgressData::default(), None),
        Loaded::Ok(data) if data.version == PROGRESS_VERSION => (data, None),
        Loaded::Ok(data) => {
            let why = format!(
                "{} has progress format version {}, which this mnguide (version {}) cannot read",
                path.display(),
                data.version,
                PROGRESS_VERSION
            );
            let warning = match store::move_aside(path) {
                Ok(bak) => format!(
                    "{why}; it was moved to {} and a fresh one is started",
                    bak.display()
                ),
                Err(e) => format!("{why}; moving it aside failed ({e}), so it is left untouched"),
            };
            (ProgressData::default(), Some(warning))
        }
        Loaded::Recovered { value, warning } => (value, Some(warning)),
        // Left alone: `flush` sees the file still there and refuses to write over it.
        Loaded::Unreadable { warning } => (ProgressData::default(), Some(warning)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn changed_key_starts_fresh() {
        let t = Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap();
        let a = ItemProgress::after(None, "k1", true, t);
        let b = ItemProgress::after(Some(&a), "k1", false, t);
        assert_eq!((b.reviews, b.correct), (2, 1));
        let c = ItemProgress::after(Some(&b), "k2", true, t);
        assert_eq!((c.reviews, c.correct, c.card.reps), (1, 1, 1));
    }

    #[test]
    fn in_memory_records_without_a_file() {
        let t = Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap();
        let mut p = Progress::in_memory();
        p.record("q", "k", false, t).unwrap();
        assert!(p.current("q", "k").is_some_and(|i| !i.last_answer_correct));
        assert!(p.current("q", "other").is_none());
        assert_eq!(p.unsaved(), 0);
    }

    #[test]
    fn a_reset_item_is_new_and_no_longer_suspended() {
        let t = Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap();
        let mut p = Progress::in_memory();
        p.record("q", "k", true, t).unwrap();
        p.set_suspended("q", true).unwrap();
        p.set_suspended("other", true).unwrap();
        p.reset(&["q".to_string()]).unwrap();
        assert!(p.get("q").is_none());
        assert!(!p.is_suspended("q"));
        assert!(p.is_suspended("other"), "only the reset items change");
    }
}
