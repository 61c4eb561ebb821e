//! A generated guide of any size, for benchmarks: realistic-looking sections (titles,
//! summaries, Markdown bodies with lists, key points, facts, tags) built from a fixed
//! vocabulary with a fixed seed, so every run produces the same guide. It goes through the
//! normal loader like any guide on disk. Used by the benches and `examples/scale.rs`; its
//! tests run in `tests/it`. It is not part of the shipped library.

use std::fmt::Write as _;
use std::sync::Arc;

use mnguide::content::GuideFile;

/// Sections per generated topic file.
const SECTIONS_PER_TOPIC: usize = 100;

const WORDS: &[&str] = &[
    "skin",
    "collagen",
    "needle",
    "session",
    "redness",
    "swelling",
    "scar",
    "acne",
    "healing",
    "dermis",
    "epidermis",
    "serum",
    "sunscreen",
    "roller",
    "pen",
    "depth",
    "recovery",
    "pigment",
    "melasma",
    "texture",
    "pores",
    "wrinkles",
    "elastin",
    "growth",
    "factor",
    "platelet",
    "plasma",
    "infection",
    "sterile",
    "clinic",
    "home",
    "device",
    "cartridge",
    "topical",
    "anaesthetic",
    "numbing",
    "cream",
    "protocol",
    "interval",
    "weeks",
    "results",
    "evidence",
    "trial",
    "review",
    "patient",
    "treatment",
    "area",
    "face",
    "scalp",
    "hair",
    "alopecia",
    "stretch",
    "marks",
    "striae",
    "laser",
    "peel",
    "comparison",
    "safety",
    "contraindication",
    "pregnancy",
    "keloid",
    "herpes",
    "antiviral",
    "bruising",
    "bleeding",
    "peeling",
    "flaking",
    "moisturiser",
    "cleanser",
    "makeup",
    "exercise",
    "sweat",
    "sun",
    "exposure",
    "radiofrequency",
    "energy",
    "heat",
    "tissue",
    "remodelling",
    "fibroblast",
    "wound",
    "channel",
    "absorption",
    "delivery",
    "tranexamic",
    "vitamin",
    "retinoid",
    "exfoliant",
    "irritation",
    "granuloma",
    "allergy",
    "dermatologist",
    "training",
    "hygiene",
];

const CONNECTORS: &[&str] = &[
    "the", "of", "and", "after", "with", "for", "in", "may", "can", "before", "during", "than",
    "most", "often", "usually", "some",
];

/// A small deterministic random number generator (SplitMix64): benches must be
/// reproducible without another dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn word(&mut self) -> &'static str {
        WORDS[self.below(WORDS.len())]
    }
    fn sentence(&mut self, words: usize) -> String {
        let mut s = String::new();
        for i in 0..words {
            if i > 0 {
                s.push(' ');
            }
            if i % 3 == 2 {
                s.push_str(CONNECTORS[self.below(CONNECTORS.len())]);
            } else {
                s.push_str(self.word());
            }
        }
        let mut chars = s.chars();
        match chars.next() {
            Some(first) => format!("{}{}.", first.to_uppercase(), chars.as_str()),
            None => s,
        }
    }
}

/// TOML basic string escaping for generated text (only quotes and backslashes occur).
fn quoted(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

/// A valid guide with `sections` sections spread over topics of 100, plus a few synonym
/// groups; the same `sections` always gives the same files.
pub fn synthetic_guide_files(sections: usize) -> Vec<GuideFile> {
    let mut rng = Rng(0x5EED_0F6D_1DE5);
    let file = |rel: &str, text: String| GuideFile {
        name: format!("<synthetic guide>/{rel}"),
        rel: rel.to_string(),
        text: Arc::new(text),
    };
    let mut files = vec![
        file(
            "guide.toml",
            "title = \"Synthetic guide\"\nversion = \"0.0.1\"\nreviewed = 2026-01-01\n\
             disclaimer = \"Generated text for benchmarks; not advice.\"\n\n\
             [[source]]\nid = \"synthetic\"\nkind = \"web article\"\n\
             title = \"Generated source\"\nlabel = \"Generated source\"\nyear = 2026\n\
             unknown = [\"identifier\"]\nquality = \"low\"\nverification = \"verified\"\n"
                .to_string(),
        ),
        file(
            "synonyms.toml",
            "[[group]]\nterms = [\"microneedling\", \"CIT\", \"collagen induction therapy\"]\n\n\
             [[group]]\nterms = [\"stretch marks\", \"striae\"]\n\n\
             [[group]]\nterms = [\"numbing cream\", \"anaesthetic\", \"numbing\"]\n\n\
             [[group]]\nterms = [\"hair loss\", \"alopecia\"]\n"
                .to_string(),
        ),
    ];
    let topics = sections.div_ceil(SECTIONS_PER_TOPIC).max(1);
    let mut made = 0;
    for t in 0..topics {
        let mut text = String::new();
        let topic_title = format!("{} and {}", rng.word(), rng.word());
        let _ = writeln!(
            text,
            "id = \"topic-{t}\"\ntitle = {}\norder = {t}",
            quoted(&topic_title)
        );
        let _ = writeln!(text, "summary = {}\n", quoted(&rng.sentence(12)));
        let here = SECTIONS_PER_TOPIC.min(sections - made);
        for s in 0..here {
            let id = format!("section-{t}-{s}");
            let title = format!("{} {} {}", rng.word(), CONNECTORS[rng.below(4)], rng.word());
            let _ = writeln!(
                text,
                "[[section]]\nid = \"{id}\"\ntitle = {}",
                quoted(&title)
            );
            let _ = writeln!(text, "summary = {}", quoted(&rng.sentence(18)));
            let mut body = String::new();
            for _ in 0..3 {
                let _ = writeln!(body, "{}\n", rng.sentence(40));
            }
            for _ in 0..3 {
                let _ = writeln!(body, "- {}", rng.sentence(8));
            }
            let _ = writeln!(text, "body = \"\"\"\n{body}\"\"\"");
            let points: Vec<String> = (0..3).map(|_| quoted(&rng.sentence(6))).collect();
            let _ = writeln!(text, "key_points = [{}]", points.join(", "));
            let _ = writeln!(
                text,
                "tags = [{}, {}]",
                quoted(rng.word()),
                quoted(rng.word())
            );
            let _ = writeln!(text, "sources = [\"synthetic\"]\n");
            let _ = writeln!(
                text,
                "[[section.fact]]\nlabel = {}\nvalue = \"{}\"\nunit = \"weeks\"\nsources = [\"synthetic\"]\n",
                quoted(&format!("{} interval", rng.word())),
                1 + rng.below(12)
            );
        }
        made += here;
        files.push(file(&format!("topics/{t:05}-synthetic.toml"), text));
    }
    files
}

#[cfg(test)]
mod tests {
    #[test]
    fn loads_through_the_normal_loader_with_the_requested_size() {
        let files = super::synthetic_guide_files(250);
        let loaded = match mnguide::content::load_files(&files, "<synthetic guide>") {
            Ok(l) => l,
            Err(problems) => panic!("{problems:?}"),
        };
        assert_eq!(loaded.guide.sections.len(), 250);
        assert_eq!(loaded.guide.topics.len(), 3);
        assert_eq!(loaded.guide.synonyms.len(), 4);
    }

    #[test]
    fn is_deterministic() {
        let a = super::synthetic_guide_files(30);
        let b = super::synthetic_guide_files(30);
        let texts =
            |f: &[super::GuideFile]| f.iter().map(|f| f.text.to_string()).collect::<Vec<_>>();
        assert_eq!(texts(&a), texts(&b));
    }
}
