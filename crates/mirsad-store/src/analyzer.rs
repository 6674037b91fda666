//! The Arabic analyzer of the search index.
//!
//! Tantivy's built-in tokenizers split Arabic words at zero-width joiners and know nothing of
//! Arabic spelling variants, and its Snowball Arabic stemmer folds inconsistently unless one
//! spelling is pinned first. So the chain here is:
//!
//! 1. [`ArabicWordTokenizer`]: a word is a run of letters, digits, combining marks (harakat),
//!    tatweel and invisible format characters, so a vowelled or ZWNJ-joined word stays one token;
//! 2. [`MirsadNormalizer`]: mirsad's own matching normalisation (`normalize_into` with
//!    `NormalizeOptions::matching()`), the same fold the dictionaries use, so the index and every
//!    other stage agree on spelling;
//! 3. stop words ([`STOPWORDS`], our own list, normalised the same way);
//! 4. a stemmer, chosen by measurement (see `EVAL.md`): [`Stemming::Light`] by default.
//!
//! The unstemmed "exact" analyzer stops after step 2, for exact-form matches.

use mirsad_text::{normalize::is_invisible_control, normalize::is_tashkeel};
use mirsad_text::{normalize_into, NormalizeOptions};
use std::collections::HashSet;
use std::sync::{Arc, OnceLock};
use tantivy::tokenizer::{
    Language, Stemmer, TextAnalyzer, Token, TokenFilter, TokenStream, Tokenizer,
};

/// Name under which the stemmed analyzer is registered in the index.
pub const ANALYZER_STEMMED: &str = "mirsad_ar";
/// Name under which the exact (normalised, unstemmed) analyzer is registered.
pub const ANALYZER_EXACT: &str = "mirsad_ar_exact";

/// Which stemmer the stemmed field uses. Measured in `EVAL.md`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stemming {
    /// Normalisation and stop words only.
    None,
    /// Clitic-aware light stemming ([`light_stem`]).
    Light,
    /// Snowball Arabic (after mirsad normalisation).
    Snowball,
}

impl Stemming {
    pub fn parse(s: &str) -> Option<Stemming> {
        match s {
            "none" => Some(Stemming::None),
            "light" => Some(Stemming::Light),
            "snowball" => Some(Stemming::Snowball),
            _ => None,
        }
    }
}

/// Our Arabic stop-word list (one word a line), derived from the mohataher list in the shared
/// gazetteers and trimmed of words that carry meaning in news (e.g. country-like or time words).
const STOPWORDS_TXT: &str = include_str!("stopwords_ar.txt");

/// The normalised stop-word set.
pub fn stopwords() -> &'static HashSet<String> {
    static SET: OnceLock<HashSet<String>> = OnceLock::new();
    SET.get_or_init(|| {
        let opts = NormalizeOptions::matching();
        let mut out = String::new();
        STOPWORDS_TXT
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(|w| {
                normalize_into(w, &opts, &mut out);
                out.clone()
            })
            .collect()
    })
}

/// Splits text into words. See the module docs for why not tantivy's `SimpleTokenizer`.
#[derive(Clone, Default)]
pub struct ArabicWordTokenizer {
    token: Token,
}

pub struct ArabicWordStream<'a> {
    text: &'a str,
    pos: usize,
    token: &'a mut Token,
}

#[inline]
pub(crate) fn is_word_char(c: char) -> bool {
    // fast paths for ASCII and the Arabic base letters: `is_alphanumeric` answers them through
    // a table search that dominated snippet generation (same answers, only sooner)
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    if ('\u{0621}'..='\u{063A}').contains(&c) || ('\u{0641}'..='\u{064A}').contains(&c) {
        return true;
    }
    c.is_alphanumeric() || is_tashkeel(c) || is_invisible_control(c) || c == '\u{0640}'
}

impl Tokenizer for ArabicWordTokenizer {
    type TokenStream<'a> = ArabicWordStream<'a>;
    fn token_stream<'a>(&'a mut self, text: &'a str) -> ArabicWordStream<'a> {
        self.token.reset();
        ArabicWordStream {
            text,
            pos: 0,
            token: &mut self.token,
        }
    }
}

impl TokenStream for ArabicWordStream<'_> {
    fn advance(&mut self) -> bool {
        let rest = &self.text[self.pos..];
        let Some(start_rel) = rest.find(is_word_char) else {
            self.pos = self.text.len();
            return false;
        };
        let start = self.pos + start_rel;
        let end = self.text[start..]
            .find(|c: char| !is_word_char(c))
            .map_or(self.text.len(), |e| start + e);
        self.pos = end;
        self.token.text.clear();
        self.token.text.push_str(&self.text[start..end]);
        self.token.offset_from = start;
        self.token.offset_to = end;
        self.token.position = self.token.position.wrapping_add(1);
        true
    }
    fn token(&self) -> &Token {
        self.token
    }
    fn token_mut(&mut self) -> &mut Token {
        self.token
    }
}

/// Generic "rewrite or drop the token text" filter, so normalisation, stop words and stemming
/// share one stream type. The function returns `false` to drop the token.
/// `(token text, scratch buffer) -> keep?`
type MapFn = dyn Fn(&mut String, &mut String) -> bool + Send + Sync;

#[derive(Clone)]
pub struct MapFilter {
    f: Arc<MapFn>,
}

impl MapFilter {
    pub fn new(f: impl Fn(&mut String, &mut String) -> bool + Send + Sync + 'static) -> Self {
        MapFilter { f: Arc::new(f) }
    }
}

#[derive(Clone)]
pub struct MapFilterTokenizer<T> {
    inner: T,
    f: Arc<MapFn>,
}

impl TokenFilter for MapFilter {
    type Tokenizer<T: Tokenizer> = MapFilterTokenizer<T>;
    fn transform<T: Tokenizer>(self, tokenizer: T) -> MapFilterTokenizer<T> {
        MapFilterTokenizer {
            inner: tokenizer,
            f: self.f,
        }
    }
}

pub struct MapFilterStream<'a, S> {
    tail: S,
    f: &'a MapFn,
    buf: String,
}

impl<T: Tokenizer> Tokenizer for MapFilterTokenizer<T> {
    type TokenStream<'a> = MapFilterStream<'a, T::TokenStream<'a>>;
    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        MapFilterStream {
            tail: self.inner.token_stream(text),
            f: &*self.f,
            buf: String::new(),
        }
    }
}

impl<S: TokenStream> TokenStream for MapFilterStream<'_, S> {
    fn advance(&mut self) -> bool {
        while self.tail.advance() {
            let tok = self.tail.token_mut();
            if (self.f)(&mut tok.text, &mut self.buf) {
                return true;
            }
        }
        false
    }
    fn token(&self) -> &Token {
        self.tail.token()
    }
    fn token_mut(&mut self) -> &mut Token {
        self.tail.token_mut()
    }
}

/// mirsad matching normalisation as a token filter; drops tokens that normalise to nothing
/// (a lone diacritic or tatweel).
pub fn normalizer() -> MapFilter {
    let opts = NormalizeOptions::matching();
    MapFilter::new(move |text, buf| {
        normalize_into(text, &opts, buf);
        std::mem::swap(text, buf);
        !text.is_empty()
    })
}

/// Alias kept for readers looking for "the normaliser filter".
pub type MirsadNormalizer = MapFilter;

fn stopword_filter() -> MapFilter {
    let stop = stopwords();
    MapFilter::new(move |text, _| !stop.contains(text.as_str()))
}

fn light_filter() -> MapFilter {
    MapFilter::new(|text, buf| {
        buf.clear();
        buf.push_str(light_stem(text));
        std::mem::swap(text, buf);
        true
    })
}

/// Definite-article and proclitic+article prefixes, longest first (normalised forms).
const ARTICLE_PREFIXES: [&str; 9] = [
    "وبال", "فبال", "وال", "بال", "كال", "فال", "ولل", "لل", "ال",
];
/// Suffixes (pronoun enclitics and number/gender endings), longest first.
const SUFFIXES: [&str; 13] = [
    "هما", "كما", "ات", "ان", "ون", "ين", "يه", "ها", "هم", "كم", "نا", "ه", "ي",
];

fn char_len(s: &str) -> usize {
    s.chars().count()
}

// `str::strip_prefix`/`strip_suffix` with a byte loop: the affixes are 2 to 8 bytes, and a
// `memcmp` call per comparison was the largest cost of stemming (snippets stem every word of
// the hits). Both affix and word are whole UTF-8 strings, so a byte match ends on a char boundary.
fn strip_prefix_bytes<'a>(w: &'a str, p: &str) -> Option<&'a str> {
    let (wb, pb) = (w.as_bytes(), p.as_bytes());
    (wb.len() >= pb.len() && wb.iter().zip(pb).all(|(a, b)| a == b)).then(|| &w[pb.len()..])
}

fn strip_suffix_bytes<'a>(w: &'a str, s: &str) -> Option<&'a str> {
    let (wb, sb) = (w.as_bytes(), s.as_bytes());
    let cut = wb.len().checked_sub(sb.len())?;
    wb[cut..]
        .iter()
        .zip(sb)
        .all(|(a, b)| a == b)
        .then(|| &w[..cut])
}

/// Clitic-aware light stemming of one *normalised* word (Light10-style): strip the article with
/// any proclitics fused to it (وال، بال، فال، كال، لل، وبال …), then up to two suffixes
/// (pronoun enclitics, dual/plural endings, ة→ه, nisba ي), never leaving fewer than two letters
/// (three after a one-letter suffix).
///
/// Why so light: a bare و/ب/ل/ك/ف cannot be told from a root letter without a lexicon (وزارة,
/// لبنان, بلدية), so it is only stripped when fused to the article; roots (Snowball/ISRI) merge
/// unrelated words. `EVAL.md` has the measurement; the exact field covers exact forms.
pub fn light_stem(word: &str) -> &str {
    if !word.chars().all(|c| ('\u{0621}'..='\u{064A}').contains(&c)) {
        return word; // Latin, digits, mixed: leave alone
    }
    let mut w = word;
    for p in ARTICLE_PREFIXES {
        if let Some(rest) = strip_prefix_bytes(w, p) {
            if char_len(rest) >= 2 {
                w = rest;
                break;
            }
        }
    }
    for _ in 0..2 {
        let before = w;
        for s in SUFFIXES {
            if let Some(rest) = strip_suffix_bytes(w, s) {
                let (r, l) = (char_len(rest), char_len(s));
                if r >= 3 || (r >= 2 && l >= 2) {
                    w = rest;
                    break;
                }
            }
        }
        if before == w {
            break;
        }
    }
    w
}

/// Builds the stemmed analyzer for a given stemming choice.
pub fn analyzer(stemming: Stemming) -> TextAnalyzer {
    let base = TextAnalyzer::builder(ArabicWordTokenizer::default())
        .filter(normalizer())
        .filter(stopword_filter());
    match stemming {
        Stemming::None => base.build(),
        Stemming::Light => base.filter(light_filter()).build(),
        Stemming::Snowball => base.filter(Stemmer::new(Language::Arabic)).build(),
    }
}

/// The exact analyzer: words, normalised, no stop words removed, no stemming.
pub fn exact_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(ArabicWordTokenizer::default())
        .filter(normalizer())
        .build()
}

/// Normalised tokens of `text` under `a` (for tests and the evaluation).
pub fn tokens(a: &mut TextAnalyzer, text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut s = a.token_stream(text);
    while let Some(t) = s.next() {
        out.push(t.text.clone());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalises_and_keeps_vowelled_words_whole() {
        let mut a = exact_analyzer();
        // harakat, tatweel, hamza'd alef, taa marbuta, ZWNJ inside a word
        let t = tokens(&mut a, "الْمَدْرَسَة إسـلام مدر\u{200C}سة، Saudi");
        assert_eq!(t, vec!["المدرسه", "اسلام", "مدرسه", "saudi"]);
    }

    #[test]
    fn light_stem_strips_clitics() {
        let n = |w: &str| mirsad_text::normalize_word(w);
        assert_eq!(light_stem(&n("والمدرسة")), "مدرس");
        assert_eq!(light_stem(&n("بالانتخابات")), "انتخاب");
        assert_eq!(light_stem(&n("الانتخابات")), "انتخاب");
        assert_eq!(light_stem(&n("انتخابات")), "انتخاب");
        assert_eq!(light_stem(&n("للمعلمين")), "معلم");
        assert_eq!(light_stem(&n("وزارة")), "وزار");
        assert_eq!(light_stem(&n("وزير")), "وزير");
        assert_eq!(light_stem(&n("كتابهم")), "كتاب");
        assert_eq!(light_stem("oil"), "oil");
        // short words are left alone
        assert_eq!(light_stem(&n("من")), "من");
    }

    #[test]
    fn stop_words_are_dropped_in_stemmed_analyzer_only() {
        let mut a = analyzer(Stemming::Light);
        assert_eq!(tokens(&mut a, "في المدارس"), vec!["مدارس"]);
        let mut e = exact_analyzer();
        assert_eq!(tokens(&mut e, "في المدارس"), vec!["في", "المدارس"]);
    }

    #[test]
    fn offsets_point_into_original() {
        let mut a = analyzer(Stemming::Light);
        let text = "قال الوزيرُ إن";
        let mut s = a.token_stream(text);
        let mut found = None;
        while let Some(t) = s.next() {
            if t.text == "وزير" {
                found = Some((t.offset_from, t.offset_to));
            }
        }
        let (f, t) = found.unwrap();
        assert_eq!(&text[f..t], "الوزيرُ");
    }
}
