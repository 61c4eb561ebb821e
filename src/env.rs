//! What every front end needs before it starts: where the guide and its index are, the
//! guide itself (loaded and validated once), and how output is coloured. The command line
//! and the browser both take an `&Env`, so neither depends on the other for it, and the
//! guide is shared (an `Arc`), never copied, when the browser hands it to its search thread.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::content::{self, Guide, GuideSource, Problem};
use crate::paths;
use crate::term::{self, ColorChoice, Painter};

/// Where the guide is read from and where its index lives, by the precedence in the README
/// (flag, environment variable, `./guide` and `./index`, the built-in guide and the cache).
#[derive(Debug, Clone)]
pub struct Locations {
    pub guide_source: GuideSource,
    pub index_dir: PathBuf,
}

impl Locations {
    pub fn find(guide: Option<&Path>, index_dir: Option<&Path>) -> Locations {
        let guide_source = paths::guide_source(guide);
        let index_dir = paths::index_dir(index_dir, &guide_source);
        Locations {
            guide_source,
            index_dir,
        }
    }
}

/// How much checking a load does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Validation {
    /// Validate every file (`mnguide check`).
    Full,
    /// Start from the validated guide cached beside the index when the files are unchanged.
    Cached,
}

/// The loaded guide and everything located around it.
pub struct Env {
    pub guide: Arc<Guide>,
    pub guide_source: GuideSource,
    pub index_dir: PathBuf,
    /// `--color` as given; each output decides with it whether its stream gets colour.
    pub color: ColorChoice,
    /// How standard output is painted.
    pub painter: Painter,
    /// Columns of standard output.
    pub width: usize,
    /// Warnings from loading, for `check` to print.
    pub warnings: Vec<Problem>,
}

impl Env {
    /// Loads and validates the guide at `at`; on failure, every problem found.
    pub fn load(
        at: Locations,
        color: ColorChoice,
        validation: Validation,
    ) -> Result<Env, Vec<Problem>> {
        let loaded = match validation {
            Validation::Full => content::load(&at.guide_source),
            Validation::Cached => content::load_cached(&at.guide_source, &at.index_dir),
        }?;
        Ok(Env {
            guide: Arc::new(loaded.guide),
            guide_source: at.guide_source,
            index_dir: at.index_dir,
            color,
            painter: stdout_painter(color),
            width: term::width(),
            warnings: loaded.warnings,
        })
    }
}

/// How standard output is painted: colour by `--color`, `NO_COLOR` and whether it is a
/// terminal.
pub fn stdout_painter(color: ColorChoice) -> Painter {
    Painter {
        color: term::use_color(color),
    }
}
