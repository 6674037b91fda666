//! Lemmas: the treebank's vocalised dictionary form of each syntactic word (`الحكومات` →
//! `حُكُومَة`).
//!
//! Seen words take the lemma they had in training for the same tag (then for any tag). For an
//! unseen word an averaged perceptron picks an edit script (letters to drop and add at either
//! end) that turns the unvocalised form into the unvocalised lemma; the lemma's vocalisation is
//! then looked up among the lemmas of training, and left off when the lemma is new.

use crate::conllu::Sentence;
use crate::perceptron::{
    feature, ModelError, ModelReader, ModelWriter, SplitMix64, Trainer, Weights,
};
use crate::segment::{first_chars, last_chars, longest_common_substring, EndingIndex};
use crate::tagger::Tag;
use rustc_hash::FxHashMap;

/// Letters dropped and added at the two ends of a form to make its (unvocalised) lemma.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
struct EditScript {
    drop_front: String,
    add_front: String,
    drop_back: String,
    add_back: String,
}

impl EditScript {
    fn derive(form: &str, lemma: &str) -> EditScript {
        let (f_at, l_at, len) = longest_common_substring(form, lemma);
        if len == 0 {
            return EditScript {
                drop_front: form.to_owned(),
                add_front: lemma.to_owned(),
                ..EditScript::default()
            };
        }
        EditScript {
            drop_front: form[..f_at].to_owned(),
            add_front: lemma[..l_at].to_owned(),
            drop_back: form[f_at + len..].to_owned(),
            add_back: lemma[l_at + len..].to_owned(),
        }
    }

    fn apply(&self, form: &str) -> Option<String> {
        let kept = form
            .strip_prefix(self.drop_front.as_str())?
            .strip_suffix(self.drop_back.as_str())?;
        if kept.is_empty() && self.add_front.is_empty() && self.add_back.is_empty() {
            return None;
        }
        Some(format!("{}{kept}{}", self.add_front, self.add_back))
    }
}

/// The lemma without tashkeel and tatweel, as a form would be written.
pub fn unvocalise(s: &str) -> String {
    s.chars()
        .filter(|&c| !mirsad_text::normalize::is_tashkeel(c) && c != '\u{0640}')
        .collect()
}

#[derive(Debug, Clone)]
pub struct LemmatizerOptions {
    pub epochs: usize,
    pub seed: u64,
    /// The edit-script classifier learns from words at most this frequent: it only ever sees
    /// unseen words, which look like rare ones, not like the function words.
    pub max_training_count: u32,
}

impl Default for LemmatizerOptions {
    fn default() -> Self {
        LemmatizerOptions {
            epochs: 6,
            seed: 0x1e3,
            max_training_count: 3,
        }
    }
}

#[derive(Debug, Clone)]
pub struct Lemmatizer {
    /// "form\tUPOS\tXPOS\tFEATS" and "form" → lemma (the most frequent one).
    lexicon: FxHashMap<String, String>,
    /// "unvocalised lemma\tUPOS" and "unvocalised lemma" → vocalised lemma.
    vocalised: FxHashMap<String, String>,
    scripts: Vec<EditScript>,
    weights: Weights,
    endings: EndingIndex,
}

fn script_endings(scripts: &[EditScript]) -> EndingIndex {
    EndingIndex::new(
        scripts
            .iter()
            .enumerate()
            .map(|(i, s)| (i as u32, s.drop_back.as_str())),
    )
}

const MAGIC: &[u8] = b"MIRSAD-LEM1";

fn most_frequent(counts: FxHashMap<String, FxHashMap<String, u32>>) -> FxHashMap<String, String> {
    counts
        .into_iter()
        .filter_map(|(k, by_value)| {
            // Highest count, then the smallest string: deterministic across runs.
            let best = by_value
                .into_iter()
                .max_by(|a, b| a.1.cmp(&b.1).then_with(|| b.0.cmp(&a.0)))?;
            Some((k, best.0))
        })
        .collect()
}

impl Lemmatizer {
    pub fn train(sentences: &[Sentence], opts: &LemmatizerOptions) -> Lemmatizer {
        let mut lexicon: FxHashMap<String, FxHashMap<String, u32>> = FxHashMap::default();
        let mut vocalised: FxHashMap<String, FxHashMap<String, u32>> = FxHashMap::default();
        let mut form_counts: FxHashMap<&str, u32> = FxHashMap::default();
        for w in sentences.iter().flat_map(|s| &s.words) {
            if w.lemma.is_empty() {
                continue;
            }
            let plain = unvocalise(&w.lemma);
            for key in [
                format!("{}\t{}\t{}\t{}", w.form, w.upos, w.xpos, w.feats),
                w.form.clone(),
            ] {
                *lexicon
                    .entry(key)
                    .or_default()
                    .entry(w.lemma.clone())
                    .or_default() += 1;
            }
            for key in [format!("{plain}\t{}", w.upos), plain] {
                *vocalised
                    .entry(key)
                    .or_default()
                    .entry(w.lemma.clone())
                    .or_default() += 1;
            }
            *form_counts.entry(&w.form).or_default() += 1;
        }
        let mut script_index: FxHashMap<EditScript, u32> = FxHashMap::default();
        let mut examples = Vec::new();
        for w in sentences.iter().flat_map(|s| &s.words) {
            if w.lemma.is_empty() || form_counts[w.form.as_str()] > opts.max_training_count {
                continue;
            }
            let script = EditScript::derive(&w.form, &unvocalise(&w.lemma));
            let next = script_index.len() as u32;
            let id = *script_index.entry(script).or_insert(next);
            let tag = Tag {
                upos: w.upos.clone(),
                xpos: w.xpos.clone(),
                feats: w.feats.clone(),
            };
            examples.push((w.form.as_str(), tag, id));
        }
        let mut scripts = vec![EditScript::default(); script_index.len()];
        for (s, i) in script_index {
            scripts[i as usize] = s;
        }
        let mut model = Lemmatizer {
            lexicon: most_frequent(lexicon),
            vocalised: most_frequent(vocalised),
            endings: script_endings(&scripts),
            scripts,
            weights: Weights::default(),
        };
        let mut trainer = Trainer::new();
        let mut rng = SplitMix64(opts.seed);
        let mut feats = Vec::new();
        let mut cands = Vec::new();
        for _ in 0..opts.epochs {
            rng.shuffle(&mut examples);
            for (form, tag, gold) in &examples {
                features(form, tag, &mut feats);
                model.candidates(form, &mut cands);
                trainer.tick();
                let guess = trainer.best(&feats, &cands).unwrap_or(*gold);
                trainer.update(&feats, *gold, &feats, guess);
            }
        }
        model.weights = trainer.average();
        model
    }

    fn candidates(&self, form: &str, out: &mut Vec<u32>) {
        self.endings.matching(form, out);
        out.retain(|&i| self.scripts[i as usize].apply(form).is_some());
        out.sort_unstable();
    }

    /// The lemma of a word with its predicted tag.
    pub fn lemma(&self, form: &str, tag: &Tag) -> String {
        let key = format!("{form}\t{}\t{}\t{}", tag.upos, tag.xpos, tag.feats);
        if let Some(l) = self.lexicon.get(&key).or_else(|| self.lexicon.get(form)) {
            return l.clone();
        }
        let mut feats = Vec::new();
        let mut cands = Vec::new();
        features(form, tag, &mut feats);
        self.candidates(form, &mut cands);
        let plain = self
            .weights
            .best(&feats, &cands)
            .and_then(|i| self.scripts[i as usize].apply(form))
            .unwrap_or_else(|| form.to_owned());
        self.vocalised
            .get(&format!("{plain}\t{}", tag.upos))
            .or_else(|| self.vocalised.get(&plain))
            .cloned()
            .unwrap_or(plain)
    }

    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = ModelWriter::new(MAGIC);
        write_map(&mut out, &self.lexicon);
        write_map(&mut out, &self.vocalised);
        out.u64(self.scripts.len() as u64);
        for s in &self.scripts {
            for part in [&s.drop_front, &s.add_front, &s.drop_back, &s.add_back] {
                out.str(part);
            }
        }
        self.weights.write(&mut out);
        out.finish()
    }

    pub fn from_bytes(gz: &[u8]) -> Result<Lemmatizer, ModelError> {
        let mut r = ModelReader::open("lemmatizer", gz, MAGIC)?;
        let lexicon = read_map(&mut r)?;
        let vocalised = read_map(&mut r)?;
        let n = r.len_prefix()?;
        let scripts = (0..n)
            .map(|_| {
                Ok(EditScript {
                    drop_front: r.str()?,
                    add_front: r.str()?,
                    drop_back: r.str()?,
                    add_back: r.str()?,
                })
            })
            .collect::<Result<Vec<EditScript>, ModelError>>()?;
        let weights = Weights::read(&mut r)?;
        r.end()?;
        Ok(Lemmatizer {
            lexicon,
            vocalised,
            endings: script_endings(&scripts),
            scripts,
            weights,
        })
    }
}

fn features(form: &str, tag: &Tag, out: &mut Vec<u64>) {
    out.clear();
    out.push(feature(0, &["bias"]));
    for n in 1..=4 {
        out.push(feature(n as u8, &[last_chars(form, n)]));
        out.push(feature(4 + n as u8, &[last_chars(form, n), &tag.upos]));
    }
    for n in 1..=3 {
        out.push(feature(8 + n as u8, &[first_chars(form, n)]));
    }
    out.push(feature(12, &[&tag.upos]));
    out.push(feature(13, &[&tag.xpos]));
    for f in tag.feats.split('|') {
        out.push(feature(14, &[f]));
    }
    out.push(feature(15, &[&tag.feats, last_chars(form, 1)]));
}

fn write_map(out: &mut ModelWriter, map: &FxHashMap<String, String>) {
    let mut entries: Vec<(&String, &String)> = map.iter().collect();
    entries.sort();
    out.u64(entries.len() as u64);
    for (k, v) in entries {
        out.str(k);
        out.str(v);
    }
}

fn read_map(r: &mut ModelReader) -> Result<FxHashMap<String, String>, ModelError> {
    let n = r.len_prefix()?;
    let mut map = FxHashMap::default();
    for _ in 0..n {
        let k = r.str()?;
        map.insert(k, r.str()?);
    }
    Ok(map)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seen_words_use_the_lexicon_and_unseen_ones_an_edit_script() {
        let text = "\
1\tالحكومات\tحُكُومَة\tNOUN\tN------P1D\tNumber=Plur\t0\troot\t_\t_
2\tالمنظمات\tمُنَظَّمَة\tNOUN\tN------P1D\tNumber=Plur\t1\tnmod\t_\t_
3\tالمدرسة\tمَدرَسَة\tNOUN\tN------S1D\tNumber=Sing\t1\tnmod\t_\t_

";
        let one = crate::conllu::parse(text, "tiny").unwrap();
        let sentences: Vec<Sentence> = (0..2).flat_map(|_| one.clone()).collect();
        let lem = Lemmatizer::train(&sentences, &LemmatizerOptions::default());
        let plural = Tag {
            upos: "NOUN".into(),
            xpos: "N------P1D".into(),
            feats: "Number=Plur".into(),
        };
        assert_eq!(lem.lemma("الحكومات", &plural), "حُكُومَة");
        // Unseen plural of a seen lemma: the script gives مدرسة, the lexicon its vowels.
        assert_eq!(lem.lemma("المدرسات", &plural), "مَدرَسَة");
        // Unseen lemma: left unvocalised.
        assert_eq!(lem.lemma("الجامعات", &plural), "جامعة");
        let back = Lemmatizer::from_bytes(&lem.to_bytes()).unwrap();
        assert_eq!(back.lemma("الجامعات", &plural), "جامعة");
        assert_eq!(unvocalise("مُنَظَّمَة"), "منظمة");
    }
}
