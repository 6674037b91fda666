//! The pipeline stage that replaces a document's surface tokens with syntactic words: clitics
//! split off (`وقال` → `و` `قال`), each with its lemma, UPOS, features and — when a parser is
//! present — its head and relation.
//!
//! Other stages (actors, names, events) read the surface tokens that mirsad-text writes, so this
//! stage must run after them; `mirsad analyze --tokens` puts it last.

use crate::analyzer::Analyzer;
use crate::perceptron::ModelError;
use mirsad_core::{CharOffsets, Document, Stage, StageError, Token, TokenKind};

pub struct MorphStage {
    analyzer: Analyzer,
}

impl MorphStage {
    pub fn new(analyzer: Analyzer) -> Self {
        MorphStage { analyzer }
    }

    pub fn with_embedded_model() -> Result<Self, ModelError> {
        Ok(MorphStage::new(Analyzer::embedded()?))
    }

    pub fn analyzer(&self) -> &Analyzer {
        &self.analyzer
    }
}

/// The syntactic words of a text as document tokens: code-point offsets into `text` (a clitic's
/// span is its letters inside the written token), form, lemma, UPOS, FEATS, and HEAD as an index
/// into the returned list (-1 for the root) with its DEPREL when the analyzer parses.
pub fn syntactic_words(analyzer: &Analyzer, text: &str) -> Vec<Token> {
    let offsets = CharOffsets::new(text);
    let mut out: Vec<Token> = Vec::new();
    for analysed in analyzer.analyze_text(text) {
        let base = out.len() as i64;
        for (word, span) in analysed.sentence.words.iter().zip(&analysed.word_spans) {
            let kind = match word.upos.as_str() {
                "PUNCT" => TokenKind::Punct,
                "SYM" => TokenKind::Symbol,
                _ if word.form.chars().any(mirsad_text::chars::is_digit) => TokenKind::Number,
                _ => TokenKind::Word,
            };
            let mut token = Token::new(
                offsets.to_char(span.start),
                offsets.to_char(span.end),
                word.form.as_str(),
                kind,
            );
            let some = |s: &str| (!s.is_empty() && s != "_").then(|| s.to_owned());
            token.lemma = some(&word.lemma);
            token.upos = some(&word.upos);
            token.feats = some(&word.feats);
            token.deprel = some(&word.deprel);
            token.head = word
                .head
                .map(|h| if h == 0 { -1 } else { base + h as i64 - 1 });
            out.push(token);
        }
    }
    out
}

impl Stage for MorphStage {
    fn name(&self) -> &'static str {
        "morph"
    }

    fn process(&self, doc: &mut Document) -> Result<(), StageError> {
        doc.tokens = Some(syntactic_words(&self.analyzer, &doc.text));
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use mirsad_core::Metadata;

    #[test]
    fn writes_syntactic_words_with_spans_inside_their_written_tokens() {
        let stage = MorphStage::with_embedded_model().unwrap();
        let text = "وقال الرئيس للصحفيين إن حكومته ستعقد اجتماعا.";
        let mut doc = Document::new(Metadata::default(), text.to_owned(), "ar");
        stage.process(&mut doc).unwrap();
        let tokens = doc.tokens.unwrap();
        let forms: Vec<&str> = tokens.iter().map(|t| t.form.as_str()).collect();
        assert_eq!(&forms[..2], ["و", "قال"], "{forms:?}");
        assert!(forms.contains(&"الصحفيين"), "{forms:?}");
        assert!(forms.contains(&"حكومة"), "{forms:?}");
        let chars: Vec<char> = text.chars().collect();
        for t in &tokens {
            assert!(t.start < t.end && t.end <= chars.len(), "{t:?}");
            assert!(t.upos.is_some(), "{t:?}");
            assert!(t.lemma.is_some(), "{t:?}");
        }
        // Spans stay inside their written token and in order.
        assert!(tokens.windows(2).all(|w| w[0].end <= w[1].start));
        let span = |t: &Token| chars[t.start..t.end].iter().collect::<String>();
        assert_eq!(span(&tokens[0]), "و");
        assert_eq!(span(&tokens[1]), "قال");
        let upos_of = |form: &str| {
            tokens
                .iter()
                .find(|t| t.form == form)
                .and_then(|t| t.upos.clone())
        };
        assert_eq!(upos_of("و").as_deref(), Some("CCONJ"));
        assert_eq!(upos_of(".").as_deref(), Some("PUNCT"));
    }
}
