//! `mnguide export --format anki`: every quiz item as one note in Anki's plain-text import
//! format (tab-separated, HTML fields, file headers that tell Anki the separator, note type,
//! deck and tag column). Fields: id, front, back, tags; the id first so re-importing
//! updates notes instead of duplicating them.

use crate::content::{Guide, OPTION_LETTERS, QuizItem};

/// The deck notes go into unless the user picks another on import.
pub const DECK: &str = "mnguide";
/// A note type every Anki has: fields Front and Back. The id column is the note's GUID
/// (`#guid column`), not a field, so it never shows on a card.
pub const NOTETYPE: &str = "Basic";

/// Escapes text for an HTML field. Tabs and newlines would break the row, so they become a
/// space and `<br>`.
pub fn html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\t' => out.push(' '),
            '\n' => out.push_str("<br>"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// A tag: Anki splits tags on spaces, so none may hold one.
fn tag(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join("_")
}

fn front(item: &QuizItem) -> String {
    match &item.case {
        None => format!("Myth or fact?<br><br>{}", html(&item.statement)),
        Some(case) => {
            let mut s = html(&item.statement);
            s.push_str("<ol type=\"a\">");
            for o in &case.options {
                s.push_str(&format!("<li>{}</li>", html(o)));
            }
            s.push_str("</ol>");
            s
        }
    }
}

fn back(guide: &Guide, item: &QuizItem) -> String {
    let mut s = match &item.case {
        None => format!("<b>{}</b>", html(&item.answer.as_str().to_uppercase())),
        Some(_) => format!("<b>Best answer {}</b>", html(&item.answer_text())),
    };
    match &item.case {
        None => s.push_str(&format!("<br><br>{}", html(&item.explanation))),
        Some(case) => {
            s.push_str("<ul>");
            for (l, r) in OPTION_LETTERS.iter().zip(&case.reasons) {
                s.push_str(&format!("<li><b>{l}</b>: {}</li>", html(r)));
            }
            s.push_str("</ul>");
        }
    }
    let labels: Vec<String> = item
        .sources
        .iter()
        .map(|id| guide.source_label(id))
        .collect();
    s.push_str(&format!("<br>Sources: {}", html(&labels.join("; "))));
    if let Some(section) = guide.section(&item.section) {
        s.push_str(&format!(
            "<br>Read more: {} (mnguide show {})",
            html(&section.title),
            html(&section.id)
        ));
    }
    s
}

/// The whole quiz as an Anki import file.
pub fn export(guide: &Guide) -> String {
    let mut out = String::new();
    out.push_str("#separator:tab\n");
    out.push_str("#html:true\n");
    out.push_str(&format!("#notetype:{NOTETYPE}\n"));
    out.push_str(&format!("#deck:{DECK}\n"));
    out.push_str("#columns:Id\tFront\tBack\tTags\n");
    out.push_str("#guid column:1\n");
    out.push_str("#tags column:4\n");
    for item in &guide.quiz {
        let topic = guide
            .section(&item.section)
            .and_then(|s| guide.topic(&s.topic))
            .map(|t| t.id.clone())
            .unwrap_or_default();
        let tags = [
            "mnguide".to_string(),
            format!("topic::{}", tag(&topic)),
            format!("kind::{}", item.kind().as_str()),
        ];
        out.push_str(&format!(
            "mnguide-{}\t{}\t{}\t{}\n",
            html(&item.id),
            front(item),
            back(guide, item),
            tags.join(" ")
        ));
    }
    out
}
