//! `mnguide export`: the whole guide as JSON (for tools) or Markdown (for reading/printing).

use std::process::ExitCode;

use serde_json::json;

use super::{Context, ExportFormat, emit, to_json};
use crate::content::{
    Answer, CaseOptions, Guide, OPTION_LETTERS, QuizItem, Section, Source, citation,
};

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
        "quiz": guide.quiz.iter().map(quiz_json).collect::<Vec<_>>(),
    })
}

/// The text of a case's best option.
fn best_option<'a>(q: &QuizItem, case: &'a CaseOptions) -> Option<&'a str> {
    match q.answer {
        Answer::Choice(i) => case.options.get(usize::from(i)).map(String::as_str),
        _ => None,
    }
}

/// A quiz item as a reader of the JSON expects it: a myth-or-fact statement with its answer
/// ("myth" or "fact"), or a best-of-five stem with its options listed by letter, each with
/// its reason, and the best one named by letter and text.
pub fn quiz_json(q: &QuizItem) -> serde_json::Value {
    match &q.case {
        None => json!({
            "id": q.id,
            "kind": q.kind().as_str(),
            "statement": q.statement,
            "answer": q.answer.as_str(),
            "explanation": q.explanation,
            "section": q.section,
            "sources": q.sources,
        }),
        Some(case) => {
            let options: Vec<serde_json::Value> = OPTION_LETTERS
                .iter()
                .zip(&case.options)
                .zip(&case.reasons)
                .map(|((l, text), reason)| json!({"letter": l, "text": text, "reason": reason}))
                .collect();
            json!({
                "id": q.id,
                "kind": q.kind().as_str(),
                "stem": q.statement,
                "options": options,
                "answer": q.answer.as_str(),
                "answer_text": best_option(q, case),
                "section": q.section,
                "sources": q.sources,
            })
        }
    }
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
    out.push_str(&quiz_markdown(guide));
    out
}

/// The quiz part of the Markdown export: myth-or-fact items as one list, then each
/// best-of-five case with its stem, options a-e, best answer, the reason for every option
/// and its sources, so a printed copy can be revised from.
pub fn quiz_markdown(guide: &Guide) -> String {
    let mut out = String::new();
    let (items, cases): (Vec<&QuizItem>, Vec<&QuizItem>) =
        guide.quiz.iter().partition(|q| q.case.is_none());
    if !items.is_empty() {
        out.push_str("\n## Myth or fact?\n\n");
        for q in items {
            out.push_str(&format!(
                "- **{}** — {}. {}\n",
                q.statement,
                q.answer_text(),
                q.explanation.replace('\n', " "),
            ));
        }
    }
    if !cases.is_empty() {
        out.push_str("\n## Best of five\n");
        for (n, q) in cases.iter().enumerate() {
            let Some(case) = &q.case else { continue };
            out.push_str(&format!(
                "\n**Case {}** (`{}`)\n\n{}\n\n",
                n + 1,
                q.id,
                q.statement.replace('\n', " ")
            ));
            for (l, o) in OPTION_LETTERS.iter().zip(&case.options) {
                out.push_str(&format!("- **{l}.** {}\n", o.replace('\n', " ")));
            }
            out.push_str(&format!(
                "\n**Best answer: {}.** {}\n\n",
                q.answer.as_str(),
                best_option(q, case).unwrap_or_default().replace('\n', " ")
            ));
            for (l, r) in OPTION_LETTERS.iter().zip(&case.reasons) {
                out.push_str(&format!("- {l}: {}\n", r.replace('\n', " ")));
            }
            let labels: Vec<String> = q.sources.iter().map(|s| guide.source_label(s)).collect();
            out.push_str(&format!("\nSources: {}", labels.join("; ")));
            match guide.section(&q.section) {
                Some(s) => out.push_str(&format!(" · Read more: {} (`{}`)\n", s.title, s.id)),
                None => out.push('\n'),
            }
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
