//! The averaged perceptron shared by the segmenter, the tagger and the lemmatiser, and the small
//! gzip'd binary format their models are stored in.
//!
//! Weights live in one hash map keyed by a 64-bit hash of (feature, class). Every classifier here
//! scores a handful of candidate classes that a dictionary or an applicability test has already
//! chosen, so a sparse map beats a dense feature × class matrix both in size and in speed.

use flate2::read::GzDecoder;
use flate2::write::GzEncoder;
use flate2::Compression;
use rustc_hash::FxHashMap;
use std::hash::Hasher;
use std::io::{Read, Write};

#[derive(Debug, thiserror::Error)]
pub enum ModelError {
    #[error("{model} model: cannot read: {source}")]
    Io {
        model: &'static str,
        source: std::io::Error,
    },
    #[error("{model} model: corrupt at byte {offset}: {message}")]
    Corrupt {
        model: &'static str,
        offset: usize,
        message: String,
    },
    #[error(transparent)]
    Parser(#[from] crate::parser::ParserError),
}

/// Hashes the parts of one feature (a template tag and its string values) to 64 bits.
#[inline]
pub fn feature(template: u8, parts: &[&str]) -> u64 {
    let mut h = rustc_hash::FxHasher::default();
    h.write_u8(template);
    for part in parts {
        h.write(part.as_bytes());
        h.write_u8(0xff);
    }
    h.finish()
}

/// The weight key of a feature for one class. A multiply–xorshift finaliser so that classes of
/// the same feature land far apart in the table.
#[inline]
fn key(feature: u64, class: u32) -> u64 {
    let mut x = feature ^ (u64::from(class).wrapping_add(1)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    x ^= x >> 31;
    x = x.wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x ^ (x >> 29)
}

/// A trained (averaged, frozen) model: weights by (feature, class) key.
#[derive(Debug, Default, Clone)]
pub struct Weights {
    map: FxHashMap<u64, f32>,
}

impl Weights {
    #[inline]
    pub fn score(&self, features: &[u64], class: u32) -> f32 {
        features
            .iter()
            .map(|&f| self.map.get(&key(f, class)).copied().unwrap_or(0.0))
            .sum()
    }

    /// The best of `candidates` (ties go to the earlier one); `None` only when there are none.
    pub fn best(&self, features: &[u64], candidates: &[u32]) -> Option<u32> {
        let mut best: Option<(u32, f32)> = None;
        for &c in candidates {
            let s = self.score(features, c);
            if best.is_none_or(|(_, b)| s > b) {
                best = Some((c, s));
            }
        }
        best.map(|(c, _)| c)
    }

    pub fn len(&self) -> usize {
        self.map.len()
    }

    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }

    pub fn write(&self, out: &mut ModelWriter) {
        // Sorted so that the same training run writes the same bytes.
        let mut entries: Vec<(u64, f32)> = self.map.iter().map(|(&k, &w)| (k, w)).collect();
        entries.sort_unstable_by_key(|&(k, _)| k);
        out.u64(entries.len() as u64);
        for (k, w) in entries {
            out.u64(k);
            out.f32(w);
        }
    }

    pub fn read(input: &mut ModelReader) -> Result<Self, ModelError> {
        let n = input.len_prefix()?;
        let mut map = FxHashMap::with_capacity_and_hasher(n, Default::default());
        for _ in 0..n {
            let k = input.u64()?;
            let w = input.f32()?;
            map.insert(k, w);
        }
        Ok(Weights { map })
    }
}

#[derive(Debug, Default, Clone, Copy)]
struct TrainWeight {
    weight: f32,
    /// Sum of the weight over all updates before `stamp`, for averaging.
    total: f64,
    stamp: u64,
}

/// The perceptron while it learns: weights with their running totals for averaging.
#[derive(Debug, Default)]
pub struct Trainer {
    map: FxHashMap<u64, TrainWeight>,
    /// Number of examples seen so far.
    step: u64,
}

impl Trainer {
    pub fn new() -> Self {
        Trainer::default()
    }

    pub fn score(&self, features: &[u64], class: u32) -> f32 {
        features
            .iter()
            .map(|&f| self.map.get(&key(f, class)).map_or(0.0, |w| w.weight))
            .sum()
    }

    pub fn best(&self, features: &[u64], candidates: &[u32]) -> Option<u32> {
        let mut best: Option<(u32, f32)> = None;
        for &c in candidates {
            let s = self.score(features, c);
            if best.is_none_or(|(_, b)| s > b) {
                best = Some((c, s));
            }
        }
        best.map(|(c, _)| c)
    }

    /// Counts one example; call once per example, before [`Trainer::update`].
    pub fn tick(&mut self) {
        self.step += 1;
    }

    /// Moves weight from the predicted class to the gold one for these features.
    pub fn update(&mut self, gold_features: &[u64], gold: u32, guess_features: &[u64], guess: u32) {
        if gold == guess && gold_features == guess_features {
            return;
        }
        for &f in gold_features {
            self.add(key(f, gold), 1.0);
        }
        for &f in guess_features {
            self.add(key(f, guess), -1.0);
        }
    }

    fn add(&mut self, k: u64, delta: f32) {
        let step = self.step;
        let w = self.map.entry(k).or_default();
        w.total += f64::from(w.weight) * (step - w.stamp) as f64;
        w.stamp = step;
        w.weight += delta;
    }

    /// The averaged weights, without the ones that average to (nearly) zero.
    pub fn average(self) -> Weights {
        let step = self.step.max(1);
        let map = self
            .map
            .into_iter()
            .filter_map(|(k, w)| {
                let total = w.total + f64::from(w.weight) * (step - w.stamp) as f64;
                let avg = (total / step as f64) as f32;
                (avg.abs() > 1e-4).then_some((k, avg))
            })
            .collect();
        Weights { map }
    }
}

/// A small deterministic pseudo-random generator for shuffling training data (seeded, so that
/// training is reproducible without a dependency).
pub struct SplitMix64(pub u64);

impl SplitMix64 {
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    pub fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = (self.next_u64() % (i as u64 + 1)) as usize;
            items.swap(i, j);
        }
    }
}

/// Little-endian binary writer for model files; [`ModelWriter::finish`] gzips the bytes.
#[derive(Default)]
pub struct ModelWriter {
    bytes: Vec<u8>,
}

impl ModelWriter {
    pub fn new(magic: &[u8]) -> Self {
        ModelWriter {
            bytes: magic.to_vec(),
        }
    }
    pub fn u64(&mut self, v: u64) {
        self.bytes.extend_from_slice(&v.to_le_bytes());
    }
    pub fn u32(&mut self, v: u32) {
        self.bytes.extend_from_slice(&v.to_le_bytes());
    }
    pub fn f32(&mut self, v: f32) {
        self.bytes.extend_from_slice(&v.to_le_bytes());
    }
    pub fn str(&mut self, s: &str) {
        self.u32(s.len() as u32);
        self.bytes.extend_from_slice(s.as_bytes());
    }
    pub fn strs(&mut self, items: &[String]) {
        self.u64(items.len() as u64);
        for s in items {
            self.str(s);
        }
    }
    pub fn finish(self) -> Vec<u8> {
        let mut enc = GzEncoder::new(Vec::new(), Compression::best());
        enc.write_all(&self.bytes)
            .expect("writing to a Vec cannot fail");
        enc.finish().expect("writing to a Vec cannot fail")
    }
}

/// Reader for the bytes [`ModelWriter`] wrote, with errors that name the model and the offset.
pub struct ModelReader {
    model: &'static str,
    bytes: Vec<u8>,
    pos: usize,
}

impl ModelReader {
    /// Gunzips `gz` and checks the magic prefix.
    pub fn open(model: &'static str, gz: &[u8], magic: &[u8]) -> Result<Self, ModelError> {
        let mut bytes = Vec::new();
        GzDecoder::new(gz)
            .read_to_end(&mut bytes)
            .map_err(|source| ModelError::Io { model, source })?;
        let mut r = ModelReader {
            model,
            bytes,
            pos: 0,
        };
        if r.take(magic.len())? != magic {
            return Err(r.corrupt(0, "wrong magic: not a model of this kind or version"));
        }
        Ok(r)
    }

    fn corrupt(&self, offset: usize, message: &str) -> ModelError {
        ModelError::Corrupt {
            model: self.model,
            offset,
            message: message.to_owned(),
        }
    }

    fn take(&mut self, n: usize) -> Result<&[u8], ModelError> {
        let start = self.pos;
        if self.bytes.len() - start < n {
            return Err(self.corrupt(start, "truncated"));
        }
        self.pos += n;
        Ok(&self.bytes[start..start + n])
    }

    pub fn u64(&mut self) -> Result<u64, ModelError> {
        let b = self.take(8)?;
        Ok(u64::from_le_bytes(b.try_into().expect("8 bytes")))
    }
    pub fn u32(&mut self) -> Result<u32, ModelError> {
        let b = self.take(4)?;
        Ok(u32::from_le_bytes(b.try_into().expect("4 bytes")))
    }
    pub fn f32(&mut self) -> Result<f32, ModelError> {
        let b = self.take(4)?;
        Ok(f32::from_le_bytes(b.try_into().expect("4 bytes")))
    }
    /// A count that must fit in what is left of the file (one byte per item at least), so that a
    /// corrupt count fails cleanly instead of allocating without bound.
    pub fn len_prefix(&mut self) -> Result<usize, ModelError> {
        let at = self.pos;
        let n = self.u64()?;
        if n > (self.bytes.len() - self.pos) as u64 {
            return Err(self.corrupt(at, "count larger than the file"));
        }
        Ok(n as usize)
    }
    pub fn str(&mut self) -> Result<String, ModelError> {
        let at = self.pos;
        let n = self.u32()? as usize;
        let b = self.take(n)?.to_vec();
        String::from_utf8(b).map_err(|_| self.corrupt(at, "string is not UTF-8"))
    }
    pub fn strs(&mut self) -> Result<Vec<String>, ModelError> {
        let n = self.len_prefix()?;
        (0..n).map(|_| self.str()).collect()
    }
    pub fn end(&self) -> Result<(), ModelError> {
        if self.pos == self.bytes.len() {
            Ok(())
        } else {
            Err(self.corrupt(self.pos, "trailing bytes"))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn learns_a_separable_problem_and_round_trips() {
        let examples: Vec<(Vec<u64>, u32)> = (0..40)
            .map(|i| {
                let class = (i % 3) as u32;
                let f = feature(1, &[&class.to_string()]);
                (vec![f, feature(2, &["bias"])], class)
            })
            .collect();
        let mut t = Trainer::new();
        for _ in 0..3 {
            for (feats, gold) in &examples {
                t.tick();
                let guess = t.best(feats, &[0, 1, 2]).unwrap();
                t.update(feats, *gold, feats, guess);
            }
        }
        let w = t.average();
        for (feats, gold) in &examples {
            assert_eq!(w.best(feats, &[0, 1, 2]), Some(*gold));
        }
        let mut out = ModelWriter::new(b"TEST1");
        w.write(&mut out);
        let gz = out.finish();
        let mut r = ModelReader::open("test", &gz, b"TEST1").unwrap();
        let back = Weights::read(&mut r).unwrap();
        r.end().unwrap();
        assert_eq!(back.len(), w.len());
        assert!(ModelReader::open("test", &gz, b"OTHER").is_err());
        assert!(matches!(
            ModelReader::open("test", &gz[..gz.len() / 2], b"TEST1"),
            Err(ModelError::Io { .. })
        ));
    }
}
