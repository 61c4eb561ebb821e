//! Compiles the shipped guide into the binary so `mnguide` works offline from any folder.

use std::env;
use std::fs;
use std::path::{Path, PathBuf};

fn main() {
    let root =
        PathBuf::from(env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    let guide = root.join("guide");
    println!("cargo:rerun-if-changed=guide");

    // A position-independent executable makes the loader patch some 30,000 pointers at
    // every start, touching (and copying) hundreds of pages: about a third of the start-up
    // cost of a one-off `mnguide search`. The program is never loaded as a library, so on
    // Linux with the GNU toolchain it is linked at a fixed address instead.
    let target_os = env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    let target_env = env::var("CARGO_CFG_TARGET_ENV").unwrap_or_default();
    if target_os == "linux" && target_env == "gnu" {
        println!("cargo:rustc-link-arg-bins=-no-pie");
    }

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
