//! The myth-or-fact quiz: which items to ask ([`deck`]), when each comes back ([`scheduler`],
//! FSRS), progress that survives crashes and a second running copy ([`progress`]), and one
//! session state machine ([`session`]) that the terminal browser draws and the line-mode CLI
//! drives. Nothing here prints or draws.
//!
//! A session in a few lines:
//! ```no_run
//! # use mnguide::quiz::{Mode, Progress, QuizSession, SessionOptions};
//! # use mnguide::content::Answer;
//! # fn demo(guide: &mnguide::content::Guide) -> Result<(), mnguide::quiz::QuizError> {
//! let now = chrono::Utc::now();
//! let mut progress = Progress::open_default();
//! let mut session = QuizSession::new(guide, &progress, SessionOptions::new(Mode::Due), now)?;
//! while let Some(item) = session.current() {
//!     println!("{}", item.statement);
//!     let outcome = session.answer(&mut progress, Answer::Myth, chrono::Utc::now());
//!     if let Some(o) = outcome { if let Some(fb) = o.feedback { println!("{}", fb.explanation); } }
//!     session.next();
//! }
//! let summary = session.summary(&progress);
//! # let _ = summary; Ok(()) }
//! ```

pub mod deck;
pub mod grade;
pub mod progress;
pub mod scheduler;
pub mod session;
pub mod stats;

pub use deck::{DeckItem, ItemState, Mode, QueueCounts, counts, item_key, state_of};
pub use grade::Grade;
pub use progress::{ItemProgress, PROGRESS_FILE, Progress, ProgressData};
pub use session::{
    AnswerOutcome, ExamReport, Feedback, GradeError, Phase, QuizSession, SessionOptions,
    SessionSummary, TopicAccuracy, Undone,
};
pub use stats::{Stats, Tally, TopicStats, mastery_by_topic, stats};

/// Why a session could not start.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum QuizError {
    /// `--topic` named no topic of the guide; `closest` holds the nearest ids, best first.
    #[error("no topic '{given}'")]
    UnknownTopic { given: String, closest: Vec<String> },
}
