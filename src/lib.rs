//! mnguide: an offline terminal reference guide. The guide is data (`guide/*.toml`); this
//! library loads and validates it, indexes it for search, and serves the CLI, the terminal
//! browser and the quiz from one immutable model.

pub mod analyzer;
pub mod cli;
pub mod content;
pub mod env;
pub mod format;
pub mod leftovers;
pub mod markdown;
pub mod paths;
pub mod quiz;
pub mod render;
pub mod search;
pub mod store;
pub mod term;
pub mod tui;
