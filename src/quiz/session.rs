//! One quiz sitting as a pure state machine: the browser draws it and the line-mode CLI
//! drives it; neither decides what comes next. The session owns copies of its items, so it
//! can live beside the guide in an app struct without borrowing it.
//!
//! The cycle: [`QuizSession::current`] is the item to ask while [`QuizSession::phase`] is
//! [`Phase::Asking`]; [`QuizSession::answer`] records (and saves) the answer and moves to
//! [`Phase::Feedback`] with the explanation; [`QuizSession::next`] moves on. In exam mode
//! there is no feedback: `answer` moves straight to the next item, and
//! [`QuizSession::exam_report`] scores the sitting at the end. The session is
//! [`Phase::Finished`] when no item is left or after [`QuizSession::finish`].

use std::collections::VecDeque;

use chrono::{DateTime, Utc};

use super::QuizError;
use super::deck::{self, DeckItem, Mode};
use super::grade::Grade;
use super::progress::{ItemProgress, Progress};
use crate::content::{Answer, Guide, QuizItem, QuizKind};

/// A missed item comes back this many items later in the same session (sooner when fewer
/// remain), after the explanation has had a moment to settle.
pub const REQUEUE_GAP: usize = 3;

pub use super::stats::mastery_by_topic;

/// A missed item comes back at most this many times in one session, so a sitting always ends.
pub const MAX_REQUEUES: u32 = 2;
/// How many upcoming reviews a summary lists.
pub const DUE_NEXT_SHOWN: usize = 5;

/// How to build a session. `QuizSession::new(guide, &progress, SessionOptions::new(Mode::Due)
/// .count(Some(10)).topic(Some("aftercare".into())).seed(42), now)`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SessionOptions {
    pub mode: Mode,
    /// Most items to ask; `None` uses [`Mode::default_count`].
    pub count: Option<usize>,
    /// Only items of this topic id.
    pub topic: Option<String>,
    /// Only items of this kind (myth-or-fact or best-of-five); `None` mixes both.
    pub kind: Option<QuizKind>,
    /// Drives the shuffle of `all` and `exam`: the same seed gives the same order.
    pub seed: u64,
}

impl SessionOptions {
    pub fn new(mode: Mode) -> Self {
        SessionOptions {
            mode,
            ..Default::default()
        }
    }
    pub fn count(mut self, count: Option<usize>) -> Self {
        self.count = count;
        self
    }
    pub fn topic(mut self, topic: Option<String>) -> Self {
        self.topic = topic;
        self
    }
    pub fn seed(mut self, seed: u64) -> Self {
        self.seed = seed;
        self
    }
    pub fn kind(mut self, kind: Option<QuizKind>) -> Self {
        self.kind = kind;
        self
    }
}

/// Where the session is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    /// Waiting for an answer to [`QuizSession::current`].
    Asking,
    /// Showing [`QuizSession::feedback`]; [`QuizSession::next`] moves on.
    Feedback,
    /// Nothing left to ask: show the summary (and the exam report in exam mode).
    Finished,
}

/// What to show after an answer (never in exam mode).
#[derive(Debug, Clone)]
pub struct Feedback {
    pub correct: bool,
    pub given: Answer,
    pub item: QuizItem,
    pub explanation: String,
    /// Source ids; `Guide::source_label` turns each into "author (date)".
    pub sources: Vec<String>,
    /// Id of the section that teaches the item (`mnguide show ID`, `o` in the browser).
    pub section: String,
    pub section_title: String,
    pub topic_id: String,
    pub topic_title: String,
    /// The item was missed and will be asked again later in this session.
    pub requeued: bool,
    /// The grade recorded so far: the natural one until [`QuizSession::grade`] changes it.
    pub grade: Grade,
}

/// What [`QuizSession::answer`] did.
#[derive(Debug, Clone)]
pub struct AnswerOutcome {
    /// `None` in exam mode, where feedback waits for the report.
    pub feedback: Option<Feedback>,
    /// Whether the answer was right (also in exam mode, for tests and counters).
    pub correct: bool,
    /// Why saving failed, if it did; the answer still counts and the next save retries it.
    pub save_error: Option<String>,
}

/// The scored report at the end of an exam.
#[derive(Debug, Clone)]
pub struct ExamReport {
    /// Right answers.
    pub score: usize,
    /// Items answered.
    pub total: usize,
    /// Items left unanswered when the exam was stopped early.
    pub unanswered: usize,
    /// Each missed item with its explanation, in the order asked.
    pub missed: Vec<(QuizItem, String)>,
}

/// A sitting in numbers.
#[derive(Debug, Clone, PartialEq)]
pub struct SessionSummary {
    /// Right answers (a re-asked item counts each time it is answered).
    pub score: usize,
    /// Answers given.
    pub answered: usize,
    /// Right answers in a row at the end of the sitting.
    pub streak: usize,
    pub best_streak: usize,
    /// `(topic_id, topic_title, correct, total)` in guide order of topics.
    pub accuracy_by_topic: Vec<TopicAccuracy>,
    /// `(item_id, due)` of the items answered in this sitting, soonest first (at most
    /// [`DUE_NEXT_SHOWN`]).
    pub due_next: Vec<(String, DateTime<Utc>)>,
}

/// `(topic_id, topic_title, correct, total)`.
pub type TopicAccuracy = (String, String, usize, usize);

#[derive(Debug, Clone)]
struct Given {
    item: DeckItem,
    correct: bool,
}

/// What one step changed, so [`QuizSession::undo`] can put it back.
#[derive(Debug, Clone)]
struct UndoStep {
    /// The session as it was before the step (its own undo list left empty).
    before: Box<QuizSession>,
    id: String,
    /// What progress held for the item before an answer; unused for a suspension.
    prev: Option<ItemProgress>,
    suspended: bool,
}

/// Most steps [`QuizSession::undo`] can take back.
pub const UNDO_DEPTH: usize = 20;

/// What [`QuizSession::undo`] took back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Undone {
    pub id: String,
    /// An answer was taken back (false: a suspension).
    pub answer: bool,
    pub save_error: Option<String>,
}

/// Why [`QuizSession::grade`] refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum GradeError {
    #[error("a wrong answer is graded Again")]
    WrongIsAgain,
    #[error("no answer to grade")]
    NotShowingAnswer,
}

/// One quiz sitting. See the module docs for the cycle.
#[derive(Debug, Clone)]
pub struct QuizSession {
    mode: Mode,
    /// The topic id a one-topic session asks from.
    topic: Option<String>,
    /// The kind a one-kind session asks.
    kind: Option<QuizKind>,
    topic_order: Vec<String>,
    current: Option<DeckItem>,
    queue: VecDeque<DeckItem>,
    phase: Phase,
    feedback: Option<Feedback>,
    given: Vec<Given>,
    requeues: Vec<(String, u32)>,
    streak: usize,
    best_streak: usize,
    undo: Vec<UndoStep>,
}

impl QuizSession {
    /// Picks the items for `options` from `guide` as `progress` stands at `now`. An unknown
    /// topic is an error carrying the closest topic ids. A session with no items starts
    /// [`Phase::Finished`] (nothing due, nothing missed).
    pub fn new(
        guide: &Guide,
        progress: &Progress,
        options: SessionOptions,
        now: DateTime<Utc>,
    ) -> Result<QuizSession, QuizError> {
        let mut all = deck::build(guide, options.topic.as_deref())?;
        all.retain(|d| options.kind.is_none_or(|k| d.item.kind() == k));
        let topic = options
            .topic
            .as_deref()
            .and_then(|t| guide.topic(t.trim()))
            .map(|t| t.id.clone());
        let chosen = deck::select(
            all,
            progress,
            options.mode,
            options.count,
            now,
            options.seed,
        );
        let mut session = QuizSession::from_items(guide, options.mode, chosen);
        session.topic = topic;
        session.kind = options.kind;
        Ok(session)
    }

    /// A session over exactly these items, in this order.
    pub fn from_items(guide: &Guide, mode: Mode, items: Vec<DeckItem>) -> QuizSession {
        let mut queue: VecDeque<DeckItem> = items.into();
        let current = queue.pop_front();
        QuizSession {
            mode,
            topic: None,
            kind: None,
            topic_order: guide.topics.iter().map(|t| t.id.clone()).collect(),
            phase: if current.is_some() {
                Phase::Asking
            } else {
                Phase::Finished
            },
            current,
            queue,
            feedback: None,
            given: Vec::new(),
            requeues: Vec::new(),
            streak: 0,
            best_streak: 0,
            undo: Vec::new(),
        }
    }

    /// The session as it is, without its undo list, to come back to.
    fn snapshot(&self) -> Box<QuizSession> {
        let mut s = self.clone();
        s.undo = Vec::new();
        Box::new(s)
    }

    fn push_undo(&mut self, step: UndoStep) {
        self.undo.push(step);
        if self.undo.len() > UNDO_DEPTH {
            self.undo.remove(0);
        }
    }

    /// Whether [`QuizSession::undo`] has something to take back.
    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    /// Takes back the last answer (or suspension): progress gets the item's previous
    /// state back and the session asks that item again, as if it had not been answered.
    pub fn undo(&mut self, progress: &mut Progress) -> Option<Undone> {
        let step = self.undo.pop()?;
        let result = if step.suspended {
            progress.set_suspended(&step.id, false)
        } else {
            progress.restore(&step.id, step.prev)
        };
        let rest = std::mem::take(&mut self.undo);
        *self = *step.before;
        self.undo = rest;
        Some(Undone {
            id: step.id,
            answer: !step.suspended,
            save_error: result.err().map(|e| e.to_string()),
        })
    }

    /// Suspends the item on screen (asking or showing its answer): it is saved as
    /// suspended, leaves this session and is not asked again until unsuspended.
    pub fn suspend(&mut self, progress: &mut Progress) -> Option<Result<String, String>> {
        if self.phase == Phase::Finished {
            return None;
        }
        let entry = self.current.clone()?;
        let before = self.snapshot();
        let id = entry.item.id.clone();
        let result = progress.set_suspended(&id, true);
        self.queue.retain(|d| d.item.id != id);
        self.push_undo(UndoStep {
            before,
            id: id.clone(),
            prev: None,
            suspended: true,
        });
        self.advance();
        Some(result.map(|_| id).map_err(|e| e.to_string()))
    }

    /// Grades the answer on screen and moves on. A wrong answer only takes Again. A grade
    /// other than the one recorded replaces it: the card is rescheduled from its state
    /// before the answer. Again on a right answer brings the item back in this session.
    /// Returns why saving failed, if it did.
    pub fn grade(
        &mut self,
        progress: &mut Progress,
        grade: Grade,
        now: DateTime<Utc>,
    ) -> Result<Option<String>, GradeError> {
        if self.phase != Phase::Feedback {
            return Err(GradeError::NotShowingAnswer);
        }
        let Some(fb) = self.feedback.clone() else {
            return Err(GradeError::NotShowingAnswer);
        };
        if !grade.allowed(fb.correct) {
            return Err(GradeError::WrongIsAgain);
        }
        let mut save_error = None;
        if grade != fb.grade
            && let (Some(entry), Some(step)) = (self.current.clone(), self.undo.last())
        {
            let prev = step.prev.clone();
            // Both changes are queued even when a save fails, so the retry applies the pair
            // and never leaves the item restored without its answer.
            let restored = progress.restore(&entry.item.id, prev);
            let recorded =
                progress.record_graded(&entry.item.id, &entry.key, fb.correct, grade, now);
            save_error = restored.err().or(recorded.err()).map(|e| e.to_string());
            if grade == Grade::Again && !fb.requeued {
                self.requeue(&entry);
            }
        }
        self.advance();
        Ok(save_error)
    }

    pub fn mode(&self) -> Mode {
        self.mode
    }

    /// The topic id of a one-topic session; `None` when it asks from every topic.
    pub fn topic(&self) -> Option<&str> {
        self.topic.as_deref()
    }

    /// The kind a one-kind session asks; `None` when it mixes both.
    pub fn kind(&self) -> Option<QuizKind> {
        self.kind
    }

    pub fn is_exam(&self) -> bool {
        self.mode == Mode::Exam
    }

    pub fn phase(&self) -> Phase {
        self.phase
    }

    /// The item being asked, or whose feedback is showing; `None` when finished.
    pub fn current(&self) -> Option<&QuizItem> {
        self.current.as_ref().map(|d| &d.item)
    }

    /// The current item with its topic and section titles.
    pub fn current_entry(&self) -> Option<&DeckItem> {
        self.current.as_ref()
    }

    /// The item that [`QuizSession::next`] will ask.
    pub fn peek_next(&self) -> Option<&DeckItem> {
        self.queue.front()
    }

    /// The feedback being shown (in [`Phase::Feedback`]).
    pub fn feedback(&self) -> Option<&Feedback> {
        self.feedback.as_ref()
    }

    /// Answers given so far.
    pub fn answered(&self) -> usize {
        self.given.len()
    }

    /// Items still to ask, counting the one being asked (missed items re-queued included).
    pub fn remaining(&self) -> usize {
        self.queue.len() + usize::from(self.phase == Phase::Asking)
    }

    /// `(n, of)` for a "3 / 20" counter: the number of the item on screen and the sitting's
    /// current length.
    pub fn position(&self) -> (usize, usize) {
        let on_screen = usize::from(self.phase != Phase::Finished);
        let n = self.given.len() + usize::from(self.phase == Phase::Asking);
        (n.max(on_screen), self.given.len() + self.remaining())
    }

    /// Records `given` for the current item and saves progress. Returns `None` (and does
    /// nothing) unless the session is [`Phase::Asking`].
    pub fn answer(
        &mut self,
        progress: &mut Progress,
        given: Answer,
        now: DateTime<Utc>,
    ) -> Option<AnswerOutcome> {
        if self.phase != Phase::Asking {
            return None;
        }
        let entry = self.current.clone()?;
        let correct = given == entry.item.answer;
        self.push_undo(UndoStep {
            before: self.snapshot(),
            id: entry.item.id.clone(),
            prev: progress.get(&entry.item.id).cloned(),
            suspended: false,
        });
        let save_error = progress
            .record(&entry.item.id, &entry.key, correct, now)
            .err()
            .map(|e| e.to_string());
        if correct {
            self.streak += 1;
            self.best_streak = self.best_streak.max(self.streak);
        } else {
            self.streak = 0;
        }
        self.given.push(Given {
            item: entry.clone(),
            correct,
        });
        if self.is_exam() {
            self.advance();
            return Some(AnswerOutcome {
                feedback: None,
                correct,
                save_error,
            });
        }
        let requeued = !correct && self.requeue(&entry);
        let item = entry.item.clone();
        let feedback = Feedback {
            correct,
            given,
            explanation: item.explanation.clone(),
            sources: item.sources.clone(),
            section: item.section.clone(),
            item,
            section_title: entry.section_title.clone(),
            topic_id: entry.topic_id.clone(),
            topic_title: entry.topic_title.clone(),
            requeued,
            grade: Grade::natural(correct),
        };
        self.feedback = Some(feedback.clone());
        self.phase = Phase::Feedback;
        Some(AnswerOutcome {
            feedback: Some(feedback),
            correct,
            save_error,
        })
    }

    /// Leaves the feedback for the next item (or [`Phase::Finished`]). Does nothing while
    /// an answer is awaited, so a stray Enter cannot skip an item.
    pub fn next(&mut self) {
        if self.phase == Phase::Feedback {
            self.advance();
        }
    }

    /// Ends the sitting now (the user quit); answers already given stay recorded.
    pub fn finish(&mut self) {
        if self.phase == Phase::Asking {
            // The item on screen was not answered: keep it counted as unanswered.
            if let Some(c) = self.current.take() {
                self.queue.push_front(c);
            }
        }
        self.current = None;
        self.feedback = None;
        self.phase = Phase::Finished;
    }

    fn advance(&mut self) {
        self.feedback = None;
        self.current = self.queue.pop_front();
        self.phase = if self.current.is_some() {
            Phase::Asking
        } else {
            Phase::Finished
        };
    }

    /// Puts a missed item back a few places later; false once it has come back enough.
    fn requeue(&mut self, entry: &DeckItem) -> bool {
        let id = &entry.item.id;
        let count = match self.requeues.iter_mut().find(|(i, _)| i == id) {
            Some((_, n)) => n,
            None => {
                self.requeues.push((id.clone(), 0));
                match self.requeues.last_mut() {
                    Some((_, n)) => n,
                    None => return false,
                }
            }
        };
        if *count >= MAX_REQUEUES {
            return false;
        }
        *count += 1;
        let at = REQUEUE_GAP.min(self.queue.len());
        self.queue.insert(at, entry.clone());
        true
    }

    /// The exam's score and each missed item with its explanation. `None` outside exam mode.
    pub fn exam_report(&self) -> Option<ExamReport> {
        if !self.is_exam() {
            return None;
        }
        Some(ExamReport {
            score: self.given.iter().filter(|g| g.correct).count(),
            total: self.given.len(),
            unanswered: self.queue.len() + usize::from(self.phase == Phase::Asking),
            missed: self
                .given
                .iter()
                .filter(|g| !g.correct)
                .map(|g| (g.item.item.clone(), g.item.item.explanation.clone()))
                .collect(),
        })
    }

    /// Score, streaks, accuracy by topic, and when the items answered come back.
    pub fn summary(&self, progress: &Progress) -> SessionSummary {
        let mut by_topic: Vec<TopicAccuracy> = Vec::new();
        for g in &self.given {
            let pos = by_topic.iter().position(|t| t.0 == g.item.topic_id);
            let entry = match pos {
                Some(i) => &mut by_topic[i],
                None => {
                    by_topic.push((g.item.topic_id.clone(), g.item.topic_title.clone(), 0, 0));
                    let last = by_topic.len() - 1;
                    &mut by_topic[last]
                }
            };
            entry.2 += usize::from(g.correct);
            entry.3 += 1;
        }
        by_topic.sort_by_key(|t| {
            self.topic_order
                .iter()
                .position(|id| *id == t.0)
                .unwrap_or(usize::MAX)
        });
        let mut due_next: Vec<(String, DateTime<Utc>)> = Vec::new();
        for g in &self.given {
            let id = &g.item.item.id;
            if due_next.iter().any(|(i, _)| i == id) {
                continue;
            }
            if let Some(p) = progress.current(id, &g.item.key) {
                due_next.push((id.clone(), p.card.due));
            }
        }
        due_next.sort_by_key(|(_, due)| *due);
        due_next.truncate(DUE_NEXT_SHOWN);
        SessionSummary {
            score: self.given.iter().filter(|g| g.correct).count(),
            answered: self.given.len(),
            streak: self.streak,
            best_streak: self.best_streak,
            accuracy_by_topic: by_topic,
            due_next,
        }
    }
}
