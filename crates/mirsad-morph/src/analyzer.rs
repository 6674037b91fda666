//! Raw Arabic text → CoNLL-U: sentences and written tokens (mirsad-text's splitter and
//! tokenizer, adapted to the treebank's conventions), clitic segmentation, tags, lemmas and, when
//! a parser is present, heads and relations.

use crate::conllu::{MultiwordToken, Sentence, Word};
use crate::lemma::{Lemmatizer, LemmatizerOptions};
use crate::parser::{Parser, ParserOptions};
use crate::perceptron::ModelError;
use crate::segment::{Segmenter, SegmenterOptions};
use crate::tagger::{TagInput, Tagger, TaggerOptions};
use mirsad_core::TokenKind;
use std::ops::Range;
use std::path::Path;

pub const SEGMENTER_FILE: &str = "segmenter.bin.gz";
pub const TAGGER_FILE: &str = "tagger.bin.gz";
pub const LEMMATIZER_FILE: &str = "lemmatizer.bin.gz";
pub const PARSER_FILE: &str = "parser.bin.gz";

/// The trained models of the morphosyntactic pipeline.
#[derive(Debug, Clone)]
pub struct Analyzer {
    pub segmenter: Segmenter,
    pub tagger: Tagger,
    pub lemmatizer: Lemmatizer,
    /// Without a parser HEAD and DEPREL stay empty.
    pub parser: Option<Parser>,
}

/// A sentence of analysed text with where its pieces are in that text.
#[derive(Debug, Clone)]
pub struct AnalyzedSentence {
    pub sentence: Sentence,
    /// Byte range of each syntactic word in the analysed text (a clitic's range is its letters
    /// inside the written token), parallel to `sentence.words`.
    pub word_spans: Vec<Range<usize>>,
}

#[derive(Debug, Clone, Default)]
pub struct TrainOptions {
    pub segmenter: SegmenterOptions,
    pub tagger: TaggerOptions,
    pub lemmatizer: LemmatizerOptions,
    /// `None`: no parser is trained.
    pub parser: Option<ParserOptions>,
}

impl TrainOptions {
    /// The defaults with every component's seed derived from one.
    pub fn seeded(seed: u64) -> Self {
        let mut o = TrainOptions::default();
        o.segmenter.seed = seed;
        o.tagger.seed = seed.wrapping_add(1);
        o.lemmatizer.seed = seed.wrapping_add(2);
        o.parser = Some(ParserOptions {
            seed: seed.wrapping_add(3),
            ..ParserOptions::default()
        });
        o
    }
}

impl Analyzer {
    pub fn train(train: &[Sentence], opts: &TrainOptions) -> Analyzer {
        Analyzer {
            segmenter: Segmenter::train(train, &opts.segmenter),
            tagger: Tagger::train(train, &opts.tagger),
            lemmatizer: Lemmatizer::train(train, &opts.lemmatizer),
            parser: opts.parser.as_ref().map(|p| Parser::train(train, p)),
        }
    }

    /// Writes the three model files into `dir`.
    pub fn save(&self, dir: &Path) -> std::io::Result<()> {
        std::fs::create_dir_all(dir)?;
        std::fs::write(dir.join(SEGMENTER_FILE), self.segmenter.to_bytes())?;
        std::fs::write(dir.join(TAGGER_FILE), self.tagger.to_bytes())?;
        std::fs::write(dir.join(LEMMATIZER_FILE), self.lemmatizer.to_bytes())?;
        if let Some(parser) = &self.parser {
            std::fs::write(dir.join(PARSER_FILE), parser.save())?;
        }
        Ok(())
    }

    /// Reads the model files that [`Analyzer::save`] wrote (the parser only when its file is
    /// there).
    pub fn load(dir: &Path) -> Result<Analyzer, ModelError> {
        let read = |name: &str, model: &'static str| {
            std::fs::read(dir.join(name)).map_err(|source| ModelError::Io { model, source })
        };
        let parser = if dir.join(PARSER_FILE).exists() {
            Some(Parser::load(&read(PARSER_FILE, "parser")?)?)
        } else {
            None
        };
        Ok(Analyzer {
            segmenter: Segmenter::from_bytes(&read(SEGMENTER_FILE, "segmenter")?)?,
            tagger: Tagger::from_bytes(&read(TAGGER_FILE, "tagger")?)?,
            lemmatizer: Lemmatizer::from_bytes(&read(LEMMATIZER_FILE, "lemmatizer")?)?,
            parser,
        })
    }

    /// The models trained on our PADT train split, built into the binary (see MODEL_CARD.md).
    pub fn embedded() -> Result<Analyzer, ModelError> {
        Ok(Analyzer {
            segmenter: Segmenter::from_bytes(include_bytes!("../model/segmenter.bin.gz"))?,
            tagger: Tagger::from_bytes(include_bytes!("../model/tagger.bin.gz"))?,
            lemmatizer: Lemmatizer::from_bytes(include_bytes!("../model/lemmatizer.bin.gz"))?,
            parser: Some(Parser::load_default()?),
        })
    }

    /// Raw text → analysed sentences, with `# sent_id` 1, 2, …
    pub fn analyze_text(&self, text: &str) -> Vec<AnalyzedSentence> {
        let tokens = ud_tokens(text);
        let mut out = Vec::new();
        let mut next = 0;
        for sentence in mirsad_text::split_sentences(text) {
            let start = next;
            while next < tokens.len() && tokens[next].start < sentence.end {
                next += 1;
            }
            if next > start {
                out.push(self.analyze_tokens(text, &tokens[start..next]));
            }
        }
        for (i, s) in out.iter_mut().enumerate() {
            s.sentence
                .comments
                .insert(0, format!("sent_id = {}", i + 1));
        }
        out
    }

    /// One sentence from its written tokens (byte ranges into `text`): segmentation, tags,
    /// lemmas. `# text` is the text from the first token to the last, on one line.
    pub fn analyze_tokens(&self, text: &str, tokens: &[Range<usize>]) -> AnalyzedSentence {
        let forms: Vec<&str> = tokens.iter().map(|r| &text[r.clone()]).collect();
        let segmented = self.segmenter.segment(&forms);
        let mut sentence = Sentence::default();
        if let (Some(first), Some(last)) = (tokens.first(), tokens.last()) {
            let line: String = text[first.start..last.end]
                .chars()
                .map(|c| if c == '\n' || c == '\r' { ' ' } else { c })
                .collect();
            sentence.comments.push(format!("text = {line}"));
        }
        let mut word_spans = Vec::new();
        for (k, (range, words)) in tokens.iter().zip(segmented).enumerate() {
            let space_after = tokens.get(k + 1).is_none_or(|next| next.start > range.end);
            let misc = if space_after { "" } else { "SpaceAfter=No" };
            let first = sentence.words.len() + 1;
            let spans = clitic_spans(text, range.clone(), &words);
            let n = words.len();
            for (form, span) in words.into_iter().zip(spans) {
                sentence.words.push(Word {
                    id: sentence.words.len() + 1,
                    form,
                    ..Word::default()
                });
                word_spans.push(span);
            }
            if n > 1 {
                sentence.multiword_tokens.push(MultiwordToken {
                    first,
                    last: first + n - 1,
                    form: forms[k].to_owned(),
                    misc: misc.to_owned(),
                });
            } else if let Some(w) = sentence.words.last_mut() {
                w.misc = misc.to_owned();
            }
        }
        self.tag(&mut sentence);
        AnalyzedSentence {
            sentence,
            word_spans,
        }
    }

    /// Fills UPOS, XPOS, FEATS, LEMMA and (with a parser) HEAD and DEPREL of the words of a
    /// segmented sentence.
    pub fn tag(&self, sentence: &mut Sentence) {
        let tags = self.tagger.tag(&crate::tagger::inputs(sentence));
        for (w, tag) in sentence.words.iter_mut().zip(tags) {
            w.lemma = self.lemmatizer.lemma(&w.form, &tag);
            w.upos = tag.upos;
            w.xpos = tag.xpos;
            w.feats = tag.feats;
        }
        if let Some(parser) = &self.parser {
            if !sentence.words.is_empty() {
                parser.parse(sentence);
            }
        }
    }

    /// Re-analyses a sentence from its gold written tokens (keeping `# text`, comments and
    /// spacing): segmentation and everything after it are predicted.
    pub fn analyze_gold_tokens(&self, gold: &Sentence) -> Sentence {
        let mut text = String::new();
        let mut ranges = Vec::new();
        for t in gold.surface_tokens() {
            let start = text.len();
            text.push_str(t.form);
            ranges.push(start..text.len());
            if !Sentence::no_space_after(t.misc) {
                text.push(' ');
            }
        }
        let mut out = self.analyze_tokens(&text, &ranges).sentence;
        out.comments = gold.comments.clone();
        out
    }
}

/// Inputs for the tagger of a sentence that is segmented but not yet tagged.
pub fn tag_inputs(sentence: &Sentence) -> Vec<TagInput<'_>> {
    crate::tagger::inputs(sentence)
}

/// Written tokens of raw text as the treebank counts them: mirsad-text's tokens, with numeric
/// dates split into numbers and separators (`١٥-٧` → `١٥` `-` `٧`) and a percent sign apart from
/// its number.
pub fn ud_tokens(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    for t in mirsad_text::tokenize(text) {
        let s = &text[t.start..t.end];
        match t.kind {
            TokenKind::Date => split_digit_runs(text, t.start..t.end, &mut out),
            TokenKind::Number => {
                let trimmed = s.trim_end_matches(['%', '٪']);
                if trimmed.is_empty() || trimmed.len() == s.len() {
                    out.push(t.start..t.end);
                } else {
                    let cut = t.start + trimmed.len();
                    out.push(t.start..cut);
                    for (i, c) in text[cut..t.end].char_indices() {
                        out.push(cut + i..cut + i + c.len_utf8());
                    }
                }
            }
            // PADT writes an ellipsis as separate full stops
            _ if s.len() > 1 && s.chars().all(|c| c == '.') => {
                out.extend((t.start..t.end).map(|i| i..i + 1));
            }
            _ => out.push(t.start..t.end),
        }
    }
    join_proclitics_to_numbers(text, out)
}

/// Arabic writes a one-letter proclitic on a number with no space (و٣٩، ب١٥٩، ل٦): one written
/// token, which the segmenter then splits, as PADT's tokens are.
fn join_proclitics_to_numbers(text: &str, tokens: Vec<Range<usize>>) -> Vec<Range<usize>> {
    let mut out: Vec<Range<usize>> = Vec::with_capacity(tokens.len());
    for token in tokens {
        if let Some(previous) = out.last_mut() {
            let joins = previous.end == token.start
                && matches!(&text[previous.clone()], "و" | "ف" | "ب" | "ل" | "ك")
                && text[token.clone()]
                    .chars()
                    .next()
                    .is_some_and(mirsad_text::chars::is_digit);
            if joins {
                previous.end = token.end;
                continue;
            }
        }
        out.push(token);
    }
    out
}

fn split_digit_runs(text: &str, range: Range<usize>, out: &mut Vec<Range<usize>>) {
    let mut run_start: Option<usize> = None;
    for (i, c) in text[range.clone()].char_indices() {
        let at = range.start + i;
        if mirsad_text::chars::is_digit(c) {
            run_start.get_or_insert(at);
        } else {
            if let Some(s) = run_start.take() {
                out.push(s..at);
            }
            out.push(at..at + c.len_utf8());
        }
    }
    if let Some(s) = run_start {
        out.push(s..range.end);
    }
}

/// Byte ranges of the words of a written token inside it: clitics before the stem take their
/// own number of letters from the front, clitics after it from the back, and the stem what is
/// left (at least one letter), so that `للحظر` gives `ل` its first letter and `الحظر` the rest.
fn clitic_spans(text: &str, token: Range<usize>, words: &[String]) -> Vec<Range<usize>> {
    if words.len() <= 1 {
        return vec![token; words.len()];
    }
    let bounds: Vec<usize> = text[token.clone()]
        .char_indices()
        .map(|(i, _)| token.start + i)
        .chain(std::iter::once(token.end))
        .collect();
    let letters = bounds.len() - 1;
    let lens: Vec<usize> = words.iter().map(|w| w.chars().count().max(1)).collect();
    let stem = (0..words.len()).rev().max_by_key(|&i| lens[i]).unwrap_or(0);
    // Char positions where each word starts; the stem keeps at least one letter.
    let mut starts = vec![0usize; words.len() + 1];
    starts[words.len()] = letters;
    let mut at = 0;
    for i in 0..stem {
        starts[i] = at;
        at = (at + lens[i]).min(letters.saturating_sub(words.len() - i - 1));
    }
    starts[stem] = at;
    let mut end = letters;
    for i in (stem + 1..words.len()).rev() {
        end = end.saturating_sub(lens[i]).max(at + 1).min(end);
        starts[i] = end;
    }
    (0..words.len())
        .map(|i| bounds[starts[i].min(letters)]..bounds[starts[i + 1].min(letters)])
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ud_tokens_split_dates_and_percent_signs() {
        let text = "بغداد ١٥-٧ (اف ب) ارتفع 3.5% أمس.";
        let forms: Vec<&str> = ud_tokens(text).into_iter().map(|r| &text[r]).collect();
        assert_eq!(
            forms,
            [
                "بغداد",
                "١٥",
                "-",
                "٧",
                "(",
                "اف",
                "ب",
                ")",
                "ارتفع",
                "3.5",
                "%",
                "أمس",
                "."
            ]
        );
    }

    #[test]
    fn ud_tokens_keep_proclitics_on_numbers_and_split_ellipses() {
        let text = "قتل و٣٩ جريحا ب١٥٩ صاروخا... ثم";
        let forms: Vec<&str> = ud_tokens(text).into_iter().map(|r| &text[r]).collect();
        assert_eq!(
            forms,
            ["قتل", "و٣٩", "جريحا", "ب١٥٩", "صاروخا", ".", ".", ".", "ثم"]
        );
    }

    #[test]
    fn clitic_spans_cover_the_token_in_order() {
        let text = "للحظر";
        let words = ["ل".to_owned(), "الحظر".to_owned()];
        let spans = clitic_spans(text, 0..text.len(), &words);
        let pieces: Vec<&str> = spans.iter().map(|r| &text[r.clone()]).collect();
        assert_eq!(pieces, ["ل", "لحظر"]);
        let text = "وحكومته";
        let words = ["و".to_owned(), "حكومة".to_owned(), "ه".to_owned()];
        let spans = clitic_spans(text, 0..text.len(), &words);
        let pieces: Vec<&str> = spans.iter().map(|r| &text[r.clone()]).collect();
        assert_eq!(pieces, ["و", "حكومت", "ه"]);
    }
}
