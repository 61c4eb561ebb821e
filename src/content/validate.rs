//! Turns parsed guide files into a [`Guide`], collecting every problem instead of stopping
//! at the first, so an author fixes a broken guide in one pass.

use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::sync::Arc;

use chrono::NaiveDate;
use serde::de::DeserializeOwned;

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

    fn warn(
        &mut self,
        ctx: &Ctx,
        span: Range<usize>,
        field: &str,
        message: impl Into<String>,
    ) -> &mut Problem {
        self.push(Severity::Warning, ctx, span, field, message)
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

fn valid_source_date(date: &str) -> bool {
    if date == "n.d." {
        return true;
    }
    let parts: Vec<&str> = date.split('-').collect();
    let num = |s: &str, len: usize| s.len() == len && s.chars().all(|c| c.is_ascii_digit());
    match parts.as_slice() {
        [y] => num(y, 4),
        [y, m] => num(y, 4) && num(m, 2) && (1..=12).contains(&m.parse::<u32>().unwrap_or(0)),
        [_, _, _] => NaiveDate::parse_from_str(date, "%Y-%m-%d").is_ok(),
        _ => false,
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

/// A reference to check once every id is known.
struct Reference {
    file: usize,
    span: Range<usize>,
    field: String,
    target: String,
    kind: RefKind,
}

#[derive(Clone, Copy, PartialEq)]
enum RefKind {
    Source,
    Section,
}

pub fn load_files(files: &[GuideFile], origin: &str) -> Result<Loaded, Vec<Problem>> {
    let mut ck = Checker {
        problems: Vec::new(),
    };
    let ctx_of = |i: usize| Ctx {
        name: &files[i].name,
        text: &files[i].text,
    };

    // guide.toml
    let Some(meta_idx) = files.iter().position(|f| f.rel == "guide.toml") else {
        return Err(vec![Problem::whole_file(
            &format!("{origin}/guide.toml"),
            "guide.toml is missing",
        )]);
    };
    let raw_meta: Option<RawMeta> = parse(&files[meta_idx], &mut ck);
    let mut source_ids: HashMap<String, Declared> = HashMap::new();
    let mut meta = None;
    let mut sources = Vec::new();
    if let Some(raw) = raw_meta {
        let ctx = ctx_of(meta_idx);
        let title = ck.text(&ctx, "title", &raw.title, false);
        let version = ck.text(&ctx, "version", &raw.version, false);
        let disclaimer = ck.text(&ctx, "disclaimer", &raw.disclaimer, true);
        let reviewed = match (raw.reviewed.get_ref().date, raw.reviewed.get_ref().time) {
            (Some(d), None) => NaiveDate::from_ymd_opt(d.year as i32, d.month as u32, d.day as u32),
            _ => None,
        };
        if reviewed.is_none() {
            ck.error(
                &ctx,
                raw.reviewed.span(),
                "reviewed",
                "`reviewed` must be a date such as 2026-11-22, with no time",
            );
        }
        for s in &raw.sources {
            let id = ck.id(&ctx, "source.id", &s.id);
            declare(&mut ck, &mut source_ids, &ctx, "source", &s.id, &id);
            let date = ck.text(&ctx, "source.date", &s.date, false);
            if !date.is_empty() && !valid_source_date(&date) {
                ck.error(
                    &ctx,
                    s.date.span(),
                    "source.date",
                    format!("'{date}' is not a valid date"),
                )
                .help = Some("write YYYY, YYYY-MM, YYYY-MM-DD or \"n.d.\" for undated".into());
            }
            sources.push(Source {
                id,
                // A long article title is stored as title + subtitle and shown joined.
                title: match ck.opt_text(&ctx, "source.subtitle", &s.subtitle) {
                    Some(sub) => {
                        format!("{} {sub}", ck.text(&ctx, "source.title", &s.title, false))
                    }
                    None => ck.text(&ctx, "source.title", &s.title, false),
                },
                author: ck.text(&ctx, "source.author", &s.author, false),
                date,
                kind: ck.text(&ctx, "source.kind", &s.kind, false),
                citation: ck.opt_text(&ctx, "source.citation", &s.citation),
                url: ck.opt_text(&ctx, "source.url", &s.url),
                note: ck.opt_text(&ctx, "source.note", &s.note),
            });
        }
        if raw.sources.is_empty() {
            ck.error(
                &ctx,
                0..0,
                "source",
                "the guide declares no [[source]]; every section must cite one",
            );
        }
        meta = reviewed.map(|reviewed| Meta {
            title,
            version,
            reviewed,
            disclaimer,
        });
    }

    // synonyms.toml
    let mut synonyms = Vec::new();
    if let Some(i) = files.iter().position(|f| f.rel == "synonyms.toml")
        && let Some(raw) = parse::<RawSynonyms>(&files[i], &mut ck)
    {
        let ctx = ctx_of(i);
        let mut seen_terms: HashMap<String, usize> = HashMap::new();
        for (g, group) in raw.groups.iter().enumerate() {
            if group.terms.get_ref().len() < 2 {
                ck.error(
                    &ctx,
                    group.terms.span(),
                    "group.terms",
                    "a synonym group needs at least two terms",
                );
            }
            let mut terms = Vec::new();
            for t in group.terms.get_ref() {
                let term = ck.text(&ctx, "group.terms", t, false);
                let key = term.to_lowercase();
                if let Some(&other) = seen_terms.get(&key) {
                    if other != g {
                        ck.warn(&ctx, t.span(), "group.terms", format!("term '{term}' appears in more than one group"))
                                .help = Some("a term in two groups joins them at search time; merge the groups or drop one".into());
                    }
                } else {
                    seen_terms.insert(key, g);
                }
                terms.push(term);
            }
            synonyms.push(terms);
        }
    }

    // topics and sections
    let mut refs: Vec<Reference> = Vec::new();
    let mut topic_ids: HashMap<String, Declared> = HashMap::new();
    let mut section_ids: HashMap<String, Declared> = HashMap::new();
    let mut topics: Vec<(i64, String, Topic, Vec<Section>)> = Vec::new();
    let mut cited: HashSet<String> = HashSet::new();

    for (fi, file) in files.iter().enumerate() {
        if !file.rel.starts_with("topics/") {
            continue;
        }
        let Some(raw) = parse::<RawTopic>(file, &mut ck) else {
            continue;
        };
        let ctx = ctx_of(fi);
        let topic_id = ck.id(&ctx, "id", &raw.id);
        declare(&mut ck, &mut topic_ids, &ctx, "topic", &raw.id, &topic_id);
        let topic_title = ck.text(&ctx, "title", &raw.title, false);
        let topic_summary = ck.text(&ctx, "summary", &raw.summary, false);
        if raw.sections.is_empty() {
            ck.warn(
                &ctx,
                raw.id.span(),
                "section",
                format!("topic '{topic_id}' has no [[section]]"),
            );
        }

        let src_refs = |ck: &mut Checker,
                        refs: &mut Vec<Reference>,
                        field: &str,
                        list: &[Text]|
         -> Vec<String> {
            list.iter()
                .map(|s| {
                    let id = ck.text(&ctx, field, s, false);
                    refs.push(Reference {
                        file: fi,
                        span: s.span(),
                        field: field.to_string(),
                        target: id.clone(),
                        kind: RefKind::Source,
                    });
                    id
                })
                .collect()
        };

        let mut sections = Vec::new();
        for rs in &raw.sections {
            let id = ck.id(&ctx, "section.id", &rs.id);
            declare(&mut ck, &mut section_ids, &ctx, "section", &rs.id, &id);
            let title = ck.text(&ctx, "section.title", &rs.title, false);
            if rs.sources.get_ref().is_empty() {
                ck.error(
                    &ctx,
                    rs.sources.span(),
                    "section.sources",
                    format!("section '{id}' cites no source"),
                )
                .help = Some("name at least one source id from guide.toml".into());
            }
            let section_sources =
                src_refs(&mut ck, &mut refs, "section.sources", rs.sources.get_ref());
            let facts = rs
                .facts
                .iter()
                .map(|f| Fact {
                    label: ck.text(&ctx, "fact.label", &f.label, false),
                    value: ck.text(&ctx, "fact.value", &f.value, false),
                    unit: ck.opt_text(&ctx, "fact.unit", &f.unit),
                    sources: {
                        if f.sources.get_ref().is_empty() {
                            ck.error(
                                &ctx,
                                f.sources.span(),
                                "fact.sources",
                                "a fact needs at least one source",
                            );
                        }
                        src_refs(&mut ck, &mut refs, "fact.sources", f.sources.get_ref())
                    },
                    note: ck.opt_text(&ctx, "fact.note", &f.note),
                })
                .collect();
            let cautions = rs
                .cautions
                .iter()
                .map(|c| Caution {
                    text: ck.text(&ctx, "caution.text", &c.text, true),
                    sources: src_refs(&mut ck, &mut refs, "caution.sources", &c.sources),
                })
                .collect();
            let differs = rs
                .differs
                .iter()
                .map(|d| {
                    if d.claims.get_ref().len() < 2 {
                        ck.error(
                            &ctx,
                            d.claims.span(),
                            "differs.claims",
                            "a `differs` note needs at least two claims, one per side",
                        );
                    }
                    let claims = d
                        .claims
                        .get_ref()
                        .iter()
                        .map(|c| Claim {
                            source: src_refs(
                                &mut ck,
                                &mut refs,
                                "differs.claims.source",
                                std::slice::from_ref(&c.source),
                            )
                            .remove(0),
                            says: ck.text(&ctx, "differs.claims.says", &c.says, true),
                        })
                        .collect();
                    Differs {
                        point: ck.text(&ctx, "differs.point", &d.point, false),
                        note: d
                            .note
                            .as_ref()
                            .map(|n| ck.text(&ctx, "differs.note", n, true)),
                        claims,
                    }
                })
                .collect();
            let see_also = rs
                .see_also
                .iter()
                .map(|s| {
                    let target = ck.text(&ctx, "section.see_also", s, false);
                    if target == id {
                        ck.warn(
                            &ctx,
                            s.span(),
                            "section.see_also",
                            format!("section '{id}' links to itself"),
                        );
                    }
                    refs.push(Reference {
                        file: fi,
                        span: s.span(),
                        field: "see_also".into(),
                        target: target.clone(),
                        kind: RefKind::Section,
                    });
                    target
                })
                .collect();
            sections.push(Section {
                path: format!("{topic_title} > {title}"),
                id,
                title,
                topic: topic_id.clone(),
                summary: ck.text(&ctx, "section.summary", &rs.summary, false),
                body: ck.text(&ctx, "section.body", &rs.body, true),
                key_points: rs
                    .key_points
                    .iter()
                    .map(|k| ck.text(&ctx, "section.key_points", k, false))
                    .collect(),
                facts,
                cautions,
                differs,
                tags: rs
                    .tags
                    .iter()
                    .map(|t| ck.text(&ctx, "section.tags", t, false))
                    .collect(),
                sources: section_sources,
                see_also,
                evidence: ck.opt_text(&ctx, "section.evidence", &rs.evidence),
            });
        }
        let topic = Topic {
            id: topic_id,
            title: topic_title,
            order: *raw.order.get_ref(),
            summary: topic_summary,
            sections: sections.iter().map(|s| s.id.clone()).collect(),
        };
        topics.push((*raw.order.get_ref(), file.rel.clone(), topic, sections));
    }
    if !files.iter().any(|f| f.rel.starts_with("topics/")) {
        ck.problems.push(
            Problem::whole_file(
                &format!("{origin}/topics"),
                "the guide has no topics/*.toml file",
            )
            .with_help("add one file per topic under topics/"),
        );
    }

    // quiz
    let mut quiz = Vec::new();
    let mut quiz_ids: HashMap<String, Declared> = HashMap::new();
    for (fi, file) in files.iter().enumerate() {
        if !file.rel.starts_with("quiz/") {
            continue;
        }
        let Some(raw) = parse::<RawQuizFile>(file, &mut ck) else {
            continue;
        };
        let ctx = ctx_of(fi);
        for item in &raw.items {
            let id = ck.id(&ctx, "item.id", &item.id);
            declare(&mut ck, &mut quiz_ids, &ctx, "quiz item", &item.id, &id);
            let answer = match item.answer.get_ref().trim() {
                "myth" => Some(Answer::Myth),
                "fact" => Some(Answer::Fact),
                other => {
                    ck.error(
                        &ctx,
                        item.answer.span(),
                        "item.answer",
                        format!("answer '{other}' must be \"myth\" or \"fact\""),
                    );
                    None
                }
            };
            let section = ck.text(&ctx, "item.section", &item.section, false);
            refs.push(Reference {
                file: fi,
                span: item.section.span(),
                field: "item.section".into(),
                target: section.clone(),
                kind: RefKind::Section,
            });
            if item.sources.get_ref().is_empty() {
                ck.error(
                    &ctx,
                    item.sources.span(),
                    "item.sources",
                    "a quiz item needs at least one source",
                );
            }
            let sources = item
                .sources
                .get_ref()
                .iter()
                .map(|s| {
                    let target = ck.text(&ctx, "item.sources", s, false);
                    refs.push(Reference {
                        file: fi,
                        span: s.span(),
                        field: "item.sources".into(),
                        target: target.clone(),
                        kind: RefKind::Source,
                    });
                    target
                })
                .collect();
            let statement = ck.text(&ctx, "item.statement", &item.statement, false);
            let explanation = ck.text(&ctx, "item.explanation", &item.explanation, true);
            if let Some(answer) = answer {
                quiz.push(QuizItem {
                    id,
                    statement,
                    answer,
                    explanation,
                    section,
                    sources,
                });
            }
        }
    }

    // references, now that every id is known
    for r in &refs {
        if r.target.is_empty() {
            continue;
        }
        let ctx = ctx_of(r.file);
        match r.kind {
            RefKind::Source => {
                cited.insert(r.target.clone());
                if !source_ids.contains_key(&r.target) {
                    let near = closest(&r.target, source_ids.keys());
                    let p = ck.error(
                        &ctx,
                        r.span.clone(),
                        &r.field,
                        format!("source '{}' is not declared in guide.toml", r.target),
                    );
                    p.help = Some(match near {
                        Some(n) => format!(
                            "did you mean '{n}'? Otherwise add a [[source]] with this id to guide.toml"
                        ),
                        None => "add a [[source]] with this id to guide.toml".into(),
                    });
                }
            }
            RefKind::Section => {
                if !section_ids.contains_key(&r.target) {
                    let near = closest(&r.target, section_ids.keys());
                    let p = ck.error(
                        &ctx,
                        r.span.clone(),
                        &r.field,
                        format!("no section '{}' in the guide", r.target),
                    );
                    p.help = near.map(|n| format!("did you mean '{n}'?"));
                }
            }
        }
    }
    if let Some(raw_meta_text) = files.get(meta_idx) {
        let ctx = ctx_of(meta_idx);
        for s in &sources {
            if !s.id.is_empty() && !cited.contains(&s.id) {
                let offset = raw_meta_text
                    .text
                    .find(&format!("\"{}\"", s.id))
                    .unwrap_or(0);
                ck.warn(
                    &ctx,
                    offset..offset + s.id.len() + 2,
                    "source.id",
                    format!("source '{}' is never cited", s.id),
                )
                .help = Some("cite it from a section, fact or quiz item, or remove it".into());
            }
        }
    }

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
            meta,
            sources,
            all_topics,
            all_sections,
            quiz,
            synonyms,
            content_hash(files),
            origin.to_string(),
        ),
        warnings,
    })
}

/// The declared id nearest a mistyped one: few edits (a swap counts as one) or a
/// similar shape.
fn closest<'a>(target: &str, candidates: impl Iterator<Item = &'a String>) -> Option<&'a String> {
    let limit = (target.chars().count() / 3).max(1);
    candidates
        .filter_map(|c| {
            let edits = strsim::osa_distance(target, c);
            let shape = strsim::jaro_winkler(target, c);
            (edits <= limit || shape > 0.85).then_some((edits, -shape, c))
        })
        .min_by(|a, b| a.0.cmp(&b.0).then(a.1.total_cmp(&b.1)))
        .map(|(_, _, c)| c)
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
    fn source_dates_accept_partial_dates_and_undated() {
        for ok in ["2024", "2024-02", "2024-02-29", "n.d."] {
            assert!(valid_source_date(ok), "{ok}");
        }
        for bad in ["24", "2024-13", "2023-02-29", "2024/01/01", "soon", ""] {
            assert!(!valid_source_date(bad), "{bad}");
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
                "title = \"\"\nversion = \"1\"\nreviewed = 2026-01-01\ndisclaimer = \"d\"\n[[source]]\nid = \"a\"\ntitle = \"t\"\nauthor = \"x\"\ndate = \"2020\"\nkind = \"k\"\n",
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
