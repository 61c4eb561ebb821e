//! What an index was built from. Stored in the commit payload (and in the index folder's
//! name), so an index built by another schema, tantivy version or guide is never trusted.

use crate::content::Guide;

/// Bump whenever the schema, the analyzers, what goes into each field or the files saved
/// beside the index change.
pub const SCHEMA_VERSION: u32 = 3;

pub fn fingerprint(guide: &Guide) -> String {
    fingerprint_of(&guide.content_hash)
}

/// blake3 of the schema version, tantivy's version, this program's version and the guide's
/// content hash (which covers every guide file, synonyms included). The program version is
/// in it because an index also vouches that its guide passed this program's validation:
/// `mnguide search` trusts a current index without loading the guide.
pub fn fingerprint_of(content_hash: &str) -> String {
    let material = format!(
        "mnguide-index schema={SCHEMA_VERSION}\ntantivy={}\nmnguide={}\nguide={content_hash}\n",
        tantivy::version_string(),
        env!("CARGO_PKG_VERSION"),
    );
    blake3::hash(material.as_bytes()).to_hex().to_string()
}

/// The folder an index with this fingerprint lives in, inside the index location.
pub fn generation_dir_name(fingerprint: &str) -> String {
    let short: String = fingerprint.chars().take(16).collect();
    format!("{GENERATION_PREFIX}{short}")
}

pub const GENERATION_PREFIX: &str = "gen-";
