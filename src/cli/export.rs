//! `mnguide export`: the whole guide as JSON (for tools) or Markdown (for reading/printing).

use serde_json::json;

use super::{Context, ExportFormat, Result, write_json, write_out};
use crate::content::outline::{Block, Reference, outline};
use crate::content::{
    Answer, CaseOptions, Guide, OPTION_LETTERS, QuizItem, Section, Source, citation,
};

pub fn json_value(guide: &Guide) -> serde_json::Value {
    json!({
        "guide": {
            "title": guide.meta.title,
            "version": guide.meta.version,
            "reviewed": crate::format::date(guide.meta.reviewed),
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

/// A section's fields, its outline as `blocks` (the parts in reading order, as every other
/// output shows them) and its numbered reference list, each entry labelled and written out.
pub fn section_json(guide: &Guide, section: &Section) -> serde_json::Value {
    let mut v = serde_json::to_value(section).unwrap_or_else(|_| json!({}));
    let blocks = outline(guide, section);
    let reference_list = blocks
        .iter()
        .find_map(|b| match b {
            Block::References(list) => Some(references_json(list)),
            _ => None,
        })
        .unwrap_or_else(|| json!([]));
    if let Some(map) = v.as_object_mut() {
        map.insert(
            "blocks".into(),
            blocks.iter().map(block_json).collect::<Vec<_>>().into(),
        );
        map.insert("reference_list".into(), reference_list);
    }
    v
}

fn references_json(list: &[Reference]) -> serde_json::Value {
    list.iter()
        .map(|r| json!({"n": r.n, "id": r.source.id, "label": r.label, "reference": r.reference}))
        .collect::<Vec<_>>()
        .into()
}

/// One block of a section's outline: `{"kind": "bottom_line", "text": ...}`.
fn block_json(block: &Block) -> serde_json::Value {
    let mut v = match block {
        Block::Title { title, path } => json!({"title": title, "path": path}),
        Block::BottomLine(text) | Block::Evidence(text) | Block::Body(text) => {
            json!({"text": text})
        }
        Block::KeyNumbers(rows) => json!({"rows": rows
            .iter()
            .map(|r| json!({"measure": r.fact.label, "value": r.value, "sources": r.sources}))
            .collect::<Vec<_>>()}),
        Block::KeyPoints(points) => json!({"items": points}),
        Block::Cautions(lines) => json!({"items": lines
            .iter()
            .map(|c| json!({"text": c.text, "cite": c.cite.trim()}))
            .collect::<Vec<_>>()}),
        Block::SourcesDiffer(d) => json!({
            "point": d.point,
            "claims": d.claims
                .iter()
                .map(|(source, says)| json!({"source": source, "says": says}))
                .collect::<Vec<_>>(),
            "note": d.note,
        }),
        Block::References(list) => json!({"items": references_json(list)}),
        Block::SeeAlso(links) => json!({"links": links
            .iter()
            .map(|l| json!({"id": l.id, "title": l.title}))
            .collect::<Vec<_>>()}),
    };
    if let Some(map) = v.as_object_mut() {
        map.insert("kind".into(), json!(block.kind().name()));
    }
    v
}

/// Escapes a table cell so a `|` in content cannot break the Markdown table.
fn cell(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}

/// One section as Markdown, block by block from its outline.
pub fn section_markdown(guide: &Guide, s: &Section) -> String {
    let mut out = String::new();
    for block in outline(guide, s) {
        let label = block.kind().label();
        match block {
            Block::Title { title, .. } => out.push_str(&format!("### {title}\n\n`{}` · ", s.id)),
            Block::BottomLine(text) => out.push_str(&format!("**{label}:** {text}\n\n")),
            Block::Evidence(text) => out.push_str(&format!("*{label}: {text}*\n\n")),
            Block::KeyNumbers(rows) => {
                out.push_str("| Fact | Value | Sources |\n|---|---|---|\n");
                for r in rows {
                    out.push_str(&format!(
                        "| {} | {} | {} |\n",
                        cell(&r.fact.label),
                        cell(&r.value),
                        cell(&r.sources)
                    ));
                }
                out.push('\n');
            }
            Block::KeyPoints(points) => {
                for k in points {
                    out.push_str(&format!("- {k}\n"));
                }
                out.push('\n');
            }
            Block::Body(md) => {
                out.push_str(md.trim());
                out.push_str("\n\n");
            }
            Block::Cautions(lines) => {
                for c in lines {
                    let text = c.text.replace('\n', " ");
                    out.push_str(&format!("> **Caution:** {text}{}\n\n", c.cite));
                }
            }
            Block::SourcesDiffer(d) => {
                out.push_str(&format!("**{label}: {}**\n\n", d.point));
                for (source, says) in &d.claims {
                    out.push_str(&format!("- {source}: {}\n", says.replace('\n', " ")));
                }
                if let Some(n) = d.note {
                    out.push_str(&format!("\n{n}\n"));
                }
                out.push('\n');
            }
            Block::References(list) => {
                out.push_str(&format!("**{label}**\n\n"));
                for r in list {
                    out.push_str(&format!("{}. {}\n", r.n, r.entry));
                }
                out.push('\n');
            }
            Block::SeeAlso(links) => {
                let ids: Vec<&str> = links.iter().map(|l| l.id).collect();
                out.push_str(&format!("{label}: {}\n\n", ids.join(", ")));
            }
        }
    }
    out
}

pub fn markdown(guide: &Guide) -> String {
    let m = &guide.meta;
    let mut out = format!(
        "# {}\n\nVersion {} · reviewed {}\n\n> {}\n\n",
        m.title,
        m.version,
        crate::format::date(m.reviewed),
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
            out.push_str(&section_markdown(guide, s));
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

pub fn run(ctx: &Context, format: ExportFormat) -> Result {
    match format {
        ExportFormat::Json => write_json(&json_value(&ctx.guide)),
        // Export is a document: content is the author's own and is written as is, but
        // control characters were refused at load time, so it cannot drive a terminal.
        ExportFormat::Markdown => write_out(&markdown(&ctx.guide)),
        ExportFormat::Anki => write_out(&super::anki::export(&ctx.guide)),
    }
}
