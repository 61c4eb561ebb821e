//! The loader under hostile and random input: it never panics, every error names a file and
//! a line, and nothing from a guide reaches the terminal as an escape sequence.

use std::path::Path;

use crate::cli_support::mnguide_bin;
use std::sync::Arc;

use mnguide::content::{GuideFile, load_files};
use proptest::prelude::*;

fn fixture_files() -> Vec<GuideFile> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/valid");
    [
        "guide.toml",
        "synonyms.toml",
        "topics/01-first.toml",
        "topics/02-second.toml",
        "quiz/items.toml",
    ]
    .iter()
    .map(|rel| GuideFile {
        name: format!("fixture/{rel}"),
        rel: (*rel).to_string(),
        text: Arc::new(std::fs::read_to_string(dir.join(rel)).expect("fixture readable")),
    })
    .collect()
}

fn assert_located(files: &[GuideFile]) {
    if let Err(problems) = load_files(files, "fixture") {
        assert!(!problems.is_empty());
        for p in problems {
            assert!(!p.file.is_empty(), "problem without a file: {p:?}");
            assert!(p.line >= 1, "problem without a line: {p:?}");
            let rendered = p.render(false);
            assert!(
                !rendered
                    .chars()
                    .any(|c| c.is_control() && c != '\n' && c != '\t'),
                "control character in: {rendered:?}"
            );
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 256,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    /// Arbitrary text as a topic file.
    #[test]
    fn any_topic_text_is_handled(text in any::<String>()) {
        let mut files = fixture_files();
        files[2].text = Arc::new(text);
        assert_located(&files);
    }

    /// Valid files with random text spliced in at a random place: near-valid TOML reaches
    /// deeper into validation than pure noise does.
    #[test]
    fn mutated_files_are_handled(which in 0usize..5, at in any::<prop::sample::Index>(), insert in "[\\PC\\x00-\\x1f\"\\[\\]={}]{0,12}") {
        let mut files = fixture_files();
        let text = files[which].text.as_str();
        let mut pos = at.index(text.len() + 1);
        while !text.is_char_boundary(pos) { pos -= 1; }
        let mutated = format!("{}{}{}", &text[..pos], insert, &text[pos..]);
        files[which].text = Arc::new(mutated);
        assert_located(&files);
    }
}

#[test]
fn hostile_guide_cannot_write_escape_sequences() {
    let dir = tempfile::tempdir().expect("tempdir");
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/valid");
    for rel in ["guide.toml", "topics/01-first.toml", "quiz/items.toml"] {
        let to = dir.path().join(rel);
        std::fs::create_dir_all(to.parent().expect("parent")).expect("mkdir");
        std::fs::copy(src.join(rel), to).expect("copy");
    }
    // A file name carrying an escape sequence, holding a raw escape and a bidi override.
    let evil = dir.path().join("topics/\u{1b}[2J\u{1b}]0;owned\u{7}.toml");
    std::fs::write(
        &evil,
        "id = \"evil\"\ntitle = \"\u{1b}[31mred\u{202e}\"\norder = 3\nsummary = \"s\"\n",
    )
    .expect("write hostile file");
    let out = mnguide_bin()
        .env("MNGUIDE_DATA", dir.path().join("data"))
        .arg("--guide")
        .arg(dir.path())
        .arg("--index-dir")
        .arg(dir.path().join("index"))
        .arg("check")
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).expect("utf-8");
    assert!(!err.contains('\u{1b}'), "escape reached stderr: {err:?}");
    assert!(
        !err.contains('\u{7}') && !err.contains('\u{202e}'),
        "{err:?}"
    );
    assert!(
        err.contains("\\u{1b}[2J"),
        "the file name is shown, escaped: {err}"
    );
    assert!(err.contains(":2:"), "the line is named: {err}");
}
