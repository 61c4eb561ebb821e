//! Guides the benches measure on: the shipped one and generated ones of any size.

// Each bench uses part of this module.
#![allow(dead_code)]

use std::path::Path;

use mnguide::content::{Guide, load_dir, load_files};

mod synthetic;
pub use synthetic::synthetic_guide_files;

pub fn shipped() -> Guide {
    // The benches are their own package in benches/; the guide is the project's.
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../guide");
    match load_dir(&dir) {
        Ok(l) => l.guide,
        Err(p) => panic!("shipped guide: {p:?}"),
    }
}

pub fn synthetic(sections: usize) -> Guide {
    match load_files(&synthetic_guide_files(sections), "<synthetic guide>") {
        Ok(l) => l.guide,
        Err(p) => panic!("synthetic guide: {p:?}"),
    }
}
