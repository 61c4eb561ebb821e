//! Quiz costs that a user waits on: saving after every answer (lock, re-read, merge, atomic
//! write with fsync), starting a session, and the topic mastery gauges, on the shipped guide
//! and on a progress file of 10,000 items.
// Helpers outside #[test] functions unwrap too: a failed unwrap is a failed run.
#![allow(clippy::unwrap_used)]

use chrono::{Duration, TimeZone, Utc};
use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use mnguide::quiz::{Mode, Progress, QuizSession, SessionOptions, item_key, mastery_by_topic};

mod common;
use common::shipped;

fn save_per_answer(c: &mut Criterion) {
    let t0 = Utc.with_ymd_and_hms(2026, 1, 1, 8, 0, 0).unwrap();
    let mut group = c.benchmark_group("quiz_save_per_answer");
    for items in [71usize, 10_000] {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("quiz-progress.json");
        let mut p = Progress::open(&path);
        for i in 0..items {
            p.record(&format!("q-{i}"), "k", i % 3 != 0, t0).unwrap();
        }
        let mut n = 0u64;
        group.bench_function(BenchmarkId::from_parameter(items), |b| {
            b.iter(|| {
                n += 1;
                p.record(
                    "q-1",
                    "k",
                    n.is_multiple_of(2),
                    t0 + Duration::minutes(n as i64),
                )
                .unwrap();
            })
        });
    }
    group.finish();
}

fn session_and_mastery(c: &mut Criterion) {
    let guide = shipped();
    let t0 = Utc.with_ymd_and_hms(2026, 1, 1, 8, 0, 0).unwrap();
    let mut p = Progress::in_memory();
    for (i, item) in guide.quiz.iter().enumerate() {
        p.record(&item.id, &item_key(item), i % 4 != 0, t0).unwrap();
    }
    let later = t0 + Duration::days(3);
    c.bench_function("quiz_session_new_due_shipped_guide", |b| {
        b.iter(|| QuizSession::new(&guide, &p, SessionOptions::new(Mode::Due), later).unwrap())
    });
    c.bench_function("quiz_mastery_by_topic_shipped_guide", |b| {
        b.iter(|| mastery_by_topic(&guide, &p, later))
    });
}

criterion_group!(benches, save_per_answer, session_and_mastery);
criterion_main!(benches);
