//! The quiz view: one statement at a time, "Myth or fact?", feedback that teaches, modes,
//! the item list, the exam report and a session summary. It reads the quiz state
//! (`tui::quiz_state`) and writes only where the options were drawn into the frame's hit map.

use chrono::{DateTime, Utc};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, StatefulWidget, Widget};

use crate::content::{Answer, Guide, OPTION_LETTERS, QuizKind};
use crate::format;
use crate::quiz::{self, Phase};
use crate::tui::action::Action;
use crate::tui::app::{App, LastLayout};
use crate::tui::keymap::{Keymap, Scope};
use crate::tui::quiz_state::QuizState;
use crate::tui::text::{self, Piece, truncate};
use crate::tui::theme::Theme;

/// The marker after the last option (see `render`).
const OPTIONS_END: u8 = u8::MAX;
/// The marker before the selected row of the item list, which `render` scrolls into view.
const LIST_SELECTED: u8 = u8::MAX - 1;

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

/// The quiz tab as a widget: it reads the quiz state, the guide, the keymap for its hints
/// and the theme. As a [`StatefulWidget`] it also writes where each option of a case was
/// drawn into the frame's hit map, for clicks; as a [`Widget`] it only draws.
pub struct QuizView<'a> {
    pub quiz: &'a QuizState,
    pub guide: &'a Guide,
    pub keymap: &'a Keymap,
    pub theme: &'a Theme,
}

impl<'a> QuizView<'a> {
    pub fn of(app: &'a App) -> QuizView<'a> {
        QuizView {
            quiz: &app.quiz,
            guide: &app.guide,
            keymap: &app.keymap,
            theme: &app.theme,
        }
    }

    /// The first key for `action` in `scope`, as hints name it.
    fn key(&self, scope: Scope, action: Action) -> String {
        self.keymap.key_hint(scope, &action)
    }

    /// Every key for `action` in `scope` ("m / ←").
    fn keys(&self, scope: Scope, action: Action) -> String {
        self.keymap.keys_hint(scope, &action)
    }

    /// The session's name for the header (see `QuizState::mode_name`).
    /// "Sources: " and the labels of an item's sources, as everywhere else in the guide.
    fn sources_line(&self, o: &mut Out, sources: &[String]) {
        let labels: Vec<String> = sources
            .iter()
            .map(|id| self.guide.source_label(id))
            .collect();
        o.para(
            vec![
                Piece::new("Sources: ", self.theme.strong),
                Piece::new(labels.join("; "), self.theme.base),
            ],
            false,
        );
    }

    /// "Read more: " and where the section that teaches the item sits.
    fn read_more(&self, topic: &str, section: &str) -> Vec<Piece> {
        vec![
            Piece::new("Read more: ", self.theme.strong),
            Piece::new(format!("{topic} > {section}"), self.theme.link),
        ]
    }

    fn mode_name(&self) -> String {
        self.quiz.mode_name(self.guide)
    }

    /// One item of the list in full: what is asked, the answer, why, the sources and where it
    /// is taught, as the feedback after an answer shows them.
    fn item_in_full(&self, o: &mut Out, d: &quiz::DeckItem, now: DateTime<Utc>) {
        let theme = &self.theme;
        let item = &d.item;
        let state = quiz::state_of(d, &self.quiz.progress, now);
        o.para(
            vec![
                Piece::new(item.id.clone(), theme.heading),
                Piece::new(
                    format!(" · {} · {}", item.kind().as_str(), state.as_str()),
                    theme.dim,
                ),
            ],
            false,
        );
        o.blank();
        o.text(&item.statement, theme.title, false);
        match &item.case {
            Some(case) => {
                o.blank();
                for (i, (l, opt)) in OPTION_LETTERS.iter().zip(&case.options).enumerate() {
                    let best = Answer::Choice(i as u8) == item.answer;
                    o.indented(vec![
                        Piece::new(
                            format!("{l}) "),
                            if best { theme.good } else { theme.status_key },
                        ),
                        Piece::new(opt.clone(), if best { theme.strong } else { theme.base }),
                    ]);
                }
                o.blank();
                o.text(
                    &format!("Best answer: {}", item.answer_text()),
                    theme.strong,
                    false,
                );
                for (l, r) in OPTION_LETTERS.iter().zip(&case.reasons) {
                    o.indented(vec![
                        Piece::new(format!("{l}: "), theme.status_key),
                        Piece::new(r.clone(), theme.base),
                    ]);
                }
            }
            None => {
                o.blank();
                o.text(
                    &format!("It is a {}.", item.answer.as_str().to_uppercase()),
                    theme.strong,
                    false,
                );
                o.para(
                    vec![Piece::new(item.explanation.clone(), theme.base)],
                    false,
                );
            }
        }
        o.blank();
        self.sources_line(o, &item.sources);
        o.para(self.read_more(&d.topic_title, &d.section_title), false);
        o.blank();
        let k = |a| self.key(Scope::Quiz, a);
        o.text(
        &format!(
            "{} back to the list · {}/{} next/previous item · {} open section · {} suspend/unsuspend",
            k(Action::QuizNext),
            k(Action::QuizOptionNext),
            k(Action::QuizOptionPrev),
            k(Action::QuizOpenSection),
            k(Action::QuizSuspend)
        ),
        theme.dim,
        false,
    );
    }

    /// Every item with its state, grouped by topic, the selected one marked.
    fn item_list(
        &self,
        o: &mut Out,
        items: &[quiz::DeckItem],
        sel: usize,
        now: DateTime<Utc>,
        width: usize,
    ) {
        let theme = &self.theme;
        let stats = quiz::stats(self.guide, &self.quiz.progress, now);
        o.para(
            vec![
                Piece::new("All items", theme.heading),
                Piece::new(format!(" · {}", self.list_filters()), theme.dim),
            ],
            false,
        );
        o.text(quiz::stats::MASTERY_MEANING, theme.dim, false);
        if items.is_empty() {
            o.blank();
            o.text("No items match these filters.", theme.strong, false);
        }
        let mut topic = String::new();
        for (i, d) in items.iter().enumerate() {
            if d.topic_id != topic {
                o.blank();
                let progress = stats
                    .topics
                    .iter()
                    .find(|t| t.id == d.topic_id)
                    .map(quiz::stats::TopicStats::progress_line)
                    .unwrap_or_default();
                o.para(
                    vec![
                        Piece::new(d.topic_title.clone(), theme.strong),
                        Piece::new(format!(" · {progress}"), theme.dim),
                    ],
                    false,
                );
                topic = d.topic_id.clone();
            }
            let state = quiz::state_of(d, &self.quiz.progress, now);
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
        o.text(&self.list_keys(), theme.dim, false);
    }

    /// "topic · kind": what the item list shows.
    fn list_filters(&self) -> String {
        let kind = match self.quiz.list_kind {
            None => "both kinds",
            Some(QuizKind::MythFact) => "myth-or-fact only",
            Some(QuizKind::BestOfFive) => "best-of-five only",
        };
        let topic = match &self.quiz.list_topic {
            Some(id) => self.guide.topic(id).map_or(id.clone(), |t| t.title.clone()),
            None => "every topic".to_string(),
        };
        format!("{topic} · {kind}")
    }

    /// The item list's keys, for the line under it.
    fn list_keys(&self) -> String {
        let k = |a| self.key(Scope::Quiz, a);
        format!(
            "{}/{} move · {} show item · {} open section · {} this topic/all · \
             {} myth-or-fact · {} best of five · {} all · {} suspend/unsuspend · \
             {} reset topic · {} close",
            k(Action::QuizOptionNext),
            k(Action::QuizOptionPrev),
            k(Action::QuizNext),
            k(Action::QuizOpenSection),
            k(Action::QuizModeTopic),
            k(Action::AnswerMyth),
            k(Action::QuizOptionB),
            k(Action::QuizModeAll),
            k(Action::QuizSuspend),
            k(Action::QuizResetTopic),
            k(Action::QuizList)
        )
    }

    /// The item being asked: a statement to call myth or fact, or a case and its options.
    fn asking(&self, o: &mut Out, s: &quiz::QuizSession) {
        let theme = &self.theme;
        let Some(entry) = s.current_entry() else {
            return;
        };
        if let Some(case) = &entry.item.case {
            o.blank();
            o.text("Best of five", theme.heading, true);
            o.blank();
            o.text(&entry.item.statement, theme.title, false);
            o.blank();
            for (i, (l, opt)) in OPTION_LETTERS.iter().zip(&case.options).enumerate() {
                let style = if i == self.quiz.highlight {
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
            let choose = crate::tui::quiz_state::option_keys(self.keymap);
            let highlight = format!(
                "{}{} {}",
                self.key(Scope::Quiz, Action::QuizOptionPrev),
                self.key(Scope::Quiz, Action::QuizOptionNext),
                self.key(Scope::Quiz, Action::QuizNext)
            );
            o.lines.push(
                Line::from(vec![
                    Span::styled(choose, theme.status_key),
                    Span::raw(" choose   "),
                    Span::styled(highlight, theme.status_key),
                    Span::raw(" highlight and choose   "),
                    Span::styled("click", theme.status_key),
                    Span::raw(" an option"),
                ])
                .centered(),
            );
            return;
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
                Span::styled(self.keys(Scope::Quiz, Action::AnswerMyth), theme.status_key),
                Span::raw(" myth      "),
                Span::styled(self.keys(Scope::Quiz, Action::AnswerFact), theme.status_key),
                Span::raw(" fact"),
            ])
            .centered(),
        );
    }

    /// The verdict on the last answer, why, its sources and the grade keys.
    fn feedback(&self, o: &mut Out, s: &quiz::QuizSession) {
        let theme = &self.theme;
        let Some(f) = s.feedback() else {
            return;
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
        self.sources_line(o, &f.sources);
        let mut more = self.read_more(&f.topic_title, &f.section_title);
        more.push(Piece::new(
            format!(
                "  ({} opens it; {} comes back)",
                self.key(Scope::Quiz, Action::QuizOpenSection),
                self.key(Scope::Global, Action::TabQuiz)
            ),
            theme.dim,
        ));
        o.para(more, false);
        if f.requeued {
            o.text(
                "This one comes back later in the session.",
                theme.dim,
                false,
            );
        }
        o.blank();
        self.grade_keys(o, f.correct);
    }

    /// The end of a session: an exam's report, the summary and what is due next.
    fn finished(&self, o: &mut Out, s: &quiz::QuizSession, now: DateTime<Utc>, width: usize) {
        let theme = &self.theme;
        if let Some(r) = s.exam_report() {
            self.exam_report(o, &r);
        }
        let sum = s.summary(&self.quiz.progress);
        if sum.answered == 0 {
            o.blank();
            let what = match &self.quiz.topic {
                Some(_) => format!("Nothing to ask in {}.", self.mode_name()),
                None => format!("Nothing to ask in mode “{}”.", self.mode_name()),
            };
            o.text(&what, theme.strong, true);
            let k = |a| self.key(Scope::Quiz, a);
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
            self.summary(o, &sum, now, width);
        }
        o.blank();
        o.lines.push(
            Line::from(vec![
                Span::styled(self.key(Scope::Quiz, Action::QuizNext), theme.status_key),
                Span::raw(" new session   "),
                Span::styled(
                    [
                        Action::QuizModeDue,
                        Action::QuizModeAll,
                        Action::QuizModeMissed,
                        Action::QuizModeTopic,
                        Action::QuizModeExam,
                    ]
                    .map(|a| self.key(Scope::Quiz, a))
                    .join(" "),
                    theme.status_key,
                ),
                Span::raw(" change mode   "),
                Span::styled(self.key(Scope::Quiz, Action::QuizList), theme.status_key),
                Span::raw(" progress by topic"),
            ])
            .centered(),
        );
    }

    /// An exam's score and each missed item with its answer.
    fn exam_report(&self, o: &mut Out, r: &quiz::ExamReport) {
        let theme = &self.theme;
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

    /// The session's score and streaks, accuracy by topic and what is due next.
    fn summary(&self, o: &mut Out, sum: &quiz::SessionSummary, now: DateTime<Utc>, width: usize) {
        let theme = &self.theme;
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
                let statement = self
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

    /// The keys that grade an answer (a right one) or move on (a missed one).
    fn grade_keys(&self, o: &mut Out, correct: bool) {
        let theme = &self.theme;
        let k = |a: Action| Span::styled(self.keys(Scope::Quiz, a), theme.status_key);
        let grades = if correct {
            vec![
                k(Action::QuizGradeAgain),
                Span::raw(" again  "),
                k(Action::QuizGradeHard),
                Span::raw(" hard  "),
                // Moving on gives the natural grade, Good for a right answer.
                Span::styled(
                    format!(
                        "{}/{}",
                        self.keys(Scope::Quiz, Action::QuizGradeGood),
                        self.key(Scope::Quiz, Action::QuizNext)
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

    /// The quiz screen's lines at a text width (also used by the tests).
    pub fn lines(&self, width: usize) -> Vec<Line<'static>> {
        let theme = &self.theme;
        let mut o = Out {
            lines: Vec::new(),
            width: width.max(10),
        };
        let now = (self.quiz.clock)();
        if let Some(sel) = self.quiz.list {
            let items = self.quiz.list_items(self.guide);
            if self.quiz.list_open
                && let Some(d) = items.get(sel)
            {
                self.item_in_full(&mut o, d, now);
                return o.lines;
            }
            self.item_list(&mut o, &items, sel, now, width);
            return o.lines;
        }
        let Some(s) = self.quiz.session.as_ref() else {
            let k = self.key(Scope::Quiz, Action::QuizModeDue);
            o.text(&format!("Press {k} to start a quiz."), theme.dim, true);
            return o.lines;
        };
        match s.phase() {
            Phase::Asking => self.asking(&mut o, s),
            Phase::Feedback => self.feedback(&mut o, s),
            Phase::Finished => self.finished(&mut o, s, now, width),
        }
        o.lines
    }
}

/// Draws the app's quiz tab, recording where the options were drawn in `layout`.
pub fn render(app: &App, area: Rect, buf: &mut Buffer, layout: &mut LastLayout) {
    StatefulWidget::render(&QuizView::of(app), area, buf, layout);
}

impl Widget for &QuizView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        StatefulWidget::render(self, area, buf, &mut LastLayout::default());
    }
}

impl StatefulWidget for &QuizView<'_> {
    type State = LastLayout;

    fn render(self, area: Rect, buf: &mut Buffer, layout: &mut LastLayout) {
        let block = self.frame();
        let inner = block.inner(area);
        block.render(area, buf);
        // Keep the statement in a readable column, centred, with a margin.
        let width = (inner.width.saturating_sub(4)).min(76);
        let col = Rect {
            x: inner.x + (inner.width.saturating_sub(width)) / 2,
            width,
            ..inner
        };
        let (mut all, mut starts) = split_option_markers(self.lines(width as usize));
        if let Some(&(at, _)) = starts.iter().find(|(_, i)| *i == LIST_SELECTED) {
            // Keep the selected row of a long list in view.
            let skip = at.saturating_sub(col.height as usize / 2);
            all.drain(..skip.min(all.len()));
            starts.clear();
        }
        let h = all.len() as u16;
        let top = if h < col.height
            && self.quiz.list.is_none()
            && matches!(
                self.quiz.session.as_ref().map(|s| s.phase()),
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
        layout.quiz_options = option_rows(&starts, area);
        Paragraph::new(all).style(self.theme.base).render(area, buf);
    }
}

impl QuizView<'_> {
    /// The pane's border: the title with the session's place and counts, the mode keys
    /// along the bottom.
    fn frame(&self) -> Block<'static> {
        let theme = &self.theme;
        Block::default()
            .borders(Borders::ALL)
            .border_style(theme.border_focused)
            .title(Span::styled(self.title(), theme.strong))
            .title_bottom(Line::styled(self.mode_keys(), theme.dim).right_aligned())
    }

    /// "Quiz · mode · 3 / 10 · streak 2 · new 4 · learning 1 · due 2".
    fn title(&self) -> String {
        let mut title = format!(" Quiz · {} ", self.mode_name());
        if let Some(s) = &self.quiz.session
            && s.phase() != Phase::Finished
        {
            let (n, of) = s.position();
            title.push_str(&format!("· {n} / {of} "));
            let sum_streak = s.summary(&self.quiz.progress).streak;
            if sum_streak > 1 && !s.is_exam() {
                title.push_str(&format!("· streak {sum_streak} "));
            }
        }
        // While an exam runs the counts stay hidden too: a missed item falls due sooner than a
        // right one, so they would give the score away before the report.
        if !self.quiz.exam_running()
            && let Ok(deck) = quiz::deck::build(self.guide, self.quiz.topic.as_deref())
        {
            let c = quiz::counts(&deck, &self.quiz.progress, (self.quiz.clock)());
            title.push_str(&format!(
                "· new {} · learning {} · due {} ",
                c.new, c.learning, c.due
            ));
        }
        title
    }

    /// The mode and exam-length keys, for the bottom border. While a case waits for its
    /// answer three of those keys choose options instead, so the border says so rather than
    /// offer a mode the key would not pick.
    fn mode_keys(&self) -> String {
        if self.quiz.asking_case() {
            return format!(
                " {} choose an option · the mode keys work again after the answer ",
                crate::tui::quiz_state::option_keys(self.keymap)
            );
        }
        let k = |a| self.key(Scope::Quiz, a);
        format!(
            " {} due · {} all · {} missed · {} topic · {} exam ({}) {}/{} ",
            k(Action::QuizModeDue),
            k(Action::QuizModeAll),
            k(Action::QuizModeMissed),
            k(Action::QuizModeTopic),
            k(Action::QuizModeExam),
            self.quiz.exam_count,
            k(Action::QuizExamMore),
            k(Action::QuizExamFewer)
        )
    }
}

/// Option markers (a NUL then the option number) record where options start and are not
/// drawn: the lines without them, and each marker's line and number.
fn split_option_markers(marked: Vec<Line<'static>>) -> (Vec<Line<'static>>, Vec<(usize, u8)>) {
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
    (all, starts)
}

/// The screen rows each option's lines landed on in `area`, for clicks.
fn option_rows(starts: &[(usize, u8)], area: Rect) -> Vec<(u16, u8)> {
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
    rows
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::quiz::{Mode, QuizSession, deck};
    use crate::tui::theme::ThemeName;

    fn screen(buf: &Buffer) -> Vec<String> {
        let area = buf.area;
        (area.top()..area.bottom())
            .map(|y| {
                (area.left()..area.right())
                    .map(|x| buf[(x, y)].symbol())
                    .collect()
            })
            .collect()
    }

    #[test]
    fn a_case_records_where_each_option_is_drawn_for_clicks() {
        let dir =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/case-guide");
        let Ok(loaded) = crate::content::load_dir(&dir) else {
            panic!("the fixture guide loads");
        };
        let guide = loaded.guide;
        let all = deck::build(&guide, None).expect("deck builds");
        let case = all.iter().find(|d| d.item.id == "sba-sun").expect("case");
        let mut quiz = QuizState::new();
        quiz.session = Some(QuizSession::from_items(
            &guide,
            Mode::All,
            vec![case.clone()],
        ));
        let (keymap, theme) = (Keymap::default(), Theme::new(ThemeName::Dark, false));
        let view = QuizView {
            quiz: &quiz,
            guide: &guide,
            keymap: &keymap,
            theme: &theme,
        };
        let area = Rect::new(0, 0, 100, 30);
        let mut buf = Buffer::empty(area);
        let mut hits = LastLayout::default();
        StatefulWidget::render(&view, area, &mut buf, &mut hits);
        let rows = screen(&buf);
        for (letter, option) in [(0u8, "Golf"), (3, "Juliet")] {
            let y = rows
                .iter()
                .position(|r| r.contains(option))
                .expect("option drawn") as u16;
            assert!(
                hits.quiz_options.contains(&(y, letter)),
                "{option} on row {y}: {:?}",
                hits.quiz_options
            );
        }
    }
}
