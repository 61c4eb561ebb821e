//! `mnguide show ID`: one section, or one topic, as text or JSON; `--brief` for the short
//! answer.

use std::process::ExitCode;

use serde_json::json;

use super::{Context, brief, emit, render, to_json};
use crate::content::Guide;

pub fn run(ctx: &Context, id: &str, json: bool, short: bool) -> ExitCode {
    let id = id.trim();
    let (p, w) = (ctx.painter, ctx.width);
    if let Some(section) = ctx.guide.section(id) {
        return if json {
            emit(&to_json(&super::export::section_json(&ctx.guide, section)))
        } else if short {
            emit(&brief::section(&ctx.guide, section, p, w))
        } else {
            emit(&render::section(&ctx.guide, section, p, w))
        };
    }
    if let Some(topic) = ctx.guide.topic(id) {
        if json {
            let sections: Vec<_> = ctx
                .guide
                .sections_of(topic)
                .map(|s| super::export::section_json(&ctx.guide, s))
                .collect();
            return emit(&to_json(&json!({
                "id": topic.id,
                "title": topic.title,
                "summary": topic.summary,
                "sections": sections,
            })));
        }
        return emit(&brief::topic(&ctx.guide, topic, p, w));
    }
    unknown_id(&ctx.guide, id);
    ExitCode::from(1)
}

/// Says that nothing has this id and offers the nearest topic and section ids.
pub fn unknown_id(guide: &Guide, id: &str) {
    eprintln!(
        "mnguide: no section or topic '{}'",
        crate::term::clean_line(id)
    );
    let near = closest_ids(guide, id, 4);
    if !near.is_empty() {
        eprintln!("closest ids: {}", near.join(", "));
    }
    eprintln!("list them all with: mnguide topics");
}

/// Section and topic ids nearest to `wanted`, best first.
pub fn closest_ids<'a>(guide: &'a Guide, wanted: &str, n: usize) -> Vec<&'a str> {
    let lower = wanted.to_lowercase();
    let mut scored: Vec<(f64, &str)> = guide
        .topics
        .iter()
        .map(|t| {
            let mut score = strsim::jaro_winkler(&lower, &t.id);
            if t.id.contains(&lower)
                || (lower.len() >= 3 && t.title.to_lowercase().contains(&lower))
            {
                score += 0.5;
            }
            (score, t.id.as_str())
        })
        .filter(|(score, _)| *score > 0.6)
        .collect();
    let sections = guide.closest_section_ids(wanted, n);
    for (rank, id) in sections.into_iter().enumerate() {
        // Sections come ranked already; place them among the topics by the same measure.
        let score = strsim::jaro_winkler(&lower, id) + if id.contains(&lower) { 0.5 } else { 0.0 };
        scored.push((score - rank as f64 * 1e-6, id));
    }
    scored.sort_by(|a, b| b.0.total_cmp(&a.0));
    let mut out: Vec<&str> = Vec::new();
    for (_, id) in scored {
        if !out.contains(&id) {
            out.push(id);
        }
    }
    out.truncate(n);
    out
}
