//! `mnguide check`: validate the guide and report what it holds.

use super::{Context, Result, write_out};
use crate::content::Answer;

pub fn summary(ctx: &Context) -> String {
    let g = &ctx.guide;
    let facts = g.quiz.iter().filter(|q| q.answer == Answer::Fact).count();
    let myths = g.quiz.iter().filter(|q| q.answer == Answer::Myth).count();
    let cases = g.quiz.len() - facts - myths;
    // Cases are named only when there are some, so a guide without them reads as before.
    let cases = if cases > 0 {
        format!(", {cases} best-of-five cases")
    } else {
        String::new()
    };
    format!(
        "guide OK: {} ({})\n  {} topics, {} sections, {} quiz items ({} myths, {} facts{cases}), {} sources, {} synonym groups\n  version {}, reviewed {}\n",
        g.meta.title,
        // The guide's folder comes from the command line.
        ctx.painter.plain(&ctx.guide_source.describe()),
        g.topics.len(),
        g.sections.len(),
        g.quiz.len(),
        myths,
        facts,
        g.sources.len(),
        g.synonyms.len(),
        g.meta.version,
        crate::format::date(g.meta.reviewed),
    )
}

pub fn run(ctx: &Context) -> Result {
    for w in &ctx.warnings {
        crate::term::say!("{}", w.render(false));
    }
    let mut out = summary(ctx);
    out.push_str(&super::index::check_line(ctx));
    if !ctx.warnings.is_empty() {
        out.push_str(&format!("  {} warning(s) above\n", ctx.warnings.len()));
    }
    write_out(&out)
}
