//! `mnguide show ID`: one section, or one topic, as text or JSON; `--brief` for the short
//! answer.

use serde_json::json;

use super::{Context, Error, Result, brief, render, write_json, write_painted};
use crate::content::Guide;

pub fn run(ctx: &Context, id: &str, json: bool, short: bool) -> Result {
    let id = id.trim();
    let (p, w) = (ctx.painter, ctx.width);
    if let Some(section) = ctx.guide.section(id) {
        return if json {
            write_json(&super::export::section_json(&ctx.guide, section))
        } else if short {
            write_painted(p, &brief::section(&ctx.guide, section, p, w))
        } else {
            write_painted(p, &render::section(&ctx.guide, section, p, w))
        };
    }
    if let Some(topic) = ctx.guide.topic(id) {
        if json {
            let sections: Vec<_> = ctx
                .guide
                .sections_of(topic)
                .map(|s| super::export::section_json(&ctx.guide, s))
                .collect();
            return write_json(&json!({
                "id": topic.id,
                "title": topic.title,
                "summary": topic.summary,
                "sections": sections,
            }));
        }
        return write_painted(p, &brief::topic(&ctx.guide, topic, p, w));
    }
    Err(unknown_id(&ctx.guide, id))
}

/// That nothing has this id, with the nearest topic and section ids.
pub fn unknown_id(guide: &Guide, id: &str) -> Error {
    Error::no_such(
        "section or topic",
        id,
        "closest ids",
        &guide.closest_ids(id, 4),
        Some("list them all with: mnguide topics"),
    )
}
