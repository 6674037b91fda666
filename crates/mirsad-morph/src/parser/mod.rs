//! Dependency parser: greedy arc-hybrid transitions scored by an averaged perceptron, trained with
//! a dynamic oracle and error exploration (Goldberg & Nivre 2012, 2013). It reads FORM, LEMMA,
//! UPOS, XPOS and FEATS and fills HEAD and DEPREL; the output is always one projective tree with a
//! single word attached to the root.

mod features;
mod perceptron;
mod state;

use std::io::{Read, Write};

use crate::conllu::Sentence;
use perceptron::{TrainingWeights, Weights};
use state::{class_label, class_move, left_class, right_class, Move, State, NONE};

#[derive(Debug, thiserror::Error)]
pub enum ParserError {
    #[error("parser model: cannot read: {0}")]
    Io(#[from] std::io::Error),
    #[error("parser model: byte {offset}: {message}")]
    Format { offset: usize, message: String },
}

#[derive(Debug, Clone)]
pub struct ParserOptions {
    /// Passes over the training data.
    pub epochs: usize,
    /// Seeds the shuffling and the exploration: the same seed and data give the same model.
    pub seed: u64,
    /// From this epoch on (0-based), training follows the model's own wrong moves with
    /// `explore_probability` so that it learns to recover from them.
    pub explore_from_epoch: usize,
    pub explore_probability: f64,
    /// Averaged weights smaller than this in magnitude are dropped: on PADT, 1.0 halves the
    /// model and speeds parsing without a measurable loss.
    pub min_weight: f32,
}

impl Default for ParserOptions {
    fn default() -> Self {
        ParserOptions {
            epochs: 10,
            seed: 1,
            explore_from_epoch: 1,
            explore_probability: 0.9,
            min_weight: 1.0,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Parser {
    labels: Vec<String>,
    root_label: usize,
    weights: Weights,
}

const MAGIC: &[u8] = b"mirsad-parser 1\n";
/// Trained on the train split of PADT converted to UD v2 (see MODEL_CARD.md, section Parser).
const DEFAULT_MODEL: &[u8] = include_bytes!("../../model/parser.bin.gz");
const ROOT: &str = "root";

/// Seeded generator for shuffling and exploration (splitmix64): tiny and stable across versions.
struct SplitMix(u64);

impl SplitMix {
    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = (self.next_u64() % (i as u64 + 1)) as usize;
            items.swap(i, j);
        }
    }
}

/// A training sentence reduced to what the oracle needs.
struct GoldTree {
    heads: Vec<usize>,
    labels: Vec<usize>,
}

/// Gold heads and labels of `sentence`, or None unless it is a complete single-rooted tree.
fn gold_tree(sentence: &Sentence, labels: &[String]) -> Option<GoldTree> {
    let n = sentence.words.len();
    let mut heads = vec![NONE; n + 1];
    let mut label_ids = vec![NONE; n + 1];
    let mut roots = 0;
    for (i, word) in sentence.words.iter().enumerate() {
        let head = word.head.filter(|&h| h <= n && h != i + 1)?;
        roots += usize::from(head == 0);
        heads[i + 1] = head;
        label_ids[i + 1] = labels.iter().position(|l| *l == word.deprel)?;
    }
    // Reject cycles: every word must reach the root.
    for start in 1..=n {
        let (mut node, mut steps) = (start, 0);
        while node != 0 {
            node = heads[node];
            steps += 1;
            if steps > n {
                return None;
            }
        }
    }
    (roots == 1 && n > 0).then_some(GoldTree {
        heads,
        labels: label_ids,
    })
}

impl Parser {
    /// Trains a parser on sentences with gold HEAD and DEPREL; sentences that are not complete
    /// single-rooted trees are skipped.
    pub fn train(sentences: &[Sentence], options: &ParserOptions) -> Parser {
        Self::train_with_progress(sentences, options, |_, _| {})
    }

    /// As [`Parser::train`], calling `after_epoch(epoch, parser)` with the averaged model after
    /// each pass (to follow dev scores while choosing the number of epochs).
    pub fn train_with_progress(
        sentences: &[Sentence],
        options: &ParserOptions,
        mut after_epoch: impl FnMut(usize, &Parser),
    ) -> Parser {
        let mut labels: Vec<String> = sentences
            .iter()
            .flat_map(|s| s.words.iter().map(|w| w.deprel.clone()))
            .filter(|l| !l.is_empty())
            .chain([ROOT.to_owned()])
            .collect();
        labels.sort();
        labels.dedup();
        let root_label = labels.iter().position(|l| l == ROOT).unwrap_or(0);
        let class_count = 1 + 2 * labels.len();
        let trees: Vec<(usize, GoldTree)> = sentences
            .iter()
            .enumerate()
            .filter_map(|(i, s)| gold_tree(s, &labels).map(|tree| (i, tree)))
            .collect();
        let atoms: Vec<Vec<features::Atoms>> = trees
            .iter()
            .map(|(i, _)| features::sentence_atoms(&sentences[*i]))
            .collect();

        let mut rng = SplitMix(options.seed);
        let mut weights = TrainingWeights::default();
        let mut order: Vec<usize> = (0..trees.len()).collect();
        let mut feature_buffer = Vec::new();
        let mut scores = vec![0f32; class_count];
        let mut costs = vec![u32::MAX; class_count];
        let mut parser = Parser {
            labels: labels.clone(),
            root_label,
            weights: Weights::default(),
        };
        for epoch in 0..options.epochs {
            rng.shuffle(&mut order);
            let explore = epoch >= options.explore_from_epoch;
            for &index in &order {
                let gold = &trees[index].1;
                let mut state = State::new(gold.heads.len() - 1);
                while !state.is_terminal() {
                    features::extract(&state, &atoms[index], &mut feature_buffer);
                    weights.score(&feature_buffer, &mut scores);
                    class_costs(&state, gold, root_label, &mut costs);
                    let min_cost = *costs.iter().min().expect("classes exist");
                    let predicted = best_class(&scores, |c| costs[c] != u32::MAX);
                    let best_gold = best_class(&scores, |c| costs[c] == min_cost);
                    weights.tick();
                    let next = if costs[predicted] == min_cost {
                        predicted
                    } else {
                        weights.update(&feature_buffer, best_gold, predicted);
                        if explore && rng.unit() < options.explore_probability {
                            predicted
                        } else {
                            best_gold
                        }
                    };
                    state.apply(next);
                }
            }
            parser.weights = weights.averaged().pruned(options.min_weight);
            after_epoch(epoch, &parser);
        }
        if options.epochs == 0 {
            parser.weights = weights.averaged().pruned(options.min_weight);
        }
        parser
    }

    /// The parser shipped with the crate (UD v2 labels, trained on gold and jackknifed tags).
    pub fn load_default() -> Result<Parser, ParserError> {
        Parser::load(DEFAULT_MODEL)
    }

    /// Fills HEAD and DEPREL of every word of `sentence` (other columns are read, not changed).
    pub fn parse(&self, sentence: &mut Sentence) {
        let atoms = features::sentence_atoms(sentence);
        let mut state = State::new(sentence.words.len());
        let class_count = 1 + 2 * self.labels.len();
        let mut feature_buffer = Vec::new();
        let mut scores = vec![0f32; class_count];
        while !state.is_terminal() {
            features::extract(&state, &atoms, &mut feature_buffer);
            self.weights.score(&feature_buffer, &mut scores);
            let class = best_class(&scores, |c| state.is_legal(c, self.root_label));
            state.apply(class);
        }
        for (i, word) in sentence.words.iter_mut().enumerate() {
            word.head = Some(state.heads[i + 1]);
            word.deprel = self.labels[state.labels[i + 1]].clone();
        }
    }

    /// The dependency labels the parser can assign.
    pub fn labels(&self) -> &[String] {
        &self.labels
    }

    /// Number of hashed features with a non-zero weight, and of (feature, class) weights.
    pub fn size(&self) -> (usize, usize) {
        (self.weights.feature_count(), self.weights.entry_count())
    }

    /// Drops weights smaller than `min_weight` in magnitude: a smaller, faster model.
    pub fn prune(&mut self, min_weight: f32) {
        self.weights = self.weights.pruned(min_weight);
    }

    /// The model as gzip-compressed bytes, loadable by [`Parser::load`].
    pub fn save(&self) -> Vec<u8> {
        let mut raw = Vec::with_capacity(16 * self.weights.entry_count());
        raw.extend_from_slice(MAGIC);
        raw.extend_from_slice(&(self.labels.len() as u32).to_le_bytes());
        for label in &self.labels {
            raw.extend_from_slice(&(label.len() as u32).to_le_bytes());
            raw.extend_from_slice(label.as_bytes());
        }
        raw.extend_from_slice(&(self.weights.feature_count() as u64).to_le_bytes());
        for (key, entries) in self.weights.rows() {
            raw.extend_from_slice(&key.to_le_bytes());
            raw.extend_from_slice(&(entries.len() as u16).to_le_bytes());
            for (class, weight) in entries {
                raw.extend_from_slice(&class.to_le_bytes());
                raw.extend_from_slice(&weight.to_le_bytes());
            }
        }
        let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        encoder
            .write_all(&raw)
            .and_then(|()| encoder.finish())
            .expect("writing to memory cannot fail")
    }

    /// Reads a model written by [`Parser::save`].
    pub fn load(gzip_bytes: &[u8]) -> Result<Parser, ParserError> {
        let mut raw = Vec::new();
        flate2::read::GzDecoder::new(gzip_bytes).read_to_end(&mut raw)?;
        let mut reader = ByteReader {
            bytes: &raw,
            offset: 0,
        };
        if reader.take(MAGIC.len())? != MAGIC {
            return Err(reader.error("not a mirsad parser model"));
        }
        let label_count = reader.u32()? as usize;
        let mut labels = Vec::new();
        for _ in 0..label_count {
            let len = reader.u32()? as usize;
            let label = std::str::from_utf8(reader.take(len)?)
                .map_err(|_| reader.error("label is not UTF-8"))?;
            labels.push(label.to_owned());
        }
        let root_label = labels
            .iter()
            .position(|l| l == ROOT)
            .ok_or_else(|| reader.error("no root label"))?;
        let class_count = 1 + 2 * labels.len();
        let feature_count = reader.u64()?;
        let mut weights = Weights::default();
        let mut entries = Vec::new();
        for _ in 0..feature_count {
            let key = reader.u64()?;
            let len = reader.u16()?;
            entries.clear();
            for _ in 0..len {
                let class = reader.u16()?;
                if usize::from(class) >= class_count {
                    return Err(reader.error("class out of range"));
                }
                entries.push((class, f32::from_le_bytes(reader.array()?)));
            }
            weights.push_row(key, &entries);
        }
        if reader.offset != raw.len() {
            return Err(reader.error("trailing bytes"));
        }
        Ok(Parser {
            labels,
            root_label,
            weights,
        })
    }
}

/// Jackknifing: `sentences` with tags predicted by a tagger that never saw them, so that the
/// parser trains on tags as noisy as those it will be given. The sentences are cut into `folds`
/// contiguous blocks (neighbouring sentences share documents); for each block,
/// `retag(others, block)` must train a tagger on `others` and overwrite the LEMMA, UPOS, XPOS and
/// FEATS of `block`. HEAD and DEPREL are restored from the input afterwards.
pub fn jackknife(
    sentences: &[Sentence],
    folds: usize,
    mut retag: impl FnMut(&[Sentence], &mut [Sentence]),
) -> Vec<Sentence> {
    let folds = folds.clamp(1, sentences.len().max(1));
    let mut out = sentences.to_vec();
    if folds < 2 {
        return out;
    }
    for fold in 0..folds {
        let (start, end) = (
            fold * sentences.len() / folds,
            (fold + 1) * sentences.len() / folds,
        );
        let others: Vec<Sentence> = sentences[..start]
            .iter()
            .chain(&sentences[end..])
            .cloned()
            .collect();
        retag(&others, &mut out[start..end]);
    }
    for (retagged, gold) in out.iter_mut().zip(sentences) {
        for (word, gold_word) in retagged.words.iter_mut().zip(&gold.words) {
            word.head = gold_word.head;
            word.deprel.clone_from(&gold_word.deprel);
        }
    }
    out
}

/// Cost of every class in `state` (u32::MAX for illegal ones): gold arcs lost, plus one for a
/// gold arc built with the wrong label.
fn class_costs(state: &State, gold: &GoldTree, root_label: usize, costs: &mut [u32]) {
    let move_costs = state.move_costs(&gold.heads);
    let s0 = state.stack_at(0);
    let s1 = state.stack_at(1);
    let b0 = state.buffer_at(0);
    for (class, cost) in costs.iter_mut().enumerate() {
        if !state.is_legal(class, root_label) {
            *cost = u32::MAX;
            continue;
        }
        *cost = match class_move(class) {
            Move::Shift => move_costs[0],
            Move::Left => {
                let wrong_label = gold.heads[s0] == b0 && gold.labels[s0] != class_label(class);
                move_costs[1] + u32::from(wrong_label)
            }
            Move::Right => {
                let wrong_label = gold.heads[s0] == s1 && gold.labels[s0] != class_label(class);
                move_costs[2] + u32::from(wrong_label)
            }
        };
    }
    debug_assert!(costs.len() > right_class(root_label) && left_class(0) == 1);
}

/// The highest-scoring class allowed by `allowed` (the lowest index on ties).
fn best_class(scores: &[f32], allowed: impl Fn(usize) -> bool) -> usize {
    let mut best = NONE;
    let mut best_score = f32::NEG_INFINITY;
    for (class, &score) in scores.iter().enumerate() {
        if (best == NONE || score > best_score) && allowed(class) {
            best = class;
            best_score = score;
        }
    }
    debug_assert!(best != NONE, "a non-terminal state always has a legal move");
    best
}

struct ByteReader<'a> {
    bytes: &'a [u8],
    offset: usize,
}

impl<'a> ByteReader<'a> {
    fn error(&self, message: &str) -> ParserError {
        ParserError::Format {
            offset: self.offset,
            message: message.to_owned(),
        }
    }

    fn take(&mut self, len: usize) -> Result<&'a [u8], ParserError> {
        let end = self
            .offset
            .checked_add(len)
            .filter(|&end| end <= self.bytes.len())
            .ok_or_else(|| self.error("truncated"))?;
        let slice = &self.bytes[self.offset..end];
        self.offset = end;
        Ok(slice)
    }

    fn array<const N: usize>(&mut self) -> Result<[u8; N], ParserError> {
        Ok(self.take(N)?.try_into().expect("take returns N bytes"))
    }

    fn u16(&mut self) -> Result<u16, ParserError> {
        Ok(u16::from_le_bytes(self.array()?))
    }

    fn u32(&mut self) -> Result<u32, ParserError> {
        Ok(u32::from_le_bytes(self.array()?))
    }

    fn u64(&mut self) -> Result<u64, ParserError> {
        Ok(u64::from_le_bytes(self.array()?))
    }
}

/// Unlabelled and labelled attachment scores of `predicted` against `gold` (same words in the
/// same order). Labels are compared without subtypes and punctuation counts, as in the CoNLL 2018
/// shared task.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct AttachmentScores {
    pub words: usize,
    pub uas: f64,
    pub las: f64,
}

pub fn attachment_scores(gold: &[Sentence], predicted: &[Sentence]) -> AttachmentScores {
    let universal = |label: &str| label.split(':').next().unwrap_or("").to_owned();
    let (mut words, mut heads, mut labelled) = (0usize, 0usize, 0usize);
    for (g, p) in gold.iter().zip(predicted) {
        for (gw, pw) in g.words.iter().zip(&p.words) {
            words += 1;
            if gw.head == pw.head {
                heads += 1;
                labelled += usize::from(universal(&gw.deprel) == universal(&pw.deprel));
            }
        }
    }
    let ratio = |n: usize| {
        if words == 0 {
            0.0
        } else {
            n as f64 / words as f64
        }
    };
    AttachmentScores {
        words,
        uas: ratio(heads),
        las: ratio(labelled),
    }
}
