//! A self-trained lexicon: how a first model labels each word across millions of tokens of raw
//! news (shared/data/news).
//!
//! The document memory (`memory.rs`) pools a word's labels over ±20 sentences; this pools them over
//! the whole news corpus. A name the training data never shows (الترسانة, أودي) is still met in
//! many news sentences, some of them easy ("نادي الترسانة", "سيارة أودي"), so the share of its
//! occurrences the first model tags PER / LOC / ORG / MISC is a better guess than any single
//! context. The lexicon stores, per normalised word and per clitic-stripped stem, the dominant
//! type, how often it is that type, and whether it mostly starts or continues a span, as a small
//! code; the second model is trained with those codes as features. Nothing annotated is read here.

use crate::clusters::news_files;
use crate::features::strip_clitics;
use crate::NerModel;
use mirsad_text::normalize_word;
use rustc_hash::FxHashMap;
use std::path::Path;

/// Per key: occurrences inside PER, LOC, ORG, MISC spans, B tags among them, all occurrences.
type Counts = [u32; 6];

/// Key prefix of stem entries, so a stem never collides with a whole word.
pub const STEM_KEY: &str = "|";

/// Sentences of this many tokens or more are cut (news files have long unpunctuated runs).
const MAX_SENTENCE: usize = 60;
/// Sentences grouped into one "document" for the tagger's document memory.
const DOC_SENTENCES: usize = 40;

/// Code of a word's counts: 0 when too rare or rarely an entity, else
/// `1 + type * 12 + share bucket * 3 + start bucket` (type 0..4 = PER LOC ORG MISC; share of its
/// occurrences tagged that type in [0.1, 0.3), [0.3, 0.6), [0.6, 0.9), [0.9, 1]; B share of those
/// below 1/3, up to 2/3, above).
fn code(c: &Counts, min_count: u32) -> u8 {
    let total = c[5];
    if total < min_count {
        return 0;
    }
    let (l, &m) = c[..4]
        .iter()
        .enumerate()
        .max_by_key(|&(i, &v)| (v, 4 - i))
        .unwrap_or((0, &0));
    let share = m as f64 / total as f64;
    if share < 0.1 {
        return 0;
    }
    let share_bucket = match share {
        s if s < 0.3 => 0,
        s if s < 0.6 => 1,
        s if s < 0.9 => 2,
        _ => 3,
    };
    // B tags of all types over the type's count: close enough when one type dominates
    let starts = (3 * c[4].min(m) / m.max(1)).min(2);
    (1 + l * 12 + share_bucket * 3 + starts as usize) as u8
}

/// The coarse part of a code (type and share bucket, without the start bucket); 0 stays 0.
pub fn coarse(code: u8) -> u8 {
    if code == 0 {
        0
    } else {
        1 + (code - 1) / 3
    }
}

/// Splits a text into sentences of tokens: runs of letters/digits (with diacritics) are tokens,
/// every other non-space character is a token of its own, and . ! ? ؟ and line breaks end a
/// sentence. JSON files' escaped line breaks count as line breaks.
pub fn sentences(text: &str) -> Vec<Vec<String>> {
    let text = text.replace("\\n", "\n");
    let mut out = Vec::new();
    let mut sent: Vec<String> = Vec::new();
    let mut word = String::new();
    let flush_sentence = |sent: &mut Vec<String>, out: &mut Vec<Vec<String>>| {
        if sent.len() >= 3 {
            out.push(std::mem::take(sent));
        } else {
            sent.clear();
        }
    };
    for c in text.chars() {
        if c.is_alphanumeric() || mirsad_text::normalize::is_tashkeel(c) {
            word.push(c);
            continue;
        }
        if !word.is_empty() {
            sent.push(std::mem::take(&mut word));
        }
        if c == '\n' || c == '\r' {
            flush_sentence(&mut sent, &mut out);
        } else if !c.is_whitespace() {
            sent.push(c.to_string());
            if matches!(c, '.' | '!' | '?' | '؟') {
                flush_sentence(&mut sent, &mut out);
            }
        }
        if sent.len() >= MAX_SENTENCE {
            flush_sentence(&mut sent, &mut out);
        }
    }
    if !word.is_empty() {
        sent.push(word);
    }
    flush_sentence(&mut sent, &mut out);
    out
}

pub(crate) fn is_arabic_word(n: &str) -> bool {
    n.chars().any(|c| ('\u{0621}'..='\u{064A}').contains(&c))
}

/// Tags up to `max_tokens` tokens of the news under `news` with `model` and returns the lexicon:
/// normalised word (and [`STEM_KEY`] + stem) → code, for words seen at least `min_count` times
/// that the model tags as part of a name in at least a tenth of their occurrences.
pub fn build(
    model: &NerModel,
    news: &Path,
    max_tokens: usize,
    min_count: u32,
    log: &mut dyn FnMut(&str),
) -> FxHashMap<String, u8> {
    let mut counts: FxHashMap<String, Counts> = FxHashMap::default();
    let mut tokens = 0usize;
    let mut files = 0usize;
    for p in news_files(news) {
        let Ok(bytes) = std::fs::read(&p) else {
            continue;
        };
        files += 1;
        let sents = sentences(&String::from_utf8_lossy(&bytes));
        for doc in sents.chunks(DOC_SENTENCES) {
            let refs: Vec<Vec<&str>> = doc
                .iter()
                .map(|s| s.iter().map(String::as_str).collect())
                .collect();
            let tags = model.tag_sentences(&refs);
            for (s, t) in doc.iter().zip(tags) {
                tokens += s.len();
                for (w, tag) in s.iter().zip(t) {
                    let n = normalize_word(w);
                    if !is_arabic_word(&n) {
                        continue;
                    }
                    let i = tag.index();
                    let stem = format!("{STEM_KEY}{}", strip_clitics(&n).1);
                    for key in [n.clone(), stem] {
                        let c = counts.entry(key).or_default();
                        c[5] += 1;
                        if i != 0 {
                            c[(i - 1) / 2] += 1;
                            if i % 2 == 1 {
                                c[4] += 1;
                            }
                        }
                    }
                }
            }
        }
        if tokens >= max_tokens {
            break;
        }
    }
    nonzero_codes(
        counts,
        |c| code(c, min_count),
        "lexicon",
        (tokens, files),
        log,
    )
}

/// Each key's code, leaving out keys whose code is 0, and a log line of what was read and kept.
pub(crate) fn nonzero_codes<C>(
    counts: FxHashMap<String, C>,
    code: impl Fn(&C) -> u8,
    what: &str,
    (tokens, files): (usize, usize),
    log: &mut dyn FnMut(&str),
) -> FxHashMap<String, u8> {
    let lexicon: FxHashMap<String, u8> = counts
        .into_iter()
        .filter_map(|(k, c)| {
            let code = code(&c);
            (code != 0).then_some((k, code))
        })
        .collect();
    log(&format!(
        "tagged {tokens} news tokens from {files} files; {} {what} entries",
        lexicon.len()
    ));
    lexicon
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_news_text_into_sentences_of_tokens() {
        let s = sentences("قال الرئيس: \"سنعود\". وزار دمشق أمس\\nثم غادر إلى موسكو");
        assert_eq!(s.len(), 3);
        assert_eq!(s[0], ["قال", "الرئيس", ":", "\"", "سنعود", "\"", "."]);
        assert_eq!(s[1], ["وزار", "دمشق", "أمس"]);
        assert_eq!(s[2], ["ثم", "غادر", "إلى", "موسكو"]);
        // fragments under three tokens are dropped
        assert!(sentences("نعم.\nلا").is_empty());
    }

    #[test]
    fn codes_keep_type_share_and_start() {
        // 8 of 10 occurrences ORG, all of them span starts
        assert_eq!(code(&[0, 0, 8, 0, 8, 10], 3), 1 + 2 * 12 + 2 * 3 + 2);
        // mostly PER continuations (surnames)
        assert_eq!(code(&[10, 0, 0, 0, 0, 10], 3), 1 + 3 * 3);
        // too rare, or rarely a name
        assert_eq!(code(&[2, 0, 0, 0, 2, 2], 3), 0);
        assert_eq!(code(&[0, 1, 0, 0, 1, 50], 3), 0);
        assert_eq!(coarse(1 + 2 * 12 + 2 * 3 + 2), 1 + 2 * 4 + 2);
        assert_eq!(coarse(0), 0);
    }
}
