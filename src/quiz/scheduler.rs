//! When each item comes back: FSRS (rs-fsrs, default parameters) with a right answer rated
//! Good and a wrong one Again. Time is always passed in, so tests can move the clock.

use chrono::{DateTime, Utc};
use rs_fsrs::{Card, FSRS, State};

use super::grade::Grade;

use super::deck::DeckItem;
use super::progress::Progress;

/// A missed item comes back this many items later in the same session (sooner when fewer
/// remain), after the explanation has had a moment to settle.
pub const REQUEUE_GAP: usize = 3;

/// A card that has never been reviewed, due at once.
pub fn new_card(now: DateTime<Utc>) -> Card {
    Card {
        due: now,
        last_review: now,
        ..Card::default()
    }
}

/// The card after one answer at `now`: Good when right, Again when wrong.
pub fn review(card: &Card, correct: bool, now: DateTime<Utc>) -> Card {
    review_graded(card, Grade::natural(correct), now)
}

/// The card after one answer graded `grade` at `now`.
pub fn review_graded(card: &Card, grade: Grade, now: DateTime<Utc>) -> Card {
    FSRS::default().next(card.clone(), now, grade.rating()).card
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

/// The card's chance of being recalled at `now` (0 for a card never reviewed).
pub fn retrievability(card: &Card, now: DateTime<Utc>) -> f64 {
    card.get_retrievability(now).clamp(0.0, 1.0)
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

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn t0() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 1, 1, 9, 0, 0).unwrap()
    }

    #[test]
    fn wrong_answer_comes_back_sooner_than_right() {
        let card = new_card(t0());
        let good = review(&card, true, t0());
        let again = review(&card, false, t0());
        assert!(again.due < good.due, "{:?} vs {:?}", again.due, good.due);
        assert!(good.due > t0());
        assert_eq!(good.reps, 1);
    }

    #[test]
    fn repeated_right_answers_push_the_item_further_out() {
        let mut card = new_card(t0());
        let mut now = t0();
        let mut last_gap = chrono::Duration::zero();
        for _ in 0..4 {
            card = review(&card, true, now);
            let gap = card.due - now;
            assert!(gap >= last_gap, "{gap} < {last_gap}");
            last_gap = gap;
            now = card.due;
        }
        assert!(last_gap >= chrono::Duration::days(1));
    }
}
