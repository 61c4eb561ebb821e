//! The scriptable CLI on a small fixture guide: every subcommand, its JSON shapes, colour
//! handling, and a located, actionable message for every kind of broken guide.

use std::path::Path;

use assert_cmd::Command;
use serde_json::Value;

use crate::cli_support::{fixture, mnguide_bin};

/// `mnguide --guide <fixture>` with a private index and data dir and no colour variables.
fn mnguide(guide: &str) -> Command {
    let mut cmd = mnguide_bin();
    let tmp = std::env::temp_dir().join(format!("mnguide-cli-test-{}", std::process::id()));
    cmd.env_remove("NO_COLOR")
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
fn an_unknown_section_kind_names_file_line_field_and_the_one_kind() {
    let err = broken("broken-section-kind");
    assert!(err.contains("topics/01-first.toml:9:8"), "{err}");
    assert!(err.contains("section.kind"), "{err}");
    assert!(err.contains("unknown section kind 'wiki'"), "{err}");
    assert!(err.contains("\"gap\""), "names the kind there is: {err}");
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
    assert!(err.contains("no section or topic 'onr'"), "{err}");
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
    let mut cmd = mnguide_bin();
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
    let mut cmd = mnguide_bin();
    let out = cmd
        .current_dir(dir.path())
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

/// `mnguide` on the shipped guide, with private data and index folders.
fn shipped() -> Command {
    let mut cmd = mnguide_bin();
    let tmp = std::env::temp_dir().join(format!("mnguide-cli-shipped-{}", std::process::id()));
    cmd.env_remove("NO_COLOR")
        .env_remove("COLUMNS")
        .env("MNGUIDE_DATA", tmp.join("data"))
        .env("MNGUIDE_CONFIG", tmp.join("config"))
        .arg("--guide")
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("guide"))
        .arg("--index-dir")
        .arg(tmp.join("index"));
    cmd
}

#[test]
fn show_takes_a_topic_id_and_lists_its_sections_bottom_lines() {
    let out = stdout_of(mnguide("valid").args(["show", "first"]));
    // The topic's own title, then each of its sections with its id.
    assert!(
        out.starts_with("First topic") || out.contains("[one]"),
        "{out}"
    );
    assert!(out.contains("[one]") && out.contains("[two]"), "{out}");
    assert!(
        !out.contains("[three]"),
        "a section of another topic: {out}"
    );
}

#[test]
fn unknown_id_offers_the_closest_topic_and_section_ids() {
    let out = mnguide("valid")
        .args(["show", "firts"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("closest ids: first"), "{err}");
}

#[test]
fn brief_shows_the_bottom_line_and_numbers_but_not_the_body() {
    let full = stdout_of(shipped().args(["show", "numbing-cream"]));
    let brief = stdout_of(shipped().args(["show", "-b", "numbing-cream"]));
    assert!(brief.lines().count() < full.lines().count() / 2, "{brief}");
    assert!(brief.contains("Numbing cream"), "{brief}");
    assert!(
        brief.contains("min"),
        "the key numbers are missing: {brief}"
    );
    assert!(!brief.contains("Key points"), "{brief}");
    assert!(
        brief.lines().count() <= 22,
        "does not fit a screen: {brief}"
    );
    assert!(brief.contains("mnguide show numbing-cream"), "{brief}");
}

#[test]
fn search_first_prints_the_top_hit_in_brief_form() {
    let first = stdout_of(shipped().args(["search", "--first", "numbing", "cream"]));
    let top = stdout_of(shipped().args(["search", "--json", "numbing", "cream"]));
    let hits: Value = serde_json::from_str(&top).expect("json");
    let id = hits[0]["id"].as_str().expect("an id");
    let brief = stdout_of(shipped().args(["show", "--brief", id]));
    assert_eq!(first, brief);
}

fn widest_line(text: &str) -> usize {
    use unicode_width::UnicodeWidthStr;
    text.lines()
        .filter(|l| !l.contains("http"))
        .map(|l| l.width())
        .max()
        .unwrap_or(0)
}

#[test]
fn output_fits_columns_or_80_when_piped() {
    for cols in ["60", "80"] {
        let n: usize = cols.parse().expect("number");
        for args in [
            vec!["topics"],
            vec!["search", "aftercare", "sun"],
            vec!["search", "numbing", "cream", "time"],
            vec!["show", "numbing-cream"],
            vec!["show", "aftercare"],
            vec!["show", "-b", "pih"],
        ] {
            let out = stdout_of(shipped().env("COLUMNS", cols).args(&args));
            assert!(widest_line(&out) <= n, "{args:?} at {cols}:\n{out}");
        }
    }
    // Piped with no COLUMNS: 80.
    let out = stdout_of(shipped().args(["topics"]));
    assert!(widest_line(&out) <= 80, "{out}");
}

#[test]
fn man_page_renders_with_man() {
    let page = stdout_of(shipped().arg("man"));
    assert!(
        page.contains(".TH mnguide"),
        "not roff: {}",
        &page[..200.min(page.len())]
    );
    let has_man = std::process::Command::new("man")
        .arg("--version")
        .output()
        .is_ok();
    if has_man {
        let dir = tempfile::tempdir().expect("tempdir");
        let file = dir.path().join("mnguide.1");
        std::fs::write(&file, &page).expect("write page");
        let out = std::process::Command::new("man")
            .arg("-l")
            .arg(&file)
            .env("MANPAGER", "cat")
            .env("MANWIDTH", "80")
            .output()
            .expect("man runs");
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(
            text.contains("SYNOPSIS") && text.contains("search"),
            "{text}"
        );
    }
}

#[test]
fn bash_completion_completes_section_and_topic_ids() {
    let script = stdout_of(shipped().args(["completions", "bash"]));
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("mnguide.bash");
    std::fs::write(&file, &script).expect("write script");
    let complete = |line: &str| -> String {
        let words: Vec<&str> = line.split(' ').collect();
        let cword = words.len() - 1;
        let driver = format!(
            "source '{}'; COMP_WORDS=({}); COMP_CWORD={cword}; COMP_LINE='{line}'; \
             COMP_POINT=${{#COMP_LINE}}; _mnguide mnguide '{}' '{}'; \
             printf '%s\\n' \"${{COMPREPLY[@]}}\"",
            file.display(),
            words
                .iter()
                .map(|w| format!("'{w}'"))
                .collect::<Vec<_>>()
                .join(" "),
            words[cword],
            words[cword.saturating_sub(1)]
        );
        let out = std::process::Command::new("bash")
            .arg("-c")
            .arg(driver)
            .output()
            .expect("bash runs");
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let show = complete("mnguide show numb");
    assert!(show.lines().any(|l| l == "numbing-cream"), "{show}");
    let topic = complete("mnguide show proced");
    assert!(topic.lines().any(|l| l == "procedure"), "{topic}");
    let open = complete("mnguide open numb");
    assert!(open.lines().any(|l| l == "numbing-cream"), "{open}");
    let quiz = complete("mnguide quiz --topic after");
    assert!(quiz.lines().any(|l| l == "aftercare"), "{quiz}");
}

#[test]
fn zsh_and_fish_completions_carry_the_ids() {
    for shell in ["zsh", "fish"] {
        let script = stdout_of(shipped().args(["completions", shell]));
        assert!(script.contains("numbing-cream"), "{shell}");
    }
}

#[test]
fn open_refuses_an_unknown_id_before_taking_the_screen() {
    let out = shipped()
        .args(["open", "numbng-cream"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("closest ids: numbing-cream"), "{err}");
}

#[test]
fn keys_prints_every_scope_with_its_default_keys_without_needing_a_guide() {
    let out = stdout_of(mnguide("does-not-exist").arg("keys"));
    for want in [
        "[keys.global]",
        "[keys.search]",
        "[keys.quiz]",
        "quit = [\"q\"]",
        "delete_word_back = [\"ctrl-w\", \"alt-backspace\"]",
        "# Cursor to the previous word",
    ] {
        assert!(out.contains(want), "{want:?} missing:\n{out}");
    }
    assert_eq!(out, mnguide::tui::keymap::reference());
}
