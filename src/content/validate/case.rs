//! Checks of a `[[case]]` (single best answer, five options): exactly five distinct options,
//! one best letter a-e, one reason per option, a section and citations that resolve, and
//! `sources` equal to the ids cited in the stem and reasons. A child of `validate`, so it
//! reports through the same checker and resolves ids with the rest of the guide.

use std::collections::HashMap;

use super::*;
use crate::content::model::{CaseOptions, OPTION_LETTERS};
use crate::content::raw::RawCase;
use crate::content::validate::references::{Cited, CitingText, check_citing_text, source_refs};

/// How many options a case has.
pub const CASE_OPTIONS: usize = 5;

/// A reason may start with its own letter ("b: ..."); the letter is dropped for display,
/// but a letter that is not its option's is an error, since the reasons would be misread.
fn split_letter(reason: &str) -> (Option<char>, &str) {
    let mut chars = reason.chars();
    if let (Some(c), Some(':')) = (chars.next(), chars.next())
        && c.is_ascii_alphabetic()
    {
        return (Some(c.to_ascii_lowercase()), reason[2..].trim_start());
    }
    if let (Some(c), Some(')')) = (reason.chars().next(), reason.chars().nth(1))
        && c.is_ascii_alphabetic()
    {
        return (Some(c.to_ascii_lowercase()), reason[2..].trim_start());
    }
    (None, reason)
}

/// One `[[case]]`: the quiz item it makes when every check passes.
#[allow(clippy::too_many_arguments)]
pub(super) fn check_case(
    ck: &mut Checker,
    ctx: &Ctx,
    fi: usize,
    case: &RawCase,
    source_ids: &HashMap<String, Declared>,
    quiz_ids: &mut HashMap<String, Declared>,
    refs: &mut Vec<Reference>,
    labels: &HashMap<String, String>,
) -> Option<QuizItem> {
    let id = ck.id(ctx, "case.id", &case.id);
    declare(ck, quiz_ids, ctx, "quiz item", &case.id, &id);
    let mut ok = true;
    let mut cited = Vec::new();

    let stem = ck.text(ctx, "case.stem", &case.stem, false);
    ck.cites(ctx, "case.stem", &case.stem, &mut cited);

    let options = case_options(ck, ctx, &id, case, &mut ok);
    let best = case_best(ck, ctx, &id, case, &mut ok);
    let reasons = case_reasons(ck, ctx, &id, case, labels, &mut cited, &mut ok);

    let section = ck.text(ctx, "case.section", &case.section, false);
    refs.push(Reference {
        file: fi,
        span: case.section.span(),
        field: "case.section".into(),
        target: section.clone(),
        kind: RefKind::Section,
    });
    let sources = case_sources(ck, ctx, fi, case, refs);
    check_citing_text(
        ck,
        ctx,
        source_ids,
        &cited,
        case.sources.get_ref(),
        CitingText {
            owner: format!("case '{id}'"),
            span: case.reasons.span(),
            field: "case.reasons",
            list_field: "case.sources",
            does: "gives reasons",
            rests_on: "what the reasons rest on",
        },
    );
    refs.extend(cited.iter().map(|c| c.reference(fi)));
    let stem = citation::render(&stem, |id| labels.get(id).cloned());
    let best = best.filter(|_| ok)?;
    let explanation = reasons
        .iter()
        .zip(OPTION_LETTERS)
        .map(|(r, l)| format!("{l}: {r}"))
        .collect::<Vec<_>>()
        .join("\n");
    Some(QuizItem {
        id,
        statement: stem,
        answer: Answer::Choice(best),
        explanation,
        section,
        sources,
        case: Some(CaseOptions { options, reasons }),
    })
}

/// The five options, none repeating another.
fn case_options(
    ck: &mut Checker,
    ctx: &Ctx,
    id: &str,
    case: &RawCase,
    ok: &mut bool,
) -> Vec<String> {
    let options_raw = case.options.get_ref();
    if options_raw.len() != CASE_OPTIONS {
        *ok = false;
        ck.error(
            ctx,
            case.options.span(),
            "case.options",
            format!(
                "case '{id}' has {} option{}; a best-of-five case needs exactly {CASE_OPTIONS}",
                options_raw.len(),
                if options_raw.len() == 1 { "" } else { "s" }
            ),
        );
    }
    let mut options = Vec::new();
    for (i, o) in options_raw.iter().enumerate() {
        let text = ck.text(ctx, "case.options", o, false);
        let letter = OPTION_LETTERS.get(i).copied().unwrap_or("?");
        if let Some(j) = options
            .iter()
            .position(|p: &String| p.to_lowercase() == text.to_lowercase())
        {
            *ok = false;
            ck.error(
                ctx,
                o.span(),
                "case.options",
                format!(
                    "case '{id}': option {letter} repeats option {}",
                    OPTION_LETTERS.get(j).copied().unwrap_or("?")
                ),
            )
            .help = Some("the five options must all differ".into());
        }
        options.push(text);
    }
    options
}

/// The best option's index, when `best` names exactly one letter of an option.
fn case_best(ck: &mut Checker, ctx: &Ctx, id: &str, case: &RawCase, ok: &mut bool) -> Option<u8> {
    let options_raw = case.options.get_ref();
    let best_given = case.best.get_ref().trim().to_lowercase();
    match OPTION_LETTERS.iter().position(|l| *l == best_given) {
        Some(i) if i < options_raw.len().min(CASE_OPTIONS) => Some(i as u8),
        _ => {
            *ok = false;
            let msg = if best_given.contains(',') || best_given.chars().count() > 1 {
                format!(
                    "case '{id}': best = \"{best_given}\" names more than one answer; a case has exactly one best option"
                )
            } else {
                format!("case '{id}': best = \"{best_given}\" is not one of the letters a-e")
            };
            ck.error(ctx, case.best.span(), "case.best", msg).help =
                Some("write one letter, e.g. best = \"c\"".into());
            None
        }
    }
}

/// One reason per option, in the options' order, rendered with their citations.
fn case_reasons(
    ck: &mut Checker,
    ctx: &Ctx,
    id: &str,
    case: &RawCase,
    labels: &HashMap<String, String>,
    cited: &mut Vec<Cited>,
    ok: &mut bool,
) -> Vec<String> {
    let options_raw = case.options.get_ref();
    let reasons_raw = case.reasons.get_ref();
    if reasons_raw.len() != options_raw.len().max(CASE_OPTIONS) || reasons_raw.len() != CASE_OPTIONS
    {
        *ok = false;
        let missing = CASE_OPTIONS.saturating_sub(reasons_raw.len());
        let msg = if missing > 0 {
            let letters: Vec<&str> = OPTION_LETTERS[reasons_raw.len()..].to_vec();
            format!(
                "case '{id}' has {} reason{} for 5 options: the reason for option{} {} is missing",
                reasons_raw.len(),
                if reasons_raw.len() == 1 { "" } else { "s" },
                if missing == 1 { "" } else { "s" },
                letters.join(", ")
            )
        } else {
            format!(
                "case '{id}' has {} reasons; write exactly one per option (5)",
                reasons_raw.len()
            )
        };
        ck.error(ctx, case.reasons.span(), "case.reasons", msg).help =
            Some("one line per option, in the order of `options`".into());
    }
    let mut reasons = Vec::new();
    for (i, r) in reasons_raw.iter().enumerate() {
        let text = ck.text(ctx, "case.reasons", r, false);
        ck.cites(ctx, "case.reasons", r, cited);
        let (letter, rest) = split_letter(&text);
        let own = OPTION_LETTERS.get(i).copied().unwrap_or("?");
        if let Some(l) = letter
            && l.to_string() != own
            && text.len() > 2
        {
            *ok = false;
            ck.error(
                ctx,
                r.span(),
                "case.reasons",
                format!(
                    "case '{id}': reason {} starts with \"{l}:\" but explains option {own}",
                    i + 1
                ),
            )
            .help = Some("keep the reasons in the order of the options".into());
        }
        reasons.push(citation::render(rest, |id| labels.get(id).cloned()));
    }
    reasons
}

/// The `sources` listed, at least one, each a reference to resolve.
fn case_sources(
    ck: &mut Checker,
    ctx: &Ctx,
    fi: usize,
    case: &RawCase,
    refs: &mut Vec<Reference>,
) -> Vec<String> {
    if case.sources.get_ref().is_empty() {
        ck.error(
            ctx,
            case.sources.span(),
            "case.sources",
            "a quiz item needs at least one source",
        );
    }
    source_refs(ck, ctx, fi, refs, "case.sources", case.sources.get_ref())
}
