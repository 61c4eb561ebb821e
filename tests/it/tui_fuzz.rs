//! Any key sequence at any terminal size: the browser never panics, and what it draws stays
//! inside the screen. Typed text includes wide, combining and control characters.

use crate::tui_support;

use proptest::prelude::*;
use tui_support::{app, keys, render, type_text};

const TOKENS: &[&str] = &[
    "j",
    "k",
    "h",
    "l",
    "g",
    "G",
    "Enter",
    "Tab",
    "Esc",
    "Backspace",
    "[",
    "]",
    "b",
    "B",
    "?",
    "/",
    "1",
    "2",
    "3",
    "n",
    "N",
    "m",
    "f",
    "o",
    "d",
    "a",
    "x",
    "t",
    "e",
    "+",
    "-",
    "pgdn",
    "pgup",
    "up",
    "down",
    "left",
    "right",
    "ctrl-n",
    "ctrl-p",
    "ctrl-u",
    "space",
];

fn token() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => proptest::sample::select(TOKENS).prop_map(str::to_string),
        1 => "[a-z微针é\u{301}😀 ]{1,4}".prop_map(|s| format!("text:{s}")),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]
    #[test]
    fn random_keys_at_random_sizes_never_panic(
        seq in proptest::collection::vec(token(), 1..40),
        w in 1u16..160,
        h in 1u16..50,
    ) {
        let mut a = app();
        for t in &seq {
            match t.strip_prefix("text:") {
                Some(text) => type_text(&mut a, text),
                None => keys(&mut a, t),
            }
            if a.should_quit {
                break;
            }
            let term = render(&mut a, w, h);
            prop_assert_eq!(term.backend().buffer().area.width, w);
        }
    }
}
