//! The pipeline stage that writes sentences and tokens into a document.

use crate::sentences::{split_sentences_capped, DEFAULT_MAX_SENTENCE_CHARS};
use crate::tokens::tokenize;
use mirsad_core::{CharOffsets, Document, Span, Stage, StageError, Token, TokenKind};

/// Fills `doc.sentences` and `doc.tokens`. Sentence spans carry no text (the output would
/// otherwise hold the article twice); token forms are kept because later stages and readers
/// of the JSON use them directly.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TextStage {
    /// Longest sentence in code points; longer run-ons are cut at a safe point
    /// (see [`crate::sentences`]).
    pub split_long_at: usize,
}

impl Default for TextStage {
    fn default() -> Self {
        TextStage {
            split_long_at: DEFAULT_MAX_SENTENCE_CHARS,
        }
    }
}

impl Stage for TextStage {
    fn name(&self) -> &'static str {
        "text"
    }

    fn process(&self, doc: &mut Document) -> Result<(), StageError> {
        let text = doc.text.as_str();
        let offsets = CharOffsets::new(text);
        let sentences = split_sentences_capped(text, self.split_long_at)
            .into_iter()
            .map(|r| Span::new(offsets.to_char(r.start), offsets.to_char(r.end)))
            .collect();
        let tokens = tokenize(text)
            .into_iter()
            .map(|t| {
                let form = &text[t.start..t.end];
                let mut tok = Token::new(
                    offsets.to_char(t.start),
                    offsets.to_char(t.end),
                    form,
                    t.kind,
                );
                if matches!(t.kind, TokenKind::Word | TokenKind::Latin) {
                    tok.norm = token_norm(form);
                }
                tok
            })
            .collect();
        doc.sentences = sentences;
        doc.tokens = Some(tokens);
        Ok(())
    }
}

/// The matching form of a word token (see [`crate::normalize_word`]); `None` when it equals the
/// surface form, which keeps the JSON small for the many words that need no folding.
fn token_norm(form: &str) -> Option<String> {
    let norm = crate::normalize::normalize_word(form);
    (norm != form).then_some(norm)
}

#[cfg(test)]
mod tests {
    use super::*;
    use mirsad_core::{Metadata, Pipeline};

    fn doc(text: &str) -> Document {
        Document::new(Metadata::default(), text.to_string(), "ar")
    }

    #[test]
    fn fills_sentences_and_tokens_in_code_points() {
        let mut d = doc("**عاجل**\nقال لافروف في موسكو: «سنرد». وأضاف أن 3.5% كافية.");
        TextStage::default().process(&mut d).unwrap();
        let spans: Vec<(usize, usize)> = d.sentences.iter().map(|s| (s.start, s.end)).collect();
        let chars: Vec<char> = d.text.chars().collect();
        let texts: Vec<String> = spans
            .iter()
            .map(|&(a, b)| chars[a..b].iter().collect())
            .collect();
        assert_eq!(
            texts,
            vec![
                "**عاجل**",
                "قال لافروف في موسكو: «سنرد».",
                "وأضاف أن 3.5% كافية."
            ]
        );
        assert!(d.sentences.iter().all(|s| s.text.is_none()));

        let toks = d.tokens.as_ref().unwrap();
        for t in toks {
            assert_eq!(d.slice_chars(t.start, t.end), t.form);
        }
        let forms: Vec<(&str, Option<TokenKind>)> =
            toks.iter().map(|t| (t.form.as_str(), t.kind)).collect();
        assert_eq!(forms[0], ("**", Some(TokenKind::Punct)));
        assert_eq!(forms[1], ("عاجل", Some(TokenKind::Word)));
        assert!(forms.contains(&("3.5%", Some(TokenKind::Number))));
        assert!(forms.contains(&("لافروف", Some(TokenKind::Word))));
        let norm_of = |form: &str| toks.iter().find(|t| t.form == form).unwrap().norm.clone();
        assert_eq!(norm_of("وأضاف"), Some("واضاف".to_string()));
        assert_eq!(norm_of("كافية"), Some("كافيه".to_string()));
        assert_eq!(norm_of("لافروف"), None);
        assert_eq!(norm_of("3.5%"), None);
    }

    #[test]
    fn runs_in_a_pipeline_and_respects_the_cap() {
        let p = Pipeline::new().with(TextStage { split_long_at: 50 });
        let mut d = doc(&"كلمة، ".repeat(40));
        p.run(&mut d);
        assert!(d.warnings.is_empty());
        assert!(d.sentences.len() > 1);
        assert!(d.sentences.iter().all(|s| s.len() <= 50));
        assert_eq!(p.stage_names(), vec!["text"]);
    }

    #[test]
    fn empty_document() {
        let mut d = doc("");
        TextStage::default().process(&mut d).unwrap();
        assert!(d.sentences.is_empty());
        assert_eq!(d.tokens, Some(vec![]));
    }
}
