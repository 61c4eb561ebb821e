//! `mnguide sources`: every source with its full reference and the sections citing it.

use serde_json::json;

use super::export::source_json;
use super::{Context, Result, write_json, write_painted};
use crate::content::{Guide, citation};

/// The list as text: each source under its label, with its reference and citing sections.
pub fn text(guide: &Guide, p: crate::term::Painter, width: usize) -> String {
    let mut out = String::new();
    for s in &guide.sources {
        out.push_str(&p.bold(&citation::label(s)));
        out.push_str(&p.dim(&format!("  [{}]", s.id)));
        out.push('\n');
        let reference = citation::listed(s, &citation::reference(s));
        out.push_str(&super::render::reference_lines(&reference, width, "  "));
        let mut about = vec![s.kind.clone(), s.quality.clone(), s.verification.clone()];
        about.extend(s.design.iter().cloned());
        out.push_str(&p.dim(&format!("  {}", about.join(" · "))));
        out.push('\n');
        let citing = guide.citing_sections(&s.id);
        if citing.is_empty() {
            out.push_str("  Cited by no section\n");
        } else {
            let ids: Vec<&str> = citing.iter().map(|c| c.id.as_str()).collect();
            out.push_str(&super::render::reference_lines(
                &format!("Cited in: {}", ids.join(", ")),
                width,
                "  ",
            ));
        }
        out.push('\n');
    }
    out
}

pub fn json_value(guide: &Guide) -> serde_json::Value {
    let list: Vec<serde_json::Value> = guide
        .sources
        .iter()
        .map(|s| {
            let mut v = source_json(s);
            if let Some(map) = v.as_object_mut() {
                let sections: Vec<serde_json::Value> = guide
                    .citing_sections(&s.id)
                    .iter()
                    .map(|c| json!({"id": c.id, "title": c.title}))
                    .collect();
                let quiz: Vec<&str> = guide
                    .quiz
                    .iter()
                    .filter(|q| q.sources.contains(&s.id))
                    .map(|q| q.id.as_str())
                    .collect();
                map.insert("sections".into(), json!(sections));
                map.insert("quiz_items".into(), json!(quiz));
            }
            v
        })
        .collect();
    json!(list)
}

pub fn run(ctx: &Context, json: bool) -> Result {
    if json {
        return write_json(&json_value(&ctx.guide));
    }
    write_painted(ctx.painter, &text(&ctx.guide, ctx.painter, ctx.width))
}
