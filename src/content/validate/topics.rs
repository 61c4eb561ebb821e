//! topics/*.toml: each topic and its sections (facts, cautions, where sources differ, links),
//! with the citations each section makes.

use std::collections::HashMap;

use super::references::{
    RefKind, Reference, check_cited_equals_listed, render_section, section_citations, source_refs,
};
use super::*;

/// Topics with their sections, in file order: (order, file, topic, sections).
pub(super) type TopicPart = Vec<(i64, String, Topic, Vec<Section>)>;

pub(super) fn check(
    ck: &mut Checker,
    files: &[GuideFile],
    origin: &str,
    source_ids: &HashMap<String, Declared>,
    labels: &HashMap<String, String>,
    refs: &mut Vec<Reference>,
) -> (TopicPart, HashMap<String, Declared>) {
    let ctx_of = |i: usize| Ctx {
        name: &files[i].name,
        text: &files[i].text,
    };
    let mut topic_ids: HashMap<String, Declared> = HashMap::new();
    let mut section_ids: HashMap<String, Declared> = HashMap::new();
    let mut topics: Vec<(i64, String, Topic, Vec<Section>)> = Vec::new();

    for (fi, file) in files.iter().enumerate() {
        if !file.rel.starts_with("topics/") {
            continue;
        }
        let Some(raw) = parse::<RawTopic>(file, ck) else {
            continue;
        };
        let ctx = ctx_of(fi);
        let topic_id = ck.id(&ctx, "id", &raw.id);
        declare(ck, &mut topic_ids, &ctx, "topic", &raw.id, &topic_id);
        let topic_title = ck.text(&ctx, "title", &raw.title, false);
        let topic_summary = ck.text(&ctx, "summary", &raw.summary, false);
        ck.no_cites(&ctx, "summary", &raw.summary);
        if raw.sections.is_empty() {
            ck.push(
                Severity::Warning,
                &ctx,
                raw.id.span(),
                "section",
                format!("topic '{topic_id}' has no [[section]]"),
            );
        }

        let mut sections = Vec::new();
        for rs in &raw.sections {
            let section = check_section(
                ck,
                &ctx,
                fi,
                rs,
                (&topic_id, &topic_title),
                (source_ids, labels),
                refs,
                &mut section_ids,
            );
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

    (topics, section_ids)
}

/// One `[[section]]` of a topic file: every field checked, its citations collected into the
/// numbered reference list and rendered as labels, its references recorded for later.
// The stage's state is passed as it is rather than bundled into a struct used once.
#[allow(clippy::too_many_arguments)]
fn check_section(
    ck: &mut Checker,
    ctx: &Ctx,
    fi: usize,
    rs: &RawSection,
    (topic_id, topic_title): (&str, &str),
    (source_ids, labels): (&HashMap<String, Declared>, &HashMap<String, String>),
    refs: &mut Vec<Reference>,
    section_ids: &mut HashMap<String, Declared>,
) -> Section {
    let id = ck.id(ctx, "section.id", &rs.id);
    declare(ck, section_ids, ctx, "section", &rs.id, &id);
    let title = ck.text(ctx, "section.title", &rs.title, false);
    if rs.sources.get_ref().is_empty() {
        ck.error(
            ctx,
            rs.sources.span(),
            "section.sources",
            format!("section '{id}' cites no source"),
        )
        .help = Some("name at least one source id from guide.toml".into());
    }
    let section_sources = source_refs(ck, ctx, fi, refs, "section.sources", rs.sources.get_ref());
    let facts = section_facts(ck, ctx, fi, rs, refs);
    let cautions = rs
        .cautions
        .iter()
        .map(|c| Caution {
            text: ck.text(ctx, "caution.text", &c.text, true),
            sources: source_refs(ck, ctx, fi, refs, "caution.sources", &c.sources),
        })
        .collect();
    let differs = section_differs(ck, ctx, fi, rs, refs);
    let see_also = section_see_also(ck, ctx, fi, rs, &id, refs);
    let mut section = Section {
        path: format!("{topic_title} > {title}"),
        id,
        title,
        topic: topic_id.to_string(),
        summary: ck.text(ctx, "section.summary", &rs.summary, false),
        body: ck.text(ctx, "section.body", &rs.body, true),
        key_points: rs
            .key_points
            .iter()
            .map(|k| ck.text(ctx, "section.key_points", k, false))
            .collect(),
        facts,
        cautions,
        differs,
        tags: rs
            .tags
            .iter()
            .map(|t| ck.text(ctx, "section.tags", t, false))
            .collect(),
        sources: section_sources,
        // Filled below, once the section's own fields are checked.
        references: Vec::new(),
        see_also,
        evidence: ck.opt_text(ctx, "section.evidence", &rs.evidence),
        kind: section_kind(ck, ctx, rs),
    };
    section.references = section_references(ck, ctx, fi, rs, source_ids, refs, &section.id);
    render_section(&mut section, labels);
    section
}

/// The sources a section's text cites, each once in citing order, checked against its
/// `sources` list; the markup citations are recorded in `refs` to resolve later.
fn section_references(
    ck: &mut Checker,
    ctx: &Ctx,
    fi: usize,
    rs: &RawSection,
    source_ids: &HashMap<String, Declared>,
    refs: &mut Vec<Reference>,
    id: &str,
) -> Vec<String> {
    let cited = section_citations(ck, ctx, rs);
    check_cited_equals_listed(
        ck,
        ctx,
        source_ids,
        &cited,
        rs.sources.get_ref(),
        &format!("section '{id}'"),
        "section.sources",
    );
    let mut references: Vec<String> = Vec::new();
    for c in &cited {
        // Ids in `sources` lists are already checked through `src_refs`.
        if c.markup {
            refs.push(c.reference(fi));
        }
        if !references.contains(&c.id) {
            references.push(c.id.clone());
        }
    }
    references
}

/// The `[[section.facts]]`, each with at least one source.
fn section_facts(
    ck: &mut Checker,
    ctx: &Ctx,
    fi: usize,
    rs: &RawSection,
    refs: &mut Vec<Reference>,
) -> Vec<Fact> {
    rs.facts
        .iter()
        .map(|f| Fact {
            label: ck.text(ctx, "fact.label", &f.label, false),
            value: ck.text(ctx, "fact.value", &f.value, false),
            unit: ck.opt_text(ctx, "fact.unit", &f.unit),
            sources: {
                if f.sources.get_ref().is_empty() {
                    ck.error(
                        ctx,
                        f.sources.span(),
                        "fact.sources",
                        "a fact needs at least one source",
                    );
                }
                source_refs(ck, ctx, fi, refs, "fact.sources", f.sources.get_ref())
            },
            note: ck.opt_text(ctx, "fact.note", &f.note),
        })
        .collect()
}

/// The `[[section.differs]]` notes, each with a claim per side.
fn section_differs(
    ck: &mut Checker,
    ctx: &Ctx,
    fi: usize,
    rs: &RawSection,
    refs: &mut Vec<Reference>,
) -> Vec<Differs> {
    rs.differs
        .iter()
        .map(|d| {
            if d.claims.get_ref().len() < 2 {
                ck.error(
                    ctx,
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
                    source: source_refs(
                        ck,
                        ctx,
                        fi,
                        refs,
                        "differs.claims.source",
                        std::slice::from_ref(&c.source),
                    )
                    .remove(0),
                    says: ck.text(ctx, "differs.claims.says", &c.says, true),
                })
                .collect();
            Differs {
                point: ck.text(ctx, "differs.point", &d.point, false),
                note: d
                    .note
                    .as_ref()
                    .map(|n| ck.text(ctx, "differs.note", n, true)),
                claims,
            }
        })
        .collect()
}

/// The `see_also` links, recorded as references to resolve; a link to itself is a warning.
fn section_see_also(
    ck: &mut Checker,
    ctx: &Ctx,
    fi: usize,
    rs: &RawSection,
    id: &str,
    refs: &mut Vec<Reference>,
) -> Vec<String> {
    rs.see_also
        .iter()
        .map(|s| {
            let target = ck.text(ctx, "section.see_also", s, false);
            if target == id {
                ck.push(
                    Severity::Warning,
                    ctx,
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
        .collect()
}

/// A section's `kind`: absent, or "gap" (what the sources leave open).
fn section_kind(ck: &mut Checker, ctx: &Ctx, rs: &RawSection) -> Option<String> {
    let raw = rs.kind.as_ref()?;
    let kind = ck.text(ctx, "section.kind", raw, false);
    if kind != crate::content::GAP_SECTION {
        ck.error(
            ctx,
            raw.span(),
            "section.kind",
            format!("unknown section kind '{kind}'"),
        )
        .help = Some(format!(
            "the only kind is \"{}\" (a section on what the sources do not say); leave it out otherwise",
            crate::content::GAP_SECTION
        ));
        return None;
    }
    Some(kind)
}
