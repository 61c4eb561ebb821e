//! Rules the shipped guide must keep: every section sourced and summarised, every topic
//! populated, quiz items linked and balanced, every declared source cited, disagreements
//! shown, and the guide embedded in the binary identical to the one on disk.

use std::collections::HashSet;
use std::path::Path;

use mnguide::content::{self, Answer, Guide};

fn shipped() -> (Guide, Vec<content::Problem>) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("guide");
    match content::load_dir(&dir) {
        Ok(loaded) => (loaded.guide, loaded.warnings),
        Err(problems) => {
            let text: Vec<String> = problems.iter().map(|p| p.headline()).collect();
            panic!("shipped guide fails validation:\n{}", text.join("\n"));
        }
    }
}

#[test]
fn shipped_guide_validates_without_warnings() {
    let (_, warnings) = shipped();
    let text: Vec<String> = warnings.iter().map(|p| p.headline()).collect();
    assert!(warnings.is_empty(), "warnings:\n{}", text.join("\n"));
}

#[test]
fn guide_is_big_enough_to_be_the_full_reference() {
    let (g, _) = shipped();
    assert!(g.topics.len() >= 12, "topics: {}", g.topics.len());
    assert!(g.sections.len() >= 50, "sections: {}", g.sections.len());
    assert!(g.quiz.len() >= 60, "quiz items: {}", g.quiz.len());
}

#[test]
fn every_section_has_a_bottom_line_and_sources() {
    let (g, _) = shipped();
    for s in &g.sections {
        assert!(!s.summary.trim().is_empty(), "{} has no summary", s.id);
        assert!(!s.sources.is_empty(), "{} cites no source", s.id);
        assert!(!s.body.trim().is_empty(), "{} has no body", s.id);
    }
}

#[test]
fn every_topic_has_sections() {
    let (g, _) = shipped();
    for t in &g.topics {
        assert!(!t.sections.is_empty(), "topic {} is empty", t.id);
    }
}

#[test]
fn quiz_items_link_real_sections_and_cover_every_topic() {
    let (g, _) = shipped();
    let mut topics_covered = HashSet::new();
    for q in &g.quiz {
        let s = g
            .section(&q.section)
            .unwrap_or_else(|| panic!("{} links missing section {}", q.id, q.section));
        topics_covered.insert(s.topic.clone());
        assert!(
            !q.explanation.trim().is_empty(),
            "{} has no explanation",
            q.id
        );
        assert!(!q.sources.is_empty(), "{} cites no source", q.id);
    }
    let uncovered: Vec<&str> = g
        .topics
        .iter()
        .filter(|t| !topics_covered.contains(&t.id))
        .map(|t| t.id.as_str())
        .collect();
    assert!(
        uncovered.is_empty(),
        "topics without quiz items: {uncovered:?}"
    );
}

#[test]
fn both_answers_are_well_represented() {
    let (g, _) = shipped();
    // Only myth-or-fact items count: a best-of-five case is neither answer.
    let count = |a: Answer| g.quiz.iter().filter(|q| q.answer == a).count();
    let (facts, myths) = (count(Answer::Fact), count(Answer::Myth));
    let items = facts + myths;
    assert!(facts * 3 >= items, "facts {facts} of {items}");
    assert!(myths * 3 >= items, "myths {myths} of {items}");
}

#[test]
fn every_declared_source_is_cited() {
    let (g, _) = shipped();
    let mut cited: HashSet<&str> = HashSet::new();
    for s in &g.sections {
        cited.extend(s.sources.iter().map(String::as_str));
        for f in &s.facts {
            cited.extend(f.sources.iter().map(String::as_str));
        }
        for d in &s.differs {
            cited.extend(d.claims.iter().map(|c| c.source.as_str()));
        }
    }
    for q in &g.quiz {
        cited.extend(q.sources.iter().map(String::as_str));
    }
    for src in &g.sources {
        assert!(
            cited.contains(src.id.as_str()),
            "source {} never cited",
            src.id
        );
    }
}

#[test]
fn the_known_disagreements_between_sources_are_shown() {
    let (g, _) = shipped();
    let notes: Vec<String> = g
        .sections
        .iter()
        .flat_map(|s| s.differs.iter())
        .map(|d| {
            let claims: Vec<String> = d
                .claims
                .iter()
                .map(|c| format!("{} {}", c.source, c.says))
                .collect();
            format!("{} {}", d.point, claims.join(" ")).to_lowercase()
        })
        .collect();
    // Each disagreement listed with the source articles, by the words that identify it and
    // the two sides that must both be cited.
    let known: [(&[&str], &str, &str); 11] = [
        (&["numb"], "skincare-intro", "iadvl"),
        (&["red"], "tune-aesthetics", "iadvl"),
        (&["needle", "length"], "iadvl", "skincare-intro"),
        (&["session", "length"], "iadvl", "conditions-overview"),
        (&["makeup"], "iadvl", "skincare-intro"),
        (&["activit"], "tune-aesthetics", "skincare-intro"),
        (&["skin"], "iadvl", "tune-aesthetics"),
        (&["result"], "skincare-intro", "skincare-intro"),
        (&["sessions"], "skincare-intro", "tune-aesthetics"),
        (
            &["depth", "layer", "reach"],
            "tune-aesthetics",
            "skincare-intro",
        ),
        (&["scar"], "tune-aesthetics", "conditions-overview"),
    ];
    for (words, a, b) in known {
        let found = notes
            .iter()
            .any(|n| words.iter().any(|w| n.contains(w)) && n.contains(a) && n.contains(b));
        assert!(found, "no differs note on {words:?} citing {a} and {b}");
    }
}

#[test]
fn disclaimer_and_reviewed_date_are_present() {
    let (g, _) = shipped();
    let d = g
        .meta
        .disclaimer
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase();
    assert!(d.contains("education"), "{d}");
    assert!(
        d.contains("clinical judgement") || d.contains("clinical judgment"),
        "{d}"
    );
    assert!(g.meta.reviewed.to_string().starts_with("20"));
}

#[test]
fn embedded_copy_matches_the_guide_on_disk() {
    let (disk, _) = shipped();
    let embedded = content::load(&content::GuideSource::Embedded)
        .unwrap_or_else(|p| panic!("embedded guide invalid: {}", p[0].headline()))
        .guide;
    assert_eq!(
        embedded.content_hash, disk.content_hash,
        "rebuild to embed the current guide"
    );
    assert_eq!(embedded.sections.len(), disk.sections.len());
}

/// Every text a reader sees in one section, field by field. The loader has already turned
/// citation markup into labels ("(Chu 2021)"); any markup left is removed before matching.
fn section_fields(s: &content::Section) -> Vec<String> {
    let mut out = vec![s.title.clone(), s.summary.clone(), s.body.clone()];
    out.extend(s.key_points.iter().cloned());
    out.extend(s.evidence.iter().cloned());
    for f in &s.facts {
        out.push(format!(
            "{}: {} {}",
            f.label,
            f.value,
            f.unit.clone().unwrap_or_default()
        ));
        out.extend(f.note.iter().cloned());
    }
    out.extend(s.cautions.iter().map(|c| c.text.clone()));
    for d in &s.differs {
        out.push(d.point.clone());
        out.extend(d.note.iter().cloned());
        out.extend(d.claims.iter().map(|c| c.says.clone()));
    }
    out
}

fn without_markup(text: &str) -> String {
    let markup = regex::Regex::new(r"\s*\[@[^\]]*\]").expect("valid regex");
    markup.replace_all(text, "").into_owned()
}

#[derive(serde::Deserialize)]
struct ClaimRules {
    #[serde(default)]
    forbid: Vec<Forbid>,
    #[serde(default)]
    require: Vec<Require>,
}

#[derive(serde::Deserialize)]
struct Forbid {
    why: String,
    pattern: String,
}

#[derive(serde::Deserialize)]
struct Require {
    why: String,
    section: String,
    pattern: String,
}

fn claim_rule_files() -> Vec<(String, ClaimRules)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/claim_checks");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("claim_checks folder")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|p| {
            let text = std::fs::read_to_string(&p).expect("readable rules");
            let rules: ClaimRules =
                toml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
            (p.display().to_string(), rules)
        })
        .collect()
}

fn case_insensitive(pattern: &str, file: &str) -> regex::Regex {
    regex::RegexBuilder::new(pattern)
        .case_insensitive(true)
        .build()
        .unwrap_or_else(|e| panic!("{file}: bad pattern {pattern:?}: {e}"))
}

#[test]
fn corrected_claims_do_not_come_back() {
    let (g, _) = shipped();
    let mut texts: Vec<(String, String)> = Vec::new();
    for s in &g.sections {
        for t in section_fields(s) {
            texts.push((s.id.clone(), without_markup(&t)));
        }
    }
    for q in &g.quiz {
        texts.push((format!("quiz {}", q.id), without_markup(&q.statement)));
        texts.push((format!("quiz {}", q.id), without_markup(&q.explanation)));
    }
    let mut failures = Vec::new();
    let mut rules_seen = 0;
    for (file, rules) in claim_rule_files() {
        for f in &rules.forbid {
            rules_seen += 1;
            let re = case_insensitive(&f.pattern, &file);
            for (owner, text) in &texts {
                if let Some(m) = re.find(text) {
                    failures.push(format!("{owner}: {:?} ({})", m.as_str(), f.why));
                }
            }
        }
        for r in &rules.require {
            rules_seen += 1;
            let re = case_insensitive(&r.pattern, &file);
            let Some(s) = g.section(&r.section) else {
                failures.push(format!("{file}: rule names unknown section {}", r.section));
                continue;
            };
            let all = section_fields(s)
                .iter()
                .map(|t| without_markup(t))
                .collect::<Vec<_>>()
                .join("\n");
            if !re.is_match(&all) {
                failures.push(format!(
                    "{}: missing {:?} ({})",
                    r.section, r.pattern, r.why
                ));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "claim rules broken:\n{}",
        failures.join("\n")
    );
    assert!(rules_seen > 0, "no claim rules were read");
}

/// "Every source" or "all the articles" is only true when all five source articles are cited
/// in the same text; otherwise the claim widens what some of them said.
#[test]
fn no_all_sources_claim_without_all_five_cited() {
    let (g, _) = shipped();
    let five = [
        "tune-aesthetics",
        "conditions-overview",
        "iadvl",
        "skincare-intro",
        "marollano-2025",
    ];
    let widening = regex::RegexBuilder::new(
        r"\b(every|all( the)?|all five|each of the) (source|article)s?\b|\bcommon to all\b|\bsources agree\b|\bevery source\b",
    )
    .case_insensitive(true)
    .build()
    .expect("valid regex");
    let mut failures = Vec::new();
    let mut check = |owner: &str, text: &str| {
        // Citations are rendered at load time, so the five show as their labels.
        let cited = |id: &&str| text.contains(&g.source_label(id));
        if widening.is_match(text) && !five.iter().all(cited) {
            failures.push(format!(
                "{owner}: {}",
                text.chars().take(120).collect::<String>()
            ));
        }
    };
    for s in &g.sections {
        for t in section_fields(s) {
            for para in t.split("\n\n") {
                check(&s.id, para);
            }
        }
    }
    for q in &g.quiz {
        check(&q.id, &q.explanation);
        check(&q.id, &q.statement);
    }
    assert!(
        failures.is_empty(),
        "claims about all sources without all five cited:\n{}",
        failures.join("\n")
    );
}

/// Sections written to fill the gaps a clinician meets beside a standard chapter (grading,
/// technique, equipment, personnel, consent, anaesthetic and antiviral safety, complications,
/// combinations, RF devices, regulation outside the US, age) and the honest "no source gives
/// this" notes. Each must lead with a short bottom line, say what evidence stands behind it,
/// cite sources that resolve, and link onwards.
#[test]
fn gap_sections_have_bottom_line_evidence_citations_and_links() {
    let (g, _) = shipped();
    let ids = [
        "scar-grading",
        "combinations-by-scar-type",
        "indications-not-covered",
        "age-and-special-groups",
        "technique-as-documented",
        "equipment-setup",
        "personnel-training-scope",
        "consent-documentation",
        "anaesthetic-safety",
        "herpes-prophylaxis-borrowed",
        "preparation-unanswered",
        "injectables-same-day",
        "eyes-and-lips",
        "aftercare-unanswered",
        "complications-management",
        "blood-borne-beyond-hiv",
        "rf-devices-and-evidence",
        "cost-not-covered",
        "regulation-outside-us",
        "glossary-more-abbreviations",
    ];
    // The loader has already turned `[@id]` into labels such as "(Chu 2021)"; take the
    // labels out again so the bottom line is counted in the author's own words.
    let mut labels: Vec<(String, String)> = g
        .sources
        .iter()
        .map(|s| (s.id.clone(), content::citation::label(s)))
        .collect();
    labels.sort_by_key(|(_, l)| std::cmp::Reverse(l.len()));
    let leftover = regex::Regex::new(r"\(\s*(;\s*)*\)").expect("valid regex");
    let declared: HashSet<&str> = g.sources.iter().map(|s| s.id.as_str()).collect();
    let mut failures = Vec::new();
    for id in ids {
        let Some(s) = g.section(id) else {
            failures.push(format!("{id}: section missing"));
            continue;
        };
        let mut bottom_line = s.summary.clone();
        for (_, l) in &labels {
            bottom_line = bottom_line.replace(l.as_str(), "");
        }
        let bottom_line = leftover.replace_all(&bottom_line, "");
        let words = bottom_line.split_whitespace().count();
        if words == 0 || words > 30 {
            failures.push(format!("{id}: bottom line has {words} words (1-30 wanted)"));
        }
        if s.evidence.as_deref().is_none_or(|e| e.trim().is_empty()) {
            failures.push(format!("{id}: no evidence line"));
        }
        let text = format!("{} {} {}", s.summary, s.body, s.key_points.join(" "));
        let cites_in_text = labels
            .iter()
            .any(|(src, l)| s.references.contains(src) && text.contains(l.as_str()));
        if !cites_in_text {
            failures.push(format!(
                "{id}: no citation in its summary, body or key points"
            ));
        }
        if s.references.is_empty() {
            failures.push(format!("{id}: no references"));
        }
        for r in &s.references {
            if !declared.contains(r.as_str()) {
                failures.push(format!("{id}: cites undeclared source {r}"));
            }
        }
        if s.see_also.is_empty() {
            failures.push(format!("{id}: no see-also link"));
        }
        for link in &s.see_also {
            if g.section(link).is_none() {
                failures.push(format!("{id}: see-also {link} is not a section"));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Questions users ask that no source answers: a search must land, within the first three
/// hits, on a section that says so plainly and names the thing asked about, rather than on
/// nothing or an unrelated section.
#[test]
fn honest_gap_questions_find_a_section_that_names_the_gap() {
    let (g, _) = shipped();
    let index = mnguide::search::SearchIndex::build_in_memory(&g).expect("index builds");
    // (query as typed, a word the answering section must name)
    let questions = [
        ("how much does microneedling cost", "cost"),
        ("price of a microneedling session", "price"),
        ("botox same day as microneedling", "botulinum"),
        ("filler and microneedling same session", "filler"),
        ("finasteride with microneedling", "finasteride"),
        ("microneedling for teenagers", "teenager"),
        ("is microneedling allowed under 18", "under-18"),
        ("stop retinol before microneedling", "retinol"),
        (
            "hydroquinone priming before microneedling darker skin",
            "hydroquinone",
        ),
        ("antibiotic prophylaxis microneedling", "antibiotic"),
        ("under eye dark circles microneedling", "under-eye"),
        ("microneedling lips", "lips"),
        ("vitiligo microneedling", "vitiligo"),
        ("psoriasis koebner microneedling", "koebner"),
        ("exosomes after microneedling", "exosome"),
        ("cellulite microneedling", "cellulite"),
        ("how many passes microneedling", "passes"),
        ("how many times can a cartridge be used", "cartridge"),
        ("reuse cartridge", "reuse"),
        ("which antiviral and what dose", "dose"),
        ("aciclovir dose for microneedling", "aciclovir"),
        ("maximum numbing cream dose", "maximum"),
        ("when can I wash my face after microneedling", "wash"),
        ("swimming after microneedling", "swimming"),
        ("hepatitis B C transmission microneedling", "hepatitis"),
    ];
    let says_no_source = regex::RegexBuilder::new(
        r"no source|not (described|given|named|found|covered|confirmed) (in|by) any source|no peer-reviewed source|not in any source",
    )
    .case_insensitive(true)
    .build()
    .expect("valid regex");
    let mut failures = Vec::new();
    for (query, word) in questions {
        let hits = index.search(query, 3).hits;
        let answered = hits.iter().any(|h| {
            g.section(&h.id).is_some_and(|s| {
                let text = format!(
                    "{} {} {} {}",
                    s.title,
                    s.summary,
                    s.body,
                    s.key_points.join(" ")
                )
                .to_lowercase();
                says_no_source.is_match(&text) && text.contains(word)
            })
        });
        if !answered {
            let got: Vec<&str> = hits.iter().map(|h| h.id.as_str()).collect();
            failures.push(format!(
                "{query:?}: top 3 {got:?} do not say no source gives {word:?}"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Myth-or-fact items that may keep an absolute word in their statement, each with the
/// reason the absolute is the fact itself rather than a give-away. Keep it short: an item
/// belongs here only when the cited source states the absolute.
const ABSOLUTE_WORDING_ALLOWED: &[(&str, &str)] = &[];

#[test]
fn myth_or_fact_statements_are_not_answerable_from_absolute_wording() {
    // A statement with "only", "never", "always" ... can be marked a myth without knowing
    // any medicine, so such words must not appear unless the fact itself is absolute.
    let (g, _) = shipped();
    let absolute = regex::RegexBuilder::new(
        r"\b(only|never|always|any|all|every|zero|harmless|completely|guaranteed)\b",
    )
    .case_insensitive(true)
    .build()
    .expect("valid regex");
    let allowed: HashSet<&str> = ABSOLUTE_WORDING_ALLOWED.iter().map(|(id, _)| *id).collect();
    for (id, why) in ABSOLUTE_WORDING_ALLOWED {
        assert!(
            !why.trim().is_empty(),
            "{id}: allow-list entry needs a reason"
        );
    }
    let mut flagged = Vec::new();
    let mut still_needed = HashSet::new();
    for q in &g.quiz {
        let words: Vec<&str> = absolute
            .find_iter(&q.statement)
            .map(|m| m.as_str())
            .collect();
        if words.is_empty() {
            continue;
        }
        if allowed.contains(q.id.as_str()) {
            still_needed.insert(q.id.as_str());
        } else {
            flagged.push(format!("{}: {:?} in \"{}\"", q.id, words, q.statement));
        }
    }
    assert!(
        flagged.is_empty(),
        "myth-or-fact statements with absolute wording (reword, or allow-list with a reason):\n{}",
        flagged.join("\n")
    );
    let stale: Vec<&str> = allowed.difference(&still_needed).copied().collect();
    assert!(
        stale.is_empty(),
        "allow-list entries whose item has no absolute word (or no longer exists): {stale:?}"
    );
}

#[test]
fn no_best_of_five_option_labels_itself_right_or_wrong() {
    // On screen "a) Correct: ..." reads as the program's verdict, not as a reply.
    let (g, _) = shipped();
    let labelled: Vec<String> = g
        .quiz
        .iter()
        .filter_map(|q| q.case.as_ref().map(|c| (q, c)))
        .flat_map(|(q, c)| c.options.iter().map(move |o| (q, o)))
        .filter(|(_, o)| {
            let o = o.to_lowercase();
            ["correct", "incorrect", "true", "false", "right", "wrong"]
                .iter()
                .any(|w| o.starts_with(&format!("{w}:")) || o.starts_with(&format!("{w},")))
        })
        .map(|(q, o)| format!("{}: {o}", q.id))
        .collect();
    assert!(labelled.is_empty(), "{}", labelled.join("\n"));
}
