//! The quiz tab's state and what every quiz key does to it: answering, grading, undo,
//! suspension, the item list with its filters, the reset that asks first, modes and exam
//! length. It knows nothing of the `App` or the terminal: [`QuizState::apply`] changes the
//! quiz and returns an [`Effect`] that `update` carries out on the rest of the browser (a
//! status message, the tree's mastery gauges, opening a section, a key's global meaning).
//! The session itself is `crate::quiz::QuizSession`; the view is `pane::quiz`.

use chrono::{DateTime, Utc};

use super::action::Action;
use super::keymap::{Keymap, Scope};
use crate::content::{Answer, Guide, OPTION_LETTERS, QuizKind};
use crate::quiz::{self, Grade, Mode, Phase, Progress, QuizSession, SessionOptions};

/// Exam length before the user changes it.
const EXAM_DEFAULT: usize = 10;
/// How much one key lengthens or shortens the exam.
const EXAM_STEP: usize = 5;

/// The actions whose keys choose options a to e while a case is asked, in option order:
/// the mode keys, which wait then, and two of their own.
pub const OPTION_ACTIONS: [Action; 5] = [
    Action::QuizModeAll,
    Action::QuizOptionB,
    Action::QuizOptionC,
    Action::QuizModeDue,
    Action::QuizModeExam,
];

/// The keys that choose options a to e, as hints name them: "a-e" when they are the
/// letters themselves.
pub fn option_keys(keymap: &Keymap) -> String {
    let keys: Vec<String> = OPTION_ACTIONS
        .iter()
        .map(|a| keymap.key_hint(Scope::Quiz, a))
        .collect();
    if keys.concat() == "abcde" {
        "a-e".to_string()
    } else {
        keys.join(" ")
    }
}

/// What the quiz reads from the rest of the browser to apply an action.
pub struct QuizContext<'a> {
    pub guide: &'a Guide,
    pub keymap: &'a Keymap,
    /// The topic selected in the tree (a one-topic session starts on it).
    pub tree_topic: Option<&'a str>,
}

impl QuizContext<'_> {
    /// The quiz key for `action`, for messages, so they follow any rebinding.
    fn key(&self, action: Action) -> String {
        self.keymap.key_hint(Scope::Quiz, &action)
    }
}

/// What an action asks of the browser around the quiz; `update` does it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Effect {
    /// A line for the status bar.
    pub message: Option<String>,
    /// Mastery may have changed: the tree's gauges are drawn again from progress.
    pub refresh_tree: bool,
    /// Show this section in the reader; Esc comes back to the quiz.
    pub open_section: Option<String>,
    /// The key keeps its meaning outside the quiz here (a tab switch, a bookmark).
    pub next: Option<Action>,
}

/// The quiz state the browser keeps: progress, the running session and how to start the next.
pub struct QuizState {
    pub progress: Progress,
    pub session: Option<QuizSession>,
    pub mode: Mode,
    /// Topic id for a one-topic session (the topic selected in the tree).
    pub topic: Option<String>,
    pub exam_count: usize,
    /// Shuffle seed for `all` and `exam`; tests fix it, the binary takes the clock.
    pub seed: u64,
    /// The clock; tests fix it so schedules are reproducible.
    pub clock: fn() -> DateTime<Utc>,
    warning: Option<String>,
    /// The option the arrows highlight while a case is asked (Enter chooses it).
    pub highlight: usize,
    /// The item list, when open: the selected row.
    pub list: Option<usize>,
    /// The list shows only this topic's items (`None`: every topic).
    pub list_topic: Option<String>,
    /// The list shows only items of this kind (`None`: both kinds).
    pub list_kind: Option<QuizKind>,
    /// The selected item is shown in full, with its answer, instead of the list.
    pub list_open: bool,
    /// The topic whose reset waits for a second press of the reset key.
    pub confirm_reset: Option<String>,
}

impl Default for QuizState {
    fn default() -> Self {
        QuizState::new()
    }
}

impl QuizState {
    /// A quiz with progress kept in memory until [`QuizState::attach_store`] points it at a
    /// file; no session until the tab is entered.
    pub fn new() -> QuizState {
        QuizState {
            progress: Progress::in_memory(),
            session: None,
            mode: Mode::Due,
            topic: None,
            exam_count: EXAM_DEFAULT,
            seed: Utc::now().timestamp_micros() as u64,
            clock: Utc::now,
            warning: None,
            highlight: 0,
            list: None,
            list_topic: None,
            list_kind: None,
            list_open: false,
            confirm_reset: None,
        }
    }

    /// Reads (and from now on saves) progress in `dir`; a damaged file becomes a warning.
    pub fn attach_store(&mut self, dir: &std::path::Path) {
        self.progress = Progress::open(&dir.join(quiz::PROGRESS_FILE));
        let w = self.progress.take_warnings();
        if !w.is_empty() {
            self.warning = Some(w.join("; "));
        }
    }

    pub fn take_warning(&mut self) -> Option<String> {
        self.warning.take()
    }

    /// Mastery of each topic practised so far (0..1), for the tree.
    pub fn mastery(&self, guide: &Guide) -> Vec<(String, f32)> {
        quiz::stats(guide, &self.progress, (self.clock)())
            .topics
            .into_iter()
            .filter(|t| t.seen > 0)
            .map(|t| (t.id, t.mastery))
            .collect()
    }

    /// Whether a best-of-five case is waiting for its answer.
    pub fn asking_case(&self) -> bool {
        self.session.as_ref().is_some_and(|s| {
            s.phase() == Phase::Asking && s.current().is_some_and(|i| i.case.is_some())
        })
    }

    /// Whether an exam is under way: nothing may hint at its score before the report.
    pub fn exam_running(&self) -> bool {
        self.session
            .as_ref()
            .is_some_and(|s| s.is_exam() && s.phase() != Phase::Finished)
    }

    /// Whether the answer and its explanation show (grading keys apply).
    pub fn showing_answer(&self) -> bool {
        self.session
            .as_ref()
            .is_some_and(|s| s.phase() == Phase::Feedback)
    }

    /// The session's name for the header: the topic's title for a one-topic session (its id
    /// means nothing to a reader), else the mode.
    pub fn mode_name(&self, guide: &Guide) -> String {
        match (&self.topic, self.mode) {
            (Some(t), _) => guide.topic(t).map_or(t.clone(), |t| t.title.clone()),
            (None, Mode::Exam) => format!("exam of {}", self.exam_count),
            (None, m) => m.as_str().to_string(),
        }
    }

    /// The items the list shows, narrowed by its topic and kind filters, grouped by topic
    /// in guide order.
    pub fn list_items(&self, guide: &Guide) -> Vec<quiz::DeckItem> {
        let mut items = quiz::deck::build(guide, self.list_topic.as_deref()).unwrap_or_default();
        items.retain(|d| self.list_kind.is_none_or(|k| d.item.kind() == k));
        let pos = |id: &str| guide.topics.iter().position(|t| t.id == id);
        items.sort_by_key(|d| pos(&d.topic_id));
        items
    }

    fn options(&self) -> SessionOptions {
        let count = match self.mode {
            Mode::Exam => Some(self.exam_count),
            m => m.default_count(),
        };
        SessionOptions::new(self.mode)
            .count(count)
            .topic(self.topic.clone())
            .seed(self.seed)
    }

    /// Switching to the tab starts a session the first time; later it resumes where it was.
    pub fn enter(&mut self, ctx: &QuizContext) -> Effect {
        let mut fx = Effect::default();
        self.start_if_none(ctx, &mut fx);
        fx
    }

    /// A click on option `option` of the case being asked chooses it; elsewhere it does
    /// nothing.
    pub fn choose(&mut self, option: u8) -> Effect {
        let mut fx = Effect::default();
        if self.asking_case() {
            self.give(Answer::Choice(option), true, &mut fx);
        }
        fx
    }

    /// Applies one quiz key. The tab's first key starts a session if none runs.
    pub fn apply(&mut self, action: &Action, ctx: &QuizContext) -> Effect {
        let mut fx = Effect::default();
        self.start_if_none(ctx, &mut fx);
        if !self.list_apply(action, ctx, &mut fx) {
            self.session_apply(action, ctx, &mut fx);
        }
        fx
    }

    fn start_if_none(&mut self, ctx: &QuizContext, fx: &mut Effect) {
        if self.session.is_none() {
            self.start(ctx, fx);
        }
    }

    /// Starts a session with the current settings.
    fn start(&mut self, ctx: &QuizContext, fx: &mut Effect) {
        let now = (self.clock)();
        match QuizSession::new(ctx.guide, &self.progress, self.options(), now) {
            Ok(s) => self.session = Some(s),
            Err(e) => {
                fx.message = Some(format!("Cannot start the quiz: {e}"));
                self.topic = None;
            }
        }
        // An exam left unfinished held the gauges back; they catch up now.
        fx.refresh_tree = true;
        // A new shuffle next time, still reproducible from the first seed.
        self.seed = self.seed.wrapping_mul(6364136223846793005).wrapping_add(1);
    }

    fn set_mode(&mut self, mode: Mode, topic: Option<String>, ctx: &QuizContext, fx: &mut Effect) {
        self.mode = mode;
        self.topic = topic;
        self.start(ctx, fx);
    }

    /// Answers the current item and reports a failed save. A best-of-five answer puts the
    /// highlight back on the first option for the next case.
    fn give(&mut self, given: Answer, reset_highlight: bool, fx: &mut Effect) {
        let now = (self.clock)();
        let Some(outcome) = self
            .session
            .as_mut()
            .and_then(|s| s.answer(&mut self.progress, given, now))
        else {
            return;
        };
        if reset_highlight {
            self.highlight = 0;
        }
        if let Some(e) = outcome.save_error {
            fx.message = Some(format!("Progress not saved yet (will retry): {e}"));
        }
        self.refresh_tree_unless_exam(fx);
    }

    /// The tree's mastery gauges follow progress, except during an exam, where they would
    /// show how the answers went; they catch up when the report shows.
    fn refresh_tree_unless_exam(&self, fx: &mut Effect) {
        if !self.exam_running() {
            fx.refresh_tree = true;
        }
    }

    fn grade(&mut self, g: Grade, ctx: &QuizContext, fx: &mut Effect) {
        let now = (self.clock)();
        let Some(s) = self.session.as_mut() else {
            return;
        };
        match s.grade(&mut self.progress, g, now) {
            Ok(None) => {}
            Ok(Some(e)) => fx.message = Some(format!("Progress not saved yet (will retry): {e}")),
            Err(e) => {
                fx.message = Some(format!(
                    "{e}: press {} or {}",
                    ctx.key(Action::QuizGradeAgain),
                    ctx.key(Action::QuizNext)
                ))
            }
        }
        fx.refresh_tree = true;
    }

    /// Applies a new filter to the list, keeping the selected item selected when it is still
    /// listed (else the first row).
    fn refilter(
        &mut self,
        guide: &Guide,
        selected: Option<String>,
        topic: Option<String>,
        kind: Option<QuizKind>,
    ) {
        self.list_topic = topic;
        self.list_kind = kind;
        let items = self.list_items(guide);
        let row = selected
            .and_then(|id| items.iter().position(|d| d.item.id == id))
            .unwrap_or(0);
        self.list = Some(row);
    }

    /// Keys while the item list is open; false when the list is closed or the action is not
    /// the list's.
    fn list_apply(&mut self, action: &Action, ctx: &QuizContext, fx: &mut Effect) -> bool {
        let Some(sel) = self.list else {
            return false;
        };
        let items = self.list_items(ctx.guide);
        let n = items.len();
        // Any key but a second reset keeps the topic's progress.
        let reset_pending = self.confirm_reset.take();
        let selected = items.get(sel);
        let selected_id = selected.map(|d| d.item.id.clone());
        let kind = self.list_kind;
        match action {
            Action::QuizList | Action::Close => {
                self.list = None;
                self.list_open = false;
            }
            Action::QuizOptionNext => self.list = Some((sel + 1).min(n.saturating_sub(1))),
            Action::QuizOptionPrev => self.list = Some(sel.saturating_sub(1)),
            // Filters, with the keys of the modes and answers they resemble: the topic of the
            // selected row (again: every topic), one kind (again: both), or everything.
            Action::QuizModeTopic => {
                let topic = match &self.list_topic {
                    Some(_) => None,
                    None => selected.map(|d| d.topic_id.clone()),
                };
                self.refilter(ctx.guide, selected_id, topic, kind);
            }
            Action::AnswerMyth | Action::QuizOptionB => {
                let wanted = if *action == Action::AnswerMyth {
                    QuizKind::MythFact
                } else {
                    QuizKind::BestOfFive
                };
                let kind = (kind != Some(wanted)).then_some(wanted);
                let topic = self.list_topic.clone();
                self.refilter(ctx.guide, selected_id, topic, kind);
            }
            Action::QuizModeAll => self.refilter(ctx.guide, selected_id, None, None),
            Action::QuizSuspend => {
                if let Some(d) = selected {
                    self.toggle_suspended(&d.item.id, fx);
                }
            }
            // Enter shows the item in full with its answer (again: back to the list); it is
            // not asked, so nothing is recorded.
            Action::QuizNext => self.list_open = !self.list_open && selected.is_some(),
            Action::QuizOpenSection => {
                if let Some(d) = selected {
                    self.list = None;
                    self.list_open = false;
                    fx.open_section = Some(d.item.section.clone());
                }
            }
            Action::QuizResetTopic => {
                if let Some(d) = selected {
                    let confirmed = reset_pending.as_deref() == Some(d.topic_id.as_str());
                    self.reset_topic(d, confirmed, ctx, fx);
                }
            }
            // Keys that would answer, grade or replace the session hidden behind the list do
            // nothing here; 1 and 2 switch tabs, as they do outside grading.
            Action::QuizGradeAgain => fx.next = Some(Action::TabBrowse),
            Action::QuizGradeHard => fx.next = Some(Action::TabSearch),
            Action::AnswerFact
            | Action::QuizOptionC
            | Action::QuizModeDue
            | Action::QuizModeMissed
            | Action::QuizModeExam
            | Action::QuizExamMore
            | Action::QuizExamFewer
            | Action::QuizGradeGood
            | Action::QuizGradeEasy => {}
            _ => return false,
        }
        true
    }

    /// Suspends the item at the list's selection, or takes it back.
    fn toggle_suspended(&mut self, id: &str, fx: &mut Effect) {
        let on = !self.progress.is_suspended(id);
        fx.message = Some(match self.progress.set_suspended(id, on) {
            Ok(()) if on => format!("Suspended {id}"),
            Ok(()) => format!("Unsuspended {id}"),
            Err(e) => format!("Not saved yet (will retry): {e}"),
        });
    }

    /// Forgets the progress of the selected row's topic once `confirmed` (the key pressed a
    /// second time); the first press asks.
    fn reset_topic(
        &mut self,
        d: &quiz::DeckItem,
        confirmed: bool,
        ctx: &QuizContext,
        fx: &mut Effect,
    ) {
        if confirmed {
            // The whole topic, whatever the list's kind filter hides.
            let ids: Vec<String> = quiz::deck::build(ctx.guide, Some(&d.topic_id))
                .unwrap_or_default()
                .iter()
                .map(|i| i.item.id.clone())
                .collect();
            fx.message = Some(match self.progress.reset(&ids) {
                Ok(()) => format!(
                    "Progress of {} reset: its items are new again, none suspended",
                    d.topic_title
                ),
                Err(e) => format!("Not saved yet (will retry): {e}"),
            });
            fx.refresh_tree = true;
        } else {
            // The key comes first: a long title may cut the end of the status line.
            fx.message = Some(format!(
                "Press {} again to reset {}: progress forgotten, items unsuspended; \
                 other keys keep it",
                ctx.key(Action::QuizResetTopic),
                d.topic_title
            ));
            self.confirm_reset = Some(d.topic_id.clone());
        }
    }

    /// Keys outside the item list: the session, its modes and the exam length.
    fn session_apply(&mut self, action: &Action, ctx: &QuizContext, fx: &mut Effect) {
        match action {
            Action::QuizList => {
                self.list = Some(0);
                // The list opens on the session's topic, if it has one; both kinds.
                self.list_topic = self.topic.clone();
                self.list_kind = None;
                self.list_open = false;
                return;
            }
            Action::QuizResetTopic => {
                fx.message = Some(format!(
                    "Open the item list with {}, then {} resets a topic",
                    ctx.key(Action::QuizList),
                    ctx.key(Action::QuizResetTopic)
                ));
                return;
            }
            _ => {}
        }
        let case = self.asking_case();
        let letter = OPTION_ACTIONS.iter().position(|a| a == action);
        if case && let Some(i) = letter {
            self.give(Answer::Choice(i as u8), true, fx);
            return;
        }
        match action {
            // Outside a case the letters keep their global meaning.
            Action::QuizOptionB => fx.next = Some(Action::ToggleBookmark),
            Action::QuizOptionC => {}
            Action::QuizOptionPrev | Action::QuizOptionNext if case => {
                self.move_highlight(*action == Action::QuizOptionNext);
            }
            Action::QuizOptionPrev | Action::QuizOptionNext => {}
            Action::QuizNext if case => {
                self.give(Answer::Choice(self.highlight as u8), true, fx);
            }
            Action::AnswerMyth | Action::AnswerFact if case => {
                fx.message = Some(format!(
                    "This is a best-of-five case: choose {}",
                    option_keys(ctx.keymap)
                ));
            }
            Action::QuizGradeAgain
            | Action::QuizGradeHard
            | Action::QuizGradeGood
            | Action::QuizGradeEasy => self.grade_key(action, ctx, fx),
            Action::QuizUndo => self.undo(fx),
            Action::QuizSuspend => self.suspend_asked(ctx, fx),
            // A myth-or-fact answer leaves the highlight as it was.
            Action::AnswerMyth => self.give(Answer::Myth, false, fx),
            Action::AnswerFact => self.give(Answer::Fact, false, fx),
            Action::QuizNext => match self.session.as_mut() {
                Some(s) if s.phase() == Phase::Finished => self.start(ctx, fx),
                Some(s) => s.next(),
                None => {}
            },
            Action::QuizOpenSection => self.open_answered_section(ctx, fx),
            Action::QuizModeDue => self.set_mode(Mode::Due, None, ctx, fx),
            Action::QuizModeAll => self.set_mode(Mode::All, None, ctx, fx),
            Action::QuizModeMissed => self.set_mode(Mode::Missed, None, ctx, fx),
            Action::QuizModeExam => self.set_mode(Mode::Exam, None, ctx, fx),
            Action::QuizModeTopic => match ctx.tree_topic {
                Some(topic) => self.set_mode(Mode::Due, Some(topic.to_string()), ctx, fx),
                None => {
                    fx.message = Some(format!(
                        "Select a topic in the tree ({}), then press {} here",
                        ctx.key(Action::TabBrowse),
                        ctx.key(Action::QuizModeTopic)
                    ));
                }
            },
            Action::QuizExamMore | Action::QuizExamFewer => {
                self.exam_length(*action == Action::QuizExamMore, ctx, fx);
            }
            _ => {}
        }
    }

    /// Moves the highlighted option of a case one letter on or back.
    fn move_highlight(&mut self, next: bool) {
        let h = self.highlight;
        self.highlight = if next {
            (h + 1).min(OPTION_LETTERS.len() - 1)
        } else {
            h.saturating_sub(1)
        };
    }

    /// A grade key: grades the answer shown; outside grading the digits switch tabs, as
    /// everywhere else.
    fn grade_key(&mut self, action: &Action, ctx: &QuizContext, fx: &mut Effect) {
        if !self.showing_answer() {
            fx.next = match action {
                Action::QuizGradeAgain => Some(Action::TabBrowse),
                Action::QuizGradeHard => Some(Action::TabSearch),
                _ => None,
            };
            return;
        }
        let g = match action {
            Action::QuizGradeAgain => Grade::Again,
            Action::QuizGradeHard => Grade::Hard,
            Action::QuizGradeEasy => Grade::Easy,
            _ => Grade::Good,
        };
        self.grade(g, ctx, fx);
    }

    /// Takes back the last answer or suspension of the session.
    fn undo(&mut self, fx: &mut Effect) {
        let undone = self
            .session
            .as_mut()
            .and_then(|s| s.undo(&mut self.progress));
        fx.message = Some(match undone {
            Some(u) if u.answer => format!("Undone: the answer to {}", u.id),
            Some(u) => format!("Undone: {} is no longer suspended", u.id),
            None => "Nothing to undo".into(),
        });
        self.highlight = 0;
        self.refresh_tree_unless_exam(fx);
    }

    /// Suspends the item being asked.
    fn suspend_asked(&mut self, ctx: &QuizContext, fx: &mut Effect) {
        let r = self
            .session
            .as_mut()
            .and_then(|s| s.suspend(&mut self.progress));
        fx.message = match r {
            Some(Ok(id)) => Some(format!(
                "Suspended {id}: not asked again ({} undoes)",
                ctx.key(Action::QuizUndo)
            )),
            Some(Err(e)) => Some(format!("Suspension not saved yet (will retry): {e}")),
            None => None,
        };
    }

    /// Opens the section behind the answer shown; while asking, that would give the answer
    /// away.
    fn open_answered_section(&mut self, ctx: &QuizContext, fx: &mut Effect) {
        let Some(s) = self.session.as_ref() else {
            return;
        };
        match (s.feedback(), s.phase()) {
            (Some(f), _) => fx.open_section = Some(f.section.clone()),
            (None, Phase::Asking) => {
                fx.message = Some(format!(
                    "Answer first; then {} opens the section",
                    ctx.key(Action::QuizOpenSection)
                ));
            }
            (None, _) => {}
        }
    }

    /// A longer or shorter exam: restarted at once if an exam has not been answered yet.
    fn exam_length(&mut self, more: bool, ctx: &QuizContext, fx: &mut Effect) {
        let max = ctx.guide.quiz.len().max(1);
        let n = self.exam_count;
        self.exam_count = if more {
            (n + EXAM_STEP).min(max)
        } else {
            n.saturating_sub(EXAM_STEP).max(EXAM_STEP.min(max))
        };
        let fresh = self.session.as_ref().is_some_and(|s| s.answered() == 0);
        if self.mode == Mode::Exam && fresh {
            self.start(ctx, fx);
        } else {
            fx.message = Some(format!(
                "Exam length {}: press {} to start an exam",
                self.exam_count,
                ctx.key(Action::QuizModeExam)
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;
    use crate::quiz::deck;

    fn guide() -> Guide {
        let dir =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/case-guide");
        match crate::content::load_dir(&dir) {
            Ok(l) => l.guide,
            Err(p) => panic!("fixture guide invalid: {p:?}"),
        }
    }

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 1, 20, 9, 0, 0)
            .single()
            .expect("valid date")
    }

    /// A quiz asking these items in order, as the tab shows it before any key.
    fn quiz_on(guide: &Guide, ids: &[&str]) -> QuizState {
        let all = deck::build(guide, None).expect("deck builds");
        let items = ids
            .iter()
            .map(|id| all.iter().find(|d| d.item.id == *id).expect("item").clone())
            .collect();
        let mut q = QuizState::new();
        q.clock = now;
        q.seed = 7;
        q.session = Some(QuizSession::from_items(guide, Mode::All, items));
        q
    }

    fn ctx<'a>(guide: &'a Guide, keymap: &'a Keymap) -> QuizContext<'a> {
        QuizContext {
            guide,
            keymap,
            tree_topic: None,
        }
    }

    fn session(q: &QuizState) -> &QuizSession {
        q.session.as_ref().expect("a session")
    }

    fn current(q: &QuizState) -> String {
        session(q).current().expect("an item").id.clone()
    }

    #[test]
    fn answering_a_myth_shows_feedback_and_records_it() {
        let (g, k) = (guide(), Keymap::default());
        let mut q = quiz_on(&g, &["q-a", "q-b"]);
        let fx = q.apply(&Action::AnswerMyth, &ctx(&g, &k));
        assert_eq!(session(&q).phase(), Phase::Feedback);
        let fb = session(&q).feedback().expect("feedback");
        assert!(fb.correct, "q-a is a myth");
        assert_eq!(q.progress.get("q-a").map(|p| p.correct), Some(1));
        assert!(
            fx.refresh_tree,
            "the tree's gauges follow a practice answer"
        );
        assert_eq!(fx.next, None);
    }

    #[test]
    fn a_case_takes_letters_and_the_highlighted_option_not_modes() {
        let (g, k) = (guide(), Keymap::default());
        let mut q = quiz_on(&g, &["sba-sun", "q-a"]);
        let c = ctx(&g, &k);
        let fx = q.apply(&Action::AnswerMyth, &c);
        assert_eq!(
            fx.message.as_deref(),
            Some("This is a best-of-five case: choose a-e")
        );
        assert_eq!(session(&q).phase(), Phase::Asking);
        q.apply(&Action::QuizOptionNext, &c);
        assert_eq!(q.highlight, 1);
        q.apply(&Action::QuizNext, &c);
        let fb = session(&q).feedback().expect("feedback");
        assert_eq!(fb.given, Answer::Choice(1));
        assert!(fb.correct);
        assert_eq!(q.highlight, 0, "the next case starts on option a");
        assert_eq!(q.mode, Mode::Due, "the highlight chose, no mode changed");

        let mut q = quiz_on(&g, &["sba-sun"]);
        q.apply(&Action::QuizModeDue, &c);
        assert_eq!(
            session(&q).feedback().map(|f| f.given),
            Some(Answer::Choice(3)),
            "the mode key of option d chooses d while a case is asked"
        );
        assert_eq!(q.mode, Mode::Due);
        assert_eq!(q.choose(0), Effect::default(), "no case is asked now");
    }

    #[test]
    fn grading_reschedules_and_digits_switch_tabs_outside_grading() {
        let (g, k) = (guide(), Keymap::default());
        let c = ctx(&g, &k);
        let mut q = quiz_on(&g, &["q-a", "q-b"]);
        let fx = q.apply(&Action::QuizGradeAgain, &c);
        assert_eq!(fx.next, Some(Action::TabBrowse), "nothing to grade yet");
        assert_eq!(session(&q).phase(), Phase::Asking);

        q.apply(&Action::AnswerMyth, &c);
        let good_due = q.progress.get("q-a").expect("answered").card.due;
        let fx = q.apply(&Action::QuizGradeEasy, &c);
        assert_eq!(fx.next, None, "a grade is not a tab switch");
        assert!(q.progress.get("q-a").expect("answered").card.due > good_due);
        assert_eq!(current(&q), "q-b", "grading moves on");

        // A wrong answer is fixed at Again: another grade is refused and says which keys work.
        q.apply(&Action::AnswerMyth, &c);
        let fx = q.apply(&Action::QuizGradeEasy, &c);
        assert_eq!(session(&q).phase(), Phase::Feedback);
        let msg = fx.message.expect("a refusal");
        assert!(
            msg.contains("graded Again") && msg.contains("press 1 or Enter"),
            "{msg}"
        );
    }

    #[test]
    fn undo_restores_the_previous_card_and_asks_again() {
        let (g, k) = (guide(), Keymap::default());
        let c = ctx(&g, &k);
        let mut q = quiz_on(&g, &["q-a"]);
        q.apply(&Action::AnswerMyth, &c);
        q.apply(&Action::QuizGradeGood, &c);
        let before = q.progress.get("q-a").expect("answered once").clone();

        // The same item again in a new sitting, answered wrong this time.
        let progress = std::mem::replace(&mut q.progress, Progress::in_memory());
        q = QuizState {
            progress,
            ..quiz_on(&g, &["q-a", "q-b"])
        };
        q.apply(&Action::AnswerFact, &c);
        assert_ne!(q.progress.get("q-a"), Some(&before));
        let fx = q.apply(&Action::QuizUndo, &c);
        assert_eq!(q.progress.get("q-a"), Some(&before), "the card as it was");
        assert_eq!(current(&q), "q-a");
        assert_eq!(session(&q).phase(), Phase::Asking);
        assert_eq!(fx.message.as_deref(), Some("Undone: the answer to q-a"));
        let fx = q.apply(&Action::QuizUndo, &c);
        assert_eq!(fx.message.as_deref(), Some("Nothing to undo"));
    }

    #[test]
    fn suspend_skips_the_item_and_undo_takes_it_back() {
        let (g, k) = (guide(), Keymap::default());
        let c = ctx(&g, &k);
        let mut q = quiz_on(&g, &["q-a", "q-b"]);
        let fx = q.apply(&Action::QuizSuspend, &c);
        assert!(q.progress.is_suspended("q-a"));
        assert_eq!(current(&q), "q-b");
        let msg = fx.message.expect("says so");
        assert!(
            msg.contains("Suspended q-a") && msg.contains("(u undoes)"),
            "{msg}"
        );
        q.apply(&Action::QuizUndo, &c);
        assert!(!q.progress.is_suspended("q-a"));
        assert_eq!(current(&q), "q-a");
    }

    #[test]
    fn an_exam_hides_its_score_until_the_report() {
        let (g, k) = (guide(), Keymap::default());
        let c = ctx(&g, &k);
        let mut q = quiz_on(&g, &[]);
        q.session = None;
        q.clock = now;
        let fx = q.apply(&Action::QuizModeExam, &c);
        assert!(
            fx.refresh_tree,
            "starting an exam lets held-back gauges catch up"
        );
        assert_eq!(q.mode, Mode::Exam);
        assert!(q.exam_running());
        assert_eq!(q.mode_name(&g), "exam of 10");
        assert_eq!(
            session(&q).position().1,
            8,
            "capped at the guide's eight items"
        );
        let fx = q.apply(&Action::AnswerMyth, &c);
        assert!(!fx.refresh_tree, "the gauges would give the score away");
        assert!(!q.showing_answer(), "no feedback in an exam");
        assert_eq!(session(&q).phase(), Phase::Asking);
        // The last answer ends the exam: the report and the gauges come together.
        let mut fx = Effect::default();
        for _ in 0..7 {
            // Enter chooses the highlighted option of a case.
            let answer = if q.asking_case() {
                Action::QuizNext
            } else {
                Action::AnswerMyth
            };
            fx = q.apply(&answer, &c);
        }
        assert_eq!(session(&q).phase(), Phase::Finished);
        assert!(!q.exam_running());
        assert!(fx.refresh_tree);
        assert_eq!(session(&q).exam_report().map(|r| r.total), Some(8));
        let fx = q.apply(&Action::QuizOpenSection, &c);
        assert_eq!(fx.open_section, None, "the section would give answers away");
    }

    #[test]
    fn the_list_filters_by_kind_and_topic_keeping_the_selection() {
        let (g, k) = (guide(), Keymap::default());
        let c = ctx(&g, &k);
        let mut q = quiz_on(&g, &["q-a"]);
        q.apply(&Action::QuizList, &c);
        assert_eq!(q.list, Some(0));
        let all = q.list_items(&g);
        assert!(all.iter().any(|d| d.item.kind() == QuizKind::MythFact));
        assert!(all.iter().any(|d| d.item.kind() == QuizKind::BestOfFive));

        // The key of option b keeps best-of-five items only; again: both kinds.
        q.apply(&Action::QuizOptionB, &c);
        assert_eq!(q.list_kind, Some(QuizKind::BestOfFive));
        let cases = q.list_items(&g);
        assert!(!cases.is_empty());
        assert!(cases.iter().all(|d| d.item.kind() == QuizKind::BestOfFive));
        q.apply(&Action::QuizOptionNext, &c);
        let picked = cases[1].item.id.clone();
        q.apply(&Action::QuizOptionB, &c);
        assert_eq!(q.list_kind, None);
        let row = q.list.expect("still open");
        assert_eq!(q.list_items(&g)[row].item.id, picked, "the selection stays");

        q.apply(&Action::AnswerMyth, &c);
        assert!(
            q.list_items(&g)
                .iter()
                .all(|d| d.item.kind() == QuizKind::MythFact)
        );
        q.apply(&Action::QuizModeTopic, &c);
        let topic = q.list_topic.clone().expect("the selected row's topic");
        assert!(q.list_items(&g).iter().all(|d| d.topic_id == topic));
        q.apply(&Action::QuizModeAll, &c);
        assert_eq!((q.list_topic.clone(), q.list_kind), (None, None));
        assert_eq!(q.list_items(&g).len(), all.len());

        // Keys that would answer behind the list do nothing; Esc closes it.
        q.apply(&Action::AnswerFact, &c);
        assert!(q.progress.get("q-a").is_none());
        q.apply(&Action::Close, &c);
        assert_eq!(q.list, None);
    }

    #[test]
    fn a_topic_reset_asks_first_and_any_other_key_keeps_progress() {
        let (g, k) = (guide(), Keymap::default());
        let c = ctx(&g, &k);
        let mut q = quiz_on(&g, &["q-a"]);
        q.apply(&Action::AnswerMyth, &c);
        let topic = session(&q).feedback().expect("feedback").topic_id.clone();
        q.apply(&Action::QuizList, &c);
        let row = q
            .list_items(&g)
            .iter()
            .position(|d| d.item.id == "q-a")
            .expect("listed");
        q.list = Some(row);
        let fx = q.apply(&Action::QuizResetTopic, &c);
        assert_eq!(q.confirm_reset.as_deref(), Some(topic.as_str()));
        assert!(fx.message.expect("asks").starts_with("Press r again"));
        q.apply(&Action::QuizOptionNext, &c);
        q.apply(&Action::QuizOptionPrev, &c);
        q.apply(&Action::QuizResetTopic, &c);
        assert!(q.progress.get("q-a").is_some(), "another key came between");
        let fx = q.apply(&Action::QuizResetTopic, &c);
        assert!(q.progress.get("q-a").is_none(), "reset on the second press");
        assert!(fx.refresh_tree);
    }

    #[test]
    fn modes_start_sessions_and_a_topic_needs_one_picked_in_the_tree() {
        let (g, k) = (guide(), Keymap::default());
        let mut q = quiz_on(&g, &["q-a"]);
        let fx = q.apply(&Action::QuizModeTopic, &ctx(&g, &k));
        let msg = fx.message.expect("explains");
        assert!(msg.starts_with("Select a topic in the tree"), "{msg}");
        let c = QuizContext {
            tree_topic: Some("care"),
            ..ctx(&g, &k)
        };
        q.apply(&Action::QuizModeTopic, &c);
        assert_eq!((q.mode, q.topic.as_deref()), (Mode::Due, Some("care")));
        assert_eq!(q.mode_name(&g), "Aftercare", "the title, not the id");
        q.apply(&Action::QuizModeMissed, &c);
        assert_eq!((q.mode, q.topic.as_deref()), (Mode::Missed, None));
        let fx = q.apply(&Action::QuizExamMore, &c);
        assert_eq!(q.exam_count, 8, "never more than the guide's items");
        assert!(fx.message.expect("says how").contains("to start an exam"));
    }

    #[test]
    fn the_answers_section_opens_only_after_answering() {
        let (g, k) = (guide(), Keymap::default());
        let c = ctx(&g, &k);
        let mut q = quiz_on(&g, &["q-a"]);
        let fx = q.apply(&Action::QuizOpenSection, &c);
        assert_eq!(fx.open_section, None);
        assert!(fx.message.expect("explains").starts_with("Answer first"));
        q.apply(&Action::AnswerMyth, &c);
        let section = session(&q).feedback().expect("feedback").section.clone();
        let fx = q.apply(&Action::QuizOpenSection, &c);
        assert_eq!(fx.open_section, Some(section));
    }
}
