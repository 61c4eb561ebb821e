//! `mnguide topics`: the topic tree, as text or JSON.

use serde_json::json;

use super::{Context, Result, write_json, write_painted};
use crate::term::fit;

pub fn tree_text(ctx: &Context) -> String {
    let p = ctx.painter;
    let g = &ctx.guide;
    let id_width = g
        .sections
        .iter()
        .map(|s| s.id.len() + 2)
        .chain(g.topics.iter().map(|t| t.id.len()))
        .max()
        .unwrap_or(10)
        .min(36)
        // Keep room for a readable title on narrow screens.
        .min(ctx.width.saturating_sub(24).max(12));
    let title_width = ctx.width.saturating_sub(id_width + 2).max(10);
    let mut out = String::new();
    for topic in &g.topics {
        out.push_str(&format!(
            "{}  {}\n",
            p.heading(&format!("{:<id_width$}", fit(&topic.id, id_width))),
            p.bold(&fit(&topic.title, title_width))
        ));
        for s in g.sections_of(topic) {
            out.push_str(&format!(
                "  {}  {}\n",
                p.accent(&format!(
                    "{:<w$}",
                    fit(&s.id, id_width - 2),
                    w = id_width - 2
                )),
                fit(&s.title, title_width)
            ));
        }
    }
    out
}

pub fn run(ctx: &Context, json: bool) -> Result {
    if json {
        let topics: Vec<_> = ctx
            .guide
            .topics
            .iter()
            .map(|t| {
                json!({
                    "id": t.id,
                    "title": t.title,
                    "order": t.order,
                    "summary": t.summary,
                    "sections": ctx.guide.sections_of(t).map(|s| json!({
                        "id": s.id,
                        "title": s.title,
                        "summary": s.summary,
                    })).collect::<Vec<_>>(),
                })
            })
            .collect();
        return write_json(&topics);
    }
    write_painted(ctx.painter, &tree_text(ctx))
}

/// What plain `mnguide` prints where no terminal browser can run.
pub fn run_default(ctx: &Context) -> Result {
    let mut out = tree_text(ctx);
    out.push_str("\nRead a section:  mnguide show ID\nSearch:          mnguide search WORDS\n");
    write_painted(ctx.painter, &out)
}
