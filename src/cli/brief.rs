//! The short answer (`show --brief`, `search --first`): what a clinician between patients
//! needs and nothing else — title, bottom line, evidence line and key numbers.

use crate::content::{Guide, Section, Topic};
use crate::term::{self, Painter};

use super::render::{table, wrap_into};

/// Title, bottom line, evidence and the key-numbers table of one section.
pub fn section(guide: &Guide, s: &Section, p: Painter, width: usize) -> String {
    let mut out = String::new();
    for line in term::wrap(&s.title, width.max(20)) {
        out.push_str(&p.heading(&line));
        out.push('\n');
    }
    wrap_into(&mut out, &s.summary, width, "", "");
    if let Some(ev) = &s.evidence {
        // Wrapped first and dimmed as one block: wrapping never sees a colour code.
        let mut lines = String::new();
        wrap_into(&mut lines, &format!("Evidence: {ev}"), width, "", "  ");
        out.push_str(&p.dim(lines.strip_suffix('\n').unwrap_or(&lines)));
        out.push('\n');
    }
    if !s.facts.is_empty() {
        out.push('\n');
        out.push_str(&table(&[], &s.fact_rows(guide), width, "  "));
    }
    out.push_str(&p.dim(&format!("more: mnguide show {}", s.id)));
    out.push('\n');
    out
}

/// A topic: its summary, then each of its sections with its bottom line.
pub fn topic(guide: &Guide, t: &Topic, p: Painter, width: usize) -> String {
    let mut out = String::new();
    out.push_str(&p.heading(&t.title));
    out.push('\n');
    wrap_into(&mut out, &t.summary, width, "", "");
    out.push('\n');
    for s in guide.sections_of(t) {
        let title = format!("{}  [{}]", s.title, s.id);
        for line in term::wrap(&title, width.max(20)) {
            out.push_str(&p.bold(&line));
            out.push('\n');
        }
        wrap_into(&mut out, &s.summary, width, "  ", "  ");
    }
    out.push_str(&p.dim("read a section: mnguide show ID"));
    out.push('\n');
    out
}
