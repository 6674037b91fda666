//! The "ner" pipeline stage.

use crate::features::{gaz_bits, norm_phrase, strip_clitics, GAZ_COUNTRY};
use crate::model::NerModel;
use crate::tags::{spans, BioTag};
use mirsad_core::{CharOffsets, Document, Entity, EntityLabel, Stage, StageError, TokenKind};
use std::sync::Arc;

/// Adds model entities to `doc.entities`. Runs after the KB linker: a span that overlaps an
/// existing entity is dropped, because linked entities carry an actor id and win.
pub struct NerStage {
    model: Arc<NerModel>,
}

impl NerStage {
    pub fn new(model: Arc<NerModel>) -> Self {
        NerStage { model }
    }

    /// The stage with the committed model.
    pub fn with_default_model() -> Result<Self, crate::ModelError> {
        Ok(NerStage::new(Arc::new(NerModel::load_default()?)))
    }
}

/// A token in code points: (start, end, form, is sentence-final punctuation).
struct Tok {
    start: usize,
    end: usize,
    form: String,
}

fn is_sentence_end(s: &str) -> bool {
    matches!(s, "." | "!" | "?" | "؟" | "…" | "..." | "۔")
}

/// Fallback when the text stage has not run: whitespace and punctuation split, so that "(بوتين)"
/// and "موسكو،" give the name as its own token, as in the training corpora.
fn fallback_tokens(text: &str) -> Vec<Tok> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut start = 0;
    for (ci, c) in text.chars().enumerate() {
        let word = c.is_alphanumeric() || is_mark(c);
        if word {
            if cur.is_empty() {
                start = ci;
            }
            cur.push(c);
            continue;
        }
        if !cur.is_empty() {
            out.push(Tok {
                start,
                end: ci,
                form: std::mem::take(&mut cur),
            });
        }
        if !c.is_whitespace() {
            out.push(Tok {
                start: ci,
                end: ci + 1,
                form: c.to_string(),
            });
        }
    }
    if !cur.is_empty() {
        let end = start + cur.chars().count();
        out.push(Tok {
            start,
            end,
            form: cur,
        });
    }
    out
}

/// Harakat, tatweel and joiners belong to the word they sit in.
fn is_mark(c: char) -> bool {
    mirsad_text::normalize::is_tashkeel(c) || c == '\u{0640}' || c == '\u{200C}' || c == '\u{200D}'
}

impl Stage for NerStage {
    fn name(&self) -> &'static str {
        "ner"
    }

    fn process(&self, doc: &mut Document) -> Result<(), StageError> {
        let toks: Vec<Tok> = match &doc.tokens {
            Some(ts) if !ts.is_empty() => ts
                .iter()
                .filter(|t| !matches!(t.kind, Some(TokenKind::Url | TokenKind::Email)))
                .map(|t| Tok {
                    start: t.start,
                    end: t.end,
                    form: t.form.clone(),
                })
                .collect(),
            _ => fallback_tokens(&doc.text),
        };
        // sentence windows: the text stage's sentences when present, else sentence-final punctuation
        let mut windows: Vec<(usize, usize)> = Vec::new();
        let mut ws = 0;
        let mut si = 0;
        for (i, t) in toks.iter().enumerate() {
            let boundary_by_span = !doc.sentences.is_empty() && {
                while si < doc.sentences.len() && doc.sentences[si].end <= t.start {
                    si += 1;
                }
                i + 1 < toks.len()
                    && si < doc.sentences.len()
                    && toks[i + 1].start >= doc.sentences[si].end
            };
            let boundary = boundary_by_span
                || (doc.sentences.is_empty() && is_sentence_end(&t.form))
                || i - ws >= 200;
            if boundary {
                windows.push((ws, i + 1));
                ws = i + 1;
            }
        }
        if ws < toks.len() {
            windows.push((ws, toks.len()));
        }
        let offsets = CharOffsets::new(&doc.text);
        let forms: Vec<Vec<&str>> = windows
            .iter()
            .map(|&(a, b)| toks[a..b].iter().map(|t| t.form.as_str()).collect())
            .collect();
        // the whole document in one call: the second pass remembers names across sentences
        let tagged_all = self.model.tag_sentences_with_confidence(&forms);
        let mut added = Vec::new();
        for ((&(a, _), forms), tagged) in windows.iter().zip(&forms).zip(&tagged_all) {
            let tags: Vec<BioTag> = tagged.iter().map(|t| t.0).collect();
            for (s, e, label) in spans(&tags) {
                let (cs, ce) = (toks[a + s].start, toks[a + e - 1].end);
                let overlaps = doc.entities.iter().any(|x| x.start < ce && cs < x.end);
                if overlaps {
                    continue;
                }
                let conf = tagged[s..e].iter().map(|t| t.1).sum::<f32>() / (e - s) as f32;
                let label = if label == EntityLabel::LOC && self.is_country(&forms[s..e]) {
                    EntityLabel::GPE
                } else {
                    label
                };
                let text = doc.text[offsets.to_byte(cs)..offsets.to_byte(ce)].to_string();
                added.push(Entity {
                    start: cs,
                    end: ce,
                    text,
                    label,
                    actor_id: None,
                    confidence: Some((conf * 100.0).round() / 100.0),
                });
            }
        }
        doc.entities.extend(added);
        doc.entities.sort_by_key(|e| (e.start, e.end));
        Ok(())
    }
}

impl NerStage {
    /// GPE where derivable: a LOC span that is a country name in the model's gazetteer.
    fn is_country(&self, forms: &[&str]) -> bool {
        let res = &self.model.info.resources;
        let phrase = norm_phrase(&forms.join(" "));
        if forms.len() == 1 {
            let (pre, stem) = strip_clitics(&phrase);
            return gaz_bits(res, &phrase, stem, pre) & GAZ_COUNTRY != 0;
        }
        if res.gaz.get(&phrase).is_some_and(|b| b & GAZ_COUNTRY != 0) {
            return true;
        }
        let (first, rest) = phrase.split_once(' ').unwrap_or((&phrase, ""));
        let (_, stem) = strip_clitics(first);
        res.gaz
            .get(&format!("{stem} {rest}"))
            .or_else(|| res.gaz.get(&format!("ال{stem} {rest}")))
            .is_some_and(|b| b & GAZ_COUNTRY != 0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fallback_splits_punctuation_and_keeps_offsets() {
        let text = "قال (بوتين) في موسكو، أمس.";
        let t = fallback_tokens(text);
        let forms: Vec<&str> = t.iter().map(|t| t.form.as_str()).collect();
        assert_eq!(
            forms,
            vec!["قال", "(", "بوتين", ")", "في", "موسكو", "،", "أمس", "."]
        );
        let chars: Vec<char> = text.chars().collect();
        for tok in &t {
            let s: String = chars[tok.start..tok.end].iter().collect();
            assert_eq!(s, tok.form);
        }
    }
}
