//! Browser speed: rendering each pane on a `TestBackend`, and keystroke-to-frame in the
//! search pane (the search and the redraw it causes), on the shipped guide and on a generated
//! 10,000-section guide. Besides criterion's statistics, prints p50/p99 keystroke-to-frame,
//! since the targets (5 ms shipped, 16 ms at 10,000 sections) are about the tail.
// Helpers outside #[test] functions unwrap too: a failed unwrap is a failed run.
#![allow(clippy::unwrap_used)]

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use mnguide::content::Guide;
use mnguide::search::SearchIndex;
use mnguide::tui::action::Action;
use mnguide::tui::app::App;
use mnguide::tui::keymap::Keymap;
use mnguide::tui::memory::Memory;
use mnguide::tui::theme::{Theme, ThemeName};
use mnguide::tui::{update, view};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

mod common;
use common::{shipped, synthetic};

const TYPED: &str = "how long does redness last";

fn app(guide: Guide) -> App {
    let index = SearchIndex::build_in_memory(&guide).expect("index builds");
    App::new(
        guide,
        Some(index),
        Keymap::default(),
        Theme::new(ThemeName::Dark, true),
        Memory::default(),
    )
}

fn terminal() -> Terminal<TestBackend> {
    Terminal::new(TestBackend::new(120, 35)).expect("test terminal")
}

fn key(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)
}

/// Types `TYPED` and deletes it again, timing each key from event to finished frame.
fn keystroke_times(
    app: &mut App,
    term: &mut Terminal<TestBackend>,
    rounds: usize,
) -> Vec<Duration> {
    let mut times = Vec::new();
    update::run(app, Action::TabSearch);
    for _ in 0..rounds {
        for c in TYPED.chars() {
            let t = Instant::now();
            update::press(app, key(c));
            term.draw(|f| view::draw(app, f)).expect("draw");
            times.push(t.elapsed());
        }
        for _ in TYPED.chars() {
            let t = Instant::now();
            update::press(app, KeyEvent::new(KeyCode::Backspace, KeyModifiers::NONE));
            term.draw(|f| view::draw(app, f)).expect("draw");
            times.push(t.elapsed());
        }
    }
    times
}

/// The search alone for the same keystrokes, to tell search time from drawing time.
fn print_search_only(label: &str, app: &App) {
    let Some(index) = app.search.as_ref() else {
        return;
    };
    let mut times = Vec::new();
    for _ in 0..20 {
        for n in 1..=TYPED.len() {
            let q = &TYPED[..n];
            let t = Instant::now();
            black_box(index.search(q, mnguide::tui::pane::search::LIMIT));
            times.push(t.elapsed());
        }
    }
    times.sort();
    let pct = |p: usize| times[(times.len() * p / 100).min(times.len() - 1)];
    eprintln!(
        "search only        {label:>9}: p50 {:>8.2?} p99 {:>8.2?} (limit {})",
        pct(50),
        pct(99),
        mnguide::tui::pane::search::LIMIT
    );
}

fn print_percentiles(label: &str, app: &mut App) {
    print_search_only(label, app);
    let mut term = terminal();
    let mut times = keystroke_times(app, &mut term, 20);
    times.sort();
    let pct = |p: usize| times[(times.len() * p / 100).min(times.len() - 1)];
    eprintln!(
        "keystroke-to-frame {label:>9}: p50 {:>8.2?} p99 {:>8.2?} max {:>8.2?} ({} keys)",
        pct(50),
        pct(99),
        times[times.len() - 1],
        times.len()
    );
}

fn panes(c: &mut Criterion) {
    let mut group = c.benchmark_group("render_120x35");
    for (label, guide) in [("shipped", shipped()), ("10k", synthetic(10_000))] {
        let mut a = app(guide);
        let mut term = terminal();
        group.bench_function(BenchmarkId::new("browse", label), |b| {
            b.iter(|| term.draw(|f| view::draw(black_box(&mut a), f)).map(|_| ()))
        });
        update::run(&mut a, Action::TabSearch);
        for c in "redness".chars() {
            update::run(&mut a, Action::Type(c));
        }
        group.bench_function(BenchmarkId::new("search_results", label), |b| {
            b.iter(|| term.draw(|f| view::draw(black_box(&mut a), f)).map(|_| ()))
        });
        update::run(&mut a, Action::Help);
        group.bench_function(BenchmarkId::new("help", label), |b| {
            b.iter(|| term.draw(|f| view::draw(black_box(&mut a), f)).map(|_| ()))
        });
        update::run(&mut a, Action::Help);
        update::run(&mut a, Action::TabQuiz);
        group.bench_function(BenchmarkId::new("quiz", label), |b| {
            b.iter(|| term.draw(|f| view::draw(black_box(&mut a), f)).map(|_| ()))
        });
    }
    group.finish();
}

fn keystroke(c: &mut Criterion) {
    let mut group = c.benchmark_group("search_keystroke_to_frame");
    for (label, guide) in [("shipped", shipped()), ("10k", synthetic(10_000))] {
        let mut a = app(guide);
        print_percentiles(label, &mut a);
        let mut term = terminal();
        update::run(&mut a, Action::TabSearch);
        for c in "redness las".chars() {
            update::run(&mut a, Action::Type(c));
        }
        // One keystroke typed and one deleted per iteration, so the query stays the same.
        group.bench_function(BenchmarkId::new("type_and_delete", label), |b| {
            b.iter(|| {
                update::press(&mut a, key('t'));
                term.draw(|f| view::draw(&mut a, f)).expect("draw");
                update::press(
                    &mut a,
                    KeyEvent::new(KeyCode::Backspace, KeyModifiers::NONE),
                );
                term.draw(|f| view::draw(&mut a, f)).expect("draw");
            })
        });
    }
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(30).measurement_time(Duration::from_secs(3));
    targets = panes, keystroke
}
criterion_main!(benches);
