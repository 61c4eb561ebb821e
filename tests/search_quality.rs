//! Search quality over the shipped guide, measured on queries written the way people type
//! them (keywords, questions, abbreviations, lay words, typos, half-typed words).
//!
//! A hit is relevant when its section's text holds, for every `want` group, at least one of
//! the group's alternatives (case-insensitive). Prints hit@1, hit@3 and MRR and asserts
//! hit@3 >= 0.95 and MRR >= 0.85.

use std::path::Path;

use mnguide::content::{Guide, Section};
use mnguide::search::SearchIndex;
use serde::Deserialize;

#[derive(Deserialize)]
struct Queries {
    query: Vec<Query>,
}

#[derive(Deserialize)]
struct Query {
    q: String,
    want: Vec<Vec<String>>,
}

fn shipped_guide() -> Guide {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("guide");
    match mnguide::content::load_dir(&dir) {
        Ok(loaded) => loaded.guide,
        Err(problems) => panic!("the shipped guide does not load: {problems:?}"),
    }
}

/// Everything a reader sees in a section, lower-cased.
fn section_text(s: &Section) -> String {
    let mut parts = vec![s.title.clone(), s.summary.clone(), s.body.clone()];
    parts.extend(s.key_points.iter().cloned());
    for f in &s.facts {
        parts.push(format!(
            "{} {} {}",
            f.label,
            f.value,
            f.unit.clone().unwrap_or_default()
        ));
        parts.extend(f.note.iter().cloned());
    }
    parts.extend(s.cautions.iter().map(|c| c.text.clone()));
    for d in &s.differs {
        parts.push(d.point.clone());
        parts.extend(d.note.iter().cloned());
        parts.extend(d.claims.iter().map(|c| c.says.clone()));
    }
    parts.extend(s.tags.iter().cloned());
    parts.join("\n").to_lowercase()
}

fn relevant(text: &str, want: &[Vec<String>]) -> bool {
    want.iter()
        .all(|group| group.iter().any(|alt| text.contains(&alt.to_lowercase())))
}

#[test]
fn ranking_meets_the_quality_bar_on_the_shipped_guide() {
    let guide = shipped_guide();
    let index = match SearchIndex::build_in_memory(&guide) {
        Ok(index) => index,
        Err(e) => panic!("cannot build the index: {e:#}"),
    };
    let file = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/search_queries.toml");
    let text = std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
    let queries: Queries =
        toml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
    assert!(
        queries.query.len() >= 50,
        "only {} queries",
        queries.query.len()
    );

    let (mut at1, mut at3, mut rr_sum) = (0usize, 0usize, 0.0f64);
    let mut misses = Vec::new();
    for q in &queries.query {
        let results = index.search(&q.q, 10);
        let rank = results.hits.iter().position(|h| {
            let section = guide
                .section(&h.id)
                .unwrap_or_else(|| panic!("hit {} is no section", h.id));
            relevant(&section_text(section), &q.want)
        });
        match rank {
            Some(r) => {
                at1 += usize::from(r == 0);
                at3 += usize::from(r < 3);
                rr_sum += 1.0 / (r as f64 + 1.0);
                if r > 0 {
                    misses.push(format!("rank {}: {:?}", r + 1, q.q));
                }
            }
            None => misses.push(format!(
                "not in top 10: {:?} (got {:?})",
                q.q,
                results
                    .hits
                    .iter()
                    .map(|h| h.id.as_str())
                    .take(3)
                    .collect::<Vec<_>>()
            )),
        }
    }
    let n = queries.query.len() as f64;
    let (hit1, hit3, mrr) = (at1 as f64 / n, at3 as f64 / n, rr_sum / n);
    println!(
        "search quality over {} queries: hit@1 {hit1:.3}, hit@3 {hit3:.3}, MRR {mrr:.3}",
        queries.query.len()
    );
    for m in &misses {
        println!("  {m}");
    }
    assert!(hit3 >= 0.95, "hit@3 {hit3:.3} < 0.95; misses: {misses:#?}");
    assert!(mrr >= 0.85, "MRR {mrr:.3} < 0.85; misses: {misses:#?}");
}
