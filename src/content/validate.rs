//! Turns parsed guide files into a [`Guide`], collecting every problem instead of stopping
//! at the first, so an author fixes a broken guide in one pass.

use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::sync::Arc;

use chrono::NaiveDate;
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

/// Words that stand in for a missing fact. A reference carrying one cannot be looked up,
/// so it is refused wherever it appears in a source record.
const PLACEHOLDERS: &[&str] = &[
    "not recorded",
    "not named",
    "not identified",
    "not seen",
    "not known",
    "n.d.",
    "unknown",
    "[...]",
    "[…]",
];

/// The placeholder `value` holds, if any ("unknown" only as a whole word; a value wholly
/// in brackets is a description standing in for the real thing).
fn placeholder(value: &str) -> Option<&'static str> {
    let trimmed = value.trim();
    if trimmed.len() > 1 && trimmed.starts_with('[') && trimmed.ends_with(']') {
        return Some("[...]");
    }
    let lower = value.to_lowercase();
    PLACEHOLDERS.iter().copied().find(|p| {
        if *p == "unknown" {
            lower
                .split(|c: char| !c.is_alphanumeric())
                .any(|w| w == "unknown")
        } else {
            lower.contains(p)
        }
    })
}

/// Fields a source record may name in `unknown`; "identifier" stands for all of
/// doi/pmid/pmcid/url at once.
const UNKNOWABLE: &[&str] = &[
    "authors",
    "container",
    "year",
    "date",
    "volume",
    "issue",
    "pages",
    "doi",
    "pmid",
    "pmcid",
    "url",
    "publisher",
    "place",
    "edition",
    "design",
    "identifier",
];

fn is_doi(s: &str) -> bool {
    let Some(rest) = s.strip_prefix("10.") else {
        return false;
    };
    let Some((registrant, suffix)) = rest.split_once('/') else {
        return false;
    };
    (4..=9).contains(&registrant.len())
        && registrant.chars().all(|c| c.is_ascii_digit() || c == '.')
        && registrant.starts_with(|c: char| c.is_ascii_digit())
        && !suffix.is_empty()
        && !suffix.chars().any(char::is_whitespace)
}

fn is_pmid(s: &str) -> bool {
    (1..=9).contains(&s.len()) && s.chars().all(|c| c.is_ascii_digit()) && !s.starts_with('0')
}

fn is_pmcid(s: &str) -> bool {
    s.strip_prefix("PMC")
        .is_some_and(|d| (1..=9).contains(&d.len()) && d.chars().all(|c| c.is_ascii_digit()))
}

/// A `date` is YYYY-MM-DD or YYYY-MM; returns its year.
fn source_date_year(date: &str) -> Option<i32> {
    let parts: Vec<&str> = date.split('-').collect();
    let num = |s: &str, len: usize| s.len() == len && s.chars().all(|c| c.is_ascii_digit());
    let ok = match parts.as_slice() {
        [y, m] => num(y, 4) && num(m, 2) && (1..=12).contains(&m.parse::<u32>().unwrap_or(0)),
        [_, _, _] => NaiveDate::parse_from_str(date, "%Y-%m-%d").is_ok(),
        _ => false,
    };
    if ok { parts[0].parse().ok() } else { None }
}

impl Checker {
    /// A source field: checked text, refused when it is a placeholder.
    fn source_text(&mut self, ctx: &Ctx, field: &str, value: &Text) -> String {
        let text = self.text(ctx, field, value, false);
        // A bracketed title gets its own message in `check_source`.
        let bracketed_title = field == "source.title" && text.starts_with('[');
        if let Some(p) = placeholder(&text).filter(|_| !bracketed_title) {
            self.error(
                ctx,
                value.span(),
                field,
                format!("`{field}` holds the placeholder \"{p}\": '{text}'"),
            )
            .help = Some(format!(
                "leave the field out and list \"{}\" in the source's `unknown` instead of writing a stand-in",
                field.trim_start_matches("source.")
            ));
        }
        text
    }

    fn opt_source_text(&mut self, ctx: &Ctx, field: &str, value: &Option<Text>) -> Option<String> {
        value.as_ref().map(|v| self.source_text(ctx, field, v))
    }

    /// One of a fixed list of words, e.g. `kind`.
    fn choice(&mut self, ctx: &Ctx, field: &str, value: &Text, allowed: &[&str]) -> String {
        let text = self.text(ctx, field, value, false);
        if !text.is_empty() && !allowed.contains(&text.as_str()) {
            self.error(
                ctx,
                value.span(),
                field,
                format!("`{field}` '{text}' is not one of the known values"),
            )
            .help = Some(format!("use one of: {}", allowed.join(", ")));
        }
        text
    }
}

/// Checks one `[[source]]` against the schema in guide/README.md.
fn check_source(ck: &mut Checker, ctx: &Ctx, s: &RawSource) -> Source {
    let id = ck.id(ctx, "source.id", &s.id);
    let kind = ck.choice(ctx, "source.kind", &s.kind, citation::KINDS);
    let title = ck.source_text(ctx, "source.title", &s.title);
    if title.starts_with('[') {
        ck.error(
            ctx,
            s.title.span(),
            "source.title",
            format!("source '{id}' has a bracketed title '{title}'; a title must be the source's own"),
        )
        .help = Some("write the title as the source prints it; if it cannot be seen, the source cannot be cited".into());
    }
    let mut authors = Vec::new();
    if let Some(list) = &s.authors {
        if list.get_ref().is_empty() {
            ck.error(ctx, list.span(), "source.authors", "`authors` is empty")
                .help = Some(
                "leave it out and list \"authors\" in `unknown` when no author is named".into(),
            );
        }
        for a in list.get_ref() {
            let name = ck.source_text(ctx, "source.authors", a);
            let lower = name.to_lowercase();
            if lower == "et al" || lower == "et al." {
                ck.error(
                    ctx,
                    a.span(),
                    "source.authors",
                    "\"et al.\" is not an author",
                )
                .help = Some("list the names you have; add \"authors\" to `unknown` if the list is incomplete and the reference adds \"et al.\" itself".into());
            }
            authors.push(name);
        }
    }
    let unknown: Vec<(String, Range<usize>)> = s
        .unknown
        .iter()
        .flat_map(|u| u.get_ref().iter())
        .map(|u| (ck.text(ctx, "source.unknown", u, false), u.span()))
        .collect();
    for (u, span) in &unknown {
        if !u.is_empty() && !UNKNOWABLE.contains(&u.as_str()) {
            ck.error(
                ctx,
                span.clone(),
                "source.unknown",
                format!("'{u}' is not a field that can be unknown"),
            )
            .help = Some(format!("use one of: {}", UNKNOWABLE.join(", ")));
        }
    }
    let is_unknown = |f: &str| unknown.iter().any(|(u, _)| u == f);

    let year = s.year.as_ref().and_then(|y| {
        let v = *y.get_ref();
        if (1800..=2100).contains(&v) {
            Some(v as i32)
        } else {
            ck.error(
                ctx,
                y.span(),
                "source.year",
                format!("year {v} is not a publication year"),
            )
            .help = Some("write the four-digit year, e.g. year = 2021".into());
            None
        }
    });
    let date = ck.opt_source_text(ctx, "source.date", &s.date);
    let mut date_year = None;
    if let (Some(d), Some(raw)) = (&date, &s.date) {
        date_year = source_date_year(d);
        match date_year {
            None => {
                ck.error(
                    ctx,
                    raw.span(),
                    "source.date",
                    format!("'{d}' is not a date"),
                )
                .help =
                    Some("write \"YYYY-MM-DD\" or \"YYYY-MM\"; a year alone goes in `year`".into());
            }
            Some(dy) if year.is_some_and(|y| y != dy) => {
                ck.error(
                    ctx,
                    raw.span(),
                    "source.date",
                    format!("date '{d}' is not in year {}", year.unwrap_or_default()),
                )
                .help = Some("`year` and `date` must agree".into());
            }
            Some(_) => {}
        }
    }
    let check_id =
        |ck: &mut Checker, field: &str, value: &Option<Text>, ok: fn(&str) -> bool, help: &str| {
            let text = ck.opt_source_text(ctx, field, value)?;
            if !ok(&text) {
                let raw = value.as_ref().expect("text came from it");
                ck.error(
                    ctx,
                    raw.span(),
                    field,
                    format!(
                        "'{text}' is not a valid {}",
                        field.trim_start_matches("source.").to_uppercase()
                    ),
                )
                .help = Some(help.into());
            }
            Some(text)
        };
    let doi = check_id(
        ck,
        "source.doi",
        &s.doi,
        is_doi,
        "write the bare DOI, e.g. doi = \"10.1097/DSS.0000000000002961\" (no https://doi.org/ or doi: prefix)",
    );
    let pmid = check_id(
        ck,
        "source.pmid",
        &s.pmid,
        is_pmid,
        "a PMID is digits only, e.g. pmid = \"34448760\"",
    );
    let pmcid = check_id(
        ck,
        "source.pmcid",
        &s.pmcid,
        is_pmcid,
        "a PMCID is PMC followed by digits, e.g. pmcid = \"PMC7764156\"",
    );
    let url = check_id(
        ck,
        "source.url",
        &s.url,
        |u| {
            (u.starts_with("https://") || u.starts_with("http://"))
                && !u.contains(char::is_whitespace)
        },
        "write the full address, starting https://",
    );

    let source = Source {
        id,
        kind,
        authors,
        title,
        subtitle: ck.opt_source_text(ctx, "source.subtitle", &s.subtitle),
        container: ck.opt_source_text(ctx, "source.container", &s.container),
        year: year.or(date_year),
        date,
        volume: ck.opt_source_text(ctx, "source.volume", &s.volume),
        issue: ck.opt_source_text(ctx, "source.issue", &s.issue),
        pages: ck.opt_source_text(ctx, "source.pages", &s.pages),
        doi,
        pmid,
        pmcid,
        url,
        publisher: ck.opt_source_text(ctx, "source.publisher", &s.publisher),
        place: ck.opt_source_text(ctx, "source.place", &s.place),
        edition: ck.opt_source_text(ctx, "source.edition", &s.edition),
        design: ck.opt_source_text(ctx, "source.design", &s.design),
        quality: ck.choice(ctx, "source.quality", &s.quality, citation::QUALITIES),
        verification: ck.choice(
            ctx,
            "source.verification",
            &s.verification,
            citation::VERIFICATIONS,
        ),
        unknown: unknown.iter().map(|(u, _)| u.clone()).collect(),
        label: ck.opt_source_text(ctx, "source.label", &s.label),
        note: ck.opt_source_text(ctx, "source.note", &s.note),
    };

    // A field both given and declared unknown contradicts itself. An author list may be
    // partial: "authors" in `unknown` then means names are missing after those given.
    let present = |f: &str| match f {
        "container" => source.container.is_some(),
        "year" => source.year.is_some(),
        "date" => source.date.is_some(),
        "volume" => source.volume.is_some(),
        "issue" => source.issue.is_some(),
        "pages" => source.pages.is_some(),
        "doi" => source.doi.is_some(),
        "pmid" => source.pmid.is_some(),
        "pmcid" => source.pmcid.is_some(),
        "url" => source.url.is_some(),
        "publisher" => source.publisher.is_some(),
        "place" => source.place.is_some(),
        "edition" => source.edition.is_some(),
        "design" => source.design.is_some(),
        "identifier" => {
            source.doi.is_some()
                || source.pmid.is_some()
                || source.pmcid.is_some()
                || source.url.is_some()
        }
        _ => false,
    };
    for (u, span) in &unknown {
        if present(u) {
            ck.error(
                ctx,
                span.clone(),
                "source.unknown",
                format!(
                    "source '{}' gives `{u}` and also lists it as unknown",
                    source.id
                ),
            )
            .help = Some(format!("remove \"{u}\" from `unknown`"));
        }
    }

    // What a reader needs to find the source again.
    let mut missing: Vec<&str> = Vec::new();
    if citation::JOURNAL_KINDS.contains(&source.kind.as_str()) {
        if source.authors.is_empty() && !is_unknown("authors") {
            missing.push("authors");
        }
        if source.container.is_none() && !is_unknown("container") {
            missing.push("container");
        }
        if source.year.is_none() && !is_unknown("year") {
            missing.push("year");
        }
    }
    for field in missing {
        ck.error(
            ctx,
            s.id.span(),
            &format!("source.{field}"),
            format!("{} '{}' has no `{field}`", source.kind, source.id),
        )
        .help = Some(format!(
            "add `{field}`, or list \"{field}\" in `unknown` if the source does not give it or it could not be seen"
        ));
    }
    if !present("identifier") && !is_unknown("identifier") {
        ck.error(
            ctx,
            s.id.span(),
            "source.identifier",
            format!("source '{}' has no doi, pmid, pmcid or url", source.id),
        )
        .help = Some("add one so a reader can look it up, or list \"identifier\" in `unknown` if none exists".into());
    }
    if source.authors.is_empty() && source.label.is_none() {
        ck.error(
            ctx,
            s.id.span(),
            "source.label",
            format!(
                "source '{}' names no authors, so it needs a `label`",
                source.id
            ),
        )
        .help = Some("set the short name it is cited by, e.g. label = \"IADVL leaflet\"".into());
    }
    source
}

/// Two sources with one label could not be told apart where they are cited.
fn check_labels(ck: &mut Checker, ctx: &Ctx, raw: &[RawSource], sources: &[Source]) {
    let mut seen: HashMap<String, &str> = HashMap::new();
    for (r, s) in raw.iter().zip(sources) {
        if s.id.is_empty() {
            continue;
        }
        let label = citation::label(s);
        if let Some(first) = seen.get(&label) {
            let span = r.label.as_ref().map_or(r.id.span(), |l| l.span());
            ck.error(
                ctx,
                span,
                "source.label",
                format!(
                    "sources '{first}' and '{}' are both cited as \"{label}\"",
                    s.id
                ),
            )
            .help = Some("give one of them its own `label`, e.g. \"Chu et al. 2021a\"".into());
        } else {
            seen.insert(label, &s.id);
        }
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

/// One source a section or quiz item relies on: cited in its text or named in a
/// fact's, caution's or claim's `source(s)`.
struct Cited {
    id: String,
    /// Where in the file, for messages.
    span: Range<usize>,
    field: String,
    /// Written as `[@id]` in a text field (rather than in a `sources` list).
    markup: bool,
}

impl Cited {
    /// The reference this citation makes, resolved with every other id once all are known.
    fn reference(&self, file: usize) -> Reference {
        Reference {
            file,
            span: self.span.clone(),
            field: self.field.clone(),
            target: self.id.clone(),
            kind: RefKind::Citation,
        }
    }
}

impl Checker {
    /// Finds the citations in one text field, locating each id in the file so a message
    /// points at it. Malformed markup is reported here.
    fn cites(&mut self, ctx: &Ctx, field: &str, value: &Text, out: &mut Vec<Cited>) {
        let text = value.get_ref();
        if text.to_lowercase().contains("not recorded") {
            self.error(
                ctx,
                value.span(),
                field,
                format!("`{field}` says a reference is \"not recorded\""),
            )
            .help = Some("cite the source with [@id], or say the claim is unconfirmed".into());
        }
        if let Some(id) = bare_source_id(text, &self.source_ids) {
            self.error(
                ctx,
                value.span(),
                field,
                format!("`{field}` names source '{id}' by its id in parentheses"),
            )
            .help = Some(format!(
                "cite it with [@{id}]; readers see its label, never the id"
            ));
        }
        if !text.contains("[@") {
            return;
        }
        let (cites, bad) = citation::scan(text);
        // The parsed value and the file differ by quotes and escapes; citation markup has
        // neither, so each piece is found in the file by searching forward through the
        // field's own span.
        let span = value.span();
        let raw = ctx.text.get(span.clone()).unwrap_or("");
        let mut from = 0;
        let mut locate = |needle: &str| -> Range<usize> {
            match raw.get(from..).and_then(|r| r.find(needle)) {
                Some(i) => {
                    let start = span.start + from + i;
                    from += i + needle.len();
                    start..start + needle.len()
                }
                None => span.clone(),
            }
        };
        for c in cites {
            for (id, _) in c.ids {
                let at = locate(&format!("@{id}"));
                out.push(Cited {
                    span: at.start + 1..at.end,
                    id,
                    field: field.to_string(),
                    markup: true,
                });
            }
        }
        for b in bad {
            let at = locate(&text[b.range.clone()]);
            self.error(ctx, at, field, b.message).help = Some(b.help);
        }
    }
}

/// A declared source id written bare inside parentheses ("(iadvl)", "(chu-2021; iadvl)"),
/// the attribution style citation markup replaces.
fn bare_source_id<'a>(text: &str, ids: &'a HashSet<String>) -> Option<&'a str> {
    let mut rest = text;
    while let Some(open) = rest.find('(') {
        let after = &rest[open + 1..];
        let close = after.find(')')?;
        for part in after[..close].split([';', ',']) {
            if let Some(id) = ids.get(part.trim()) {
                return Some(id.as_str());
            }
        }
        rest = &after[close + 1..];
    }
    None
}

impl Checker {
    /// Refuses citation markup in a field that is not cited from (a title, a label).
    fn no_cites(&mut self, ctx: &Ctx, field: &str, value: &Text) {
        if value.get_ref().contains("[@") {
            self.error(
                ctx,
                value.span(),
                field,
                format!("`{field}` cannot cite; citations go in the text fields"),
            )
            .help = Some(
                "move the [@id] into the summary, body, a fact's note or the sources list".into(),
            );
        }
    }
}

/// Everything a section cites, in the order a reader meets it: bottom line, numbers, key
/// points, body, cautions, then where sources differ.
fn section_citations(ck: &mut Checker, ctx: &Ctx, rs: &RawSection) -> Vec<Cited> {
    let mut out = Vec::new();
    let listed = |out: &mut Vec<Cited>, field: &str, ids: &[Text]| {
        for t in ids {
            out.push(Cited {
                id: t.get_ref().trim().to_string(),
                span: t.span(),
                field: field.to_string(),
                markup: false,
            });
        }
    };
    // Titles, labels and values are shown where no reference list follows.
    ck.no_cites(ctx, "section.title", &rs.title);
    for f in &rs.facts {
        ck.no_cites(ctx, "fact.label", &f.label);
        ck.no_cites(ctx, "fact.value", &f.value);
    }
    ck.cites(ctx, "section.summary", &rs.summary, &mut out);
    if let Some(e) = &rs.evidence {
        ck.cites(ctx, "section.evidence", e, &mut out);
    }
    for f in &rs.facts {
        listed(&mut out, "fact.sources", f.sources.get_ref());
        if let Some(n) = &f.note {
            ck.cites(ctx, "fact.note", n, &mut out);
        }
    }
    for k in &rs.key_points {
        ck.cites(ctx, "section.key_points", k, &mut out);
    }
    ck.cites(ctx, "section.body", &rs.body, &mut out);
    for c in &rs.cautions {
        ck.cites(ctx, "caution.text", &c.text, &mut out);
        listed(&mut out, "caution.sources", &c.sources);
    }
    for d in &rs.differs {
        ck.cites(ctx, "differs.point", &d.point, &mut out);
        for c in d.claims.get_ref() {
            listed(
                &mut out,
                "differs.claims.source",
                std::slice::from_ref(&c.source),
            );
            ck.cites(ctx, "differs.claims.says", &c.says, &mut out);
        }
        if let Some(n) = &d.note {
            ck.cites(ctx, "differs.note", n, &mut out);
        }
    }
    out
}

/// A `sources` list must name exactly what is cited: a source cited but not listed, or
/// listed but never cited, is an error at the place that shows it. Undeclared ids are
/// reported elsewhere and skipped here.
fn check_cited_equals_listed(
    ck: &mut Checker,
    ctx: &Ctx,
    declared: &HashMap<String, Declared>,
    cited: &[Cited],
    listed: &[Text],
    owner: &str,
    list_field: &str,
) {
    let listed_ids: HashSet<&str> = listed.iter().map(|t| t.get_ref().trim()).collect();
    let mut reported: HashSet<&str> = HashSet::new();
    for c in cited {
        if declared.contains_key(&c.id)
            && !listed_ids.contains(c.id.as_str())
            && reported.insert(&c.id)
        {
            ck.error(
                ctx,
                c.span.clone(),
                &c.field,
                format!(
                    "{owner} cites '{}', but its `sources` list does not name it",
                    c.id
                ),
            )
            .help = Some(format!("add \"{}\" to `{list_field}`", c.id));
        }
    }
    let cited_ids: HashSet<&str> = cited.iter().map(|c| c.id.as_str()).collect();
    let mut seen: HashSet<&str> = HashSet::new();
    for t in listed {
        let id = t.get_ref().trim();
        if !seen.insert(id) {
            ck.error(
                ctx,
                t.span(),
                list_field,
                format!("{owner} lists source '{id}' twice"),
            );
            continue;
        }
        if declared.contains_key(id) && !cited_ids.contains(id) {
            ck.error(
                ctx,
                t.span(),
                list_field,
                format!("{owner} lists source '{id}' but never cites it"),
            )
            .help = Some(format!(
                "cite it with [@{id}] where the text rests on it, or remove it from `{list_field}`"
            ));
        }
    }
}

/// Rewrites the citation markup of every text field into labels, once, so every renderer
/// (and the search index) shows the same "(Chu 2021)".
fn render_section(s: &mut Section, labels: &HashMap<String, String>) {
    let r = |t: &mut String| {
        if t.contains("[@") {
            *t = citation::render(t, |id| labels.get(id).cloned());
        }
    };
    r(&mut s.summary);
    r(&mut s.body);
    s.key_points.iter_mut().for_each(r);
    if let Some(e) = s.evidence.as_mut() {
        r(e);
    }
    for f in &mut s.facts {
        if let Some(n) = f.note.as_mut() {
            r(n);
        }
    }
    for c in &mut s.cautions {
        r(&mut c.text);
    }
    for d in &mut s.differs {
        r(&mut d.point);
        if let Some(n) = d.note.as_mut() {
            r(n);
        }
        for c in &mut d.claims {
            r(&mut c.says);
        }
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
    /// A source id inside `[@...]` markup in a text field.
    Citation,
    Section,
}

#[path = "validate_case.rs"]
mod case;

pub fn load_files(files: &[GuideFile], origin: &str) -> Result<Loaded, Vec<Problem>> {
    let mut ck = Checker {
        problems: Vec::new(),
        source_ids: HashSet::new(),
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
    let mut labels: HashMap<String, String> = HashMap::new();
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
            let source = check_source(&mut ck, &ctx, s);
            declare(&mut ck, &mut source_ids, &ctx, "source", &s.id, &source.id);
            sources.push(source);
        }
        check_labels(&mut ck, &ctx, &raw.sources, &sources);
        labels = sources
            .iter()
            .map(|s| (s.id.clone(), citation::label(s)))
            .collect();
        ck.source_ids = sources.iter().map(|s| s.id.clone()).collect();
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
        ck.no_cites(&ctx, "summary", &raw.summary);
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
            let mut section = Section {
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
                references: Vec::new(),
                see_also,
                evidence: ck.opt_text(&ctx, "section.evidence", &rs.evidence),
            };
            let cited = section_citations(&mut ck, &ctx, rs);
            check_cited_equals_listed(
                &mut ck,
                &ctx,
                &source_ids,
                &cited,
                rs.sources.get_ref(),
                &format!("section '{}'", section.id),
                "section.sources",
            );
            for c in &cited {
                // Ids in `sources` lists are already checked through `src_refs`.
                if c.markup {
                    refs.push(c.reference(fi));
                }
                if !section.references.contains(&c.id) {
                    section.references.push(c.id.clone());
                }
            }
            render_section(&mut section, &labels);
            sections.push(section);
        }
        let topic = Topic {
            id: topic_id,
            title: topic_title,
            order: *raw.order.get_ref(),
            summary: topic_summary,
            kind: raw.kind.as_ref().map(|k| k.get_ref().trim().to_string()),
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
            ck.no_cites(&ctx, "item.statement", &item.statement);
            let mut explanation = ck.text(&ctx, "item.explanation", &item.explanation, true);
            let mut cited = Vec::new();
            ck.cites(&ctx, "item.explanation", &item.explanation, &mut cited);
            if cited.is_empty() && !item.sources.get_ref().is_empty() {
                ck.error(
                    &ctx,
                    item.explanation.span(),
                    "item.explanation",
                    format!("quiz item '{id}' explains without citing a source"),
                )
                .help = Some("cite what the explanation rests on with [@id]".into());
            } else {
                check_cited_equals_listed(
                    &mut ck,
                    &ctx,
                    &source_ids,
                    &cited,
                    item.sources.get_ref(),
                    &format!("quiz item '{id}'"),
                    "item.sources",
                );
            }
            refs.extend(cited.iter().map(|c| c.reference(fi)));
            explanation = citation::render(&explanation, |id| labels.get(id).cloned());
            if let Some(answer) = answer {
                quiz.push(QuizItem {
                    id,
                    statement,
                    answer,
                    explanation,
                    section,
                    sources,
                    case: None,
                });
            }
        }
        for case in &raw.cases {
            if let Some(item) = case::check_case(
                &mut ck,
                &ctx,
                fi,
                case,
                &source_ids,
                &mut quiz_ids,
                &mut refs,
                &labels,
            ) {
                quiz.push(item);
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
            RefKind::Citation => {
                cited.insert(r.target.clone());
                if !source_ids.contains_key(&r.target) {
                    let near = closest_n(&r.target, source_ids.keys(), 3);
                    let p = ck.error(
                        &ctx,
                        r.span.clone(),
                        &r.field,
                        format!(
                            "citation [@{}]: no source '{}' in guide.toml",
                            r.target, r.target
                        ),
                    );
                    p.help = Some(if near.is_empty() {
                        "add a [[source]] with this id to guide.toml".into()
                    } else {
                        let quoted: Vec<String> = near.iter().map(|n| format!("'{n}'")).collect();
                        format!("closest ids: {}", quoted.join(", "))
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

/// Up to `n` declared ids near a mistyped one, nearest first.
fn closest_n<'a>(
    target: &str,
    candidates: impl Iterator<Item = &'a String>,
    n: usize,
) -> Vec<&'a String> {
    let limit = (target.chars().count() / 3).max(1);
    let mut scored: Vec<(usize, f64, &String)> = candidates
        .filter_map(|c| {
            let edits = strsim::osa_distance(target, c);
            let shape = strsim::jaro_winkler(target, c);
            (edits <= limit || shape > 0.8).then_some((edits, -shape, c))
        })
        .collect();
    scored.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.total_cmp(&b.1)).then(a.2.cmp(b.2)));
    scored.into_iter().take(n).map(|(_, _, c)| c).collect()
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
