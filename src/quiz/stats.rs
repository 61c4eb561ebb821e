//! Progress in numbers, for `mnguide quiz --stats` and the topic tree's mastery gauges.

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::deck::{self, DeckItem};
use super::progress::Progress;
use super::scheduler;
use crate::content::Guide;

/// Progress over the whole guide.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Stats {
    /// Quiz items in the guide.
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
    pub topics: Vec<TopicStats>,
}

/// Progress on one topic's items.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TopicStats {
    pub id: String,
    pub title: String,
    pub items: usize,
    pub seen: usize,
    pub reviews: u32,
    pub correct: u32,
    pub accuracy: f32,
    pub due_now: usize,
    pub new: usize,
    /// See [`mastery_by_topic`].
    pub mastery: f32,
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
            let mut s = TopicStats {
                id: t.id.clone(),
                title: t.title.clone(),
                items: items.len(),
                seen: 0,
                reviews: 0,
                correct: 0,
                accuracy: 0.0,
                due_now: 0,
                new: 0,
                mastery: 0.0,
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
            s.mastery = (mastery_sum / items.len() as f64) as f32;
            Some(s)
        })
        .collect();
    Stats {
        items: topics.iter().map(|t| t.items).sum(),
        seen: topics.iter().map(|t| t.seen).sum(),
        reviews: topics.iter().map(|t| t.reviews).sum(),
        correct: topics.iter().map(|t| t.correct).sum(),
        accuracy: ratio(
            topics.iter().map(|t| t.correct).sum(),
            topics.iter().map(|t| t.reviews).sum(),
        ),
        due_now: topics.iter().map(|t| t.due_now).sum(),
        new: topics.iter().map(|t| t.new).sum(),
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
