//! Ranking by concept. A query is a list of concepts (a word or phrase with its synonyms,
//! stem, corrections and completions: its "forms"). A section earns, for each concept, the
//! score of the concept's best form there and no more, so a section that lists ten names for
//! one thing does not outrank the section about the other thing asked for; and each concept
//! weighs by how rare it is in the guide (the sections holding any of its forms), so the
//! guide's own subject, present nearly everywhere, weighs almost nothing.
//!
//! A form's score is BM25F: its occurrences in each field, weighted by field and normalised
//! by that field's length, are added before saturating, so a word in the title counts more
//! than in the body but saying it in three fields is not three times the evidence.
//!
//! Everything reads tantivy's postings directly: on a guide of a few hundred sections this
//! costs microseconds, and scoring needs the union of a concept's forms, which tantivy's
//! per-term BM25 weights do not express.

use std::sync::Arc;

use tantivy::fieldnorm::FieldNormReader;
use tantivy::postings::Postings;
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{
    DocAddress, DocId, DocSet, InvertedIndexReader, Searcher, SegmentReader, TERMINATED, Term,
};

/// BM25's term-frequency saturation. Higher than BM25's usual 1.2 because the field
/// weights multiply occurrences before saturation: a title match must still stand out from
/// a few mentions in the body.
const K1: f32 = 5.0;
/// How much a typed form's own rarity within its concept counts (see [`Form::typed`]), and
/// the most it can multiply a score by.
const TYPED_RARITY: f32 = 0.5;
const TYPED_RARITY_CAP: f32 = 3.0;

/// One stemmed field and how it counts.
#[derive(Debug, Clone, Copy)]
pub struct FieldWeight {
    pub field: Field,
    pub weight: f32,
    /// BM25 length normalisation for this field (0: none, 1: full).
    pub b: f32,
}

/// One way a concept can appear: consecutive stemmed words, and how much finding it counts
/// relative to the words typed (1.0).
#[derive(Debug, Clone)]
pub struct Form {
    pub stems: Vec<String>,
    pub weight: f32,
    /// Whether the form earns its own rarity within the concept: a word as typed (or as
    /// meant) that few of the concept's sections hold marks those sections as the ones
    /// asked about ("CIT" among all the names of microneedling). Synonyms do not, or the
    /// section listing the rarest names would win.
    pub typed: bool,
    /// Bit `i` set when field `i` may hold the form (see [`super::synonyms::Variant`]).
    pub fields: u8,
}

/// What scoring found for one concept.
#[derive(Debug, Clone, Default)]
pub struct ConceptStats {
    /// Sections holding at least one form (in the allowed set).
    pub doc_freq: u64,
    /// The concept's weight from its rarity.
    pub idf: f32,
}

/// One scored section.
#[derive(Debug, Clone, Copy)]
pub struct Scored {
    pub score: f32,
    pub doc: DocAddress,
}

/// Ranked sections and per-concept figures.
pub struct Ranked {
    /// Every section that matched, in no particular order.
    pub top: Vec<Scored>,
    pub concepts: Vec<ConceptStats>,
}

/// Scores every section for `concepts` (`allowed` narrows to a set of sections).
pub fn rank(
    searcher: &Searcher,
    fields: &[FieldWeight],
    concepts: &[Vec<Form>],
    allowed: Option<&dyn Fn(DocAddress) -> bool>,
) -> Ranked {
    let num_docs = searcher.num_docs().max(1) as f32;
    let avg = average_lengths(searcher, fields, num_docs);

    // Per segment, per concept: (doc, best form score) pairs.
    let mut per_segment: Vec<Vec<Vec<(DocId, f32)>>> = Vec::new();
    let mut doc_freq = vec![0u64; concepts.len()];
    for (ord, seg) in searcher.segment_readers().iter().enumerate() {
        let mut scorer = SegmentScorer::new(seg, fields, &avg);
        let mut concept_lists = Vec::with_capacity(concepts.len());
        for (ci, forms) in concepts.iter().enumerate() {
            let mut best = scorer.concept(forms, num_docs);
            if let Some(ok) = allowed {
                best.retain(|(doc, _)| ok(DocAddress::new(ord as u32, *doc)));
            }
            doc_freq[ci] += best.len() as u64;
            concept_lists.push(best);
        }
        per_segment.push(concept_lists);
    }

    let stats: Vec<ConceptStats> = doc_freq
        .iter()
        .map(|&df| {
            let df = df as f32;
            ConceptStats {
                doc_freq: df as u64,
                idf: idf(num_docs, df),
            }
        })
        .collect();
    // Unordered: the caller weighs sections by kind first and then only orders the few it
    // shows, rather than sorting every match twice.
    Ranked {
        top: sum_scores(searcher, &per_segment, &stats),
        concepts: stats,
    }
}

/// Average field lengths over the whole index, as BM25 uses them.
fn average_lengths(searcher: &Searcher, fields: &[FieldWeight], num_docs: f32) -> Vec<f32> {
    fields
        .iter()
        .map(|fw| {
            let tokens: u64 = searcher
                .segment_readers()
                .iter()
                .filter_map(|s| s.inverted_index(fw.field).ok())
                .map(|inv| inv.total_num_tokens())
                .sum();
            (tokens as f32 / num_docs).max(1.0)
        })
        .collect()
}

/// Each section's score: the sum over concepts of its best form score times the concept's
/// rarity, added in a dense array rather than by sorting every (section, score) pair.
fn sum_scores(
    searcher: &Searcher,
    per_segment: &[Vec<Vec<(DocId, f32)>>],
    stats: &[ConceptStats],
) -> Vec<Scored> {
    let mut scored: Vec<Scored> = Vec::new();
    for (ord, lists) in per_segment.iter().enumerate() {
        let max_doc = searcher.segment_reader(ord as u32).max_doc() as usize;
        let mut sums = Scratch::new(max_doc);
        for (ci, list) in lists.iter().enumerate() {
            for &(doc, s) in list {
                sums.add(doc, s * stats[ci].idf);
            }
        }
        sums.drain(|doc, score| {
            scored.push(Scored {
                score,
                doc: DocAddress::new(ord as u32, doc),
            })
        });
    }
    scored
}

/// One segment's readers for the weighted fields, with a scratch array its size.
struct SegmentScorer<'a> {
    seg: &'a SegmentReader,
    fields: &'a [FieldWeight],
    avg: &'a [f32],
    norms: Vec<Option<FieldNormReader>>,
    inverted: Vec<Option<Arc<InvertedIndexReader>>>,
    scratch: Scratch,
}

impl<'a> SegmentScorer<'a> {
    fn new(seg: &'a SegmentReader, fields: &'a [FieldWeight], avg: &'a [f32]) -> Self {
        SegmentScorer {
            seg,
            fields,
            avg,
            norms: fields
                .iter()
                .map(|fw| seg.get_fieldnorms_reader(fw.field).ok())
                .collect(),
            inverted: fields
                .iter()
                .map(|fw| seg.inverted_index(fw.field).ok())
                .collect(),
            scratch: Scratch::new(seg.max_doc() as usize),
        }
    }

    /// Each section's best score among a concept's forms, raised where a typed form rarer
    /// than its concept matched.
    fn concept(&mut self, forms: &[Form], num_docs: f32) -> Vec<(DocId, f32)> {
        let mut best: Vec<(DocId, f32)> = Vec::new();
        let mut typed_spans: Vec<(usize, usize)> = Vec::new();
        for form in forms {
            let start = best.len();
            self.form(form, &mut best);
            if form.typed {
                typed_spans.push((start, best.len()));
            }
        }
        let boosts = typed_bonuses(&best, &typed_spans, num_docs);
        best_with_bonus(best, boosts)
    }

    /// A form's BM25F score in every section that holds it, appended to `out`: its
    /// occurrences in each field it may stand in, weighted and length-normalised, then
    /// saturated.
    fn form(&mut self, form: &Form, out: &mut Vec<(DocId, f32)>) {
        for (fi, fw) in self.fields.iter().enumerate() {
            if form.fields & (1u8 << fi.min(7)) == 0 {
                continue;
            }
            let Some(inv) = &self.inverted[fi] else {
                continue;
            };
            let (norms, avg, seg, scratch) =
                (&self.norms[fi], self.avg[fi], self.seg, &mut self.scratch);
            let norm = |doc: DocId| {
                let len = norms.as_ref().map_or(avg, |n| n.fieldnorm(doc) as f32);
                1.0 - fw.b + fw.b * len / avg
            };
            let mut add = |doc: DocId, tf: u32| {
                if !seg.is_deleted(doc) {
                    scratch.add(doc, fw.weight * tf as f32 / norm(doc));
                }
            };
            if form.stems.len() == 1 {
                let term = Term::from_field_text(fw.field, &form.stems[0]);
                let Ok(Some(mut postings)) = inv.read_postings(&term, IndexRecordOption::WithFreqs)
                else {
                    continue;
                };
                let mut doc = postings.doc();
                while doc != TERMINATED {
                    add(doc, postings.term_freq());
                    doc = postings.advance();
                }
            } else {
                phrase(inv, fw.field, &form.stems, &mut add);
            }
        }
        let k1 = K1;
        self.scratch.drain(|doc, tf| {
            let s = form.weight * tf * (k1 + 1.0) / (k1 + tf);
            out.push((doc, s));
        });
    }
}

/// A typed form rarer than its concept: the sections holding it earn the difference, on
/// the concept's best score there (the section that uses the word typed, "EMLA", may still
/// say it best with a synonym, "numbing cream"). `best` holds every form's scores;
/// `typed_spans`, where the typed forms' runs of it start and end.
fn typed_bonuses(
    best: &[(DocId, f32)],
    typed_spans: &[(usize, usize)],
    num_docs: f32,
) -> Vec<(DocId, f32)> {
    let concept_df = {
        let mut docs: Vec<DocId> = best.iter().map(|(d, _)| *d).collect();
        docs.sort_unstable();
        docs.dedup();
        docs.len() as f32
    };
    let mut boosts: Vec<(DocId, f32)> = Vec::new();
    for &(a, b) in typed_spans {
        let form_df = (b - a) as f32;
        if form_df > 0.0 {
            let bonus = (idf(num_docs, form_df) / idf(num_docs, concept_df).max(0.05))
                .clamp(1.0, TYPED_RARITY_CAP)
                .powf(TYPED_RARITY);
            boosts.extend(best[a..b].iter().map(|(d, _)| (*d, bonus)));
        }
    }
    boosts
}

/// The best form per section, then times its largest typed bonus.
fn best_with_bonus(
    mut best: Vec<(DocId, f32)>,
    mut boosts: Vec<(DocId, f32)>,
) -> Vec<(DocId, f32)> {
    best.sort_unstable_by(|a, b| a.0.cmp(&b.0).then(b.1.total_cmp(&a.1)));
    best.dedup_by_key(|(doc, _)| *doc);
    boosts.sort_unstable_by(|a, b| a.0.cmp(&b.0).then(b.1.total_cmp(&a.1)));
    boosts.dedup_by_key(|(doc, _)| *doc);
    let mut j = 0;
    for e in &mut best {
        while j < boosts.len() && boosts[j].0 < e.0 {
            j += 1;
        }
        if j < boosts.len() && boosts[j].0 == e.0 {
            e.1 *= boosts[j].1;
        }
    }
    best
}

/// BM25's inverse document frequency.
fn idf(num_docs: f32, df: f32) -> f32 {
    (1.0 + (num_docs - df + 0.5) / (df + 0.5)).ln()
}

/// Calls `add(doc, occurrences)` for each section holding `stems` as consecutive words in
/// `field`.
pub(super) fn phrase(
    inv: &tantivy::InvertedIndexReader,
    field: Field,
    stems: &[String],
    add: &mut dyn FnMut(DocId, u32),
) {
    let mut lists = Vec::with_capacity(stems.len());
    for s in stems {
        let term = Term::from_field_text(field, s);
        match inv.read_postings(&term, IndexRecordOption::WithFreqsAndPositions) {
            Ok(Some(p)) => lists.push(p),
            _ => return,
        }
    }
    let (first, rest) = lists.split_at_mut(1);
    let mut positions: Vec<Vec<u32>> = vec![Vec::new(); stems.len()];
    let mut doc = first[0].doc();
    while doc != TERMINATED {
        let mut all = true;
        for p in rest.iter_mut() {
            if p.doc() < doc {
                p.seek(doc);
            }
            all &= p.doc() == doc;
        }
        if all {
            first[0].positions(&mut positions[0]);
            for (i, p) in rest.iter_mut().enumerate() {
                p.positions(&mut positions[i + 1]);
            }
            let count = positions[0]
                .iter()
                .filter(|&&start| {
                    positions[1..]
                        .iter()
                        .enumerate()
                        .all(|(i, ps)| ps.binary_search(&(start + i as u32 + 1)).is_ok())
                })
                .count() as u32;
            if count > 0 {
                add(doc, count);
            }
        }
        doc = first[0].advance();
    }
}

/// Per-section accumulators for one form, cleared by visiting only what was touched.
struct Scratch {
    values: Vec<f32>,
    touched: Vec<DocId>,
}

impl Scratch {
    fn new(max_doc: usize) -> Scratch {
        Scratch {
            values: vec![0.0; max_doc],
            touched: Vec::new(),
        }
    }

    fn add(&mut self, doc: DocId, value: f32) {
        let Some(slot) = self.values.get_mut(doc as usize) else {
            return;
        };
        if *slot == 0.0 {
            self.touched.push(doc);
        }
        *slot += value;
    }

    fn drain(&mut self, mut f: impl FnMut(DocId, f32)) {
        for &doc in &self.touched {
            let v = std::mem::take(&mut self.values[doc as usize]);
            if v > 0.0 {
                f(doc, v);
            }
        }
        self.touched.clear();
    }
}
