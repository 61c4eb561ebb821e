//! synonyms.toml: groups of equivalent search terms (checked against the guide's words in
//! `synonym_check`).

use std::collections::HashMap;

use super::*;

pub(super) fn check(ck: &mut Checker, files: &[GuideFile]) -> Vec<Vec<String>> {
    let ctx_of = |i: usize| Ctx {
        name: &files[i].name,
        text: &files[i].text,
    };
    let mut synonyms = Vec::new();
    if let Some(i) = files.iter().position(|f| f.rel == "synonyms.toml")
        && let Some(raw) = parse::<RawSynonyms>(&files[i], ck)
    {
        let ctx = ctx_of(i);
        let mut seen_terms: HashMap<String, usize> = HashMap::new();
        for (g, group) in raw.groups.iter().enumerate() {
            if group.terms.get_ref().len() < 2 {
                ck.error(
                    &ctx,
                    group.terms.span(),
                    "group.terms",
                    "a synonym group needs at least two terms",
                );
            }
            let mut terms = Vec::new();
            for t in group.terms.get_ref() {
                let term = ck.text(&ctx, "group.terms", t, false);
                let key = term.to_lowercase();
                if let Some(&other) = seen_terms.get(&key) {
                    if other != g {
                        ck.push(Severity::Warning, &ctx, t.span(), "group.terms", format!("term '{term}' appears in more than one group"))
                                .help = Some("a term in two groups joins them at search time; merge the groups or drop one".into());
                    }
                } else {
                    seen_terms.insert(key, g);
                }
                terms.push(term);
            }
            synonyms.push(terms);
        }
    }
    synonyms
}
