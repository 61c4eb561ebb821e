//! Shared helpers for the tests that run the built binary: where the guides are, and a
//! command that never sees the developer's own guide or index settings.

use std::path::{Path, PathBuf};

use assert_cmd::Command;

/// The guide shipped in `guide/`.
pub fn guide_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("guide")
}

/// A fixture guide in `tests/fixtures/<name>`.
pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// `mnguide` with `MNGUIDE_GUIDE` and `MNGUIDE_INDEX` removed, so a test decides which guide
/// and index folder it uses whatever the shell that runs `cargo test` has set.
pub fn mnguide_bin() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_mnguide"));
    cmd.env_remove("MNGUIDE_GUIDE").env_remove("MNGUIDE_INDEX");
    cmd
}
