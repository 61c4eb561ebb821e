//! Every synonym group must name something the guide holds: a group none of whose terms
//! appears in any section or topic widens searches towards nothing, which usually means the
//! text it was written for has been reworded.
//!
//! Terms are compared as the search compares them (lower-cased, accents folded, stemmed,
//! consecutive words for a phrase), so "keloids" counts as present where the text says
//! "keloid".

use std::collections::{HashMap, HashSet};

use super::diagnostics::{Problem, Severity};
use super::files::GuideFile;
use super::model::{Section, Topic};
use super::raw::RawSynonyms;
use crate::analyzer;

/// Warnings for the groups of `synonyms.toml` with no term in the guide's text.
pub fn problems<'a>(
    files: &[GuideFile],
    topics: impl Iterator<Item = &'a Topic>,
    sections: impl Iterator<Item = &'a Section>,
) -> Vec<Problem> {
    let Some(file) = files.iter().find(|f| f.rel == "synonyms.toml") else {
        return Vec::new();
    };
    // Syntax errors are reported by the loader; nothing to add here.
    let Ok(raw) = toml::from_str::<RawSynonyms>(&file.text) else {
        return Vec::new();
    };
    let text = Text::of(topics, sections);
    let mut out = Vec::new();
    for group in &raw.groups {
        let terms = group.terms.get_ref();
        if terms.is_empty() || terms.iter().any(|t| text.holds(t.get_ref())) {
            continue;
        }
        let mut p = Problem::new(
            Severity::Warning,
            &file.name,
            &file.text,
            group.terms.span(),
            "group.terms",
            format!(
                "no term of this synonym group appears in the guide (first term '{}')",
                terms[0].get_ref()
            ),
        );
        p.help = Some(
            "searches for these words find nothing through the group: add the wording the guide uses, or remove the group"
                .into(),
        );
        out.push(p);
    }
    out
}

/// The guide's words, stemmed, with where each stands, to find phrases.
struct Text {
    /// Every stemmed word of every text, texts separated by an empty word.
    words: Vec<String>,
    at: HashMap<String, Vec<usize>>,
    singles: HashSet<String>,
}

impl Text {
    fn of<'a>(
        topics: impl Iterator<Item = &'a Topic>,
        sections: impl Iterator<Item = &'a Section>,
    ) -> Text {
        let mut stem = analyzer::stemmed();
        let mut words: Vec<String> = Vec::new();
        let mut add = |text: &str| {
            words.extend(analyzer::terms(&mut stem, text));
            words.push(String::new());
        };
        for t in topics {
            add(&t.title);
            add(&t.summary);
        }
        for s in sections {
            for text in [&s.title, &s.summary, &s.body] {
                add(text);
            }
            s.key_points.iter().for_each(|k| add(k));
            s.tags.iter().for_each(|k| add(k));
            for f in &s.facts {
                add(&f.label);
                add(&f.value);
                f.unit.iter().chain(&f.note).for_each(|k| add(k));
            }
            s.cautions.iter().for_each(|c| add(&c.text));
            for d in &s.differs {
                add(&d.point);
                d.note.iter().for_each(|k| add(k));
                d.claims.iter().for_each(|c| add(&c.says));
            }
        }
        let mut at: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, w) in words.iter().enumerate() {
            if !w.is_empty() {
                at.entry(w.clone()).or_default().push(i);
            }
        }
        let singles = at.keys().cloned().collect();
        Text { words, at, singles }
    }

    fn holds(&self, term: &str) -> bool {
        let stems = analyzer::terms(&mut analyzer::stemmed(), term);
        match stems.as_slice() {
            [] => false,
            [one] => self.singles.contains(one),
            [first, rest @ ..] => self.at.get(first).is_some_and(|starts| {
                starts.iter().any(|&i| {
                    rest.iter()
                        .enumerate()
                        .all(|(j, s)| self.words.get(i + 1 + j) == Some(s))
                })
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;

    fn file(rel: &str, text: &str) -> GuideFile {
        GuideFile {
            name: format!("guide/{rel}"),
            rel: rel.to_string(),
            text: Arc::new(text.to_string()),
        }
    }

    #[test]
    fn a_group_naming_nothing_in_the_guide_is_reported_at_its_line() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/valid");
        let guide = crate::content::load_dir(&dir).expect("fixture loads").guide;
        let present = guide.sections[0].title.clone();
        let synonyms = format!(
            "[[group]]\nterms = [\"{present}\", \"zzq\"]\n\n[[group]]\nterms = [\"qqzx wwyv\", \"xxkcd\"]\n"
        );
        let files = vec![file("synonyms.toml", &synonyms)];
        let problems = problems(&files, guide.topics.iter(), guide.sections.iter());
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!(problems[0].line, 5);
        assert!(problems[0].message.contains("qqzx wwyv"));
        assert!(!problems[0].is_error());
    }

    #[test]
    fn every_group_of_the_shipped_guide_names_something_in_it() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("guide");
        let loaded = crate::content::load_dir(&dir).expect("the shipped guide loads");
        let orphans: Vec<String> = loaded
            .warnings
            .iter()
            .filter(|w| w.message.contains("synonym group"))
            .map(|w| w.headline())
            .collect();
        assert!(orphans.is_empty(), "{orphans:#?}");
    }

    #[test]
    fn phrases_match_as_consecutive_stemmed_words() {
        let t = Text {
            words: ["keloid", "scar", "", "hair", "loss"]
                .iter()
                .map(|s| s.to_string())
                .collect(),
            at: HashMap::new(),
            singles: HashSet::new(),
        };
        let t = Text {
            at: {
                let mut at: HashMap<String, Vec<usize>> = HashMap::new();
                for (i, w) in t.words.iter().enumerate() {
                    at.entry(w.clone()).or_default().push(i);
                }
                at
            },
            singles: t.words.iter().cloned().collect(),
            words: t.words,
        };
        assert!(t.holds("Keloid scars"));
        assert!(t.holds("hair"));
        assert!(!t.holds("scar hair"), "texts do not run into each other");
        assert!(!t.holds("loss hair"));
    }
}
