//! The validated, immutable guide that the CLI, search index, browser and quiz all read.

use std::collections::HashMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Meta {
    pub title: String,
    pub version: String,
    pub reviewed: NaiveDate,
    pub disclaimer: String,
}

/// A reference as the guide records it: Vancouver parts, never placeholders. A field that
/// is `None` is absent; `unknown` says which absences are known gaps in the record.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Source {
    pub id: String,
    pub kind: String,
    /// "Surname Initials" each; an organisation is one entry.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub authors: Vec<String>,
    pub title: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub subtitle: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub container: Option<String>,
    /// From `year`, or from `date` when only the date is written.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub year: Option<i32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub volume: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub issue: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pages: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub doi: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pmid: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pmcid: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub publisher: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub place: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub edition: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub design: Option<String>,
    pub quality: String,
    pub verification: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub unknown: Vec<String>,
    /// The label written in the guide, if any; [`crate::content::citation::label`] gives
    /// the one to show.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl Source {
    /// Whether the record says this field is missing from the source or could not be seen.
    pub fn is_unknown(&self, field: &str) -> bool {
        self.unknown.iter().any(|u| u == field)
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Topic {
    pub id: String,
    pub title: String,
    pub order: i64,
    pub summary: String,
    /// "reference" for look-up material (a glossary, tables at a glance) that restates what
    /// other topics teach: search ranks the teaching section above it.
    #[serde(default)]
    pub kind: Option<String>,
    /// Ids of the topic's sections, in reading order.
    pub sections: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Fact {
    pub label: String,
    pub value: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    pub sources: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl Fact {
    /// The value with its unit, e.g. "30-45 minutes".
    pub fn value_with_unit(&self) -> String {
        match &self.unit {
            Some(u) => format!("{} {u}", self.value),
            None => self.value.clone(),
        }
    }

    /// Who says so, with the note if any: "IADVL leaflet; Graham 2016; other sources differ".
    pub fn attribution(&self, guide: &Guide) -> String {
        let mut parts: Vec<String> = self
            .sources
            .iter()
            .map(|id| guide.source_label(id))
            .collect();
        parts.extend(self.note.iter().cloned());
        parts.join("; ")
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Caution {
    pub text: String,
    pub sources: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Claim {
    pub source: String,
    pub says: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Differs {
    pub point: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    pub claims: Vec<Claim>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Section {
    pub id: String,
    pub title: String,
    /// Id of the topic the section belongs to.
    pub topic: String,
    /// Human-readable place in the tree: "Topic title > Section title".
    pub path: String,
    pub summary: String,
    pub body: String,
    pub key_points: Vec<String>,
    pub facts: Vec<Fact>,
    pub cautions: Vec<Caution>,
    pub differs: Vec<Differs>,
    pub tags: Vec<String>,
    pub sources: Vec<String>,
    /// The cited source ids in the order a reader first meets them: the numbered
    /// reference list. The same set as `sources`, which the loader checks.
    pub references: Vec<String>,
    pub see_also: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub evidence: Option<String>,
    /// `Some("gap")` for a section that records what the sources do not say (a question
    /// they leave open): search ranks the section that teaches the same words above it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
}

/// The one section kind the schema knows (see [`Section::kind`]).
pub const GAP_SECTION: &str = "gap";

/// What a quiz item is answered with: myth or fact, or the letter of one of a best-of-five
/// item's options (`Choice(0)` is option a).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Answer {
    Myth,
    Fact,
    Choice(u8),
}

/// Option letters of a best-of-five item, in order.
pub const OPTION_LETTERS: [&str; 5] = ["a", "b", "c", "d", "e"];

impl Answer {
    pub fn as_str(self) -> &'static str {
        match self {
            Answer::Myth => "myth",
            Answer::Fact => "fact",
            Answer::Choice(i) => OPTION_LETTERS.get(usize::from(i)).copied().unwrap_or("?"),
        }
    }

    /// `Choice` of a letter a-e (any case); `None` for anything else.
    pub fn from_letter(s: &str) -> Option<Answer> {
        let s = s.trim().to_lowercase();
        OPTION_LETTERS
            .iter()
            .position(|l| *l == s)
            .map(|i| Answer::Choice(i as u8))
    }
}

/// The two kinds of quiz item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum QuizKind {
    /// `[[item]]`: a statement answered myth or fact.
    MythFact,
    /// `[[case]]`: a stem with five options, one best.
    BestOfFive,
}

impl QuizKind {
    pub fn as_str(self) -> &'static str {
        match self {
            QuizKind::MythFact => "myth-or-fact",
            QuizKind::BestOfFive => "best-of-five",
        }
    }
}

/// A best-of-five item's options and the reason for each, in letter order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CaseOptions {
    pub options: Vec<String>,
    /// One line per option, same order, citations rendered; no letter prefix.
    pub reasons: Vec<String>,
}

/// One quiz item. For a best-of-five item `statement` is the stem, `answer` is
/// `Answer::Choice` of the best option, `case` holds the options and reasons, and
/// `explanation` is the reasons as lines "a: ...".
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct QuizItem {
    pub id: String,
    pub statement: String,
    pub answer: Answer,
    pub explanation: String,
    pub section: String,
    pub sources: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub case: Option<CaseOptions>,
}

impl QuizItem {
    pub fn kind(&self) -> QuizKind {
        if self.case.is_some() {
            QuizKind::BestOfFive
        } else {
            QuizKind::MythFact
        }
    }

    /// How the right answer reads: "myth", "fact", or "c: <the best option>".
    pub fn answer_text(&self) -> String {
        match (&self.case, self.answer) {
            (Some(c), Answer::Choice(i)) => match c.options.get(usize::from(i)) {
                Some(o) => format!("{}: {o}", self.answer.as_str()),
                None => self.answer.as_str().to_string(),
            },
            _ => self.answer.as_str().to_string(),
        }
    }
}

impl Section {
    /// The facts as table rows of label, value with unit, and attribution: the one layout
    /// both the plain-text and the terminal reader show.
    pub fn fact_rows(&self, guide: &Guide) -> Vec<Vec<String>> {
        self.facts
            .iter()
            .map(|f| vec![f.label.clone(), f.value_with_unit(), f.attribution(guide)])
            .collect()
    }
}

/// A whole guide, validated: every id is unique and every reference resolves.
#[derive(Debug, Clone)]
pub struct Guide {
    pub meta: Meta,
    pub sources: Vec<Source>,
    pub topics: Vec<Topic>,
    /// All sections in reading order (topic order, then file order).
    pub sections: Vec<Section>,
    pub quiz: Vec<QuizItem>,
    /// Groups of equivalent terms; the first term of each group is the preferred one.
    pub synonyms: Vec<Vec<String>>,
    /// blake3 hash of every guide file's path and bytes: changes whenever content changes.
    pub content_hash: String,
    /// Where the guide was read from, for messages ("guide", "embedded guide").
    pub origin: String,
    section_index: HashMap<String, usize>,
    topic_index: HashMap<String, usize>,
    source_index: HashMap<String, usize>,
}

/// What a guide holds, as its files say it: what the cache stores, and what
/// [`Guide::new`] builds the lookups from.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct Contents {
    pub(crate) meta: Meta,
    pub(crate) sources: Vec<Source>,
    pub(crate) topics: Vec<Topic>,
    pub(crate) sections: Vec<Section>,
    pub(crate) quiz: Vec<QuizItem>,
    pub(crate) synonyms: Vec<Vec<String>>,
}

impl Guide {
    pub(crate) fn new(c: Contents, content_hash: String, origin: String) -> Self {
        let index = |ids: Vec<&String>| -> HashMap<String, usize> {
            ids.into_iter()
                .enumerate()
                .map(|(i, id)| (id.clone(), i))
                .collect()
        };
        let section_index = index(c.sections.iter().map(|s| &s.id).collect());
        let topic_index = index(c.topics.iter().map(|t| &t.id).collect());
        let source_index = index(c.sources.iter().map(|s| &s.id).collect());
        Guide {
            meta: c.meta,
            sources: c.sources,
            topics: c.topics,
            sections: c.sections,
            quiz: c.quiz,
            synonyms: c.synonyms,
            content_hash,
            origin,
            section_index,
            topic_index,
            source_index,
        }
    }

    pub fn section(&self, id: &str) -> Option<&Section> {
        self.section_index.get(id).map(|&i| &self.sections[i])
    }

    pub fn topic(&self, id: &str) -> Option<&Topic> {
        self.topic_index.get(id).map(|&i| &self.topics[i])
    }

    pub fn source(&self, id: &str) -> Option<&Source> {
        self.source_index.get(id).map(|&i| &self.sources[i])
    }

    /// Sections of a topic, in reading order.
    pub fn sections_of<'a>(&'a self, topic: &'a Topic) -> impl Iterator<Item = &'a Section> + 'a {
        topic.sections.iter().filter_map(|id| self.section(id))
    }

    /// Topic and section ids closest to a mistyped one, best first, for "closest ids"
    /// hints; only fairly close ones.
    pub fn closest_ids(&self, wanted: &str, n: usize) -> Vec<&str> {
        let topics = self
            .topics
            .iter()
            .map(|t| (t.id.as_str(), t.title.as_str()));
        let sections = self
            .sections
            .iter()
            .map(|s| (s.id.as_str(), s.title.as_str()));
        let mut out: Vec<&str> = Vec::new();
        for (_, id) in rank_closest(wanted, topics.chain(sections)) {
            if out.len() < n && !out.contains(&id) {
                out.push(id);
            }
        }
        out
    }

    /// The `n` topic ids closest to a mistyped one, best first, however far.
    pub fn closest_topic_ids(&self, wanted: &str, n: usize) -> Vec<String> {
        let topics = self
            .topics
            .iter()
            .map(|t| (t.id.as_str(), t.title.as_str()));
        let mut scored = score_closest(wanted, topics);
        scored.truncate(n);
        scored.into_iter().map(|(_, id)| id.to_string()).collect()
    }

    /// The short label a source is cited by everywhere ("Chu 2021", "IADVL leaflet"); the
    /// id itself only for an id the guide does not declare.
    pub fn source_label(&self, id: &str) -> String {
        match self.source(id) {
            Some(s) => super::citation::label(s),
            None => id.to_string(),
        }
    }

    /// Several sources as one citation: "(Chu 2021; IADVL leaflet)", or "" for none.
    pub fn cite_ids(&self, ids: &[String]) -> String {
        if ids.is_empty() {
            return String::new();
        }
        let labels: Vec<String> = ids.iter().map(|id| self.source_label(id)).collect();
        format!("({})", labels.join("; "))
    }

    /// " (Chu 2021; IADVL leaflet)" for the ids whose label `text` does not already show
    /// (a caution's `sources` after its text), or "" when there are none.
    pub fn cite_suffix(&self, ids: &[String], text: &str) -> String {
        let missing: Vec<String> = ids
            .iter()
            .filter(|id| {
                !text.contains(&format!("{})", self.source_label(id)))
                    && !text.contains(&format!("{};", self.source_label(id)))
            })
            .cloned()
            .collect();
        match self.cite_ids(&missing) {
            c if c.is_empty() => c,
            c => format!(" {c}"),
        }
    }

    /// A section's numbered reference list: number, source, full Vancouver reference.
    pub fn references<'a>(&'a self, section: &'a Section) -> Vec<(usize, &'a Source, String)> {
        section
            .references
            .iter()
            .filter_map(|id| self.source(id))
            .enumerate()
            .map(|(i, s)| (i + 1, s, super::citation::reference(s)))
            .collect()
    }

    /// The sections citing a source, in reading order.
    pub fn citing_sections(&self, id: &str) -> Vec<&Section> {
        self.sections
            .iter()
            .filter(|s| s.references.iter().any(|r| r == id))
            .collect()
    }
}

/// Candidate ids, given with their titles, scored against a mistyped id and sorted best
/// first: spelling similarity (Jaro-Winkler) plus a bonus when the id contains what was
/// typed or, from three letters on, the title does. Equal scores keep the given order.
fn score_closest<'a>(
    wanted: &str,
    candidates: impl Iterator<Item = (&'a str, &'a str)>,
) -> Vec<(f64, &'a str)> {
    let wanted = wanted.to_lowercase();
    let mut scored: Vec<(f64, &str)> = candidates
        .map(|(id, title)| {
            let mut score = strsim::jaro_winkler(&wanted, id);
            if !wanted.is_empty()
                && (id.contains(&wanted)
                    || (wanted.len() >= 3 && title.to_lowercase().contains(&wanted)))
            {
                score += 0.5;
            }
            (score, id)
        })
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0));
    scored
}

/// [`score_closest`], keeping only ids close enough to be worth suggesting.
fn rank_closest<'a>(
    wanted: &str,
    candidates: impl Iterator<Item = (&'a str, &'a str)>,
) -> Vec<(f64, &'a str)> {
    let mut scored = score_closest(wanted, candidates);
    scored.retain(|(score, _)| *score > 0.6);
    scored
}
