//! The quiz tab: one statement at a time, "Myth or fact?", feedback that teaches, modes,
//! the exam report and a session summary. The session itself is `crate::quiz::QuizSession`;
//! this file only keeps which mode to run and draws it.

use chrono::{DateTime, Utc};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Widget};

use crate::content::{Answer, Guide};
use crate::quiz::{self, Mode, Phase, Progress, QuizSession, SessionOptions};
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
}

const EXAM_DEFAULT: usize = 10;
const EXAM_STEP: usize = 5;

impl QuizUi {
    /// A quiz with progress kept in memory until [`QuizUi::attach_store`] points it at a file.
    pub fn new(_guide: &Guide) -> QuizUi {
        QuizUi {
            progress: Progress::in_memory(),
            session: None,
            mode: Mode::Due,
            topic: None,
            exam_count: EXAM_DEFAULT,
            seed: Utc::now().timestamp_micros() as u64,
            clock: Utc::now,
            warning: None,
        }
    }

    /// Reads (and from now on saves) progress in `dir`; a damaged file becomes a warning.
    pub fn attach_store(&mut self, _guide: &Guide, dir: &std::path::Path) {
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

pub fn update(app: &mut App, action: Action) -> Option<Action> {
    on_enter(app);
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

fn when(due: DateTime<Utc>, now: DateTime<Utc>) -> String {
    let d = due - now;
    if d.num_minutes() < 1 {
        "now".to_string()
    } else if d.num_hours() < 1 {
        format!("in {} min", d.num_minutes())
    } else if d.num_days() < 1 {
        format!("in {} h", d.num_hours())
    } else if d.num_days() == 1 {
        "in 1 day".to_string()
    } else {
        format!("in {} days", d.num_days())
    }
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
    let Some(s) = app.quiz.session.as_ref() else {
        let k = app.key(Scope::Quiz, Action::QuizModeDue);
        o.text(&format!("Press {k} to start a quiz."), theme.dim, true);
        return o.lines;
    };
    let now = (app.quiz.clock)();
    match s.phase() {
        Phase::Asking => {
            let Some(entry) = s.current_entry() else {
                return o.lines;
            };
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
                Answer::Myth => "It is a MYTH.",
                Answer::Fact => "It is a FACT.",
            };
            o.text(&format!("“{}”", f.item.statement), theme.dim, true);
            o.text(truth, theme.strong, true);
            o.blank();
            o.para(vec![Piece::new(f.explanation.clone(), theme.base)], false);
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
                            app.key(Scope::Quiz, Action::TabQuiz)
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
            o.lines.push(
                Line::from(vec![
                    Span::styled(app.keys(Scope::Quiz, Action::QuizNext), theme.status_key),
                    Span::raw(" next"),
                ])
                .centered(),
            );
        }
        Phase::Finished => {
            if let Some(r) = s.exam_report() {
                o.text("Exam report", theme.heading, false);
                let pct = (r.score * 100).checked_div(r.total).unwrap_or(0);
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
                let pct = sum.score * 100 / sum.answered.max(1);
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
                            Piece::new(format!("{:<12}", when(*due, now)), theme.accent),
                            Piece::new(truncate(&statement, width.saturating_sub(16)), theme.base),
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
    let all = lines(app, width as usize);
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
    Paragraph::new(all).style(app.theme.base).render(area, buf);
}
