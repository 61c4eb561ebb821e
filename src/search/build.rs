//! Opening the on-disk index, and building it when it is missing, stale or broken.
//!
//! Layout: the index location (e.g. `./index`, which also holds a tracked `.gitignore`)
//! contains one folder per index generation, named after the fingerprint
//! (`gen-<16 hex>`). A build writes into a fresh `.build-*` folder beside it and renames
//! that folder into place, so a crash never leaves a half-written index where a reader
//! looks, and processes that start at once each build and the first rename wins: the
//! others find a complete index at the same name and use it.

use std::fs;
use std::path::Path;
use std::time::{Duration, SystemTime};

use anyhow::Context as _;
use tantivy::directory::{MmapDirectory, RamDirectory};
use tantivy::{Directory, Index, IndexWriter, TantivyDocument};

use super::fingerprint::{GENERATION_PREFIX, fingerprint, fingerprint_of, generation_dir_name};
use super::meta::SearchMeta;
use super::{IndexStatus, SearchIndex, schema};
use crate::content::outline::{Block, outline};
use crate::content::{Guide, Section};
use crate::markdown::{self, Block as MdBlock};
use crate::{analyzer, leftovers};

/// The writer flushes a segment when its arena reaches this; the shipped guide never does.
const WRITER_MEMORY: usize = 50_000_000;
/// Leftover build folders older than this come from crashed builds and are removed.
const STALE_BUILD_AGE: Duration = Duration::from_secs(600);

/// Why an existing generation could not be used.
enum OpenFailure {
    Missing,
    Stale,
    Broken(String),
}

/// Where an opened index's bytes live while it is searched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Storage {
    /// Mapped from the files: fastest to open, for a process that searches once and ends.
    Mapped,
    /// Copied into memory and checksummed at open: for a long-running process, so a file
    /// truncated or overwritten later (another process rebuilding, a user's mistake, a full
    /// disk) cannot fault the mapping (SIGBUS) or feed bad bytes to the searcher.
    Memory,
}

pub(super) fn open_or_build(
    guide: &Guide,
    dir: &Path,
    storage: Storage,
) -> anyhow::Result<(SearchIndex, IndexStatus)> {
    let fp = fingerprint(guide);
    let generation = dir.join(generation_dir_name(&fp));
    let reason = match open_either(&generation, &fp, Some(guide), storage) {
        Ok(index) => return Ok((index, IndexStatus::Opened)),
        Err(OpenFailure::Missing) if has_other_generations(dir) => {
            "the guide or the program changed".to_string()
        }
        Err(OpenFailure::Missing) => "no index yet".to_string(),
        Err(OpenFailure::Stale) => "the index fingerprint differs from the guide".to_string(),
        Err(OpenFailure::Broken(why)) => format!("the index could not be read ({why})"),
    };
    match build_and_install(guide, dir, &fp, false, storage) {
        Ok(index) => Ok((index, IndexStatus::Built { reason })),
        Err(e) => {
            let index = SearchIndex::build_in_memory(guide)?;
            let warning = format!(
                "cannot write the search index at {} ({e:#}); searching an in-memory index",
                dir.display()
            );
            Ok((index, IndexStatus::InMemory { warning }))
        }
    }
}

pub(super) fn rebuild(guide: &Guide, dir: &Path) -> anyhow::Result<SearchIndex> {
    build_and_install(guide, dir, &fingerprint(guide), true, Storage::Mapped)
}

pub(super) fn build_in_memory(guide: &Guide) -> anyhow::Result<SearchIndex> {
    let (schema, fields) = schema::build();
    let index = Index::create_in_ram(schema);
    analyzer::register(&index);
    write_documents(&index, &fields, guide, &fingerprint(guide))?;
    let meta = SearchMeta::of(guide, &index)?;
    SearchIndex::from_index(index, meta)
}

pub(super) fn open_current(dir: &Path, content_hash: &str) -> Option<SearchIndex> {
    let fp = fingerprint_of(content_hash);
    open_either(
        &dir.join(generation_dir_name(&fp)),
        &fp,
        None,
        Storage::Mapped,
    )
    .ok()
}

/// [`open_generation`], and when a mapped open fails, one more try from a copy in memory:
/// a current index in a folder this user cannot write (a shared install, a read-only
/// mount) cannot be mapped, because tantivy creates its lock file beside it, but it can
/// be read, and it is small.
fn open_either(
    path: &Path,
    fp: &str,
    guide: Option<&Guide>,
    storage: Storage,
) -> Result<SearchIndex, OpenFailure> {
    match open_generation(path, fp, guide, storage) {
        Err(OpenFailure::Broken(_)) if storage == Storage::Mapped => {
            open_generation(path, fp, guide, Storage::Memory)
        }
        other => other,
    }
}

/// Opens one generation folder and checks it really is the index for this guide (`None`:
/// for whatever guide has the fingerprint `fp`).
fn open_generation(
    path: &Path,
    fp: &str,
    guide: Option<&Guide>,
    storage: Storage,
) -> Result<SearchIndex, OpenFailure> {
    if !path.join("meta.json").is_file() {
        return Err(OpenFailure::Missing);
    }
    let broken = |e: &dyn std::fmt::Display| OpenFailure::Broken(e.to_string());
    // The folder as tantivy reads it, and as files without tantivy's footer: the search
    // files saved beside the index are read through the same mapping or copy.
    let (index, folder): (Index, Box<dyn Directory>) = match storage {
        Storage::Mapped => {
            let folder = MmapDirectory::open(path).map_err(|e| broken(&e))?;
            let index = Index::open(folder.clone()).map_err(|e| broken(&e))?;
            (index, Box::new(folder))
        }
        Storage::Memory => {
            let (index, folder) = open_in_memory(path).map_err(|e| broken(&e))?;
            (index, Box::new(folder))
        }
    };
    analyzer::register(&index);
    let metas = index.load_metas().map_err(|e| broken(&e))?;
    if metas.payload.as_deref() != Some(fp) {
        return Err(OpenFailure::Stale);
    }
    let meta = SearchMeta::read(folder.as_ref()).map_err(|e| broken(&e))?;
    let sections = guide.map_or(meta.sections, |g| g.sections.len() as u64);
    if meta.sections != sections {
        return Err(OpenFailure::Broken(format!(
            "{} is for {} sections, the guide has {sections}",
            super::meta::FILE,
            meta.sections
        )));
    }
    let search = SearchIndex::from_index(index, meta).map_err(|e| broken(&e))?;
    // A segment file replaced by other bytes of the right shape still opens; the document
    // count and a stored document catch most of what slips through.
    if search.num_docs() != sections {
        return Err(OpenFailure::Broken(format!(
            "{} documents for {sections} sections",
            search.num_docs(),
        )));
    }
    search.first_stored_id().map_err(|e| broken(&e))?;
    Ok(search)
}

/// Copies every file of a generation into a [`RamDirectory`] and checks each checksum, so
/// the index searched is exactly what was verified, whatever happens to the files later.
/// The index is a few hundred kilobytes, so the copy costs less than a millisecond or two.
fn open_in_memory(path: &Path) -> anyhow::Result<(Index, RamDirectory)> {
    let ram = RamDirectory::create();
    for entry in fs::read_dir(path)? {
        let entry = entry?;
        // Lock files are tantivy's own bookkeeping on disk; copied, they would read as
        // held (a lock in memory is taken by creating its file) and every open would wait.
        let lock = entry.file_name().to_string_lossy().ends_with(".lock");
        if lock || !entry.file_type()?.is_file() {
            continue;
        }
        let bytes = fs::read(entry.path())?;
        ram.atomic_write(Path::new(&entry.file_name()), &bytes)?;
    }
    let index = Index::open(ram.clone())?;
    let damaged = index.validate_checksum()?;
    if !damaged.is_empty() {
        let names: Vec<String> = damaged.iter().map(|p| p.display().to_string()).collect();
        anyhow::bail!("checksum mismatch in {}", names.join(", "));
    }
    Ok((index, ram))
}

fn has_other_generations(dir: &Path) -> bool {
    fs::read_dir(dir).is_ok_and(|entries| {
        entries.filter_map(Result::ok).any(|e| {
            e.file_name()
                .to_string_lossy()
                .starts_with(GENERATION_PREFIX)
        })
    })
}

/// Builds into a temporary folder beside the index and renames it into place.
fn build_and_install(
    guide: &Guide,
    dir: &Path,
    fp: &str,
    replace: bool,
    storage: Storage,
) -> anyhow::Result<SearchIndex> {
    fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    remove_crashed_builds(dir);
    let tmp = tempfile::Builder::new()
        .prefix(".build-")
        .tempdir_in(dir)
        .with_context(|| format!("cannot write in {}", dir.display()))?;
    {
        let (schema, fields) = schema::build();
        let index = Index::create_in_dir(tmp.path(), schema)?;
        analyzer::register(&index);
        write_documents(&index, &fields, guide, fp)?;
        let meta = SearchMeta::of(guide, &index)?;
        meta.write(tmp.path())?;
    }
    let generation = dir.join(generation_dir_name(fp));
    if replace
        || !generation.join("meta.json").is_file()
        || open_generation(&generation, fp, Some(guide), Storage::Mapped).is_err()
    {
        move_aside(dir, &generation);
    }
    match fs::rename(tmp.path(), &generation) {
        // The folder now lives on under its new name; stop `tmp` from deleting it.
        Ok(()) => drop(tmp.keep()),
        // Another process installed the same generation first: use theirs, drop ours.
        Err(_) if generation.join("meta.json").is_file() => {}
        Err(e) => return Err(e).with_context(|| format!("cannot create {}", generation.display())),
    }
    remove_other_generations(dir, &generation);
    match open_generation(&generation, fp, Some(guide), storage) {
        Ok(index) => Ok(index),
        Err(OpenFailure::Missing) => anyhow::bail!("{} vanished", generation.display()),
        Err(OpenFailure::Stale) => anyhow::bail!("{} holds another index", generation.display()),
        Err(OpenFailure::Broken(why)) => anyhow::bail!("{why}"),
    }
}

/// Renames an unusable generation out of the way (atomically) and deletes it. Readers that
/// still have its files open keep working.
fn move_aside(dir: &Path, generation: &Path) {
    if !generation.exists() {
        return;
    }
    let nanos = SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or_default();
    let trash = dir.join(format!(".trash-{}-{nanos}", std::process::id()));
    if fs::rename(generation, &trash).is_ok() {
        let _ = fs::remove_dir_all(&trash);
    }
}

/// Deletes generations built for other guides or program versions. Best effort: a process
/// still reading one keeps its open files.
fn remove_other_generations(dir: &Path, keep: &Path) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.filter_map(Result::ok) {
        let name = entry.file_name().to_string_lossy().into_owned();
        let path = entry.path();
        if (name.starts_with(GENERATION_PREFIX) || name.starts_with(".trash-")) && path != keep {
            let _ = fs::remove_dir_all(&path);
        }
    }
}

/// Removes `.build-*` folders left by builds that crashed; recent ones may be in progress.
fn remove_crashed_builds(dir: &Path) {
    leftovers::remove_left_behind(
        dir,
        STALE_BUILD_AGE,
        |name| name.starts_with(".build-"),
        |path| fs::remove_dir_all(path),
    );
}

fn write_documents(
    index: &Index,
    fields: &schema::Fields,
    guide: &Guide,
    fp: &str,
) -> anyhow::Result<()> {
    let mut writer: IndexWriter = index.writer_with_num_threads(1, WRITER_MEMORY)?;
    for section in &guide.sections {
        writer.add_document(section_document(guide, section, fields))?;
    }
    let mut commit = writer.prepare_commit()?;
    commit.set_payload(fp);
    commit.commit()?;
    writer.wait_merging_threads()?;
    Ok(())
}

/// The index document of a section, from its outline: each block goes to the field it is
/// weighted in (the answer and key points lead, numbers and cautions are detail, the body
/// and disagreements body). Evidence, references and links are not searched.
fn section_document(guide: &Guide, s: &Section, f: &schema::Fields) -> TantivyDocument {
    let topic_title = guide
        .topic(&s.topic)
        .map(|t| t.title.as_str())
        .unwrap_or("");
    let mut lead = Vec::new();
    let mut detail = Vec::new();
    let mut fact_rows = Vec::new();
    let mut body = Vec::new();
    for block in outline(guide, s) {
        match block {
            Block::BottomLine(text) => lead.push(text.to_string()),
            Block::KeyPoints(points) => lead.extend(points.iter().cloned()),
            Block::KeyNumbers(rows) => {
                for row in rows {
                    let line = format!("{}: {}", row.fact.label, row.value);
                    fact_rows.push(one_line(&line));
                    detail.push(line);
                    detail.extend(row.fact.note.iter().cloned());
                }
            }
            Block::Cautions(lines) => detail.extend(lines.iter().map(|c| c.text.to_string())),
            Block::Body(md) => body.push(body_text(md)),
            Block::SourcesDiffer(d) => {
                body.push(d.point.to_string());
                body.extend(d.note.map(str::to_string));
                // A claim is indexed under the label it is shown with, like the rest of the text.
                body.extend(
                    d.claims
                        .iter()
                        .map(|(source, says)| format!("{source}: {says}")),
                );
            }
            Block::Title { .. } | Block::Evidence(_) | Block::References(_) | Block::SeeAlso(_) => {
            }
        }
    }
    let lead = sentences(&lead);
    let detail = sentences(&detail);
    let body = sentences(&body);
    let tags = s.tags.join(" ");
    let plain = [s.title.as_str(), &lead, &detail, &body, &tags, topic_title].join(" ");
    let text = one_line(&sentences(&[lead.clone(), detail.clone(), body.clone()]));

    let mut doc = TantivyDocument::default();
    doc.add_text(f.id, &s.id);
    doc.add_text(f.title, &s.title);
    doc.add_text(f.lead, &lead);
    doc.add_text(f.detail, &detail);
    doc.add_text(f.body, &body);
    doc.add_text(f.tags, &tags);
    doc.add_text(f.topic_title, topic_title);
    doc.add_text(f.topic, &s.topic);
    doc.add_text(f.plain, &plain);
    doc.add_text(f.path, &s.path);
    doc.add_text(f.text, &text);
    doc.add_text(f.summary, one_line(&s.summary));
    doc.add_text(f.facts, fact_rows.join("\n"));
    doc
}

/// A Markdown body as plain sentences (no markup characters to match or show).
pub(crate) fn body_text(body: &str) -> String {
    let mut parts: Vec<String> = Vec::new();
    for block in markdown::parse(body) {
        match block {
            MdBlock::Paragraph(spans) | MdBlock::Heading(spans) | MdBlock::Quote(spans) => {
                parts.push(markdown::plain(&spans));
            }
            MdBlock::Item { spans, .. } => parts.push(markdown::plain(&spans)),
            MdBlock::Code(code) => parts.push(code),
            MdBlock::Table { header, rows } => {
                parts.push(header.join(", "));
                parts.extend(rows.iter().map(|r| r.join(", ")));
            }
            MdBlock::Rule => {}
        }
    }
    one_line(&parts.join(" "))
}

/// Joins pieces of text as sentences, adding a full stop only where one is missing.
fn sentences(parts: &[String]) -> String {
    let mut out = String::new();
    for p in parts.iter().map(|p| p.trim()).filter(|p| !p.is_empty()) {
        if !out.is_empty() {
            if !out.ends_with(['.', '!', '?', ':', ';']) {
                out.push('.');
            }
            out.push(' ');
        }
        out.push_str(p);
    }
    out
}

/// Collapses all whitespace runs to single spaces, so snippets are one line.
fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::schema::{Field, Value};

    /// Every block that is searched reaches the field it is weighted in, so the index
    /// document is drawn from the same outline as every other output.
    #[test]
    fn the_index_document_carries_every_searched_block() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("guide");
        let guide = match crate::content::load_dir(&dir) {
            Ok(l) => l.guide,
            Err(p) => panic!("shipped guide: {}", p[0].headline()),
        };
        let (_, f) = schema::build();
        for s in &guide.sections {
            let doc = section_document(&guide, s, &f);
            let value = |field: Field| {
                doc.get_first(field)
                    .and_then(|v| v.as_str())
                    .unwrap_or_default()
                    .to_string()
            };
            let has = |field: Field, text: &str| {
                let words: Vec<&str> = text.split_whitespace().take(4).collect();
                let want = words.join(" ");
                assert!(
                    one_line(&value(field)).contains(&want),
                    "{}: '{want}' not indexed",
                    s.id
                );
            };
            for block in outline(&guide, s) {
                match block {
                    Block::Title { title, .. } => has(f.title, title),
                    Block::BottomLine(text) => has(f.lead, text),
                    Block::KeyPoints(points) => points.iter().for_each(|p| has(f.lead, p)),
                    Block::KeyNumbers(rows) => {
                        rows.iter().for_each(|r| has(f.facts, &r.fact.label))
                    }
                    Block::Cautions(lines) => lines.iter().for_each(|c| has(f.detail, c.text)),
                    Block::Body(md) => has(f.body, &body_text(md)),
                    Block::SourcesDiffer(d) => has(f.body, d.point),
                    Block::Evidence(_) | Block::References(_) | Block::SeeAlso(_) => {}
                }
            }
        }
    }
}
