//! Hostile input to the command line: huge numbers, unreadable and odd state files, escape
//! and bidi characters hidden in guide content, folder names and typed answers. Nothing may
//! crash, hang, lose data, or reach the terminal as a control character.

use std::path::Path;
use std::time::Duration;

use assert_cmd::Command;

use crate::cli_support::{copy_fixture, guide_dir, mnguide_bin, run};

fn mnguide(tmp: &Path) -> Command {
    let mut cmd = mnguide_bin();
    cmd.env("MNGUIDE_DATA", tmp.join("data"))
        .env("MNGUIDE_CONFIG", tmp.join("config"))
        .env_remove("NO_COLOR")
        .timeout(Duration::from_secs(60))
        .arg("--guide")
        .arg(guide_dir())
        .arg("--index-dir")
        .arg(tmp.join("index"));
    cmd
}

/// No C0 (but newline), C1 or bidi control in `s`.
fn assert_no_controls(s: &str, what: &str) {
    if let Some(c) = s.chars().find(|&c| mnguide::term::is_unsafe(c)) {
        panic!("{what} holds U+{:04X}: {s:?}", c as u32);
    }
}

#[test]
fn huge_search_limits_are_refused_with_a_message_not_a_crash() {
    let tmp = tempfile::tempdir().expect("tempdir");
    for limit in [
        "3000000000",
        "18446744073709551615",
        "99999999999999999999999",
        "0",
    ] {
        let (code, out, err) = run(mnguide(tmp.path()).args(["search", "--limit", limit, "sun"]));
        assert_eq!(code, 2, "--limit {limit}: {err}");
        assert!(out.is_empty());
        assert!(err.contains("1 to 1000"), "--limit {limit}: {err}");
    }
    let (code, out, err) = run(mnguide(tmp.path()).args(["search", "--limit", "1000", "sun"]));
    assert_eq!(code, 0, "{err}");
    assert!(out.contains(" 1. "), "{out}");
}

#[test]
fn a_progress_file_that_cannot_be_read_is_left_where_it_is() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let data = tmp.path().join("data");
    std::fs::create_dir_all(&data).expect("data dir");
    // A folder in the progress file's place cannot be read as a file, by root or anyone
    // (a file without read permission would be, by root).
    let progress = data.join(mnguide::quiz::PROGRESS_FILE);
    std::fs::create_dir(&progress).expect("folder");
    let (code, _out, err) = run(mnguide(tmp.path()).args(["quiz", "--stats"]));
    assert!(err.contains("cannot be read"), "{err}");
    assert!(!err.contains("moved to"), "{err}");
    assert!(progress.is_dir(), "left where it was (code {code})");
    let moved = std::fs::read_dir(&data)
        .expect("data")
        .flatten()
        .any(|e| e.file_name().to_string_lossy().contains(".bak"));
    assert!(!moved, "nothing moved aside");
}

fn on_guide(tmp: &Path, guide: &Path) -> Command {
    let mut cmd = mnguide_bin();
    cmd.env("MNGUIDE_DATA", tmp.join("data"))
        .env("MNGUIDE_CONFIG", tmp.join("config"))
        .timeout(Duration::from_secs(60))
        .arg("--guide")
        .arg(guide)
        .arg("--index-dir")
        .arg(tmp.join("index"));
    cmd
}

#[test]
fn entities_that_decode_to_bidi_or_c1_controls_are_refused_by_check() {
    for entity in ["&#x202e;", "&#x9b;", "&rlm;", "&#27;[31m"] {
        let tmp = tempfile::tempdir().expect("tempdir");
        let guide = tmp.path().join("guide");
        copy_fixture("valid", &guide);
        let topic = guide.join("topics/01-first.toml");
        let text = std::fs::read_to_string(&topic).expect("read");
        std::fs::write(
            &topic,
            text.replace("Plain body.", &format!("Plain {entity}body.")),
        )
        .expect("write");
        let (code, out, err) = run(on_guide(tmp.path(), &guide).arg("check"));
        assert_eq!(code, 1, "{entity}: {out}{err}");
        assert!(err.contains("control character"), "{entity}: {err}");
        assert_no_controls(&out, "stdout");
        assert_no_controls(&err, "stderr");
        // Nothing shows the section either: the guide does not load.
        let (code, out, _) = run(on_guide(tmp.path(), &guide).args(["show", "two"]));
        assert_ne!(code, 0);
        assert_no_controls(&out, "show");
    }
}

#[cfg(unix)]
#[test]
fn a_guide_folder_named_with_an_escape_sequence_is_shown_harmless() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let guide = tmp.path().join("g\x1b]0;owned\x07\x1b[31m\u{202e}red");
    copy_fixture("valid", &guide);
    let (code, out, err) = run(on_guide(tmp.path(), &guide).arg("check"));
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("guide OK"), "{out}");
    assert_no_controls(&out, "check stdout");
    assert_no_controls(&err, "check stderr");
    // And in the error summary of a broken guide.
    std::fs::write(guide.join("topics/02-second.toml"), "id = ").expect("break");
    let (code, out, err) = run(on_guide(tmp.path(), &guide).arg("check"));
    assert_eq!(code, 1);
    assert!(err.contains("nothing was shown"), "{err}");
    assert_no_controls(&out, "stdout");
    assert_no_controls(&err, "stderr");
}

#[test]
fn typed_ids_and_answers_are_echoed_clean_and_short() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let hostile = format!(
        "\x1b]0;owned\x07\u{202e}\u{9b}31m{}",
        "x".repeat(10_000_000)
    );
    let (code, _, err) = run(mnguide(tmp.path()).args(["show", &hostile[..100_000]]));
    assert_eq!(code, 1);
    assert_no_controls(&err, "show stderr");
    assert!(err.len() < 400, "echo cut short: {} bytes", err.len());

    let answers = format!("{hostile}\nq\n");
    let out = mnguide(tmp.path())
        .args(["quiz", "--mode", "all", "--count", "1"])
        .write_stdin(answers)
        .output()
        .expect("runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("got '"),
        "{}",
        &stdout[..stdout.len().min(2000)]
    );
    assert_no_controls(&stdout, "quiz stdout");
    assert!(
        stdout.len() < 20_000,
        "answer echoed whole: {} bytes",
        stdout.len()
    );
}

#[cfg(unix)]
#[test]
fn topic_entries_that_cannot_be_used_are_reported_not_skipped() {
    use std::os::unix::ffi::OsStrExt;
    type Make = fn(&Path);
    let cases: [(&str, Make, &str); 6] = [
        (
            "folder.toml",
            |t| std::fs::create_dir(t.join("folder.toml")).unwrap(),
            "is a folder",
        ),
        (
            "pipe.toml",
            |t| {
                let ok = std::process::Command::new("mkfifo")
                    .arg(t.join("pipe.toml"))
                    .status()
                    .is_ok_and(|s| s.success());
                assert!(ok, "mkfifo");
            },
            "not a regular file",
        ),
        (
            "dangling.toml",
            |t| std::os::unix::fs::symlink(t.join("nowhere"), t.join("dangling.toml")).unwrap(),
            "leads nowhere",
        ),
        (
            "loop.toml",
            |t| std::os::unix::fs::symlink(t.join("loop.toml"), t.join("loop.toml")).unwrap(),
            "leads nowhere",
        ),
        (
            "UPPER.TOML",
            |t| std::fs::write(t.join("UPPER.TOML"), "x").unwrap(),
            "another case",
        ),
        (
            "bad",
            |t| {
                let name = std::ffi::OsStr::from_bytes(b"bad\xff.toml");
                std::fs::write(t.join(name), "x").unwrap();
            },
            "not valid UTF-8",
        ),
    ];
    for (name, make, says) in cases {
        let tmp = tempfile::tempdir().expect("tempdir");
        let guide = tmp.path().join("guide");
        copy_fixture("valid", &guide);
        make(&guide.join("topics"));
        let started = std::time::Instant::now();
        let (code, out, err) = run(on_guide(tmp.path(), &guide).arg("check"));
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "{name}: no hang"
        );
        assert_eq!(code, 1, "{name}: {out}{err}");
        assert!(err.contains(name) && err.contains(says), "{name}: {err}");
        assert!(
            !err.contains("every guide needs a guide.toml"),
            "{name}: {err}"
        );
        assert_no_controls(&err, "stderr");
        // Search takes the quick path only on a clean guide; it must not hang either.
        let (code, _, _) = run(on_guide(tmp.path(), &guide).args(["search", "one"]));
        assert_eq!(code, 1, "{name}: search refuses the guide");
    }
}

#[cfg(unix)]
#[test]
fn a_guide_file_that_is_a_fifo_or_dev_zero_is_refused_quickly() {
    for target in ["fifo", "zero"] {
        let tmp = tempfile::tempdir().expect("tempdir");
        let guide = tmp.path().join("guide");
        copy_fixture("valid", &guide);
        let file = guide.join("guide.toml");
        std::fs::remove_file(&file).unwrap();
        if target == "fifo" {
            assert!(
                std::process::Command::new("mkfifo")
                    .arg(&file)
                    .status()
                    .unwrap()
                    .success()
            );
        } else {
            std::os::unix::fs::symlink("/dev/zero", &file).unwrap();
        }
        let (code, _, err) = run(on_guide(tmp.path(), &guide).args(["search", "one"]));
        assert_eq!(code, 1, "{target}: {err}");
        assert!(err.contains("not a regular file"), "{target}: {err}");
    }
}

#[test]
fn empty_path_variables_count_as_unset() {
    let tmp = tempfile::tempdir().expect("tempdir");
    // A ./guide in the current folder: with MNGUIDE_GUIDE empty, that is the one used.
    copy_fixture("valid", &tmp.path().join("guide"));
    let mut cmd = mnguide_bin();
    cmd.current_dir(tmp.path())
        .env("MNGUIDE_GUIDE", "")
        .env("MNGUIDE_INDEX", "")
        .env("MNGUIDE_DATA", "")
        .env("MNGUIDE_CONFIG", "")
        .env("XDG_DATA_HOME", tmp.path().join("xdg-data"))
        .env("XDG_CACHE_HOME", tmp.path().join("xdg-cache"))
        .env("XDG_CONFIG_HOME", tmp.path().join("xdg-config"))
        .env("HOME", tmp.path())
        .timeout(Duration::from_secs(60))
        .args(["quiz", "--stats"]);
    let (code, out, err) = run(&mut cmd);
    assert_eq!(code, 0, "{err}");
    assert!(
        !err.contains("--guide") && !err.contains("--index-dir"),
        "{err}"
    );
    assert!(!out.is_empty());
    let littered: Vec<_> = std::fs::read_dir(tmp.path())
        .expect("dir")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".json") || n.ends_with(".lock"))
        .collect();
    assert!(
        littered.is_empty(),
        "state written into the current folder: {littered:?}"
    );
}

#[test]
fn a_list_nested_thirty_thousand_levels_prints_a_bounded_page() {
    let body = format!("{}deep", "- ".repeat(30_000));
    let started = std::time::Instant::now();
    let out = mnguide::cli::render::body(&body, 80);
    assert!(
        started.elapsed() < Duration::from_secs(20),
        "{:?}",
        started.elapsed()
    );
    // Linear in the input (one short line per level), not quadratic (900 MB before).
    assert!(
        out.len() < 20 * body.len(),
        "{} bytes from {}",
        out.len(),
        body.len()
    );
    assert!(out.contains("deep"), "{out}");
}

#[test]
fn a_held_progress_lock_ends_in_a_message_naming_it_not_a_freeze() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let progress = tmp.path().join("data").join(mnguide::quiz::PROGRESS_FILE);
    let _held = mnguide::store::lock_exclusive(&progress).expect("lock");
    let started = std::time::Instant::now();
    let out = mnguide(tmp.path())
        .args(["quiz", "--mode", "all", "--count", "1"])
        // "a" answers a best-of-five case; for a myth-or-fact item it is refused and "m"
        // answers.
        .write_stdin("a\nm\n")
        .output()
        .expect("runs");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        started.elapsed() < Duration::from_secs(30),
        "{:?}",
        started.elapsed()
    );
    assert!(text.contains("quiz-progress.json.lock"), "{text}");
}

/// A window-title change, a bidi override and the very red the painter uses for warnings.
const FORGED: &str = "\x1b]0;pwned\x07\u{202e}\x1b[1;31m";

/// None of [`FORGED`]'s pieces, nor any control or bidi character but the painter's own
/// colours, in `s`.
fn assert_nothing_forged(s: &str, what: &str) {
    for piece in ["\x1b]", "\x07", "\u{202e}", "\x1b[1;31m"] {
        assert!(!s.contains(piece), "{what} holds {piece:?}: {s:?}");
    }
    let mut rest = s.to_string();
    for code in ["0", "1", "2", "1;36", "1;33", "35"] {
        rest = rest.replace(&format!("\x1b[{code}m"), "");
    }
    assert_no_controls(&rest, what);
}

#[test]
fn a_hostile_query_or_id_is_echoed_without_its_escapes_even_in_colour() {
    let tmp = tempfile::tempdir().expect("tempdir");
    // (arguments, whether the answer is painted hits on stdout rather than a message
    // quoting the input on stderr). The digits of the escapes are words a search finds.
    let cases: Vec<(Vec<String>, bool)> = vec![
        (vec!["search".into(), format!("needling{FORGED}")], true),
        (
            vec!["search".into(), "--first".into(), format!("scar{FORGED}")],
            true,
        ),
        (vec!["show".into(), format!("microneedling{FORGED}")], false),
        (
            vec!["show".into(), "--brief".into(), format!("x{FORGED}")],
            false,
        ),
        (
            vec!["quiz".into(), "--suspend".into(), format!("item{FORGED}")],
            false,
        ),
        (
            vec!["quiz".into(), "--topic".into(), format!("topic{FORGED}")],
            false,
        ),
        (
            vec![
                "quiz".into(),
                "--list".into(),
                "--topic".into(),
                format!("t{FORGED}"),
            ],
            false,
        ),
    ];
    for ((args, painted), colour) in cases.iter().flat_map(|c| [(c, "always"), (c, "never")]) {
        let (code, out, err) = run(mnguide(tmp.path())
            .args(["--color", colour])
            .args(args)
            .write_stdin("q\n"));
        let what = format!("{args:?} --color {colour}");
        assert_nothing_forged(&out, &format!("{what} stdout"));
        assert_nothing_forged(&err, &format!("{what} stderr"));
        if colour == "never" {
            assert!(
                !out.contains('\x1b'),
                "{what}: an escape without colour: {out:?}"
            );
            assert!(
                !err.contains('\x1b'),
                "{what}: an escape in a message: {err:?}"
            );
        }
        if *painted {
            assert_eq!(code, 0, "{what}: {err}");
            if colour == "always" {
                assert!(
                    out.contains("\x1b[0m"),
                    "{what}: painted output expected: {out:?}"
                );
            }
        } else {
            assert_eq!(code, 1, "{what}: {err}");
            // Echoed, readable, on the message's first line.
            let first = err.lines().next().unwrap_or_default();
            assert!(first.contains("]0;pwned[1;31m'"), "{what}: {err:?}");
        }
    }
}
