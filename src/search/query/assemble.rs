//! Assembling: the plan run against the index, the hits ranked, labelled, highlighted and
//! given a snippet; "did you mean" and the closest topics when nothing matched.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use tantivy::collector::DocSetCollector;
use tantivy::query::{BooleanQuery, Occur, Query};
use tantivy::schema::{Field, Value};
use tantivy::tokenizer::TextAnalyzer;
use tantivy::{DocAddress, Searcher, TantivyDocument};

use super::highlight::{best_snippet, mark};
use super::plan::{loosen, plan};
use super::{Planned, SearchIndex, SearchResults, score};
use crate::analyzer::{self, StemCache};
use crate::search::Hit;

/// How many topics are offered when nothing matches.
const CLOSEST_TOPICS: usize = 3;

/// Letter triples of `w` (padded as "  w "), each packed in a number, sorted, once each.
fn triples_into(w: &str, out: &mut Vec<u64>) {
    out.clear();
    let padded: Vec<char> = [' ', ' ']
        .into_iter()
        .chain(w.chars())
        .chain([' '])
        .collect();
    out.extend(
        padded
            .windows(3)
            .map(|t| (u64::from(t[0]) << 42) | (u64::from(t[1]) << 21) | u64::from(t[2])),
    );
    out.sort_unstable();
    out.dedup();
}

/// The words of every topic once each, with their letter triples, and which words each
/// topic holds. A search that finds nothing is looked up at every keystroke, and a large
/// guide's topics share most of their words: each distinct word is compared with the query
/// once, not once per topic, and no triple is worked out twice.
pub struct TopicVocab {
    triples: Vec<Vec<u64>>,
    topics: Vec<Vec<u32>>,
    /// (id, title) of each topic.
    names: Vec<(String, String)>,
}

impl TopicVocab {
    /// From the topics' words as saved with the index (JSON, read only when a search first
    /// finds nothing); a damaged list offers no topics rather than failing the search.
    fn of(saved: &serde_json::value::RawValue) -> TopicVocab {
        let topic_words: Vec<(String, String, Vec<String>)> =
            serde_json::from_str(saved.get()).unwrap_or_default();
        let names = topic_words
            .iter()
            .map(|(id, title, _)| (id.clone(), title.clone()))
            .collect();
        let mut ids: HashMap<&str, u32> = HashMap::new();
        let mut triples = Vec::new();
        let topics = topic_words
            .iter()
            .map(|(_, _, words)| {
                words
                    .iter()
                    .map(|w| {
                        *ids.entry(w.as_str()).or_insert_with(|| {
                            let mut t = Vec::new();
                            triples_into(w, &mut t);
                            triples.push(t);
                            (triples.len() - 1) as u32
                        })
                    })
                    .collect()
            })
            .collect();
        TopicVocab {
            triples,
            topics,
            names,
        }
    }
}

/// The topics whose words look most like the query's (shared letter triples), or the
/// guide's first topics when none does.
pub(super) fn closest_topics(index: &SearchIndex, words: &[String]) -> Vec<super::TopicHint> {
    let vocab = index
        .topic_vocab
        .get_or_init(|| TopicVocab::of(&index.topic_words));
    let query: Vec<Vec<u64>> = words
        .iter()
        .map(|w| {
            let mut t = Vec::new();
            triples_into(w, &mut t);
            t
        })
        .collect();
    // Per query word, how much each distinct topic word resembles it (Dice on triples).
    let likeness: Vec<Vec<f32>> = query
        .iter()
        .map(|q| {
            vocab
                .triples
                .iter()
                .map(|t| {
                    let shared = t.iter().filter(|x| q.binary_search(x).is_ok()).count();
                    shared as f32 / (q.len() + t.len()) as f32 * 2.0
                })
                .collect()
        })
        .collect();
    let mut scored: Vec<(f32, usize)> = vocab
        .topics
        .iter()
        .enumerate()
        .map(|(i, ids)| {
            let score: f32 = likeness
                .iter()
                .map(|l| ids.iter().map(|&id| l[id as usize]).fold(0.0, f32::max))
                .sum();
            (score, i)
        })
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    // Weak resemblances (under about a third of letter triples shared) are noise.
    let close: Vec<usize> = scored
        .iter()
        .filter(|(s, _)| *s >= 0.3 * words.len() as f32)
        .map(|(_, i)| *i)
        .take(CLOSEST_TOPICS)
        .collect();
    let picked = if close.is_empty() {
        (0..vocab.names.len().min(CLOSEST_TOPICS)).collect()
    } else {
        close
    };
    picked
        .into_iter()
        .filter_map(|i| vocab.names.get(i))
        .map(|(id, title)| super::TopicHint {
            id: id.clone(),
            title: title.clone(),
        })
        .collect()
}

pub(super) fn find(index: &SearchIndex, text: &str, limit: usize) -> SearchResults {
    let searcher = index.reader.searcher();
    let Some(mut plan) = plan(index, &searcher, text) else {
        return SearchResults::default();
    };
    let mut results = SearchResults {
        expansions: plan.expansions.clone(),
        ..SearchResults::default()
    };
    if limit == 0 {
        return results;
    }
    // A damaged index can fail mid-query; the caller gets no hits rather than an error.
    let Ok(allowed) = in_scope(&searcher, &plan) else {
        return results;
    };
    let top: Vec<(f32, DocAddress)> = if plan.concepts.is_empty() {
        // Scopes alone: every section in scope, in guide order.
        let mut docs: Vec<DocAddress> = allowed.iter().flatten().copied().collect();
        docs.sort();
        docs.into_iter().take(limit).map(|d| (1.0, d)).collect()
    } else {
        let mut ranked = rank(index, &searcher, &plan, allowed.as_ref());
        // A synonym phrase found nowhere still means its words: look for them one by one.
        if ranked
            .concepts
            .iter()
            .zip(&plan.concepts)
            .any(|(st, c)| st.doc_freq == 0 && c.stems.len() > 1)
        {
            loosen(index, &mut plan, &ranked.concepts);
            ranked = rank(index, &searcher, &plan, allowed.as_ref());
        }
        results.did_you_mean = did_you_mean(text, &plan, &ranked.concepts);
        weigh_by_kind(index, text, &mut ranked.top);
        highest(ranked.top, limit)
    };
    let mut stem = StemCache::default();
    let mut plain = analyzer::plain();
    for (score, addr) in top {
        let Ok(doc) = searcher.doc::<TantivyDocument>(addr) else {
            continue;
        };
        results
            .hits
            .push(hit(index, &plan, &mut stem, &mut plain, &doc, score));
    }
    results
}

/// The sections every scope (`topic:`, `tag:`, a quoted phrase) admits; `None` when the
/// query has no scope.
fn in_scope(searcher: &Searcher, plan: &Planned) -> tantivy::Result<Option<HashSet<DocAddress>>> {
    if plan.scopes.is_empty() {
        return Ok(None);
    }
    let clauses: Vec<(Occur, Box<dyn Query>)> = plan
        .scopes
        .iter()
        .map(|q| (Occur::Must, q.box_clone()))
        .collect();
    searcher
        .search(&BooleanQuery::new(clauses), &DocSetCollector)
        .map(Some)
}

/// Reference sections yield to the teaching section, unless a definition is what was asked
/// for ("what does PIH stand for", "boxcar scar definition"); a section on what the sources
/// leave open yields to the one teaching the same words.
fn weigh_by_kind(index: &SearchIndex, text: &str, top: &mut [score::Scored]) {
    if !asks_for_definition(text) {
        for h in top.iter_mut() {
            h.score *= index.prior(h.doc);
        }
    }
    for h in top.iter_mut() {
        h.score *= index.gap_prior(h.doc);
    }
}

/// The `limit` best, highest first; ties in guide order, so results are deterministic. Only
/// the hits shown are sorted: a common word matches most of a large guide.
fn highest(mut top: Vec<score::Scored>, limit: usize) -> Vec<(f32, DocAddress)> {
    let order =
        |a: &score::Scored, b: &score::Scored| b.score.total_cmp(&a.score).then(a.doc.cmp(&b.doc));
    if top.len() > limit {
        top.select_nth_unstable_by(limit - 1, order);
        top.truncate(limit);
    }
    top.sort_unstable_by(order);
    top.iter().map(|h| (h.score, h.doc)).collect()
}

/// One result: the section's title and path, its snippet, the labels of what matched (in
/// the order the concepts were typed) and the words to highlight.
fn hit(
    index: &SearchIndex,
    plan: &Planned,
    stem: &mut StemCache,
    plain: &mut TextAnalyzer,
    doc: &TantivyDocument,
    score: f32,
) -> Hit {
    let get = |f: Field| {
        doc.get_first(f)
            .and_then(|v| v.as_str())
            .unwrap_or_default()
            .to_string()
    };
    let f = &index.fields;
    let (title, body) = (get(f.title), get(f.text));
    let title_marks = mark(plan, stem, plain, &title);
    let body_marks = mark(plan, stem, plain, &body);
    let mut matched: Vec<String> = Vec::new();
    let mut words: Vec<String> = Vec::new();
    for (label, range) in title_marks
        .iter()
        .map(|m| (m, &title))
        .chain(body_marks.iter().map(|m| (m, &body)))
        .map(|((_, l, r), text)| (l, &text[r.clone()]))
    {
        if !matched.contains(label) {
            matched.push(label.clone());
        }
        let w = range.to_lowercase();
        if !words.contains(&w) {
            words.push(w);
        }
    }
    // Order labels as the concepts were typed.
    matched.sort_by_key(|l| {
        plan.probes
            .iter()
            .position(|(_, label, _)| label == l)
            .unwrap_or(usize::MAX)
    });
    let snippet = best_snippet(
        plan,
        stem,
        plain,
        &get(f.summary),
        &get(f.facts),
        &body,
        &body_marks,
    );
    Hit {
        id: get(f.id),
        title,
        path: get(f.path),
        score,
        snippet,
        matched,
        highlight_terms: words,
    }
}

fn rank(
    index: &SearchIndex,
    searcher: &Searcher,
    plan: &Planned,
    allowed: Option<&HashSet<DocAddress>>,
) -> score::Ranked {
    let fields = index.fields.weighted();
    let ok = |d: DocAddress| allowed.is_none_or(|set| set.contains(&d));
    score::rank(searcher, &fields, &plan.forms, Some(&ok))
}

/// Words that ask what a term means.
const DEFINITION_WORDS: &[&str] = &[
    "define",
    "defined",
    "definition",
    "definitions",
    "meaning",
    "mean",
    "means",
    "stand",
    "stands",
    "glossary",
];

/// Whether the query asks what a term means rather than about the thing itself.
fn asks_for_definition(text: &str) -> bool {
    analyzer::terms(&mut analyzer::plain(), text)
        .iter()
        .any(|w| DEFINITION_WORDS.contains(&w.as_str()))
}

/// The query with each word the guide does not know replaced by what was searched instead,
/// when that found something: a correction ("colagen" -> "collagen") or a split
/// ("needledepth" -> "needle depth"). Completions are not shown: the user is still typing.
fn did_you_mean(text: &str, plan: &Planned, stats: &[score::ConceptStats]) -> Option<String> {
    let found = |ci: usize| stats.get(ci).is_some_and(|s| s.doc_freq > 0);
    let mut edits: Vec<(Range<usize>, String)> = Vec::new();
    for (span, with) in &plan.rewrites {
        let parts_found = plan
            .concepts
            .iter()
            .enumerate()
            .any(|(ci, c)| c.span.start >= span.start && c.span.end <= span.end && found(ci));
        if parts_found {
            edits.push((span.clone(), with.clone()));
        }
    }
    for (ci, c) in plan.concepts.iter().enumerate() {
        let inside_edit = edits
            .iter()
            .any(|(r, _)| c.span.start >= r.start && c.span.end <= r.end);
        if let (true, Some(best), false) =
            (c.completions.is_empty(), c.corrections.first(), inside_edit)
            && found(ci)
        {
            edits.push((c.span.clone(), best.clone()));
        }
    }
    if edits.is_empty() {
        return None;
    }
    edits.sort_by_key(|(r, _)| std::cmp::Reverse(r.start));
    let mut out = text.to_string();
    for (r, with) in edits {
        if out.is_char_boundary(r.start) && out.is_char_boundary(r.end) && r.end <= out.len() {
            out.replace_range(r, &with);
        }
    }
    Some(out.split_whitespace().collect::<Vec<_>>().join(" "))
}
