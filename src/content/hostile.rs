//! Characters that only appear once text is decoded: a Markdown entity such as `&#x202e;`
//! (right-to-left override), `&#x9b;` (the C1 control sequence introducer) or `&rlm;` is
//! plain ASCII in the file, so a check of the raw text passes it, yet every renderer turns
//! it into the character itself. The loader and the cache check the decoded text too.

use pulldown_cmark::{Event, Parser};

use super::model::Guide;
use crate::term::is_unsafe;

/// The first control or bidi character `text` holds once its Markdown entities are decoded
/// (newlines and tabs aside), if any. Cheap for the common case: no `&`, nothing to decode.
pub fn decoded_unsafe(text: &str) -> Option<char> {
    if !text.contains('&') {
        return None;
    }
    Parser::new(text).find_map(|ev| match ev {
        Event::Text(t) | Event::Code(t) | Event::Html(t) | Event::InlineHtml(t) => {
            t.chars().find(|&c| c != '\t' && is_unsafe(c))
        }
        _ => None,
    })
}

/// The first string anywhere in `guide` that holds a control or bidi character, raw or
/// decoded, as a short description; `None` when the guide is clean. Used on the cached copy
/// of a guide, which lives in a folder that something else may have written to.
pub fn first_unsafe_string(guide: &Guide) -> Option<String> {
    let parts = [
        serde_json::to_value(&guide.meta),
        serde_json::to_value(&guide.sources),
        serde_json::to_value(&guide.topics),
        serde_json::to_value(&guide.sections),
        serde_json::to_value(&guide.quiz),
        serde_json::to_value(&guide.synonyms),
    ];
    for part in parts {
        let Ok(value) = part else {
            return Some("a part that cannot be read back".into());
        };
        if let Some(found) = walk(&value) {
            return Some(found);
        }
    }
    None
}

fn walk(v: &serde_json::Value) -> Option<String> {
    match v {
        serde_json::Value::String(s) => {
            let raw = s.chars().find(|&c| c != '\t' && is_unsafe(c));
            raw.or_else(|| decoded_unsafe(s))
                .map(|c| format!("U+{:04X}", c as u32))
        }
        serde_json::Value::Array(items) => items.iter().find_map(walk),
        serde_json::Value::Object(map) => map.values().find_map(walk),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entities_that_decode_to_controls_are_found() {
        assert_eq!(decoded_unsafe("fine &amp; dandy"), None);
        assert_eq!(decoded_unsafe("no entity"), None);
        assert_eq!(decoded_unsafe("a &#x202e; b"), Some('\u{202e}'));
        assert_eq!(decoded_unsafe("a &#x9b;31m b"), Some('\u{9b}'));
        assert_eq!(decoded_unsafe("a &rlm; b"), Some('\u{200f}'));
        assert_eq!(
            decoded_unsafe("`&#x1b;` in code"),
            None,
            "code spans keep entities"
        );
    }
}
