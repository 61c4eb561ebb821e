//! The integration tests, one module per area, in one binary so `cargo test` links them once.
//! Shared helpers: `cli_support` (guide folders, the binary cut off from the caller's guide
//! settings) and `tui_support` (an app on a fixture guide, key sequences, a `TestBackend`).
//! The pseudo-terminal tests, which drive the real binary on a terminal, live in `tests/pty`.
// Helpers outside #[test] functions unwrap too: a failed unwrap is a failed run.
#![allow(clippy::unwrap_used)]

mod cli_support;
mod tui_support;

mod cli_errors;
mod cli_foundation;
mod faults;
mod fuzz_hostile;
mod guide_content;
mod hostile_cli;
mod layers;
mod loader_fuzz;
mod offline;
mod outline;
mod quiz_cli;
mod quiz_progress;
mod quiz_session;
mod references;
mod search_cli;
mod search_index;
mod search_matching;
mod search_quality;
mod store_atomic;
mod study_mode;
/// The generated guides the benches measure on, tested here because benches do not run
/// their own tests.
#[path = "../../benches/common/synthetic.rs"]
mod synthetic;
mod tui_cases;
mod tui_config;
mod tui_faults;
mod tui_flow;
mod tui_fuzz;
mod tui_quiz;
mod tui_snapshots;
