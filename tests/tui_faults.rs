//! Browser behaviour under odd conditions, without a terminal: a screen too small to use.

mod tui_support;

use tui_support::{app, keys, render};

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
fn scrolling_a_huge_section_does_not_lay_it_out_again() {
    let mut a = app();
    let id = a.guide.sections[0].id.clone();
    a.guide.sections[0].body = "Collagen induction therapy word list. ".repeat(40_000);
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
