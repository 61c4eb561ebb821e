//! When each item comes back: FSRS (rs-fsrs, default parameters) with a right answer rated
//! Good and a wrong one Again. Time is always passed in, so tests can move the clock. Only
//! the card maths lives here; which items a session asks, and in what order, is the deck's.

use chrono::{DateTime, Utc};
use rs_fsrs::{Card, FSRS};

use super::grade::Grade;

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

/// The card's chance of being recalled at `now` (0 for a card never reviewed).
pub fn retrievability(card: &Card, now: DateTime<Utc>) -> f64 {
    card.get_retrievability(now).clamp(0.0, 1.0)
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
