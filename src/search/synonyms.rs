//! Synonym groups from the guide, keyed by stemmed words so "vampire facials" finds the
//! group of "vampire facial".
//!
//! Every search start needs the groups, and a one-off `mnguide search` has no time to parse
//! and hash a few thousand terms it will mostly not look at. So the table is one text, saved
//! with the index: sorted key lines that a lookup finds by binary search over the bytes,
//! then one line per group, split into its terms the first time a query uses that group.
//! Opening it checks the hash of the file's bytes (mapped, for a one-off search); nothing
//! else.

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;
use std::sync::OnceLock;

use tantivy::directory::OwnedBytes;

use crate::analyzer;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Variant {
    /// As written in the guide, e.g. "collagen induction therapy".
    pub text: String,
    /// Its stemmed words; more than one means it matches as a phrase.
    pub stems: Vec<String>,
    /// Bit `i` set when field `i` of [`super::schema::Fields::weighted`] holds all its
    /// words, found when the index is built: most variants (brand names, lay words) are in
    /// no field, and the search need not look for them. All bits set: not known.
    pub fields: u8,
    /// Its words as written (lower-cased, accents folded), joined by spaces: worked out when
    /// the index is built, so opening it needs no tokenising.
    pub words: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    pub variants: Vec<Variant>,
}

impl Group {
    /// The preferred term: the first of the group.
    pub fn canonical(&self) -> &str {
        self.variants.first().map(|v| v.text.as_str()).unwrap_or("")
    }
}

/// First line of the table's text; the rest of that line gives the parts' sizes and the
/// hash of what follows.
const MAGIC: &str = "mnguide-synonyms 2";
/// Between the terms of a group's line, and between the fields of a term (ASCII record
/// and unit separators: guide text never holds control characters).
const TERM_BREAK: char = '\u{1e}';
const FIELD_BREAK: char = '\u{1f}';

/// The parts of the table after the header, as they are written.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct Parts {
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
    /// One line per group, in the guide's order.
    groups: Range<usize>,
    group_count: usize,
    longest: usize,
}

/// The synonym groups as a lookup table over one text (see the module comment).
#[derive(Debug, Clone)]
pub struct Synonyms {
    /// UTF-8 (the guide's terms), checked line by line as lines are read.
    text: OwnedBytes,
    parts: Parts,
    /// Where each group's line starts, and where the last one ends: found in the one pass
    /// that also checks the header's group count.
    group_starts: Vec<usize>,
    parsed: Vec<OnceLock<Option<Group>>>,
}

impl Default for Synonyms {
    fn default() -> Synonyms {
        Synonyms::from_groups(&[])
    }
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
        let part = |body: &mut String, write: &mut dyn FnMut(&mut String)| {
            let start = body.len();
            write(body);
            start..body.len()
        };
        let by_stems = part(&mut body, &mut |b| write_keys(b, &by_stems));
        let by_words = part(&mut body, &mut |b| write_keys(b, &by_words));
        let known = part(&mut body, &mut |b| {
            for key in &known {
                b.push_str(key);
                b.push('\n');
            }
        });
        let groups_part = part(&mut body, &mut |b| {
            for g in groups {
                write_group(b, g);
            }
        });
        let parts = Parts {
            by_stems,
            by_words,
            known,
            groups: groups_part,
            group_count: groups.len(),
            longest,
        };
        let head = header(&parts, &body);
        let text = OwnedBytes::new(format!("{head}{body}").into_bytes());
        Synonyms::with_parts(text, head.len(), parts)
    }

    /// Reads a table written by [`Synonyms::text`]; an error for anything else, a damaged
    /// file included (its hash is checked).
    pub fn read(text: OwnedBytes) -> Result<Synonyms, String> {
        let end = text
            .iter()
            .position(|&b| b == b'\n')
            .ok_or("the synonym table has no header line")?;
        let head = std::str::from_utf8(&text[..end])
            .map_err(|_| "the synonym table's header is not text")?;
        let parts = parse_header(head, &text[end + 1..])?;
        let table = Synonyms::with_parts(text.clone(), end + 1, parts);
        // The hash covers the body only: a group count the body does not hold (one line
        // each) would make the table reserve room for groups that are not there.
        let lines = table.group_starts.len() - 1;
        if table.parts.group_count != lines {
            return Err(format!(
                "the synonym table's header counts {} groups, its text holds {lines}",
                table.parts.group_count
            ));
        }
        Ok(table)
    }

    /// `parts` are offsets into the body, which starts at `offset` of `text`.
    fn with_parts(text: OwnedBytes, offset: usize, parts: Parts) -> Synonyms {
        let shift = |r: &Range<usize>| r.start + offset..r.end + offset;
        let groups = shift(&parts.groups);
        let mut group_starts = vec![groups.start];
        let bytes = text.get(groups.clone()).unwrap_or(&[]);
        group_starts.extend(
            (0..bytes.len())
                .filter(|&i| bytes[i] == b'\n')
                .map(|i| groups.start + i + 1),
        );
        // Only as many lazily parsed slots as there are lines, whatever the header says.
        let slots = parts.group_count.min(group_starts.len() - 1);
        Synonyms {
            parsed: (0..slots).map(|_| OnceLock::new()).collect(),
            parts: Parts {
                by_stems: shift(&parts.by_stems),
                by_words: shift(&parts.by_words),
                known: shift(&parts.known),
                groups,
                ..parts
            },
            text,
            group_starts,
        }
    }

    /// The table as saved beside the index.
    pub fn bytes(&self) -> &[u8] {
        &self.text
    }

    /// Bytes `range` of the table as text.
    fn str_at(&self, range: Range<usize>) -> Option<&str> {
        std::str::from_utf8(self.text.get(range)?).ok()
    }

    /// How many groups there are.
    pub fn len(&self) -> usize {
        self.parts.group_count
    }

    pub fn is_empty(&self) -> bool {
        self.parts.group_count == 0
    }

    /// Group `gi`, split into its terms the first time it is asked for.
    pub fn group(&self, gi: usize) -> Option<&Group> {
        let starts = &self.group_starts;
        let (start, end) = (*starts.get(gi)?, *starts.get(gi + 1)?);
        let line = self.str_at(start..end.saturating_sub(1).max(start))?;
        self.parsed
            .get(gi)?
            .get_or_init(|| read_group(line))
            .as_ref()
    }

    /// The line of `part` (sorted by key) whose key is `key`: the text before its tab, or
    /// the whole line when it has none. A binary search over the bytes: each probe moves
    /// back to the start of the line it fell in.
    fn position(&self, part: &Range<usize>, key: &str) -> Option<&str> {
        let text = self.text.get(part.clone())?;
        let (mut lo, mut hi) = (0, text.len());
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            let start = text[lo..mid]
                .iter()
                .rposition(|&b| b == b'\n')
                .map_or(lo, |i| lo + i + 1);
            let end = text[start..hi]
                .iter()
                .position(|&b| b == b'\n')
                .map_or(hi, |i| start + i);
            let line = &text[start..end];
            let k = line.split(|&b| b == b'\t').next().unwrap_or(line);
            match k.cmp(key.as_bytes()) {
                std::cmp::Ordering::Less => lo = end + 1,
                std::cmp::Ordering::Greater => hi = start,
                std::cmp::Ordering::Equal => {
                    return self.str_at(part.start + start..part.start + end);
                }
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
        let max = self.parts.longest.min(stems.len());
        (1..=max).rev().find_map(|n| {
            let typed = words
                .get(..n)
                .and_then(|w| self.find(&self.parts.by_words, &w.join(" ")));
            typed
                .or_else(|| self.find(&self.parts.by_stems, &stems[..n].join(" ")))
                .map(|g| (n, g))
        })
    }

    /// The group of one word: the group listing it as typed, else one sharing its stem.
    pub fn group_of_word(&self, word: &str, stem: &str) -> Option<usize> {
        self.find(&self.parts.by_words, word)
            .or_else(|| self.find(&self.parts.by_stems, stem))
    }

    /// Whether `stem` is a word of some synonym.
    pub fn knows(&self, stem: &str) -> bool {
        self.position(&self.parts.known, stem).is_some()
    }

    pub fn group_of(&self, stems: &[String]) -> Option<usize> {
        self.find(&self.parts.by_stems, &stems.join(" "))
    }
}

fn write_keys(body: &mut String, keys: &BTreeMap<String, usize>) {
    for (key, gi) in keys {
        body.push_str(&format!("{key}\t{gi}\n"));
    }
}

/// One group as a line: its terms as text, stems, fields and words, the words left empty
/// where they are the text itself (most terms).
fn write_group(body: &mut String, g: &Group) {
    let clean = |s: &str| s.replace([TERM_BREAK, FIELD_BREAK, '\n'], " ");
    for (i, v) in g.variants.iter().enumerate() {
        if i > 0 {
            body.push(TERM_BREAK);
        }
        let text = clean(&v.text);
        let words = if v.words == text {
            String::new()
        } else {
            clean(&v.words)
        };
        body.push_str(&format!(
            "{text}{FIELD_BREAK}{}{FIELD_BREAK}{}{FIELD_BREAK}{words}",
            clean(&v.stems.join(" ")),
            v.fields
        ));
    }
    body.push('\n');
}

/// A line written by [`write_group`]; `None` when it is not one.
fn read_group(line: &str) -> Option<Group> {
    let mut variants = Vec::new();
    for term in line.split(TERM_BREAK).filter(|t| !t.is_empty()) {
        let mut f = term.split(FIELD_BREAK);
        let (text, stems, fields, words) = (f.next()?, f.next()?, f.next()?, f.next()?);
        variants.push(Variant {
            text: text.to_string(),
            stems: stems.split(' ').map(str::to_string).collect(),
            fields: fields.parse().ok()?,
            words: if words.is_empty() { text } else { words }.to_string(),
        });
    }
    Some(Group { variants })
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
                    fields: u8::MAX,
                });
            }
            Group { variants }
        })
        .collect()
}

fn header(p: &Parts, body: &str) -> String {
    format!(
        "{MAGIC} stems={} words={} known={} groups={} count={} longest={} blake3={}\n",
        p.by_stems.len(),
        p.by_words.len(),
        p.known.len(),
        p.groups.len(),
        p.group_count,
        p.longest,
        blake3::hash(body.as_bytes()).to_hex()
    )
}

/// The parts a header names, checked against the body: its hash, and every part ending
/// at a line break.
fn parse_header(head: &str, body: &[u8]) -> Result<Parts, String> {
    let rest = head
        .strip_prefix(MAGIC)
        .ok_or("the synonym table does not start with its header")?;
    let mut sizes = [0usize; 6];
    let mut hash = None;
    for field in rest.split_whitespace() {
        let (name, value) = field
            .split_once('=')
            .ok_or_else(|| format!("the synonym table header has '{field}'"))?;
        let slot = match name {
            "stems" => 0,
            "words" => 1,
            "known" => 2,
            "groups" => 3,
            "count" => 4,
            "longest" => 5,
            "blake3" => {
                hash = Some(value);
                continue;
            }
            _ => return Err(format!("the synonym table header has '{name}'")),
        };
        sizes[slot] = value
            .parse()
            .map_err(|_| format!("the synonym table header has {name}={value}"))?;
    }
    if hash != Some(blake3::hash(body).to_hex().as_str()) {
        return Err("the synonym table does not match its hash (damaged)".into());
    }
    let mut at: usize = 0;
    let mut next = |len: usize| -> Result<Range<usize>, String> {
        let part = at..at.saturating_add(len);
        let whole = part.end <= body.len() && (part.is_empty() || body[part.end - 1] == b'\n');
        if !whole {
            return Err("the synonym table's parts do not fit its text".into());
        }
        at = part.end;
        Ok(part)
    };
    Ok(Parts {
        by_stems: next(sizes[0])?,
        by_words: next(sizes[1])?,
        known: next(sizes[2])?,
        groups: next(sizes[3])?,
        group_count: sizes[4],
        longest: sizes[5],
    })
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
        let back = Synonyms::read(OwnedBytes::new(syn.bytes().to_vec())).expect("reads");
        for g in 0..3 {
            assert_eq!(back.group(g), syn.group(g), "group {g} reads back whole");
        }
        assert_eq!(
            back.group(1).map(|g| g.variants[1].words.as_str()),
            Some("topical anaesthetic")
        );
        assert_eq!(
            back.group(0).map(|g| g.variants[2].words.as_str()),
            Some("cit"),
            "words kept where they differ from the text"
        );
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

        let read = |text: &str| Synonyms::read(OwnedBytes::new(text.as_bytes().to_vec()));
        let text = std::str::from_utf8(syn.bytes()).expect("text");
        let flipped = text.replacen("emla", "emlb", 1);
        assert_ne!(flipped, text);
        assert!(read(&flipped).unwrap_err().contains("hash"));
        assert!(read(&text[..text.len() - 3]).is_err());
        assert!(read("").is_err());
        assert!(read("mnguide-synonyms 2 stems=x\n").is_err());
        assert!(read("mnguide-synonyms 1\n").is_err());
        let huge = text.replacen(" count=3 ", " count=99999999999 ", 1);
        assert_ne!(huge, text);
        assert!(read(&huge).unwrap_err().contains("groups"));
        let empty = Synonyms::new(&[]);
        let empty =
            Synonyms::read(OwnedBytes::new(empty.bytes().to_vec())).expect("an empty table reads");
        assert!(empty.is_empty() && empty.longest_match(&s(&["cit"]), &[]).is_none());
    }
}
