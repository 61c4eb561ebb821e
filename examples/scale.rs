//! The whole product at scale, for measuring time and peak memory: generate a guide of N
//! sections (default 10,000), load and validate it, build the search index on disk, reopen
//! it, search as a user types, and browse sections and search results on a 120x35 screen.
//! Prints each phase's time and the process's peak resident memory.
//!
//! cargo run --release --example scale -- 10000
// Helpers outside #[test] functions unwrap too: a failed unwrap is a failed run.
#![allow(clippy::unwrap_used)]

use std::time::Instant;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use mnguide::content::load_files;

#[path = "../benches/common/synthetic.rs"]
mod synthetic;
use mnguide::search::SearchIndex;
use mnguide::tui::action::Action;
use mnguide::tui::app::App;
use mnguide::tui::keymap::Keymap;
use mnguide::tui::memory::Memory;
use mnguide::tui::theme::{Theme, ThemeName};
use mnguide::tui::{update, view};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use synthetic::synthetic_guide_files;

/// Peak resident set size of this process, from the kernel (Linux only).
fn peak_rss_mib() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let kb: f64 = status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))?
        .trim()
        .trim_end_matches(" kB")
        .trim()
        .parse()
        .ok()?;
    Some(kb / 1024.0)
}

fn main() -> anyhow::Result<()> {
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(10_000);
    let t = Instant::now();
    let files = synthetic_guide_files(n);
    let bytes: usize = files.iter().map(|f| f.text.len()).sum();
    println!(
        "generated {} files, {} KiB, in {:?}",
        files.len(),
        bytes / 1024,
        t.elapsed()
    );
    let t = Instant::now();
    let guide = match load_files(&files, "<synthetic guide>") {
        Ok(l) => l.guide,
        Err(p) => anyhow::bail!("generated guide invalid: {}", p[0].headline()),
    };
    drop(files);
    println!(
        "sections: {} loaded and validated in {:?}",
        guide.sections.len(),
        t.elapsed()
    );

    let dir = tempfile::tempdir()?;
    let t = Instant::now();
    let (_, status) = SearchIndex::open_or_build(&guide, dir.path())?;
    println!("index build on disk: {:?} ({status:?})", t.elapsed());
    let t = Instant::now();
    let (index, _) = SearchIndex::open_or_build(&guide, dir.path())?;
    println!("index reopen: {:?}", t.elapsed());

    let t = Instant::now();
    let typed = "how long does redness last";
    for end in 1..=typed.len() {
        std::hint::black_box(index.search(&typed[..end], 10));
    }
    println!(
        "search as typed ({} keystrokes): {:?}",
        typed.len(),
        t.elapsed()
    );

    let mut app = App::new(
        guide,
        Some(index),
        Keymap::default(),
        Theme::new(ThemeName::Dark, true),
        Memory::default(),
    );
    let mut term = Terminal::new(TestBackend::new(120, 35))?;
    let t = Instant::now();
    let ids: Vec<String> = app
        .guide
        .sections
        .iter()
        .step_by(50)
        .map(|s| s.id.clone())
        .collect();
    for id in &ids {
        app.show_section(id, Vec::new());
        term.draw(|f| view::draw(&mut app, f))?;
    }
    update::run(&mut app, Action::TabSearch);
    for c in typed.chars() {
        update::press(
            &mut app,
            KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE),
        );
        term.draw(|f| view::draw(&mut app, f))?;
    }
    println!(
        "browse {} sections and type a search, drawn at 120x35: {:?}",
        ids.len(),
        t.elapsed()
    );
    match peak_rss_mib() {
        Some(mib) => println!("peak memory (VmHWM): {mib:.1} MiB"),
        None => println!("peak memory: not available on this platform"),
    }
    Ok(())
}
