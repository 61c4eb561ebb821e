//! A validated guide saved as JSON beside the search index, so start-up skips TOML parsing
//! and validation (most of the time before the first frame or the first search hit).
//!
//! The cache is keyed by the guide's content hash and this binary's version: any change to
//! a guide file, or a new mnguide, misses it and the guide is validated in full again.
//! The cache is an optimisation only: every failure to read or write it is ignored.

use std::path::{Path, PathBuf};

use super::files::{self, GuideFile};
use super::model::*;
use super::{GuideSource, Loaded, Problem, load_files};

/// Bumped whenever the model's meaning changes in a way its JSON shape would not show.
const CACHE_VERSION: u32 = 3;

fn cache_path(dir: &Path, content_hash: &str) -> PathBuf {
    let key = blake3::hash(
        format!(
            "{content_hash}/{}/{CACHE_VERSION}",
            env!("CARGO_PKG_VERSION")
        )
        .as_bytes(),
    )
    .to_hex();
    dir.join(format!("guide-cache-{}.json", &key[..16]))
}

/// Loads a guide, from the cache in `cache_dir` when it matches the files exactly. A guide
/// with warnings is never cached, so `check` and a fresh load always show them.
pub fn load_cached(source: &GuideSource, cache_dir: &Path) -> Result<Loaded, Vec<Problem>> {
    let origin = source.describe();
    // A guide folder none of whose files was written since its hash was remembered (see
    // `hash_memo`) is loaded from the cache without reading its files at all.
    let snapshot = match source {
        GuideSource::Dir(dir) => super::hash_memo::Snapshot::take(dir),
        GuideSource::Embedded => None,
    };
    if let Some(hash) = snapshot.as_ref().and_then(|s| s.remembered(cache_dir))
        && let Some(guide) = read(&cache_path(cache_dir, &hash), &hash, &origin)
    {
        return Ok(Loaded {
            guide,
            warnings: Vec::new(),
        });
    }
    let files: Vec<GuideFile> = super::read_files(source)?;
    let hash = files::content_hash(&files);
    if let Some(snapshot) = snapshot {
        snapshot.remember(cache_dir, &hash);
    }
    let path = cache_path(cache_dir, &hash);
    if let Some(guide) = read(&path, &hash, &origin) {
        return Ok(Loaded {
            guide,
            warnings: Vec::new(),
        });
    }
    let loaded = load_files(&files, &origin)?;
    if loaded.warnings.is_empty() {
        write(cache_dir, &path, &loaded.guide);
    }
    Ok(loaded)
}

fn read(path: &Path, hash: &str, origin: &str) -> Option<Guide> {
    let bytes = crate::store::read_bounded(path, MAX_CACHE).ok()?;
    let contents: Contents = serde_json::from_slice(&bytes).ok()?;
    let guide = Guide::new(contents, hash.to_string(), origin.to_string());
    // The cache lives beside the index, which other programs may write: it is re-checked
    // for what validation refuses and a renderer must never print. A tampered one is
    // ignored, and the guide is validated from its files instead.
    if super::hostile::first_unsafe_string(&guide).is_some() {
        return None;
    }
    Some(guide)
}

/// Largest cache read; a real one is a few hundred kilobytes.
const MAX_CACHE: u64 = 64 * 1024 * 1024;

fn write(dir: &Path, path: &Path, guide: &Guide) {
    let snapshot = Contents {
        meta: guide.meta.clone(),
        sources: guide.sources.clone(),
        topics: guide.topics.clone(),
        sections: guide.sections.clone(),
        quiz: guide.quiz.clone(),
        synonyms: guide.synonyms.clone(),
    };
    if std::fs::create_dir_all(dir).is_err() {
        return;
    }
    if crate::store::write_json_atomic(path, &snapshot).is_ok() {
        // Older caches of this guide are dead weight now.
        if let Ok(entries) = std::fs::read_dir(dir) {
            for e in entries.flatten() {
                let p = e.path();
                let name = e.file_name();
                let name = name.to_string_lossy();
                if p != path && name.starts_with("guide-cache-") && name.ends_with(".json") {
                    let _ = std::fs::remove_file(p);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixture() -> GuideSource {
        GuideSource::Dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/valid"))
    }

    #[test]
    fn a_cached_guide_equals_a_validated_one() {
        let dir = tempfile::tempdir().expect("tempdir");
        let fresh = load_cached(&fixture(), dir.path()).expect("loads").guide;
        let cached_files: Vec<_> = std::fs::read_dir(dir.path())
            .expect("dir")
            .flatten()
            .filter(|e| e.file_name().to_string_lossy().starts_with("guide-cache-"))
            .collect();
        assert_eq!(cached_files.len(), 1, "one cache file written");
        let again = load_cached(&fixture(), dir.path()).expect("loads").guide;
        assert_eq!(
            serde_json::to_string(&again.sections).expect("json"),
            serde_json::to_string(&fresh.sections).expect("json")
        );
        assert_eq!(again.content_hash, fresh.content_hash);
        assert_eq!(
            again.section("two").map(|s| s.title.as_str()),
            Some("Section two")
        );
    }

    #[test]
    fn an_unchanged_guide_is_loaded_from_the_cache_its_remembered_hash_names() {
        let dir = tempfile::tempdir().expect("tempdir");
        let guide = load_cached(&fixture(), dir.path()).expect("loads").guide;
        // The memo names another hash, whose cache says something else: a load that read
        // the files would hash them and find the first cache instead.
        let text =
            std::fs::read_to_string(cache_path(dir.path(), &guide.content_hash)).expect("cache");
        let other = "0".repeat(64);
        std::fs::write(
            cache_path(dir.path(), &other),
            text.replace("Section two", "Section deux"),
        )
        .expect("writes");
        let GuideSource::Dir(guide_dir) = fixture() else {
            unreachable!("the fixture is a folder")
        };
        let snapshot = super::super::hash_memo::Snapshot::take(&guide_dir).expect("stamps");
        snapshot.remember(dir.path(), &other);
        let again = load_cached(&fixture(), dir.path()).expect("loads").guide;
        assert_eq!(
            again.section("two").map(|s| s.title.as_str()),
            Some("Section deux"),
            "answered from the remembered hash's cache"
        );
    }

    #[test]
    fn a_damaged_cache_is_ignored_and_replaced() {
        let dir = tempfile::tempdir().expect("tempdir");
        let guide = load_cached(&fixture(), dir.path()).expect("loads").guide;
        let path = cache_path(dir.path(), &guide.content_hash);
        std::fs::write(&path, b"{ not json").expect("damage");
        let again = load_cached(&fixture(), dir.path())
            .expect("still loads")
            .guide;
        assert_eq!(again.sections.len(), guide.sections.len());
        let text = std::fs::read_to_string(&path).expect("rewritten");
        assert!(text.contains("Section two"));
    }

    #[test]
    fn a_cache_with_control_or_bidi_characters_is_ignored() {
        let dir = tempfile::tempdir().expect("tempdir");
        let guide = load_cached(&fixture(), dir.path()).expect("loads").guide;
        let path = cache_path(dir.path(), &guide.content_hash);
        let text = std::fs::read_to_string(&path).expect("cache");
        for injected in [
            "Section \\u001b]0;owned\\u0007two",
            "Section \\u202etwo",
            "Section &#x9b;two",
        ] {
            std::fs::write(&path, text.replace("Section two", injected)).expect("tamper");
            let again = load_cached(&fixture(), dir.path()).expect("loads").guide;
            assert_eq!(
                again.section("two").map(|s| s.title.as_str()),
                Some("Section two"),
                "{injected}"
            );
        }
    }

    #[test]
    fn a_changed_guide_misses_the_cache() {
        let dir = tempfile::tempdir().expect("tempdir");
        let guide_dir = tempfile::tempdir().expect("tempdir");
        let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/valid");
        for rel in [
            "guide.toml",
            "topics/01-first.toml",
            "topics/02-second.toml",
            "quiz/items.toml",
        ] {
            let to = guide_dir.path().join(rel);
            std::fs::create_dir_all(to.parent().expect("parent")).expect("mkdir");
            std::fs::copy(src.join(rel), &to).expect("copy");
        }
        let source = GuideSource::Dir(guide_dir.path().to_path_buf());
        load_cached(&source, dir.path()).expect("loads");
        let topic = guide_dir.path().join("topics/02-second.toml");
        let text = std::fs::read_to_string(&topic).expect("read");
        std::fs::write(&topic, text.replace("Section three", "Section drei")).expect("edit");
        let edited = load_cached(&source, dir.path()).expect("loads").guide;
        assert_eq!(
            edited.section("three").map(|s| s.title.as_str()),
            Some("Section drei")
        );
        // A broken edit is reported, not hidden behind the old cache.
        std::fs::write(&topic, "id = ").expect("break");
        assert!(load_cached(&source, dir.path()).is_err());
    }
}
