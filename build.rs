//! Compiles the shipped guide into the binary so `mnguide` works offline from any folder.

use std::env;
use std::fs;
use std::path::{Path, PathBuf};

fn main() {
    let root =
        PathBuf::from(env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    let guide = root.join("guide");
    println!("cargo:rerun-if-changed=guide");

    let mut rels = Vec::new();
    collect(&guide, &guide, &mut rels);
    rels.sort();

    let mut out = String::from("pub static FILES: &[(&str, &str)] = &[\n");
    for rel in rels {
        let abs = guide.join(&rel);
        out.push_str(&format!(
            "    ({:?}, include_str!({:?})),\n",
            rel,
            abs.display().to_string()
        ));
    }
    out.push_str("];\n");
    let dest =
        PathBuf::from(env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("embedded_guide.rs");
    fs::write(dest, out).expect("write embedded guide list");
}

fn collect(root: &Path, dir: &Path, out: &mut Vec<String>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(root, &path, out);
        } else if path.extension().is_some_and(|e| e == "toml") {
            let rel = path
                .strip_prefix(root)
                .expect("walked below root")
                .to_string_lossy()
                .replace('\\', "/");
            out.push(rel);
        }
    }
}
