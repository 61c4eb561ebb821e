//! Turns parsed guide files into a [`Guide`], collecting every problem instead of stopping
//! at the first, so an author fixes a broken guide in one pass.

use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::sync::Arc;

use serde::de::DeserializeOwned;

use super::citation;
use super::diagnostics::{Problem, Severity};
use super::files::{GuideFile, content_hash};
use super::model::*;
use super::raw::*;

/// A guide that passed validation, with the warnings it still deserves.
#[derive(Debug)]
pub struct Loaded {
    pub guide: Guide,
    pub warnings: Vec<Problem>,
}

/// Collects problems while keeping track of which file they belong to.
struct Checker {
    problems: Vec<Problem>,
    /// Declared source ids, once guide.toml is read: a bare "(iadvl)" in text is refused.
    source_ids: HashSet<String>,
}

/// The file currently being checked.
#[derive(Clone)]
struct Ctx<'a> {
    name: &'a str,
    text: &'a Arc<String>,
}

impl Checker {
    fn push(
        &mut self,
        severity: Severity,
        ctx: &Ctx,
        span: Range<usize>,
        field: &str,
        message: impl Into<String>,
    ) -> &mut Problem {
        self.problems.push(Problem::new(
            severity, ctx.name, ctx.text, span, field, message,
        ));
        self.problems.last_mut().expect("just pushed")
    }

    fn error(
        &mut self,
        ctx: &Ctx,
        span: Range<usize>,
        field: &str,
        message: impl Into<String>,
    ) -> &mut Problem {
        self.push(Severity::Error, ctx, span, field, message)
    }

    /// Checks a text field: not empty, no control characters. Returns it trimmed.
    fn text(&mut self, ctx: &Ctx, field: &str, value: &Text, multiline: bool) -> String {
        let s = value.get_ref();
        if s.trim().is_empty() {
            self.error(
                ctx,
                value.span(),
                field,
                format!("`{field}` must not be empty"),
            );
        }
        // Entities are checked decoded, as every renderer will show them.
        let decoded = || super::hostile::decoded_unsafe(s);
        if let Some(c) = s
            .chars()
            .find(|&c| is_forbidden(c, multiline))
            .or_else(decoded)
        {
            self.error(
                ctx,
                value.span(),
                field,
                format!(
                    "`{field}` holds the control character U+{:04X}; it could write escape sequences to a reader's terminal",
                    c as u32
                ),
            )
            .help = Some(if multiline {
                "remove it; only newlines and tabs are allowed".into()
            } else {
                "remove it; single-line fields allow no control characters".into()
            });
        }
        s.trim().to_string()
    }

    fn opt_text(&mut self, ctx: &Ctx, field: &str, value: &Option<Text>) -> Option<String> {
        value.as_ref().map(|v| self.text(ctx, field, v, false))
    }

    fn id(&mut self, ctx: &Ctx, field: &str, value: &Text) -> String {
        let id = self.text(ctx, field, value, false);
        if !id.is_empty() && !is_kebab(&id) {
            self.error(
                ctx,
                value.span(),
                field,
                format!("id '{id}' is not lower-case kebab-case"),
            )
            .help = Some("use letters a-z, digits and single hyphens, e.g. `acne-scars`".into());
        }
        id
    }
}

/// Control characters are refused so no guide can drive the reader's terminal.
fn is_forbidden(c: char, multiline: bool) -> bool {
    if multiline && (c == '\n' || c == '\t') {
        return false;
    }
    c.is_control() || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

fn is_kebab(id: &str) -> bool {
    !id.is_empty()
        && id.split('-').all(|part| {
            !part.is_empty()
                && part
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        })
}

/// Parses one file, turning a TOML or schema error into a located problem.
fn parse<T: DeserializeOwned>(file: &GuideFile, checker: &mut Checker) -> Option<T> {
    match toml::from_str::<T>(&file.text) {
        Ok(v) => Some(v),
        Err(err) => {
            let ctx = Ctx {
                name: &file.name,
                text: &file.text,
            };
            let span = err.span().unwrap_or(0..0);
            let field = field_of(err.message(), &file.text, span.start);
            // serde speaks of Rust types; authors think in TOML ones.
            let message = err
                .message()
                .trim()
                .replace("expected i64", "expected a whole number")
                .replace("expected a sequence", "expected a list [ ... ]");
            let help = help_for(&message);
            let p = checker.error(&ctx, span, &field, message);
            p.help = help;
            None
        }
    }
}

/// Names the field a TOML error is about: from the message when it names one, otherwise
/// the key written on the line where the error points.
fn field_of(message: &str, text: &str, offset: usize) -> String {
    for marker in ["field `", "key `"] {
        if let Some(start) = message.find(marker) {
            let rest = &message[start + marker.len()..];
            if let Some(end) = rest.find('`') {
                return rest[..end].to_string();
            }
        }
    }
    let offset = offset.min(text.len());
    let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let line = text[line_start..].lines().next().unwrap_or("");
    let trimmed = line.trim_start();
    if trimmed.starts_with('[') {
        return trimmed
            .trim_matches(|c| c == '[' || c == ']')
            .trim()
            .to_string();
    }
    match trimmed.split_once('=') {
        Some((key, _)) if !key.trim().is_empty() => key.trim().trim_matches('"').to_string(),
        _ => "(syntax)".to_string(),
    }
}

fn help_for(message: &str) -> Option<String> {
    if message.contains("unknown field") {
        Some("check the spelling against guide/README.md; unknown fields are not ignored".into())
    } else if message.contains("missing field") {
        Some("add the field; guide/README.md lists the required ones".into())
    } else if message.contains("invalid type") {
        Some(
            "strings need quotes, lists need [ ], the reviewed date is written bare: 2026-01-31"
                .into(),
        )
    } else {
        None
    }
}

/// Where an id was declared, to point at the first one when a duplicate appears. The line
/// is worked out only for a duplicate: counting lines for every id would make loading a
/// large file quadratic.
struct Declared {
    file: String,
    text: Arc<String>,
    offset: usize,
}

/// Checks and records an id, reporting duplicates with the first declaration's place.
fn declare(
    checker: &mut Checker,
    seen: &mut HashMap<String, Declared>,
    ctx: &Ctx,
    kind: &str,
    value: &Text,
    id: &str,
) {
    if id.is_empty() {
        return;
    }
    if let Some(first) = seen.get(id) {
        let (line, _) = super::diagnostics::line_col(&first.text, first.offset);
        let help = format!("first declared at {}:{line}", first.file);
        checker
            .error(
                ctx,
                value.span(),
                "id",
                format!("duplicate {kind} id '{id}'"),
            )
            .help = Some(help);
    } else {
        seen.insert(
            id.to_string(),
            Declared {
                file: ctx.name.to_string(),
                text: Arc::clone(ctx.text),
                offset: value.span().start,
            },
        );
    }
}

mod case;
mod meta;
mod quiz;
mod references;
mod sources;
mod synonyms;
mod topics;

use references::{RefKind, Reference};

/// Checks every file of a guide, stage by stage (guide.toml, synonyms, topics, quiz, then
/// the references between them), and builds the guide when nothing is wrong.
pub fn load_files(files: &[GuideFile], origin: &str) -> Result<Loaded, Vec<Problem>> {
    let mut ck = Checker {
        problems: Vec::new(),
        source_ids: HashSet::new(),
    };
    let Some(meta_idx) = files.iter().position(|f| f.rel == "guide.toml") else {
        return Err(vec![Problem::whole_file(
            &format!("{origin}/guide.toml"),
            "guide.toml is missing",
        )]);
    };
    let meta::MetaPart {
        meta,
        sources,
        source_ids,
        labels,
    } = meta::check(&mut ck, files, meta_idx);
    let synonyms = synonyms::check(&mut ck, files);
    let mut refs = Vec::new();
    let (mut topics, section_ids) =
        topics::check(&mut ck, files, origin, &source_ids, &labels, &mut refs);
    let quiz = quiz::check(&mut ck, files, &source_ids, &labels, &mut refs);
    let cited = references::resolve(&mut ck, files, &refs, &source_ids, &section_ids);
    references::never_cited(&mut ck, files, meta_idx, &sources, &cited);

    let all_sections = topics.iter().flat_map(|t| &t.3);
    ck.problems.extend(super::synonym_check::problems(
        files,
        topics.iter().map(|t| &t.2),
        all_sections,
    ));
    let (errors, warnings): (Vec<Problem>, Vec<Problem>) =
        ck.problems.into_iter().partition(Problem::is_error);
    if !errors.is_empty() {
        let mut all = errors;
        all.extend(warnings);
        return Err(all);
    }
    let Some(meta) = meta else {
        return Err(warnings);
    };

    topics.sort_by(|a, b| (a.0, &a.1).cmp(&(b.0, &b.1)));
    let mut all_sections = Vec::new();
    let mut all_topics = Vec::new();
    for (_, _, topic, sections) in topics {
        all_topics.push(topic);
        all_sections.extend(sections);
    }
    Ok(Loaded {
        guide: Guide::new(
            Contents {
                meta,
                sources,
                topics: all_topics,
                sections: all_sections,
                quiz,
                synonyms,
            },
            content_hash(files),
            origin.to_string(),
        ),
        warnings,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(rel: &str, text: &str) -> GuideFile {
        GuideFile {
            name: format!("g/{rel}"),
            rel: rel.to_string(),
            text: Arc::new(text.to_string()),
        }
    }

    #[test]
    fn ids_must_be_kebab_case() {
        assert!(is_kebab("acne-scars") && is_kebab("q-1"));
        for bad in ["Acne", "acne_scars", "-a", "a--b", "a-", ""] {
            assert!(!is_kebab(bad), "{bad}");
        }
    }

    #[test]
    fn every_problem_is_reported_at_once() {
        let files = vec![
            file(
                "guide.toml",
                "title = \"\"\nversion = \"1\"\nreviewed = 2026-01-01\ndisclaimer = \"d\"\n[[source]]\nid = \"a\"\nkind = \"blog\"\nauthors = [\"X Y\"]\ntitle = \"t\"\nurl = \"https://x.org\"\nquality = \"low\"\nverification = \"verified\"\n",
            ),
            file(
                "topics/a.toml",
                "id = \"t\"\ntitle = \"T\"\norder = 1\nsummary = \"s\"\n[[section]]\nid = \"Bad_Id\"\ntitle = \"x\"\nsummary = \"s\"\nbody = \"b\"\nsources = [\"zzz\"]\nsee_also = [\"nope\"]\n",
            ),
        ];
        let problems = load_files(&files, "g").expect_err("broken");
        let lines: Vec<String> = problems.iter().map(Problem::headline).collect();
        let all = lines.join("\n");
        assert!(all.contains("g/guide.toml:1:9: error: title"), "{all}");
        assert!(all.contains("not lower-case kebab-case"), "{all}");
        assert!(all.contains("source 'zzz' is not declared"), "{all}");
        assert!(all.contains("no section 'nope'"), "{all}");
        assert!(
            problems.iter().filter(|p| p.is_error()).count() >= 4,
            "{all}"
        );
    }

    #[test]
    fn content_hash_changes_with_any_byte() {
        let a = vec![file("guide.toml", "x = 1")];
        let b = vec![file("guide.toml", "x = 2")];
        assert_ne!(content_hash(&a), content_hash(&b));
        assert_eq!(content_hash(&a), content_hash(&a.clone()));
    }

    #[test]
    fn bidi_overrides_and_escapes_are_forbidden_but_newlines_allowed_in_bodies() {
        assert!(is_forbidden('\u{1b}', true));
        assert!(is_forbidden('\u{202E}', true));
        assert!(is_forbidden('\r', true));
        assert!(!is_forbidden('\n', true));
        assert!(is_forbidden('\n', false));
    }
}
