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
use tui_support::{find, fixed_now, keymap_from, keys, render, screen_text};

/// The browser on the case fixture, with a session asking the two cases, then q-a.
fn app() -> App {
    app_keys(Keymap::default())
}

fn app_keys(keymap: Keymap) -> App {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/case-guide");
    let g = load_dir(&dir).expect("fixture loads").guide;
    let index = SearchIndex::build_in_memory(&g).expect("index builds");
    let mut a = App::new(
        g,
        Some(index),
        keymap,
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
fn while_a_case_waits_the_border_offers_the_option_keys_not_the_modes_they_stand_for() {
    let mut a = app();
    let screen = screen_text(render(&mut a, 100, 30).backend().buffer());
    assert!(screen.contains("a-e choose an option"), "{screen}");
    assert!(!screen.contains("exam ("), "{screen}");
    keys(&mut a, "b");
    let screen = screen_text(render(&mut a, 100, 30).backend().buffer());
    assert!(screen.contains("exam ("), "after the answer: {screen}");
    assert!(!screen.contains("choose an option"), "{screen}");
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
            .contains("Press r again to reset Aftercare: progress forgotten, items unsuspended"),
        "{:?}",
        a.message
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

/// The text of the quiz pane at 100x40, where the whole fixture list fits.
fn list_screen(a: &mut App) -> String {
    screen_text(render(a, 100, 40).backend().buffer())
}

#[test]
fn the_item_list_filters_by_kind_and_by_topic() {
    let mut a = app();
    keys(&mut a, "l");
    let screen = list_screen(&mut a);
    assert!(
        screen.contains("All items · every topic · both kinds"),
        "{screen}"
    );
    // b: cases only; the selection moves to the first row left.
    keys(&mut a, "b");
    let screen = list_screen(&mut a);
    assert!(
        screen.contains("All items · every topic · best-of-five only"),
        "{screen}"
    );
    assert!(
        screen.contains("Lima stem") && screen.contains("Foxtrot stem"),
        "{screen}"
    );
    assert!(!screen.contains("myth/fact"), "{screen}");
    assert_eq!(a.quiz.list, Some(0));
    // t: only the selected row's topic; the selected item stays selected.
    keys(&mut a, "j t");
    let screen = list_screen(&mut a);
    assert!(
        screen.contains("All items · Aftercare · best-of-five only"),
        "{screen}"
    );
    assert!(!screen.contains("Lima stem"), "{screen}");
    assert!(!screen.contains("Skin layers"), "{screen}");
    // s acts on the row shown, not on the row of the unfiltered list.
    keys(&mut a, "s");
    assert!(a.quiz.progress.is_suspended("sba-sun"));
    keys(&mut a, "s");
    // m: myth-or-fact only, still in the topic; m again: both kinds.
    keys(&mut a, "m");
    let screen = list_screen(&mut a);
    assert!(
        screen.contains("All items · Aftercare · myth-or-fact only"),
        "{screen}"
    );
    assert!(screen.contains("Delta statement"), "{screen}");
    assert!(!screen.contains("best of 5"), "{screen}");
    keys(&mut a, "m");
    assert_eq!(a.quiz.list_kind, None);
    assert_eq!(a.quiz.list_topic.as_deref(), Some("care"));
    // t again: every topic; a clears every filter.
    keys(&mut a, "b t");
    assert_eq!(a.quiz.list_topic, None);
    keys(&mut a, "a");
    assert_eq!((a.quiz.list_topic.clone(), a.quiz.list_kind), (None, None));
    assert_eq!(
        a.quiz.mode,
        Mode::Due,
        "a in the list filters, it does not change mode"
    );
    assert_eq!(a.tab, Tab::Quiz);
}

#[test]
fn the_item_list_shows_each_topic_s_progress_and_what_mastery_means() {
    let mut a = app();
    keys(&mut a, "b Enter l");
    let screen = list_screen(&mut a);
    assert!(
        screen.contains("Aftercare · 1 of 4 answered · right 100% · mastery 25%"),
        "{screen}"
    );
    assert!(
        screen.contains("Skin layers · not yet answered"),
        "{screen}"
    );
    assert!(!screen.contains("right 0%"), "{screen}");
    assert!(
        screen.contains(mnguide::quiz::stats::MASTERY_MEANING),
        "{screen}"
    );
}

#[test]
fn resetting_a_topic_in_the_list_unsuspends_its_items() {
    let mut a = app();
    keys(&mut a, "b Enter s");
    assert!(a.quiz.progress.is_suspended("sba-layers"));
    // Rows: q-a, q-b, q-c, sba-layers (skin), ...: reset the skin topic.
    keys(&mut a, "l j j j r");
    assert!(a.quiz.progress.is_suspended("sba-layers"), "asks first");
    keys(&mut a, "r");
    assert!(!a.quiz.progress.is_suspended("sba-layers"));
    assert!(
        a.quiz.progress.get("sba-sun").is_some(),
        "other topics keep theirs"
    );
    let screen = list_screen(&mut a);
    assert!(screen.contains("new       best of 5 Lima stem"), "{screen}");
    assert!(
        a.message
            .as_deref()
            .unwrap_or("")
            .contains("Skin layers reset"),
        "{:?}",
        a.message
    );
}

#[test]
fn enter_in_the_item_list_shows_the_item_in_full_without_asking_it() {
    let mut a = app();
    // Rows: q-a, q-b, q-c, sba-layers, ...: show the case on skin layers.
    keys(&mut a, "l j j j Enter");
    let screen = list_screen(&mut a);
    assert!(
        screen.contains("sba-layers · best-of-five · new"),
        "{screen}"
    );
    assert!(
        screen.contains("Lima stem: which layer holds the collagen"),
        "{screen}"
    );
    assert!(screen.contains("e) Quebec: the sweat"), "{screen}");
    assert!(
        screen.contains("Best answer: b: November: the dermis"),
        "{screen}"
    );
    assert!(
        screen.contains("b: November reason, dermal fibroblasts make collagen (Author 2024)."),
        "{screen}"
    );
    assert!(screen.contains("Sources: Author 2024"), "{screen}");
    assert!(
        screen.contains("Read more: Skin layers > The layers"),
        "{screen}"
    );
    assert!(
        a.quiz.progress.get("sba-layers").is_none(),
        "showing is not answering"
    );
    // j moves to the next item, still in full; Enter goes back to the list.
    keys(&mut a, "j");
    let screen = list_screen(&mut a);
    assert!(screen.contains("q-d · myth-or-fact · new"), "{screen}");
    assert!(screen.contains("It is a FACT."), "{screen}");
    keys(&mut a, "Enter");
    assert!(list_screen(&mut a).contains("All items"));
    // o opens the selected item's section in the reader.
    keys(&mut a, "o");
    assert_eq!(a.tab, Tab::Browse);
    assert_eq!(a.reader.section.as_deref(), Some("sun"));
    assert_eq!(a.quiz.list, None);
}

#[test]
fn keys_in_the_item_list_never_answer_the_item_behind_it() {
    let mut a = app();
    // A case is asked behind the list: its letters, grades and modes do nothing there.
    keys(&mut a, "l c d e x 3 4 f");
    assert_eq!(phase(&a), Phase::Asking);
    assert_eq!(current(&a), "sba-sun");
    assert_eq!(a.quiz.mode, Mode::Due);
    assert!(a.quiz.progress.get("sba-sun").is_none());
    assert_eq!(a.quiz.list, Some(0));
    keys(&mut a, "1");
    assert_eq!(a.tab, Tab::Browse);
}

#[test]
fn the_case_and_list_hints_name_the_rebound_keys() {
    // Every quiz action on an F-key or Alt key: no default key may be left in a hint.
    let names: Vec<String> = Keymap::default()
        .scope(mnguide::tui::keymap::Scope::Quiz)
        .filter_map(|b| b.action.name())
        .collect();
    let unusual: Vec<String> = (2..=12)
        .map(|n| format!("f{n}"))
        .chain(('a'..='z').map(|c| format!("alt-{c}")))
        .collect();
    let mut config = String::from("[keys.quiz]\n");
    for (name, k) in names.iter().zip(&unusual) {
        config.push_str(&format!("{name} = [\"{k}\"]\n"));
    }
    let mut a = app_keys(keymap_from(&config));
    let case = screen_text(render(&mut a, 100, 30).backend().buffer());
    assert!(case.contains("Best of five"), "{case}");
    let key = |a: &App, action: Action| a.key(mnguide::tui::keymap::Scope::Quiz, action);
    keys(&mut a, &config_key(&config, "quiz_list"));
    let list = screen_text(render(&mut a, 100, 30).backend().buffer());
    assert!(
        list.contains(&format!("{} suspend", key(&a, Action::QuizSuspend))),
        "{list}"
    );
    for (screen, name) in [(&case, "case"), (&list, "list")] {
        for wrong in [
            "a-e",
            "↑↓",
            "Enter",
            "j/k",
            " s suspend",
            "r reset",
            "l close",
        ] {
            assert!(!screen.contains(wrong), "{name} shows {wrong:?}:\n{screen}");
        }
    }
    assert!(case.contains(&key(&a, Action::QuizOptionB)), "{case}");
}

/// The key `config` gives `action`.
fn config_key(config: &str, action: &str) -> String {
    let line = config
        .lines()
        .find(|l| l.starts_with(&format!("{action} = ")))
        .expect("bound");
    line.split('"').nth(1).expect("quoted").to_string()
}

#[test]
fn esc_closes_the_item_list_and_leaves_the_item_being_asked() {
    let mut a = app();
    keys(&mut a, "l");
    assert_eq!(a.quiz.list, Some(0));
    keys(&mut a, "Esc");
    assert_eq!(a.quiz.list, None, "Esc closes the list");
    assert_eq!(a.tab, Tab::Quiz);
    assert_eq!(phase(&a), Phase::Asking);
    assert_eq!(current(&a), "sba-sun");
}
