//! The analyzers that turn text into index terms. Tantivy does not save custom analyzers in
//! the index, so [`register`] must run on every open, not only when building.

use std::collections::HashMap;
use std::ops::Range;

use tantivy::Index;
use tantivy::tokenizer::{
    AsciiFoldingFilter, Language, LowerCaser, RemoveLongFilter, SimpleTokenizer, Stemmer,
    TextAnalyzer,
};

/// Word-level matching: "Scars" and "scar" meet at "scar", "décolletage" at "decolletag".
pub const STEMMED: &str = "mn_stemmed";
/// Unstemmed (lower-cased, accents folded) words, for typo and prefix matching, where the
/// surface form matters ("colagen" is one edit from "collagen", not from "collag").
pub const PLAIN: &str = "mn_plain";

/// Longer "words" are base64, URLs or noise; dropping them keeps the term dictionary small.
pub const LONGEST_TERM: usize = 40;

pub fn stemmed() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(LONGEST_TERM))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .filter(Stemmer::new(Language::English))
        .build()
}

pub fn plain() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(LONGEST_TERM))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .build()
}

/// Makes both analyzers known to `index` under the names the schema refers to.
pub fn register(index: &Index) {
    index.tokenizers().register(STEMMED, stemmed());
    index.tokenizers().register(PLAIN, plain());
}

/// One analyzed word: its term and where it sits in the original text (byte offsets).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub term: String,
    pub span: Range<usize>,
}

/// Runs `analyzer` over `text` and collects the terms with their byte offsets.
pub fn tokens(analyzer: &mut TextAnalyzer, text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let mut stream = analyzer.token_stream(text);
    while let Some(t) = stream.next() {
        out.push(Token {
            term: t.text.clone(),
            span: t.offset_from..t.offset_to,
        });
    }
    out
}

/// The terms of `text` alone, e.g. the stemmed words of a synonym.
pub fn terms(analyzer: &mut TextAnalyzer, text: &str) -> Vec<String> {
    tokens(analyzer, text).into_iter().map(|t| t.term).collect()
}

/// Stems single words, remembering each answer: the English stemmer costs about as much
/// as everything else in a query, and the words of a few sections repeat a lot.
pub struct StemCache {
    analyzer: TextAnalyzer,
    known: HashMap<String, String>,
}

impl Default for StemCache {
    fn default() -> Self {
        StemCache {
            analyzer: stemmed(),
            known: HashMap::new(),
        }
    }
}

impl StemCache {
    /// The stem of one already lower-cased, folded word.
    pub fn stem(&mut self, word: &str) -> &str {
        if !self.known.contains_key(word) {
            let stem = terms(&mut self.analyzer, word)
                .pop()
                .unwrap_or_else(|| word.to_string());
            self.known.insert(word.to_string(), stem);
        }
        self.known.get(word).map(String::as_str).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stems_and_folds() {
        let mut a = stemmed();
        assert_eq!(terms(&mut a, "Scars"), terms(&mut a, "scar"));
        assert_eq!(terms(&mut a, "Décolletage"), terms(&mut a, "decolletage"));
        assert_eq!(terms(&mut a, "numbing"), vec!["numb"]);
    }

    #[test]
    fn plain_keeps_the_surface_word() {
        let mut a = plain();
        assert_eq!(
            terms(&mut a, "Collagen, DÉCOLLETAGE"),
            vec!["collagen", "decolletage"]
        );
    }

    #[test]
    fn offsets_point_into_the_original_text() {
        let text = "Avoid sun: ésp. 48 hours";
        let toks = tokens(&mut plain(), text);
        assert_eq!(&text[toks[2].span.clone()], "ésp");
        assert_eq!(toks[2].term, "esp");
    }
}
