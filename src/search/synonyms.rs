//! Synonym groups from the guide, keyed by stemmed words so "vampire facials" finds the
//! group of "vampire facial".

use std::collections::{HashMap, HashSet};

use serde::{Deserialize, Serialize};

use super::analyzer;

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Variant {
    /// As written in the guide, e.g. "collagen induction therapy".
    pub text: String,
    /// Its stemmed words; more than one means it matches as a phrase.
    pub stems: Vec<String>,
    /// Bit `i` set when field `i` of [`super::schema::Fields::weighted`] holds all its
    /// words, found when the index is built: most variants (brand names, lay words) are in
    /// no field, and the search need not look for them. All bits set: not known.
    #[serde(default = "every_field")]
    pub fields: u8,
}

fn every_field() -> u8 {
    u8::MAX
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Group {
    pub variants: Vec<Variant>,
}

impl Group {
    /// The preferred term: the first of the group.
    pub fn canonical(&self) -> &str {
        self.variants.first().map(|v| v.text.as_str()).unwrap_or("")
    }
}

#[derive(Debug, Clone, Default)]
pub struct Synonyms {
    pub groups: Vec<Group>,
    /// Group of each variant, keyed by its stems joined with spaces: one string per key
    /// keeps building the table cheap, and it is built at every start.
    by_stems: HashMap<String, usize>,
    /// Every stemmed word of every term: words the guide knows even where its text does not
    /// use them (a brand name), so they are never taken for typos.
    words: HashSet<String>,
    longest: usize,
}

impl Synonyms {
    /// Stems every term of the guide's synonym groups.
    pub fn new(groups: &[Vec<String>]) -> Synonyms {
        let mut stem = analyzer::stemmed();
        let stemmed = groups
            .iter()
            .map(|terms| {
                let mut variants: Vec<Variant> = Vec::new();
                for text in terms {
                    let stems = analyzer::terms(&mut stem, text);
                    if stems.is_empty() || variants.iter().any(|v| v.stems == stems) {
                        continue;
                    }
                    variants.push(Variant {
                        text: text.clone(),
                        stems,
                        fields: every_field(),
                    });
                }
                Group { variants }
            })
            .collect();
        Synonyms::from_groups(stemmed)
    }

    /// Groups stemmed before (see [`super::meta`]): only the lookup table is built.
    pub fn from_groups(groups: Vec<Group>) -> Synonyms {
        let mut out = Synonyms::default();
        for (gi, g) in groups.iter().enumerate() {
            for v in &g.variants {
                out.longest = out.longest.max(v.stems.len());
                out.words.extend(v.stems.iter().cloned());
                // A term listed in two groups belongs to the first (the guide validator
                // warns about that; search must still be deterministic).
                out.by_stems.entry(v.stems.join(" ")).or_insert(gi);
            }
        }
        out.groups = groups;
        out
    }

    /// The longest synonym starting at `stems[0]`: (how many words it spans, group index).
    pub fn longest_match(&self, stems: &[String]) -> Option<(usize, usize)> {
        let max = self.longest.min(stems.len());
        (1..=max)
            .rev()
            .find_map(|n| self.by_stems.get(&stems[..n].join(" ")).map(|&g| (n, g)))
    }

    /// Whether `stem` is a word of some synonym.
    pub fn knows(&self, stem: &str) -> bool {
        self.words.contains(stem)
    }

    pub fn group_of(&self, stems: &[String]) -> Option<usize> {
        self.by_stems.get(&stems.join(" ")).copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(words: &[&str]) -> Vec<String> {
        words.iter().map(|w| w.to_string()).collect()
    }

    #[test]
    fn finds_the_longest_group_at_a_position() {
        let syn = Synonyms::new(&[
            s(&["hair loss", "alopecia"]),
            s(&["pattern hair loss", "androgenetic alopecia"]),
            s(&["hair"]),
        ]);
        let mut stem = analyzer::stemmed();
        let q = analyzer::terms(&mut stem, "pattern hair loss cream");
        assert_eq!(syn.longest_match(&q), Some((3, 1)));
        assert_eq!(syn.longest_match(&q[1..]), Some((2, 0)));
        assert_eq!(syn.longest_match(&q[3..]), None);
        let plural = analyzer::terms(&mut stem, "Hair Losses");
        assert_eq!(syn.group_of(&plural), Some(0));
        assert_eq!(syn.groups[1].canonical(), "pattern hair loss");
    }
}
