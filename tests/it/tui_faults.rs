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

/// A screen drawn without the final scrub of [`mnguide::tui::view::draw`], so what the
/// panes themselves put there is checked, not only the last defence.
fn unscrubbed(a: &mut mnguide::tui::app::App, w: u16, h: u16) -> ratatui::buffer::Buffer {
    let area = ratatui::layout::Rect::new(0, 0, w, h);
    let mut buf = ratatui::buffer::Buffer::empty(area);
    mnguide::tui::view::render(a, area, &mut buf);
    buf
}

fn assert_no_control_cells(buf: &ratatui::buffer::Buffer, what: &str) {
    for cell in buf.content.iter() {
        let bad = cell
            .symbol()
            .chars()
            .find(|&c| c.is_control() || mnguide::term::is_bidi_control(c));
        assert!(
            bad.is_none(),
            "{what}: a cell holds {bad:?}:\n{}",
            tui_support::screen_text(buf)
        );
    }
}

#[test]
fn a_search_typed_or_pasted_with_control_characters_shows_none_of_them() {
    let hostile = "sc\x1b]0;pwned\x07\u{202e}ar\x1b[1;31ms\t\u{9b}";
    let mut a = app();
    keys(&mut a, "/");
    tui_support::type_text(&mut a, hostile);
    let buf = unscrubbed(&mut a, 100, 30);
    assert_no_control_cells(&buf, "typed");
    assert_eq!(a.search_ui.query(), "sc]0;pwnedar[1;31ms");
    assert!(tui_support::find(&buf, "sc]0;pwnedar[1;31ms").is_some());

    let mut a = app();
    keys(&mut a, "/");
    mnguide::tui::pane::search::paste(&mut a, hostile);
    assert_no_control_cells(&unscrubbed(&mut a, 100, 30), "pasted");

    // Recent searches come from a file anything may have written to.
    // Measured as shown: two hundred bells take no columns and cut nothing short.
    let bells = format!("recent{}query", "\x07".repeat(200));
    let mut memory = mnguide::tui::memory::Memory::default();
    memory.recent_searches = vec![hostile.to_string(), bells];
    let mut a = app_with(memory, mnguide::tui::keymap::Keymap::default(), true);
    keys(&mut a, "/");
    let buf = unscrubbed(&mut a, 100, 30);
    assert_no_control_cells(&buf, "recent");
    let shown = tui_support::screen_text(&buf);
    assert!(
        shown.contains("]0;pwned"),
        "the recent search is listed:\n{shown}"
    );
    assert!(shown.contains("recentquery"), "shown whole:\n{shown}");
}
