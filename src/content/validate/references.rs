//! Citations and cross references: `[@id]` markup in text fields, `sources` lists that must
//! match what is cited, links to sections, and, once every id is known, whether each
//! reference resolves (with the closest declared ids when it does not) and whether every
//! source is cited somewhere.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use super::*;

/// The ids of a `sources` list, each recorded as a reference to resolve later.
pub(super) fn source_refs(
    ck: &mut Checker,
    ctx: &Ctx,
    fi: usize,
    refs: &mut Vec<Reference>,
    field: &str,
    list: &[Text],
) -> Vec<String> {
    list.iter()
        .map(|s| {
            let id = ck.text(ctx, field, s, false);
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
}

/// One source a section or quiz item relies on: cited in its text or named in a
/// fact's, caution's or claim's `source(s)`.
pub(super) struct Cited {
    pub(super) id: String,
    /// Where in the file, for messages.
    pub(super) span: Range<usize>,
    pub(super) field: String,
    /// Written as `[@id]` in a text field (rather than in a `sources` list).
    pub(super) markup: bool,
}

impl Cited {
    /// The reference this citation makes, resolved with every other id once all are known.
    pub(super) fn reference(&self, file: usize) -> Reference {
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
    pub(super) fn cites(&mut self, ctx: &Ctx, field: &str, value: &Text, out: &mut Vec<Cited>) {
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
pub(super) fn bare_source_id<'a>(text: &str, ids: &'a HashSet<String>) -> Option<&'a str> {
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
    pub(super) fn no_cites(&mut self, ctx: &Ctx, field: &str, value: &Text) {
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
pub(super) fn section_citations(ck: &mut Checker, ctx: &Ctx, rs: &RawSection) -> Vec<Cited> {
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
pub(super) fn check_cited_equals_listed(
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
pub(super) fn render_section(s: &mut Section, labels: &HashMap<String, String>) {
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
pub(super) struct Reference {
    pub(super) file: usize,
    pub(super) span: Range<usize>,
    pub(super) field: String,
    pub(super) target: String,
    pub(super) kind: RefKind,
}

#[derive(Clone, Copy, PartialEq)]
pub(super) enum RefKind {
    Source,
    /// A source id inside `[@...]` markup in a text field.
    Citation,
    Section,
}

/// Resolves every reference now that every id is known; returns the source ids cited.
pub(super) fn resolve(
    ck: &mut Checker,
    files: &[GuideFile],
    refs: &[Reference],
    source_ids: &HashMap<String, Declared>,
    section_ids: &HashMap<String, Declared>,
) -> HashSet<String> {
    let ctx_of = |i: usize| Ctx {
        name: &files[i].name,
        text: &files[i].text,
    };
    let mut cited: HashSet<String> = HashSet::new();
    for r in refs {
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
    cited
}

/// Warns about each declared source nothing cites.
pub(super) fn never_cited(
    ck: &mut Checker,
    files: &[GuideFile],
    meta_idx: usize,
    sources: &[Source],
    cited: &HashSet<String>,
) {
    let ctx_of = |i: usize| Ctx {
        name: &files[i].name,
        text: &files[i].text,
    };
    if let Some(raw_meta_text) = files.get(meta_idx) {
        let ctx = ctx_of(meta_idx);
        for s in sources {
            if !s.id.is_empty() && !cited.contains(&s.id) {
                let offset = raw_meta_text
                    .text
                    .find(&format!("\"{}\"", s.id))
                    .unwrap_or(0);
                ck.push(
                    Severity::Warning,
                    &ctx,
                    offset..offset + s.id.len() + 2,
                    "source.id",
                    format!("source '{}' is never cited", s.id),
                )
                .help = Some("cite it from a section, fact or quiz item, or remove it".into());
            }
        }
    }
}

/// Up to `n` declared ids near a mistyped one, nearest first.
pub(super) fn closest_n<'a>(
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
pub(super) fn closest<'a>(
    target: &str,
    candidates: impl Iterator<Item = &'a String>,
) -> Option<&'a String> {
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

/// The text of a quiz item or case that must cite what it rests on (an explanation, the
/// reasons), checked against the item's `sources` list.
pub(super) struct CitingText<'a> {
    /// "quiz item 'id'", "case 'id'".
    pub owner: String,
    /// Where the text is, and its field name.
    pub span: Range<usize>,
    pub field: &'a str,
    /// The field of the sources list.
    pub list_field: &'a str,
    /// What the text does when it cites nothing ("explains", "gives reasons").
    pub does: &'a str,
    /// What should be cited ("what the explanation rests on").
    pub rests_on: &'a str,
}

/// A text that lists sources but cites none is its own error; otherwise what it cites and
/// what it lists must be the same set (see [`check_cited_equals_listed`]).
pub(super) fn check_citing_text(
    ck: &mut Checker,
    ctx: &Ctx,
    declared: &HashMap<String, Declared>,
    cited: &[Cited],
    listed: &[Text],
    text: CitingText,
) {
    if cited.is_empty() && !listed.is_empty() {
        ck.error(
            ctx,
            text.span,
            text.field,
            format!("{} {} without citing a source", text.owner, text.does),
        )
        .help = Some(format!("cite {} with [@id]", text.rests_on));
    } else {
        check_cited_equals_listed(
            ck,
            ctx,
            declared,
            cited,
            listed,
            &text.owner,
            text.list_field,
        );
    }
}
