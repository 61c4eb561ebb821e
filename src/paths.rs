//! Picks the guide and index locations, in the documented order of precedence.

use std::path::{Path, PathBuf};

use crate::content::GuideSource;

pub const GUIDE_ENV: &str = "MNGUIDE_GUIDE";
pub const INDEX_ENV: &str = "MNGUIDE_INDEX";

/// `--guide DIR` > `MNGUIDE_GUIDE` > `./guide` when it holds a guide > the embedded copy.
/// (clap fills `flag` from the environment variable too.)
pub fn guide_source(flag: Option<&Path>) -> GuideSource {
    if let Some(dir) = flag {
        return GuideSource::Dir(dir.to_path_buf());
    }
    let local = Path::new("guide");
    if local.join("guide.toml").is_file() {
        return GuideSource::Dir(local.to_path_buf());
    }
    GuideSource::Embedded
}

/// `--index-dir DIR` > `MNGUIDE_INDEX` > `./index` when the guide is `./guide` > the
/// platform cache folder (one index per guide location, so two guides never fight).
pub fn index_dir(flag: Option<&Path>, guide: &GuideSource) -> PathBuf {
    if let Some(dir) = flag {
        return dir.to_path_buf();
    }
    if *guide == GuideSource::Dir(PathBuf::from("guide")) {
        return PathBuf::from("index");
    }
    let key = blake3::hash(guide.describe().as_bytes()).to_hex();
    let name = format!("index-{}", &key[..12]);
    match directories::ProjectDirs::from("", "", "mnguide") {
        Some(dirs) => dirs.cache_dir().join(name),
        None => std::env::temp_dir().join("mnguide").join(name),
    }
}

/// The platform data folder, where progress, bookmarks and history live.
pub fn data_dir() -> PathBuf {
    if let Some(dir) = set_var("MNGUIDE_DATA") {
        return dir;
    }
    match directories::ProjectDirs::from("", "", "mnguide") {
        Some(dirs) => dirs.data_dir().to_path_buf(),
        None => std::env::temp_dir().join("mnguide-data"),
    }
}

/// The platform config folder, where `config.toml` lives.
pub fn config_dir() -> PathBuf {
    if let Some(dir) = set_var("MNGUIDE_CONFIG") {
        return dir;
    }
    match directories::ProjectDirs::from("", "", "mnguide") {
        Some(dirs) => dirs.config_dir().to_path_buf(),
        None => std::env::temp_dir().join("mnguide-config"),
    }
}

/// Every variable mnguide reads a path from.
pub const PATH_VARS: &[&str] = &[GUIDE_ENV, INDEX_ENV, "MNGUIDE_DATA", "MNGUIDE_CONFIG"];

/// A path variable's value; an empty one counts as unset (as `NO_COLOR=` does), so
/// `MNGUIDE_DATA= mnguide` does not write into the current folder.
fn set_var(name: &str) -> Option<PathBuf> {
    std::env::var_os(name)
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
}

/// Removes path variables that are set but empty, before the command line is parsed:
/// clap would otherwise take `MNGUIDE_GUIDE=` as `--guide ""` and complain about a flag
/// the user never typed.
pub fn drop_empty_path_vars() {
    for name in PATH_VARS {
        if std::env::var_os(name).is_some_and(|v| v.is_empty()) {
            // SAFETY: called first thing in main, before any other thread exists.
            unsafe { std::env::remove_var(name) };
        }
    }
}
