//! `mnguide export`: the whole guide as JSON (for tools) or Markdown (for reading/printing).

use std::process::ExitCode;

use serde_json::json;

use super::{Context, ExportFormat, emit, to_json};
use crate::content::{Guide, Section, Source, citation};

pub fn json_value(guide: &Guide) -> serde_json::Value {
    json!({
        "guide": {
            "title": guide.meta.title,
            "version": guide.meta.version,
            "reviewed": guide.meta.reviewed.to_string(),
            "disclaimer": guide.meta.disclaimer,
        },
        "sources": guide.sources.iter().map(source_json).collect::<Vec<_>>(),
        "topics": guide.topics,
        "sections": guide.sections.iter().map(|s| section_json(guide, s)).collect::<Vec<_>>(),
        "quiz": guide.quiz,
    })
}

/// A source's structured fields, with the label it is cited by and its full reference.
pub fn source_json(s: &Source) -> serde_json::Value {
    let mut v = serde_json::to_value(s).unwrap_or_else(|_| json!({}));
    if let Some(map) = v.as_object_mut() {
        map.insert("label".into(), json!(citation::label(s)));
        map.insert("reference".into(), json!(citation::reference(s)));
    }
    v
}

/// A section with its numbered reference list, each entry labelled and written out.
pub fn section_json(guide: &Guide, section: &Section) -> serde_json::Value {
    let mut v = serde_json::to_value(section).unwrap_or_else(|_| json!({}));
    if let Some(map) = v.as_object_mut() {
        let list: Vec<serde_json::Value> = guide
            .references(section)
            .into_iter()
            .map(|(n, s, reference)| {
                json!({"n": n, "id": s.id, "label": citation::label(s), "reference": reference})
            })
            .collect();
        map.insert("reference_list".into(), json!(list));
    }
    v
}

/// Escapes a table cell so a `|` in content cannot break the Markdown table.
fn cell(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}

pub fn markdown(guide: &Guide) -> String {
    let m = &guide.meta;
    let mut out = format!(
        "# {}\n\nVersion {} · reviewed {}\n\n> {}\n\n",
        m.title,
        m.version,
        m.reviewed,
        m.disclaimer.replace('\n', " ")
    );
    out.push_str("## Contents\n\n");
    for t in &guide.topics {
        out.push_str(&format!("- {}\n", t.title));
    }
    out.push('\n');
    for t in &guide.topics {
        out.push_str(&format!("## {}\n\n{}\n\n", t.title, t.summary));
        for s in guide.sections_of(t) {
            out.push_str(&format!(
                "### {}\n\n`{}` · **Bottom line:** {}\n\n",
                s.title, s.id, s.summary
            ));
            if let Some(ev) = &s.evidence {
                out.push_str(&format!("*Evidence: {ev}*\n\n"));
            }
            if !s.facts.is_empty() {
                out.push_str("| Fact | Value | Sources |\n|---|---|---|\n");
                for f in &s.facts {
                    out.push_str(&format!(
                        "| {} | {} | {} |\n",
                        cell(&f.label),
                        cell(&f.value_with_unit()),
                        cell(&f.attribution(guide))
                    ));
                }
                out.push('\n');
            }
            if !s.key_points.is_empty() {
                for k in &s.key_points {
                    out.push_str(&format!("- {k}\n"));
                }
                out.push('\n');
            }
            out.push_str(s.body.trim());
            out.push_str("\n\n");
            for c in &s.cautions {
                out.push_str(&format!("> **Caution:** {}", c.text.replace('\n', " ")));
                out.push_str(&guide.cite_suffix(&c.sources, &c.text));
                out.push_str("\n\n");
            }
            for d in &s.differs {
                out.push_str(&format!("**Sources differ: {}**\n\n", d.point));
                for c in &d.claims {
                    out.push_str(&format!(
                        "- {}: {}\n",
                        guide.source_label(&c.source),
                        c.says.replace('\n', " ")
                    ));
                }
                if let Some(n) = &d.note {
                    out.push_str(&format!("\n{n}\n"));
                }
                out.push('\n');
            }
            out.push_str("**References**\n\n");
            for (n, src, reference) in guide.references(s) {
                out.push_str(&format!("{n}. {}\n", citation::entry(src, &reference)));
            }
            out.push('\n');
            if !s.see_also.is_empty() {
                out.push_str(&format!("See also: {}\n\n", s.see_also.join(", ")));
            }
        }
    }
    out.push_str("## Sources\n\n");
    for s in &guide.sources {
        out.push_str(&format!(
            "- **{}**: {}\n",
            citation::label(s),
            citation::listed(s, &citation::reference(s))
        ));
    }
    if !guide.quiz.is_empty() {
        out.push_str("\n## Myth or fact?\n\n");
        for q in &guide.quiz {
            out.push_str(&format!(
                "- **{}** — {}. {}\n",
                q.statement,
                q.answer_text(),
                q.explanation.replace('\n', " "),
            ));
        }
    }
    out
}

pub fn run(ctx: &Context, format: ExportFormat) -> ExitCode {
    match format {
        ExportFormat::Json => emit(&to_json(&json_value(&ctx.guide))),
        // Export is a document: content is the author's own and is written as is, but
        // control characters were refused at load time, so it cannot drive a terminal.
        ExportFormat::Markdown => emit(&markdown(&ctx.guide)),
        ExportFormat::Anki => emit(&super::anki::export(&ctx.guide)),
    }
}
