//! Serde mirrors of the guide files, exactly as written on disk.
//!
//! Every struct denies unknown fields so a misspelt key is an error, and every string keeps
//! its byte span so validation can point at the line and column it came from.

use serde::Deserialize;
use toml::Spanned;

pub type Text = Spanned<String>;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawMeta {
    pub title: Text,
    pub version: Text,
    pub reviewed: Spanned<toml::value::Datetime>,
    pub disclaimer: Text,
    #[serde(default, rename = "source")]
    pub sources: Vec<RawSource>,
}

/// One `[[source]]`: a reference written field by field (Vancouver parts), so every
/// renderer can build its label and full reference the same way.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSource {
    pub id: Text,
    pub kind: Text,
    #[serde(default)]
    pub authors: Option<Spanned<Vec<Text>>>,
    pub title: Text,
    /// The part of a title after its colon or question, kept apart as the source prints it.
    #[serde(default)]
    pub subtitle: Option<Text>,
    #[serde(default)]
    pub container: Option<Text>,
    #[serde(default)]
    pub year: Option<Spanned<i64>>,
    #[serde(default)]
    pub date: Option<Text>,
    #[serde(default)]
    pub volume: Option<Text>,
    #[serde(default)]
    pub issue: Option<Text>,
    #[serde(default)]
    pub pages: Option<Text>,
    #[serde(default)]
    pub doi: Option<Text>,
    #[serde(default)]
    pub pmid: Option<Text>,
    #[serde(default)]
    pub pmcid: Option<Text>,
    #[serde(default)]
    pub url: Option<Text>,
    #[serde(default)]
    pub publisher: Option<Text>,
    #[serde(default)]
    pub place: Option<Text>,
    #[serde(default)]
    pub edition: Option<Text>,
    #[serde(default)]
    pub design: Option<Text>,
    pub quality: Text,
    pub verification: Text,
    #[serde(default)]
    pub unknown: Option<Spanned<Vec<Text>>>,
    #[serde(default)]
    pub label: Option<Text>,
    #[serde(default)]
    pub note: Option<Text>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSynonyms {
    #[serde(default, rename = "group")]
    pub groups: Vec<RawSynonymGroup>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSynonymGroup {
    pub terms: Spanned<Vec<Text>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawTopic {
    pub id: Text,
    pub title: Text,
    pub order: Spanned<i64>,
    pub summary: Text,
    #[serde(default)]
    pub kind: Option<Text>,
    #[serde(default, rename = "section")]
    pub sections: Vec<RawSection>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSection {
    pub id: Text,
    pub title: Text,
    pub summary: Text,
    pub body: Text,
    #[serde(default)]
    pub key_points: Vec<Text>,
    #[serde(default, rename = "fact")]
    pub facts: Vec<RawFact>,
    #[serde(default, rename = "caution")]
    pub cautions: Vec<RawCaution>,
    #[serde(default)]
    pub differs: Vec<RawDiffers>,
    #[serde(default)]
    pub tags: Vec<Text>,
    pub sources: Spanned<Vec<Text>>,
    #[serde(default)]
    pub see_also: Vec<Text>,
    #[serde(default)]
    pub evidence: Option<Text>,
    #[serde(default)]
    pub kind: Option<Text>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawFact {
    pub label: Text,
    pub value: Text,
    #[serde(default)]
    pub unit: Option<Text>,
    pub sources: Spanned<Vec<Text>>,
    #[serde(default)]
    pub note: Option<Text>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawCaution {
    pub text: Text,
    #[serde(default)]
    pub sources: Vec<Text>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawDiffers {
    pub point: Text,
    #[serde(default)]
    pub note: Option<Text>,
    pub claims: Spanned<Vec<RawClaim>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawClaim {
    pub source: Text,
    pub says: Text,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawQuizFile {
    #[serde(default, rename = "item")]
    pub items: Vec<RawQuizItem>,
    #[serde(default, rename = "case")]
    pub cases: Vec<RawCase>,
}

/// One `[[case]]`: a single-best-answer item with five options.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawCase {
    pub id: Text,
    pub stem: Text,
    pub options: Spanned<Vec<Text>>,
    pub best: Text,
    pub reasons: Spanned<Vec<Text>>,
    pub section: Text,
    pub sources: Spanned<Vec<Text>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawQuizItem {
    pub id: Text,
    pub statement: Text,
    pub answer: Text,
    pub explanation: Text,
    pub section: Text,
    pub sources: Spanned<Vec<Text>>,
}
