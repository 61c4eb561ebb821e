//! Browser behaviour under odd conditions, without a terminal: a screen too small to use.

use crate::tui_support;

use tui_support::{app, app_with, keymap_from, keys, render};

#[test]
fn on_a_too_small_screen_keys_do_not_reach_hidden_panes_and_q_quits() {
    let mut a = app();
    let term = render(&mut a, 20, 5);
    let shown = tui_support::screen_text(term.backend().buffer());
    assert!(
        shown.contains("q quits") || shown.contains("small"),
        "{shown}"
    );
    keys(&mut a, "/");
    assert!(a.search_ui.query().is_empty());
    keys(&mut a, "q");
    assert!(a.should_quit, "q quits as the notice says");
}

#[test]
fn the_too_small_notice_names_the_rebound_quit_key_even_from_the_search_box() {
    let mut a = app_with(
        mnguide::tui::memory::Memory::default(),
        keymap_from("[keys]\nquit = [\"ctrl-q\"]\n"),
        true,
    );
    keys(&mut a, "/");
    let shown = tui_support::screen_text(render(&mut a, 30, 6).backend().buffer());
    assert!(shown.contains("Ctrl-q quits"), "{shown}");
    keys(&mut a, "q");
    assert!(!a.should_quit, "q is no longer the quit key");
    keys(&mut a, "ctrl-q");
    assert!(a.should_quit, "the key the notice names quits");
}

#[test]
fn keys_work_again_once_the_terminal_is_big_enough() {
    let mut a = app();
    render(&mut a, 20, 5);
    render(&mut a, 100, 30);
    keys(&mut a, "/");
    assert_eq!(
        a.tab,
        mnguide::tui::app::Tab::Search,
        "/ opens search again"
    );
}

#[test]
fn scrolling_a_huge_section_does_not_lay_it_out_again() {
    let mut a = app();
    let id = a.guide.sections[0].id.clone();
    std::sync::Arc::make_mut(&mut a.guide).sections[0].body =
        "Collagen induction therapy word list. ".repeat(40_000);
    a.show_section(&id, Vec::new());
    keys(&mut a, "Tab");
    let started = std::time::Instant::now();
    render(&mut a, 100, 30);
    let first = started.elapsed();
    let started = std::time::Instant::now();
    for _ in 0..10 {
        keys(&mut a, "j");
        render(&mut a, 100, 30);
    }
    let ten = started.elapsed();
    assert!(a.reader.scroll > 0, "scrolled");
    assert!(
        ten < first,
        "ten scroll keys took {ten:?}, one layout {first:?}: the layout is not reused"
    );
}

#[test]
fn emoji_joined_with_zero_width_joiners_are_not_split_across_lines() {
    use mnguide::tui::text::{Piece, wrap};
    let family = "👩\u{200d}👩\u{200d}👧";
    let word = family.repeat(6);
    let w = wrap(
        &[Piece::new(word.clone(), ratatui::style::Style::new())],
        5,
        Vec::new(),
        Vec::new(),
    );
    let lines: Vec<String> = w
        .lines
        .iter()
        .map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect())
        .collect();
    assert!(lines.len() > 1, "{lines:?}");
    for l in &lines {
        assert!(
            !l.ends_with('\u{200d}'),
            "a line ends inside a joined emoji: {lines:?}"
        );
        assert!(!l.starts_with('\u{200d}'), "{lines:?}");
    }
    assert_eq!(lines.concat(), word, "nothing lost");
}
