//! Search speed: index build and query latency on the shipped guide and on a generated
//! 10,000-section guide. Besides criterion's statistics, prints p50/p99 per query kind
//! (criterion reports means and medians, the targets are about the tail).
// Helpers outside #[test] functions unwrap too: a failed unwrap is a failed run.
#![allow(clippy::unwrap_used)]

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use mnguide::content::Guide;
use mnguide::search::SearchIndex;

mod common;
use common::{shipped, synthetic};

/// (kind, query on the shipped guide, query on the generated guide): the generated guide
/// has its own small synonym list, so its synonym query differs.
const QUERIES: &[(&str, &str, &str)] = &[
    ("one word", "redness", "redness"),
    (
        "several words",
        "how long does redness last after sun",
        "how long does redness last after sun",
    ),
    ("synonym", "CIT", "striae"),
    ("typo", "colagen", "colagen"),
];

fn build(guide: &Guide) -> SearchIndex {
    SearchIndex::build_in_memory(guide).expect("index builds")
}

/// Runs each query many times and prints its 50th and 99th percentile latency.
fn print_percentiles(label: &str, index: &SearchIndex, generated: bool) {
    for (kind, shipped_q, generated_q) in QUERIES {
        let q = if generated { generated_q } else { shipped_q };
        let mut times: Vec<Duration> = (0..1000)
            .map(|_| {
                let t = Instant::now();
                black_box(index.search(black_box(q), 10));
                t.elapsed()
            })
            .collect();
        times.sort();
        let pct = |p: usize| times[(times.len() * p / 100).min(times.len() - 1)];
        eprintln!(
            "latency {label:>9} {kind:<14} p50 {:>8.1?} p99 {:>8.1?} ({} hits)",
            pct(50),
            pct(99),
            index.search(q, 10).hits.len()
        );
    }
}

fn index_build(c: &mut Criterion) {
    let small = shipped();
    let large = synthetic(10_000);
    let mut g = c.benchmark_group("index build");
    g.sample_size(10);
    g.bench_function("shipped guide, in memory", |b| {
        b.iter(|| build(black_box(&small)))
    });
    g.bench_function("shipped guide, on disk", |b| {
        b.iter_with_setup(
            || tempfile::tempdir().expect("tempdir"),
            |dir| SearchIndex::rebuild(&small, dir.path()).expect("rebuild"),
        )
    });
    g.bench_function("10k sections, in memory", |b| {
        b.iter(|| build(black_box(&large)))
    });
    g.finish();
}

fn query_latency(c: &mut Criterion) {
    let small = build(&shipped());
    let large = build(&synthetic(10_000));
    print_percentiles("shipped", &small, false);
    print_percentiles("10k", &large, true);
    let mut g = c.benchmark_group("query");
    for (kind, shipped_q, generated_q) in QUERIES {
        g.bench_with_input(BenchmarkId::new("shipped", kind), shipped_q, |b, q| {
            b.iter(|| small.search(black_box(q), 10))
        });
        g.bench_with_input(BenchmarkId::new("10k", kind), generated_q, |b, q| {
            b.iter(|| large.search(black_box(q), 10))
        });
    }
    g.finish();
}

fn open_existing(c: &mut Criterion) {
    let guide = shipped();
    let dir = tempfile::tempdir().expect("tempdir");
    drop(SearchIndex::rebuild(&guide, dir.path()).expect("build"));
    c.bench_function("open current index (shipped)", |b| {
        b.iter(|| SearchIndex::open_or_build(&guide, dir.path()).expect("open"))
    });
}

criterion_group!(benches, query_latency, open_existing, index_build);
criterion_main!(benches);
