//! Part-of-speech and morphological features: an averaged-perceptron tagger that predicts, for
//! each syntactic word, the whole PADT bundle UPOS + XPOS + FEATS as one tag.
//!
//! One tag rather than one classifier per feature: the PADT positional XPOS already encodes the
//! features, so the bundle has few distinct values (a few hundred) and predicting it whole keeps
//! UPOS, XPOS and FEATS consistent with each other. Candidates come from a tag dictionary (the
//! bundles a word was seen with), and for rare words from the bundles seen with its last letters;
//! decoding is greedy left to right with the previous two tags as features.

use crate::conllu::Sentence;
use crate::perceptron::{
    feature, ModelError, ModelReader, ModelWriter, SplitMix64, Trainer, Weights,
};
use crate::segment::{first_chars, last_chars};
use rustc_hash::FxHashMap;

/// A word to tag, with the written token it came from.
#[derive(Debug, Clone, Copy)]
pub struct TagInput<'a> {
    pub form: &'a str,
    /// The written token (the multiword token, or the word itself).
    pub token: &'a str,
    /// Position of the word inside its token: 0-based index and number of words.
    pub index_in_token: usize,
    pub words_in_token: usize,
}

/// The predicted bundle of one word.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tag {
    pub upos: String,
    pub xpos: String,
    pub feats: String,
}

#[derive(Debug, Clone)]
pub struct TaggerOptions {
    pub epochs: usize,
    pub seed: u64,
    /// Words seen at least this often are given only the tags they were seen with.
    pub min_dictionary_count: usize,
}

impl Default for TaggerOptions {
    fn default() -> Self {
        TaggerOptions {
            epochs: 10,
            seed: 0x7a9,
            min_dictionary_count: 3,
        }
    }
}

#[derive(Debug, Clone)]
pub struct Tagger {
    /// "UPOS\tXPOS\tFEATS" bundles.
    tags: Vec<String>,
    /// Word form → (count, tags seen with it).
    dictionary: FxHashMap<String, (u32, Vec<u32>)>,
    /// Last two letters → tags seen with words ending so (for rare and unseen words).
    by_ending: FxHashMap<String, Vec<u32>>,
    /// Every tag, for words that match nothing above.
    all_tags: Vec<u32>,
    min_dictionary_count: u32,
    weights: Weights,
}

const MAGIC: &[u8] = b"MIRSAD-TAG1";
const ENDING_CHARS: usize = 2;

fn bundle(upos: &str, xpos: &str, feats: &str) -> String {
    format!("{upos}\t{xpos}\t{feats}")
}

/// The tagger's inputs for every word of a sentence.
pub fn inputs(sentence: &Sentence) -> Vec<TagInput<'_>> {
    let mut out = Vec::with_capacity(sentence.words.len());
    for t in sentence.surface_tokens() {
        let n = t.last - t.first + 1;
        for (k, w) in sentence
            .words
            .iter()
            .filter(|w| w.id >= t.first && w.id <= t.last)
            .enumerate()
        {
            out.push(TagInput {
                form: &w.form,
                token: t.form,
                index_in_token: k,
                words_in_token: n,
            });
        }
    }
    out
}

impl Tagger {
    pub fn train(sentences: &[Sentence], opts: &TaggerOptions) -> Tagger {
        let mut tag_index: FxHashMap<String, u32> = FxHashMap::default();
        let mut tags = Vec::new();
        let mut dictionary: FxHashMap<String, (u32, Vec<u32>)> = FxHashMap::default();
        let mut by_ending: FxHashMap<String, Vec<u32>> = FxHashMap::default();
        let mut gold: Vec<Vec<u32>> = Vec::with_capacity(sentences.len());
        for s in sentences {
            let mut row = Vec::with_capacity(s.words.len());
            for w in &s.words {
                let b = bundle(&w.upos, &w.xpos, &w.feats);
                let id = *tag_index.entry(b.clone()).or_insert_with(|| {
                    tags.push(b);
                    (tags.len() - 1) as u32
                });
                row.push(id);
                let entry = dictionary.entry(w.form.clone()).or_default();
                entry.0 += 1;
                if !entry.1.contains(&id) {
                    entry.1.push(id);
                }
                let ending = by_ending
                    .entry(last_chars(&w.form, ENDING_CHARS).to_owned())
                    .or_default();
                if !ending.contains(&id) {
                    ending.push(id);
                }
            }
            gold.push(row);
        }
        for v in dictionary.values_mut() {
            v.1.sort_unstable();
        }
        for v in by_ending.values_mut() {
            v.sort_unstable();
        }
        let mut model = Tagger {
            all_tags: (0..tags.len() as u32).collect(),
            tags,
            dictionary,
            by_ending,
            min_dictionary_count: opts.min_dictionary_count as u32,
            weights: Weights::default(),
        };
        let mut trainer = Trainer::new();
        let mut order: Vec<usize> = (0..sentences.len()).collect();
        let mut rng = SplitMix64(opts.seed);
        let mut feats = Vec::new();
        let mut cands = Vec::new();
        for _ in 0..opts.epochs {
            rng.shuffle(&mut order);
            for &si in &order {
                let words = inputs(&sentences[si]);
                let mut history: Vec<u32> = Vec::with_capacity(words.len());
                for i in 0..words.len() {
                    let g = gold[si][i];
                    // A word seen once stands in for the unseen words of new text: no features
                    // of its own form, and the candidates an unseen word would get.
                    let hapax = model
                        .dictionary
                        .get(words[i].form)
                        .is_some_and(|e| e.0 == 1);
                    model.features(&words, i, &history, true, &mut feats);
                    if hapax {
                        model.unseen_candidates(words[i].form, &mut cands);
                    } else {
                        model.candidates(words[i].form, &mut cands);
                    }
                    if !cands.contains(&g) {
                        cands.push(g);
                    }
                    trainer.tick();
                    let guess = trainer.best(&feats, &cands).unwrap_or(g);
                    trainer.update(&feats, g, &feats, guess);
                    // Train on the model's own history, as it will see at test time.
                    history.push(guess);
                }
            }
        }
        model.weights = trainer.average();
        model
    }

    fn candidates(&self, form: &str, out: &mut Vec<u32>) {
        out.clear();
        if let Some((count, tags)) = self.dictionary.get(form) {
            out.extend_from_slice(tags);
            if *count >= self.min_dictionary_count {
                return;
            }
        }
        self.add_ending_candidates(form, out);
    }

    fn unseen_candidates(&self, form: &str, out: &mut Vec<u32>) {
        out.clear();
        self.add_ending_candidates(form, out);
    }

    fn add_ending_candidates(&self, form: &str, out: &mut Vec<u32>) {
        let extra = self
            .by_ending
            .get(last_chars(form, ENDING_CHARS))
            .unwrap_or(&self.all_tags);
        for &t in extra {
            if !out.contains(&t) {
                out.push(t);
            }
        }
    }

    fn features(
        &self,
        words: &[TagInput],
        i: usize,
        history: &[u32],
        with_form: bool,
        out: &mut Vec<u64>,
    ) {
        out.clear();
        let w = &words[i];
        let form = w.form;
        let at = |k: isize| -> &str {
            let j = i as isize + k;
            if j < 0 {
                "<s>"
            } else {
                words.get(j as usize).map_or("</s>", |w| w.form)
            }
        };
        let tag_at = |k: usize| -> &str {
            if i >= k {
                self.tags[history[i - k] as usize].as_str()
            } else {
                "<s>"
            }
        };
        let upos_of = |t: &'_ str| -> String { t.split('\t').next().unwrap_or("").to_owned() };
        let p1 = tag_at(1);
        let p2 = tag_at(2);
        let position = match (w.words_in_token, w.index_in_token) {
            (1, _) => "alone",
            (_, 0) => "first",
            (n, k) if k + 1 == n => "last",
            _ => "middle",
        };
        out.push(feature(0, &["bias"]));
        if with_form {
            out.push(feature(1, &[form]));
            out.push(feature(21, &[position, form]));
            out.push(feature(22, &[w.token]));
            out.push(feature(25, &[form, at(1)]));
        }
        for n in 1..=3 {
            out.push(feature(1 + n as u8, &[first_chars(form, n)]));
        }
        for n in 1..=4 {
            out.push(feature(4 + n as u8, &[last_chars(form, n)]));
        }
        out.push(feature(9, &[&form.chars().count().min(10).to_string()]));
        out.push(feature(10, &[shape(form)]));
        out.push(feature(11, &[at(-1)]));
        out.push(feature(12, &[at(1)]));
        out.push(feature(13, &[at(-2)]));
        out.push(feature(14, &[at(2)]));
        out.push(feature(15, &[last_chars(at(-1), 2)]));
        out.push(feature(16, &[last_chars(at(1), 2)]));
        out.push(feature(17, &[p1]));
        out.push(feature(18, &[p1, p2]));
        out.push(feature(19, &[&upos_of(p1), form]));
        out.push(feature(
            20,
            &[position, &w.words_in_token.min(4).to_string()],
        ));
        out.push(feature(23, &[&upos_of(p1), last_chars(form, 2)]));
        out.push(feature(24, &[first_chars(at(1), 2)]));
    }

    /// Tags the words of one sentence.
    pub fn tag(&self, words: &[TagInput]) -> Vec<Tag> {
        let mut history = Vec::with_capacity(words.len());
        let mut feats = Vec::new();
        let mut cands = Vec::new();
        for i in 0..words.len() {
            self.candidates(words[i].form, &mut cands);
            let best = if let [only] = cands[..] {
                only
            } else {
                self.features(words, i, &history, true, &mut feats);
                self.weights.best(&feats, &cands).unwrap_or(0)
            };
            history.push(best);
        }
        history
            .into_iter()
            .map(|t| {
                let mut parts = self.tags[t as usize].split('\t');
                let mut next = || parts.next().unwrap_or("").to_owned();
                Tag {
                    upos: next(),
                    xpos: next(),
                    feats: next(),
                }
            })
            .collect()
    }

    pub fn tag_count(&self) -> usize {
        self.tags.len()
    }

    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = ModelWriter::new(MAGIC);
        out.strs(&self.tags);
        out.u32(self.min_dictionary_count);
        let mut dict: Vec<(&String, &(u32, Vec<u32>))> = self.dictionary.iter().collect();
        dict.sort();
        out.u64(dict.len() as u64);
        for (form, (count, tags)) in dict {
            out.str(form);
            out.u32(*count);
            write_ids(&mut out, tags);
        }
        let mut endings: Vec<(&String, &Vec<u32>)> = self.by_ending.iter().collect();
        endings.sort();
        out.u64(endings.len() as u64);
        for (ending, tags) in endings {
            out.str(ending);
            write_ids(&mut out, tags);
        }
        self.weights.write(&mut out);
        out.finish()
    }

    pub fn from_bytes(gz: &[u8]) -> Result<Tagger, ModelError> {
        let mut r = ModelReader::open("tagger", gz, MAGIC)?;
        let tags = r.strs()?;
        let min_dictionary_count = r.u32()?;
        let n = r.len_prefix()?;
        let mut dictionary = FxHashMap::default();
        for _ in 0..n {
            let form = r.str()?;
            let count = r.u32()?;
            dictionary.insert(form, (count, read_ids(&mut r)?));
        }
        let n = r.len_prefix()?;
        let mut by_ending = FxHashMap::default();
        for _ in 0..n {
            let ending = r.str()?;
            by_ending.insert(ending, read_ids(&mut r)?);
        }
        let weights = Weights::read(&mut r)?;
        r.end()?;
        Ok(Tagger {
            all_tags: (0..tags.len() as u32).collect(),
            tags,
            dictionary,
            by_ending,
            min_dictionary_count,
            weights,
        })
    }
}

pub(crate) fn write_ids(out: &mut ModelWriter, ids: &[u32]) {
    out.u64(ids.len() as u64);
    for &id in ids {
        out.u32(id);
    }
}

pub(crate) fn read_ids(r: &mut ModelReader) -> Result<Vec<u32>, ModelError> {
    let n = r.len_prefix()?;
    (0..n).map(|_| r.u32()).collect()
}

fn shape(form: &str) -> &'static str {
    let mut digit = false;
    let mut arabic = false;
    let mut latin = false;
    let mut other = false;
    for c in form.chars() {
        if mirsad_text::chars::is_digit(c) {
            digit = true;
        } else if mirsad_text::chars::is_arabic_letter(c) {
            arabic = true;
        } else if c.is_alphabetic() {
            latin = true;
        } else {
            other = true;
        }
    }
    match (arabic, latin, digit, other) {
        (true, false, false, false) => "arabic",
        (false, true, false, false) => "latin",
        (false, false, true, false) => "digits",
        (false, false, true, true) => "number",
        (false, false, false, true) => "punct",
        _ => "mixed",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn learns_tags_from_context_and_round_trips() {
        let text = "\
1\tقال\tقال\tVERB\tVP-A-3MS--\tAspect=Perf\t0\troot\t_\t_
2\tالرئيس\tرئيس\tNOUN\tN------S1D\tCase=Nom\t1\tnsubj\t_\t_
3\t.\t.\tPUNCT\tG---------\t_\t1\tpunct\t_\t_

";
        let one = crate::conllu::parse(text, "tiny").unwrap();
        let sentences: Vec<Sentence> = (0..5).flat_map(|_| one.clone()).collect();
        let tagger = Tagger::train(&sentences, &TaggerOptions::default());
        let words = inputs(&sentences[0]);
        let tags = tagger.tag(&words);
        let upos: Vec<&str> = tags.iter().map(|t| t.upos.as_str()).collect();
        assert_eq!(upos, ["VERB", "NOUN", "PUNCT"]);
        assert_eq!(tags[1].xpos, "N------S1D");
        assert_eq!(tags[1].feats, "Case=Nom");
        let back = Tagger::from_bytes(&tagger.to_bytes()).unwrap();
        assert_eq!(back.tag(&words), tags);
        // An unseen word still gets a tag seen with its ending.
        let unseen = [TagInput {
            form: "الخميس",
            token: "الخميس",
            index_in_token: 0,
            words_in_token: 1,
        }];
        assert_eq!(back.tag(&unseen)[0].upos, "NOUN");
    }
}
