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

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Source {
    pub id: String,
    pub title: String,
    pub author: String,
    pub date: String,
    pub kind: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub citation: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
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

    /// Who says so, with the note if any: "iadvl, graham-2016; other sources differ".
    pub fn attribution(&self) -> String {
        let sources = self.sources.join(", ");
        match &self.note {
            Some(n) => format!("{sources}; {n}"),
            None => sources,
        }
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
    pub see_also: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub evidence: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Answer {
    Myth,
    Fact,
}

impl Answer {
    pub fn as_str(self) -> &'static str {
        match self {
            Answer::Myth => "myth",
            Answer::Fact => "fact",
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct QuizItem {
    pub id: String,
    pub statement: String,
    pub answer: Answer,
    pub explanation: String,
    pub section: String,
    pub sources: Vec<String>,
}

impl Section {
    /// The facts as table rows of label, value with unit, and attribution: the one layout
    /// both the plain-text and the terminal reader show.
    pub fn fact_rows(&self) -> Vec<Vec<String>> {
        self.facts
            .iter()
            .map(|f| vec![f.label.clone(), f.value_with_unit(), f.attribution()])
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

impl Guide {
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn new(
        meta: Meta,
        sources: Vec<Source>,
        topics: Vec<Topic>,
        sections: Vec<Section>,
        quiz: Vec<QuizItem>,
        synonyms: Vec<Vec<String>>,
        content_hash: String,
        origin: String,
    ) -> Self {
        let index = |ids: Vec<&String>| -> HashMap<String, usize> {
            ids.into_iter()
                .enumerate()
                .map(|(i, id)| (id.clone(), i))
                .collect()
        };
        let section_index = index(sections.iter().map(|s| &s.id).collect());
        let topic_index = index(topics.iter().map(|t| &t.id).collect());
        let source_index = index(sources.iter().map(|s| &s.id).collect());
        Guide {
            meta,
            sources,
            topics,
            sections,
            quiz,
            synonyms,
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

    pub fn section_position(&self, id: &str) -> Option<usize> {
        self.section_index.get(id).copied()
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

    /// Section ids closest to a mistyped one, best first, for "did you mean" messages.
    pub fn closest_section_ids(&self, wanted: &str, n: usize) -> Vec<&str> {
        let wanted = wanted.to_lowercase();
        let mut scored: Vec<(f64, &str)> = self
            .sections
            .iter()
            .map(|s| {
                let mut score = strsim::jaro_winkler(&wanted, &s.id);
                if s.id.contains(&wanted)
                    || (wanted.len() >= 3 && s.title.to_lowercase().contains(&wanted))
                {
                    score += 0.5;
                }
                (score, s.id.as_str())
            })
            .filter(|(score, _)| *score > 0.6)
            .collect();
        scored.sort_by(|a, b| b.0.total_cmp(&a.0));
        scored.into_iter().take(n).map(|(_, id)| id).collect()
    }

    /// A short label for a source id: its author and date, or the id if unknown.
    pub fn source_label(&self, id: &str) -> String {
        match self.source(id) {
            Some(s) => format!("{} ({})", s.author, s.date),
            None => id.to_string(),
        }
    }
}
