//! References a clinician can trace: each refusal of a bad source record or citation names
//! file, line and field; reference lists are Vancouver with identifiers; a source has one
//! label in the body, facts, the "sources differ" box, the reference list and quiz feedback
//! (line mode and browser), in `show`, both exports, `sources` and the reader.

use crate::tui_support;

use std::sync::Arc;

use crate::cli_support::{fixture, mnguide_bin};

use insta::assert_snapshot;
use mnguide::content::{GuideFile, Problem, load_dir, load_files};
use mnguide::search::SearchIndex;
use mnguide::tui::app::{App, Overlay};
use mnguide::tui::keymap::Keymap;
use mnguide::tui::memory::Memory;
use mnguide::tui::pane::reader;
use mnguide::tui::theme::{Theme, ThemeName};
use mnguide::tui::update;
use serde_json::Value;
use tui_support::{find, keys, render, screen_text};

/// The files of a fixture guide, with `edit` applied to the one at `rel`, named `g/<rel>`.
fn edited(name: &str, rel: &str, edit: impl Fn(&str) -> String) -> Vec<GuideFile> {
    let dir = fixture(name);
    let mut out = Vec::new();
    for sub in ["guide.toml", "topics/01-safety.toml", "quiz/items.toml"] {
        let text = std::fs::read_to_string(dir.join(sub)).expect("fixture file");
        let text = if sub == rel { edit(&text) } else { text };
        out.push(GuideFile {
            name: format!("g/{sub}"),
            rel: sub.to_string(),
            text: Arc::new(text),
        });
    }
    out
}

/// Loads the edited refs fixture, expecting it to be refused; returns every headline.
fn refused(rel: &str, edit: impl Fn(&str) -> String) -> (Vec<Problem>, String) {
    let problems = load_files(&edited("refs-guide", rel, edit), "g").expect_err("refused");
    let all = problems
        .iter()
        .map(Problem::headline)
        .collect::<Vec<_>>()
        .join("\n");
    (problems, all)
}

/// The one error whose headline contains `needle`, with its line and field asserted.
fn error_at(problems: &[Problem], needle: &str, file: &str, line: usize, field: &str) -> Problem {
    let all = problems
        .iter()
        .map(Problem::headline)
        .collect::<Vec<_>>()
        .join("\n");
    let p = problems
        .iter()
        .find(|p| p.is_error() && p.message.contains(needle))
        .unwrap_or_else(|| panic!("no error containing {needle:?} in:\n{all}"));
    assert_eq!(
        (p.file.as_str(), p.line, p.field.as_str()),
        (file, line, field),
        "{all}"
    );
    p.clone()
}

#[test]
fn the_fixture_loads_clean() {
    let loaded = load_dir(&fixture("refs-guide")).expect("valid");
    assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
}

#[test]
fn a_placeholder_title_is_refused_at_its_line() {
    let (problems, _) = refused("guide.toml", |t| {
        t.replace(
            "title = \"Microneedling devices\"",
            "title = \"Title not recorded\"",
        )
    });
    let p = error_at(
        &problems,
        "placeholder \"not recorded\"",
        "g/guide.toml",
        40,
        "source.title",
    );
    assert_eq!(p.column, 9);
    assert!(
        p.help.as_deref().unwrap_or("").contains("`unknown`"),
        "{p:?}"
    );
}

#[test]
fn a_bracketed_title_and_an_nd_author_are_refused() {
    let (problems, all) = refused("guide.toml", |t| {
        t.replace(
            "title = \"Microneedling devices\"",
            "title = \"[FDA page on devices]\"",
        )
        .replace("\"Kelly SE\"", "\"n.d.\"")
    });
    error_at(
        &problems,
        "bracketed title",
        "g/guide.toml",
        40,
        "source.title",
    );
    error_at(
        &problems,
        "placeholder \"n.d.\"",
        "g/guide.toml",
        26,
        "source.authors",
    );
    assert!(all.contains("g/guide.toml:26:48"), "{all}");
}

#[test]
fn a_journal_article_without_a_year_is_refused_unless_unknown_says_so() {
    let (problems, _) = refused("guide.toml", |t| t.replace("year = 2021\n", ""));
    let p = error_at(
        &problems,
        "systematic review 'chu-2021' has no `year`",
        "g/guide.toml",
        7,
        "source.year",
    );
    assert!(
        p.help
            .as_deref()
            .unwrap_or("")
            .contains("\"year\" in `unknown`")
    );

    let files = edited("refs-guide", "guide.toml", |t| {
        t.replace("year = 2021\n", "unknown = [\"year\"]\n")
    });
    let loaded = load_files(&files, "g").expect("a known gap is allowed");
    let chu = loaded.guide.source("chu-2021").expect("declared");
    assert_eq!(mnguide::content::citation::label(chu), "Chu et al.");
}

#[test]
fn a_record_without_any_identifier_is_refused() {
    let (problems, _) = refused("guide.toml", |t| {
        t.replace("url = \"https://www.statpearls.com/sp/md/101/38285\"\n", "")
    });
    error_at(
        &problems,
        "'statpearls' has no doi, pmid, pmcid or url",
        "g/guide.toml",
        24,
        "source.identifier",
    );
}

#[test]
fn a_bad_doi_pmid_and_pmcid_are_refused() {
    let (problems, _) = refused("guide.toml", |t| {
        t.replace(
            "doi = \"10.1097/01.dss.0000790428.70373.f6\"",
            "doi = \"https://doi.org/10.1097/x\"",
        )
        .replace("pmid = \"34448760\"", "pmid = \"PMID 34448760\"")
        .replace("pmcid = \"PMC7764156\"", "pmcid = \"7764156\"")
    });
    let p = error_at(
        &problems,
        "'https://doi.org/10.1097/x' is not a valid DOI",
        "g/guide.toml",
        16,
        "source.doi",
    );
    assert!(
        p.help.as_deref().unwrap_or("").contains("bare DOI"),
        "{p:?}"
    );
    error_at(
        &problems,
        "is not a valid PMID",
        "g/guide.toml",
        17,
        "source.pmid",
    );
    error_at(
        &problems,
        "is not a valid PMCID",
        "g/guide.toml",
        18,
        "source.pmcid",
    );
}

#[test]
fn a_citation_to_an_unknown_id_names_its_column_and_the_closest_ids() {
    let (problems, all) = refused("topics/01-safety.toml", |t| {
        t.replace(
            "within days [@chu-2021; @statpearls]",
            "within days [@chu-2021; @statpearl]",
        )
    });
    let p = error_at(
        &problems,
        "citation [@statpearl]: no source 'statpearl'",
        "g/topics/01-safety.toml",
        11,
        "section.body",
    );
    assert_eq!(p.column, 71, "{all}");
    assert!(
        p.help.as_deref().unwrap_or("").contains("'statpearls'"),
        "{p:?}"
    );
}

#[test]
fn a_cited_source_missing_from_sources_is_refused_where_it_is_cited() {
    let (problems, _) = refused("topics/01-safety.toml", |t| {
        t.replace(
            "sources = [\"chu-2021\", \"statpearls\", \"fda-devices-page\", \"skincare-intro\"]",
            "sources = [\"chu-2021\", \"statpearls\", \"skincare-intro\"]",
        )
    });
    let p = error_at(
        &problems,
        "section 'side-effects' cites 'fda-devices-page', but its `sources` list does not name it",
        "g/topics/01-safety.toml",
        13,
        "section.body",
    );
    assert_eq!(
        p.help.as_deref(),
        Some("add \"fda-devices-page\" to `section.sources`")
    );
}

#[test]
fn a_listed_but_uncited_source_is_refused_at_the_list() {
    let (problems, _) = refused("topics/01-safety.toml", |t| {
        t.replace(
            "sources = [\"statpearls\"]\n",
            "sources = [\"statpearls\", \"chu-2021\"]\n",
        )
    });
    error_at(
        &problems,
        "section 'depth' lists source 'chu-2021' but never cites it",
        "g/topics/01-safety.toml",
        43,
        "section.sources",
    );
}

#[test]
fn quiz_sources_must_be_what_the_explanation_cites() {
    let (problems, _) = refused("quiz/items.toml", |t| {
        t.replace(
            "sources = [\"chu-2021\"]",
            "sources = [\"chu-2021\", \"statpearls\"]",
        )
    });
    error_at(
        &problems,
        "quiz item 'q-redness' lists source 'statpearls' but never cites it",
        "g/quiz/items.toml",
        7,
        "item.sources",
    );
    let (problems, _) = refused("quiz/items.toml", |t| t.replace(" [@chu-2021]", ""));
    error_at(
        &problems,
        "quiz item 'q-redness' explains without citing a source",
        "g/quiz/items.toml",
        5,
        "item.explanation",
    );
}

#[test]
fn malformed_markup_and_reference_not_recorded_are_refused() {
    let (problems, _) = refused("topics/01-safety.toml", |t| {
        t.replace("[@fda-devices-page]", "[@fda-devices-page, @chu-2021]")
            .replace(
                "Deeper needles for scars [@statpearls].",
                "Deeper needles for scars [@statpearls] (reference not recorded).",
            )
    });
    error_at(
        &problems,
        "is not a source id",
        "g/topics/01-safety.toml",
        13,
        "section.body",
    );
    error_at(
        &problems,
        "\"not recorded\"",
        "g/topics/01-safety.toml",
        41,
        "section.summary",
    );
}

#[test]
fn two_sources_with_one_label_are_refused() {
    let (problems, _) = refused("guide.toml", |t| {
        t.replace(
            "label = \"FDA devices page\"",
            "label = \"Chu et al. 2021\"",
        )
    });
    error_at(
        &problems,
        "sources 'chu-2021' and 'fda-devices-page' are both cited as \"Chu et al. 2021\"",
        "g/guide.toml",
        45,
        "source.label",
    );
}

/// `mnguide --guide refs-guide ...` with private data and index folders, no colour.
fn mnguide(args: &[&str], stdin: &str) -> String {
    let tmp = std::env::temp_dir().join(format!("mnguide-refs-test-{}", std::process::id()));
    let out = mnguide_bin()
        .env("MNGUIDE_DATA", tmp.join("data"))
        .env("MNGUIDE_CONFIG", tmp.join("config"))
        .env("COLUMNS", "80")
        .arg("--guide")
        .arg(fixture("refs-guide"))
        .arg("--index-dir")
        .arg(tmp.join("index"))
        .args(["--color", "never"])
        .args(args)
        .write_stdin(stdin)
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8")
}

/// The reference list of `show` (everything from its heading to "See also").
fn reference_list(show: &str) -> String {
    let start = show.find("References\n").expect("a reference list");
    let end = show.find("\nSee also").unwrap_or(show.len());
    show[start..end].to_string()
}

#[test]
fn show_ends_with_a_numbered_vancouver_reference_list() {
    let show = mnguide(&["show", "side-effects"], "");
    assert_snapshot!("show_reference_list", reference_list(&show));
    // A journal article, a chapter, a regulator page and a web article with no publisher.
    for part in [
        "1. [Chu et al. 2021] Chu S, Foulad DP, Atanaskova Mesinkovska N.",
        "In: StatPearls [Internet]. Treasure",
        "doi:10.1097/01.dss.0000790428.70373.f6. PMID: 34448760.",
        "https://www.fda.gov/medical-devices/aesthetic-cosmetic-devices/microneedling-devices",
        "does? [low-quality evidence: web article]",
    ] {
        assert!(show.contains(part), "{part:?} in\n{show}");
    }
    for bad in ["et al..", "n.d.", "?.", "[@", "(chu-2021)", "not recorded"] {
        assert!(!show.contains(bad), "{bad:?} in\n{show}");
    }
}

#[test]
fn the_same_source_has_the_same_label_everywhere() {
    let label = "Chu et al. 2021";
    let show = mnguide(&["show", "side-effects"], "");
    let body = show
        .split("Redness and swelling")
        .nth(1)
        .expect("body shown");
    assert!(body.contains(&format!("({label};")), "body:\n{show}");
    let facts = show
        .lines()
        .find(|l| l.contains("Redness  2-3 days"))
        .expect("fact row");
    assert!(facts.contains(label), "facts: {facts}");
    assert!(
        show.contains(&format!("  - {label}: two to three days")),
        "differs box:\n{show}"
    );
    assert!(
        reference_list(&show).contains(&format!("[{label}] Chu S")),
        "reference list:\n{show}"
    );

    let md = mnguide(&["export", "--format", "markdown"], "");
    assert!(
        md.contains(&format!("| Redness | 2-3 days | {label}; shorter")),
        "{md}"
    );
    assert!(
        md.contains(&format!("- {label}: two to three days")),
        "{md}"
    );
    assert!(md.contains(&format!("1. [{label}] Chu S")), "{md}");
    assert!(
        md.contains(&format!("within two to three days ({label}).")),
        "{md}"
    );

    let feedback = mnguide(&["quiz", "--mode", "all"], "m\n");
    assert!(
        feedback.contains(&format!("({label})")) && feedback.contains(&format!("Sources: {label}")),
        "line-mode feedback:\n{feedback}"
    );

    let mut a = app();
    keys(&mut a, "3 m");
    let screen = screen_text(render(&mut a, 100, 30).backend().buffer());
    assert!(screen.contains(&format!("days ({label})")), "{screen}");
    assert!(screen.contains(&format!("Sources: {label}")), "{screen}");

    let json: Value = serde_json::from_str(&mnguide(&["sources", "--json"], "")).expect("JSON");
    assert_eq!(json[0]["label"], label);
}

#[test]
fn json_export_carries_the_structured_fields_and_each_section_s_references() {
    let json: Value =
        serde_json::from_str(&mnguide(&["export", "--format", "json"], "")).expect("JSON");
    let chu = &json["sources"][0];
    assert_eq!(chu["authors"][2], "Atanaskova Mesinkovska N");
    assert_eq!(chu["pmid"], "34448760");
    assert_eq!(chu["year"], 2021);
    assert_eq!(chu["label"], "Chu et al. 2021");
    let web = &json["sources"][3];
    assert_eq!(web["unknown"][1], "publisher");
    assert!(web.get("publisher").is_none(), "{web}");
    let section = &json["sections"][0];
    assert_eq!(section["references"][1], "statpearls");
    assert_eq!(section["reference_list"][2]["n"], 3);
    assert_eq!(section["reference_list"][2]["label"], "FDA devices page");
    assert!(
        section["body"]
            .as_str()
            .unwrap_or("")
            .contains("(FDA devices page)"),
        "{section}"
    );
    let text = json.to_string();
    assert!(!text.contains("[@"), "raw markup in the export");
}

#[test]
fn sources_lists_every_source_with_the_sections_citing_it() {
    let out = mnguide(&["sources"], "");
    assert_snapshot!("sources_list", out);
    let json: Value = serde_json::from_str(&mnguide(&["sources", "--json"], "")).expect("JSON");
    let statpearls = &json[1];
    assert_eq!(statpearls["id"], "statpearls");
    assert_eq!(statpearls["sections"][0]["id"], "side-effects");
    assert_eq!(statpearls["sections"][1]["id"], "depth");
    assert_eq!(json[0]["quiz_items"][0], "q-redness");
}

#[test]
fn search_indexes_labels_never_raw_markup() {
    let g = load_dir(&fixture("refs-guide")).expect("valid").guide;
    let index = SearchIndex::build_in_memory(&g).expect("index builds");
    let hits = index.search("regulated devices", 5);
    let snippet = hits
        .hits
        .first()
        .map(|h| h.snippet.text.clone())
        .unwrap_or_default();
    assert!(!snippet.contains("[@"), "{snippet}");
    assert!(snippet.contains("FDA devices page"), "{snippet}");
}

fn app() -> App {
    let g = load_dir(&fixture("refs-guide")).expect("valid").guide;
    let index = SearchIndex::build_in_memory(&g).expect("index builds");
    let mut app = App::new(
        g,
        Some(index),
        Keymap::default(),
        Theme::new(ThemeName::Dark, false),
        Memory::default(),
    );
    app.quiz.seed = 7;
    app.quiz.clock = tui_support::fixed_now;
    app
}

#[test]
fn a_section_in_the_reader_shows_labels_and_its_reference_list() {
    let a = app();
    let s = a.guide.section("side-effects").expect("section");
    let doc = reader::document(&a.guide, s, &a.theme, 76, &[], None, false);
    let text: String = doc
        .lines
        .iter()
        .map(|l| {
            let t: String = l.spans.iter().map(|s| s.content.as_ref()).collect();
            t.trim_end().to_string() + "\n"
        })
        .collect();
    assert_snapshot!("reader_with_citations", text);
}

#[test]
fn r_and_a_click_on_a_citation_show_the_full_reference() {
    let mut a = app();
    update::update(
        &mut a,
        mnguide::tui::action::Action::OpenSection("side-effects".into()),
    );
    keys(&mut a, "Tab r");
    assert!(matches!(
        a.overlay,
        Overlay::References { marked: None, .. }
    ));
    let screen = screen_text(render(&mut a, 120, 35).backend().buffer());
    assert!(screen.contains("References: Side effects"), "{screen}");
    assert!(screen.contains("PMID: 34448760"), "{screen}");
    keys(&mut a, "Esc");
    assert_eq!(a.overlay, Overlay::None);

    // Clicking the line that cites the regulator marks its entry, the third.
    let t = render(&mut a, 120, 35);
    let (x, y) = find(t.backend().buffer(), "(FDA devices page)").expect("citation on screen");
    update::update(
        &mut a,
        mnguide::tui::action::Action::ClickAt { x: x + 2, y },
    );
    assert_eq!(
        a.overlay,
        Overlay::References {
            scroll: 0,
            marked: Some(2)
        }
    );
    let screen = screen_text(render(&mut a, 120, 35).backend().buffer());
    assert!(
        screen.contains("[FDA devices page] US Food and Drug"),
        "{screen}"
    );
}

#[test]
fn a_bracketed_stand_in_and_a_bare_id_in_parentheses_are_refused() {
    let (problems, _) = refused("guide.toml", |t| {
        t.replace(
            "container = \"Dermatol Surg\"",
            "container = \"[journal not identified]\"",
        )
    });
    error_at(
        &problems,
        "placeholder \"[...]\"",
        "g/guide.toml",
        11,
        "source.container",
    );
    let (problems, _) = refused("topics/01-safety.toml", |t| {
        t.replace(
            "Depth follows the indication.",
            "Depth follows the indication (statpearls).",
        )
    });
    let p = error_at(
        &problems,
        "names source 'statpearls' by its id in parentheses",
        "g/topics/01-safety.toml",
        42,
        "section.body",
    );
    assert_eq!(
        p.help.as_deref(),
        Some("cite it with [@statpearls]; readers see its label, never the id")
    );
}

#[test]
fn a_title_cannot_cite() {
    let (problems, _) = refused("topics/01-safety.toml", |t| {
        t.replace(
            "title = \"Needle depth\"",
            "title = \"Needle depth [@statpearls]\"",
        )
    });
    error_at(
        &problems,
        "`section.title` cannot cite",
        "g/topics/01-safety.toml",
        40,
        "section.title",
    );
}
