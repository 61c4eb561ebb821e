//! `mnguide search QUERY...`: ranked sections with highlighted snippets, or JSON.

use serde::Serialize;

use super::{Context, Error, Result, write_json, write_painted};
use crate::content::{self, GuideSource};
use crate::env::Locations;
use crate::search::{Hit, IndexStatus, SearchIndex};
use crate::term::{self, Painter};

/// Opens (or builds) the index for `ctx`'s guide; prints the one-line warning when it had
/// to live in memory.
pub fn open_index(ctx: &Context) -> Result<(SearchIndex, IndexStatus)> {
    match SearchIndex::open_or_build(&ctx.guide, &ctx.index_dir) {
        Ok((index, status)) => {
            if let IndexStatus::InMemory { warning } = &status {
                crate::term::say!("mnguide: warning: {warning}");
            }
            Ok((index, status))
        }
        Err(e) => Err(Error::Index(format!(
            "cannot build the search index: {e:#}"
        ))),
    }
}

#[derive(Serialize)]
struct JsonHit<'a> {
    id: &'a str,
    title: &'a str,
    path: &'a str,
    score: f32,
    snippet: &'a str,
    matched: &'a [String],
}

/// Exit 0 with hits, 1 with none (like grep).
pub fn run(ctx: &Context, query: &[String], json: bool, limit: usize) -> Result {
    let (index, _) = open_index(ctx)?;
    let out = Output {
        painter: ctx.painter,
        width: ctx.width,
        json,
    };
    answer(&index, out, query, limit)
}

/// `search --first`: the best hit in the short form of `show --brief`, tldr-style.
pub fn run_first(ctx: &Context, query: &[String]) -> Result {
    let (index, _) = open_index(ctx)?;
    let text = query.join(" ");
    let results = index.search(&text, 1);
    let not_found = || {
        Error::NotFound(format!(
            "no sections match '{}'\n",
            term::quote(text.trim())
        ))
    };
    let hit = results.hits.first().ok_or_else(not_found)?;
    let section = ctx.guide.section(&hit.id).ok_or_else(not_found)?;
    write_painted(
        ctx.painter,
        &super::brief::section(&ctx.guide, section, ctx.painter, ctx.width),
    )
}

/// The quick way: when the index on disk is current for the guide's files, search it
/// without loading the guide (the index was built from this very guide after it passed
/// validation). `None` when anything is off; the caller then loads the guide and goes
/// through [`run`], which reports problems and rebuilds as needed.
pub fn run_on_current_index(
    at: &Locations,
    out: Output,
    query: &[String],
    limit: usize,
) -> Option<Result> {
    let hash = match &at.guide_source {
        GuideSource::Dir(dir) => content::hash_memo::hash_dir(dir, &at.index_dir)?,
        GuideSource::Embedded => content::files::embedded_hash(),
    };
    let index = SearchIndex::open_current(&at.index_dir, &hash)?;
    let code = answer(&index, out, query, limit);
    // The process ends now and the OS takes everything back at once; freeing the index's
    // many small allocations and maps one by one would cost more than the search did.
    std::mem::forget(index);
    Some(code)
}

/// How results are printed.
#[derive(Debug, Clone, Copy)]
pub struct Output {
    pub painter: Painter,
    pub width: usize,
    pub json: bool,
}

fn answer(index: &SearchIndex, out_opts: Output, query: &[String], limit: usize) -> Result {
    let Output {
        painter,
        width,
        json,
    } = out_opts;
    let text = query.join(" ");
    let results = index.search(&text, limit);
    if let Some(better) = &results.did_you_mean {
        crate::term::say!("did you mean: {better}");
    }
    if json {
        let hits: Vec<JsonHit> = results
            .hits
            .iter()
            .map(|h| JsonHit {
                id: &h.id,
                title: &h.title,
                path: &h.path,
                score: h.score,
                snippet: &h.snippet.text,
                matched: &h.matched,
            })
            .collect();
        write_json(&hits)?;
        // Like grep: no hits is exit 1, after the empty list.
        return if results.hits.is_empty() {
            Err(Error::NotFound(String::new()))
        } else {
            Ok(())
        };
    }
    if results.hits.is_empty() {
        return Err(Error::NotFound(no_match(&text, &results)));
    }
    let mut out = String::new();
    if !results.expansions.is_empty() {
        let shown = results.expansions.join(", ");
        out.push_str(&painter.dim(&format!("also searched: {shown}")));
        out.push('\n');
    }
    for (n, hit) in results.hits.iter().enumerate() {
        out.push_str(&render_hit(n + 1, hit, painter, width));
    }
    write_painted(painter, &out)
}

/// What was searched and where to go instead, for a search that found nothing.
fn no_match(text: &str, results: &crate::search::SearchResults) -> String {
    let mut out = format!("no sections match '{}'", term::quote(text.trim()));
    if !results.searched.is_empty() && results.searched != text.trim() {
        out.push_str(&format!(" (searched for: {})", results.searched));
    }
    out.push('\n');
    if !results.closest_topics.is_empty() {
        let topics: Vec<String> = results
            .closest_topics
            .iter()
            .map(|t| format!("{} [{}]", t.title, t.id))
            .collect();
        out.push_str(&format!("closest topics: {}\n", topics.join(", ")));
    }
    out
}

fn render_hit(n: usize, hit: &Hit, painter: Painter, width: usize) -> String {
    let mut s = String::new();
    let heading = format!("{n:>2}. {}", hit.title);
    let opts = textwrap::Options::new(width.max(20)).subsequent_indent("    ");
    for line in term::wrap(&heading, opts) {
        s.push_str(&painter.bold(&line));
        s.push('\n');
    }
    let place = format!("{}  [{}]", hit.path, hit.id);
    s.push_str(&dim_wrapped(&place, painter, width));
    // Cleaned piece by piece as it is painted; textwrap measures around the colours.
    let snippet = painter.highlight_ranges(&hit.snippet.text, &hit.snippet.highlights);
    // First fit, as a terminal would wrap: the "optimal" line breaking costs more than the
    // whole search for ten snippets, and nobody reads three-line snippets for raggedness.
    let opts = textwrap::Options::new(width.max(20))
        .initial_indent("    ")
        .subsequent_indent("    ")
        .wrap_algorithm(textwrap::WrapAlgorithm::FirstFit);
    s.push_str(&textwrap::fill(&snippet, opts));
    s.push('\n');
    if !hit.matched.is_empty() {
        s.push_str(&dim_wrapped(
            &format!("matched: {}", hit.matched.join(", ")),
            painter,
            width,
        ));
    }
    s.push('\n');
    s
}

/// A dimmed line of a hit (where it is, what matched), wrapped to the width under the
/// hit's number; each line is painted on its own so wrapping never splits an escape code.
fn dim_wrapped(text: &str, painter: Painter, width: usize) -> String {
    let opts = textwrap::Options::new(width.max(20))
        .initial_indent("    ")
        .subsequent_indent("      ");
    let mut out = String::new();
    for line in term::wrap(text, opts) {
        out.push_str(&painter.dim(&line));
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::Snippet;

    #[test]
    fn paints_only_the_highlighted_words() {
        let snippet = Snippet {
            text: "Redness fades in days".into(),
            highlights: vec![0..7, 17..21],
        };
        let painted = Painter { color: true }.highlight_ranges(&snippet.text, &snippet.highlights);
        assert_eq!(
            painted,
            "\x1b[1;33mRedness\x1b[0m fades in \x1b[1;33mdays\x1b[0m"
        );
        assert_eq!(
            Painter { color: false }.highlight_ranges(&snippet.text, &snippet.highlights),
            snippet.text
        );
    }
}
