//! Citations: the `[@id]` markup in guide text, the short label a source is cited by, and
//! its full Vancouver reference.
//!
//! Everything that shows a source goes through this module, so a source has one name
//! everywhere: the reader, `show`, both exports, search snippets and quiz feedback.

use std::ops::Range;

use super::model::Source;

/// Kinds of source, as written in `kind`. The journal kinds come first (see
/// [`JOURNAL_KINDS`]).
pub const KINDS: &[&str] = &[
    "journal article",
    "systematic review",
    "meta-analysis",
    "randomised trial",
    "clinical study",
    "case series",
    "narrative review",
    "guideline",
    "consensus statement",
    "regulator",
    "news release",
    "patient leaflet",
    "textbook chapter",
    "reference work",
    "clinic article",
    "web article",
    "blog",
];

/// Kinds published as papers in a journal: they need authors, a journal and a year. They
/// are the first seven [`KINDS`], "journal article" to "narrative review".
pub const JOURNAL_KINDS: &[&str] = KINDS.split_at(7).0;

/// Kinds that are part of a book: cited "In: Book".
const BOOK_KINDS: &[&str] = &["textbook chapter", "reference work"];

pub const QUALITIES: &[&str] = &["peer-reviewed", "professional body", "regulator", "low"];

pub const VERIFICATIONS: &[&str] = &["verified", "partly verified", "not found"];

/// One `[@a; @b]` in a text: where it is and the ids it names, each with its own place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cite {
    /// Byte range of the whole markup, brackets included.
    pub range: Range<usize>,
    /// Each id with the byte range of the id itself (after the `@`).
    pub ids: Vec<(String, Range<usize>)>,
}

/// Markup that starts like a citation but cannot be read as one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadCite {
    pub range: Range<usize>,
    pub message: String,
    pub help: String,
}

/// Finds every citation in `text`. Anything starting `[@` is markup: if it is malformed it
/// is reported rather than shown raw to a reader.
pub fn scan(text: &str) -> (Vec<Cite>, Vec<BadCite>) {
    let mut cites = Vec::new();
    let mut bad = Vec::new();
    let mut from = 0;
    while let Some(found) = text[from..].find("[@") {
        let start = from + found;
        let rest = &text[start + 1..];
        // A citation never spans lines or holds another bracket.
        let Some(close) = rest
            .find([']', '[', '\n'])
            .filter(|&i| rest.as_bytes()[i] == b']')
        else {
            let end = start + rest.find('\n').map_or(rest.len(), |i| i) + 1;
            bad.push(BadCite {
                range: start..end.min(text.len()),
                message: "citation `[@` is not closed with `]` on the same line".into(),
                help: "write [@id] or [@id1; @id2]".into(),
            });
            from = start + 2;
            continue;
        };
        let inner_start = start + 1;
        let inner = &text[inner_start..inner_start + close];
        let end = inner_start + close + 1;
        let mut ids = Vec::new();
        let mut ok = true;
        let mut offset = inner_start;
        for item in inner.split(';') {
            let lead = item.len() - item.trim_start().len();
            let trimmed = item.trim();
            let item_start = offset + lead;
            offset += item.len() + 1;
            let Some(id) = trimmed.strip_prefix('@') else {
                bad.push(BadCite {
                    range: item_start..item_start + trimmed.len().max(1),
                    message: format!("'{trimmed}' in a citation does not start with @"),
                    help: "separate ids with `;` and start each with @: [@id1; @id2]".into(),
                });
                ok = false;
                continue;
            };
            let id_ok = !id.is_empty()
                && id
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
            if !id_ok {
                bad.push(BadCite {
                    range: item_start..item_start + trimmed.len().max(1),
                    message: format!("'{trimmed}' is not a source id"),
                    help: "ids are kebab-case; separate several with `;`: [@id1; @id2]".into(),
                });
                ok = false;
                continue;
            }
            ids.push((id.to_string(), item_start + 1..item_start + 1 + id.len()));
        }
        if ok {
            cites.push(Cite {
                range: start..end,
                ids,
            });
        }
        from = end;
    }
    (cites, bad)
}

/// The ids cited in `text`, in order, each once.
pub fn cited_ids(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for c in scan(text).0 {
        for (id, _) in c.ids {
            if !out.contains(&id) {
                out.push(id);
            }
        }
    }
    out
}

/// Rewrites every `[@a; @b]` in `text` as "(Label a; Label b)". `label` gives a source's
/// label; an id it does not know is shown as itself (the loader refuses such a guide).
pub fn render(text: &str, label: impl Fn(&str) -> Option<String>) -> String {
    let (cites, _) = scan(text);
    if cites.is_empty() {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    for c in cites {
        out.push_str(&text[last..c.range.start]);
        let labels: Vec<String> = c
            .ids
            .iter()
            .map(|(id, _)| label(id).unwrap_or_else(|| id.clone()))
            .collect();
        out.push('(');
        out.push_str(&labels.join("; "));
        out.push(')');
        last = c.range.end;
    }
    out.push_str(&text[last..]);
    out
}

/// An author's surname: "Atanaskova Mesinkovska N" -> "Atanaskova Mesinkovska". An entry
/// without trailing initials (an organisation) is kept whole.
pub fn surname(author: &str) -> &str {
    let author = author.trim();
    match author.rsplit_once(' ') {
        Some((name, initials))
            if !initials.is_empty()
                && initials.chars().count() <= 4
                && initials.chars().all(|c| c.is_uppercase()) =>
        {
            name.trim_end()
        }
        _ => author,
    }
}

/// The short label: `label` when written, otherwise from the authors and year ("Chu 2021",
/// "Alster & Graham 2018", "Chu et al. 2021", "Chu" with no year).
pub fn label(s: &Source) -> String {
    if let Some(l) = &s.label {
        return l.clone();
    }
    // An author list the record marks incomplete has more names than it shows.
    let incomplete = s.is_unknown("authors");
    let who = match (s.authors.as_slice(), incomplete) {
        ([], _) => s.title.clone(),
        ([one], false) => surname(one).to_string(),
        ([a, b], false) => format!("{} & {}", surname(a), surname(b)),
        ([first, ..], _) => format!("{} et al.", surname(first)),
    };
    match s.year {
        Some(y) => format!("{who} {y}"),
        None => who,
    }
}

fn ends_with_stop(s: &str) -> bool {
    s.ends_with(['.', '?', '!'])
}

/// Joins reference parts with ". ", never doubling a stop a part already ends with
/// ("et al.", "Microneedling?").
fn join_parts(parts: &[String]) -> String {
    let mut out = String::new();
    for p in parts.iter().map(|p| p.trim()).filter(|p| !p.is_empty()) {
        if !out.is_empty() {
            if !ends_with_stop(&out) {
                out.push('.');
            }
            out.push(' ');
        }
        out.push_str(p);
    }
    if !out.is_empty() && !ends_with_stop(&out) {
        out.push('.');
    }
    out
}

/// Authors as Vancouver lists them: up to six, then "et al."
fn author_list(s: &Source) -> String {
    let shown: Vec<&str> = s.authors.iter().take(6).map(|a| a.trim()).collect();
    let mut list = shown.join(", ");
    if s.authors.len() > 6 || s.is_unknown("authors") {
        list.push_str(", et al.");
    }
    list
}

/// "2021 Apr 25" from "2021-04-25", "2021 Apr" from "2021-04"; the year alone otherwise.
fn when(s: &Source) -> Option<String> {
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    if let Some(d) = &s.date {
        let mut parts = d.split('-');
        let y = parts.next()?;
        let m = parts
            .next()
            .and_then(|m| m.parse::<usize>().ok())
            .and_then(|m| MONTHS.get(m.wrapping_sub(1)));
        let day = parts.next().and_then(|d| d.parse::<u32>().ok());
        return Some(match (m, day) {
            (Some(m), Some(day)) => format!("{y} {m} {day}"),
            (Some(m), None) => format!("{y} {m}"),
            _ => y.to_string(),
        });
    }
    s.year.map(|y| y.to_string())
}

/// The title with its subtitle, joined as the source prints them: "Title: subtitle" after a
/// plain title, a space after one that ends in its own punctuation ("Why?", "work,").
pub fn full_title(s: &Source) -> String {
    let title = s.title.trim();
    match s.subtitle.as_deref().map(str::trim) {
        Some(sub) if !sub.is_empty() => {
            if title.ends_with([':', '?', ',', '!', '.']) {
                format!("{title} {sub}")
            } else {
                format!("{title}: {sub}")
            }
        }
        _ => title.to_string(),
    }
}

/// The full reference in Vancouver style, with DOI, PMID, PMCID and URL when known.
pub fn reference(s: &Source) -> String {
    let mut parts: Vec<String> = Vec::new();
    if !s.authors.is_empty() {
        parts.push(author_list(s));
    }
    parts.push(full_title(s));
    let periodical =
        JOURNAL_KINDS.contains(&s.kind.as_str()) || s.volume.is_some() || s.issue.is_some();
    if BOOK_KINDS.contains(&s.kind.as_str()) {
        if let Some(c) = &s.container {
            parts.push(format!("In: {c}"));
        }
        parts.extend(s.edition.iter().cloned());
        parts.push(imprint(s, s.year.map(|y| y.to_string())));
        if let Some(p) = &s.pages {
            parts.push(format!("p. {p}"));
        }
    } else if periodical {
        parts.extend(s.container.iter().cloned());
        let mut issue = s.year.map(|y| y.to_string()).unwrap_or_default();
        if let Some(v) = &s.volume {
            if !issue.is_empty() {
                issue.push(';');
            }
            issue.push_str(v);
        }
        if let Some(i) = &s.issue {
            issue.push_str(&format!("({i})"));
        }
        if let Some(p) = &s.pages {
            if !issue.is_empty() {
                issue.push(':');
            }
            issue.push_str(p);
        }
        parts.push(issue);
    } else {
        parts.extend(s.container.iter().cloned());
        parts.extend(s.edition.iter().cloned());
        parts.push(imprint(s, when(s)));
        if let Some(p) = &s.pages {
            parts.push(format!("p. {p}"));
        }
    }
    if let Some(d) = &s.doi {
        parts.push(format!("doi:{d}"));
    }
    if let Some(p) = &s.pmid {
        parts.push(format!("PMID: {p}"));
    }
    if let Some(p) = &s.pmcid {
        parts.push(format!("PMCID: {p}"));
    }
    let mut out = join_parts(&parts);
    // A URL ends the reference bare: a stop after it would be copied into the address.
    if let Some(u) = &s.url {
        out.push_str(&format!(" Available from: {u}"));
    }
    out
}

/// A reference as a reference list shows it: the Vancouver text, then a warning when the
/// source is low-quality evidence (a clinic page, a blog), which Vancouver does not say.
pub fn listed(s: &Source, reference: &str) -> String {
    if s.quality == "low" {
        format!("{reference} [low-quality evidence: {}]", s.kind)
    } else {
        reference.to_string()
    }
}

/// One entry of a section's reference list: the label the text cites it by, so a reader
/// can match "(Chu et al. 2021)" to its entry, then the full reference.
pub fn entry(s: &Source, reference: &str) -> String {
    format!("[{}] {}", label(s), listed(s, reference))
}

/// "Place: Publisher; 2024", with whichever parts are known.
fn imprint(s: &Source, when: Option<String>) -> String {
    let who = match (&s.place, &s.publisher) {
        (Some(p), Some(b)) => format!("{p}: {b}"),
        (None, Some(b)) => b.clone(),
        (Some(p), None) => p.clone(),
        (None, None) => String::new(),
    };
    match (who.is_empty(), when) {
        (false, Some(w)) => format!("{who}; {w}"),
        (true, Some(w)) => w,
        (_, None) => who,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn src(kind: &str, authors: &[&str], year: Option<i32>) -> Source {
        Source {
            id: "x".into(),
            kind: kind.into(),
            authors: authors.iter().map(|a| a.to_string()).collect(),
            title: "A title".into(),
            year,
            quality: "peer-reviewed".into(),
            verification: "verified".into(),
            ..Source::default()
        }
    }

    #[test]
    fn the_journal_kinds_are_the_papers_and_only_those() {
        assert_eq!(JOURNAL_KINDS.first(), Some(&"journal article"));
        assert_eq!(JOURNAL_KINDS.last(), Some(&"narrative review"));
        assert!(!JOURNAL_KINDS.contains(&"guideline"));
    }

    #[test]
    fn labels_follow_the_author_count() {
        assert_eq!(
            label(&src("journal article", &["Chu S"], Some(2021))),
            "Chu 2021"
        );
        assert_eq!(
            label(&src(
                "journal article",
                &["Alster TS", "Graham PM"],
                Some(2018)
            )),
            "Alster & Graham 2018"
        );
        assert_eq!(
            label(&src(
                "journal article",
                &["Chu S", "Foulad DP", "Atanaskova Mesinkovska N"],
                Some(2021)
            )),
            "Chu et al. 2021"
        );
        assert_eq!(label(&src("blog", &["Graham PM"], None)), "Graham");
        assert_eq!(
            label(&src("journal article", &["Atanaskova Mesinkovska N"], None)),
            "Atanaskova Mesinkovska"
        );
        let mut one_seen = src("journal article", &["Ramaut L"], Some(2018));
        one_seen.unknown = vec!["authors".into()];
        assert_eq!(label(&one_seen), "Ramaut et al. 2018");
        let mut org = src(
            "patient leaflet",
            &["Indian Association of Dermatologists"],
            None,
        );
        org.label = Some("IADVL leaflet".into());
        assert_eq!(label(&org), "IADVL leaflet");
    }

    #[test]
    fn references_never_double_their_stops() {
        let mut s = src(
            "journal article",
            &["A A", "B B", "C C", "D D", "E E", "F F", "G G"],
            Some(2020),
        );
        s.title = "Does it work?".into();
        s.container = Some("Dermatol Surg".into());
        let r = reference(&s);
        assert_eq!(
            r,
            "A A, B B, C C, D D, E E, F F, et al. Does it work? Dermatol Surg. 2020."
        );
        assert!(!r.contains("..") && !r.contains("?."), "{r}");
    }

    #[test]
    fn markup_is_found_with_each_id_place() {
        let text = "Redness [@a-1] lasts [@b; @c].";
        let (cites, bad) = scan(text);
        assert!(bad.is_empty());
        assert_eq!(cites.len(), 2);
        assert_eq!(&text[cites[0].ids[0].1.clone()], "a-1");
        assert_eq!(&text[cites[1].ids[1].1.clone()], "c");
        assert_eq!(
            render(text, |id| Some(id.to_uppercase())),
            "Redness (A-1) lasts (B; C)."
        );
        assert_eq!(cited_ids("[@b] and [@a; @b]"), vec!["b", "a"]);
    }

    #[test]
    fn malformed_markup_is_reported() {
        for bad in ["see [@a, @b]", "see [@a; b]", "see [@a", "see [@]"] {
            let (cites, problems) = scan(bad);
            assert!(cites.is_empty() && !problems.is_empty(), "{bad}");
        }
        // Markdown links and e-mail addresses are not citations.
        assert_eq!(scan("[a](b) x@y.z").0.len(), 0);
    }

    #[test]
    fn a_subtitle_joins_its_title_as_printed() {
        let mut s = src("web article", &[], None);
        s.title = "Understanding Microneedling".into();
        s.subtitle = Some("How Does It Work?".into());
        assert_eq!(
            full_title(&s),
            "Understanding Microneedling: How Does It Work?"
        );
        s.title = "What Is Micro Needling?".into();
        s.subtitle = Some("An Introduction".into());
        assert_eq!(full_title(&s), "What Is Micro Needling? An Introduction");
        s.subtitle = None;
        assert_eq!(full_title(&s), "What Is Micro Needling?");
    }
}
