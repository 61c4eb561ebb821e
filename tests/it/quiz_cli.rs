//! `mnguide quiz` in line mode over a pipe, on a fixture guide with a private data folder:
//! feedback text, re-prompts, the summary, the exam report, `--stats [--json]`, errors,
//! recovery of a damaged progress file, and two copies answering at once.

use std::io::Write;

use crate::cli_support::{guide_args, ok_stdout, progress_json, run_on};
use std::path::{Path, PathBuf};
use std::process::{Output, Stdio};

use serde_json::Value;

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/quiz-guide")
}

fn base_args(data: &Path) -> Vec<String> {
    let mut args = guide_args(&fixture(), data);
    args.push("quiz".into());
    args
}

/// Runs `mnguide quiz ARGS` with `stdin` piped in and MNGUIDE_DATA set to `data`.
fn quiz(data: &Path, args: &[&str], stdin: &str) -> Output {
    let args: Vec<&str> = ["quiz"].iter().chain(args).copied().collect();
    run_on(&fixture(), data, &args, stdin)
}

fn stats_json(data: &Path) -> Value {
    let out = quiz(data, &["--stats", "--json"], "");
    serde_json::from_str(&ok_stdout(&out)).expect("stats JSON")
}

#[test]
fn piped_answers_get_feedback_explanations_and_a_final_score() {
    let data = tempfile::tempdir().unwrap();
    // Fresh progress: items come in guide order a..f. q-b is missed and comes back after
    // three others; "hello" is not an answer and is asked again.
    let input = "m\nm\nhello\nMyth\nf\nM\nfact\nf\n";
    let out = ok_stdout(&quiz(data.path(), &[], input));

    assert!(out.contains("Correct: it is a myth."), "{out}");
    assert!(out.contains("Not quite: it is a fact."), "{out}");
    assert!(
        out.contains("Bravo explanation: collagen is made by dermal fibroblasts (Author 2024)."),
        "{out}"
    );
    assert!(out.contains("Sources: Author 2024\n"), "{out}");
    assert!(
        out.contains("Sources: Author 2024; Beta leaflet\n"),
        "{out}"
    );
    assert!(
        out.contains("Read more: mnguide show layers (The layers)"),
        "{out}"
    );
    assert!(
        out.contains("This one comes back as an extra in a few items."),
        "{out}"
    );
    assert!(
        out.contains("Please type a grade 1-4, Enter, u (undo), s (suspend) or q; got 'hello'."),
        "{out}"
    );
    assert!(out.contains("[1/6] Skin layers > The layers"), "{out}");
    assert!(
        out.contains("[extra: missed earlier] Skin layers > The layers"),
        "{out}"
    );
    assert_eq!(out.matches("Bravo statement").count(), 2, "{out}");
    let bravo_again = out.rfind("Bravo statement").unwrap();
    assert!(out.find("Echo statement").unwrap() < bravo_again);
    assert!(bravo_again < out.find("Foxtrot statement").unwrap());

    assert!(
        out.contains("Session: 6 of 7 right (86%), best streak 5."),
        "{out}"
    );
    assert!(
        out.contains("  Skin layers: 3/4\n  Aftercare: 3/3\n"),
        "{out}"
    );
    let due_next: Vec<&str> = out[out.find("Due next:").expect("due next")..]
        .lines()
        .skip(1)
        .take_while(|l| l.starts_with("  "))
        .collect();
    assert_eq!(due_next.len(), 5, "{out}");
    for line in &due_next {
        // Every item was answered right at the end, so each is minutes away.
        assert!(line.starts_with("  in "), "{line}");
        assert!(
            line.contains(" minute") && line.contains(" statement"),
            "{line}"
        );
    }
    assert!(out.contains("Progress saved to"), "{out}");

    let p = progress_json(data.path());
    assert_eq!(p["version"], 1);
    assert_eq!(p["items"].as_object().unwrap().len(), 6);
    assert_eq!(p["items"]["q-b"]["reviews"], 2);
    assert_eq!(p["items"]["q-b"]["correct"], 1);
    assert_eq!(p["items"]["q-b"]["last_answer_correct"], true);
}

#[test]
fn q_stops_early_and_the_answers_so_far_are_kept() {
    let data = tempfile::tempdir().unwrap();
    let out = ok_stdout(&quiz(data.path(), &[], "m\nq\nf\n"));
    assert!(out.contains("Session: 1 of 1 right (100%)"), "{out}");
    assert!(!out.contains("Charlie statement"), "{out}");
    let p = progress_json(data.path());
    assert_eq!(p["items"].as_object().unwrap().len(), 1);
    assert_eq!(p["items"]["q-a"]["correct"], 1);
}

#[test]
fn end_of_input_ends_the_quiz_with_the_summary() {
    let data = tempfile::tempdir().unwrap();
    let out = ok_stdout(&quiz(data.path(), &[], "f\n"));
    assert!(out.contains("Not quite: it is a myth."), "{out}");
    assert!(out.contains("Session: 0 of 1 right (0%)"), "{out}");
    // Nothing answered at all is fine too.
    let empty = tempfile::tempdir().unwrap();
    let out = ok_stdout(&quiz(empty.path(), &[], ""));
    assert!(out.contains("No answers given"), "{out}");
    assert!(!empty.path().join("quiz-progress.json").exists());
}

#[test]
fn count_limits_the_sitting() {
    let data = tempfile::tempdir().unwrap();
    let out = ok_stdout(&quiz(data.path(), &["--count", "2"], "m\nf\nm\n"));
    assert!(out.contains("[1/2]") && out.contains("[2/2]"), "{out}");
    assert!(out.contains("Session: 2 of 2 right (100%)"), "{out}");
}

#[test]
fn the_exam_holds_feedback_until_a_scored_report() {
    let data = tempfile::tempdir().unwrap();
    // Whatever the shuffle, answering "myth" to all six gets the three myths right.
    let out = ok_stdout(&quiz(
        data.path(),
        &["--mode", "exam", "--count", "6"],
        "m\nm\nm\nm\nm\nm\n",
    ));
    assert!(out.contains("Feedback comes at the end."), "{out}");
    assert!(!out.contains("Correct:"), "{out}");
    assert!(!out.contains("Not quite"), "{out}");
    assert!(out.contains("Exam report: 3 of 6 right (50%)"), "{out}");
    let report = &out[out.find("Exam report").unwrap()..];
    for facts in [
        "Bravo explanation",
        "Delta explanation",
        "Foxtrot explanation",
    ] {
        assert!(report.contains(facts), "{report}");
    }
    for myths in [
        "Alpha explanation",
        "Charlie explanation",
        "Echo explanation",
    ] {
        assert!(!report.contains(myths), "{report}");
    }
    assert!(report.contains("   It is a fact."), "{report}");
    assert!(report.contains("Read more: mnguide show sun"), "{report}");
    assert_eq!(stats_json(data.path())["reviews"], 6);
}

#[test]
fn stats_json_has_a_stable_shape() {
    let data = tempfile::tempdir().unwrap();
    let fresh = stats_json(data.path());
    assert_eq!(fresh["items"], 6);
    assert_eq!(fresh["seen"], 0);
    assert_eq!(fresh["new"], 6);

    ok_stdout(&quiz(data.path(), &[], "m\nm\nq\n"));
    let s = stats_json(data.path());
    assert!(
        s["progress_file"]
            .as_str()
            .unwrap()
            .ends_with("quiz-progress.json")
    );
    assert_eq!(s["items"], 6);
    assert_eq!(s["seen"], 2);
    assert_eq!(s["reviews"], 2);
    assert_eq!(s["correct"], 1);
    assert_eq!(s["accuracy"], 0.5);
    assert_eq!(s["new"], 4);
    assert!(s["due_now"].is_u64());
    let topics = s["topics"].as_array().unwrap();
    let ids: Vec<&str> = topics.iter().map(|t| t["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["skin", "care"], "topics without items are left out");
    let skin = &topics[0];
    assert_eq!(skin["title"], "Skin layers");
    assert_eq!(skin["items"], 3);
    assert_eq!(skin["seen"], 2);
    assert_eq!(skin["correct"], 1);
    let mastery = skin["mastery"].as_f64().unwrap();
    assert!(mastery > 0.0 && mastery <= 1.0 / 3.0 + 1e-6, "{mastery}");
    for key in ["reviews", "accuracy", "due_now", "new"] {
        assert!(skin[key].is_number(), "{key}");
    }

    let text = ok_stdout(&quiz(data.path(), &["--stats"], ""));
    assert!(
        text.contains("Answered 2 of 6 items (2 answers, 50% right)."),
        "{text}"
    );
    assert!(text.contains("Skin layers (skin)"), "{text}");
    assert!(text.contains("Progress file:"), "{text}");
}

/// The `--stats` table row of a topic, cells split on runs of spaces.
fn stats_row(text: &str, topic: &str) -> Vec<String> {
    let line = text
        .lines()
        .find(|l| l.starts_with(topic))
        .unwrap_or_else(|| panic!("no row for {topic}:\n{text}"));
    line[topic.len()..]
        .split("  ")
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .map(String::from)
        .collect()
}

#[test]
fn stats_say_not_yet_answered_instead_of_zero_percent_and_explain_mastery() {
    let data = tempfile::tempdir().unwrap();
    let fresh = ok_stdout(&quiz(data.path(), &["--stats"], ""));
    assert!(
        fresh.contains("No answers yet: all 6 items are new."),
        "{fresh}"
    );
    assert!(!fresh.contains("0% right"), "{fresh}");
    assert_eq!(
        stats_row(&fresh, "Aftercare (care)"),
        ["0/3", "not yet answered", "0", "0%"]
    );
    assert!(
        fresh.contains(
            "\nMastery: chance of recalling a topic's items now; new or missed count 0.\n"
        ),
        "{fresh}"
    );

    // One wrong answer on skin: 0% right there is a real score; care is still unanswered.
    ok_stdout(&quiz(data.path(), &["--topic", "skin"], "f\nq\n"));
    let text = ok_stdout(&quiz(data.path(), &["--stats"], ""));
    assert_eq!(stats_row(&text, "Skin layers (skin)")[..2], ["1/3", "0%"]);
    assert_eq!(stats_row(&text, "Aftercare (care)")[1], "not yet answered");
    assert!(text.contains("Mastery: chance of recalling"), "{text}");
}

#[test]
fn a_topic_sitting_names_its_topic_by_title_and_counts_only_its_items() {
    let data = tempfile::tempdir().unwrap();
    let out = ok_stdout(&quiz(data.path(), &["--topic", "care"], "q\n"));
    assert!(
        out.starts_with("Quiz: 3 items from Aftercare (due mode)."),
        "{out}"
    );
    assert!(out.contains("New 3 · learning 0 · due 0"), "{out}");
}

#[test]
fn an_unknown_topic_fails_with_the_closest_ids() {
    let data = tempfile::tempdir().unwrap();
    let out = quiz(data.path(), &["--topic", "car"], "m\n");
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("no topic 'car'"), "{err}");
    assert!(err.contains("closest topic ids: care"), "{err}");
    assert!(out.stdout.is_empty());
}

#[test]
fn a_topic_narrows_the_quiz() {
    let data = tempfile::tempdir().unwrap();
    let out = ok_stdout(&quiz(data.path(), &["--topic", "care"], "f\nm\nf\n"));
    assert!(out.contains("[1/3] Aftercare > Sun protection"), "{out}");
    assert!(!out.contains("Alpha statement"), "{out}");
    assert!(out.contains("Session: 3 of 3 right (100%)"), "{out}");
}

#[test]
fn a_damaged_progress_file_is_moved_aside_with_a_warning() {
    let data = tempfile::tempdir().unwrap();
    let path = data.path().join("quiz-progress.json");
    std::fs::write(&path, "{\"version\":1,\"items\":{").unwrap();
    let out = quiz(data.path(), &[], "m\n");
    let stdout = ok_stdout(&out);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("warning"), "{err}");
    assert!(err.contains("quiz-progress.json.bak"), "{err}");
    assert!(stdout.contains("Correct: it is a myth."), "{stdout}");
    assert_eq!(
        std::fs::read_to_string(data.path().join("quiz-progress.json.bak")).unwrap(),
        "{\"version\":1,\"items\":{"
    );
    assert_eq!(progress_json(data.path())["items"]["q-a"]["reviews"], 1);
}

#[test]
fn nothing_due_says_when_the_next_review_is() {
    let data = tempfile::tempdir().unwrap();
    ok_stdout(&quiz(data.path(), &[], "m\nf\nm\nf\nm\nf\n"));
    let out = ok_stdout(&quiz(data.path(), &[], "m\n"));
    assert!(
        out.contains("Nothing is due now; the next review is in"),
        "{out}"
    );
    assert!(out.contains("--mode all"), "{out}");
}

#[test]
fn missed_mode_asks_again_what_was_missed() {
    let data = tempfile::tempdir().unwrap();
    ok_stdout(&quiz(data.path(), &[], "f\nq\n"));
    let out = ok_stdout(&quiz(data.path(), &["--mode", "missed"], "m\n"));
    assert!(out.contains("Alpha statement"), "{out}");
    assert!(!out.contains("Bravo statement"), "{out}");
    assert!(out.contains("Session: 1 of 1 right (100%)"), "{out}");
    let out = ok_stdout(&quiz(data.path(), &["--mode", "missed"], ""));
    assert!(out.contains("No missed items"), "{out}");
}

#[test]
fn two_copies_answering_at_once_keep_every_answer() {
    let data = tempfile::tempdir().unwrap();
    let bin = assert_cmd::cargo::cargo_bin("mnguide");
    let spawn = || {
        std::process::Command::new(&bin)
            .env("MNGUIDE_DATA", data.path())
            .env_remove("MNGUIDE_GUIDE")
            .env_remove("MNGUIDE_INDEX")
            .args(base_args(data.path()))
            .args(["--mode", "exam", "--count", "6"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawns")
    };
    let mut a = spawn();
    let mut b = spawn();
    {
        let mut ia = a.stdin.take().unwrap();
        let mut ib = b.stdin.take().unwrap();
        // Interleave the answers so both copies save while the other is running.
        for _ in 0..6 {
            ia.write_all(b"m\n").unwrap();
            ia.flush().unwrap();
            ib.write_all(b"m\n").unwrap();
            ib.flush().unwrap();
        }
    }
    for child in [a, b] {
        let out = child.wait_with_output().unwrap();
        let stdout = ok_stdout(&out);
        assert!(
            stdout.contains("Exam report: 3 of 6 right (50%)"),
            "{stdout}"
        );
    }
    let p = progress_json(data.path());
    let items = p["items"].as_object().unwrap();
    assert_eq!(items.len(), 6);
    for (id, item) in items {
        assert_eq!(item["reviews"], 2, "{id}");
    }
    let s = stats_json(data.path());
    assert_eq!(
        (s["reviews"].as_u64(), s["correct"].as_u64()),
        (Some(12), Some(6))
    );
}

#[test]
fn a_failing_save_is_reported_and_the_old_file_kept() {
    let data = tempfile::tempdir().unwrap();
    ok_stdout(&quiz(data.path(), &[], "m\nq\n"));
    let before = std::fs::read(data.path().join("quiz-progress.json")).unwrap();
    // A folder where the lock file belongs makes every save fail, whoever runs the test.
    let lock = data.path().join("quiz-progress.json.lock");
    std::fs::remove_file(&lock).unwrap();
    std::fs::create_dir(&lock).unwrap();
    let out = quiz(data.path(), &["--mode", "all"], "m\nm\n");
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stdout.contains("Progress not saved ("), "{stdout}");
    assert!(!stdout.contains("Progress saved to"), "{stdout}");
    assert!(
        stderr.contains("2 answers could not be saved to"),
        "{stderr}"
    );
    assert_eq!(
        std::fs::read(data.path().join("quiz-progress.json")).unwrap(),
        before
    );
}

#[test]
fn json_needs_stats() {
    let data = tempfile::tempdir().unwrap();
    let out = quiz(data.path(), &["--json"], "");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--stats"));
}

#[test]
fn count_is_the_number_of_items_and_a_missed_one_returns_as_a_named_extra() {
    let data = tempfile::tempdir().unwrap();
    // Miss the first item: it comes back after the second, as an extra, not as item 3.
    let out = ok_stdout(&quiz(data.path(), &["--count", "2"], "f\nf\nm\nm\n"));
    assert!(out.contains("[1/2]") && out.contains("[2/2]"), "{out}");
    assert!(!out.contains("/3]"), "the count grew: {out}");
    assert!(out.contains("comes back as an extra"), "{out}");
    assert!(out.contains("[extra: missed earlier]"), "{out}");
}
