//! quiz/*.toml: myth-or-fact items and best-of-five cases ([`super::case`]), each tied to a
//! section and to the sources its explanation cites.

use std::collections::HashMap;

use super::references::{CitingText, RefKind, Reference, check_citing_text, source_refs};
use super::*;

pub(super) fn check(
    ck: &mut Checker,
    files: &[GuideFile],
    source_ids: &HashMap<String, Declared>,
    labels: &HashMap<String, String>,
    refs: &mut Vec<Reference>,
) -> Vec<QuizItem> {
    let ctx_of = |i: usize| Ctx {
        name: &files[i].name,
        text: &files[i].text,
    };
    let mut quiz = Vec::new();
    let mut quiz_ids: HashMap<String, Declared> = HashMap::new();
    for (fi, file) in files.iter().enumerate() {
        if !file.rel.starts_with("quiz/") {
            continue;
        }
        let Some(raw) = parse::<RawQuizFile>(file, ck) else {
            continue;
        };
        let ctx = ctx_of(fi);
        for item in &raw.items {
            if let Some(item) =
                check_item(ck, &ctx, fi, item, source_ids, &mut quiz_ids, refs, labels)
            {
                quiz.push(item);
            }
        }
        for case in &raw.cases {
            if let Some(item) =
                case::check_case(ck, &ctx, fi, case, source_ids, &mut quiz_ids, refs, labels)
            {
                quiz.push(item);
            }
        }
    }
    quiz
}

/// One myth-or-fact `[[item]]`: the quiz item it makes when its answer is myth or fact.
// The stage's state is passed as it is, as `case::check_case` takes it.
#[allow(clippy::too_many_arguments)]
fn check_item(
    ck: &mut Checker,
    ctx: &Ctx,
    fi: usize,
    item: &RawQuizItem,
    source_ids: &HashMap<String, Declared>,
    quiz_ids: &mut HashMap<String, Declared>,
    refs: &mut Vec<Reference>,
    labels: &HashMap<String, String>,
) -> Option<QuizItem> {
    let id = ck.id(ctx, "item.id", &item.id);
    declare(ck, quiz_ids, ctx, "quiz item", &item.id, &id);
    let answer = match item.answer.get_ref().trim() {
        "myth" => Some(Answer::Myth),
        "fact" => Some(Answer::Fact),
        other => {
            ck.error(
                ctx,
                item.answer.span(),
                "item.answer",
                format!("answer '{other}' must be \"myth\" or \"fact\""),
            );
            None
        }
    };
    let section = ck.text(ctx, "item.section", &item.section, false);
    refs.push(Reference {
        file: fi,
        span: item.section.span(),
        field: "item.section".into(),
        target: section.clone(),
        kind: RefKind::Section,
    });
    if item.sources.get_ref().is_empty() {
        ck.error(
            ctx,
            item.sources.span(),
            "item.sources",
            "a quiz item needs at least one source",
        );
    }
    let sources = source_refs(ck, ctx, fi, refs, "item.sources", item.sources.get_ref());
    let statement = ck.text(ctx, "item.statement", &item.statement, false);
    ck.no_cites(ctx, "item.statement", &item.statement);
    let mut explanation = ck.text(ctx, "item.explanation", &item.explanation, true);
    let mut cited = Vec::new();
    ck.cites(ctx, "item.explanation", &item.explanation, &mut cited);
    check_citing_text(
        ck,
        ctx,
        source_ids,
        &cited,
        item.sources.get_ref(),
        CitingText {
            owner: format!("quiz item '{id}'"),
            span: item.explanation.span(),
            field: "item.explanation",
            list_field: "item.sources",
            does: "explains",
            rests_on: "what the explanation rests on",
        },
    );
    refs.extend(cited.iter().map(|c| c.reference(fi)));
    explanation = citation::render(&explanation, |id| labels.get(id).cloned());
    Some(QuizItem {
        id,
        statement,
        answer: answer?,
        explanation,
        section,
        sources,
        case: None,
    })
}
