//! A part-of-speech lexicon: the parts of speech mirsad-morph's tagger gives each word across
//! millions of tokens of raw news (shared/data/news).
//!
//! Part of speech helps Arabic NER (Benajiba et al. 2008), above all the treebank's `X` tag, which
//! PADT gives to proper and foreign names (صدام, فايزر, موسكو). Running the morphological tagger at
//! NER time would cost more than the whole NER tagger, so the tags are pooled over the news at
//! training time instead, like the news lexicon: each normalised word (and clitic-stripped stem)
//! keeps a one-byte code with the dominant part of speech of its main word and how often that
//! word is tagged `X`. The tagger was trained on PADT (CC BY-NC-SA 3.0), so a model built with
//! this lexicon inherits that licence.

use crate::clusters::news_files;
use crate::features::strip_clitics;
use crate::news_lexicon::{is_arabic_word, nonzero_codes, sentences, STEM_KEY};
use mirsad_text::normalize_word;
use rustc_hash::FxHashMap;
use std::path::Path;

/// Universal parts of speech in code order; anything else counts as the last slot.
const UPOS: [&str; 17] = [
    "NOUN", "ADJ", "VERB", "X", "ADP", "CONJ", "CCONJ", "PRON", "NUM", "PART", "DET", "ADV",
    "PUNCT", "PROPN", "AUX", "SCONJ", "INTJ",
];
const OTHER: usize = UPOS.len();
const X: usize = 3;
/// Per key: occurrences by part of speech (UPOS order, then other), then all occurrences.
type Counts = [u32; UPOS.len() + 2];

/// Code of a word's counts: 0 when seen fewer than `min_count` times, else
/// `1 + dominant part of speech * 4 + X-share bucket` (share of `X` below 0.05, 0.3, 0.7, above).
fn code(c: &Counts, min_count: u32) -> u8 {
    let total = c[OTHER + 1];
    if total < min_count || total == 0 {
        return 0;
    }
    let (pos, _) = c[..=OTHER]
        .iter()
        .enumerate()
        .max_by_key(|&(i, &v)| (v, OTHER - i))
        .unwrap_or((0, &0));
    let x = c[X] as f64 / total as f64;
    let bucket = match x {
        s if s < 0.05 => 0,
        s if s < 0.3 => 1,
        s if s < 0.7 => 2,
        _ => 3,
    };
    (1 + pos * 4 + bucket) as u8
}

/// The part-of-speech part of a code, without the `X` share; 0 stays 0.
pub fn pos_of(code: u8) -> u8 {
    if code == 0 {
        0
    } else {
        1 + (code - 1) / 4
    }
}

/// Index of the word that carries the token's meaning: the longest (the last of equals), so
/// clitics (و، ب، ه) are passed over.
fn main_word(words: &[String]) -> usize {
    let mut best = 0;
    let mut len = 0;
    for (i, w) in words.iter().enumerate() {
        let l = w.chars().count();
        if l >= len {
            best = i;
            len = l;
        }
    }
    best
}

/// Segments and tags up to `max_tokens` tokens of the news under `news` with mirsad-morph's
/// embedded segmenter and tagger, and returns normalised word (and [`STEM_KEY`] + stem) → code
/// for the Arabic words seen at least `min_count` times.
pub fn build(
    news: &Path,
    max_tokens: usize,
    min_count: u32,
    log: &mut dyn FnMut(&str),
) -> Result<FxHashMap<String, u8>, mirsad_morph::perceptron::ModelError> {
    let morph = mirsad_morph::analyzer::Analyzer::embedded()?;
    let mut counts: FxHashMap<String, Counts> = FxHashMap::default();
    let mut tokens = 0usize;
    let mut files = 0usize;
    let mut reported = 0;
    for p in news_files(news) {
        let Ok(bytes) = std::fs::read(&p) else {
            continue;
        };
        files += 1;
        for s in sentences(&String::from_utf8_lossy(&bytes)) {
            tokens += s.len();
            let toks: Vec<&str> = s.iter().map(String::as_str).collect();
            let segs = morph.segmenter.segment(&toks);
            let mut inputs = Vec::new();
            let mut main = Vec::with_capacity(segs.len());
            for (t, words) in toks.iter().zip(&segs) {
                main.push(inputs.len() + main_word(words));
                for (k, w) in words.iter().enumerate() {
                    inputs.push(mirsad_morph::tagger::TagInput {
                        form: w,
                        token: t,
                        index_in_token: k,
                        words_in_token: words.len(),
                    });
                }
            }
            let tags = morph.tagger.tag(&inputs);
            for (w, &m) in toks.iter().zip(&main) {
                let n = normalize_word(w);
                if !is_arabic_word(&n) {
                    continue;
                }
                let pos = UPOS
                    .iter()
                    .position(|u| *u == tags[m].upos)
                    .unwrap_or(OTHER);
                let stem = format!("{STEM_KEY}{}", strip_clitics(&n).1);
                for key in [n, stem] {
                    let c = counts.entry(key).or_default();
                    c[pos] += 1;
                    c[OTHER + 1] += 1;
                }
            }
        }
        if tokens / 1_000_000 > reported {
            reported = tokens / 1_000_000;
            log(&format!("{tokens} tokens tagged"));
        }
        if tokens >= max_tokens {
            break;
        }
    }
    Ok(nonzero_codes(
        counts,
        |c| code(c, min_count),
        "part-of-speech",
        (tokens, files),
        log,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_keep_the_dominant_part_of_speech_and_the_name_share() {
        let mut c: Counts = [0; UPOS.len() + 2];
        // a name: tagged X in 8 of 10 occurrences
        c[X] = 8;
        c[0] = 2;
        c[OTHER + 1] = 10;
        assert_eq!(code(&c, 3), 1 + 3 * 4 + 3);
        assert_eq!(pos_of(code(&c, 3)), 1 + 3);
        // a common noun, sometimes mistaken for a name
        let mut c: Counts = [0; UPOS.len() + 2];
        c[0] = 9;
        c[X] = 1;
        c[OTHER + 1] = 10;
        assert_eq!(code(&c, 3), 1 + 1);
        // too rare
        assert_eq!(code(&c, 11), 0);
        assert_eq!(pos_of(0), 0);
    }

    #[test]
    fn the_main_word_is_the_longest() {
        let w = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(main_word(&w(&["و", "ب", "القاهرة"])), 2);
        assert_eq!(main_word(&w(&["كتاب", "ه"])), 0);
        assert_eq!(main_word(&w(&["موسكو"])), 0);
    }
}
