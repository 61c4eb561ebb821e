//! The quiz session and scheduler on a small fixture guide with a fixed clock: due order,
//! missed items coming back, changed items starting fresh, modes, the exam report, the
//! summary and topic mastery.

use std::path::Path;

use chrono::{DateTime, Duration, TimeZone, Utc};
use mnguide::content::{Answer, Guide};
use mnguide::quiz::session::MAX_REQUEUES;
use mnguide::quiz::{
    Mode, Phase, Progress, QuizError, QuizSession, SessionOptions, item_key, mastery_by_topic,
};

fn guide() -> Guide {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/quiz-guide");
    match mnguide::content::load_dir(&dir) {
        Ok(loaded) => loaded.guide,
        Err(problems) => panic!("fixture guide invalid: {problems:?}"),
    }
}

fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 1, 8, 0, 0).unwrap()
}

fn key(guide: &Guide, id: &str) -> String {
    item_key(guide.quiz.iter().find(|q| q.id == id).unwrap())
}

fn record(guide: &Guide, p: &mut Progress, id: &str, correct: bool, at: DateTime<Utc>) {
    p.record(id, &key(guide, id), correct, at).unwrap();
}

fn session(guide: &Guide, p: &Progress, opts: SessionOptions, now: DateTime<Utc>) -> QuizSession {
    QuizSession::new(guide, p, opts, now).unwrap()
}

/// Ids the session asks, in order, answering each with `answer(id)`.
fn run_through(
    s: &mut QuizSession,
    p: &mut Progress,
    now: DateTime<Utc>,
    answer: impl Fn(&str, Answer) -> Answer,
) -> Vec<String> {
    let mut asked = Vec::new();
    while let Some(item) = s.current() {
        let id = item.id.clone();
        let given = answer(&id, item.answer);
        asked.push(id);
        s.answer(p, given, now).unwrap();
        s.next();
    }
    asked
}

fn right(_: &str, correct: Answer) -> Answer {
    correct
}

fn other(a: Answer) -> Answer {
    match a {
        Answer::Myth => Answer::Fact,
        Answer::Fact => Answer::Myth,
        Answer::Choice(i) => Answer::Choice((i + 1) % 5),
    }
}

#[test]
fn a_fresh_due_session_asks_every_item_in_guide_order() {
    let g = guide();
    let mut p = Progress::in_memory();
    let mut s = session(&g, &p, SessionOptions::new(Mode::Due), t0());
    assert_eq!(s.position(), (1, 6));
    let asked = run_through(&mut s, &mut p, t0(), right);
    assert_eq!(asked, ["q-a", "q-b", "q-c", "q-d", "q-e", "q-f"]);
    assert_eq!(s.phase(), Phase::Finished);
}

#[test]
fn due_order_is_most_overdue_first_then_new_and_skips_items_not_due() {
    let g = guide();
    let mut p = Progress::in_memory();
    record(&g, &mut p, "q-e", true, t0());
    record(&g, &mut p, "q-c", false, t0() + Duration::minutes(5));
    let now = t0() + Duration::days(1);
    record(&g, &mut p, "q-f", true, now - Duration::minutes(1));
    let due = |id: &str| p.current(id, &key(&g, id)).unwrap().card.due;
    // The premise: q-c fell due before q-e, both before `now`; q-f is not due yet.
    assert!(due("q-c") < due("q-e"), "{} {}", due("q-c"), due("q-e"));
    assert!(due("q-e") <= now);
    assert!(due("q-f") > now);

    let mut s = session(&g, &p, SessionOptions::new(Mode::Due), now);
    let asked = run_through(&mut s, &mut p, now, right);
    assert_eq!(asked, ["q-c", "q-e", "q-a", "q-b", "q-d"]);
}

#[test]
fn nothing_due_gives_a_finished_session() {
    let g = guide();
    let mut p = Progress::in_memory();
    let mut s = session(&g, &p, SessionOptions::new(Mode::Due), t0());
    run_through(&mut s, &mut p, t0(), right);
    let again = session(
        &g,
        &p,
        SessionOptions::new(Mode::Due),
        t0() + Duration::minutes(1),
    );
    assert_eq!(again.phase(), Phase::Finished);
    assert!(again.current().is_none());
    // Later the same items are due again.
    let later = session(
        &g,
        &p,
        SessionOptions::new(Mode::Due),
        t0() + Duration::days(60),
    );
    assert_eq!(later.remaining(), 6);
}

#[test]
fn a_missed_item_comes_back_a_few_items_later() {
    let g = guide();
    let mut p = Progress::in_memory();
    let mut s = session(&g, &p, SessionOptions::new(Mode::Due), t0());
    let outcome = s.answer(&mut p, Answer::Fact, t0()).unwrap();
    let fb = outcome.feedback.unwrap();
    assert!(!fb.correct);
    assert!(fb.requeued);
    assert_eq!(fb.item.id, "q-a");
    assert_eq!(fb.section, "layers");
    assert_eq!(fb.section_title, "The layers");
    assert_eq!(fb.topic_id, "skin");
    assert_eq!(fb.sources, ["alpha"]);
    assert!(fb.explanation.starts_with("Alpha explanation"));
    assert!(outcome.save_error.is_none());
    assert_eq!(s.phase(), Phase::Feedback);
    assert_eq!(
        s.position(),
        (1, 7),
        "the sitting grows by the re-asked item"
    );
    s.next();
    let rest = run_through(&mut s, &mut p, t0(), right);
    assert_eq!(rest, ["q-b", "q-c", "q-d", "q-a", "q-e", "q-f"]);
    let a = p.current("q-a", &key(&g, "q-a")).unwrap();
    assert_eq!((a.reviews, a.correct), (2, 1));
    assert!(a.last_answer_correct);
}

#[test]
fn a_missed_item_comes_back_at_most_max_requeues_times() {
    let g = guide();
    let mut p = Progress::in_memory();
    let mut s = session(&g, &p, SessionOptions::new(Mode::Due).count(Some(1)), t0());
    let asked = run_through(&mut s, &mut p, t0(), |_, a| other(a));
    assert_eq!(asked.len(), 1 + MAX_REQUEUES as usize);
    assert!(asked.iter().all(|id| id == "q-a"));
    assert_eq!(s.phase(), Phase::Finished);
}

#[test]
fn an_item_whose_wording_changed_starts_fresh() {
    let g = guide();
    let mut p = Progress::in_memory();
    record(&g, &mut p, "q-a", true, t0());
    record(&g, &mut p, "q-a", true, t0() + Duration::days(1));
    let now = t0() + Duration::days(1) + Duration::hours(1);

    let unchanged = session(&g, &p, SessionOptions::new(Mode::Due), now);
    assert_ne!(unchanged.current().unwrap().id, "q-a", "q-a is not due yet");

    let mut edited = g.clone();
    let item = edited.quiz.iter_mut().find(|q| q.id == "q-a").unwrap();
    item.statement = "Alpha statement, reworded.".to_string();
    let new_key = item_key(item);
    assert_ne!(new_key, key(&g, "q-a"));
    let mut s = session(&edited, &p, SessionOptions::new(Mode::Due), now);
    assert_eq!(
        s.current().unwrap().id,
        "q-a",
        "a changed item counts as new"
    );
    s.answer(&mut p, Answer::Myth, now).unwrap();
    let fresh = p.current("q-a", &new_key).unwrap();
    assert_eq!((fresh.reviews, fresh.card.reps), (1, 1));

    // A changed answer resets it too.
    let mut flipped = g.clone();
    let item = flipped.quiz.iter_mut().find(|q| q.id == "q-b").unwrap();
    let before = item_key(item);
    item.answer = Answer::Myth;
    assert_ne!(item_key(item), before);
}

#[test]
fn missed_mode_asks_only_items_last_answered_wrong() {
    let g = guide();
    let mut p = Progress::in_memory();
    record(&g, &mut p, "q-b", false, t0());
    record(&g, &mut p, "q-d", true, t0());
    record(&g, &mut p, "q-e", false, t0() + Duration::minutes(1));
    let mut s = session(&g, &p, SessionOptions::new(Mode::Missed), t0());
    assert_eq!(s.current().unwrap().id, "q-b");
    s.answer(&mut p, Answer::Fact, t0()).unwrap();
    s.finish();
    let s = session(&g, &p, SessionOptions::new(Mode::Missed), t0());
    assert_eq!(s.current().unwrap().id, "q-e");
    assert_eq!(s.remaining(), 1);
}

#[test]
fn topic_filter_and_unknown_topic() {
    let g = guide();
    let mut p = Progress::in_memory();
    let mut s = session(
        &g,
        &p,
        SessionOptions::new(Mode::Due).topic(Some("care".into())),
        t0(),
    );
    assert_eq!(
        run_through(&mut s, &mut p, t0(), right),
        ["q-d", "q-e", "q-f"]
    );

    let err = QuizSession::new(
        &g,
        &p,
        SessionOptions::new(Mode::Due).topic(Some("car".into())),
        t0(),
    )
    .unwrap_err();
    let QuizError::UnknownTopic { given, closest } = err;
    assert_eq!(given, "car");
    assert_eq!(closest.first().map(String::as_str), Some("care"));

    let none = session(
        &g,
        &p,
        SessionOptions::new(Mode::All).topic(Some("notes".into())),
        t0(),
    );
    assert_eq!(none.phase(), Phase::Finished);
}

#[test]
fn shuffles_follow_the_seed() {
    let g = guide();
    let p = Progress::in_memory();
    let order = |seed: u64| -> Vec<String> {
        let mut s = session(&g, &p, SessionOptions::new(Mode::All).seed(seed), t0());
        let mut q = Progress::in_memory();
        run_through(&mut s, &mut q, t0(), right)
    };
    assert_eq!(order(3), order(3));
    let mut sorted = order(3);
    sorted.sort();
    assert_eq!(sorted, ["q-a", "q-b", "q-c", "q-d", "q-e", "q-f"]);
    assert!((0..20).any(|seed| order(seed) != order(3)));
}

#[test]
fn the_exam_gives_no_feedback_and_a_scored_report() {
    let g = guide();
    let mut p = Progress::in_memory();
    let mut s = session(
        &g,
        &p,
        SessionOptions::new(Mode::Exam).count(Some(4)).seed(11),
        t0(),
    );
    assert!(s.is_exam());
    let mut asked = Vec::new();
    while let Some(item) = s.current() {
        asked.push((item.id.clone(), item.answer));
        let outcome = s.answer(&mut p, Answer::Myth, t0()).unwrap();
        assert!(outcome.feedback.is_none());
        assert_eq!(outcome.correct, asked.last().unwrap().1 == Answer::Myth);
        assert_ne!(s.phase(), Phase::Feedback);
    }
    assert_eq!(asked.len(), 4, "no item is re-asked in an exam");
    let report = s.exam_report().unwrap();
    let myths = asked.iter().filter(|(_, a)| *a == Answer::Myth).count();
    assert_eq!(
        (report.score, report.total, report.unanswered),
        (myths, 4, 0)
    );
    let missed: Vec<&str> = report.missed.iter().map(|(i, _)| i.id.as_str()).collect();
    let facts: Vec<&str> = asked
        .iter()
        .filter(|(_, a)| *a == Answer::Fact)
        .map(|(id, _)| id.as_str())
        .collect();
    assert_eq!(missed, facts);
    for (item, explanation) in &report.missed {
        assert_eq!(explanation, &item.explanation);
    }
    // Exam answers are real reviews.
    assert_eq!(p.data().items.len(), 4);
}

#[test]
fn an_exam_stopped_early_counts_the_unanswered() {
    let g = guide();
    let mut p = Progress::in_memory();
    let mut s = session(&g, &p, SessionOptions::new(Mode::Exam).count(Some(5)), t0());
    let first = s.current().unwrap().answer;
    s.answer(&mut p, first, t0()).unwrap();
    s.finish();
    let r = s.exam_report().unwrap();
    assert_eq!((r.score, r.total, r.unanswered), (1, 1, 4));
    assert!(r.missed.is_empty());
    assert!(
        session(&g, &p, SessionOptions::new(Mode::All), t0())
            .exam_report()
            .is_none()
    );
}

#[test]
fn the_state_machine_ignores_out_of_turn_calls() {
    let g = guide();
    let mut p = Progress::in_memory();
    let mut s = session(&g, &p, SessionOptions::new(Mode::Due), t0());
    s.next();
    assert_eq!(
        s.current().unwrap().id,
        "q-a",
        "next() cannot skip an unanswered item"
    );
    s.answer(&mut p, Answer::Myth, t0()).unwrap();
    assert!(s.feedback().is_some());
    assert!(
        s.answer(&mut p, Answer::Fact, t0()).is_none(),
        "one answer per item"
    );
    assert_eq!(p.current("q-a", &key(&g, "q-a")).unwrap().reviews, 1);
    s.next();
    assert_eq!(s.current().unwrap().id, "q-b");
    assert!(s.feedback().is_none());
    s.finish();
    assert_eq!(s.phase(), Phase::Finished);
    assert!(s.current().is_none());
    assert!(s.answer(&mut p, Answer::Fact, t0()).is_none());
}

#[test]
fn the_summary_scores_streaks_topics_and_due_times() {
    let g = guide();
    let mut p = Progress::in_memory();
    // q-c is missed once and asked again at the end.
    let mut s = session(&g, &p, SessionOptions::new(Mode::Due), t0());
    let script = [true, true, false, true, true, true];
    let mut i = 0;
    let mut minute = 0;
    while let Some(item) = s.current() {
        let ok = script.get(i).copied().unwrap_or(true);
        let given = if ok { item.answer } else { other(item.answer) };
        s.answer(&mut p, given, t0() + Duration::minutes(minute))
            .unwrap();
        s.next();
        i += 1;
        minute += 1;
    }
    let sum = s.summary(&p);
    // Six items plus q-c asked again (right): 7 answers, 6 right.
    assert_eq!((sum.score, sum.answered), (6, 7));
    assert_eq!(sum.best_streak, 4);
    assert_eq!(sum.streak, 4);
    assert_eq!(
        sum.accuracy_by_topic,
        vec![
            ("skin".to_string(), "Skin layers".to_string(), 3, 4),
            ("care".to_string(), "Aftercare".to_string(), 3, 3),
        ]
    );
    assert_eq!(sum.due_next.len(), 5);
    assert!(sum.due_next.windows(2).all(|w| w[0].1 <= w[1].1));
    for (id, due) in &sum.due_next {
        assert_eq!(*due, p.current(id, &key(&g, id)).unwrap().card.due);
    }
}

#[test]
fn mastery_rises_with_right_answers_and_fades_with_time() {
    let g = guide();
    let mut p = Progress::in_memory();
    let m = mastery_by_topic(&g, &p, t0());
    assert_eq!(
        m,
        vec![("skin".to_string(), 0.0), ("care".to_string(), 0.0)],
        "topics without items are left out"
    );
    for id in ["q-a", "q-b", "q-c"] {
        record(&g, &mut p, id, true, t0());
    }
    let now = mastery_by_topic(&g, &p, t0());
    assert!(now[0].1 > 0.9, "{now:?}");
    assert_eq!(now[1].1, 0.0);
    let later = mastery_by_topic(&g, &p, t0() + Duration::days(60));
    assert!(later[0].1 < now[0].1, "{later:?} vs {now:?}");
    assert!(later[0].1 > 0.0);
    record(&g, &mut p, "q-a", false, t0());
    let after_miss = mastery_by_topic(&g, &p, t0());
    assert!(after_miss[0].1 < now[0].1 - 0.3, "{after_miss:?}");
}

mod properties {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        /// Whatever is answered, in any mode, a sitting ends, its numbers add up, and every
        /// answer is recorded exactly once in progress.
        #[test]
        fn any_answers_keep_the_books_straight(
            answers in proptest::collection::vec(any::<bool>(), 0..40),
            mode in prop_oneof![Just(Mode::Due), Just(Mode::All), Just(Mode::Exam)],
            count in proptest::option::of(0usize..8),
            seed in any::<u64>(),
        ) {
            let g = guide();
            let mut p = Progress::in_memory();
            let opts = SessionOptions::new(mode).count(count).seed(seed);
            let mut s = session(&g, &p, opts, t0());
            let planned = s.remaining();
            let mut given = 0usize;
            let mut right = 0usize;
            let mut script = answers.iter();
            while let Some(item) = s.current() {
                // Past the end of the script, answer right so the sitting can finish.
                let ok = script.next().copied().unwrap_or(true);
                let a = if ok { item.answer } else { other(item.answer) };
                let outcome = s.answer(&mut p, a, t0()).unwrap();
                prop_assert_eq!(outcome.correct, ok);
                prop_assert_eq!(outcome.feedback.is_none(), mode == Mode::Exam);
                given += 1;
                right += usize::from(ok);
                s.next();
                prop_assert!(given <= planned * (1 + MAX_REQUEUES as usize));
            }
            let sum = s.summary(&p);
            prop_assert_eq!(sum.answered, given);
            prop_assert_eq!(sum.score, right);
            prop_assert!(sum.best_streak >= sum.streak);
            let by_topic: usize = sum.accuracy_by_topic.iter().map(|t| t.3).sum();
            prop_assert_eq!(by_topic, given);
            let reviews: u32 = p.data().items.values().map(|i| i.reviews).sum();
            prop_assert_eq!(reviews as usize, given);
            if mode == Mode::Exam {
                let r = s.exam_report().unwrap();
                prop_assert_eq!(r.total, given);
                prop_assert_eq!(r.missed.len(), given - right);
            }
        }
    }
}
