//! The items a session asks: every quiz item of the guide (or of one topic) with its content
//! key and place in the tree, narrowed and ordered by the session mode.

use chrono::{DateTime, Utc};
use rs_fsrs::State;

use super::QuizError;
use super::progress::Progress;
use crate::content::{Guide, QuizItem};

/// Which items a session asks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Mode {
    /// Items due for review (most overdue first), then items never answered.
    #[default]
    Due,
    /// Every item, shuffled.
    All,
    /// Items whose last answer was wrong, most overdue first.
    Missed,
    /// A shuffled sample of N items; no feedback until the scored report at the end.
    Exam,
}

impl Mode {
    /// How many items a session asks when no count is given: a short sitting for due items,
    /// ten for an exam, everything otherwise.
    pub fn default_count(self) -> Option<usize> {
        match self {
            Mode::Due => Some(20),
            Mode::Exam => Some(10),
            Mode::All | Mode::Missed => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Mode::Due => "due",
            Mode::All => "all",
            Mode::Missed => "missed",
            Mode::Exam => "exam",
        }
    }
}

/// One quiz item with what a session needs to show and record it.
#[derive(Debug, Clone, serde::Serialize)]
pub struct DeckItem {
    pub item: QuizItem,
    /// [`item_key`] of the item: progress recorded under another key is stale.
    pub key: String,
    /// The topic of the item's section.
    pub topic_id: String,
    pub topic_title: String,
    /// Title of the section that teaches the item.
    pub section_title: String,
}

/// The content key of an item: blake3 of its statement and answer (and a case's options).
/// Progress saved under a different key belongs to an older wording, so the item starts
/// fresh. A myth-or-fact key is computed exactly as before cases existed, so progress
/// files written then still match.
pub fn item_key(item: &QuizItem) -> String {
    let mut h = blake3::Hasher::new();
    h.update(item.statement.as_bytes());
    // A separator that cannot occur in guide text keeps "ab"+"c" apart from "a"+"bc".
    h.update(&[0]);
    h.update(item.answer.as_str().as_bytes());
    if let Some(case) = &item.case {
        // Reworded options change what is asked; reworded reasons do not.
        for o in &case.options {
            h.update(&[0]);
            h.update(o.as_bytes());
        }
    }
    h.finalize().to_hex()[..16].to_string()
}

/// Every quiz item of the guide in guide order, or only those of `topic`.
pub fn build(guide: &Guide, topic: Option<&str>) -> Result<Vec<DeckItem>, QuizError> {
    let topic = match topic {
        Some(t) => {
            let t = t.trim();
            match guide.topic(t) {
                Some(found) => Some(found.id.as_str()),
                None => {
                    return Err(QuizError::UnknownTopic {
                        given: t.to_string(),
                        closest: guide.closest_topic_ids(t, 3),
                    });
                }
            }
        }
        None => None,
    };
    Ok(guide
        .quiz
        .iter()
        .filter_map(|item| {
            // The loader guarantees the section exists; an item that somehow lacks one is
            // skipped rather than shown without its place.
            let section = guide.section(&item.section)?;
            let t = guide.topic(&section.topic)?;
            Some(DeckItem {
                item: item.clone(),
                key: item_key(item),
                topic_id: t.id.clone(),
                topic_title: t.title.clone(),
                section_title: section.title.clone(),
            })
        })
        .filter(|d| topic.is_none_or(|t| d.topic_id == t))
        .collect())
}

/// Narrows and orders `deck` for `mode`, then keeps the first `count` (the mode's default
/// when `None`). `seed` drives every shuffle, so a seed gives the same session every time.
pub fn select(
    deck: Vec<DeckItem>,
    progress: &Progress,
    mode: Mode,
    count: Option<usize>,
    now: DateTime<Utc>,
    seed: u64,
) -> Vec<DeckItem> {
    let mut rng = fastrand::Rng::with_seed(seed);
    // Suspended items are never asked until unsuspended.
    let deck: Vec<DeckItem> = deck
        .into_iter()
        .filter(|d| !progress.is_suspended(&d.item.id))
        .collect();
    let mut chosen = match mode {
        Mode::Due => due_order(deck, progress, now),
        Mode::Missed => {
            let missed: Vec<DeckItem> = deck
                .into_iter()
                .filter(|d| {
                    progress
                        .current(&d.item.id, &d.key)
                        .is_some_and(|p| !p.last_answer_correct)
                })
                .collect();
            sort_by_due(missed, progress)
        }
        Mode::All | Mode::Exam => {
            let mut all = deck;
            rng.shuffle(&mut all);
            all
        }
    };
    if let Some(n) = count.or(mode.default_count()) {
        chosen.truncate(n);
    }
    chosen
}

/// How many items of a deck are new (never answered under their current wording), in
/// learning (answered, short steps still running) and due for review, as in Anki's header.
/// Suspended items are not counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize)]
pub struct QueueCounts {
    pub new: usize,
    pub learning: usize,
    pub due: usize,
}

/// Where one item stands, for an item list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ItemState {
    New,
    Learning,
    Due,
    /// Answered and not due yet.
    Learnt,
    Suspended,
}

impl ItemState {
    pub fn as_str(self) -> &'static str {
        match self {
            ItemState::New => "new",
            ItemState::Learning => "learning",
            ItemState::Due => "due",
            ItemState::Learnt => "learnt",
            ItemState::Suspended => "suspended",
        }
    }
}

pub fn state_of(d: &DeckItem, progress: &Progress, now: DateTime<Utc>) -> ItemState {
    if progress.is_suspended(&d.item.id) {
        return ItemState::Suspended;
    }
    match progress.current(&d.item.id, &d.key) {
        None => ItemState::New,
        Some(p) if matches!(p.card.state, State::Learning | State::Relearning) => {
            ItemState::Learning
        }
        Some(p) if p.card.due <= now => ItemState::Due,
        Some(_) => ItemState::Learnt,
    }
}

pub fn counts(deck: &[DeckItem], progress: &Progress, now: DateTime<Utc>) -> QueueCounts {
    let mut c = QueueCounts::default();
    for d in deck {
        if progress.is_suspended(&d.item.id) {
            continue;
        }
        match progress.current(&d.item.id, &d.key) {
            None => c.new += 1,
            Some(p) if matches!(p.card.state, State::Learning | State::Relearning) => {
                c.learning += 1
            }
            Some(p) if p.card.due <= now => c.due += 1,
            Some(_) => {}
        }
    }
    c
}

/// Items for a due session: reviewed items due by `now`, most overdue first, then items never
/// answered (or whose wording changed) in guide order. Items not yet due are left out.
pub fn due_order(deck: Vec<DeckItem>, progress: &Progress, now: DateTime<Utc>) -> Vec<DeckItem> {
    let mut due = Vec::new();
    let mut fresh = Vec::new();
    for d in deck {
        match progress.current(&d.item.id, &d.key) {
            Some(p) if p.card.due <= now => due.push((p.card.due, d)),
            Some(_) => {}
            None => fresh.push(d),
        }
    }
    // Stable sort: equal due times keep guide order.
    due.sort_by_key(|(due, _)| *due);
    due.into_iter().map(|(_, d)| d).chain(fresh).collect()
}

/// Items ordered by due time, earliest first; items without progress go last.
pub fn sort_by_due(mut deck: Vec<DeckItem>, progress: &Progress) -> Vec<DeckItem> {
    deck.sort_by_key(|d| {
        progress
            .current(&d.item.id, &d.key)
            .map(|p| p.card.due)
            .unwrap_or(DateTime::<Utc>::MAX_UTC)
    });
    deck
}
