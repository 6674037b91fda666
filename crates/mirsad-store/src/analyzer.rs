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

/// One word of a text: its byte range, whether matching normalisation leaves it unchanged (so
/// it can be compared as it stands), and whether [`fold_word`] can normalise it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Word {
    pub start: usize,
    pub end: usize,
    pub stable: bool,
    pub tabled: bool,
}

/// Flags of a char in the tables: a word char; normalisation leaves it as it is; it becomes at
/// most one char (a few compatibility letters expand to two), which `CharTables::fold` holds.
const WORD: u8 = 1;
const STABLE: u8 = 2;
const SINGLE: u8 = 4;

/// Per-char facts for ASCII and the Arabic block (U+0600–U+06FF, two UTF-8 bytes), which make
/// up nearly all of the news text: a table lookup per char instead of decoding it and asking
/// `is_word_char` and the normaliser. Built from those two functions, so they cannot disagree.
struct CharTables {
    ascii: [u8; 128],
    /// Indexed by [`arabic_index`].
    arabic: [u8; 256],
    /// What each ASCII and Arabic-block char (in that order) becomes; `None` when dropped.
    fold: [Option<char>; 128 + 256],
}

/// The table slot of the Arabic-block char whose UTF-8 bytes are `b0 b1` (`b0` in D8–DB).
#[inline(always)]
fn arabic_index(b0: u8, b1: u8) -> usize {
    (((b0 & 3) as usize) << 6) | (b1 & 0x3F) as usize
}

fn char_tables() -> &'static CharTables {
    static TABLES: OnceLock<CharTables> = OnceLock::new();
    TABLES.get_or_init(|| {
        let opts = NormalizeOptions::matching();
        let mut out = String::new();
        let mut facts = |c: char| {
            // normalisation is char by char: a word's normal form is its chars' forms in a row
            let mut one = [0u8; 4];
            normalize_into(c.encode_utf8(&mut one), &opts, &mut out);
            let mut folded = out.chars();
            let fold = folded.next();
            let single = folded.next().is_none();
            let flags = u8::from(is_word_char(c)) * WORD
                + u8::from(out.chars().eq(std::iter::once(c))) * STABLE
                + u8::from(single) * SINGLE;
            (flags, fold)
        };
        let ascii = (0..128u32).map(|b| char::from_u32(b).expect("ASCII"));
        let arabic = (0x600..0x700u32).map(|b| char::from_u32(b).expect("Arabic block"));
        let mut t = CharTables {
            ascii: [0; 128],
            arabic: [0; 256],
            fold: [None; 384],
        };
        for (i, c) in ascii.chain(arabic).enumerate() {
            let (flags, fold) = facts(c);
            if i < 128 {
                t.ascii[i] = flags;
            } else {
                t.arabic[i - 128] = flags;
            }
            t.fold[i] = fold;
        }
        t
    })
}

/// The flags of the char at byte `i` of `text` (a char boundary) and its length in bytes; a
/// char outside the tables gets only its [`WORD`] flag.
#[inline(always)]
fn char_flags(t: &CharTables, text: &str, i: usize) -> (u8, usize) {
    let b = text.as_bytes();
    let b0 = b[i];
    if b0 < 0x80 {
        (t.ascii[b0 as usize], 1)
    } else if b0 & 0xFC == 0xD8 && i + 1 < b.len() {
        (t.arabic[arabic_index(b0, b[i + 1])], 2)
    } else {
        let c = text[i..].chars().next().expect("a char boundary");
        (u8::from(is_word_char(c)) * WORD, c.len_utf8())
    }
}

/// The first word of `text` at or after byte `from` (a char boundary), as the tokenizer splits
/// them: runs of chars for which [`is_word_char`] holds.
#[inline]
pub(crate) fn next_word(text: &str, from: usize) -> Option<Word> {
    let t = char_tables();
    let len = text.len();
    let mut i = from;
    loop {
        if i >= len {
            return None;
        }
        let (f, n) = char_flags(t, text, i);
        if f & WORD != 0 {
            break;
        }
        i += n;
    }
    let start = i;
    let mut all = STABLE | SINGLE;
    while i < len {
        let (f, n) = char_flags(t, text, i);
        if f & WORD == 0 {
            break;
        }
        all &= f;
        i += n;
    }
    Some(Word {
        start,
        end: i,
        stable: all & STABLE != 0,
        tabled: all & SINGLE != 0,
    })
}

/// Matching normalisation of a word whose chars are all in the tables (`Word::tabled`), into
/// `out`: the same result as `normalize_into`, one table lookup per char.
pub(crate) fn fold_word(word: &str, out: &mut String) {
    let t = char_tables();
    let b = word.as_bytes();
    out.clear();
    let mut i = 0;
    while i < b.len() {
        let b0 = b[i];
        let (slot, n) = if b0 < 0x80 {
            (b0 as usize, 1)
        } else if b0 & 0xFC == 0xD8 && i + 1 < b.len() {
            (128 + arabic_index(b0, b[i + 1]), 2)
        } else {
            (usize::MAX, 0)
        };
        let single = slot != usize::MAX
            && (if slot < 128 {
                t.ascii[slot]
            } else {
                t.arabic[slot - 128]
            }) & SINGLE
                != 0;
        if !single {
            // not a tabled word after all: the general path
            normalize_into(word, &NormalizeOptions::matching(), out);
            return;
        }
        if let Some(c) = t.fold[slot] {
            out.push(c);
        }
        i += n;
    }
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
        let Some(w) = next_word(self.text, self.pos) else {
            self.pos = self.text.len();
            return false;
        };
        self.pos = w.end;
        self.token.text.clear();
        self.token.text.push_str(&self.text[w.start..w.end]);
        self.token.offset_from = w.start;
        self.token.offset_to = w.end;
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

    /// The table-driven scanner splits exactly where `is_word_char` says, and calls a word
    /// stable only when normalisation leaves it as it is (always, for words of ASCII and
    /// Arabic-block chars, which the tables cover), on every char of the Arabic block, ASCII,
    /// presentation forms, format characters and other scripts, in random mixes.
    #[test]
    fn word_scanner_agrees_with_the_char_definitions() {
        let mut palette: Vec<char> = (0x600..=0x6FF).filter_map(char::from_u32).collect();
        palette.extend((0x20..0x7F).filter_map(char::from_u32));
        palette.extend(
            "\u{200C}\u{200D}\u{200F}\u{FEFB}\u{FE8D}\u{FB56}\u{0750}\u{08A0}éÉ中 \n،؛".chars(),
        );
        let opts = NormalizeOptions::matching();
        let mut state = 0x1234_5678_9abc_def0u64;
        let mut norm = String::new();
        let mut words = 0;
        for _ in 0..400 {
            let text: String = (0..60)
                .map(|_| {
                    state ^= state << 13;
                    state ^= state >> 7;
                    state ^= state << 17;
                    // words more often than not: letters twice as likely as the rest
                    let i = (state % (2 * palette.len() as u64)) as usize;
                    palette[if i < palette.len() { i } else { i % 40 + 0x21 }]
                })
                .collect();
            let mut expected = Vec::new();
            let mut pos = 0;
            while let Some(rel) = text[pos..].find(is_word_char) {
                let from = pos + rel;
                let to = text[from..]
                    .find(|c: char| !is_word_char(c))
                    .map_or(text.len(), |e| from + e);
                normalize_into(&text[from..to], &opts, &mut norm);
                let unchanged = norm == text[from..to];
                let in_tables = text[from..to]
                    .chars()
                    .all(|c| c.is_ascii() || ('\u{600}'..='\u{6FF}').contains(&c));
                let basic = text[from..to]
                    .chars()
                    .all(|c| c.is_ascii() || ('\u{621}'..='\u{652}').contains(&c));
                expected.push((from, to, unchanged, in_tables, basic));
                pos = to;
            }
            let mut got = Vec::new();
            let mut pos = 0;
            while let Some(w) = next_word(&text, pos) {
                got.push(w);
                pos = w.end;
            }
            assert_eq!(got.len(), expected.len(), "text {text:?}");
            for (w, &(from, to, unchanged, in_tables, basic)) in got.iter().zip(&expected) {
                let word = &text[from..to];
                assert_eq!((w.start, w.end), (from, to), "text {text:?}");
                assert!(!w.stable || unchanged, "{word:?} is not stable");
                assert!(!in_tables || w.stable == unchanged, "{word:?} is stable");
                assert!(!w.tabled || in_tables, "{word:?} is not tabled");
                assert!(w.tabled || !basic, "{word:?} is tabled");
                if w.tabled {
                    let mut folded = String::new();
                    fold_word(word, &mut folded);
                    normalize_into(word, &opts, &mut norm);
                    assert_eq!(folded, norm, "{word:?}");
                }
            }
            words += got.len();
        }
        assert!(words > 2000, "the generator made too few words: {words}");
    }

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
