//! The `[[source]]` records of guide.toml, against the schema in guide/README.md: kinds,
//! identifiers, dates, placeholders and fields declared unknown, and labels that must tell
//! sources apart.

use chrono::NaiveDate;

use super::*;

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
pub(super) fn check_source(ck: &mut Checker, ctx: &Ctx, s: &RawSource) -> Source {
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
    let authors = source_authors(ck, ctx, s);
    let unknown = source_unknown(ck, ctx, s);
    let (year, date, date_year) = source_year_and_date(ck, ctx, s);
    let Identifiers {
        doi,
        pmid,
        pmcid,
        url,
    } = source_identifiers(ck, ctx, s);

    // An optional text field, checked under its own name: `source.<field>`.
    macro_rules! optional {
        ($field:ident) => {
            ck.opt_source_text(ctx, concat!("source.", stringify!($field)), &s.$field)
        };
    }
    let source = Source {
        id,
        kind,
        authors,
        title,
        subtitle: optional!(subtitle),
        container: optional!(container),
        year: year.or(date_year),
        date,
        volume: optional!(volume),
        issue: optional!(issue),
        pages: optional!(pages),
        doi,
        pmid,
        pmcid,
        url,
        publisher: optional!(publisher),
        place: optional!(place),
        edition: optional!(edition),
        design: optional!(design),
        quality: ck.choice(ctx, "source.quality", &s.quality, citation::QUALITIES),
        verification: ck.choice(
            ctx,
            "source.verification",
            &s.verification,
            citation::VERIFICATIONS,
        ),
        unknown: unknown.iter().map(|(u, _)| u.clone()).collect(),
        label: optional!(label),
        note: optional!(note),
    };

    check_complete(ck, ctx, s, &source, &unknown);
    source
}

/// The `authors` list: not empty when given, no "et al." standing in for names.
fn source_authors(ck: &mut Checker, ctx: &Ctx, s: &RawSource) -> Vec<String> {
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
    authors
}

/// The fields listed in `unknown`, each one a field that can be unknown, with its place.
fn source_unknown(ck: &mut Checker, ctx: &Ctx, s: &RawSource) -> Vec<(String, Range<usize>)> {
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
    unknown
}

/// `year` and `date`: (the year given, the date given, the date's year), checked to agree.
fn source_year_and_date(
    ck: &mut Checker,
    ctx: &Ctx,
    s: &RawSource,
) -> (Option<i32>, Option<String>, Option<i32>) {
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
    (year, date, date_year)
}

/// A source's identifiers, as given.
struct Identifiers {
    doi: Option<String>,
    pmid: Option<String>,
    pmcid: Option<String>,
    url: Option<String>,
}

/// The identifiers, each checked in its own syntax.
fn source_identifiers(ck: &mut Checker, ctx: &Ctx, s: &RawSource) -> Identifiers {
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
    Identifiers {
        doi,
        pmid,
        pmcid,
        url,
    }
}

/// What a source record says it lacks against what it gives: a field both given and listed
/// unknown, and what a reader needs to find the source again (authors, journal, year for a
/// journal article; an identifier; a label when there are no authors).
fn check_complete(
    ck: &mut Checker,
    ctx: &Ctx,
    s: &RawSource,
    source: &Source,
    unknown: &[(String, Range<usize>)],
) {
    // A field both given and declared unknown contradicts itself. An author list may be
    // partial: "authors" in `unknown` then means names are missing after those given.
    for (u, span) in unknown {
        if gives(source, u) {
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
    check_findable(ck, ctx, s, source, unknown);
}

/// Whether the source gives `field` (the name `unknown` would list it by); "identifier" is
/// any of doi, pmid, pmcid and url. Authors are never "given" here: a partial list may
/// still be marked unknown.
fn gives(source: &Source, field: &str) -> bool {
    match field {
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
    }
}

/// What a reader needs to find the source again, unless the record says it is unknown:
/// authors, journal and year for a journal article; an identifier; a label when there are
/// no authors.
fn check_findable(
    ck: &mut Checker,
    ctx: &Ctx,
    s: &RawSource,
    source: &Source,
    unknown: &[(String, Range<usize>)],
) {
    let is_unknown = |f: &str| unknown.iter().any(|(u, _)| u == f);
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
    if !gives(source, "identifier") && !is_unknown("identifier") {
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
}

/// Two sources with one label could not be told apart where they are cited.
pub(super) fn check_labels(ck: &mut Checker, ctx: &Ctx, raw: &[RawSource], sources: &[Source]) {
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
