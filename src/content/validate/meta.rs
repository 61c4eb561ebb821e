//! guide.toml: the guide's title, version, review date and disclaimer, and the sources it
//! declares (each checked in [`super::sources`]).

use std::collections::HashMap;

use chrono::NaiveDate;

use super::sources::{check_labels, check_source};
use super::*;

/// What guide.toml declares.
pub(super) struct MetaPart {
    /// `None` when guide.toml is broken; its problems are recorded.
    pub meta: Option<Meta>,
    pub sources: Vec<Source>,
    pub source_ids: HashMap<String, Declared>,
    /// Each source id's citation label.
    pub labels: HashMap<String, String>,
}

pub(super) fn check(ck: &mut Checker, files: &[GuideFile], meta_idx: usize) -> MetaPart {
    let ctx_of = |i: usize| Ctx {
        name: &files[i].name,
        text: &files[i].text,
    };
    let raw_meta: Option<RawMeta> = parse(&files[meta_idx], ck);
    let mut source_ids: HashMap<String, Declared> = HashMap::new();
    let mut meta = None;
    let mut sources = Vec::new();
    let mut labels: HashMap<String, String> = HashMap::new();
    if let Some(raw) = raw_meta {
        let ctx = ctx_of(meta_idx);
        let title = ck.text(&ctx, "title", &raw.title, false);
        let version = ck.text(&ctx, "version", &raw.version, false);
        let disclaimer = ck.text(&ctx, "disclaimer", &raw.disclaimer, true);
        let reviewed = match (raw.reviewed.get_ref().date, raw.reviewed.get_ref().time) {
            (Some(d), None) => NaiveDate::from_ymd_opt(d.year as i32, d.month as u32, d.day as u32),
            _ => None,
        };
        if reviewed.is_none() {
            ck.error(
                &ctx,
                raw.reviewed.span(),
                "reviewed",
                "`reviewed` must be a date such as 2026-11-22, with no time",
            );
        }
        for s in &raw.sources {
            let source = check_source(ck, &ctx, s);
            declare(ck, &mut source_ids, &ctx, "source", &s.id, &source.id);
            sources.push(source);
        }
        check_labels(ck, &ctx, &raw.sources, &sources);
        labels = sources
            .iter()
            .map(|s| (s.id.clone(), citation::label(s)))
            .collect();
        ck.source_ids = sources.iter().map(|s| s.id.clone()).collect();
        if raw.sources.is_empty() {
            ck.error(
                &ctx,
                0..0,
                "source",
                "the guide declares no [[source]]; every section must cite one",
            );
        }
        meta = reviewed.map(|reviewed| Meta {
            title,
            version,
            reviewed,
            disclaimer,
        });
    }
    MetaPart {
        meta,
        sources,
        source_ids,
        labels,
    }
}
