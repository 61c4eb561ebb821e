//! Planning: the concepts become weighted forms for ranking, labelled probes for marking
//! matched words, and tantivy queries for the scopes.

use tantivy::query::{BooleanQuery, Occur, PhraseQuery, Query, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::{Searcher, Term};

use super::parse::{concepts, split_scopes};
use super::{
    Concept, Form, Head, PairFilter, Planned, Probe, STOP_WORDS, SearchIndex, score, text_term,
};
use crate::analyzer::{self, StemCache};

/// A synonym counts a little less than the word typed.
const SYNONYM_WEIGHT: f32 = 0.9;

/// A corrected typo: the word meant, but less sure than a word typed right.
const CORRECTION_WEIGHT: f32 = 0.85;

/// A completed partial word.
const COMPLETION_WEIGHT: f32 = 0.7;

/// A longer word a known word may be the start of, while it is typed.
const KNOWN_COMPLETION_WEIGHT: f32 = 0.3;

/// Everyday words that say when, where, how much or how sure rather than what: they tell
/// sections apart only when nothing better does, so they count for little ("how long
/// *before* I see a difference", "bumps *under* the skin weeks *later*"). A word in a
/// synonym group is not weak: the group says what it means.
const WEAK_WORDS: &[&str] = &[
    "after",
    "before",
    "during",
    "under",
    "over",
    "between",
    "into",
    "onto",
    "through",
    "off",
    "out",
    "up",
    "down",
    "around",
    "near",
    "without",
    "within",
    "since",
    "until",
    "while",
    "still",
    "later",
    "soon",
    "again",
    "ever",
    "never",
    "always",
    "sometimes",
    "actually",
    "really",
    "too",
    "also",
    "even",
    "only",
    "quite",
    "rather",
    "enough",
    "already",
    "yet",
    "see",
    "make",
    "made",
    "take",
    "taken",
    "put",
    "want",
    "wants",
    "wanted",
    "know",
    "tell",
    "come",
    "came",
    "went",
    "gone",
    "happen",
    "happens",
    "happened",
    "someone",
    "anyone",
    "everyone",
    "something",
    "anything",
    "thing",
    "things",
    "stuff",
    "way",
    "lot",
    "lots",
    "bit",
    "bits",
    "kind",
    "long",
    "few",
    "several",
    "more",
    "most",
    "less",
    "every",
    "each",
    "all",
    "both",
    "other",
    "another",
    "like",
    "look",
    "looks",
    "looking",
    "keep",
    "keeps",
    "give",
    "gives",
    "got",
    "getting",
    "say",
    "says",
    "said",
    "tiny",
    "little",
    "whole",
    "part",
    "okay",
    "fine",
    "bad",
    "good",
    "better",
    "best",
    "worse",
    "worst",
    "right",
    "wrong",
    "sure",
    "possible",
    "probably",
    "maybe",
    "basically",
    "exactly",
    "worth",
    "difference",
    "different",
    "same",
    "next",
    "first",
    "new",
    "old",
    "day",
    "days",
    "week",
    "weeks",
    "time",
    "times",
    "help",
    "helps",
    "try",
    "tried",
    "done",
    "doing",
    "let",
    "mean",
    "means",
    // Conversation rather than content: "what is this *thing everyone* is *getting*".
    "thing",
    "things",
    "stuff",
    "everyone",
    "everybody",
    "people",
    "someone",
    "somebody",
    "anyone",
    "getting",
    "got",
    "right",
    "now",
    "moment",
    "bit",
    "bits",
    "lot",
    "lots",
    "way",
    "whole",
    "like",
    "kind",
    "sort",
    "supposed",
    "able",
    "want",
    "wants",
    "wanted",
    "make",
    "makes",
    "come",
    "came",
    "say",
    "tell",
    "know",
    "think",
    "probably",
    "maybe",
    "also",
    "too",
    "all",
    "every",
];

/// How much a weak word counts (see [`WEAK_WORDS`]).
const WEAK_WEIGHT: f32 = 0.3;

/// How much a typed word counts where the text holds only its stem and that stem names
/// another group ("peeling" skin and the chemical "peel").
const AMBIGUOUS_STEM_WEIGHT: f32 = 0.6;

/// How much a place counts ("tiny dots of blood on my face"): it frames the question, and
/// the section about the face must not outrank the one about the bleeding; alone, or with
/// nothing better, it still decides ("can it be done on my back").
const PLACE_WEIGHT: f32 = 0.5;

pub(super) fn plan(index: &SearchIndex, searcher: &Searcher, text: &str) -> Option<Planned> {
    let (words_text, scopes) = split_scopes(text);
    let scopes: Vec<Box<dyn Query>> = scopes
        .iter()
        .map(|(kind, value)| scope_query(index, kind, value))
        .collect();
    let (concepts, rewrites) = concepts(index, searcher, text, &words_text);
    if concepts.is_empty() && scopes.is_empty() {
        return None;
    }
    let mut plan = forms_of(index, concepts, scopes);
    plan.rewrites = rewrites;
    Some(plan)
}

/// Every way each concept can appear, with the labels that say so.
fn forms_of(index: &SearchIndex, concepts: Vec<Concept>, scopes: Vec<Box<dyn Query>>) -> Planned {
    let mut probes: Vec<(usize, String, Probe)> = Vec::new();
    let mut expansions = Vec::new();
    let mut forms: Vec<Vec<Form>> = Vec::new();
    let mut stem = StemCache::default();
    for (ci, c) in concepts.iter().enumerate() {
        let fs = concept_forms(index, c, &mut stem, &mut expansions);
        for (form, label) in &fs {
            probes.push((ci, label.clone(), Probe::Stems(form.stems.clone())));
        }
        forms.push(fs.into_iter().map(|(f, _)| f).collect());
    }
    // Exact probes first, so a word typed is labelled as typed.
    probes.sort_by_key(|(ci, label, _)| (*label != concepts[*ci].surface, *ci));
    let mut heads: Vec<Head> = probes
        .iter()
        .flat_map(|(_, _, Probe::Stems(words))| words.iter().map(|w| Head::of(w)))
        .collect();
    heads.sort_unstable();
    heads.dedup();
    let pairs = PairFilter::new(
        probes
            .iter()
            .flat_map(|(_, _, Probe::Stems(words))| words.iter().map(String::as_str)),
    );
    Planned {
        concepts,
        forms,
        scopes,
        probes,
        heads,
        pairs,
        expansions,
        rewrites: Vec::new(),
    }
}

/// A concept's forms so far, each with the label that says where it came from.
#[derive(Default)]
struct FormList(Vec<(Form, String)>);

impl FormList {
    /// Adds a form; the same stems met again keep the higher weight, are typed if either
    /// was, and may stand in the fields of both.
    fn push(&mut self, stems: Vec<String>, weight: f32, label: String, typed: bool, fields: u8) {
        if stems.is_empty() || fields == 0 {
            return;
        }
        match self.0.iter_mut().find(|(f, _)| f.stems == stems) {
            Some((f, _)) => {
                f.weight = f.weight.max(weight);
                f.typed |= typed;
                f.fields |= fields;
            }
            None => self.0.push((
                Form {
                    stems,
                    weight,
                    typed,
                    fields,
                },
                label,
            )),
        }
    }
}

/// One concept's forms: the words typed, their corrections, spellings and completions, and
/// the names of its synonym group; weighed down where the stem is ambiguous or the word
/// names a place. A synonym shown to the user as an expansion goes into `expansions`.
fn concept_forms(
    index: &SearchIndex,
    c: &Concept,
    stem: &mut StemCache,
    expansions: &mut Vec<String>,
) -> Vec<(Form, String)> {
    let mut fs = FormList::default();
    let weak = c.group.is_none() && c.plain.len() == 1 && WEAK_WORDS.contains(&c.plain[0].as_str());
    if weak {
        fs.push(
            c.stems.clone(),
            WEAK_WEIGHT,
            c.surface.clone(),
            false,
            u8::MAX,
        );
    } else {
        fs.push(c.stems.clone(), 1.0, c.surface.clone(), true, u8::MAX);
    }
    respelled_forms(c, stem, &mut fs);
    if let Some(g) = c.group.and_then(|g| index.synonyms.group(g)) {
        let corrected = !c.corrections.is_empty();
        let canonical = g.canonical();
        if !corrected && g.variants.first().is_some_and(|v| v.stems != c.stems) {
            expansions.push(format!("{} -> {canonical}", c.surface));
        }
        let weight = if corrected {
            CORRECTION_WEIGHT * SYNONYM_WEIGHT
        } else {
            SYNONYM_WEIGHT
        };
        for v in &g.variants {
            fs.push(
                v.stems.clone(),
                weight,
                format!("{} -> {}", c.surface, v.text),
                false,
                v.fields,
            );
        }
    }
    let mut fs = fs.0;
    // A word whose stem names something else ("peeling" of the skin, stemmed "peel" as
    // in chemical peel): where the text holds only the stem, it may be that other thing,
    // so the stem counts less than the group's unambiguous names.
    // The same for the group's other names: "flaking" finds "peeling", whose stem is the
    // chemical peel's, so that form counts less too.
    if c.group.is_some() {
        for (f, _) in fs.iter_mut() {
            let elsewhere = index
                .synonyms
                .group_of(&f.stems)
                .is_some_and(|g| Some(g) != c.group);
            if elsewhere {
                f.weight = f.weight.min(AMBIGUOUS_STEM_WEIGHT);
                if f.stems == c.stems {
                    f.typed = false;
                }
            }
        }
    }
    if c.place {
        for (f, _) in fs.iter_mut() {
            f.weight *= PLACE_WEIGHT;
        }
    }
    fs
}

/// The words the concept may have been meant as: its corrections (the first surest), other
/// spellings, and completions of a word still being typed. Each earns the typed word's
/// rarity, except completions of a word the guide already knows.
fn respelled_forms(c: &Concept, stem: &mut StemCache, fs: &mut FormList) {
    for (i, word) in c.corrections.iter().enumerate() {
        let weight = if i == 0 {
            CORRECTION_WEIGHT
        } else {
            CORRECTION_WEIGHT / 2.0
        };
        fs.push(
            vec![stem.stem(word).to_string()],
            weight,
            format!("{} -> {word}", c.surface),
            true,
            u8::MAX,
        );
    }
    for word in &c.spellings {
        fs.push(
            vec![stem.stem(word).to_string()],
            1.0,
            format!("{} -> {word}", c.surface),
            true,
            u8::MAX,
        );
    }
    // A word the guide knows may still be the start of a longer one while it is being
    // typed ("skin" of "skincare"), but the word itself is the better guess: its
    // completions count less and earn no rarity of their own.
    let (completion_weight, completion_typed) = if c.known {
        (KNOWN_COMPLETION_WEIGHT, false)
    } else {
        (COMPLETION_WEIGHT, true)
    };
    for word in &c.completions {
        fs.push(
            vec![stem.stem(word).to_string()],
            completion_weight,
            format!("{} -> {word}", c.surface),
            completion_typed,
            u8::MAX,
        );
    }
}

/// Replaces each multi-word concept found nowhere by its meaningful words.
pub(super) fn loosen(index: &SearchIndex, plan: &mut Planned, stats: &[score::ConceptStats]) {
    let mut concepts = Vec::new();
    for (c, st) in plan.concepts.iter().zip(stats) {
        if st.doc_freq > 0 || c.stems.len() < 2 {
            concepts.push(c.clone());
            continue;
        }
        for (s, p) in c.stems.iter().zip(&c.plain) {
            if STOP_WORDS.contains(&p.as_str()) {
                continue;
            }
            concepts.push(Concept {
                span: c.span.clone(),
                surface: p.clone(),
                stems: vec![s.clone()],
                plain: vec![p.clone()],
                group: index.synonyms.group_of_word(p, s),
                corrections: Vec::new(),
                spellings: Vec::new(),
                completions: Vec::new(),
                known: true,
                place: false,
            });
        }
    }
    let scopes = std::mem::take(&mut plan.scopes);
    let rewrites = std::mem::take(&mut plan.rewrites);
    *plan = forms_of(index, concepts, scopes);
    plan.rewrites = rewrites;
}

/// `topic:` matches a topic id, or a topic whose id or title holds the value; `tag:` a
/// tag word. A scope that names nothing narrows to nothing.
fn scope_query(index: &SearchIndex, kind: &str, value: &str) -> Box<dyn Query> {
    let f = &index.fields;
    let stems = analyzer::terms(&mut analyzer::stemmed(), value);
    let mut options: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    if kind == "topic" {
        let plain_value = analyzer::terms(&mut analyzer::plain(), value).join("-");
        for (id, title) in &index.topics {
            let by_title = !stems.is_empty() && stems.iter().all(|s| title.contains(s));
            if *id == value || (!plain_value.is_empty() && id.contains(&plain_value)) || by_title {
                let term = Term::from_field_text(f.topic, id);
                options.push((
                    Occur::Should,
                    Box::new(TermQuery::new(term, IndexRecordOption::Basic)),
                ));
            }
        }
    } else {
        let terms: Vec<Term> = stems.iter().map(|s| text_term(f.tags, s)).collect();
        match terms.len() {
            0 => {}
            1 => options.push((
                Occur::Should,
                Box::new(TermQuery::new(terms[0].clone(), IndexRecordOption::Basic)),
            )),
            _ => options.push((Occur::Should, Box::new(PhraseQuery::new(terms)))),
        }
    }
    // An empty BooleanQuery matches nothing, which is what an unknown scope should do.
    Box::new(BooleanQuery::new(options))
}
