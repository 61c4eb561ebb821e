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
    let near = guide.closest_ids(id, 4);
    if !near.is_empty() {
        eprintln!("closest ids: {}", near.join(", "));
    }
    eprintln!("list them all with: mnguide topics");
}
