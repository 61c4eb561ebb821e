//! Synonym groups from the guide, keyed by stemmed words so "vampire facials" finds the
//! group of "vampire facial".
//!
//! Every search start needs the groups, and a one-off `mnguide search` has no time to parse
//! and hash a few thousand terms it will mostly not look at. So the table is one text, saved
//! with the index: sorted key lines a lookup finds by binary search, then one JSON line per
//! group, parsed the first time a query uses that group. Opening it reads the file, checks
//! its hash and notes where its lines start; nothing else.

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;
use std::sync::OnceLock;

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

/// First line of the table's text; the rest of that line gives the section sizes and the
/// hash of what follows.
const MAGIC: &str = "mnguide-synonyms 1";

/// How many lines each part of the table holds, in the order they are written.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Counts {
    stems: usize,
    words: usize,
    known: usize,
    groups: usize,
    longest: usize,
}

/// The synonym groups as a lookup table over one text (see the module comment).
#[derive(Debug, Clone, Default)]
pub struct Synonyms {
    text: String,
    /// Byte offset where each line after the header starts, and one past the last line.
    lines: Vec<u32>,
    /// Lines "stems joined by spaces<TAB>group" sorted by key: the group of each variant.
    /// A term listed in two groups belongs to the first (the guide validator warns about
    /// that; search must still be deterministic).
    by_stems: Range<usize>,
    /// Lines "words as written<TAB>group" (lower-cased, accents folded): where two groups
    /// hold terms that stem alike ("peeling" and "peel"), the word typed picks the group
    /// that lists it as typed.
    by_words: Range<usize>,
    /// Lines of one stemmed word each, every word of every term: words the guide knows even
    /// where its text does not use them (a brand name), so they are never taken for typos.
    known: Range<usize>,
    /// One JSON line per group, in the guide's order.
    groups: Range<usize>,
    parsed: Vec<OnceLock<Option<Group>>>,
    longest: usize,
}

impl Synonyms {
    /// Stems every term of the guide's synonym groups.
    pub fn new(groups: &[Vec<String>]) -> Synonyms {
        Synonyms::from_groups(&stem_groups(groups))
    }

    /// The table of groups stemmed before (see [`super::meta`], which marks their fields).
    pub fn from_groups(groups: &[Group]) -> Synonyms {
        let mut by_stems: BTreeMap<String, usize> = BTreeMap::new();
        let mut by_words: BTreeMap<String, usize> = BTreeMap::new();
        let mut known: BTreeSet<&str> = BTreeSet::new();
        let mut longest = 0;
        let mut plain = None;
        // A key with a line or field break in it could not be found again; the analyzer
        // never makes one, and the table must stay well-formed whatever it is given.
        let fits = |k: &str| !k.is_empty() && !k.contains(['\t', '\n']);
        for (gi, g) in groups.iter().enumerate() {
            for v in &g.variants {
                let words = if v.words.is_empty() {
                    let plain = plain.get_or_insert_with(analyzer::plain);
                    analyzer::terms(plain, &v.text).join(" ")
                } else {
                    v.words.clone()
                };
                if fits(&words) {
                    by_words.entry(words).or_insert(gi);
                }
                let stems = v.stems.join(" ");
                if fits(&stems) {
                    by_stems.entry(stems).or_insert(gi);
                }
                longest = longest.max(v.stems.len());
                known.extend(v.stems.iter().map(String::as_str).filter(|s| fits(s)));
            }
        }
        let mut body = String::new();
        for (key, gi) in by_stems.iter().chain(&by_words) {
            body.push_str(&format!("{key}\t{gi}\n"));
        }
        for key in &known {
            body.push_str(key);
            body.push('\n');
        }
        for g in groups {
            // Serialising plain strings and numbers cannot fail; an empty line would read
            // back as a group with no synonyms.
            body.push_str(&serde_json::to_string(g).unwrap_or_default());
            body.push('\n');
        }
        let counts = Counts {
            stems: by_stems.len(),
            words: by_words.len(),
            known: known.len(),
            groups: groups.len(),
            longest,
        };
        let text = format!("{}{body}", header(&counts, &body));
        Synonyms::index(text, counts).unwrap_or_default()
    }

    /// Reads a table written by [`Synonyms::text`]; an error for anything else, a damaged
    /// file included (its hash is checked).
    pub fn read(text: String) -> Result<Synonyms, String> {
        let (head, body) = text
            .split_once('\n')
            .ok_or("the synonym table has no header line")?;
        let counts = parse_header(head, body)?;
        if !body.is_empty() && !body.ends_with('\n') {
            return Err("the synonym table is cut short".into());
        }
        Synonyms::index(text, counts)
    }

    /// Notes where the lines after the header start and checks they are as many as
    /// `counts` says.
    fn index(text: String, counts: Counts) -> Result<Synonyms, String> {
        if u32::try_from(text.len()).is_err() {
            return Err("the synonym table is too large".into());
        }
        let first = text.find('\n').map_or(text.len(), |i| i + 1);
        let mut lines: Vec<u32> =
            Vec::with_capacity(counts.stems + counts.words + counts.known + counts.groups + 1);
        let mut at = first;
        lines.push(at as u32);
        while let Some(i) = text[at..].find('\n') {
            at += i + 1;
            lines.push(at as u32);
        }
        let total = counts.stems + counts.words + counts.known + counts.groups;
        if lines.len() != total + 1 {
            return Err(format!(
                "the synonym table has {} lines, its header says {total}",
                lines.len() - 1
            ));
        }
        let by_stems = 0..counts.stems;
        let by_words = by_stems.end..by_stems.end + counts.words;
        let known = by_words.end..by_words.end + counts.known;
        let groups = known.end..known.end + counts.groups;
        Ok(Synonyms {
            text,
            lines,
            by_stems,
            by_words,
            known,
            groups,
            parsed: (0..counts.groups).map(|_| OnceLock::new()).collect(),
            longest: counts.longest,
        })
    }

    /// The table as saved beside the index.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// How many groups there are.
    pub fn len(&self) -> usize {
        self.groups.len()
    }

    pub fn is_empty(&self) -> bool {
        self.groups.is_empty()
    }

    /// Group `gi`, parsed the first time it is asked for.
    pub fn group(&self, gi: usize) -> Option<&Group> {
        let line = self
            .line(self.groups.start + gi)
            .filter(|_| gi < self.groups.len())?;
        self.parsed
            .get(gi)?
            .get_or_init(|| serde_json::from_str(line).ok())
            .as_ref()
    }

    /// Line `i` after the header, without its line break.
    fn line(&self, i: usize) -> Option<&str> {
        let start = *self.lines.get(i)? as usize;
        let end = *self.lines.get(i + 1)? as usize;
        self.text.get(start..end.saturating_sub(1).max(start))
    }

    /// The line of `part` (sorted by key) whose key is `key`: the text before its tab, or
    /// the whole line when it has none.
    fn position(&self, part: &Range<usize>, key: &str) -> Option<&str> {
        let (mut lo, mut hi) = (part.start, part.end);
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            let line = self.line(mid)?;
            let k = line.split_once('\t').map_or(line, |(k, _)| k);
            match k.cmp(key) {
                std::cmp::Ordering::Less => lo = mid + 1,
                std::cmp::Ordering::Greater => hi = mid,
                std::cmp::Ordering::Equal => return Some(line),
            }
        }
        None
    }

    /// The group number of `key` among the "key<TAB>group" lines of `part`.
    fn find(&self, part: &Range<usize>, key: &str) -> Option<usize> {
        let line = self.position(part, key)?;
        line.split_once('\t')?.1.parse().ok()
    }

    /// The longest synonym starting at `stems[0]`: (how many words it spans, group index).
    /// `words` are the same words unstemmed: a group listing them as typed wins over one
    /// that only shares their stems.
    pub fn longest_match(&self, stems: &[String], words: &[String]) -> Option<(usize, usize)> {
        let max = self.longest.min(stems.len());
        (1..=max).rev().find_map(|n| {
            let typed = words
                .get(..n)
                .and_then(|w| self.find(&self.by_words, &w.join(" ")));
            typed
                .or_else(|| self.find(&self.by_stems, &stems[..n].join(" ")))
                .map(|g| (n, g))
        })
    }

    /// The group of one word: the group listing it as typed, else one sharing its stem.
    pub fn group_of_word(&self, word: &str, stem: &str) -> Option<usize> {
        self.find(&self.by_words, word)
            .or_else(|| self.find(&self.by_stems, stem))
    }

    /// Whether `stem` is a word of some synonym.
    pub fn knows(&self, stem: &str) -> bool {
        self.position(&self.known, stem).is_some()
    }

    pub fn group_of(&self, stems: &[String]) -> Option<usize> {
        self.find(&self.by_stems, &stems.join(" "))
    }
}

/// Stems every term of each group; a term stemming like an earlier one of its group adds
/// nothing and is left out.
pub fn stem_groups(groups: &[Vec<String>]) -> Vec<Group> {
    let mut stem = analyzer::stemmed();
    let mut plain = analyzer::plain();
    groups
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
        .collect()
}

fn header(c: &Counts, body: &str) -> String {
    format!(
        "{MAGIC} stems={} words={} known={} groups={} longest={} blake3={}\n",
        c.stems,
        c.words,
        c.known,
        c.groups,
        c.longest,
        blake3::hash(body.as_bytes()).to_hex()
    )
}

fn parse_header(head: &str, body: &str) -> Result<Counts, String> {
    let rest = head
        .strip_prefix(MAGIC)
        .ok_or("the synonym table does not start with its header")?;
    let mut c = Counts::default();
    let mut hash = None;
    for field in rest.split_whitespace() {
        let (name, value) = field
            .split_once('=')
            .ok_or_else(|| format!("the synonym table header has '{field}'"))?;
        let number = || {
            value
                .parse::<usize>()
                .map_err(|_| format!("the synonym table header has {name}={value}"))
        };
        match name {
            "stems" => c.stems = number()?,
            "words" => c.words = number()?,
            "known" => c.known = number()?,
            "groups" => c.groups = number()?,
            "longest" => c.longest = number()?,
            "blake3" => hash = Some(value),
            _ => return Err(format!("the synonym table header has '{name}'")),
        }
    }
    if hash != Some(blake3::hash(body.as_bytes()).to_hex().as_str()) {
        return Err("the synonym table does not match its hash (damaged)".into());
    }
    Ok(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(words: &[&str]) -> Vec<String> {
        words.iter().map(|w| w.to_string()).collect()
    }

    #[test]
    fn groups_given_without_their_words_get_them_worked_out() {
        let syn = Synonyms::new(&[s(&["chemical peel", "peel"]), s(&["Peeling", "Flaking"])]);
        assert_eq!(syn.group(1).expect("group").variants[0].words, "peeling");
        let mut old: Vec<Group> = (0..syn.len())
            .filter_map(|g| syn.group(g).cloned())
            .collect();
        for v in old.iter_mut().flat_map(|g| g.variants.iter_mut()) {
            v.words.clear();
        }
        let old = Synonyms::from_groups(&old);
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
        assert_eq!(
            syn.group(1).expect("group").canonical(),
            "pattern hair loss"
        );
        assert!(syn.group(3).is_none());
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

    #[test]
    fn a_saved_table_reads_back_the_same_and_a_damaged_one_is_refused() {
        let syn = Synonyms::new(&[
            s(&["microneedling", "collagen induction therapy", "CIT"]),
            s(&["numbing cream", "topical anaesthetic", "EMLA"]),
            s(&["zinc oxide"]),
        ]);
        let back = Synonyms::read(syn.text().to_string()).expect("reads");
        let mut stem = analyzer::stemmed();
        for words in [
            "cit",
            "collagen induction therapy",
            "emla",
            "zinc oxide",
            "aardvark",
        ] {
            let stems = analyzer::terms(&mut stem, words);
            let plain: Vec<String> = words.split(' ').map(str::to_string).collect();
            assert_eq!(
                back.longest_match(&stems, &plain),
                syn.longest_match(&stems, &plain),
                "{words}"
            );
        }
        // The first and last keys of each part are found: the binary search reaches the ends.
        assert_eq!(back.group_of_word("anaesthetic", "anaesthet"), None);
        assert_eq!(back.group_of(&s(&["cit"])), Some(0));
        assert_eq!(back.group_of(&s(&["zinc", "oxid"])), Some(2));
        assert!(back.knows("emla") && back.knows("zinc") && back.knows("collagen"));
        assert!(!back.knows("aaa") && !back.knows("zzz") && !back.knows(""));
        assert_eq!(
            back.group(1).map(|g| g.canonical()),
            Some("numbing cream"),
            "a group is parsed when first asked for"
        );

        let text = syn.text();
        let flipped = text.replacen("emla", "emlb", 1);
        assert_ne!(flipped, text);
        assert!(Synonyms::read(flipped).unwrap_err().contains("hash"));
        assert!(Synonyms::read(text[..text.len() - 3].to_string()).is_err());
        assert!(Synonyms::read(String::new()).is_err());
        assert!(Synonyms::read("mnguide-synonyms 1 stems=x\n".into()).is_err());
        let empty = Synonyms::new(&[]);
        let empty = Synonyms::read(empty.text().to_string()).expect("an empty table reads");
        assert!(empty.is_empty() && empty.longest_match(&s(&["cit"]), &[]).is_none());
    }
}
