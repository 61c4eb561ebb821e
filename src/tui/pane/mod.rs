//! One file per pane; each draws part of the `App` into a buffer.

pub mod about;
pub mod bookmarks;
pub mod help;
pub mod overlay;
pub mod quiz;
pub mod reader;
pub mod reader_state;
pub mod references;
pub mod scrolled;
pub mod search;
pub mod status;
pub mod tree;
