//! `mnguide show ID`: one section as text or JSON.

use std::process::ExitCode;

use super::{Context, emit, render, to_json};
use crate::term::clean;

pub fn run(ctx: &Context, id: &str, json: bool) -> ExitCode {
    let Some(section) = ctx.guide.section(id.trim()) else {
        eprintln!("mnguide: no section '{}'", clean(id));
        let near = ctx.guide.closest_section_ids(id.trim(), 3);
        if !near.is_empty() {
            eprintln!("closest ids: {}", near.join(", "));
        }
        eprintln!("list them all with: mnguide topics");
        return ExitCode::from(1);
    };
    if json {
        return emit(&to_json(&super::export::section_json(&ctx.guide, section)));
    }
    emit(&render::section(
        &ctx.guide,
        section,
        ctx.painter,
        ctx.width,
    ))
}
