//! How queries match: stemming, folding, synonyms, typos, prefixes, scopes, snippets and
//! lenient parsing. Uses the shipped guide and tiny guides written here.

use std::path::Path;
use std::sync::{Arc, OnceLock};

use mnguide::content::{Guide, GuideFile};
use mnguide::search::{SearchIndex, SearchResults};
use proptest::prelude::*;

fn shipped() -> &'static (Guide, SearchIndex) {
    static SHIPPED: OnceLock<(Guide, SearchIndex)> = OnceLock::new();
    SHIPPED.get_or_init(|| {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("guide");
        let guide = match mnguide::content::load_dir(&dir) {
            Ok(l) => l.guide,
            Err(p) => panic!("shipped guide: {p:?}"),
        };
        let index = SearchIndex::build_in_memory(&guide).expect("index of the shipped guide");
        (guide, index)
    })
}

fn search(q: &str) -> SearchResults {
    shipped().1.search(q, 10)
}

/// A guide with one topic holding the given (id, title, body) sections.
fn tiny(sections: &[(&str, &str, &str)], synonyms: &[&[&str]]) -> (Guide, SearchIndex) {
    let mut topic =
        String::from("id = \"things\"\ntitle = \"Things\"\norder = 1\nsummary = \"Test topic.\"\n");
    for (id, title, body) in sections {
        topic.push_str(&format!(
            "\n[[section]]\nid = \"{id}\"\ntitle = \"{title}\"\nsummary = \"About {title} [@s].\"\nbody = \"\"\"\n{body}\n\"\"\"\nsources = [\"s\"]\n"
        ));
    }
    let mut syn = String::new();
    for group in synonyms {
        let terms: Vec<String> = group.iter().map(|t| format!("\"{t}\"")).collect();
        syn.push_str(&format!("[[group]]\nterms = [{}]\n\n", terms.join(", ")));
    }
    let file = |rel: &str, text: String| GuideFile {
        name: rel.to_string(),
        rel: rel.to_string(),
        text: Arc::new(text),
    };
    let files = vec![
        file(
            "guide.toml",
            "title = \"T\"\nversion = \"1\"\nreviewed = 2026-01-01\ndisclaimer = \"D\"\n\n[[source]]\nid = \"s\"\nkind = \"web article\"\ntitle = \"S\"\nlabel = \"Src\"\nunknown = [\"identifier\"]\nquality = \"low\"\nverification = \"verified\"\n".into(),
        ),
        file("synonyms.toml", syn),
        file("topics/01-things.toml", topic),
    ];
    let guide = match mnguide::content::load_files(&files, "tiny") {
        Ok(l) => l.guide,
        Err(p) => panic!("tiny guide: {p:?}"),
    };
    let index = SearchIndex::build_in_memory(&guide).expect("tiny index");
    (guide, index)
}

fn ids(r: &SearchResults) -> Vec<&str> {
    r.hits.iter().map(|h| h.id.as_str()).collect()
}

fn all_highlights(r: &SearchResults) -> Vec<String> {
    r.hits
        .iter()
        .flat_map(|h| h.highlight_terms.clone())
        .collect()
}

#[test]
fn plural_finds_singular_through_stemming() {
    let r = search("scars");
    assert!(!r.hits.is_empty());
    assert!(
        all_highlights(&r).iter().any(|w| w == "scar"),
        "{:?}",
        all_highlights(&r)
    );
    let (_, idx) = tiny(
        &[
            ("a", "Healing", "One scar healed."),
            ("b", "Other", "Nothing here."),
        ],
        &[],
    );
    assert_eq!(ids(&idx.search("scarring scars", 5)), vec!["a"]);
}

#[test]
fn plain_letters_find_accented_words() {
    let r = search("decolletage");
    assert!(!r.hits.is_empty(), "no hits for decolletage");
    assert!(
        all_highlights(&r).iter().any(|w| w == "décolletage"),
        "{:?}",
        all_highlights(&r)
    );
    let (_, idx) = tiny(
        &[
            ("a", "Neck", "Treat the décolletage gently."),
            ("b", "Other", "Nothing."),
        ],
        &[],
    );
    assert_eq!(ids(&idx.search("DECOLLETAGE", 5)), vec!["a"]);
    let hit = &idx.search("decolletage", 5).hits[0];
    let marked: Vec<&str> = hit
        .snippet
        .highlights
        .iter()
        .map(|r| &hit.snippet.text[r.clone()])
        .collect();
    assert_eq!(marked, vec!["décolletage"]);
}

#[test]
fn abbreviations_and_lay_words_expand_through_synonyms() {
    for (query, must_contain) in [
        ("CIT", "microneedling"),
        ("vampire facial", "prp"),
        ("striae", "stretch"),
        ("PIH", "hyperpigmentation"),
        ("dermaroller", "roller"),
        ("hair loss", "alopecia"),
    ] {
        let r = search(query);
        assert!(!r.hits.is_empty(), "{query}: no hits");
        let top = &r.hits[0];
        let (guide, _) = shipped();
        let section = guide.section(&top.id).expect("hit is a section");
        let text = format!("{} {} {}", section.title, section.summary, section.body).to_lowercase();
        assert!(
            text.contains(must_contain),
            "{query}: top hit {} lacks {must_contain}",
            top.id
        );
    }
    let r = search("CIT");
    assert!(
        r.expansions.iter().any(|e| e == "CIT -> microneedling"),
        "{:?}",
        r.expansions
    );
    assert!(
        r.hits
            .iter()
            .any(|h| h.matched.iter().any(|m| m == "CIT -> microneedling"))
    );
}

#[test]
fn synonym_phrases_match_as_phrases() {
    let (_, idx) = tiny(
        &[
            (
                "phrase",
                "Thinning",
                "Some people notice hair loss in spring.",
            ),
            (
                "apart",
                "Apart",
                "Hair grows; weight loss is another matter.",
            ),
            ("canon", "Causes", "Alopecia has many causes."),
        ],
        &[&["alopecia", "hair loss"]],
    );
    let r = idx.search("alopecia", 5);
    assert_eq!(
        ids(&r),
        vec!["canon", "phrase"],
        "the phrase must match, the scattered words not"
    );
    let hit = r
        .hits
        .iter()
        .find(|h| h.id == "phrase")
        .expect("phrase hit");
    assert_eq!(hit.matched, vec!["alopecia -> hair loss"]);
    let r = idx.search("hair loss", 5);
    assert_eq!(r.expansions, vec!["hair loss -> alopecia"]);
    assert_eq!(
        ids(&r)[0],
        "phrase",
        "the words as typed rank above their synonym"
    );
}

#[test]
fn typos_are_corrected_and_rank_below_exact_matches() {
    let r = search("colagen");
    assert_eq!(r.did_you_mean.as_deref(), Some("collagen"));
    assert!(!r.hits.is_empty());
    assert!(
        r.hits[0].matched.iter().any(|m| m == "colagen -> collagen"),
        "{:?}",
        r.hits[0].matched
    );

    // Distance 1 from 4 letters, 2 from 8.
    assert!(!search("hyperpigmentaion").hits.is_empty());
    assert_eq!(
        search("hyperpigmentaion").did_you_mean.as_deref(),
        Some("hyperpigmentation")
    );
    let (_, idx) = tiny(
        &[
            ("exact", "Elastin", "Elastin fibres."),
            ("typo", "Collagen", "Collagen fibres."),
            ("none", "Other", "Nothing at all."),
        ],
        &[],
    );
    assert_eq!(ids(&idx.search("colagen", 5)), vec!["typo"]);
    assert!(idx.search("clgen", 5).hits.is_empty(), "3 edits is too far");
    assert!(
        idx.search("colagn ", 5).hits.is_empty(),
        "2 edits is too far for 6 letters"
    );
    assert_eq!(
        ids(&idx.search("elastin colagen ", 5)),
        vec!["exact", "typo"]
    );
}

#[test]
fn the_last_word_is_completed_while_typing() {
    let r = search("numb");
    assert!(!r.hits.is_empty());
    assert!(all_highlights(&r).iter().any(|w| w == "numbing"));
    let (_, idx) = tiny(
        &[
            ("a", "Anaesthetic", "Apply an anaesthetic first."),
            ("b", "Other", "Nothing."),
        ],
        &[],
    );
    let typing = idx.search("apply anaest", 5);
    assert_eq!(ids(&typing), vec!["a"]);
    assert!(
        typing.hits[0]
            .matched
            .contains(&"anaest -> anaesthetic".to_string()),
        "{:?}",
        typing.hits[0].matched
    );
    // A partial word the guide does not hold is completed wherever it stands.
    let finished = idx.search("anaest first", 5);
    assert_eq!(ids(&finished), vec!["a"]);
    assert!(
        finished.did_you_mean.is_none(),
        "a completion is not a correction"
    );
    // A finished word the guide holds is not taken as the start of longer ones.
    let (_, idx) = tiny(
        &[
            ("short", "Sun", "Sun exposure."),
            ("long", "Sunscreen", "Sunscreen daily."),
        ],
        &[],
    );
    assert_eq!(ids(&idx.search("sun ", 5)), vec!["short"]);
    assert_eq!(ids(&idx.search("sun", 5)).len(), 2, "while typing, it is");
}

#[test]
fn scopes_narrow_to_a_topic_or_tag() {
    let (guide, _) = shipped();
    let r = search("sun topic:aftercare");
    assert!(!r.hits.is_empty());
    for h in &r.hits {
        assert_eq!(
            guide.section(&h.id).map(|s| s.topic.as_str()),
            Some("aftercare"),
            "{}",
            h.id
        );
    }
    let all = search("topic:aftercare");
    let aftercare = guide.topic("aftercare").expect("aftercare topic");
    assert_eq!(all.hits.len(), aftercare.sections.len().min(10));

    let r = search("needles tag:scars");
    assert!(!r.hits.is_empty());
    for h in &r.hits {
        let tags = &guide.section(&h.id).expect("section").tags;
        assert!(
            tags.iter().any(|t| t.contains("scar")),
            "{} tags {tags:?}",
            h.id
        );
    }
    assert!(search("sun topic:no-such-topic").hits.is_empty());
    assert!(
        search("TOPIC:Aftercare sun")
            .hits
            .iter()
            .all(|h| h.path.starts_with("Aftercare"))
    );
}

#[test]
fn hits_carry_title_path_score_and_a_highlighted_snippet() {
    let r = search("redness");
    assert!(r.hits.len() >= 3);
    for pair in r.hits.windows(2) {
        assert!(pair[0].score >= pair[1].score, "hits are ranked");
    }
    let (guide, _) = shipped();
    for h in &r.hits {
        let s = guide.section(&h.id).expect("section");
        assert_eq!(h.title, s.title);
        assert_eq!(h.path, s.path);
        assert!(h.snippet.text.len() < 400);
        for range in &h.snippet.highlights {
            let word = h
                .snippet
                .text
                .get(range.clone())
                .expect("highlight on char boundaries");
            // "redness" or a word of one of its synonyms.
            let w = word.to_lowercase();
            let synonym_words: Vec<String> = guide
                .synonyms
                .iter()
                .filter(|g| g.iter().any(|t| t == "redness"))
                .flatten()
                .flat_map(|t| {
                    t.split(|c: char| !c.is_alphanumeric())
                        .map(str::to_lowercase)
                        .collect::<Vec<_>>()
                })
                .collect();
            assert!(w.starts_with("red") || synonym_words.contains(&w), "{word}");
        }
    }
    assert!(r.hits.iter().any(|h| !h.snippet.highlights.is_empty()));
}

#[test]
fn blank_and_wordless_queries_find_nothing() {
    for q in ["", "   ", "\n\t", "***", "\"\"", "()", ":::"] {
        assert!(search(q).hits.is_empty(), "{q:?}");
    }
}

#[test]
fn query_syntax_is_read_as_plain_words() {
    let plain = ids(&search("needle depth"))
        .iter()
        .map(|s| s.to_string())
        .collect::<Vec<_>>();
    for q in [
        "\"needle depth\"",
        "needle AND depth",
        "(needle depth)",
        "needle* depth:",
        "title:needle depth",
    ] {
        let got = search(q);
        assert!(!got.hits.is_empty(), "{q}");
        assert_eq!(got.hits[0].id, plain[0], "{q}");
    }
    for q in [
        "🙂 sun 🙂",
        "sun)",
        "\"sun",
        "sun AND",
        "OR",
        "NOT NOT",
        "-sun",
        "\u{0}sun",
        "a:b:c:d",
    ] {
        let _ = search(q); // must simply return
    }
    let long = "microneedling redness ".repeat(250);
    assert!(long.len() >= 5000);
    assert!(!search(&long).hits.is_empty());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]
    #[test]
    fn any_string_is_a_valid_query(q in any::<String>()) {
        let r = shipped().1.search(&q, 5);
        prop_assert!(r.hits.len() <= 5);
        for h in &r.hits {
            for range in &h.snippet.highlights {
                prop_assert!(h.snippet.text.get(range.clone()).is_some());
            }
        }
    }

    #[test]
    fn any_mix_of_guide_words_and_syntax_is_valid(
        words in proptest::collection::vec(
            prop_oneof!["[a-zé]{1,12}", Just("AND".to_string()), Just("\"".to_string()),
                        Just("topic:".to_string()), Just("tag:scar".to_string()), Just("*".to_string()),
                        Just("(".to_string()), Just("🙂".to_string()), Just("CIT".to_string())],
            0..12)
    ) {
        let q = words.join(" ");
        let r = shipped().1.search(&q, 10);
        prop_assert!(r.hits.len() <= 10);
    }
}

#[test]
fn the_index_can_be_shared_between_threads() {
    fn shareable<T: Send + Sync>() {}
    shareable::<SearchIndex>();
    let handles: Vec<_> = (0..3)
        .map(|_| std::thread::spawn(|| shipped().1.search("sun", 3).hits.len()))
        .collect();
    for h in handles {
        assert_eq!(h.join().expect("thread"), 3);
    }
}

#[test]
fn a_real_word_is_never_rewritten_into_another() {
    // "holes" is an everyday word for pitted scars, not a typo of "moles".
    let r = search("holes");
    assert!(r.did_you_mean.is_none(), "{:?}", r.did_you_mean);
    assert!(
        r.hits
            .iter()
            .flat_map(|h| &h.matched)
            .all(|m| !m.contains("moles")),
        "{:?}",
        r.hits.iter().map(|h| &h.matched).collect::<Vec<_>>()
    );
    // Even where the guide does not know the word: a correction keeps the first letter.
    let (_, idx) = tiny(
        &[("moles", "Moles", "Moles and birthmarks are checked first.")],
        &[],
    );
    let r = idx.search("holes", 5);
    assert!(
        r.hits.is_empty() && r.did_you_mean.is_none(),
        "{:?}",
        ids(&r)
    );
    // A word the guide holds is never corrected, even when a commoner word is one edit away.
    let (_, idx) = tiny(
        &[
            ("common", "Common", "Scars scars scars and more scars."),
            ("rare", "Rare", "Stars are rare here."),
        ],
        &[],
    );
    let r = idx.search("stars", 5);
    assert_eq!(ids(&r), vec!["rare"]);
    assert!(r.did_you_mean.is_none());
    // A short word one letter from a guide word is as likely another word ("went" is not
    // "west"); swapped letters in a short word are still a typo ("acen").
    let (_, idx) = tiny(
        &[
            ("west", "West", "The west wing."),
            ("acne", "Acne", "Acne scars."),
        ],
        &[],
    );
    let r = idx.search("went ", 5);
    assert!(
        r.hits.is_empty() && r.did_you_mean.is_none(),
        "{:?}",
        ids(&r)
    );
    let r = idx.search("acen ", 5);
    assert_eq!(ids(&r), vec!["acne"]);
    assert_eq!(r.did_you_mean.as_deref(), Some("acne"));
}

#[test]
fn run_together_words_are_split_when_both_parts_are_known() {
    let (_, idx) = tiny(
        &[
            (
                "depth",
                "Needle depth",
                "The needle depth depends on the area.",
            ),
            ("other", "Other", "Nothing about it."),
        ],
        &[],
    );
    for q in ["needledepth", "needledepth "] {
        let r = idx.search(q, 5);
        assert_eq!(ids(&r), vec!["depth"], "{q}");
        assert_eq!(r.did_you_mean.as_deref(), Some("needle depth"), "{q}");
    }
    // Hyphenated words the guide writes as one are joined.
    let r = search("hyper-pigmentation");
    let matched = &r.hits[0].matched;
    assert!(
        matched.iter().all(|m| m.starts_with("hyper-pigmentation")),
        "one concept, not 'hyper' and 'pigmentation': {matched:?}"
    );
    assert!(ids(&search("needledepth")).contains(&"needle-lengths-and-depth"));
}

#[test]
fn did_you_mean_appears_only_when_the_correction_found_something() {
    let (_, idx) = tiny(&[("c", "Collagen", "Collagen fibres.")], &[]);
    assert_eq!(
        idx.search("colagen", 5).did_you_mean.as_deref(),
        Some("collagen")
    );
    // In a scope with no collagen, the correction changes nothing: say nothing.
    assert!(idx.search("colagen tag:nothing", 5).did_you_mean.is_none());
    assert!(idx.search("collagen", 5).did_you_mean.is_none());
}

#[test]
fn a_concept_counts_once_however_many_of_its_synonyms_a_section_lists() {
    let (_, idx) = tiny(
        &[
            (
                "names",
                "Names",
                "Also called widget, gizmo, gadget, doohickey, thingamajig or contraption.",
            ),
            (
                "care",
                "Care",
                "Cleaning a widget: wash it in warm water after each use.",
            ),
            ("more", "More", "A widget has many parts."),
            ("again", "Again", "Every widget is different."),
        ],
        &[&[
            "widget",
            "gizmo",
            "gadget",
            "doohickey",
            "thingamajig",
            "contraption",
        ]],
    );
    let r = idx.search("widget cleaning", 5);
    assert_eq!(ids(&r)[0], "care", "{:?}", ids(&r));
    // Two names of one thing in the query are one concept too.
    let r = idx.search("widget gizmo cleaning ", 5);
    assert_eq!(ids(&r)[0], "care", "{:?}", ids(&r));
    // The word the query is about anyway (in every section) barely counts: a section with
    // the rare word alone beats one with the common word alone.
    let (_, idx) = tiny(
        &[
            ("a", "A", "Needling the face."),
            ("b", "B", "Needling the scalp."),
            ("c", "C", "Needling the neck, needling the chest."),
            ("d", "D", "Keloid tendency is asked about."),
        ],
        &[],
    );
    assert_eq!(ids(&idx.search("needling keloid", 5))[0], "d");
}

#[test]
fn uk_and_us_spellings_find_each_other() {
    let (_, idx) = tiny(
        &[
            (
                "uk",
                "Sterilising",
                "Sterilise the tray; the anaesthetic cream goes on first.",
            ),
            ("other", "Other", "Nothing here."),
        ],
        &[],
    );
    for q in ["sterilize", "anesthetic"] {
        let r = idx.search(q, 5);
        assert_eq!(ids(&r), vec!["uk"], "{q}");
        assert!(r.did_you_mean.is_none(), "{q}: a spelling is not a typo");
    }
}

#[test]
fn a_search_that_finds_nothing_says_what_was_searched_and_offers_topics() {
    let r = search("xqzvbn");
    assert!(r.hits.is_empty());
    assert_eq!(r.searched, "xqzvbn");
    assert!(!r.closest_topics.is_empty(), "never an empty screen");
    let line = mnguide::search::no_match_line(&r);
    assert!(
        line.contains("xqzvbn") && line.contains("Closest topics"),
        "{line}"
    );
    // A bare brand: found through its synonym group, or told what was searched and offered
    // topics, never an empty screen.
    for brand in ["Xarelto", "Juvederm", "Obagi"] {
        let r = search(brand);
        assert!(
            !r.hits.is_empty()
                || (r.searched == brand.to_lowercase() && !r.closest_topics.is_empty()),
            "{brand}: {r:?}"
        );
    }
    let r = search("Xarelto");
    assert_eq!(
        r.hits.first().map(|h| h.id.as_str()),
        Some("medications-isotretinoin")
    );
    let (_, idx) = tiny(&[("a", "Alpha", "Text.")], &[]);
    let r = idx.search("qqqq zzzz", 5);
    assert_eq!(r.searched, "qqqq zzzz");
    assert_eq!(
        r.closest_topics
            .iter()
            .map(|t| t.id.as_str())
            .collect::<Vec<_>>(),
        vec!["things"]
    );
}

#[test]
fn matched_via_shows_words_not_notation() {
    for q in [
        "numb",
        "colagen",
        "CIT",
        "sunscr",
        "anaest cream",
        "needledepth",
    ] {
        for h in search(q).hits {
            for m in &h.matched {
                assert!(!m.contains('*') && !m.contains('~'), "{q}: {m}");
            }
        }
    }
    let r = search("CIT");
    assert!(
        r.hits
            .iter()
            .flat_map(|h| &h.matched)
            .any(|m| m == "CIT -> microneedling" || m == "CIT"),
        "the user's word and the synonym found"
    );
}

#[test]
fn snippets_lead_with_the_fact_or_summary_holding_the_words() {
    let r = search("numbing");
    let hit = r
        .hits
        .iter()
        .find(|h| h.id == "numbing-cream")
        .expect("the numbing section is found");
    assert!(
        hit.snippet.text.contains("min"),
        "the snippet shows the minutes: {}",
        hit.snippet.text
    );
    assert!(!hit.snippet.highlights.is_empty());
}

#[test]
fn a_finished_word_beats_the_longer_words_it_starts() {
    // While typing, "sun" may still become "sunscreen", but the section that says "sun"
    // comes first, even when the other has the longer word in its title.
    let (_, idx) = tiny(
        &[
            ("short", "Exposure", "Avoid the sun."),
            ("long", "Sunscreen", "Sunscreen daily."),
        ],
        &[],
    );
    let r = idx.search("sun", 5);
    assert_eq!(ids(&r), vec!["short", "long"]);
}

#[test]
fn words_that_say_when_or_how_much_count_for_little() {
    // "before" tells nothing about the subject: the section that mentions results comes
    // first although the other has "before" in its title and body.
    let (_, idx) = tiny(
        &[
            (
                "before",
                "Before",
                "Before anything, read this before you start.",
            ),
            ("results", "Outcomes", "Results show within weeks."),
        ],
        &[],
    );
    let r = idx.search("how long before results", 5);
    assert_eq!(ids(&r).first(), Some(&"results"), "{:?}", ids(&r));
}

#[test]
fn a_word_typed_takes_the_synonym_group_that_lists_it() {
    // "peeling" and "peel" stem alike; typed, "peeling" brings the group that lists it
    // (flaking skin), not the chemical peel's, whose section still matches by stem.
    let (_, idx) = tiny(
        &[
            (
                "peels",
                "Chemical peels",
                "A chemical peel resurfaces the skin.",
            ),
            ("flakes", "Flaking", "Flaking skin in the first days."),
        ],
        &[&["chemical peel", "peel"], &["peeling", "flaking"]],
    );
    let r = idx.search("peeling ", 5);
    let flakes = r.hits.iter().find(|h| h.id == "flakes");
    assert!(
        flakes.is_some_and(|h| h.matched.contains(&"peeling -> flaking".to_string())),
        "{:?}",
        r.hits
            .iter()
            .map(|h| (&h.id, &h.matched))
            .collect::<Vec<_>>()
    );
    assert!(
        r.expansions.iter().all(|e| !e.contains("chemical peel")),
        "{:?}",
        r.expansions
    );
}

#[test]
fn reference_sections_yield_to_teaching_unless_a_definition_is_asked_for() {
    let first = |q: &str| search(q).hits.first().map(|h| h.id.clone());
    let plain = first("boxcar scars");
    assert!(
        plain
            .as_deref()
            .is_some_and(|id| !id.starts_with("glossary")),
        "{plain:?}"
    );
    assert_eq!(
        first("boxcar scar definition").as_deref(),
        Some("glossary-scar-types")
    );
}

#[test]
fn a_filler_word_inside_a_synonym_phrase_still_finds_the_phrase() {
    // "actually" sits inside "what does it do": the group of the phrase still applies, so
    // the section on how it works comes first rather than the one that says "actually".
    let (_, idx) = tiny(
        &[
            (
                "aside",
                "Aside",
                "What it actually costs is a question for the clinic.",
            ),
            ("how", "How it works", "The mechanism of action is a wound."),
        ],
        &[&["mechanism", "what does it do"]],
    );
    let r = idx.search("what does it actually do", 5);
    assert_eq!(ids(&r).first(), Some(&"how"), "{:?}", ids(&r));
    let hit = &r.hits[0];
    assert!(
        hit.matched.iter().any(|m| m.ends_with("-> mechanism")),
        "{:?}",
        hit.matched
    );
}

#[test]
fn the_last_word_is_not_counted_again_when_its_group_was_already_asked_for() {
    // "repeated" names the same thing as "how often": the section titled "Repeated" earns
    // the concept once, not once for the phrase and again for the last word being typed.
    let (_, idx) = tiny(
        &[
            ("repeat", "Repeated", "Repeated rounds were used in trials."),
            ("spacing", "How often", "Sessions four weeks apart."),
        ],
        &[&["how often", "weeks apart", "repeated"]],
    );
    let r = idx.search("how often repeated", 5);
    assert_eq!(ids(&r).first(), Some(&"spacing"), "{:?}", ids(&r));
}

#[test]
fn question_words_are_not_searched_for() {
    // "where" and "whether" only frame the question: the section about the clinic comes
    // first although the other says "where" in its title and body.
    let (_, idx) = tiny(
        &[
            ("place", "Where to go", "Where and whether, where again."),
            ("clinic", "Clinic", "The clinic."),
        ],
        &[],
    );
    let r = idx.search("where or whether the clinic", 5);
    assert_eq!(ids(&r), vec!["clinic"]);
}

#[test]
fn a_place_in_the_question_counts_less_than_what_is_asked_about_it() {
    // "on my face" says where the bleeding is: the section about bleeding comes first,
    // though the other has "face" in its title as much as this one has "blood".
    let (_, idx) = tiny(
        &[
            ("face", "Face", "Face."),
            ("warfarin", "Warfarin", "Warfarin."),
            ("blood", "Blood", "Blood."),
        ],
        &[],
    );
    let first = |q: &str| ids(&idx.search(q, 5)).first().map(|s| s.to_string());
    assert_eq!(first("blood on my face").as_deref(), Some("blood"));
    assert_eq!(first("blood around the face").as_deref(), Some("blood"));
    // A part of the body is a place even without "on my": "my face went red".
    assert_eq!(first("face blood").as_deref(), Some("blood"));
    assert_eq!(
        first("face").as_deref(),
        Some("face"),
        "alone, it still decides"
    );
    // Any other word after "on" without "my" or "the" is what was asked ("on
    // anticoagulants"): both count alike, and the tie keeps guide order.
    assert_eq!(first("blood on warfarin").as_deref(), Some("warfarin"));
}

#[test]
fn a_typed_word_whose_stem_names_another_thing_counts_less_by_that_stem() {
    // "peeling" stems to "peel", the chemical peel's word: the section on flaking skin
    // comes first, not the one saying "peel" in its title and body.
    let (_, idx) = tiny(
        &[
            (
                "peels",
                "Chemical peels",
                "A chemical peel resurfaces the skin. Peel depth varies.",
            ),
            ("flakes", "Flaking", "Flaking skin in the first days."),
        ],
        &[&["chemical peel", "peel"], &["peeling", "flaking"]],
    );
    let r = idx.search("peeling skin", 5);
    assert_eq!(ids(&r).first(), Some(&"flakes"), "{:?}", ids(&r));
}

#[test]
fn a_synonym_whose_stem_names_another_thing_counts_less_by_that_stem() {
    // "scabs" finds its group's "peeling", stemmed "peel" as in chemical peel: the section
    // on flaking skin comes first, not the one saying "peel" in its title and body.
    let (_, idx) = tiny(
        &[
            (
                "peels",
                "Chemical peels",
                "Peel depth, peel strength and peel timing.",
            ),
            (
                "flakes",
                "Flaking",
                "Skin flaking in the first days after a session, then it settles.",
            ),
        ],
        &[&["chemical peel", "peel"], &["peeling", "flaking", "scabs"]],
    );
    let r = idx.search("scabs", 5);
    assert_eq!(ids(&r).first(), Some(&"flakes"), "{:?}", ids(&r));
}

#[test]
fn everyday_words_for_pain_do_not_find_cold_sores() {
    // The guide says "sore" only in "cold sores": pain words lead to the sections on pain.
    for q in ["does it sting", "pain during treatment"] {
        let r = search(q);
        let first = r.hits.first().map(|h| h.id.as_str());
        assert!(
            first.is_some_and(|id| !id.starts_with("herpes")),
            "{q}: {first:?}"
        );
        assert!(
            r.hits
                .iter()
                .take(3)
                .all(|h| h.matched.iter().all(|m| !m.ends_with("-> sore"))),
            "{q}: {:?}",
            r.hits
                .iter()
                .map(|h| (&h.id, &h.matched))
                .collect::<Vec<_>>()
        );
    }
}

/// A section on what the sources leave open (`kind = "gap"`) yields to the section that
/// teaches the same word, and still comes first for the words only it holds.
#[test]
fn a_gap_section_yields_to_the_teaching_section_but_answers_its_own_question() {
    let (g, _) = shipped();
    let gap = |id: &str| g.section(id).and_then(|s| s.kind.as_deref()) == Some("gap");
    assert!(gap("aftercare-unanswered") && !gap("aftercare-do-avoid"));
    let r = search("aftercare");
    assert_eq!(
        ids(&r).first(),
        Some(&"aftercare-do-avoid"),
        "{:?}",
        ids(&r)
    );
    assert!(
        ids(&r)[..3].contains(&"aftercare-unanswered"),
        "{:?}",
        ids(&r)
    );
    let r = search("swimming after microneedling");
    assert_eq!(
        ids(&r).first(),
        Some(&"aftercare-unanswered"),
        "{:?}",
        ids(&r)
    );
    let r = search("botox same day");
    assert_eq!(
        ids(&r).first(),
        Some(&"injectables-same-day"),
        "{:?}",
        ids(&r)
    );
}
