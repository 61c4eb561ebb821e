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
/// of a guide, which lives in a folder that something else may have written to, at every
/// start: the strings are visited where they lie, through the guide's own `Serialize`,
/// rather than copied into a JSON tree first.
pub fn first_unsafe_string(guide: &Guide) -> Option<String> {
    use serde::Serialize;
    let mut scan = Strings::default();
    let scanned = (guide.meta.serialize(&mut scan))
        .and_then(|()| guide.sources.serialize(&mut scan))
        .and_then(|()| guide.topics.serialize(&mut scan))
        .and_then(|()| guide.sections.serialize(&mut scan))
        .and_then(|()| guide.quiz.serialize(&mut scan))
        .and_then(|()| guide.synonyms.serialize(&mut scan));
    match scanned {
        Ok(()) => None,
        Err(Stop) => Some(
            scan.found
                .unwrap_or_else(|| "a part that cannot be read back".into()),
        ),
    }
}

/// The unsafe character of one string, as its code point.
fn unsafe_in(s: &str) -> Option<String> {
    // Most of a guide is printable ASCII, which one pass over the bytes rules out; other
    // text is looked at character by character.
    let printable = s
        .bytes()
        .all(|b| (0x20..0x7f).contains(&b) || b == b'\n' || b == b'\t');
    let raw = if printable {
        None
    } else {
        s.chars().find(|&c| c != '\t' && is_unsafe(c))
    };
    raw.or_else(|| decoded_unsafe(s))
        .map(|c| format!("U+{:04X}", c as u32))
}

/// A serializer that writes nothing: it looks at every string (map keys included) and stops
/// at the first unsafe one.
#[derive(Default)]
struct Strings {
    found: Option<String>,
}

/// Why a scan stopped: an unsafe string (in [`Strings::found`]) or a value that failed to
/// serialize.
#[derive(Debug)]
struct Stop;

impl std::fmt::Display for Stop {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("scan stopped")
    }
}

impl std::error::Error for Stop {}

impl serde::ser::Error for Stop {
    fn custom<T: std::fmt::Display>(_: T) -> Stop {
        Stop
    }
}

impl Strings {
    fn check(&mut self, s: &str) -> Result<(), Stop> {
        match unsafe_in(s) {
            Some(found) => {
                self.found = Some(found);
                Err(Stop)
            }
            None => Ok(()),
        }
    }
}

/// The serializer methods for values that hold no string: nothing to look at.
macro_rules! nothing_to_scan {
    ($($name:ident: $t:ty),*) => {
        $(fn $name(self, _: $t) -> Result<(), Stop> { Ok(()) })*
    };
}

impl serde::Serializer for &mut Strings {
    type Ok = ();
    type Error = Stop;
    type SerializeSeq = Self;
    type SerializeTuple = Self;
    type SerializeTupleStruct = Self;
    type SerializeTupleVariant = Self;
    type SerializeMap = Self;
    type SerializeStruct = Self;
    type SerializeStructVariant = Self;

    nothing_to_scan!(
        serialize_bool: bool, serialize_i8: i8, serialize_i16: i16, serialize_i32: i32,
        serialize_i64: i64, serialize_u8: u8, serialize_u16: u16, serialize_u32: u32,
        serialize_u64: u64, serialize_f32: f32, serialize_f64: f64, serialize_bytes: &[u8]
    );

    fn serialize_char(self, c: char) -> Result<(), Stop> {
        self.check(c.encode_utf8(&mut [0; 4]))
    }
    fn serialize_str(self, s: &str) -> Result<(), Stop> {
        self.check(s)
    }
    fn serialize_none(self) -> Result<(), Stop> {
        Ok(())
    }
    fn serialize_some<T: ?Sized + serde::Serialize>(self, v: &T) -> Result<(), Stop> {
        v.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), Stop> {
        Ok(())
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<(), Stop> {
        Ok(())
    }
    fn serialize_unit_variant(self, _: &'static str, _: u32, _: &'static str) -> Result<(), Stop> {
        Ok(())
    }
    fn serialize_newtype_struct<T: ?Sized + serde::Serialize>(
        self,
        _: &'static str,
        v: &T,
    ) -> Result<(), Stop> {
        v.serialize(self)
    }
    fn serialize_newtype_variant<T: ?Sized + serde::Serialize>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        v: &T,
    ) -> Result<(), Stop> {
        v.serialize(self)
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Self, Stop> {
        Ok(self)
    }
    fn serialize_tuple(self, _: usize) -> Result<Self, Stop> {
        Ok(self)
    }
    fn serialize_tuple_struct(self, _: &'static str, _: usize) -> Result<Self, Stop> {
        Ok(self)
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self, Stop> {
        Ok(self)
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self, Stop> {
        Ok(self)
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Self, Stop> {
        Ok(self)
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self, Stop> {
        Ok(self)
    }
}

/// Every compound value scans its parts and nothing else.
macro_rules! scan_parts {
    ($($trait:ident :: $method:ident),*) => {
        $(impl serde::ser::$trait for &mut Strings {
            type Ok = ();
            type Error = Stop;
            fn $method<T: ?Sized + serde::Serialize>(&mut self, v: &T) -> Result<(), Stop> {
                v.serialize(&mut **self)
            }
            fn end(self) -> Result<(), Stop> {
                Ok(())
            }
        })*
    };
}

/// The same for structs, whose fields come with their names.
macro_rules! scan_named_parts {
    ($($trait:ident),*) => {
        $(impl serde::ser::$trait for &mut Strings {
            type Ok = ();
            type Error = Stop;
            fn serialize_field<T: ?Sized + serde::Serialize>(
                &mut self,
                _: &'static str,
                v: &T,
            ) -> Result<(), Stop> {
                v.serialize(&mut **self)
            }
            fn end(self) -> Result<(), Stop> {
                Ok(())
            }
        })*
    };
}

scan_parts!(
    SerializeSeq::serialize_element,
    SerializeTuple::serialize_element,
    SerializeTupleStruct::serialize_field,
    SerializeTupleVariant::serialize_field
);

impl serde::ser::SerializeMap for &mut Strings {
    type Ok = ();
    type Error = Stop;
    fn serialize_key<T: ?Sized + serde::Serialize>(&mut self, k: &T) -> Result<(), Stop> {
        k.serialize(&mut **self)
    }
    fn serialize_value<T: ?Sized + serde::Serialize>(&mut self, v: &T) -> Result<(), Stop> {
        v.serialize(&mut **self)
    }
    fn end(self) -> Result<(), Stop> {
        Ok(())
    }
}

scan_named_parts!(SerializeStruct, SerializeStructVariant);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unsafe_string_is_found_wherever_it_sits_in_the_guide() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let clean = super::super::load_dir(&root.join("tests/fixtures/valid"))
            .expect("fixture loads")
            .guide;
        assert_eq!(first_unsafe_string(&clean), None);
        let mut g = clean.clone();
        g.sections[0].title.push('\u{202e}');
        assert_eq!(first_unsafe_string(&g).as_deref(), Some("U+202E"));
        let mut g = clean.clone();
        g.synonyms[0][0].push_str(" &#x9b;31m");
        assert_eq!(first_unsafe_string(&g).as_deref(), Some("U+009B"));
        let mut g = clean;
        let item = g.quiz.last_mut().expect("a quiz item");
        item.explanation.push('\u{7}');
        assert_eq!(first_unsafe_string(&g).as_deref(), Some("U+0007"));
    }

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
