//! The quiz tab: one statement at a time, "Myth or fact?", feedback that teaches, modes,
//! the exam report and a session summary. The session itself is `crate::quiz::QuizSession`;
//! this file only keeps which mode to run and draws it.

use chrono::{DateTime, Utc};
use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Widget};

use crate::content::{Answer, Guide, OPTION_LETTERS};
use crate::format;
use crate::quiz::{self, Grade, Mode, Phase, Progress, QuizSession, SessionOptions};
use crate::tui::action::Action;
use crate::tui::app::{App, Focus, Tab};
use crate::tui::keymap::Scope;
use crate::tui::text::{self, Piece, truncate};

/// The quiz state the browser keeps: progress, the running session and how to start the next.
pub struct QuizUi {
    pub progress: Progress,
    pub session: Option<QuizSession>,
    pub mode: Mode,
    /// Topic id for a one-topic session (picked in the tree with `t`).
    pub topic: Option<String>,
    pub exam_count: usize,
    /// Shuffle seed for `all` and `exam`; tests fix it, the binary takes the clock.
    pub seed: u64,
    /// The clock; tests fix it so schedules are reproducible.
    pub clock: fn() -> DateTime<Utc>,
    warning: Option<String>,
    /// The option the arrows highlight while a case is asked (Enter chooses it).
    pub highlight: usize,
    /// Screen rows of the options drawn last frame, for clicks: `(y, option)`.
    pub option_rows: Vec<(u16, u8)>,
    /// The item list, when open: the selected row.
    pub list: Option<usize>,
    /// The topic whose reset waits for a second `r`.
    pub confirm_reset: Option<String>,
}

const EXAM_DEFAULT: usize = 10;
/// The marker after the last option (see `render`).
const OPTIONS_END: u8 = u8::MAX;
/// The marker before the selected row of the item list, which `render` scrolls into view.
const LIST_SELECTED: u8 = u8::MAX - 1;
const EXAM_STEP: usize = 5;

impl Default for QuizUi {
    fn default() -> Self {
        QuizUi::new()
    }
}

impl QuizUi {
    /// A quiz with progress kept in memory until [`QuizUi::attach_store`] points it at a file.
    pub fn new() -> QuizUi {
        QuizUi {
            progress: Progress::in_memory(),
            session: None,
            mode: Mode::Due,
            topic: None,
            exam_count: EXAM_DEFAULT,
            seed: Utc::now().timestamp_micros() as u64,
            clock: Utc::now,
            warning: None,
            highlight: 0,
            option_rows: Vec::new(),
            list: None,
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
}

/// Starts a session with the current settings.
pub fn start(app: &mut App) {
    let now = (app.quiz.clock)();
    let opts = app.quiz.options();
    match QuizSession::new(&app.guide, &app.quiz.progress, opts, now) {
        Ok(s) => app.quiz.session = Some(s),
        Err(e) => {
            app.message = Some(format!("Cannot start the quiz: {e}"));
            app.quiz.topic = None;
        }
    }
    // A new shuffle next time, still reproducible from the first seed.
    app.quiz.seed = app
        .quiz
        .seed
        .wrapping_mul(6364136223846793005)
        .wrapping_add(1);
}

/// Switching to the tab starts a session the first time; later it resumes where it was.
pub fn on_enter(app: &mut App) {
    if app.quiz.session.is_none() {
        start(app);
    }
}

fn set_mode(app: &mut App, mode: Mode, topic: Option<String>) {
    app.quiz.mode = mode;
    app.quiz.topic = topic;
    start(app);
}

/// Whether a best-of-five case is waiting for its answer.
fn asking_case(app: &App) -> bool {
    app.quiz.session.as_ref().is_some_and(|s| {
        s.phase() == Phase::Asking && s.current().is_some_and(|i| i.case.is_some())
    })
}

fn showing_answer(app: &App) -> bool {
    app.quiz
        .session
        .as_ref()
        .is_some_and(|s| s.phase() == Phase::Feedback)
}

/// Answers the current item and reports a failed save.
fn give(app: &mut App, given: Answer) {
    let now = (app.quiz.clock)();
    let ui = &mut app.quiz;
    let Some(outcome) = ui
        .session
        .as_mut()
        .and_then(|s| s.answer(&mut ui.progress, given, now))
    else {
        return;
    };
    ui.highlight = 0;
    if let Some(e) = outcome.save_error {
        app.message = Some(format!("Progress not saved yet (will retry): {e}"));
    }
    app.rebuild_tree();
}

fn grade(app: &mut App, g: Grade) {
    let now = (app.quiz.clock)();
    let ui = &mut app.quiz;
    let Some(s) = ui.session.as_mut() else {
        return;
    };
    match s.grade(&mut ui.progress, g, now) {
        Ok(None) => {}
        Ok(Some(e)) => app.message = Some(format!("Progress not saved yet (will retry): {e}")),
        Err(e) => app.message = Some(format!("{e}: press 1 or Enter")),
    }
    app.rebuild_tree();
}

/// A click on an option of the case being asked chooses it.
pub fn click(app: &mut App, pos: Position) -> Option<Action> {
    if !asking_case(app) {
        return None;
    }
    let (_, i) = *app.quiz.option_rows.iter().find(|(y, _)| *y == pos.y)?;
    give(app, Answer::Choice(i));
    None
}

/// The items the list shows: the session's topic (or all), grouped by topic in guide order.
pub fn list_items(app: &App) -> Vec<quiz::DeckItem> {
    let mut items = quiz::deck::build(&app.guide, app.quiz.topic.as_deref()).unwrap_or_default();
    let pos = |id: &str| app.guide.topics.iter().position(|t| t.id == id);
    items.sort_by_key(|d| pos(&d.topic_id));
    items
}

/// Keys while the item list is open; `None` when the action is not the list's.
fn list_update(app: &mut App, action: &Action) -> Option<Option<Action>> {
    let sel = app.quiz.list?;
    let items = list_items(app);
    let n = items.len();
    let reset_pending = app.quiz.confirm_reset.take();
    match action {
        Action::QuizList | Action::Close => app.quiz.list = None,
        Action::QuizOptionNext => app.quiz.list = Some((sel + 1).min(n.saturating_sub(1))),
        Action::QuizOptionPrev => app.quiz.list = Some(sel.saturating_sub(1)),
        Action::QuizSuspend => {
            let d = items.get(sel)?;
            let on = !app.quiz.progress.is_suspended(&d.item.id);
            app.message = Some(match app.quiz.progress.set_suspended(&d.item.id, on) {
                Ok(()) if on => format!("Suspended {}", d.item.id),
                Ok(()) => format!("Unsuspended {}", d.item.id),
                Err(e) => format!("Not saved yet (will retry): {e}"),
            });
        }
        Action::QuizNext => {
            let section = items.get(sel)?.item.section.clone();
            app.quiz.list = None;
            app.memory.visit(&section);
            app.memory_dirty = true;
            app.show_section(&section, Vec::new());
            app.tab = Tab::Browse;
            app.focus = Focus::Reader;
            app.came_from_quiz = true;
        }
        Action::QuizResetTopic => {
            let d = items.get(sel)?;
            if reset_pending.as_deref() == Some(d.topic_id.as_str()) {
                let ids: Vec<String> = items
                    .iter()
                    .filter(|i| i.topic_id == d.topic_id)
                    .map(|i| i.item.id.clone())
                    .collect();
                app.message = Some(match app.quiz.progress.reset(&ids) {
                    Ok(()) => format!(
                        "Progress of {} reset: its items are new again",
                        d.topic_title
                    ),
                    Err(e) => format!("Not saved yet (will retry): {e}"),
                });
                app.rebuild_tree();
            } else {
                app.message = Some(format!(
                    "Forget all progress in {}? Press r again to reset, any other key keeps it",
                    d.topic_title
                ));
                app.quiz.confirm_reset = Some(d.topic_id.clone());
            }
        }
        _ => return None,
    }
    Some(None)
}

pub fn update(app: &mut App, action: Action) -> Option<Action> {
    on_enter(app);
    if let Some(next) = list_update(app, &action) {
        return next;
    }
    if action == Action::QuizList {
        app.quiz.list = Some(0);
        return None;
    }
    if action == Action::QuizResetTopic {
        app.message = Some("Open the item list with l, then r resets a topic".into());
        return None;
    }
    let case = asking_case(app);
    let letter = match action {
        Action::QuizModeAll => Some(0),
        Action::QuizOptionB => Some(1),
        Action::QuizOptionC => Some(2),
        Action::QuizModeDue => Some(3),
        Action::QuizModeExam => Some(4),
        _ => None,
    };
    if case && let Some(i) = letter {
        give(app, Answer::Choice(i));
        return None;
    }
    match action {
        Action::QuizOptionB | Action::QuizOptionC => {
            // Outside a case the letters keep their global meaning.
            return (action == Action::QuizOptionB).then_some(Action::ToggleBookmark);
        }
        Action::QuizOptionPrev | Action::QuizOptionNext if case => {
            let h = app.quiz.highlight;
            app.quiz.highlight = if action == Action::QuizOptionNext {
                (h + 1).min(OPTION_LETTERS.len() - 1)
            } else {
                h.saturating_sub(1)
            };
            return None;
        }
        Action::QuizOptionPrev | Action::QuizOptionNext => return None,
        Action::QuizNext if case => {
            give(app, Answer::Choice(app.quiz.highlight as u8));
            return None;
        }
        Action::AnswerMyth | Action::AnswerFact if case => {
            app.message = Some("This is a best-of-five case: choose a-e".into());
            return None;
        }
        Action::QuizGradeAgain
        | Action::QuizGradeHard
        | Action::QuizGradeGood
        | Action::QuizGradeEasy => {
            if !showing_answer(app) {
                // Outside grading the digits switch tabs, as everywhere else.
                return match action {
                    Action::QuizGradeAgain => Some(Action::TabBrowse),
                    Action::QuizGradeHard => Some(Action::TabSearch),
                    _ => None,
                };
            }
            let g = match action {
                Action::QuizGradeAgain => Grade::Again,
                Action::QuizGradeHard => Grade::Hard,
                Action::QuizGradeEasy => Grade::Easy,
                _ => Grade::Good,
            };
            grade(app, g);
            return None;
        }
        Action::QuizUndo => {
            let ui = &mut app.quiz;
            let undone = ui.session.as_mut().and_then(|s| s.undo(&mut ui.progress));
            app.message = Some(match undone {
                Some(u) if u.answer => format!("Undone: the answer to {}", u.id),
                Some(u) => format!("Undone: {} is no longer suspended", u.id),
                None => "Nothing to undo".into(),
            });
            app.quiz.highlight = 0;
            app.rebuild_tree();
            return None;
        }
        Action::QuizSuspend => {
            let ui = &mut app.quiz;
            let r = ui
                .session
                .as_mut()
                .and_then(|s| s.suspend(&mut ui.progress));
            app.message = match r {
                Some(Ok(id)) => Some(format!("Suspended {id}: not asked again (u undoes)")),
                Some(Err(e)) => Some(format!("Suspension not saved yet (will retry): {e}")),
                None => None,
            };
            return None;
        }
        _ => {}
    }
    match action {
        Action::AnswerMyth | Action::AnswerFact => {
            let given = if action == Action::AnswerMyth {
                Answer::Myth
            } else {
                Answer::Fact
            };
            let now = (app.quiz.clock)();
            let ui = &mut app.quiz;
            let outcome = ui
                .session
                .as_mut()
                .and_then(|s| s.answer(&mut ui.progress, given, now))?;
            if let Some(e) = outcome.save_error {
                app.message = Some(format!("Progress not saved yet (will retry): {e}"));
            }
            app.rebuild_tree();
        }
        Action::QuizNext => {
            let s = app.quiz.session.as_mut()?;
            if s.phase() == Phase::Finished {
                start(app);
            } else {
                s.next();
            }
        }
        Action::QuizOpenSection => {
            let s = app.quiz.session.as_ref()?;
            let section = match (s.feedback(), s.phase()) {
                (Some(f), _) => f.section.clone(),
                // While asking, opening the section would give the answer away.
                (None, Phase::Asking) => {
                    app.message = Some(format!(
                        "Answer first; then {} opens the section",
                        app.key(Scope::Quiz, Action::QuizOpenSection)
                    ));
                    return None;
                }
                (None, _) => return None,
            };
            app.memory.visit(&section);
            app.memory_dirty = true;
            app.show_section(&section, Vec::new());
            app.tab = Tab::Browse;
            app.focus = Focus::Reader;
            app.came_from_quiz = true;
        }
        Action::QuizModeDue => set_mode(app, Mode::Due, None),
        Action::QuizModeAll => set_mode(app, Mode::All, None),
        Action::QuizModeMissed => set_mode(app, Mode::Missed, None),
        Action::QuizModeExam => set_mode(app, Mode::Exam, None),
        Action::QuizModeTopic => {
            let Some(topic) = app.tree.selected().first().cloned() else {
                app.message = Some(format!(
                    "Select a topic in the tree ({}), then press {} here",
                    app.key(Scope::Quiz, Action::TabBrowse),
                    app.key(Scope::Quiz, Action::QuizModeTopic)
                ));
                return None;
            };
            set_mode(app, Mode::Due, Some(topic));
        }
        Action::QuizExamMore | Action::QuizExamFewer => {
            let max = app.guide.quiz.len().max(1);
            let n = app.quiz.exam_count;
            app.quiz.exam_count = if action == Action::QuizExamMore {
                (n + EXAM_STEP).min(max)
            } else {
                n.saturating_sub(EXAM_STEP).max(EXAM_STEP.min(max))
            };
            let fresh = app.quiz.session.as_ref().is_some_and(|s| s.answered() == 0);
            if app.quiz.mode == Mode::Exam && fresh {
                start(app);
            } else {
                app.message = Some(format!(
                    "Exam length {}: press {} to start an exam",
                    app.quiz.exam_count,
                    app.key(Scope::Quiz, Action::QuizModeExam)
                ));
            }
        }
        _ => {}
    }
    None
}

struct Out {
    lines: Vec<Line<'static>>,
    width: usize,
}

impl Out {
    fn blank(&mut self) {
        self.lines.push(Line::default());
    }
    fn para(&mut self, pieces: Vec<Piece>, centered: bool) {
        let w = text::wrap(&pieces, self.width, vec![], vec![]);
        for l in w.lines {
            self.lines.push(if centered { l.centered() } else { l });
        }
    }
    fn text(&mut self, s: &str, style: ratatui::style::Style, centered: bool) {
        self.para(vec![Piece::new(s, style)], centered);
    }
    fn indented(&mut self, pieces: Vec<Piece>) {
        let w = text::wrap(
            &pieces,
            self.width,
            vec![Span::raw("  ")],
            vec![Span::raw("    ")],
        );
        self.lines.extend(w.lines);
    }
}

fn mode_name(ui: &QuizUi) -> String {
    match (&ui.topic, ui.mode) {
        (Some(t), _) => format!("topic {t}"),
        (None, Mode::Exam) => format!("exam of {}", ui.exam_count),
        (None, m) => m.as_str().to_string(),
    }
}

/// The quiz screen's lines at a text width (also used by the tests).
pub fn lines(app: &App, width: usize) -> Vec<Line<'static>> {
    let theme = &app.theme;
    let mut o = Out {
        lines: Vec::new(),
        width: width.max(10),
    };
    let now = (app.quiz.clock)();
    if let Some(sel) = app.quiz.list {
        o.text("All items", theme.heading, false);
        let mut topic = String::new();
        for (i, d) in list_items(app).iter().enumerate() {
            if d.topic_id != topic {
                o.blank();
                o.text(&d.topic_title, theme.strong, false);
                topic = d.topic_id.clone();
            }
            let state = quiz::state_of(d, &app.quiz.progress, now);
            let style = if i == sel { theme.selected } else { theme.base };
            let kind = match d.item.kind() {
                crate::content::QuizKind::MythFact => "myth/fact",
                crate::content::QuizKind::BestOfFive => "best of 5",
            };
            let row = format!("  {:<9} {:<9} {}", state.as_str(), kind, d.item.statement);
            if i == sel {
                o.lines
                    .push(Line::from(Span::raw(format!("\u{0}{LIST_SELECTED}"))));
            }
            o.lines
                .push(Line::from(Span::styled(truncate(&row, width), style)));
        }
        o.blank();
        o.text(
            "j/k move · s suspend/unsuspend · Enter open section · r reset topic · l close",
            theme.dim,
            false,
        );
        return o.lines;
    }
    let Some(s) = app.quiz.session.as_ref() else {
        let k = app.key(Scope::Quiz, Action::QuizModeDue);
        o.text(&format!("Press {k} to start a quiz."), theme.dim, true);
        return o.lines;
    };
    match s.phase() {
        Phase::Asking => {
            let Some(entry) = s.current_entry() else {
                return o.lines;
            };
            if let Some(case) = &entry.item.case {
                o.blank();
                o.text("Best of five", theme.heading, true);
                o.blank();
                o.text(&entry.item.statement, theme.title, false);
                o.blank();
                for (i, (l, opt)) in OPTION_LETTERS.iter().zip(&case.options).enumerate() {
                    let style = if i == app.quiz.highlight {
                        theme.selected
                    } else {
                        theme.base
                    };
                    // Marks where each option starts, for clicks (see `render`).
                    o.lines.push(Line::from(Span::raw(format!("\u{0}{i}"))));
                    o.indented(vec![
                        Piece::new(format!("{l}) "), theme.status_key),
                        Piece::new(opt.clone(), style),
                    ]);
                }
                o.lines
                    .push(Line::from(Span::raw(format!("\u{0}{OPTIONS_END}"))));
                o.blank();
                o.text(&entry.topic_title, theme.dim, true);
                o.blank();
                o.lines.push(
                    Line::from(vec![
                        Span::styled("a-e", theme.status_key),
                        Span::raw(" choose   "),
                        Span::styled("↑↓ Enter", theme.status_key),
                        Span::raw(" highlight and choose   "),
                        Span::styled("click", theme.status_key),
                        Span::raw(" an option"),
                    ])
                    .centered(),
                );
                return o.lines;
            }
            o.blank();
            o.text("Myth or fact?", theme.heading, true);
            o.blank();
            o.text(&format!("“{}”", entry.item.statement), theme.title, true);
            o.blank();
            o.text(&entry.topic_title, theme.dim, true);
            o.blank();
            o.lines.push(
                Line::from(vec![
                    Span::styled(app.keys(Scope::Quiz, Action::AnswerMyth), theme.status_key),
                    Span::raw(" myth      "),
                    Span::styled(app.keys(Scope::Quiz, Action::AnswerFact), theme.status_key),
                    Span::raw(" fact"),
                ])
                .centered(),
            );
        }
        Phase::Feedback => {
            let Some(f) = s.feedback() else {
                return o.lines;
            };
            o.blank();
            if f.correct {
                o.text("✓ Correct", theme.good, true);
            } else {
                o.text("✗ Not quite", theme.bad, true);
            }
            let truth = match f.item.answer {
                Answer::Myth => "It is a MYTH.".to_string(),
                Answer::Fact => "It is a FACT.".to_string(),
                Answer::Choice(_) => format!("Best answer: {}", f.item.answer_text()),
            };
            o.text(&format!("“{}”", f.item.statement), theme.dim, true);
            o.text(&truth, theme.strong, true);
            o.blank();
            if let Some(case) = &f.item.case {
                for (i, (l, r)) in OPTION_LETTERS.iter().zip(&case.reasons).enumerate() {
                    let mark = if Answer::Choice(i as u8) == f.item.answer {
                        theme.good
                    } else if Answer::Choice(i as u8) == f.given {
                        theme.bad
                    } else {
                        theme.status_key
                    };
                    o.indented(vec![
                        Piece::new(format!("{l}) "), mark),
                        Piece::new(r.clone(), theme.base),
                    ]);
                }
            } else {
                o.para(vec![Piece::new(f.explanation.clone(), theme.base)], false);
            }
            o.blank();
            let labels: Vec<String> = f
                .sources
                .iter()
                .map(|id| app.guide.source_label(id))
                .collect();
            o.para(
                vec![
                    Piece::new("Sources: ", theme.strong),
                    Piece::new(labels.join("; "), theme.base),
                ],
                false,
            );
            o.para(
                vec![
                    Piece::new("Read more: ", theme.strong),
                    Piece::new(
                        format!("{} > {}", f.topic_title, f.section_title),
                        theme.link,
                    ),
                    Piece::new(
                        format!(
                            "  ({} opens it; {} comes back)",
                            app.key(Scope::Quiz, Action::QuizOpenSection),
                            app.key(Scope::Global, Action::TabQuiz)
                        ),
                        theme.dim,
                    ),
                ],
                false,
            );
            if f.requeued {
                o.text(
                    "This one comes back later in the session.",
                    theme.dim,
                    false,
                );
            }
            o.blank();
            let k = |a: Action| Span::styled(app.keys(Scope::Quiz, a), theme.status_key);
            let grades = if f.correct {
                vec![
                    k(Action::QuizGradeAgain),
                    Span::raw(" again  "),
                    k(Action::QuizGradeHard),
                    Span::raw(" hard  "),
                    // Moving on gives the natural grade, Good for a right answer.
                    Span::styled(
                        format!(
                            "{}/{}",
                            app.keys(Scope::Quiz, Action::QuizGradeGood),
                            app.key(Scope::Quiz, Action::QuizNext)
                        ),
                        theme.status_key,
                    ),
                    Span::raw(" good  "),
                    k(Action::QuizGradeEasy),
                    Span::raw(" easy   "),
                    k(Action::QuizUndo),
                    Span::raw(" undo"),
                ]
            } else {
                vec![
                    Span::raw("Graded again  "),
                    k(Action::QuizNext),
                    Span::raw(" next   "),
                    k(Action::QuizUndo),
                    Span::raw(" undo"),
                ]
            };
            o.lines.push(Line::from(grades).centered());
        }
        Phase::Finished => {
            if let Some(r) = s.exam_report() {
                o.text("Exam report", theme.heading, false);
                let pct = format::percent(r.score, r.total);
                o.text(
                    &format!("Score: {} / {} ({pct}%)", r.score, r.total),
                    theme.title,
                    false,
                );
                if r.unanswered > 0 {
                    o.text(
                        &format!("{} left unanswered", r.unanswered),
                        theme.dim,
                        false,
                    );
                }
                if !r.missed.is_empty() {
                    o.blank();
                    o.text("Missed:", theme.strong, false);
                    for (item, expl) in &r.missed {
                        o.indented(vec![
                            Piece::new(format!("“{}” ", item.statement), theme.strong),
                            Piece::new(format!("({}) ", item.answer.as_str()), theme.accent),
                            Piece::new(expl.clone(), theme.base),
                        ]);
                    }
                }
                o.blank();
            }
            let sum = s.summary(&app.quiz.progress);
            if sum.answered == 0 {
                o.blank();
                o.text(
                    &format!("Nothing to ask in mode “{}”.", mode_name(&app.quiz)),
                    theme.strong,
                    true,
                );
                let k = |a| app.key(Scope::Quiz, a);
                o.text(
                    &format!(
                        "Try {} (all items), {} (missed), {} (exam) or {} (topic picked in the tree).",
                        k(Action::QuizModeAll),
                        k(Action::QuizModeMissed),
                        k(Action::QuizModeExam),
                        k(Action::QuizModeTopic)
                    ),
                    theme.dim,
                    true,
                );
            } else {
                o.text("Session summary", theme.heading, false);
                let pct = format::percent(sum.score, sum.answered);
                o.text(
                    &format!(
                        "Score {} / {} ({pct}%) · streak {} · best streak {}",
                        sum.score, sum.answered, sum.streak, sum.best_streak
                    ),
                    theme.strong,
                    false,
                );
                if !sum.accuracy_by_topic.is_empty() {
                    o.blank();
                    o.text("Accuracy by topic", theme.strong, false);
                    for (_, title, right, total) in &sum.accuracy_by_topic {
                        let frac = *right as f32 / (*total).max(1) as f32;
                        o.indented(vec![
                            Piece::new(crate::tui::app::gauge(frac), theme.accent),
                            Piece::new(format!(" {right}/{total} "), theme.dim),
                            Piece::new(title.clone(), theme.base),
                        ]);
                    }
                }
                if !sum.due_next.is_empty() {
                    o.blank();
                    o.text("Due next", theme.strong, false);
                    for (id, due) in &sum.due_next {
                        let statement = app
                            .guide
                            .quiz
                            .iter()
                            .find(|q| q.id == *id)
                            .map(|q| q.statement.clone())
                            .unwrap_or_else(|| id.clone());
                        o.indented(vec![
                            Piece::new(format!("{:<15}", format::due(*due, now)), theme.accent),
                            Piece::new(truncate(&statement, width.saturating_sub(19)), theme.base),
                        ]);
                    }
                }
            }
            o.blank();
            o.lines.push(
                Line::from(vec![
                    Span::styled(app.key(Scope::Quiz, Action::QuizNext), theme.status_key),
                    Span::raw(" new session   "),
                    Span::styled(
                        [
                            Action::QuizModeDue,
                            Action::QuizModeAll,
                            Action::QuizModeMissed,
                            Action::QuizModeTopic,
                            Action::QuizModeExam,
                        ]
                        .map(|a| app.key(Scope::Quiz, a))
                        .join(" "),
                        theme.status_key,
                    ),
                    Span::raw(" change mode"),
                ])
                .centered(),
            );
        }
    }
    o.lines
}

pub fn render(app: &mut App, area: Rect, buf: &mut Buffer) {
    let theme = &app.theme;
    let mut title = format!(" Quiz · {} ", mode_name(&app.quiz));
    if let Some(s) = &app.quiz.session
        && s.phase() != Phase::Finished
    {
        let (n, of) = s.position();
        title.push_str(&format!("· {n} / {of} "));
        let sum_streak = s.summary(&app.quiz.progress).streak;
        if sum_streak > 1 {
            title.push_str(&format!("· streak {sum_streak} "));
        }
    }
    if let Ok(deck) = quiz::deck::build(&app.guide, app.quiz.topic.as_deref()) {
        let c = quiz::counts(&deck, &app.quiz.progress, (app.quiz.clock)());
        title.push_str(&format!(
            "· new {} · learning {} · due {} ",
            c.new, c.learning, c.due
        ));
    }
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border_focused)
        .title(Span::styled(title, theme.strong))
        .title_bottom(
            Line::styled(
                {
                    let k = |a| app.key(Scope::Quiz, a);
                    format!(
                        " {} due · {} all · {} missed · {} topic · {} exam ({}) {}/{} ",
                        k(Action::QuizModeDue),
                        k(Action::QuizModeAll),
                        k(Action::QuizModeMissed),
                        k(Action::QuizModeTopic),
                        k(Action::QuizModeExam),
                        app.quiz.exam_count,
                        k(Action::QuizExamMore),
                        k(Action::QuizExamFewer)
                    )
                },
                theme.dim,
            )
            .right_aligned(),
        );
    let inner = block.inner(area);
    block.render(area, buf);
    // Keep the statement in a readable column, centred, with a margin.
    let width = (inner.width.saturating_sub(4)).min(76);
    let col = Rect {
        x: inner.x + (inner.width.saturating_sub(width)) / 2,
        width,
        ..inner
    };
    let marked = lines(app, width as usize);
    // Option markers (a NUL then the option number) record where options start and are
    // not drawn.
    let mut all = Vec::with_capacity(marked.len());
    let mut starts: Vec<(usize, u8)> = Vec::new();
    for l in marked {
        let text: String = l.spans.iter().map(|s| s.content.as_ref()).collect();
        match text
            .strip_prefix('\u{0}')
            .and_then(|n| n.parse::<u8>().ok())
        {
            Some(i) => starts.push((all.len(), i)),
            None => all.push(l),
        }
    }
    if let Some(&(at, _)) = starts.iter().find(|(_, i)| *i == LIST_SELECTED) {
        // Keep the selected row of a long list in view.
        let skip = at.saturating_sub(col.height as usize / 2);
        all.drain(..skip.min(all.len()));
        starts.clear();
    }
    let h = all.len() as u16;
    let top = if h < col.height
        && matches!(
            app.quiz.session.as_ref().map(|s| s.phase()),
            Some(Phase::Asking)
        ) {
        (col.height - h) / 3
    } else {
        0
    };
    let area = Rect {
        y: col.y + top,
        height: col.height - top,
        ..col
    };
    let mut rows = Vec::new();
    for (n, &(start, i)) in starts.iter().enumerate() {
        if i == OPTIONS_END {
            continue;
        }
        let end = starts.get(n + 1).map_or(start + 1, |s| s.0);
        for line in start..end.max(start + 1) {
            let y = area.y as usize + line;
            if y < (area.y + area.height) as usize {
                rows.push((y as u16, i));
            }
        }
    }
    app.quiz.option_rows = rows;
    Paragraph::new(all).style(app.theme.base).render(area, buf);
}
