//! The guide: TOML files on disk (or compiled in) -> validated, immutable [`Guide`].

mod cache;
pub mod citation;
pub mod diagnostics;
pub mod files;
pub mod hash_memo;
pub mod hostile;
pub mod model;
pub mod outline;
mod raw;
mod synonym_check;
mod validate;

use std::path::{Path, PathBuf};

pub use cache::load_cached;
pub use diagnostics::{Problem, Severity};
pub use files::GuideFile;
pub use model::*;
pub use validate::{Loaded, load_files};

/// Where the guide is read from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GuideSource {
    Dir(PathBuf),
    Embedded,
}

impl GuideSource {
    pub fn describe(&self) -> String {
        match self {
            GuideSource::Dir(p) => p.display().to_string(),
            GuideSource::Embedded => "<embedded guide>".to_string(),
        }
    }
}

/// Reads and validates a guide; on failure returns every problem found.
pub fn load(source: &GuideSource) -> Result<Loaded, Vec<Problem>> {
    load_files(&read_files(source)?, &source.describe())
}

/// The guide's files as text, not yet parsed.
pub fn read_files(source: &GuideSource) -> Result<Vec<GuideFile>, Vec<Problem>> {
    match source {
        GuideSource::Dir(dir) => files::read_dir(dir),
        GuideSource::Embedded => Ok(files::embedded_files()),
    }
}

/// Loads the guide in `dir`; a shorthand for tests and benches.
pub fn load_dir(dir: &Path) -> Result<Loaded, Vec<Problem>> {
    load(&GuideSource::Dir(dir.to_path_buf()))
}
