//! The quiz tab driven by keys: answer, feedback, open the teaching section and come back,
//! modes, the exam report and the summary; snapshots of each screen.

use crate::tui_support;

use insta::assert_snapshot;
use mnguide::content::Answer;
use mnguide::quiz::{Mode, Phase};
use mnguide::tui::app::{App, Focus, Tab};
use tui_support::{app, keys, render, screen_text};

fn current_answer(a: &App) -> Answer {
    a.quiz
        .session
        .as_ref()
        .and_then(|s| s.current())
        .map(|i| i.answer)
        .expect("an item is being asked")
}

fn answer_key(ans: Answer, right: bool) -> &'static str {
    match (ans, right) {
        (Answer::Myth, true) | (Answer::Fact, false) => "m",
        _ => "f",
    }
}

fn answer(a: &mut App, right: bool) {
    let k = answer_key(current_answer(a), right);
    keys(a, k);
}

fn phase(a: &App) -> Phase {
    a.quiz.session.as_ref().map(|s| s.phase()).expect("session")
}

#[test]
fn answer_see_feedback_open_the_section_and_come_back() {
    let mut a = app();
    keys(&mut a, "3");
    assert_eq!(a.tab, Tab::Quiz);
    assert_eq!(phase(&a), Phase::Asking);
    let statement = a
        .quiz
        .session
        .as_ref()
        .and_then(|s| s.current())
        .map(|i| i.statement.clone())
        .expect("item");
    let screen = screen_text(render(&mut a, 80, 24).backend().buffer());
    assert!(screen.contains("Myth or fact?"), "{screen}");
    assert!(screen.contains(&statement[..20]), "{screen}");
    let t = render(&mut a, 80, 24);
    assert_snapshot!("quiz_asking_80x24", t.backend());
    let t = render(&mut a, 120, 35);
    assert_snapshot!("quiz_asking_120x35", t.backend());

    answer(&mut a, true);
    assert_eq!(phase(&a), Phase::Feedback);
    let screen = screen_text(render(&mut a, 80, 24).backend().buffer());
    assert!(screen.contains("✓ Correct"), "{screen}");
    assert!(screen.contains("Sources:"), "{screen}");
    let t = render(&mut a, 80, 24);
    assert_snapshot!("quiz_feedback_80x24", t.backend());
    let t = render(&mut a, 120, 35);
    assert_snapshot!("quiz_feedback_120x35", t.backend());

    let section = a
        .quiz
        .session
        .as_ref()
        .and_then(|s| s.feedback())
        .map(|f| f.section.clone())
        .expect("feedback");
    keys(&mut a, "o");
    assert_eq!(a.tab, Tab::Browse);
    assert_eq!(a.focus, Focus::Reader);
    assert_eq!(a.reader.section.as_deref(), Some(section.as_str()));
    keys(&mut a, "j Backspace");
    assert_eq!(a.tab, Tab::Quiz, "Backspace returns to the quiz");
    assert_eq!(phase(&a), Phase::Feedback, "where it was");
    keys(&mut a, "n");
    assert_eq!(phase(&a), Phase::Asking);
}

#[test]
fn a_wrong_answer_says_not_quite_and_comes_back_then_the_summary_shows() {
    let mut a = app();
    keys(&mut a, "3");
    answer(&mut a, false);
    let screen = screen_text(render(&mut a, 80, 24).backend().buffer());
    assert!(screen.contains("✗ Not quite"), "{screen}");
    assert!(screen.contains("comes back later"), "{screen}");
    // Answer everything right from here on until the sitting ends.
    let mut guard = 0;
    while phase(&a) != Phase::Finished && guard < 20 {
        keys(&mut a, "Enter");
        if phase(&a) == Phase::Asking {
            answer(&mut a, true);
        }
        guard += 1;
    }
    assert_eq!(phase(&a), Phase::Finished);
    let screen = screen_text(render(&mut a, 80, 24).backend().buffer());
    assert!(screen.contains("Session summary"), "{screen}");
    assert!(screen.contains("Accuracy by topic"), "{screen}");
    assert!(screen.contains("Due next"), "{screen}");
    let t = render(&mut a, 80, 24);
    assert_snapshot!("quiz_summary_80x24", t.backend());
    let t = render(&mut a, 120, 35);
    assert_snapshot!("quiz_summary_120x35", t.backend());
    // The tree now shows mastery for the practised topics.
    let tree: String = a.tree_items.iter().map(|i| format!("{i:?}")).collect();
    assert!(tree.contains('%'), "{tree}");
}

#[test]
fn exam_mode_gives_no_feedback_until_the_scored_report() {
    let mut a = app();
    keys(&mut a, "3 e");
    assert_eq!(a.quiz.mode, Mode::Exam);
    let total = a
        .quiz
        .session
        .as_ref()
        .map(|s| s.position().1)
        .expect("session");
    assert_eq!(total, 3, "exam of 10 is capped at the 3 items of the guide");
    // First answer wrong, the rest right.
    answer(&mut a, false);
    assert_eq!(phase(&a), Phase::Asking, "no feedback in an exam");
    answer(&mut a, true);
    answer(&mut a, true);
    assert_eq!(phase(&a), Phase::Finished);
    let screen = screen_text(render(&mut a, 80, 24).backend().buffer());
    assert!(screen.contains("Exam report"), "{screen}");
    assert!(screen.contains("Score: 2 / 3"), "{screen}");
    assert!(screen.contains("Missed:"), "{screen}");
    let t = render(&mut a, 80, 24);
    assert_snapshot!("quiz_exam_report_80x24", t.backend());
    let t = render(&mut a, 120, 35);
    assert_snapshot!("quiz_exam_report_120x35", t.backend());
}

#[test]
fn modes_missed_topic_and_exam_length() {
    let mut a = app();
    keys(&mut a, "3 x");
    assert_eq!(a.quiz.mode, Mode::Missed);
    assert_eq!(phase(&a), Phase::Finished, "nothing missed yet");
    let screen = screen_text(render(&mut a, 80, 24).backend().buffer());
    assert!(screen.contains("Nothing to ask"), "{screen}");
    // Pick the aftercare topic in the tree, then `t` in the quiz.
    keys(&mut a, "1 j j t");
    assert_eq!(a.tree.selected(), ["aftercare".to_string()]);
    keys(&mut a, "3 t");
    assert_eq!(a.quiz.topic.as_deref(), Some("aftercare"));
    let item = a
        .quiz
        .session
        .as_ref()
        .and_then(|s| s.current())
        .map(|i| i.id.clone());
    assert_eq!(item.as_deref(), Some("q-sunscreen"));
    keys(&mut a, "a");
    assert_eq!(a.quiz.mode, Mode::All);
    assert_eq!(a.quiz.topic, None);
    keys(&mut a, "- -");
    assert_eq!(a.quiz.exam_count, 3, "never below the guide's size or 5");
}

#[test]
fn progress_is_saved_after_an_answer() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut a = app();
    a.quiz.attach_store(dir.path());
    keys(&mut a, "3");
    answer(&mut a, true);
    let file = dir.path().join(mnguide::quiz::PROGRESS_FILE);
    let text = std::fs::read_to_string(&file).expect("progress file written");
    let id = a
        .quiz
        .session
        .as_ref()
        .and_then(|s| s.current())
        .map(|i| i.id.clone())
        .expect("item");
    assert!(text.contains(&id), "{text}");
}

/// The quiz box's top border, where the header is.
fn header(a: &mut App) -> String {
    let screen = screen_text(render(a, 100, 30).backend().buffer());
    screen
        .lines()
        .find(|l| l.contains("┌ Quiz"))
        .unwrap_or_else(|| panic!("no quiz header:\n{screen}"))
        .to_string()
}

#[test]
fn a_running_exam_shows_no_streak_counts_or_mastery_until_the_report() {
    let mut a = app();
    keys(&mut a, "3 e");
    answer(&mut a, true);
    answer(&mut a, true);
    assert_eq!(phase(&a), Phase::Asking);
    let h = header(&mut a);
    assert!(h.contains("Quiz · exam of 10 · 3 / 3"), "{h}");
    assert!(!h.contains("streak"), "{h}");
    assert!(!h.contains("learning"), "{h}");
    let tree: String = a.tree_items.iter().map(|i| format!("{i:?}")).collect();
    assert!(
        !tree.contains('%'),
        "the tree gauges wait for the report: {tree}"
    );
    answer(&mut a, false);
    assert_eq!(phase(&a), Phase::Finished);
    let h = header(&mut a);
    assert!(h.contains("new 0 · learning 3 · due 0"), "{h}");
    let tree: String = a.tree_items.iter().map(|i| format!("{i:?}")).collect();
    assert!(tree.contains('%'), "{tree}");
}

#[test]
fn a_topic_session_is_named_by_the_topic_s_title() {
    let mut a = app();
    keys(&mut a, "1 j j t 3 t");
    assert_eq!(a.quiz.topic.as_deref(), Some("aftercare"));
    let h = header(&mut a);
    assert!(h.contains("Quiz · Aftercare · 1 / 1"), "{h}");
    assert!(!h.contains("topic"), "{h}");
    // Once the topic has nothing due, the message names it by title too.
    answer(&mut a, true);
    keys(&mut a, "Enter t");
    let screen = screen_text(render(&mut a, 100, 30).backend().buffer());
    assert!(screen.contains("Nothing to ask in Aftercare."), "{screen}");
}
