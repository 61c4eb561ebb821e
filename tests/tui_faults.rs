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
