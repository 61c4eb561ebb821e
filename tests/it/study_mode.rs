//! Study mode: best-of-five cases (validation, sessions, line mode), Anki-style grades,
//! undo, suspension, old progress files, and the Anki export, on a fixture guide with two
//! cases beside six myth-or-fact items.

use std::path::{Path, PathBuf};

use crate::cli_support::{copy_dir, ok_stdout, progress_json, run_on};
use std::process::Output;

use chrono::{DateTime, TimeZone, Utc};
use mnguide::content::{Answer, Guide, Problem, QuizKind};
use mnguide::quiz::{
    DeckItem, Grade, GradeError, Mode, Phase, Progress, QuizSession, SessionOptions, counts, deck,
    item_key,
};

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/case-guide")
}

fn guide() -> Guide {
    match mnguide::content::load_dir(&fixture()) {
        Ok(loaded) => loaded.guide,
        Err(problems) => panic!("fixture guide invalid: {problems:?}"),
    }
}

fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 1, 8, 0, 0).unwrap()
}

fn entries(g: &Guide, ids: &[&str]) -> Vec<DeckItem> {
    let all = deck::build(g, None).unwrap();
    ids.iter()
        .map(|id| all.iter().find(|d| d.item.id == *id).unwrap().clone())
        .collect()
}

// ---- validation -------------------------------------------------------------------------

/// The fixture with `quiz/sba.toml` replaced by `cases`; the problems loading it gives.
fn problems_with(cases: &str) -> Vec<Problem> {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&fixture(), dir.path());
    std::fs::write(dir.path().join("quiz/sba.toml"), cases).unwrap();
    match mnguide::content::load_dir(dir.path()) {
        Ok(_) => panic!("a broken case loaded"),
        Err(p) => p.into_iter().filter(|p| p.is_error()).collect(),
    }
}

const GOOD_CASE: &str = r#"[[case]]
id = "sba-x"
stem = "Which layer holds collagen?"
options = ["the epidermis", "the dermis", "the nail", "the hair", "the sweat"]
best = "b"
reasons = ["a: outer layer [@alpha].", "b: fibroblasts make it [@alpha].", "c: not skin [@alpha].", "d: not skin [@alpha].", "e: not a layer [@alpha]."]
section = "layers"
sources = ["alpha"]
"#;

fn only(problems: &[Problem]) -> &Problem {
    assert_eq!(problems.len(), 1, "{problems:#?}");
    &problems[0]
}

#[test]
fn a_case_with_two_best_answers_is_refused_at_its_line() {
    let text = GOOD_CASE.replace("best = \"b\"", "best = \"b, c\"");
    let problems = problems_with(&text);
    let p = only(&problems);
    assert!(p.file.ends_with("sba.toml"), "{}", p.file);
    assert_eq!(p.line, 5);
    assert_eq!(p.field, "case.best");
    assert_eq!(
        p.message,
        "case 'sba-x': best = \"b, c\" names more than one answer; a case has exactly one best option"
    );
}

#[test]
fn a_case_with_four_options_is_refused_at_its_line() {
    let text = GOOD_CASE.replace(", \"the sweat\"]", "]");
    let problems = problems_with(&text);
    let p = &problems[0];
    assert!(p.file.ends_with("sba.toml"), "{}", p.file);
    assert_eq!(p.line, 4);
    assert_eq!(p.field, "case.options");
    assert_eq!(
        p.message,
        "case 'sba-x' has 4 options; a best-of-five case needs exactly 5"
    );
}

#[test]
fn a_case_missing_a_reason_is_refused_at_its_line() {
    let text = GOOD_CASE.replace(", \"e: not a layer [@alpha].\"]", "]");
    let problems = problems_with(&text);
    let p = only(&problems);
    assert!(p.file.ends_with("sba.toml"), "{}", p.file);
    assert_eq!(p.line, 6);
    assert_eq!(p.field, "case.reasons");
    assert_eq!(
        p.message,
        "case 'sba-x' has 4 reasons for 5 options: the reason for option e is missing"
    );
}

#[test]
fn repeated_options_wrong_letters_and_unlisted_sources_are_refused() {
    let text = GOOD_CASE
        .replace("\"the hair\"", "\"The dermis\"")
        .replace("\"c: not skin", "\"d: not skin")
        .replace("sources = [\"alpha\"]", "sources = [\"alpha\", \"beta\"]")
        .replace("section = \"layers\"", "section = \"layer\"");
    let problems = problems_with(&text);
    let messages: Vec<&str> = problems.iter().map(|p| p.message.as_str()).collect();
    for want in [
        "case 'sba-x': option d repeats option b",
        "case 'sba-x': reason 3 starts with \"d:\" but explains option c",
        "case 'sba-x' lists source 'beta' but never cites it",
        "no section 'layer' in the guide",
    ] {
        assert!(messages.contains(&want), "{want} not in {messages:#?}");
    }
}

#[test]
fn a_valid_case_loads_with_its_options_reasons_and_sources() {
    let g = guide();
    let case = g.quiz.iter().find(|q| q.id == "sba-sun").unwrap();
    assert_eq!(case.kind(), QuizKind::BestOfFive);
    assert_eq!(case.answer, Answer::Choice(1));
    let c = case.case.as_ref().unwrap();
    assert_eq!(c.options.len(), 5);
    // The letter prefix is dropped and the citation rendered to its label.
    assert_eq!(
        c.reasons[1],
        format!(
            "Hotel reason, new skin burns easily ({}).",
            g.source_label("alpha")
        )
    );
    assert_eq!(
        case.answer_text(),
        "b: Hotel: use sunscreen and avoid strong sun"
    );
    assert_eq!(case.sources, ["alpha", "beta"]);
}

// ---- sessions: grading, undo, suspension ------------------------------------------------

fn one_item_session(g: &Guide, id: &str) -> QuizSession {
    QuizSession::from_items(g, Mode::All, entries(g, &[id, "q-a"]))
}

#[test]
fn a_case_is_answered_by_letter_and_graded_like_a_card() {
    let g = guide();
    let mut p = Progress::in_memory();
    let mut s = one_item_session(&g, "sba-sun");
    let out = s.answer(&mut p, Answer::Choice(1), t0()).unwrap();
    let fb = out.feedback.unwrap();
    assert!(fb.correct);
    assert_eq!(fb.grade, Grade::Good);
    assert!(
        fb.explanation.starts_with("a: Golf reason"),
        "{}",
        fb.explanation
    );
    let good_due = p.get("sba-sun").unwrap().card.due;

    // Easy instead of the natural Good: rescheduled from the state before the answer.
    assert_eq!(s.grade(&mut p, Grade::Easy, t0()), Ok(None));
    let easy = p.get("sba-sun").unwrap();
    assert!(
        easy.card.due > good_due,
        "{:?} vs {good_due:?}",
        easy.card.due
    );
    assert_eq!((easy.reviews, easy.correct), (1, 1));
    assert_eq!(s.phase(), Phase::Asking);
    assert_eq!(s.current().unwrap().id, "q-a");
}

#[test]
fn a_wrong_answer_is_fixed_at_again_and_enter_keeps_the_natural_grade() {
    let g = guide();
    let mut p = Progress::in_memory();
    let mut s = one_item_session(&g, "sba-sun");
    let fb = s
        .answer(&mut p, Answer::Choice(3), t0())
        .unwrap()
        .feedback
        .unwrap();
    assert!(!fb.correct);
    assert_eq!(fb.grade, Grade::Again);
    let before = p.get("sba-sun").cloned();
    assert_eq!(
        s.grade(&mut p, Grade::Easy, t0()),
        Err(GradeError::WrongIsAgain)
    );
    assert_eq!(
        p.get("sba-sun").cloned(),
        before,
        "a refused grade changes nothing"
    );
    assert_eq!(s.phase(), Phase::Feedback);
    // Moving on (Enter) keeps Again.
    s.next();
    let again = p.get("sba-sun").unwrap();
    assert!(!again.last_answer_correct);
    assert!(again.card.due - t0() < chrono::Duration::hours(1));
}

#[test]
fn again_on_a_right_answer_brings_the_item_back_in_the_session() {
    let g = guide();
    let mut p = Progress::in_memory();
    let mut s = one_item_session(&g, "sba-sun");
    s.answer(&mut p, Answer::Choice(1), t0()).unwrap();
    s.grade(&mut p, Grade::Again, t0()).unwrap();
    let due = p.get("sba-sun").unwrap().card.due;
    assert!(due - t0() < chrono::Duration::hours(1));
    assert_eq!(s.remaining(), 2, "q-a and sba-sun again");
}

#[test]
fn undo_restores_the_previous_card_state_and_asks_again() {
    let g = guide();
    let mut p = Progress::in_memory();
    let k = item_key(g.quiz.iter().find(|q| q.id == "q-a").unwrap());
    p.record("q-a", &k, true, t0()).unwrap();
    let before = p.get("q-a").cloned().unwrap();

    let later = t0() + chrono::Duration::days(3);
    let mut s = QuizSession::from_items(&g, Mode::All, entries(&g, &["q-a", "q-b"]));
    assert!(!s.can_undo());
    // A slip: the wrong answer, and already moved on.
    s.answer(&mut p, Answer::Fact, later).unwrap();
    s.next();
    assert_eq!(s.current().unwrap().id, "q-b");
    assert_ne!(p.get("q-a"), Some(&before));

    let undone = s.undo(&mut p).unwrap();
    assert_eq!(undone.id, "q-a");
    assert!(undone.answer);
    assert_eq!(p.get("q-a"), Some(&before), "card state as before the slip");
    assert_eq!(s.phase(), Phase::Asking);
    assert_eq!(s.current().unwrap().id, "q-a");
    assert_eq!(s.answered(), 0);
    assert!(!s.can_undo());
    assert!(s.undo(&mut p).is_none());

    // Undo of a first answer leaves no trace at all.
    s.answer(&mut p, Answer::Myth, later).unwrap();
    s.next();
    s.answer(&mut p, Answer::Fact, later).unwrap();
    s.undo(&mut p).unwrap();
    assert!(p.get("q-b").is_none());
    assert_eq!(s.current().unwrap().id, "q-b");
    assert_eq!(s.summary(&p).answered, 1);
}

#[test]
fn undo_works_on_a_saved_file_too() {
    let g = guide();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("quiz-progress.json");
    let mut p = Progress::open(&path);
    let mut s = one_item_session(&g, "sba-sun");
    s.answer(&mut p, Answer::Choice(0), t0()).unwrap();
    assert!(Progress::open(&path).get("sba-sun").is_some());
    s.undo(&mut p).unwrap();
    assert!(Progress::open(&path).get("sba-sun").is_none());
}

#[test]
fn a_suspended_item_leaves_the_session_and_is_not_asked_until_unsuspended() {
    let g = guide();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("quiz-progress.json");
    let mut p = Progress::open(&path);
    let mut s = QuizSession::from_items(&g, Mode::All, entries(&g, &["q-a", "q-b", "q-a"]));
    assert_eq!(s.suspend(&mut p), Some(Ok("q-a".to_string())));
    assert_eq!(s.current().unwrap().id, "q-b");
    assert_eq!(s.remaining(), 1, "every copy of the item left the queue");
    assert!(Progress::open(&path).is_suspended("q-a"));

    let fresh = QuizSession::new(&g, &p, SessionOptions::new(Mode::All), t0()).unwrap();
    let mut asked = Vec::new();
    let mut f = fresh;
    while let Some(i) = f.current() {
        asked.push(i.id.clone());
        f.finish();
    }
    let all = deck::build(&g, None).unwrap();
    let c = counts(&all, &p, t0());
    assert_eq!(c.new, g.quiz.len() - 1, "a suspended item is not counted");

    // Undo takes the suspension back; so does unsuspending later.
    s.undo(&mut p).unwrap();
    assert!(!p.is_suspended("q-a"));
    assert_eq!(s.current().unwrap().id, "q-a");
    s.suspend(&mut p).unwrap().unwrap();
    p.set_suspended("q-a", false).unwrap();
    let again = QuizSession::new(&g, &p, SessionOptions::new(Mode::Due), t0()).unwrap();
    assert_eq!(again.current().unwrap().id, "q-a");
}

#[test]
fn counts_split_new_learning_and_due() {
    let g = guide();
    let all = deck::build(&g, None).unwrap();
    let mut p = Progress::in_memory();
    let c = counts(&all, &p, t0());
    assert_eq!((c.new, c.learning, c.due), (g.quiz.len(), 0, 0));
    let k = |id: &str| item_key(g.quiz.iter().find(|q| q.id == id).unwrap());
    p.record("q-a", &k("q-a"), false, t0()).unwrap();
    p.record_graded("q-b", &k("q-b"), true, Grade::Easy, t0())
        .unwrap();
    let c = counts(&all, &p, t0() + chrono::Duration::days(60));
    assert_eq!(c.new, g.quiz.len() - 2);
    assert_eq!(c.learning, 1, "missed: relearning steps");
    assert_eq!(c.due, 1, "easy: a review due within two months");
}

// ---- progress files from before cases ---------------------------------------------------

#[test]
fn an_old_progress_file_loads_and_a_changed_item_starts_fresh() {
    let g = guide();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("quiz-progress.json");
    // A file as written before cases, grades and suspension existed.
    let q_a = g.quiz.iter().find(|q| q.id == "q-a").unwrap();
    let mut p = Progress::open(&path);
    p.record("q-a", &item_key(q_a), true, t0()).unwrap();
    p.record("q-b", "0123456789abcdef", true, t0()).unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(!text.contains("suspended"), "{text}");
    let old: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(old["version"], 1);

    let p = Progress::open(&path);
    assert!(p.warnings().is_empty(), "{:?}", p.warnings());
    // The myth-or-fact key is unchanged, so its progress still applies...
    assert!(p.current("q-a", &item_key(q_a)).is_some());
    // ...and an item whose wording changed starts fresh.
    let q_b = g.quiz.iter().find(|q| q.id == "q-b").unwrap();
    assert!(p.current("q-b", &item_key(q_b)).is_none());
    // A case's key covers its options: rewording one changes it.
    let mut case = g.quiz.iter().find(|q| q.id == "sba-sun").unwrap().clone();
    let k1 = item_key(&case);
    case.case.as_mut().unwrap().options[4] = "Kilo: reworded".into();
    assert_ne!(k1, item_key(&case));
}

// ---- line mode --------------------------------------------------------------------------

fn run(data: &Path, args: &[&str], stdin: &str) -> Output {
    run_on(&fixture(), data, args, stdin)
}

#[test]
fn line_mode_answers_a_case_by_letter_with_options_reasons_and_a_grade() {
    let data = tempfile::tempdir().unwrap();
    // Topic care: q-d, q-e, q-f (items, q-f graded Easy), then the case sba-sun. "x" is
    // not a letter.
    let out = ok_stdout(&run(
        data.path(),
        &["quiz", "--topic", "care"],
        "f\n\nm\n\nf\n4\nx\nB\n\n",
    ));
    // The counts are those of the topic asked, as in the browser.
    assert!(out.contains("New 4 · learning 0 · due 0"), "{out}");
    assert!(
        out.contains("  a) Golf: sunbathe to speed healing\n"),
        "{out}"
    );
    assert!(
        out.contains("  e) Kilo: nothing matters after day one\n"),
        "{out}"
    );
    assert!(out.contains("Best answer? [a-e/u/s/q] "), "{out}");
    assert!(
        out.contains("Please type a letter a-e, u (undo), s (suspend) or q to stop; got 'x'."),
        "{out}"
    );
    assert!(
        out.contains("Correct: best answer b: Hotel: use sunscreen and avoid strong sun"),
        "{out}"
    );
    assert!(
        out.contains("  a: Golf reason, sun raises the risk of dark marks"),
        "{out}"
    );
    assert!(out.contains("Graded easy."), "{out}");
    assert!(out.contains("Session: 4 of 4 right (100%)"), "{out}");
    let p = progress_json(data.path());
    assert_eq!(p["items"]["sba-sun"]["correct"], 1);
}

#[test]
fn line_mode_refuses_a_better_grade_for_a_wrong_case_and_undo_asks_again() {
    let data = tempfile::tempdir().unwrap();
    // Wrong letter, try Easy (refused), undo, answer right, Enter.
    let out = ok_stdout(&run(
        data.path(),
        &["quiz", "--topic", "care"],
        "f\n\nm\n\nf\n\na\n4\nu\nb\n\n",
    ));
    assert!(out.contains("Not quite: best answer b:"), "{out}");
    assert!(
        out.contains("Graded again (missed) [Enter = next, u undo, s suspend] "),
        "{out}"
    );
    assert!(out.contains("A wrong answer is graded Again."), "{out}");
    assert!(out.contains("Undone: the last answer (sba-sun)."), "{out}");
    assert!(out.contains("Session: 4 of 4 right (100%)"), "{out}");
    let p = progress_json(data.path());
    assert_eq!(
        p["items"]["sba-sun"]["reviews"], 1,
        "the undone answer left no trace"
    );
    assert_eq!(p["items"]["sba-sun"]["last_answer_correct"], true);
}

#[test]
fn line_mode_suspends_an_item_and_unsuspend_brings_it_back() {
    let data = tempfile::tempdir().unwrap();
    let out = ok_stdout(&run(data.path(), &["quiz", "--topic", "care"], "s\nq\n"));
    assert!(
        out.contains("Suspended q-d: not asked again until `mnguide quiz --unsuspend q-d`"),
        "{out}"
    );
    let p = progress_json(data.path());
    assert_eq!(p["suspended"], serde_json::json!(["q-d"]));
    let out = ok_stdout(&run(data.path(), &["quiz", "--topic", "care"], "q\n"));
    assert!(!out.contains("Delta statement"), "{out}");
    let out = ok_stdout(&run(data.path(), &["quiz", "--unsuspend", "q-d"], ""));
    assert!(out.contains("Unsuspended q-d: it is asked again."), "{out}");
    let out = ok_stdout(&run(data.path(), &["quiz", "--topic", "care"], "q\n"));
    assert!(out.contains("Delta statement"), "{out}");
    let bad = run(data.path(), &["quiz", "--suspend", "q-zz"], "");
    assert_eq!(bad.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("no quiz item 'q-zz'"));
}

#[test]
fn piped_answers_one_per_line_still_work_without_grades() {
    let data = tempfile::tempdir().unwrap();
    // Each answer typed at the grade prompt answers the next item with the natural grade.
    let out = ok_stdout(&run(
        data.path(),
        &["quiz", "--topic", "care"],
        "f\nm\nf\nb\n",
    ));
    assert!(out.contains("Session: 4 of 4 right (100%)"), "{out}");
}

// ---- Anki export ------------------------------------------------------------------------

#[test]
fn the_anki_export_has_headers_one_note_per_item_and_escaped_fields() {
    let g = guide();
    let data = tempfile::tempdir().unwrap();
    let out = ok_stdout(&run(data.path(), &["export", "--format", "anki"], ""));
    let lines: Vec<&str> = out.lines().collect();
    let headers: Vec<&str> = lines
        .iter()
        .copied()
        .take_while(|l| l.starts_with('#'))
        .collect();
    for h in [
        "#separator:tab",
        "#html:true",
        "#notetype:Basic",
        "#deck:mnguide",
        "#guid column:1",
        "#tags column:4",
    ] {
        assert!(headers.contains(&h), "{h} not in {headers:?}");
    }
    let notes: Vec<Vec<&str>> = lines[headers.len()..]
        .iter()
        .map(|l| l.split('\t').collect())
        .collect();
    assert_eq!(notes.len(), g.quiz.len());
    for n in &notes {
        assert_eq!(n.len(), 4, "{n:?}");
    }
    // One note checked against the guide: the case on sun protection.
    let case = g.quiz.iter().find(|q| q.id == "sba-sun").unwrap();
    let note = notes.iter().find(|n| n[0] == "mnguide-sba-sun").unwrap();
    let c = case.case.as_ref().unwrap();
    assert!(
        note[1].starts_with(&c_escape(&case.statement)),
        "{}",
        note[1]
    );
    for o in &c.options {
        assert!(
            note[1].contains(&format!("<li>{}</li>", c_escape(o))),
            "{}",
            note[1]
        );
    }
    assert!(
        note[2].contains("<b>Best answer b: Hotel: use sunscreen"),
        "{}",
        note[2]
    );
    for r in &c.reasons {
        assert!(note[2].contains(&c_escape(r)), "{}", note[2]);
    }
    let labels: Vec<String> = case.sources.iter().map(|s| g.source_label(s)).collect();
    assert!(
        note[2].contains(&format!("Sources: {}", c_escape(&labels.join("; ")))),
        "{}",
        note[2]
    );
    let tags: Vec<&str> = note[3].split(' ').collect();
    assert_eq!(tags, ["mnguide", "topic::care", "kind::best-of-five"]);
    let item = notes.iter().find(|n| n[0] == "mnguide-q-a").unwrap();
    assert!(item[3].ends_with("kind::myth-or-fact"), "{}", item[3]);
    assert!(item[2].starts_with("<b>MYTH</b>"), "{}", item[2]);
}

fn c_escape(s: &str) -> String {
    mnguide::cli::anki::html(s)
}

#[test]
fn html_escaping_keeps_markup_and_tabs_out_of_fields() {
    assert_eq!(
        mnguide::cli::anki::html("a <b> & \"c\"\td\ne"),
        "a &lt;b&gt; &amp; &quot;c&quot; d<br>e"
    );
}

// ---- item list and topic reset ----------------------------------------------------------

#[test]
fn the_item_list_shows_each_item_by_topic_with_its_state_and_kind() {
    let data = tempfile::tempdir().unwrap();
    // q-d graded Easy goes to review; q-e, right and Good, is still in its learning steps.
    ok_stdout(&run(
        data.path(),
        &["quiz", "--topic", "care"],
        "f\n4\nm\n\n",
    ));
    ok_stdout(&run(data.path(), &["quiz", "--suspend", "sba-sun"], ""));
    let out = ok_stdout(&run(data.path(), &["quiz", "--list"], ""));
    assert!(out.contains("Aftercare (care)\n"), "{out}");
    assert!(
        out.contains("  learnt    myth-or-fact q-d  Delta statement"),
        "{out}"
    );
    assert!(
        out.contains("  learning  myth-or-fact q-e  Echo statement"),
        "{out}"
    );
    assert!(
        out.contains("  suspended best-of-five sba-sun  Foxtrot stem"),
        "{out}"
    );
    assert!(
        out.contains("  new       best-of-five sba-layers  Lima stem"),
        "{out}"
    );
    assert_eq!(out.matches("Skin layers (skin)").count(), 1, "{out}");
    assert!(out.contains("8 items: 5 new, 1 learning, 0 due."), "{out}");
    let care = ok_stdout(&run(
        data.path(),
        &["quiz", "--list", "--topic", "care"],
        "",
    ));
    assert!(!care.contains("Skin layers"), "{care}");
}

#[test]
fn resetting_a_topic_asks_first() {
    let data = tempfile::tempdir().unwrap();
    ok_stdout(&run(
        data.path(),
        &["quiz", "--topic", "care"],
        "f\n\nm\n\n",
    ));
    let out = ok_stdout(&run(data.path(), &["quiz", "--reset", "care"], "n\n"));
    assert!(
        out.contains("Forget the progress of 2 items in Aftercare? This cannot be undone. [y/N] "),
        "{out}"
    );
    assert!(out.contains("Nothing reset."), "{out}");
    assert_eq!(
        progress_json(data.path())["items"]
            .as_object()
            .unwrap()
            .len(),
        2
    );
    let out = ok_stdout(&run(data.path(), &["quiz", "--reset", "care"], "y\n"));
    assert!(
        out.contains("Reset 2 items in Aftercare: they are new again."),
        "{out}"
    );
    assert!(
        progress_json(data.path())["items"]
            .as_object()
            .unwrap()
            .is_empty()
    );
    let bad = run(data.path(), &["quiz", "--reset", "car"], "y\n");
    assert_eq!(bad.status.code(), Some(1));
}

#[test]
fn resetting_a_topic_also_unsuspends_its_items() {
    let data = tempfile::tempdir().unwrap();
    ok_stdout(&run(data.path(), &["quiz", "--topic", "care"], "f\n\nq\n"));
    ok_stdout(&run(data.path(), &["quiz", "--suspend", "sba-sun"], ""));
    ok_stdout(&run(data.path(), &["quiz", "--suspend", "q-a"], ""));
    let out = ok_stdout(&run(data.path(), &["quiz", "--reset", "care"], "y\n"));
    assert!(
        out.contains(
            "Forget the progress of 2 items in Aftercare and unsuspend 1? This cannot be undone. [y/N] "
        ),
        "{out}"
    );
    assert!(
        out.contains("Reset 2 items in Aftercare: they are new again (1 unsuspended)."),
        "{out}"
    );
    let p = progress_json(data.path());
    assert!(p["items"].as_object().unwrap().is_empty(), "{p}");
    assert_eq!(
        p["suspended"],
        serde_json::json!(["q-a"]),
        "only the topic's items"
    );
    let list = ok_stdout(&run(
        data.path(),
        &["quiz", "--list", "--topic", "care"],
        "",
    ));
    assert!(
        list.contains("  new       best-of-five sba-sun  Foxtrot stem"),
        "{list}"
    );
    // A topic whose only progress is a suspension still has something to reset.
    ok_stdout(&run(data.path(), &["quiz", "--suspend", "sba-sun"], ""));
    let out = ok_stdout(&run(data.path(), &["quiz", "--reset", "care", "--yes"], ""));
    assert!(
        out.contains("Reset 1 item in Aftercare: it is new again (1 unsuspended)."),
        "{out}"
    );
    assert_eq!(
        progress_json(data.path())["suspended"],
        serde_json::json!(["q-a"])
    );
}

// ---- filters by kind ----------------------------------------------------------------------

#[test]
fn the_item_list_and_a_sitting_can_be_narrowed_to_one_kind() {
    let data = tempfile::tempdir().unwrap();
    let cases = ok_stdout(&run(
        data.path(),
        &["quiz", "--list", "--kind", "best-of-five"],
        "",
    ));
    assert!(
        cases.contains("sba-sun") && cases.contains("sba-layers"),
        "{cases}"
    );
    assert!(!cases.contains("myth-or-fact"), "{cases}");
    assert!(cases.contains("2 items: 2 new"), "{cases}");
    let items = ok_stdout(&run(
        data.path(),
        &[
            "quiz",
            "--list",
            "--kind",
            "myth-or-fact",
            "--topic",
            "care",
        ],
        "",
    ));
    assert!(!items.contains("best-of-five"), "{items}");
    assert!(items.contains("3 items: 3 new"), "{items}");
    // A sitting of cases only asks the topic's case and nothing else.
    let out = ok_stdout(&run(
        data.path(),
        &["quiz", "--topic", "care", "--kind", "best-of-five"],
        "b\n\n",
    ));
    assert!(
        out.starts_with("Quiz: 1 item from Aftercare (due mode)."),
        "{out}"
    );
    assert!(out.contains("New 1 · learning 0 · due 0"), "{out}");
    assert!(out.contains("Session: 1 of 1 right (100%)"), "{out}");
    assert!(!out.contains("Delta statement"), "{out}");
    let bad = run(data.path(), &["quiz", "--kind", "essay"], "");
    assert_eq!(bad.status.code(), Some(2));
}

// ---- JSON and Markdown exports ------------------------------------------------------------

#[test]
fn the_json_export_gives_a_case_s_answer_as_its_letter_and_lists_its_options() {
    let data = tempfile::tempdir().unwrap();
    let out = ok_stdout(&run(data.path(), &["export", "--format", "json"], ""));
    let v: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    let quiz = v["quiz"].as_array().unwrap();
    let case = quiz.iter().find(|q| q["id"] == "sba-sun").unwrap();
    assert_eq!(case["kind"], "best-of-five");
    assert!(case["stem"].as_str().unwrap().starts_with("Foxtrot stem"));
    assert_eq!(case["answer"], "b");
    assert_eq!(
        case["answer_text"],
        "Hotel: use sunscreen and avoid strong sun"
    );
    let options = case["options"].as_array().unwrap();
    let letters: Vec<&str> = options
        .iter()
        .map(|o| o["letter"].as_str().unwrap())
        .collect();
    assert_eq!(letters, ["a", "b", "c", "d", "e"]);
    assert_eq!(options[3]["text"], "Juliet: use a tanning bed");
    assert_eq!(
        options[3]["reason"],
        "Juliet reason, ultraviolet harms healing skin (Beta leaflet)."
    );
    assert_eq!(case["section"], "sun");
    assert_eq!(case["sources"], serde_json::json!(["alpha", "beta"]));
    let item = quiz.iter().find(|q| q["id"] == "q-a").unwrap();
    assert_eq!(item["kind"], "myth-or-fact");
    assert_eq!(item["answer"], "myth");
    assert!(
        item["statement"]
            .as_str()
            .unwrap()
            .starts_with("Alpha statement")
    );
}

#[test]
fn the_markdown_export_prints_each_case_with_options_answer_reasons_and_sources() {
    let data = tempfile::tempdir().unwrap();
    let md = ok_stdout(&run(data.path(), &["export", "--format", "markdown"], ""));
    let at = md.find("## Best of five").expect("a section for the cases");
    let cases = &md[at..];
    let myths = &md[md.find("## Myth or fact?").unwrap()..at];
    assert!(
        !myths.contains("Foxtrot stem"),
        "cases are not myth-or-fact items"
    );
    let sun = &cases[cases.find("(`sba-sun`)").unwrap()..cases.find("(`sba-layers`)").unwrap()];
    assert!(
        sun.contains(
            "\n\nFoxtrot stem: a patient asks what to do about the sun in the week after treatment. Which is the best advice?\n\n"
        ),
        "{sun}"
    );
    for line in [
        "- **a.** Golf: sunbathe to speed healing\n",
        "- **b.** Hotel: use sunscreen and avoid strong sun\n",
        "- **c.** India: skip all skin care\n",
        "- **d.** Juliet: use a tanning bed\n",
        "- **e.** Kilo: nothing matters after day one\n",
        "**Best answer: b.** Hotel: use sunscreen and avoid strong sun\n",
        "- a: Golf reason, sun raises the risk of dark marks (Beta leaflet).\n",
        "- e: Kilo reason, healing takes weeks (Beta leaflet).\n",
        "Sources: Author 2024; Beta leaflet · Read more: Sun protection (`sun`)\n",
    ] {
        assert!(sun.contains(line), "{line:?} missing in:\n{sun}");
    }
}
