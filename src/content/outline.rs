//! A section as one ordered list of blocks. Every output of a section (the `show` text, the
//! Markdown and JSON export, the reader and the search index document) walks this list, so
//! they cannot disagree about what a section holds, in which order, or what its parts are
//! called; each output only decides how a block looks.

use super::{Fact, Guide, Section, Source, citation};

/// One part of a section, in reading order (see [`outline`]).
#[derive(Debug, Clone)]
pub enum Block<'a> {
    /// The section title and its place in the tree ("Topic > Section").
    Title {
        title: &'a str,
        path: &'a str,
    },
    /// The one-sentence answer.
    BottomLine(&'a str),
    /// How strong the evidence is.
    Evidence(&'a str),
    /// The key-numbers table.
    KeyNumbers(Vec<FactRow<'a>>),
    KeyPoints(&'a [String]),
    /// The Markdown body.
    Body(&'a str),
    Cautions(Vec<CautionLine<'a>>),
    /// One point on which sources disagree (a section may have several).
    SourcesDiffer(Differ<'a>),
    /// The numbered reference list.
    References(Vec<Reference<'a>>),
    /// Related sections, in the author's order.
    SeeAlso(Vec<Link<'a>>),
}

/// What a block is, without its content: for labels, and for checking that outputs agree.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Title,
    BottomLine,
    Evidence,
    KeyNumbers,
    KeyPoints,
    Body,
    Cautions,
    SourcesDiffer,
    References,
    SeeAlso,
}

impl Kind {
    /// The label a reader sees before the block ("" for blocks shown without one).
    pub fn label(self) -> &'static str {
        match self {
            Kind::Title | Kind::Body => "",
            Kind::BottomLine => "Bottom line",
            Kind::Evidence => "Evidence",
            Kind::KeyNumbers => "Key numbers",
            Kind::KeyPoints => "Key points",
            Kind::Cautions => "Cautions",
            Kind::SourcesDiffer => "Sources differ",
            Kind::References => "References",
            Kind::SeeAlso => "See also",
        }
    }

    /// The name of the block in the JSON export.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Title => "title",
            Kind::BottomLine => "bottom_line",
            Kind::Evidence => "evidence",
            Kind::KeyNumbers => "key_numbers",
            Kind::KeyPoints => "key_points",
            Kind::Body => "body",
            Kind::Cautions => "cautions",
            Kind::SourcesDiffer => "sources_differ",
            Kind::References => "references",
            Kind::SeeAlso => "see_also",
        }
    }
}

/// One row of the key-numbers table.
#[derive(Debug, Clone)]
pub struct FactRow<'a> {
    pub fact: &'a Fact,
    /// The value with its unit, e.g. "30-45 minutes".
    pub value: String,
    /// Who says so, with the fact's note: "IADVL leaflet; Graham 2016; other sources differ".
    pub sources: String,
}

impl FactRow<'_> {
    /// Measure, value, sources: the three cells every table of key numbers shows.
    pub fn cells(&self) -> Vec<String> {
        vec![
            self.fact.label.clone(),
            self.value.clone(),
            self.sources.clone(),
        ]
    }
}

/// The header of a key-numbers table, where an output shows one.
pub const KEY_NUMBER_COLUMNS: [&str; 3] = ["Measure", "Value", "Sources"];

#[derive(Debug, Clone)]
pub struct CautionLine<'a> {
    pub text: &'a str,
    /// " (Chu 2021)" for the cited sources the text does not already name, or "".
    pub cite: String,
}

#[derive(Debug, Clone)]
pub struct Differ<'a> {
    pub point: &'a str,
    /// Each source's label and what it says.
    pub claims: Vec<(String, &'a str)>,
    pub note: Option<&'a str>,
}

#[derive(Debug, Clone)]
pub struct Reference<'a> {
    /// The number the section's citations use, from 1.
    pub n: usize,
    pub source: &'a Source,
    /// The label the source is cited by, e.g. "Chu et al. 2021".
    pub label: String,
    /// The full Vancouver reference.
    pub reference: String,
    /// The reference as a list entry (with the source's link or note when it has one).
    pub entry: String,
}

#[derive(Debug, Clone)]
pub struct Link<'a> {
    pub id: &'a str,
    /// The linked section's title; `None` if the guide has no such section.
    pub title: Option<&'a str>,
}

impl Block<'_> {
    pub fn kind(&self) -> Kind {
        match self {
            Block::Title { .. } => Kind::Title,
            Block::BottomLine(_) => Kind::BottomLine,
            Block::Evidence(_) => Kind::Evidence,
            Block::KeyNumbers(_) => Kind::KeyNumbers,
            Block::KeyPoints(_) => Kind::KeyPoints,
            Block::Body(_) => Kind::Body,
            Block::Cautions(_) => Kind::Cautions,
            Block::SourcesDiffer(_) => Kind::SourcesDiffer,
            Block::References(_) => Kind::References,
            Block::SeeAlso(_) => Kind::SeeAlso,
        }
    }
}

/// The section's blocks in reading order: the answer and its numbers first, then the
/// detail, then where it comes from. Empty parts are left out.
pub fn outline<'a>(guide: &'a Guide, s: &'a Section) -> Vec<Block<'a>> {
    let mut out = vec![
        Block::Title {
            title: &s.title,
            path: &s.path,
        },
        Block::BottomLine(&s.summary),
    ];
    if let Some(ev) = &s.evidence {
        out.push(Block::Evidence(ev));
    }
    if !s.facts.is_empty() {
        out.push(Block::KeyNumbers(
            s.facts
                .iter()
                .map(|f| FactRow {
                    fact: f,
                    value: f.value_with_unit(),
                    sources: f.attribution(guide),
                })
                .collect(),
        ));
    }
    if !s.key_points.is_empty() {
        out.push(Block::KeyPoints(&s.key_points));
    }
    out.push(Block::Body(&s.body));
    if !s.cautions.is_empty() {
        out.push(Block::Cautions(
            s.cautions
                .iter()
                .map(|c| CautionLine {
                    text: &c.text,
                    cite: guide.cite_suffix(&c.sources, &c.text),
                })
                .collect(),
        ));
    }
    for d in &s.differs {
        out.push(Block::SourcesDiffer(Differ {
            point: &d.point,
            claims: d
                .claims
                .iter()
                .map(|c| (guide.source_label(&c.source), c.says.as_str()))
                .collect(),
            note: d.note.as_deref(),
        }));
    }
    let references = references(guide, s);
    if !references.is_empty() {
        out.push(Block::References(references));
    }
    if !s.see_also.is_empty() {
        out.push(Block::SeeAlso(
            s.see_also
                .iter()
                .map(|id| Link {
                    id,
                    title: guide.section(id).map(|t| t.title.as_str()),
                })
                .collect(),
        ));
    }
    out
}

/// A section's numbered reference list.
pub fn references<'a>(guide: &'a Guide, s: &'a Section) -> Vec<Reference<'a>> {
    guide
        .references(s)
        .into_iter()
        .map(|(n, source, reference)| Reference {
            n,
            source,
            label: citation::label(source),
            entry: citation::entry(source, &reference),
            reference,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::load_dir;
    use std::path::Path;

    fn guide() -> Guide {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("guide");
        match load_dir(&dir) {
            Ok(l) => l.guide,
            Err(p) => panic!("shipped guide: {}", p[0].headline()),
        }
    }

    #[test]
    fn blocks_come_in_reading_order_and_empty_parts_are_left_out() {
        let g = guide();
        let rank = |k: Kind| {
            [
                Kind::Title,
                Kind::BottomLine,
                Kind::Evidence,
                Kind::KeyNumbers,
                Kind::KeyPoints,
                Kind::Body,
                Kind::Cautions,
                Kind::SourcesDiffer,
                Kind::References,
                Kind::SeeAlso,
            ]
            .iter()
            .position(|x| *x == k)
        };
        for s in &g.sections {
            let kinds: Vec<Kind> = outline(&g, s).iter().map(Block::kind).collect();
            assert!(
                kinds.windows(2).all(|w| rank(w[0]) <= rank(w[1])),
                "{}: {kinds:?}",
                s.id
            );
            assert_eq!(kinds.contains(&Kind::KeyNumbers), !s.facts.is_empty());
            assert_eq!(kinds.contains(&Kind::SeeAlso), !s.see_also.is_empty());
            assert_eq!(
                kinds.iter().filter(|k| **k == Kind::SourcesDiffer).count(),
                s.differs.len()
            );
        }
    }
}
