//! `mnguide index [--rebuild]`: build the search index and say what it holds.

use std::time::Instant;

use super::{Context, Error, Result, search, write_out};
use crate::search::{IndexStatus, SearchIndex};

pub fn run(ctx: &Context, rebuild: bool) -> Result {
    let started = Instant::now();
    let dir = ctx.index_dir.display().to_string();
    let (index, what) = if rebuild {
        match SearchIndex::rebuild(&ctx.guide, &ctx.index_dir) {
            Ok(index) => (index, "rebuilt".to_string()),
            Err(e) => {
                return Err(Error::Index(format!(
                    "cannot build the index in {dir}: {e:#}"
                )));
            }
        }
    } else {
        match search::open_index(ctx) {
            Ok((index, IndexStatus::Opened)) => (index, "up to date".to_string()),
            Ok((index, IndexStatus::Built { reason })) => {
                (index, format!("built ({})", ctx.painter.plain(&reason)))
            }
            Ok((index, IndexStatus::InMemory { .. })) => (index, "built in memory".to_string()),
            Err(e) => return Err(e),
        }
    };
    let ms = started.elapsed().as_secs_f64() * 1000.0;
    write_out(&format!(
        "index {what}: {}\n  {} sections, {} distinct words, {} synonym groups, {ms:.1} ms\n",
        ctx.painter.plain(&dir),
        index.num_docs(),
        index.num_terms(),
        ctx.guide.synonyms.len(),
    ))
}

/// One line for `mnguide check`: whether the index is present, current and intact.
pub fn check_line(ctx: &Context) -> String {
    // The folder, the reason and the errors come from the command line and the disk.
    let p = ctx.painter;
    let dir = p.plain(&ctx.index_dir.display().to_string());
    match SearchIndex::open_or_build(&ctx.guide, &ctx.index_dir) {
        Ok((index, status)) => {
            let state = match status {
                IndexStatus::Opened => "up to date".to_string(),
                IndexStatus::Built { reason } => format!("rebuilt ({})", p.plain(&reason)),
                IndexStatus::InMemory { warning } => {
                    return format!("index in memory only: {}\n", p.plain(&warning));
                }
            };
            match index.verify() {
                Ok(0) => format!("index OK: {dir}, {state}, {} sections\n", index.num_docs()),
                Ok(n) => format!(
                    "index damaged: {n} file(s) in {dir} fail their checksum; run mnguide index --rebuild\n"
                ),
                Err(e) => format!("index unreadable: {dir}: {}\n", p.plain(&e.to_string())),
            }
        }
        Err(e) => format!("index unavailable: {}\n", p.plain(&format!("{e:#}"))),
    }
}
