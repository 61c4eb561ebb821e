//! Fuzzing the two ways hostile bytes reach the screen: the input path (random bytes,
//! pastes and escape sequences, split at random points, fed to the browser's parser and
//! applied to a live app) and the renderers (random text in every field of a section,
//! printed by `show`, `export` and drawn by the browser). No output may hold a raw control,
//! C1 or bidi character, apart from the colour sequences the painter itself writes.

use crate::tui_support;

use std::time::{Duration, Instant};

use crossterm::event::Event;
use mnguide::cli::{export, render};
use mnguide::term::{Painter, is_unsafe, sanitize_output};
use mnguide::tui::rawinput::Parser;
use mnguide::tui::{pane, update, view};
use proptest::prelude::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use tui_support::app;

/// Pieces a hostile paste or guide is made of, mixed with arbitrary characters.
const FRAGMENTS: &[&str] = &[
    "\x1b",
    "\x1b[",
    "\x1b[?1049l",
    "\x1b[200~",
    "\x1b[201~",
    "\x1b]0;owned\x07",
    "\x1b[31m",
    "\x1b[<0;5;5M",
    "\x1b[M  !",
    "\u{9b}31m",
    "\u{202e}",
    "\u{2066}",
    "&#x202e;",
    "&#x9b;",
    "&#27;",
    "&rlm;",
    "\r",
    "\n",
    "\t",
    "\x03",
    "\x7f",
    "/",
    "q",
    "j",
    "- ",
    "> ",
    "`",
    "**",
    "| a | b |\n|---|---|\n",
    "👩\u{200d}👩\u{200d}👧",
];

fn hostile_text(max: usize) -> impl Strategy<Value = String> {
    proptest::collection::vec(
        prop_oneof![
            3 => proptest::sample::select(FRAGMENTS).prop_map(str::to_string),
            2 => any::<char>().prop_map(|c| c.to_string()),
            1 => "[a-z ]{1,8}",
        ],
        0..max,
    )
    .prop_map(|parts| parts.concat())
}

fn assert_clean_buffer(buf: &Buffer) -> Result<(), TestCaseError> {
    for cell in buf.content.iter() {
        let bad = cell
            .symbol()
            .chars()
            .find(|&c| c.is_control() || mnguide::term::is_bidi_control(c));
        prop_assert!(bad.is_none(), "cell holds {:?}", bad);
    }
    Ok(())
}

/// Terminal output with the painter's own colour sequences taken out: nothing unsafe left.
fn assert_clean_output(s: &str) -> Result<(), TestCaseError> {
    let mut rest = s.to_string();
    for code in ["0", "1", "2", "1;36", "1;33", "1;31", "35"] {
        rest = rest.replace(&format!("\x1b[{code}m"), "");
    }
    let bad = rest.chars().find(|&c| c != '\t' && is_unsafe(c));
    prop_assert!(bad.is_none(), "output holds {:?}", bad);
    Ok(())
}

fn draw(app: &mut mnguide::tui::app::App) -> Result<(), TestCaseError> {
    let mut terminal = Terminal::new(TestBackend::new(90, 28)).expect("terminal");
    terminal.draw(|f| view::draw(app, f)).expect("draw");
    assert_clean_buffer(terminal.backend().buffer())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn random_input_never_puts_a_control_character_on_screen(
        text in hostile_text(80),
        cuts in proptest::collection::vec(0usize..400, 0..6),
    ) {
        let bytes = text.as_bytes();
        let mut parser = Parser::default();
        let mut events = Vec::new();
        let t = Instant::now();
        let mut at = 0;
        let mut cuts = cuts;
        cuts.sort_unstable();
        for cut in cuts.into_iter().chain([bytes.len()]) {
            let cut = cut.min(bytes.len()).max(at);
            parser.feed(&bytes[at..cut], t, &mut events);
            at = cut;
        }
        // Whatever is left unfinished is resolved once its time limit passes.
        parser.timeout(t + Duration::from_secs(2), &mut events);
        prop_assert!(parser.pending_timeout().is_none(), "nothing held after the limit");
        let mut a = app();
        a.search_ui.defer = true;
        for ev in events {
            match ev {
                Event::Key(k) => {
                    if let Some(action) = update::key_action(&a, k) {
                        update::run(&mut a, action);
                    }
                }
                Event::Mouse(m) => {
                    if let Some(action) = update::mouse_action(m) {
                        update::run(&mut a, action);
                    }
                }
                Event::Paste(p) => pane::search::paste(&mut a, &p),
                _ => {}
            }
            if a.should_quit {
                break;
            }
        }
        pane::search::flush(&mut a);
        a.search_ui.defer = false;
        prop_assert!(!a.search_ui.query().chars().any(|c| c.is_control() || mnguide::term::is_bidi_control(c)));
        draw(&mut a)?;
    }

    #[test]
    fn random_content_in_every_renderer_prints_nothing_unsafe(
        title in hostile_text(12),
        summary in hostile_text(20),
        body in hostile_text(60),
        point in hostile_text(12),
    ) {
        let mut a = app();
        let id = a.guide.sections[0].id.clone();
        {
            let s = &mut std::sync::Arc::make_mut(&mut a.guide).sections[0];
            s.title = title;
            s.summary = summary;
            s.body = body;
            s.key_points = vec![point];
        }
        let guide = a.guide.clone();
        let section = &guide.sections[0];
        for color in [true, false] {
            let out = render::section(&guide, section, Painter { color }, 70);
            assert_clean_output(&sanitize_output(&out))?;
        }
        assert_clean_output(&sanitize_output(&export::markdown(&guide)))?;
        let json = mnguide::cli::to_json(&export::json_value(&guide)).expect("serialisable");
        assert_clean_output(&json)?;
        a.show_section(&id, Vec::new());
        draw(&mut a)?;
    }
}
