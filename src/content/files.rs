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

    let mut rels = vec!["guide.toml".to_string()];
    if dir.join("synonyms.toml").is_file() {
        rels.push("synonyms.toml".to_string());
    }
    for sub in ["topics", "quiz"] {
        let Ok(entries) = fs::read_dir(dir.join(sub)) else {
            continue;
        };
        let mut names: Vec<String> = entries
            .filter_map(Result::ok)
            .filter(|e| e.path().is_file())
            .filter_map(|e| e.file_name().into_string().ok())
            .filter(|n| n.ends_with(".toml"))
            .collect();
        names.sort();
        rels.extend(names.into_iter().map(|n| format!("{sub}/{n}")));
    }

    for rel in rels {
        match fs::read(dir.join(&rel)) {
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
            Err(err) => problems.push(
                Problem::whole_file(&shown(&rel), format!("cannot read file: {err}"))
                    .with_help("every guide needs a guide.toml at its top level"),
            ),
        }
    }
    if problems.is_empty() {
        Ok(files)
    } else {
        Err(problems)
    }
}

/// A stable hash of every file's path and contents: the guide's identity for the index.
pub fn content_hash(files: &[GuideFile]) -> String {
    let mut sorted: Vec<&GuideFile> = files.iter().collect();
    sorted.sort_by(|a, b| a.rel.cmp(&b.rel));
    let mut hasher = blake3::Hasher::new();
    for f in sorted {
        hasher.update(f.rel.as_bytes());
        hasher.update(&[0]);
        hasher.update(f.text.as_bytes());
        hasher.update(&[0]);
    }
    hasher.finalize().to_hex().to_string()
}
