//! Progress in numbers, for `mnguide quiz --stats` and the topic tree's mastery gauges.

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::deck::{self, DeckItem};
use super::progress::Progress;
use super::scheduler;
use crate::content::Guide;

/// Counts over a set of quiz items: the whole guide's, or one topic's.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Tally {
    /// Quiz items in the set.
    pub items: usize,
    /// Items answered at least once under their current wording.
    pub seen: usize,
    /// Answers given to those items.
    pub reviews: u32,
    pub correct: u32,
    /// `correct / reviews`, 0 when nothing was answered.
    pub accuracy: f32,
    /// Answered items due for review now.
    pub due_now: usize,
    /// Items never answered (or changed since).
    pub new: usize,
}

/// Progress over the whole guide. Its counts read as its own fields (`stats.seen`), as in
/// the JSON, where they stand flat beside `topics`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Stats {
    #[serde(flatten)]
    pub all: Tally,
    pub topics: Vec<TopicStats>,
}

/// Progress on one topic's items; its counts read as its own fields, as for [`Stats`].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TopicStats {
    pub id: String,
    pub title: String,
    #[serde(flatten)]
    pub tally: Tally,
    /// See [`mastery_by_topic`].
    pub mastery: f32,
}

impl std::ops::Deref for Stats {
    type Target = Tally;
    fn deref(&self) -> &Tally {
        &self.all
    }
}

impl std::ops::Deref for TopicStats {
    type Target = Tally;
    fn deref(&self) -> &Tally {
        &self.tally
    }
}

/// What "mastery" means, in one line for the quiz tab and `mnguide quiz --stats` (see
/// [`mastery_by_topic`]).
pub const MASTERY_MEANING: &str =
    "Mastery: chance of recalling a topic's items now; new or missed count 0.";

/// What a topic's numbers say when nothing of it was answered yet (a right-answer rate of
/// 0% would read as all answers wrong).
pub const NOT_YET_ANSWERED: &str = "not yet answered";

impl TopicStats {
    /// The share of right answers as a rounded percent; `None` before the first answer.
    pub fn right_percent(&self) -> Option<u32> {
        (self.reviews > 0).then(|| (self.accuracy * 100.0).round() as u32)
    }

    /// "2 of 4 answered · right 67% · mastery 40%", or "not yet answered".
    pub fn progress_line(&self) -> String {
        match self.right_percent() {
            None => NOT_YET_ANSWERED.to_string(),
            Some(right) => format!(
                "{} of {} answered · right {right}% · mastery {}%",
                self.seen,
                self.items,
                (self.mastery * 100.0).round() as u32
            ),
        }
    }
}

/// Per-topic and overall progress at `now`. Topics without quiz items are left out.
pub fn stats(guide: &Guide, progress: &Progress, now: DateTime<Utc>) -> Stats {
    let all = deck::build(guide, None).unwrap_or_default();
    let topics: Vec<TopicStats> = guide
        .topics
        .iter()
        .filter_map(|t| {
            let items: Vec<&DeckItem> = all.iter().filter(|d| d.topic_id == t.id).collect();
            if items.is_empty() {
                return None;
            }
            let mut s = Tally {
                items: items.len(),
                ..Tally::default()
            };
            let mut mastery_sum = 0.0;
            for d in &items {
                match progress.current(&d.item.id, &d.key) {
                    Some(p) => {
                        s.seen += 1;
                        s.reviews += p.reviews;
                        s.correct += p.correct;
                        s.due_now += usize::from(p.card.due <= now);
                        if p.last_answer_correct {
                            mastery_sum += scheduler::retrievability(&p.card, now);
                        }
                    }
                    None => s.new += 1,
                }
            }
            s.accuracy = ratio(s.correct, s.reviews);
            Some(TopicStats {
                id: t.id.clone(),
                title: t.title.clone(),
                tally: s,
                mastery: (mastery_sum / items.len() as f64) as f32,
            })
        })
        .collect();
    let sum = |count: fn(&Tally) -> usize| topics.iter().map(|t| count(&t.tally)).sum();
    let correct: u32 = topics.iter().map(|t| t.correct).sum();
    let reviews: u32 = topics.iter().map(|t| t.reviews).sum();
    Stats {
        all: Tally {
            items: sum(|t| t.items),
            seen: sum(|t| t.seen),
            reviews,
            correct,
            accuracy: ratio(correct, reviews),
            due_now: sum(|t| t.due_now),
            new: sum(|t| t.new),
        },
        topics,
    }
}

/// Each topic's mastery from 0 to 1: the mean over its items of the FSRS chance of recall at
/// `now`, counting an item never answered, changed since, or last answered wrong as 0. It
/// rises with right answers and fades as reviews fall due. Topics without quiz items are
/// left out; the rest come in guide order.
pub fn mastery_by_topic(
    guide: &Guide,
    progress: &Progress,
    now: DateTime<Utc>,
) -> Vec<(String, f32)> {
    stats(guide, progress, now)
        .topics
        .into_iter()
        .map(|t| (t.id, t.mastery))
        .collect()
}

fn ratio(a: u32, b: u32) -> f32 {
    if b == 0 { 0.0 } else { a as f32 / b as f32 }
}
