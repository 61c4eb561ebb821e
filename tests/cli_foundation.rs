//! The scriptable CLI on a small fixture guide: every subcommand, its JSON shapes, colour
//! handling, and a located, actionable message for every kind of broken guide.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// `mnguide --guide <fixture>` with a private index and data dir and no colour variables.
fn mnguide(guide: &str) -> Command {
    let mut cmd = Command::cargo_bin("mnguide").expect("binary built");
    let tmp = std::env::temp_dir().join(format!("mnguide-cli-test-{}", std::process::id()));
    cmd.env_remove("NO_COLOR")
        .env_remove("MNGUIDE_GUIDE")
        .env_remove("MNGUIDE_INDEX")
        .env("MNGUIDE_DATA", tmp.join("data"))
        .env("MNGUIDE_CONFIG", tmp.join("config"))
        .arg("--guide")
        .arg(fixture(guide))
        .arg("--index-dir")
        .arg(tmp.join(format!("index-{guide}")));
    cmd
}

fn stdout_of(cmd: &mut Command) -> String {
    let out = cmd.output().expect("runs");
    assert!(
        out.status.success(),
        "failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8 output")
}

/// Runs `check` on a broken fixture and returns stderr after asserting exit code 1.
fn broken(name: &str) -> String {
    let out = mnguide(name).arg("check").output().expect("runs");
    assert_eq!(
        out.status.code(),
        Some(1),
        "broken guide {name} must exit 1"
    );
    assert!(
        out.stdout.is_empty(),
        "nothing on stdout for a broken guide"
    );
    String::from_utf8(out.stderr).expect("utf-8")
}

#[test]
fn toml_syntax_error_names_file_line_and_problem() {
    let err = broken("broken-syntax");
    assert!(
        err.contains("broken-syntax/topics/02-second.toml:8:"),
        "{err}"
    );
    assert!(err.contains("invalid basic string"), "{err}");
    assert!(err.contains("has 1 error"), "{err}");
}

#[test]
fn unknown_field_is_reported_with_the_expected_names() {
    let err = broken("broken-unknown-field");
    assert!(err.contains("topics/01-first.toml:16:1"), "{err}");
    assert!(err.contains("unknown field `key_point`"), "{err}");
    assert!(err.contains("`key_points`"), "lists the valid names: {err}");
}

#[test]
fn wrong_type_names_the_field_in_author_terms() {
    let err = broken("broken-wrong-type");
    assert!(err.contains("topics/02-second.toml:3:9"), "{err}");
    assert!(err.contains("order"), "{err}");
    assert!(err.contains("expected a whole number"), "{err}");
}

#[test]
fn duplicate_id_across_two_files_points_at_both() {
    let err = broken("broken-duplicate-id");
    assert!(err.contains("topics/03-third.toml:7:6"), "{err}");
    assert!(err.contains("duplicate section id 'one'"), "{err}");
    assert!(err.contains("first declared at"), "{err}");
    assert!(err.contains("topics/01-first.toml:7"), "{err}");
}

#[test]
fn dangling_see_also_suggests_the_closest_id() {
    let err = broken("broken-dangling-see-also");
    assert!(err.contains("topics/01-first.toml:19:13"), "{err}");
    assert!(err.contains("no section 'tow'"), "{err}");
    assert!(err.contains("did you mean 'two'"), "{err}");
}

#[test]
fn quiz_item_pointing_to_no_section() {
    let err = broken("broken-quiz-section");
    assert!(err.contains("quiz/items.toml:14:11"), "{err}");
    assert!(err.contains("item.section"), "{err}");
    assert!(err.contains("no section 'nowhere'"), "{err}");
}

#[test]
fn undeclared_source_id() {
    let err = broken("broken-undeclared-source");
    assert!(err.contains("topics/02-second.toml:11:12"), "{err}");
    assert!(
        err.contains("source 'gamma' is not declared in guide.toml"),
        "{err}"
    );
}

#[test]
fn empty_title() {
    let err = broken("broken-empty-title");
    assert!(err.contains("topics/02-second.toml:8:9"), "{err}");
    assert!(err.contains("`section.title` must not be empty"), "{err}");
}

#[test]
fn control_characters_are_refused_and_never_echoed() {
    let err = broken("broken-control-chars");
    assert!(err.contains("topics/01-first.toml:8:9"), "{err}");
    assert!(err.contains("control character U+001B"), "{err}");
    assert!(
        !err.contains('\u{1b}'),
        "the escape itself must not reach stderr"
    );
}

#[test]
fn check_summarises_a_valid_guide() {
    let out = stdout_of(mnguide("valid").arg("check"));
    assert!(out.contains("guide OK: Fixture guide"), "{out}");
    assert!(
        out.contains("2 topics, 3 sections, 2 quiz items (1 myths, 1 facts), 2 sources"),
        "{out}"
    );
}

#[test]
fn topics_lists_the_tree_in_order() {
    let out = stdout_of(mnguide("valid").arg("topics"));
    let first = out.find("First topic").expect("first topic listed");
    let one = out.find("Section one").expect("section listed");
    let second = out.find("Second topic").expect("second topic listed");
    assert!(first < one && one < second, "{out}");
}

#[test]
fn topics_json_shape() {
    let out = stdout_of(mnguide("valid").args(["topics", "--json"]));
    let v: Value = serde_json::from_str(&out).expect("valid JSON");
    let topics = v.as_array().expect("array");
    assert_eq!(topics.len(), 2);
    assert_eq!(topics[0]["id"], "first");
    assert_eq!(topics[0]["sections"][1]["id"], "two");
    assert_eq!(topics[1]["sections"][0]["title"], "Section three");
}

#[test]
fn show_prints_bottom_line_numbers_cautions_differences_and_sources() {
    let out = stdout_of(mnguide("valid").args(["show", "one"]));
    assert!(
        out.starts_with("Section one\nFirst topic > Section one"),
        "{out}"
    );
    assert!(out.contains("Bottom line: Bottom line of one."), "{out}");
    assert!(out.contains("Depth") && out.contains("0.5-2 mm"), "{out}");
    assert!(out.contains("• item a"), "{out}");
    assert!(out.contains("! Be careful. (Beta leaflet)"), "{out}");
    assert!(out.contains("Sources differ: How long"), "{out}");
    assert!(
        out.contains("Author 2024: one day") && out.contains("Beta leaflet: two days"),
        "{out}"
    );
    assert!(
        out.contains(
            "1. [Author 2024] Author A. Alpha article. J Test Dermatol. 2024;12(3):101-9."
        ) && out.contains("doi:10.1234/alpha.2024. PMID: 12345678."),
        "{out}"
    );
    assert!(out.contains("See also: two (Section two)"), "{out}");
    assert!(!out.contains('\u{1b}'), "piped output has no escape codes");
}

#[test]
fn show_json_is_one_section_object() {
    let out = stdout_of(mnguide("valid").args(["show", "one", "--json"]));
    let v: Value = serde_json::from_str(&out).expect("valid JSON");
    for key in [
        "id",
        "title",
        "topic",
        "path",
        "summary",
        "body",
        "key_points",
        "facts",
        "cautions",
        "differs",
        "tags",
        "sources",
        "see_also",
    ] {
        assert!(v.get(key).is_some(), "missing {key}: {out}");
    }
    assert_eq!(v["topic"], "first");
    assert_eq!(v["path"], "First topic > Section one");
    assert_eq!(v["facts"][0]["unit"], "mm");
    assert_eq!(v["differs"][0]["claims"][1]["source"], "beta");
}

#[test]
fn show_unknown_id_exits_1_with_closest_ids() {
    let out = mnguide("valid")
        .args(["show", "onr"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("no section 'onr'"), "{err}");
    assert!(err.contains("closest ids: one"), "{err}");
}

#[test]
fn show_never_echoes_escape_sequences_from_the_command_line() {
    let out = mnguide("valid")
        .args(["show", "\u{1b}]0;pwned\u{7}\u{1b}[31mred"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
    assert!(!out.stderr.contains(&0x1b), "escape reached the terminal");
    assert!(!out.stderr.contains(&0x07), "bell reached the terminal");
}

#[test]
fn export_json_has_the_documented_shape() {
    let out = stdout_of(mnguide("valid").args(["export", "--format", "json"]));
    let v: Value = serde_json::from_str(&out).expect("valid JSON");
    assert_eq!(v["guide"]["title"], "Fixture guide");
    assert_eq!(v["guide"]["reviewed"], "2026-01-15");
    assert_eq!(v["sources"].as_array().map(Vec::len), Some(2));
    assert_eq!(v["topics"].as_array().map(Vec::len), Some(2));
    let ids: Vec<&str> = v["sections"]
        .as_array()
        .expect("sections")
        .iter()
        .map(|s| s["id"].as_str().expect("id"))
        .collect();
    assert_eq!(ids, ["one", "two", "three"], "reading order");
    let q = &v["quiz"][1];
    for key in [
        "id",
        "statement",
        "answer",
        "explanation",
        "section",
        "sources",
    ] {
        assert!(q.get(key).is_some(), "quiz item lacks {key}");
    }
    assert_eq!(q["answer"], "myth");
}

#[test]
fn export_markdown_is_a_readable_document() {
    let out = stdout_of(mnguide("valid").args(["export", "--format", "markdown"]));
    assert!(out.starts_with("# Fixture guide"), "{out}");
    assert!(out.contains("> For testing only."), "disclaimer: {out}");
    assert!(
        out.contains("## First topic") && out.contains("### Section one"),
        "{out}"
    );
    assert!(out.contains("| Depth | 0.5-2 mm | Author 2024 |"), "{out}");
    assert!(
        out.contains("2. [Beta leaflet] Beta leaflet. Beta Clinic website."),
        "{out}"
    );
    assert!(out.contains("**Sources differ: How long**"), "{out}");
    assert!(out.contains("## Myth or fact?"), "{out}");
}

#[test]
fn color_always_styles_and_never_or_pipe_does_not() {
    let coloured = stdout_of(mnguide("valid").args(["--color", "always", "show", "one"]));
    assert!(coloured.contains("\u{1b}["), "always must colour");
    let plain = stdout_of(mnguide("valid").args(["--color", "never", "show", "one"]));
    assert!(!plain.contains('\u{1b}'));
    let piped = stdout_of(mnguide("valid").args(["topics"]));
    assert!(!piped.contains('\u{1b}'), "auto is plain when piped");
}

#[test]
fn no_color_keeps_auto_plain() {
    let out = stdout_of(mnguide("valid").env("NO_COLOR", "1").args(["show", "one"]));
    assert!(!out.contains('\u{1b}'));
}

#[test]
fn completions_are_generated() {
    let out = stdout_of(mnguide("valid").args(["completions", "bash"]));
    assert!(out.contains("mnguide") && out.contains("complete"), "{out}");
}

#[test]
fn guide_env_variable_is_honoured() {
    let mut cmd = Command::cargo_bin("mnguide").expect("binary built");
    let out = cmd
        .env("MNGUIDE_GUIDE", fixture("valid"))
        .env(
            "MNGUIDE_DATA",
            std::env::temp_dir().join("mnguide-env-test"),
        )
        .arg("check")
        .output()
        .expect("runs");
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("Fixture guide"));
}

#[test]
fn embedded_guide_is_used_outside_a_checkout() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut cmd = Command::cargo_bin("mnguide").expect("binary built");
    let out = cmd
        .current_dir(dir.path())
        .env_remove("MNGUIDE_GUIDE")
        .env_remove("MNGUIDE_INDEX")
        .env("MNGUIDE_DATA", dir.path().join("data"))
        .arg("check")
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("<embedded guide>"), "{text}");
    assert!(text.contains("topics"), "{text}");
}

#[test]
fn missing_guide_folder_is_a_clear_error() {
    let out = mnguide("does-not-exist")
        .arg("check")
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("guide folder not found"));
}
