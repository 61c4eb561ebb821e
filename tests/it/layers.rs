//! The top-level modules depend on each other one way only: each may use the modules of
//! lower layers, never one of its own layer or above, so there is no circle for a reader to
//! untangle. The edges are read from the `crate::` paths in `src/`.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

/// Lowest first. A module may use only the modules listed before its own line.
const LAYERS: &[&[&str]] = &[
    // File-system chores that know nothing of what the files hold.
    &["leftovers"],
    // Text, terminal and storage helpers that know nothing of the guide.
    &["analyzer", "format", "markdown", "store", "term"],
    // The guide: files, validation, the model, the outline of a section.
    &["content"],
    // Where the guide and the state files live.
    &["paths"],
    // What is made from the guide: the environment, the index, the quiz, plain text.
    &["env", "quiz", "render", "search"],
    // The two front ends, which do not use each other (`main.rs` dispatches to both).
    &["cli", "tui"],
];

fn layer_of(module: &str) -> Option<usize> {
    LAYERS.iter().position(|layer| layer.contains(&module))
}

/// The top-level modules a piece of source names through `crate::`, comments left out.
fn crate_modules(source: &str) -> BTreeSet<String> {
    let ident = |s: &str| -> String {
        s.trim_start()
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect()
    };
    let mut out = BTreeSet::new();
    for line in source.lines() {
        let code = line.trim_start();
        if code.starts_with("//") {
            continue;
        }
        let mut rest = code;
        while let Some(at) = rest.find("crate::") {
            rest = &rest[at + "crate::".len()..];
            if let Some(group) = rest.strip_prefix('{') {
                // `crate::{a, b::c, d::{e, f}}`: the first name of each top-level item.
                let mut depth = 0;
                let mut item_start = true;
                for (i, c) in group.char_indices() {
                    match c {
                        '{' => depth += 1,
                        '}' if depth == 0 => break,
                        '}' => depth -= 1,
                        ',' if depth == 0 => item_start = true,
                        _ if item_start && !c.is_whitespace() => {
                            out.insert(ident(&group[i..]));
                            item_start = false;
                        }
                        _ => {}
                    }
                }
            } else {
                out.insert(ident(rest));
            }
        }
    }
    out.remove("");
    out
}

fn rust_files(path: &Path, out: &mut Vec<PathBuf>) {
    if path.is_dir() {
        let mut entries: Vec<PathBuf> = fs::read_dir(path)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        entries.sort();
        for e in entries {
            rust_files(&e, out);
        }
    } else if path.extension().is_some_and(|e| e == "rs") {
        out.push(path.to_path_buf());
    }
}

/// Every top-level module of the library, by name, with its files.
fn modules() -> Vec<(String, Vec<PathBuf>)> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut out = Vec::new();
    for entry in fs::read_dir(&src).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        if name == "lib"
            || name == "main"
            || (path.is_file() && path.extension().is_none_or(|e| e != "rs"))
        {
            continue;
        }
        let mut files = Vec::new();
        rust_files(&path, &mut files);
        out.push((name, files));
    }
    out.sort();
    out
}

#[test]
fn crate_paths_are_read_from_use_lines_groups_and_inline_paths() {
    let source = "use crate::{search::analyzer, store};\n\
                  use crate::content::{Guide, Section};\n\
                  // crate::tui is only mentioned\n\
                  let g = crate::env::load();\n\
                  use crate::{quiz::{deck, progress}, term::clean};\n";
    let found: Vec<String> = crate_modules(source).into_iter().collect();
    assert_eq!(found, ["content", "env", "quiz", "search", "store", "term"]);
}

#[test]
fn top_level_modules_use_only_lower_layers() {
    let mut wrong = Vec::new();
    for (module, files) in modules() {
        let Some(own) = layer_of(&module) else {
            wrong.push(format!(
                "src/{module} is in no layer: add it to LAYERS in tests/it/layers.rs"
            ));
            continue;
        };
        for file in files {
            let source = fs::read_to_string(&file).unwrap();
            for used in crate_modules(&source) {
                if used == module {
                    continue;
                }
                match layer_of(&used) {
                    Some(l) if l < own => {}
                    _ => wrong.push(format!(
                        "{} uses crate::{used}, which is not below `{module}`",
                        file.strip_prefix(env!("CARGO_MANIFEST_DIR"))
                            .unwrap_or(&file)
                            .display()
                    )),
                }
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "module layering broken (see LAYERS in tests/it/layers.rs):\n{}",
        wrong.join("\n")
    );
}

#[test]
fn every_layered_module_exists() {
    let names: Vec<String> = modules().into_iter().map(|(n, _)| n).collect();
    for layer in LAYERS {
        for m in *layer {
            assert!(
                names.iter().any(|n| n == m),
                "LAYERS lists `{m}`, which is not a module in src/"
            );
        }
    }
}

/// The layout block of the README's development section: (path, what it says), one entry
/// per path at the start of a line, its description continued on the lines below.
fn readme_layout() -> Vec<(String, String)> {
    let readme = fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md"))
        .expect("README.md");
    let start = readme
        .find("- Layout.")
        .expect("a Layout item in README.md");
    let block = readme[start..]
        .split("  ```")
        .nth(1)
        .expect("a code block in the Layout item");
    let mut entries: Vec<(String, String)> = Vec::new();
    for line in block.lines() {
        let Some(rest) = line.strip_prefix("  ") else {
            continue;
        };
        if rest.starts_with(' ') {
            if let Some((_, text)) = entries.last_mut() {
                text.push(' ');
                text.push_str(rest.trim());
            }
        } else if let Some((path, text)) = rest.split_once(' ') {
            entries.push((path.to_string(), text.trim().to_string()));
        }
    }
    entries
}

#[test]
fn the_readme_layout_names_every_source_file_and_nothing_else() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let entries = readme_layout();
    assert!(entries.len() > 10, "{entries:?}");
    for (path, _) in &entries {
        assert!(
            root.join(path).exists(),
            "README layout names {path}, which is gone"
        );
    }
    let mut files = Vec::new();
    rust_files(&root.join("src"), &mut files);
    assert!(!files.is_empty());
    let words = |text: &str| -> BTreeSet<String> {
        text.split(|c: char| !(c.is_alphanumeric() || c == '_'))
            .map(str::to_string)
            .collect()
    };
    for file in files {
        let rel = file
            .strip_prefix(root)
            .expect("under the root")
            .to_string_lossy()
            .replace('\\', "/");
        if entries.iter().any(|(p, _)| *p == rel) {
            continue;
        }
        let (dir, name) = rel.rsplit_once('/').expect("a file in a folder");
        let stem = name.trim_end_matches(".rs");
        let dir = format!("{dir}/");
        let entry = entries.iter().find(|(p, _)| *p == dir);
        // A folder's entry describes its files by name; its mod.rs is the folder itself.
        let named = entry.is_some_and(|(_, text)| stem == "mod" || words(text).contains(stem));
        assert!(
            named,
            "{rel} is not in the README's layout (an entry for {dir} naming {stem})"
        );
    }
}
