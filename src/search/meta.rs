//! What queries need from the guide besides the index itself: the stemmed synonym groups
//! (a table of their own, see [`super::synonyms`]), the stemmed topic titles (for `topic:`
//! scopes) and the section count.
//!
//! It is computed once when an index is built and saved inside the generation folder, so
//! opening a current index costs no stemming, and `mnguide search` can answer without
//! loading the guide at all. The folder is named after the fingerprint, so the file always
//! belongs to the guide the index was built from.

use std::path::Path;

use serde::{Deserialize, Serialize};

use super::synonyms::{self, Group, Synonyms};
use crate::analyzer;
use crate::content::Guide;

/// File name inside a generation folder.
pub const FILE: &str = "mnguide-search.json";
/// The synonym table's file, beside it.
pub const SYNONYMS_FILE: &str = "mnguide-synonyms.txt";

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SearchMeta {
    /// How many sections (documents) the index holds.
    pub sections: u64,
    /// (topic id, stemmed words of its title).
    pub topics: Vec<(String, Vec<String>)>,
    /// Saved in [`SYNONYMS_FILE`], read without parsing it all.
    #[serde(skip)]
    pub synonyms: Synonyms,
    /// Topics of look-up material (`kind = "reference"`), ranked below teaching sections.
    #[serde(default)]
    pub reference_topics: Vec<String>,
    /// Sections on what the sources leave open (`kind = "gap"`), ranked below the sections
    /// that teach the same words.
    #[serde(default)]
    pub gap_sections: Vec<String>,
    /// (topic id, title, words of its title, section titles and tags), for the topics
    /// offered when a search finds nothing: kept as JSON text until one does, so opening
    /// the index does not build a few thousand strings.
    pub topic_words: Box<serde_json::value::RawValue>,
}

/// Whether any section holds `stems` as consecutive words in `field`, matched as a search
/// matches a phrase.
fn phrase_occurs(
    searcher: &tantivy::Searcher,
    field: tantivy::schema::Field,
    stems: &[String],
) -> bool {
    searcher.segment_readers().iter().any(|seg| {
        let Ok(inv) = seg.inverted_index(field) else {
            return false;
        };
        let mut found = false;
        super::score::phrase(&inv, field, stems, &mut |_, _| found = true);
        found
    })
}

impl SearchMeta {
    /// What `index`, just built from `guide`, needs beside it.
    pub fn of(guide: &Guide, index: &tantivy::Index) -> anyhow::Result<SearchMeta> {
        let mut stem = analyzer::stemmed();
        let mut groups = synonyms::stem_groups(&guide.synonyms);
        mark_fields(&mut groups, index)?;
        Ok(SearchMeta {
            sections: guide.sections.len() as u64,
            topics: guide
                .topics
                .iter()
                .map(|t| (t.id.clone(), analyzer::terms(&mut stem, &t.title)))
                .collect(),
            synonyms: Synonyms::from_groups(&groups),
            reference_topics: guide
                .topics
                .iter()
                .filter(|t| t.kind.as_deref() == Some("reference"))
                .map(|t| t.id.clone())
                .collect(),
            gap_sections: guide
                .sections
                .iter()
                .filter(|s| s.kind.as_deref() == Some(crate::content::GAP_SECTION))
                .map(|s| s.id.clone())
                .collect(),
            topic_words: serde_json::value::to_raw_value(&topic_words(guide))?,
        })
    }

    /// Writes both files into `dir` (a generation folder still being built).
    pub fn write(&self, dir: &Path) -> anyhow::Result<()> {
        std::fs::write(dir.join(FILE), serde_json::to_vec(self)?)?;
        std::fs::write(dir.join(SYNONYMS_FILE), self.synonyms.bytes())?;
        Ok(())
    }

    /// Reads both files from an index's folder: through its mapping when the index is
    /// mapped, so the synonym table is never copied.
    pub fn read(dir: &dyn tantivy::Directory) -> anyhow::Result<SearchMeta> {
        let bytes = dir
            .atomic_read(Path::new(FILE))
            .map_err(|e| anyhow::anyhow!("{FILE}: {e}"))?;
        let mut meta: SearchMeta =
            serde_json::from_slice(&bytes).map_err(|e| anyhow::anyhow!("{FILE}: {e}"))?;
        let in_table = |e: &dyn std::fmt::Display| anyhow::anyhow!("{SYNONYMS_FILE}: {e}");
        let table = dir
            .open_read(Path::new(SYNONYMS_FILE))
            .map_err(|e| in_table(&e))?
            .read_bytes()
            .map_err(|e| in_table(&e))?;
        meta.synonyms = Synonyms::read(table).map_err(|e| in_table(&e))?;
        Ok(meta)
    }
}

/// (topic id, title, the words of its title, section titles and tags), sorted, once each.
fn topic_words(guide: &Guide) -> Vec<(String, String, Vec<String>)> {
    guide
        .topics
        .iter()
        .map(|t| {
            let mut plain = analyzer::plain();
            let mut words = analyzer::terms(&mut plain, &t.title);
            for s in guide.sections.iter().filter(|s| s.topic == t.id) {
                words.extend(analyzer::terms(&mut plain, &s.title));
                for tag in &s.tags {
                    words.extend(analyzer::terms(&mut plain, tag));
                }
            }
            words.sort();
            words.dedup();
            (t.id.clone(), t.title.clone(), words)
        })
        .collect()
}

/// Records in which fields of `index` (just built) each synonym's words appear.
fn mark_fields(groups: &mut [Group], index: &tantivy::Index) -> anyhow::Result<()> {
    let searcher = index.reader()?.searcher();
    let fields = super::schema::fields_of(&index.schema())?.weighted();
    for v in groups.iter_mut().flat_map(|g| g.variants.iter_mut()) {
        let mut mask = 0u8;
        for (i, fw) in fields.iter().enumerate() {
            let all = v.stems.iter().all(|s| {
                searcher
                    .doc_freq(&tantivy::Term::from_field_text(fw.field, s))
                    .unwrap_or(0)
                    > 0
            });
            // A phrase ("went red", "red and blotchy") counts only where its words stand
            // together: most lay phrases are nowhere in the guide, and a search need not
            // read their positions at every query.
            if all && (v.stems.len() == 1 || phrase_occurs(&searcher, fw.field, &v.stems)) {
                mask |= 1 << i;
            }
        }
        v.fields = mask;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_phrase_counts_only_in_fields_where_its_words_stand_together() {
        use crate::content::GuideFile;
        use std::sync::Arc;
        let file = |rel: &str, text: &str| GuideFile {
            name: rel.to_string(),
            rel: rel.to_string(),
            text: Arc::new(text.to_string()),
        };
        let files = [
            file(
                "guide.toml",
                "title = \"T\"\nversion = \"1\"\nreviewed = 2026-01-01\ndisclaimer = \"D\"\n\n[[source]]\nid = \"s\"\nkind = \"web article\"\ntitle = \"S\"\nlabel = \"Src\"\nunknown = [\"identifier\"]\nquality = \"low\"\nverification = \"verified\"\n",
            ),
            file(
                "synonyms.toml",
                "[[group]]\nterms = [\"redness\", \"went red\", \"red and blotchy\"]\n",
            ),
            file(
                "topics/01-things.toml",
                "id = \"things\"\ntitle = \"Things\"\norder = 1\nsummary = \"Test topic.\"\n\n[[section]]\nid = \"skin\"\ntitle = \"Skin\"\nsummary = \"About skin [@s].\"\nbody = \"The skin went red. It was blotchy and red.\"\nsources = [\"s\"]\n",
            ),
        ];
        let guide = crate::content::load_files(&files, "test")
            .expect("loads")
            .guide;
        let index = super::super::SearchIndex::build_in_memory(&guide).expect("builds");
        let fields = |text: &str| {
            index
                .synonyms
                .group(0)
                .expect("group")
                .variants
                .iter()
                .find(|v| v.text == text)
                .map(|v| v.fields)
                .expect("variant")
        };
        // Field 4 is the body (see `Fields::weighted`).
        assert_ne!(
            fields("went red") & (1 << 4),
            0,
            "the phrase is in the body"
        );
        assert_eq!(
            fields("red and blotchy"),
            0,
            "its words are in the body, but not together"
        );
        assert_ne!(
            fields("redness") & (1 << 4),
            0,
            "one word needs only its stem in the field"
        );
    }

    #[test]
    fn a_saved_meta_reads_back_the_same() {
        let dir = tempfile::tempdir().expect("tempdir");
        let guide = crate::content::load_dir(
            &Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/valid"),
        )
        .expect("fixture loads")
        .guide;
        let built = super::super::SearchIndex::build_in_memory(&guide).expect("builds");
        let meta = SearchMeta::of(&guide, &built.index).expect("meta");
        meta.write(dir.path()).expect("writes");
        let read = || {
            let folder = tantivy::directory::MmapDirectory::open(dir.path()).expect("folder opens");
            SearchMeta::read(&folder)
        };
        let back = read().expect("reads");
        assert_eq!(back.sections, guide.sections.len() as u64);
        assert_eq!(back.topics, meta.topics);
        assert_eq!(back.synonyms.bytes(), meta.synonyms.bytes());
        assert!(!back.synonyms.is_empty());
        std::fs::write(dir.path().join(SYNONYMS_FILE), &meta.synonyms.bytes()[1..])
            .expect("damage");
        assert!(read().is_err());
        meta.write(dir.path()).expect("writes");
        std::fs::write(dir.path().join(FILE), b"{").expect("damage");
        assert!(read().is_err());
    }
}
