//! Search quality over the shipped guide, beside plain BM25 on the same sections.
//!
//! Two query sets:
//! - `tests/data/search_queries.toml`: queries written the way trainees and clinicians type
//!   (questions, shorthand, lay words, typos, spellings, brands, numbers, several concepts,
//!   "who should not", one-word lookups), each with its ideal section id (`want`) and other
//!   right answers (`also`), split into a tuning half and a test half, plus a second unseen
//!   set ("fresh") written later by another writer. Only the tuning half may guide changes
//!   to the engine; its misses are printed. The test half and the fresh set are reported as
//!   figures only.
//! - `tests/fixtures/search_queries.toml`: the older set, where a hit is relevant when its
//!   text holds, for every `want` group, at least one of the group's alternatives.
//!
//! The baseline is BM25 written here (lower-cased word tokens, no stemming, no synonyms,
//! no stop words, every field of a section concatenated, k1 = 1.2, b = 0.75), so the
//! engine is always compared with the plain method on the same guide in the same run.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use std::sync::OnceLock;

use mnguide::content::{Guide, Section};
use mnguide::search::SearchIndex;
use serde::Deserialize;

#[derive(Deserialize)]
struct EvalFile {
    query: Vec<EvalQuery>,
}

#[derive(Deserialize)]
struct EvalQuery {
    q: String,
    kind: String,
    want: String,
    #[serde(default)]
    also: Vec<String>,
    split: String,
}

#[derive(Deserialize)]
struct OldFile {
    query: Vec<OldQuery>,
}

#[derive(Deserialize)]
struct OldQuery {
    q: String,
    want: Vec<Vec<String>>,
}

fn shipped() -> &'static (Guide, SearchIndex, Bm25) {
    static SHIPPED: OnceLock<(Guide, SearchIndex, Bm25)> = OnceLock::new();
    SHIPPED.get_or_init(|| {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("guide");
        let guide = match mnguide::content::load_dir(&dir) {
            Ok(loaded) => loaded.guide,
            Err(problems) => panic!("the shipped guide does not load: {problems:?}"),
        };
        let index = match SearchIndex::build_in_memory(&guide) {
            Ok(index) => index,
            Err(e) => panic!("cannot build the index: {e:#}"),
        };
        let bm25 = Bm25::new(&guide);
        (guide, index, bm25)
    })
}

fn read<T: for<'de> Deserialize<'de>>(rel: &str) -> T {
    let file = Path::new(env!("CARGO_MANIFEST_DIR")).join(rel);
    let text = std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
    toml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", file.display()))
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

/// Lower-cased runs of letters and digits.
fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// Plain BM25 over whole sections.
struct Bm25 {
    ids: Vec<String>,
    /// Term frequencies per section.
    tf: Vec<HashMap<String, u32>>,
    len: Vec<f64>,
    avg_len: f64,
    df: HashMap<String, u32>,
}

impl Bm25 {
    const K1: f64 = 1.2;
    const B: f64 = 0.75;

    fn new(guide: &Guide) -> Bm25 {
        let mut out = Bm25 {
            ids: Vec::new(),
            tf: Vec::new(),
            len: Vec::new(),
            avg_len: 0.0,
            df: HashMap::new(),
        };
        for s in &guide.sections {
            let toks = words(&section_text(s));
            let mut tf: HashMap<String, u32> = HashMap::new();
            for t in &toks {
                *tf.entry(t.clone()).or_default() += 1;
            }
            for t in tf.keys() {
                *out.df.entry(t.clone()).or_default() += 1;
            }
            out.ids.push(s.id.clone());
            out.len.push(toks.len() as f64);
            out.tf.push(tf);
        }
        out.avg_len = out.len.iter().sum::<f64>() / out.len.len().max(1) as f64;
        out
    }

    /// Section ids by descending score (ties in guide order); sections scoring 0 left out.
    fn search(&self, query: &str, limit: usize) -> Vec<&str> {
        let n = self.ids.len() as f64;
        let terms = words(query);
        let mut scored: Vec<(f64, usize)> = (0..self.ids.len())
            .map(|d| {
                let mut score = 0.0;
                for t in &terms {
                    let tf = f64::from(self.tf[d].get(t).copied().unwrap_or(0));
                    if tf == 0.0 {
                        continue;
                    }
                    let df = f64::from(self.df.get(t).copied().unwrap_or(0));
                    let idf = (1.0 + (n - df + 0.5) / (df + 0.5)).ln();
                    let norm = Self::K1 * (1.0 - Self::B + Self::B * self.len[d] / self.avg_len);
                    score += idf * tf * (Self::K1 + 1.0) / (tf + norm);
                }
                (score, d)
            })
            .filter(|(s, _)| *s > 0.0)
            .collect();
        scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        scored
            .into_iter()
            .take(limit)
            .map(|(_, d)| self.ids[d].as_str())
            .collect()
    }
}

/// hit@1, hit@3 and reciprocal-rank sums over some queries.
#[derive(Default, Clone, Copy)]
struct Score {
    n: usize,
    at1: usize,
    at3: usize,
    rr: f64,
}

impl Score {
    fn add(&mut self, rank: Option<usize>) {
        self.n += 1;
        if let Some(r) = rank {
            self.at1 += usize::from(r == 0);
            self.at3 += usize::from(r < 3);
            self.rr += 1.0 / (r as f64 + 1.0);
        }
    }
    fn hit1(&self) -> f64 {
        self.at1 as f64 / self.n.max(1) as f64
    }
    fn hit3(&self) -> f64 {
        self.at3 as f64 / self.n.max(1) as f64
    }
    fn mrr(&self) -> f64 {
        self.rr / self.n.max(1) as f64
    }
    fn row(&self) -> String {
        format!("{:.2} {:.2} {:.2}", self.hit1(), self.hit3(), self.mrr())
    }
}

/// Figures of mnguide and BM25 for one group of queries.
#[derive(Default, Clone, Copy)]
struct Pair {
    engine: Score,
    bm25: Score,
}

fn table(title: &str, rows: &BTreeMap<String, Pair>) -> String {
    let mut out = format!(
        "{title}\n  {:<18} {:>4}   mnguide h@1 h@3 MRR   BM25 h@1 h@3 MRR\n",
        "kind", "n"
    );
    for (name, p) in rows {
        out.push_str(&format!(
            "  {name:<18} {:>4}   {:>18}   {:>15}\n",
            p.engine.n,
            p.engine.row(),
            p.bm25.row()
        ));
    }
    out
}

const LIMIT: usize = 10;

struct EvalRun {
    /// Per split ("tune", "test"), per kind plus "all".
    by_split: BTreeMap<String, BTreeMap<String, Pair>>,
    /// Tuning-half queries the engine did not put first (the test half is never listed).
    tune_misses: Vec<String>,
}

fn run_eval() -> EvalRun {
    let (guide, index, bm25) = shipped();
    let file: EvalFile = read("tests/data/search_queries.toml");
    assert!(file.query.len() >= 200, "only {} queries", file.query.len());
    let mut by_split: BTreeMap<String, BTreeMap<String, Pair>> = BTreeMap::new();
    let mut tune_misses = Vec::new();
    for q in &file.query {
        for id in std::iter::once(&q.want).chain(&q.also) {
            assert!(
                guide.section(id).is_some(),
                "query {:?} wants {id}, which is no section of the guide",
                q.q
            );
        }
        let right = |id: &str| id == q.want || q.also.iter().any(|a| a == id);
        let hits = index.search(&q.q, LIMIT).hits;
        let engine = hits.iter().position(|h| right(&h.id));
        let base = bm25.search(&q.q, LIMIT).into_iter().position(right);
        let split = by_split.entry(q.split.clone()).or_default();
        for key in [q.kind.as_str(), "all"] {
            let p = split.entry(key.to_string()).or_default();
            p.engine.add(engine);
            p.bm25.add(base);
        }
        if q.split == "tune" && engine != Some(0) {
            let got: Vec<&str> = hits.iter().take(3).map(|h| h.id.as_str()).collect();
            tune_misses.push(format!(
                "{:<16} {:?} want {} at {} (BM25 {}); got {got:?}",
                q.kind,
                q.q,
                q.want,
                engine.map_or("-".into(), |r| (r + 1).to_string()),
                base.map_or("-".into(), |r| (r + 1).to_string()),
            ));
        }
    }
    EvalRun {
        by_split,
        tune_misses,
    }
}

fn old_set() -> (Pair, Vec<String>) {
    let (guide, index, bm25) = shipped();
    let file: OldFile = read("tests/fixtures/search_queries.toml");
    assert!(file.query.len() >= 50, "only {} queries", file.query.len());
    let relevant = |id: &str, want: &[Vec<String>]| {
        let Some(section) = guide.section(id) else {
            panic!("hit {id} is no section");
        };
        let text = section_text(section);
        want.iter()
            .all(|group| group.iter().any(|alt| text.contains(&alt.to_lowercase())))
    };
    let mut pair = Pair::default();
    let mut misses = Vec::new();
    for q in &file.query {
        let hits = index.search(&q.q, LIMIT).hits;
        let engine = hits.iter().position(|h| relevant(&h.id, &q.want));
        let base = bm25
            .search(&q.q, LIMIT)
            .into_iter()
            .position(|id| relevant(id, &q.want));
        pair.engine.add(engine);
        pair.bm25.add(base);
        if engine != Some(0) {
            let got: Vec<&str> = hits.iter().take(3).map(|h| h.id.as_str()).collect();
            misses.push(format!(
                "{:?} at {}; got {got:?}",
                q.q,
                engine.map_or("-".into(), |r| (r + 1).to_string())
            ));
        }
    }
    (pair, misses)
}

#[test]
fn the_engine_beats_plain_bm25_on_queries_it_was_not_tuned_on() {
    let run = run_eval();
    // The test half's figures are for reports (README), not for tuning: shown on request.
    let report = std::env::var_os("MNGUIDE_REPORT_TEST").is_some();
    for (split, rows) in &run.by_split {
        if split == "tune" || report {
            println!("{}", table(&format!("split {split}"), rows));
        }
    }
    println!("tuning-half misses ({}):", run.tune_misses.len());
    for m in &run.tune_misses {
        println!("  {m}");
    }
    let all = |split: &str| {
        run.by_split
            .get(split)
            .and_then(|rows| rows.get("all"))
            .copied()
            .unwrap_or_else(|| panic!("no {split} queries"))
    };
    let test = all("test");
    let tune = all("tune");
    assert!(test.engine.n >= 100 && tune.engine.n >= 100);
    assert!(
        test.engine.hit1() >= test.bm25.hit1() + 0.22,
        "test half: hit@1 {:.3} is not 0.22 above BM25's {:.3}",
        test.engine.hit1(),
        test.bm25.hit1()
    );
    // The targets (hit@1 0.85, hit@3 0.97, 0.15 above BM25), just under the last
    // measurement (see the README: 0.87 / 0.98, 0.26 above BM25), so a regression on
    // unseen queries fails here.
    assert!(
        test.engine.hit1() >= 0.85 && test.engine.hit3() >= 0.97,
        "test half: hit@1 {:.3}, hit@3 {:.3}",
        test.engine.hit1(),
        test.engine.hit3()
    );
    // The second unseen set, written by another writer after the engine changes: the same
    // kind of floor (README: 0.84 / 0.97, 0.20 above BM25), so a change that fits the first
    // test half only still fails here.
    let fresh = all("fresh");
    assert!(fresh.engine.n >= 100);
    assert!(
        fresh.engine.hit1() >= fresh.bm25.hit1() + 0.17,
        "fresh set: hit@1 {:.3} is not 0.17 above BM25's {:.3}",
        fresh.engine.hit1(),
        fresh.bm25.hit1()
    );
    assert!(
        fresh.engine.hit1() >= 0.82 && fresh.engine.hit3() >= 0.96,
        "fresh set: hit@1 {:.3}, hit@3 {:.3}",
        fresh.engine.hit1(),
        fresh.engine.hit3()
    );
}

#[test]
fn the_older_query_set_does_not_regress() {
    let (pair, misses) = old_set();
    let mut rows = BTreeMap::new();
    rows.insert("all".to_string(), pair);
    println!("{}", table("older set (text relevance)", &rows));
    for m in &misses {
        println!("  {m}");
    }
    assert!(
        pair.engine.hit1() >= 0.92,
        "hit@1 {:.3} < 0.92; misses: {misses:#?}",
        pair.engine.hit1()
    );
    assert!(
        pair.engine.hit3() >= 0.95,
        "hit@3 {:.3}",
        pair.engine.hit3()
    );
}
