//! Every output of a section is drawn from its outline: the `show` text, the Markdown and
//! JSON export and the reader carry the same blocks in the same order.

use mnguide::cli::{export, render};
use mnguide::content::outline::{Block, Kind, outline};
use mnguide::content::{Guide, Section};
use mnguide::term::Painter;
use mnguide::tui::pane::reader;
use mnguide::tui::theme::{Theme, ThemeName};

use crate::cli_support::guide_dir;

fn shipped() -> Guide {
    match mnguide::content::load_dir(&guide_dir()) {
        Ok(l) => l.guide,
        Err(p) => panic!("shipped guide: {}", p[0].headline()),
    }
}

/// Whitespace collapsed, so wrapping at any width does not matter.
fn flat(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The first word of a Markdown body as every output shows it (markup taken off). Tables
/// are skipped: a narrow reader may stack their rows under each other without the header.
fn first_body_word(md: &str) -> String {
    md.lines()
        .filter(|l| !l.trim_start().starts_with('|'))
        .flat_map(str::split_whitespace)
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .find(|w| w.chars().count() >= 4 && w.chars().all(char::is_alphanumeric))
        .unwrap_or("")
        .to_string()
}

/// What marks where a block starts in the text and reader output.
fn text_marker(block: &Block) -> String {
    match block {
        Block::Title { title, .. } => flat(title),
        Block::Body(md) => first_body_word(md),
        Block::SourcesDiffer(d) => flat(&format!("Sources differ: {}", d.point)),
        other => other.kind().label().to_string(),
    }
}

/// What marks where a block starts in the Markdown export.
fn markdown_marker(block: &Block) -> String {
    match block {
        Block::Title { title, .. } => format!("### {}", flat(title)),
        Block::BottomLine(_) => "**Bottom line:**".into(),
        Block::Evidence(_) => "*Evidence:".into(),
        Block::KeyNumbers(_) => "| Fact | Value | Sources |".into(),
        Block::KeyPoints(points) => flat(&format!("- {}", points[0])),
        Block::Body(md) => first_body_word(md),
        Block::Cautions(_) => "> **Caution:**".into(),
        Block::SourcesDiffer(d) => flat(&format!("**Sources differ: {}**", d.point)),
        Block::References(_) => "**References**".into(),
        Block::SeeAlso(_) => "See also:".into(),
    }
}

/// Asserts that each marker occurs in `out`, each after the one before.
fn in_order(what: &str, s: &Section, out: &str, markers: &[String]) {
    let out = flat(out);
    let mut at = 0;
    for m in markers {
        match out[at..].find(m.as_str()) {
            Some(i) => at += i + m.len(),
            None => panic!(
                "{what} of '{}': '{m}' missing or out of order (markers {markers:?})\n{out}",
                s.id
            ),
        }
    }
}

#[test]
fn show_export_and_reader_carry_the_same_blocks_in_the_same_order() {
    let g = shipped();
    let theme = Theme::new(ThemeName::Dark, false);
    let mut seen: Vec<Kind> = Vec::new();
    for s in &g.sections {
        let blocks = outline(&g, s);
        seen.extend(blocks.iter().map(Block::kind));
        let text: Vec<String> = blocks.iter().map(text_marker).collect();

        let show = render::section(&g, s, Painter { color: false }, 100);
        in_order("show", s, &show, &text);

        let doc = reader::document(&g, s, &theme, 100, &[], None, false);
        let lines: Vec<String> = doc.lines.iter().map(|l| l.to_string()).collect();
        in_order("reader", s, &lines.join("\n"), &text);

        let md: Vec<String> = blocks.iter().map(markdown_marker).collect();
        in_order("markdown", s, &export::section_markdown(&g, s), &md);

        let json = export::section_json(&g, s);
        let kinds: Vec<&str> = json["blocks"]
            .as_array()
            .expect("blocks")
            .iter()
            .map(|b| b["kind"].as_str().expect("kind"))
            .collect();
        let want: Vec<&str> = blocks.iter().map(|b| b.kind().name()).collect();
        assert_eq!(kinds, want, "json of {}", s.id);
    }
    for k in [
        Kind::Evidence,
        Kind::KeyNumbers,
        Kind::KeyPoints,
        Kind::Cautions,
        Kind::SourcesDiffer,
        Kind::SeeAlso,
    ] {
        assert!(seen.contains(&k), "no section of the guide has {k:?}");
    }
}

#[test]
fn a_sections_json_blocks_hold_what_the_text_shows() {
    let g = shipped();
    let s = g
        .sections
        .iter()
        .find(|s| !s.facts.is_empty() && !s.differs.is_empty())
        .expect("a section with key numbers and a disagreement");
    let json = export::section_json(&g, s);
    let blocks = json["blocks"].as_array().expect("blocks");
    let numbers = blocks
        .iter()
        .find(|b| b["kind"] == "key_numbers")
        .expect("key numbers");
    assert_eq!(numbers["rows"][0]["measure"], s.facts[0].label.as_str());
    assert_eq!(
        numbers["rows"][0]["value"],
        s.facts[0].value_with_unit().as_str()
    );
    let differ = blocks
        .iter()
        .find(|b| b["kind"] == "sources_differ")
        .expect("sources differ");
    assert_eq!(differ["point"], s.differs[0].point.as_str());
    let refs = blocks
        .iter()
        .find(|b| b["kind"] == "references")
        .expect("references");
    assert_eq!(refs["items"], json["reference_list"]);
}
