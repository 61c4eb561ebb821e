//! `mnguide show ID`: one section as text or JSON.

use std::process::ExitCode;

use super::{Context, emit, render, to_json};

pub fn run(ctx: &Context, id: &str, json: bool) -> ExitCode {
    let Some(section) = ctx.guide.section(id.trim()) else {
        eprintln!("mnguide: no section '{}'", crate::term::clean_line(id));
        let near = ctx.guide.closest_section_ids(id.trim(), 3);
        if !near.is_empty() {
            eprintln!("closest ids: {}", near.join(", "));
        }
        eprintln!("list them all with: mnguide topics");
        return ExitCode::from(1);
    };
    if json {
        return emit(&to_json(section));
    }
    emit(&render::section(
        &ctx.guide,
        section,
        ctx.painter,
        ctx.width,
    ))
}
