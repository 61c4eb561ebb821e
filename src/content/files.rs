//! Where guide files come from: a folder on disk, or the copy compiled into the binary.

use std::fs;
use std::path::Path;
use std::sync::Arc;

use super::diagnostics::Problem;

/// One guide file's text, with the name shown in messages and its path inside the guide.
#[derive(Debug, Clone)]
pub struct GuideFile {
    /// As shown to the user, e.g. `guide/topics/01-basics.toml`.
    pub name: String,
    /// Relative to the guide root with `/` separators, e.g. `topics/01-basics.toml`.
    pub rel: String,
    pub text: Arc<String>,
}

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/embedded_guide.rs"));
}

/// The guide shipped with this binary, so an installed `mnguide` works offline anywhere.
pub fn embedded_files() -> Vec<GuideFile> {
    embedded::FILES
        .iter()
        .map(|(rel, text)| GuideFile {
            name: format!("<embedded guide>/{rel}"),
            rel: (*rel).to_string(),
            text: Arc::new((*text).to_string()),
        })
        .collect()
}

/// Reads `guide.toml`, `synonyms.toml`, `topics/*.toml` and `quiz/*.toml` below `dir`.
pub fn read_dir(dir: &Path) -> Result<Vec<GuideFile>, Vec<Problem>> {
    let shown = |rel: &str| dir.join(rel).display().to_string();
    let mut problems = Vec::new();
    let mut files = Vec::new();

    if !dir.is_dir() {
        return Err(vec![
            Problem::whole_file(&dir.display().to_string(), "guide folder not found")
                .with_help("pass a folder holding guide.toml with --guide DIR"),
        ]);
    }

    let (rels, listing) = guide_rels(dir);
    problems.extend(listing);
    for rel in rels {
        let path = dir.join(&rel);
        match crate::store::read_bounded(&path, MAX_GUIDE_FILE) {
            Ok(bytes) => match String::from_utf8(bytes) {
                Ok(text) => files.push(GuideFile {
                    name: shown(&rel),
                    rel,
                    text: Arc::new(text),
                }),
                Err(_) => problems.push(Problem::whole_file(
                    &shown(&rel),
                    "file is not valid UTF-8 text",
                )),
            },
            Err(err) if rel == "guide.toml" && err.kind() == std::io::ErrorKind::NotFound => {
                problems.push(
                    Problem::whole_file(&shown(&rel), format!("cannot read file: {err}"))
                        .with_help("every guide needs a guide.toml at its top level"),
                )
            }
            Err(err) => problems.push(Problem::whole_file(
                &shown(&rel),
                format!("cannot read file: {err}"),
            )),
        }
    }
    if problems.is_empty() {
        Ok(files)
    } else {
        Err(problems)
    }
}

/// Largest guide file read: the biggest shipped one is a few dozen kilobytes; a file far
/// larger is a mistake (or a link to a device) and would only make every screen slow.
pub const MAX_GUIDE_FILE: u64 = 4 * 1024 * 1024;

/// The guide files below `dir`, relative to it: `guide.toml`, `synonyms.toml` when there is
/// one, then `topics/*.toml` and `quiz/*.toml` in name order. Entries that look like guide
/// files but cannot be used (folders, pipes, broken links, names that are not UTF-8 or end
/// in another case of `.toml`) are reported, never skipped in silence.
pub(super) fn guide_rels(dir: &Path) -> (Vec<String>, Vec<Problem>) {
    let mut rels = vec!["guide.toml".to_string()];
    let mut problems = Vec::new();
    let synonyms = dir.join("synonyms.toml");
    if fs::symlink_metadata(&synonyms).is_ok() {
        rels.push("synonyms.toml".to_string());
    }
    for sub in ["topics", "quiz"] {
        let folder = dir.join(sub);
        let entries = match fs::read_dir(&folder) {
            Ok(entries) => entries,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
            Err(e) => {
                problems.push(Problem::whole_file(
                    &folder.display().to_string(),
                    format!("cannot read the folder {sub}/: {e}; its files would be missing"),
                ));
                continue;
            }
        };
        let mut names = Vec::new();
        for entry in entries {
            let entry = match entry {
                Ok(e) => e,
                Err(e) => {
                    problems.push(Problem::whole_file(
                        &folder.display().to_string(),
                        format!("cannot list the folder {sub}/: {e}"),
                    ));
                    continue;
                }
            };
            let shown = entry.path().display().to_string();
            let Ok(name) = entry.file_name().into_string() else {
                problems.push(
                    Problem::whole_file(&shown, "file name is not valid UTF-8")
                        .with_help("rename it; guide files need UTF-8 names ending in .toml"),
                );
                continue;
            };
            if !name.ends_with(".toml") {
                if name.to_ascii_lowercase().ends_with(".toml") {
                    problems.push(
                        Problem::whole_file(&shown, "name ends in another case of `.toml`")
                            .with_help("rename it to end in `.toml` (lower case) to include it"),
                    );
                }
                continue;
            }
            // Follows links: a link to a file is fine, one to nowhere is reported.
            match fs::metadata(entry.path()) {
                Ok(m) if m.is_file() => names.push(name),
                Ok(m) if m.is_dir() => {
                    problems.push(Problem::whole_file(&shown, "is a folder, not a guide file"))
                }
                Ok(_) => problems.push(Problem::whole_file(
                    &shown,
                    "is not a regular file (a pipe, socket or device)",
                )),
                Err(e) => problems.push(Problem::whole_file(
                    &shown,
                    format!("is a link that leads nowhere or cannot be followed: {e}"),
                )),
            }
        }
        names.sort();
        rels.extend(names.into_iter().map(|n| format!("{sub}/{n}")));
    }
    (rels, problems)
}

/// Hashes guide files given in order of their `rel` path; the one place the scheme lives.
struct GuideHasher(blake3::Hasher);

impl GuideHasher {
    fn new() -> Self {
        GuideHasher(blake3::Hasher::new())
    }

    fn add(&mut self, rel: &str, contents: &[u8]) {
        self.0.update(rel.as_bytes());
        self.0.update(&[0]);
        self.0.update(contents);
        self.0.update(&[0]);
    }

    fn finish(&self) -> String {
        self.0.finalize().to_hex().to_string()
    }
}

/// A stable hash of every file's path and contents: the guide's identity for the index.
pub fn content_hash(files: &[GuideFile]) -> String {
    let mut sorted: Vec<&GuideFile> = files.iter().collect();
    sorted.sort_by(|a, b| a.rel.cmp(&b.rel));
    let mut hasher = GuideHasher::new();
    for f in sorted {
        hasher.add(&f.rel, f.text.as_bytes());
    }
    hasher.finish()
}

/// [`content_hash`] of the guide in `dir`, streaming each file through the hasher instead
/// of keeping its text: what a search on a current index needs, and nothing more. `None`
/// when a file cannot be read (loading the guide will say why).
pub fn hash_dir(dir: &Path) -> Option<String> {
    let (mut rels, problems) = guide_rels(dir);
    if !problems.is_empty() {
        return None;
    }
    rels.sort();
    let mut hasher = GuideHasher::new();
    // One buffer for every file: fresh memory for each would cost more than the hashing.
    let mut buf = Vec::with_capacity(64 * 1024);
    for rel in rels {
        buf.clear();
        let path = dir.join(&rel);
        // Never open a pipe or a device: the full load reports those.
        if !fs::metadata(&path).is_ok_and(|m| m.is_file() && m.len() <= MAX_GUIDE_FILE) {
            return None;
        }
        fs::File::open(&path)
            .and_then(|f| {
                std::io::Read::read_to_end(&mut std::io::Read::take(f, MAX_GUIDE_FILE), &mut buf)
            })
            .ok()?;
        hasher.add(&rel, &buf);
    }
    Some(hasher.finish())
}

/// [`content_hash`] of the guide built into the binary, without copying its text.
pub fn embedded_hash() -> String {
    let mut sorted: Vec<&(&str, &str)> = embedded::FILES.iter().collect();
    sorted.sort_by_key(|(rel, _)| *rel);
    let mut hasher = GuideHasher::new();
    for (rel, text) in sorted {
        hasher.add(rel, text.as_bytes());
    }
    hasher.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashing_a_folder_equals_hashing_its_files() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        for dir in [root.join("guide"), root.join("tests/fixtures/valid")] {
            let files = read_dir(&dir).expect("reads");
            assert_eq!(
                hash_dir(&dir),
                Some(content_hash(&files)),
                "{}",
                dir.display()
            );
        }
        assert_eq!(hash_dir(&root.join("no-such-guide")), None);
        assert_eq!(embedded_hash(), content_hash(&embedded_files()));
        assert_eq!(
            embedded_hash(),
            hash_dir(&root.join("guide")).expect("hashes"),
            "the binary carries the guide in guide/"
        );
    }
}
