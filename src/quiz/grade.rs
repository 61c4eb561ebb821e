//! Grades as in Anki: after the answer is shown the learner says how it went. A wrong
//! answer is always Again; a right one is Good unless the learner says otherwise. Each
//! grade is one FSRS rating.

use rs_fsrs::Rating;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Grade {
    Again,
    Hard,
    Good,
    Easy,
}

impl Grade {
    /// In key order: 1 Again, 2 Hard, 3 Good, 4 Easy.
    pub const ALL: [Grade; 4] = [Grade::Again, Grade::Hard, Grade::Good, Grade::Easy];

    /// The grade an answer gets when the learner just moves on: Good when right, Again
    /// when wrong.
    pub fn natural(correct: bool) -> Grade {
        if correct { Grade::Good } else { Grade::Again }
    }

    /// Whether this grade may be given: a wrong answer is fixed at Again, since rating a
    /// miss Hard or Easy would schedule something not known as if it were.
    pub fn allowed(self, correct: bool) -> bool {
        correct || self == Grade::Again
    }

    pub fn rating(self) -> Rating {
        match self {
            Grade::Again => Rating::Again,
            Grade::Hard => Rating::Hard,
            Grade::Good => Rating::Good,
            Grade::Easy => Rating::Easy,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Grade::Again => "again",
            Grade::Hard => "hard",
            Grade::Good => "good",
            Grade::Easy => "easy",
        }
    }

    /// "Again", "Hard", ...
    pub fn label(self) -> &'static str {
        match self {
            Grade::Again => "Again",
            Grade::Hard => "Hard",
            Grade::Good => "Good",
            Grade::Easy => "Easy",
        }
    }

    /// The key that gives this grade (1-4, as in Anki).
    pub fn key(self) -> char {
        match self {
            Grade::Again => '1',
            Grade::Hard => '2',
            Grade::Good => '3',
            Grade::Easy => '4',
        }
    }

    /// `1`-`4` or the grade's name, any case.
    pub fn parse(s: &str) -> Option<Grade> {
        match s.trim().to_lowercase().as_str() {
            "1" | "again" => Some(Grade::Again),
            "2" | "hard" => Some(Grade::Hard),
            "3" | "good" => Some(Grade::Good),
            "4" | "easy" => Some(Grade::Easy),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrong_answers_are_fixed_at_again() {
        assert_eq!(Grade::natural(false), Grade::Again);
        assert_eq!(Grade::natural(true), Grade::Good);
        assert!(!Grade::Easy.allowed(false));
        assert!(Grade::Again.allowed(false));
        assert!(Grade::ALL.iter().all(|g| g.allowed(true)));
        assert_eq!(Grade::parse(" 4 "), Some(Grade::Easy));
        assert_eq!(Grade::parse("Hard"), Some(Grade::Hard));
        assert_eq!(Grade::parse("e"), None);
    }
}
