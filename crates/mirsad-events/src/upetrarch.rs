//! Conversion of UniversalPetrarch's Arabic verb dictionary (`CAMEO.ar.0.5.txt`, MIT licence,
//! Open Event Data Alliance) and the CAMEO→PLOVER table into a mirsad lexicon file.
//!
//! The UniversalPetrarch dictionary is lemmatised, machine-assisted and noisy (a block of
//! synonyms shares one code; many blocks have no code at all), so the conversion keeps only what
//! carries a code of its own: a synonym with an explicit `[code]`, or a block header's code,
//! and `- * NOUN [code]` patterns with a single plain object noun (نظم مظاهرة → PROTEST). Every
//! converted entry gets a weak strength, so it becomes an event only with a filled role, and a
//! curated entry for the same form always wins (see `stage`).

use mirsad_core::EventType;
use mirsad_text::normalize_word;
use std::collections::{BTreeMap, BTreeSet};

/// Strength given to converted entries (below [`crate::lexicon::WEAK`]).
pub const UP_STRENGTH: f32 = 0.5;

/// CAMEO code → (PLOVER type, mode) from `CAMEO2PLOVER-2021.txt`.
pub fn parse_cameo2plover(text: &str) -> BTreeMap<String, (EventType, Option<String>)> {
    let mut out = BTreeMap::new();
    for line in text.lines() {
        let line = line.split('#').next().unwrap_or("").trim();
        let Some((code, rest)) = line.split_once(':') else {
            continue;
        };
        let code = code.trim();
        if code.is_empty() || !code.bytes().all(|b| b.is_ascii_digit()) {
            continue;
        }
        let mut parts = rest.split(',');
        let Some(t) = parts.next().and_then(|t| EventType::parse(t.trim())) else {
            continue;
        };
        let mode = parts
            .next()
            .map(|m| m.trim().to_string())
            .filter(|m| !m.is_empty());
        out.insert(code.to_string(), (t, mode));
    }
    out
}

/// Finds the PLOVER mapping of a CAMEO code, falling back to its parent codes (1832 → 183 → 18).
pub fn plover_of<'a>(
    table: &'a BTreeMap<String, (EventType, Option<String>)>,
    code: &str,
) -> Option<&'a (EventType, Option<String>)> {
    let mut c = code;
    while c.len() >= 2 {
        if let Some(v) = table.get(c) {
            return Some(v);
        }
        c = &c[..c.len() - 1];
    }
    None
}

/// A guess of the imperfect 3ms from a perfect lemma: derived forms with a prosthetic alef
/// (افتعل، استفعل، انفعل، أفعل) drop it; sound triliterals and quadriliterals take ي-. Hollow and
/// final-weak verbs have unpredictable imperfects and get none.
fn guess_imperfect(perf: &str) -> Option<String> {
    let n = normalize_word(perf);
    let chars: Vec<char> = n.chars().collect();
    if chars.len() < 3 || n.ends_with('ا') || n.ends_with('ي') {
        return None;
    }
    if chars.len() == 3 && chars[1] == 'ا' {
        return None;
    }
    if chars[0] == 'ا' {
        Some(format!("ي{}", chars[1..].iter().collect::<String>()))
    } else {
        Some(format!("ي{n}"))
    }
}

fn code_in(s: &str) -> Option<String> {
    let a = s.find('[')?;
    let b = s[a..].find(']')? + a;
    let c = s[a + 1..b].trim();
    (c.len() >= 2 && c.bytes().all(|x| x.is_ascii_digit())).then(|| c.to_string())
}

fn plain_word(w: &str) -> bool {
    !w.is_empty()
        && w.chars().all(|c| {
            ('\u{0621}'..='\u{064A}').contains(&c) || ('\u{0671}'..='\u{06D3}').contains(&c)
        })
}

/// Builds the `lexicon/upetrarch_verbs.tsv` text.
pub fn build_upetrarch_tsv(dictionary: &str, cameo2plover: &str) -> String {
    let table = parse_cameo2plover(cameo2plover);
    // (type, lemma) → row, deduplicated and sorted for a stable file
    let mut rows: BTreeSet<(String, String)> = BTreeSet::new();
    let mut in_verbs = false;
    let mut header_code: Option<String> = None;
    let mut synonyms: Vec<String> = Vec::new();
    for line in dictionary.lines() {
        if line.contains("VERB PATTERNS") {
            in_verbs = true;
            continue;
        }
        if !in_verbs {
            continue;
        }
        let t = line.trim();
        if t.starts_with("---") {
            header_code = code_in(t);
            synonyms.clear();
            // patterns are converted for the block's head verb only: the synonym lists are
            // machine-translated and too loose to multiply every pattern by
            let head = t.trim_matches('-').trim();
            let head = head[..head.find('[').unwrap_or(head.len())].trim();
            if plain_word(head) {
                synonyms.push(head.to_string());
            }
            continue;
        }
        if t.is_empty() || t.starts_with('#') {
            continue;
        }
        let body = t.split('#').next().unwrap_or("").trim();
        if let Some(pat) = body.strip_prefix('-') {
            // - * NOUN [code]
            let Some(code) = code_in(pat) else { continue };
            let words: Vec<&str> = pat[..pat.find('[').unwrap_or(pat.len())]
                .split_whitespace()
                .collect();
            if words.len() != 2 || words[0] != "*" || !plain_word(words[1]) {
                continue;
            }
            let Some((ty, mode)) = plover_of(&table, &code) else {
                continue;
            };
            for v in &synonyms {
                let Some(imp) = guess_imperfect(v) else {
                    continue;
                };
                let phrase = format!("~{v}/{imp} {}", words[1]);
                rows.insert((
                    ty.as_str().to_string(),
                    format!(
                        "{}\t{}\t{code}\tmw\t{phrase}\t-\t-\t{UP_STRENGTH}\t-\tUniversalPetrarch pattern",
                        ty.as_str(),
                        mode.as_deref().unwrap_or("-")
                    ),
                ));
            }
            continue;
        }
        // a synonym line: lemma [code]?
        let lemma_part = body[..body.find('[').unwrap_or(body.len())].trim();
        if !plain_word(lemma_part) {
            continue;
        }
        let code = code_in(body).or_else(|| header_code.clone());
        let Some(code) = code else { continue };
        let Some((ty, mode)) = plover_of(&table, &code) else {
            continue;
        };
        let imp = guess_imperfect(lemma_part).unwrap_or_else(|| "-".into());
        rows.insert((
            ty.as_str().to_string(),
            format!(
                "{}\t{}\t{code}\tv\t{lemma_part}\t{imp}\t-\t{UP_STRENGTH}\t-\tUniversalPetrarch verb",
                ty.as_str(),
                mode.as_deref().unwrap_or("-")
            ),
        ));
    }
    let mut out = String::new();
    out.push_str("# Generated by mirsad_events::upetrarch::build_upetrarch_tsv from UniversalPetrarch's Arabic\n");
    out.push_str("# verb dictionary (CAMEO.ar.0.5.txt, github.com/openeventdata/UniversalPetrarch, branch arabic,\n");
    out.push_str("# MIT licence, Copyright 2016 Open Event Data Alliance) and CAMEO2PLOVER-2021.txt (PLOVER,\n");
    out.push_str("# CC BY-SA 4.0). Do not edit: regenerate with MIRSAD_REGEN_LEXICON=1 cargo test -p mirsad-events upetrarch.\n");
    out.push_str("# Columns as in curated.tsv. Imperfects are guessed from the perfect ('-' where unpredictable).\n");
    for (_, row) in rows {
        out.push_str(&row);
        out.push('\n');
    }
    out
}
