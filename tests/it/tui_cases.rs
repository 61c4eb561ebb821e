//! Best-of-five cases in the browser: options chosen by letter, by arrows and Enter, and by
//! mouse; grades 1-4 while the answer shows; undo and suspension; counts in the header.

use crate::tui_support;

use std::path::Path;

use mnguide::content::{Answer, load_dir};
use mnguide::quiz::{Mode, Phase, QuizSession, deck};
use mnguide::search::SearchIndex;
use mnguide::tui::action::Action;
use mnguide::tui::app::{App, Tab};
use mnguide::tui::keymap::Keymap;
use mnguide::tui::memory::Memory;
use mnguide::tui::theme::{Theme, ThemeName};
use mnguide::tui::update;
use tui_support::{find, fixed_now, keys, render, screen_text};

/// The browser on the case fixture, with a session asking the two cases, then q-a.
fn app() -> App {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/case-guide");
    let g = load_dir(&dir).expect("fixture loads").guide;
    let index = SearchIndex::build_in_memory(&g).expect("index builds");
    let mut a = App::new(
        g,
        Some(index),
        Keymap::default(),
        Theme::new(ThemeName::Dark, false),
        Memory::default(),
    );
    a.quiz.clock = fixed_now;
    let all = deck::build(&a.guide, None).unwrap();
    let pick = |id: &str| all.iter().find(|d| d.item.id == id).unwrap().clone();
    let items = vec![pick("sba-sun"), pick("sba-layers"), pick("q-a")];
    a.quiz.session = Some(QuizSession::from_items(&a.guide, Mode::All, items));
    keys(&mut a, "3");
    assert_eq!(a.tab, Tab::Quiz);
    a
}

fn phase(a: &App) -> Phase {
    a.quiz.session.as_ref().unwrap().phase()
}

fn current(a: &App) -> String {
    a.quiz
        .session
        .as_ref()
        .unwrap()
        .current()
        .unwrap()
        .id
        .clone()
}

#[test]
fn arrows_and_enter_choose_an_option_and_grades_reschedule() {
    let mut a = app();
    let screen = screen_text(render(&mut a, 100, 30).backend().buffer());
    assert!(screen.contains("Best of five"), "{screen}");
    assert!(
        screen.contains("a) Golf: sunbathe to speed healing"),
        "{screen}"
    );
    assert!(screen.contains("new 8 · learning 0 · due 0"), "{screen}");
    keys(&mut a, "Down Enter");
    assert_eq!(phase(&a), Phase::Feedback);
    let fb = a.quiz.session.as_ref().unwrap().feedback().unwrap().clone();
    assert!(fb.correct);
    assert_eq!(fb.given, Answer::Choice(1));
    let screen = screen_text(render(&mut a, 100, 30).backend().buffer());
    assert!(screen.contains("Best answer: b: Hotel"), "{screen}");
    assert!(screen.contains("3/Enter good"), "{screen}");
    let good_due = a.quiz.progress.get("sba-sun").unwrap().card.due;
    keys(&mut a, "4");
    assert!(a.quiz.progress.get("sba-sun").unwrap().card.due > good_due);
    assert_eq!(current(&a), "sba-layers");
    assert_eq!(a.tab, Tab::Quiz, "4 grades and does not switch tabs");

    // Undo: the case is asked again and progress is as before it was answered.
    keys(&mut a, "u");
    assert_eq!(current(&a), "sba-sun");
    assert_eq!(phase(&a), Phase::Asking);
    assert!(a.quiz.progress.get("sba-sun").is_none());
}

#[test]
fn letters_choose_even_those_shared_with_modes_and_a_wrong_answer_stays_again() {
    let mut a = app();
    keys(&mut a, "a");
    assert_eq!(a.quiz.mode, Mode::Due, "a chose option a, not the mode");
    let fb = a.quiz.session.as_ref().unwrap().feedback().unwrap().clone();
    assert!(!fb.correct);
    keys(&mut a, "4");
    assert_eq!(
        phase(&a),
        Phase::Feedback,
        "Easy is refused for a wrong answer"
    );
    assert!(a.message.as_deref().unwrap_or("").contains("graded Again"));
    keys(&mut a, "Enter");
    assert_eq!(current(&a), "sba-layers");
    keys(&mut a, "b");
    assert!(a.quiz.session.as_ref().unwrap().feedback().unwrap().correct);
    keys(&mut a, "Enter");
    assert_eq!(current(&a), "q-a");
    // On a myth-or-fact item the letters are modes again... and 1 switches tabs.
    keys(&mut a, "1");
    assert_eq!(a.tab, Tab::Browse);
}

#[test]
fn a_click_on_an_option_chooses_it() {
    let mut a = app();
    let t = render(&mut a, 100, 30);
    let (x, y) = find(t.backend().buffer(), "Juliet").expect("option d drawn");
    update::run(&mut a, Action::ClickAt { x, y });
    let fb = a.quiz.session.as_ref().unwrap().feedback().unwrap().clone();
    assert_eq!(fb.given, Answer::Choice(3));
}

#[test]
fn s_suspends_the_item_and_u_takes_it_back() {
    let mut a = app();
    keys(&mut a, "s");
    assert!(a.quiz.progress.is_suspended("sba-sun"));
    assert_eq!(current(&a), "sba-layers");
    let screen = screen_text(render(&mut a, 100, 30).backend().buffer());
    assert!(screen.contains("new 7 · learning 0 · due 0"), "{screen}");
    keys(&mut a, "u");
    assert!(!a.quiz.progress.is_suspended("sba-sun"));
    assert_eq!(current(&a), "sba-sun");
}

#[test]
fn the_item_list_shows_states_suspends_and_resets_a_topic_after_asking() {
    let mut a = app();
    keys(&mut a, "b Enter");
    keys(&mut a, "l");
    let screen = screen_text(render(&mut a, 100, 30).backend().buffer());
    assert!(screen.contains("All items"), "{screen}");
    assert!(screen.contains("Skin layers"), "{screen}");
    assert!(
        screen.contains("learning  best of 5 Foxtrot stem"),
        "{screen}"
    );
    assert!(
        screen.contains("new       myth/fact Alpha statement"),
        "{screen}"
    );
    // Rows: q-a, q-b, q-c, sba-layers (skin), then q-d, q-e, q-f, sba-sun (care).
    keys(&mut a, "j j j j j j j");
    keys(&mut a, "s");
    assert!(a.quiz.progress.is_suspended("sba-sun"));
    let screen = screen_text(render(&mut a, 100, 30).backend().buffer());
    assert!(
        screen.contains("suspended best of 5 Foxtrot stem"),
        "{screen}"
    );
    keys(&mut a, "s");
    assert!(!a.quiz.progress.is_suspended("sba-sun"));

    // Reset asks first: one r asks, another key keeps the progress, r r resets.
    keys(&mut a, "r");
    assert!(
        a.message
            .as_deref()
            .unwrap_or("")
            .contains("Forget all progress in Aftercare?")
    );
    keys(&mut a, "k");
    keys(&mut a, "j");
    assert!(
        a.quiz.progress.get("sba-sun").is_some(),
        "not reset without a second r"
    );
    keys(&mut a, "r r");
    assert!(a.quiz.progress.get("sba-sun").is_none());
    keys(&mut a, "l");
    assert_eq!(a.quiz.list, None);
}
