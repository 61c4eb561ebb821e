//! The analyzers that turn text into index terms. Tantivy does not save custom analyzers in
//! the index, so [`register`] must run on every open, not only when building.
//!
//! A module of its own, below both `search` and `content`: the index, the queries and the
//! guide's synonym check must cut, fold and stem words the same way.

use std::collections::HashMap;
use std::ops::Range;

use tantivy::Index;
use tantivy::tokenizer::{
    AsciiFoldingFilter, Language, LowerCaser, RawTokenizer, RemoveLongFilter, SimpleTokenizer,
    Stemmer, TextAnalyzer, Token as TantivyToken, TokenFilter, TokenStream, Tokenizer,
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
        .filter(CachedStemmer)
        .build()
}

/// The English stemmer alone, applied to one whole (lower-cased, folded) word.
fn word_stemmer() -> TextAnalyzer {
    TextAnalyzer::builder(RawTokenizer::default())
        .filter(Stemmer::new(Language::English))
        .build()
}

/// tantivy's English [`Stemmer`], remembering the words it has stemmed. Stemming is the
/// slowest step of analysis and a guide repeats its words, so building and highlighting
/// get much faster; the terms are exactly the stemmer's.
#[derive(Clone, Copy)]
pub struct CachedStemmer;

/// Words remembered per analyzer before the memory starts over (about 10 MB at most).
const MAX_REMEMBERED: usize = 100_000;

impl TokenFilter for CachedStemmer {
    type Tokenizer<T: Tokenizer> = CachedStemmerFilter<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> CachedStemmerFilter<T> {
        CachedStemmerFilter {
            inner: tokenizer,
            stems: HashMap::new(),
            stemmer: word_stemmer(),
        }
    }
}

#[derive(Clone)]
pub struct CachedStemmerFilter<T> {
    inner: T,
    stems: HashMap<String, String>,
    stemmer: TextAnalyzer,
}

impl<T: Tokenizer> Tokenizer for CachedStemmerFilter<T> {
    type TokenStream<'a> = CachedStemmerStream<'a, T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        CachedStemmerStream {
            tail: self.inner.token_stream(text),
            stems: &mut self.stems,
            stemmer: &mut self.stemmer,
        }
    }
}

pub struct CachedStemmerStream<'a, S> {
    tail: S,
    stems: &'a mut HashMap<String, String>,
    stemmer: &'a mut TextAnalyzer,
}

impl<S: TokenStream> TokenStream for CachedStemmerStream<'_, S> {
    fn advance(&mut self) -> bool {
        if !self.tail.advance() {
            return false;
        }
        let token = self.tail.token_mut();
        if let Some(stem) = self.stems.get(&token.text) {
            token.text.clear();
            token.text.push_str(stem);
            return true;
        }
        let stem = {
            let mut stream = self.stemmer.token_stream(&token.text);
            match stream.next() {
                Some(t) => t.text.clone(),
                None => token.text.clone(),
            }
        };
        if self.stems.len() >= MAX_REMEMBERED {
            self.stems.clear();
        }
        self.stems
            .insert(std::mem::replace(&mut token.text, stem.clone()), stem);
        true
    }

    fn token(&self) -> &TantivyToken {
        self.tail.token()
    }

    fn token_mut(&mut self) -> &mut TantivyToken {
        self.tail.token_mut()
    }
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
    fn the_cache_gives_the_stemmer_s_own_terms() {
        let text = "scars scarring numbing numbing redness redness skies running runs";
        let mut uncached = TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(LowerCaser)
            .filter(Stemmer::new(Language::English))
            .build();
        let mut cached = stemmed();
        for _ in 0..2 {
            assert_eq!(terms(&mut cached, text), terms(&mut uncached, text));
        }
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
