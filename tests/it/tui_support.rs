//! Shared helpers for the browser tests: an app on a fixture guide, key sequences, rendering
//! to a `TestBackend`.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use chrono::{DateTime, TimeZone, Utc};
use crossterm::event::KeyEvent;
use mnguide::content::{Guide, load_dir};
use mnguide::search::SearchIndex;
use mnguide::tui::app::App;
use mnguide::tui::keymap::{Key, Keymap};
use mnguide::tui::memory::Memory;
use mnguide::tui::theme::{Theme, ThemeName};
use mnguide::tui::{update, view};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;

pub fn fixture_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/tui-guide")
}

pub fn guide() -> Guide {
    match load_dir(&fixture_dir()) {
        Ok(l) => l.guide,
        Err(p) => panic!("fixture guide invalid: {p:?}"),
    }
}

pub fn fixed_now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 1, 20, 9, 0, 0)
        .single()
        .expect("valid date")
}

pub fn app_with(memory: Memory, keymap: Keymap, color: bool) -> App {
    let g = guide();
    let index = SearchIndex::build_in_memory(&g).expect("index builds");
    let mut app = App::new(
        g,
        Some(index),
        keymap,
        Theme::new(ThemeName::Dark, color),
        memory,
    );
    app.quiz.seed = 7;
    app.quiz.clock = fixed_now;
    app
}

pub fn app() -> App {
    app_with(Memory::default(), Keymap::default(), true)
}

/// The default keymap with a `config.toml` text's `[keys]` applied.
pub fn keymap_from(config: &str) -> Keymap {
    let origin = Path::new("config.toml");
    mnguide::tui::config::Config::parse(config, origin)
        .and_then(|c| c.keymap(origin))
        .unwrap_or_else(|e| panic!("{e}"))
}

pub fn event(token: &str) -> KeyEvent {
    let k = Key::parse(token).unwrap_or_else(|e| panic!("{e}"));
    KeyEvent::new(k.code, k.mods)
}

/// Presses space-separated keys ("j j Enter ctrl-n").
pub fn keys(app: &mut App, seq: &str) {
    for token in seq.split_whitespace() {
        update::press(app, event(token));
    }
}

/// Types text into whatever has focus, one key per character.
pub fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        update::press(
            app,
            KeyEvent::new(
                crossterm::event::KeyCode::Char(c),
                crossterm::event::KeyModifiers::NONE,
            ),
        );
    }
}

pub fn render(app: &mut App, w: u16, h: u16) -> Terminal<TestBackend> {
    let mut t = Terminal::new(TestBackend::new(w, h)).expect("test terminal");
    t.draw(|f| view::draw(app, f)).expect("draw");
    t
}

pub fn screen_text(buf: &Buffer) -> String {
    let mut out = String::new();
    for y in 0..buf.area.height {
        for x in 0..buf.area.width {
            out.push_str(buf[(x, y)].symbol());
        }
        out.push('\n');
    }
    out
}

/// Finds the first screen position where `word` starts.
pub fn find(buf: &Buffer, word: &str) -> Option<(u16, u16)> {
    for y in 0..buf.area.height {
        let mut row = String::new();
        let mut xs = Vec::new();
        for x in 0..buf.area.width {
            let sym = buf[(x, y)].symbol();
            for _ in sym.chars() {
                xs.push(x);
            }
            row.push_str(sym);
        }
        if let Some(byte) = row.find(word) {
            let idx = row[..byte].chars().count();
            return xs.get(idx).map(|x| (*x, y));
        }
    }
    None
}

/// The guide the binary ships, for layouts that need its long titles and many topics.
pub fn shipped_guide() -> Guide {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("guide");
    match load_dir(&dir) {
        Ok(l) => l.guide,
        Err(p) => panic!("shipped guide invalid: {p:?}"),
    }
}

/// A browser on the shipped guide, without a search index.
pub fn shipped_app(theme: ThemeName) -> App {
    App::new(
        shipped_guide(),
        None,
        Keymap::default(),
        Theme::new(theme, true),
        Memory::default(),
    )
}

/// The screen rows of `area` (inside its borders) as text.
pub fn rows_in(buf: &Buffer, area: ratatui::layout::Rect) -> Vec<String> {
    (area.y + 1..area.bottom().saturating_sub(1))
        .map(|y| {
            (area.x + 1..area.right().saturating_sub(1))
                .map(|x| buf[(x, y)].symbol())
                .collect::<String>()
        })
        .collect()
}
