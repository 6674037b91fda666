//! The per-document working view: matching-normalised text, word tokens with original char
//! offsets, sentence and clause boundaries, and the entity covering each token.
//!
//! The stage tokenises on its own (letters and digits runs of the normalised view) instead of
//! requiring `doc.tokens`: the tokenizer lands later and the lexicon strips clitics itself, so the
//! stage works on any document. `doc.sentences` is used when present.

use mirsad_core::{CharOffsets, Document};
use mirsad_text::{normalize, NormalizeOptions};

/// Boundary before a token.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Brk {
    None,
    Comma,
    /// ; : ( ) quotes, dashes: ends a clause.
    Clause,
    /// Ends a sentence.
    Sentence,
}

#[derive(Debug, Clone)]
pub struct Tok {
    /// Byte range in the normalised view.
    pub vs: usize,
    pub ve: usize,
    /// Code-point range in the original text.
    pub cs: usize,
    pub ce: usize,
    /// Byte range in the original text.
    pub bs: usize,
    pub be: usize,
    pub brk: Brk,
    pub sent: usize,
    /// Index into `doc.entities` of an entity overlapping this token.
    pub ent: Option<usize>,
    /// The original word ends in ة (so it is a noun, whatever the folded form looks like).
    pub ends_with_ta: bool,
}

pub struct View {
    pub norm: String,
    pub toks: Vec<Tok>,
    /// Token ranges of sentences.
    pub sents: Vec<(usize, usize)>,
    /// Char spans of sentences (for evidence).
    pub sent_spans: Vec<(usize, usize)>,
    pub offs: CharOffsets,
}

#[inline]
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

impl View {
    pub fn tok(&self, i: usize) -> &str {
        let t = &self.toks[i];
        &self.norm[t.vs..t.ve]
    }

    pub fn build(doc: &Document) -> View {
        let text = doc.text.as_str();
        let view = normalize(text, &NormalizeOptions::matching());
        let offs = CharOffsets::new(text);
        let mut toks: Vec<Tok> = Vec::with_capacity(view.text.len() / 5);
        let mut gap_brk = Brk::None;
        let mut start: Option<usize> = None;
        let vt = view.text.as_str();
        let mut prev_digit_dot = false;
        let mut iter = vt.char_indices().peekable();
        while let Some((i, c)) = iter.next() {
            if is_word_char(c) {
                if start.is_none() {
                    start = Some(i);
                }
                continue;
            }
            if let Some(s) = start.take() {
                push_tok(&mut toks, &view, &offs, s, i, gap_brk);
                gap_brk = Brk::None;
                prev_digit_dot = vt[s..i].chars().all(|c| c.is_ascii_digit());
            }
            let b = match c {
                '.' => {
                    let next_digit = iter.peek().is_some_and(|(_, n)| n.is_ascii_digit());
                    if prev_digit_dot && next_digit {
                        Brk::None
                    } else {
                        Brk::Sentence
                    }
                }
                '!' | '?' | '\n' => Brk::Sentence,
                ';' | ':' | '(' | ')' | '"' | '«' | '»' | '“' | '”' | '[' | ']' | '–' | '—' => {
                    Brk::Clause
                }
                ',' => Brk::Comma,
                _ => Brk::None,
            };
            if b > gap_brk {
                gap_brk = b;
            }
        }
        if let Some(s) = start {
            push_tok(&mut toks, &view, &offs, s, vt.len(), gap_brk);
        }
        // sentences: doc.sentences when given, else the fallback boundaries
        let mut sents = Vec::new();
        let mut sent_spans = Vec::new();
        if !doc.sentences.is_empty() {
            let mut si = 0usize;
            for t in toks.iter_mut() {
                while si + 1 < doc.sentences.len() && t.cs >= doc.sentences[si].end {
                    si += 1;
                }
                t.sent = si;
            }
            let mut i = 0;
            while i < toks.len() {
                let s = toks[i].sent;
                let j = (i..toks.len())
                    .find(|&k| toks[k].sent != s)
                    .unwrap_or(toks.len());
                if let Some(t) = toks.get_mut(i) {
                    t.brk = Brk::Sentence;
                }
                sents.push((i, j));
                let sp = &doc.sentences[s];
                sent_spans.push((sp.start, sp.end));
                i = j;
            }
            for (k, (a, b)) in sents.iter().enumerate() {
                for t in &mut toks[*a..*b] {
                    t.sent = k;
                }
            }
        } else {
            let mut a = 0;
            for i in 0..=toks.len() {
                if i == toks.len() || (i > a && toks[i].brk == Brk::Sentence) {
                    if i > a {
                        sents.push((a, i));
                        sent_spans.push((toks[a].cs, toks[i - 1].ce));
                    }
                    a = i;
                }
            }
            for (k, (a, b)) in sents.iter().enumerate() {
                for t in &mut toks[*a..*b] {
                    t.sent = k;
                }
            }
        }
        // entities → tokens (entities sorted by start; both are in text order)
        let mut ents: Vec<usize> = (0..doc.entities.len()).collect();
        ents.sort_by_key(|&e| doc.entities[e].start);
        let mut ti = 0;
        for e in ents {
            let en = &doc.entities[e];
            while ti < toks.len() && toks[ti].ce <= en.start {
                ti += 1;
            }
            let mut k = ti;
            while k < toks.len() && toks[k].cs < en.end {
                if toks[k].ent.is_none() {
                    toks[k].ent = Some(e);
                }
                k += 1;
            }
        }
        View {
            norm: view.text,
            toks,
            sents,
            sent_spans,
            offs,
        }
    }

    /// Index of the first token of the clause containing token `i` (within its sentence).
    pub fn clause_start(&self, i: usize) -> usize {
        let (s, _) = self.sents[self.toks[i].sent];
        let mut k = i;
        while k > s && self.toks[k].brk < Brk::Clause {
            k -= 1;
        }
        k
    }

    /// One past the last token of the clause containing token `i`.
    pub fn clause_end(&self, i: usize) -> usize {
        let (_, e) = self.sents[self.toks[i].sent];
        let mut k = i + 1;
        while k < e && self.toks[k].brk < Brk::Clause {
            k += 1;
        }
        k
    }
}

fn push_tok(
    toks: &mut Vec<Tok>,
    view: &mirsad_text::Normalized<'_>,
    offs: &CharOffsets,
    s: usize,
    e: usize,
    brk: Brk,
) {
    let r = view.original_range(s..e);
    toks.push(Tok {
        vs: s,
        ve: e,
        cs: offs.to_char(r.start),
        ce: offs.to_char(r.end),
        bs: r.start,
        be: r.end,
        brk,
        sent: 0,
        ent: None,
        ends_with_ta: view.original[r.start..r.end]
            .chars()
            .rev()
            .find(|c| !mirsad_text::normalize::is_tashkeel(*c))
            == Some('ة'),
    });
}
