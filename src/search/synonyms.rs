//! Synonym groups from the guide, keyed by stemmed words so "vampire facials" finds the
//! group of "vampire facial".

use std::collections::{HashMap, HashSet};

use serde::{Deserialize, Serialize};

use crate::analyzer;

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
    /// Its words as written (lower-cased, accents folded), joined by spaces: worked out when
    /// the index is built, so opening it needs no tokenising. Empty in older indexes.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub words: String,
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

/// The lookup tables below are built at every start of every search from a few thousand
/// short keys the guide wrote, so flooding is no concern: FxHash (as rustc's own tables use)
/// instead of SipHash, which was the largest single cost of building them.
type Quick = rustc_hash::FxBuildHasher;

#[derive(Debug, Clone, Default)]
pub struct Synonyms {
    pub groups: Vec<Group>,
    /// Group of each variant, keyed by its stems joined with spaces: one string per key
    /// keeps building the table cheap, and it is built at every start.
    by_stems: HashMap<String, usize, Quick>,
    /// Group of each variant keyed by its words as written (lower-cased, accents folded):
    /// where two groups hold terms that stem alike ("peeling" and "peel"), the word typed
    /// picks the group that lists it as typed.
    by_words: HashMap<String, usize, Quick>,
    /// Every stemmed word of every term: words the guide knows even where its text does not
    /// use them (a brand name), so they are never taken for typos.
    words: HashSet<String, Quick>,
    longest: usize,
}

impl Synonyms {
    /// Stems every term of the guide's synonym groups.
    pub fn new(groups: &[Vec<String>]) -> Synonyms {
        let mut stem = analyzer::stemmed();
        let mut plain = analyzer::plain();
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
                        words: analyzer::terms(&mut plain, text).join(" "),
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
        let variants = groups.iter().map(|g| g.variants.len()).sum();
        let mut out = Synonyms {
            by_stems: HashMap::with_capacity_and_hasher(variants, rustc_hash::FxBuildHasher),
            by_words: HashMap::with_capacity_and_hasher(variants, rustc_hash::FxBuildHasher),
            words: HashSet::with_capacity_and_hasher(variants * 2, rustc_hash::FxBuildHasher),
            ..Synonyms::default()
        };
        let mut plain = None;
        for (gi, g) in groups.iter().enumerate() {
            for v in &g.variants {
                let words = if v.words.is_empty() {
                    let plain = plain.get_or_insert_with(analyzer::plain);
                    analyzer::terms(plain, &v.text).join(" ")
                } else {
                    v.words.clone()
                };
                out.by_words.entry(words).or_insert(gi);
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
    /// `words` are the same words unstemmed: a group listing them as typed wins over one
    /// that only shares their stems.
    pub fn longest_match(&self, stems: &[String], words: &[String]) -> Option<(usize, usize)> {
        let max = self.longest.min(stems.len());
        (1..=max).rev().find_map(|n| {
            let typed = words.get(..n).and_then(|w| self.by_words.get(&w.join(" ")));
            typed
                .or_else(|| self.by_stems.get(&stems[..n].join(" ")))
                .map(|&g| (n, g))
        })
    }

    /// The group of one word: the group listing it as typed, else one sharing its stem.
    pub fn group_of_word(&self, word: &str, stem: &str) -> Option<usize> {
        self.by_words
            .get(word)
            .or_else(|| self.by_stems.get(stem))
            .copied()
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
    fn an_index_written_before_words_were_stored_reads_the_same() {
        let syn = Synonyms::new(&[s(&["chemical peel", "peel"]), s(&["Peeling", "Flaking"])]);
        assert_eq!(syn.groups[1].variants[0].words, "peeling");
        let mut old = syn.groups.clone();
        for v in old.iter_mut().flat_map(|g| g.variants.iter_mut()) {
            v.words.clear();
        }
        let old = Synonyms::from_groups(old);
        for word in ["peeling", "flaking", "peel"] {
            assert_eq!(
                old.group_of_word(word, "peel"),
                syn.group_of_word(word, "peel"),
                "{word}"
            );
        }
        assert_eq!(syn.group_of_word("flaking", "flake"), Some(1));
        assert!(syn.knows("chemic") && !syn.knows("laser"));
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
        assert_eq!(syn.longest_match(&q, &[]), Some((3, 1)));
        assert_eq!(syn.longest_match(&q[1..], &[]), Some((2, 0)));
        assert_eq!(syn.longest_match(&q[3..], &[]), None);
        let plural = analyzer::terms(&mut stem, "Hair Losses");
        assert_eq!(syn.group_of(&plural), Some(0));
        assert_eq!(syn.groups[1].canonical(), "pattern hair loss");
    }

    #[test]
    fn a_word_typed_picks_the_group_that_lists_it_over_one_sharing_its_stem() {
        let syn = Synonyms::new(&[s(&["chemical peel", "peel"]), s(&["peeling", "flaking"])]);
        let mut stem = analyzer::stemmed();
        let q = analyzer::terms(&mut stem, "peeling");
        assert_eq!(q, s(&["peel"]));
        assert_eq!(syn.longest_match(&q, &s(&["peeling"])), Some((1, 1)));
        assert_eq!(syn.longest_match(&q, &s(&["peel"])), Some((1, 0)));
        assert_eq!(syn.group_of_word("peeling", "peel"), Some(1));
        assert_eq!(syn.group_of_word("peels", "peel"), Some(0));
    }
}
