//! The tagger: hashed emission weights plus first-order tag transitions, decoded with Viterbi.

use crate::features::{Extractor, Resources};
use crate::tags::{BioTag, N_TAGS};
use flate2::read::GzDecoder;
use flate2::write::GzEncoder;
use serde::{Deserialize, Serialize};
use std::io::{Read, Write};

const MAGIC: &[u8; 4] = b"MNER";
const VERSION: u32 = 1;

/// The model committed with the crate (see MODEL_CARD.md), gzip-compressed.
static DEFAULT_MODEL: &[u8] = include_bytes!("../model/ner-ar.bin.gz");

#[derive(Debug, thiserror::Error)]
pub enum ModelError {
    #[error("model file: {0}")]
    Io(#[from] std::io::Error),
    #[error("model file: {0}")]
    Format(String),
}

/// What the model file says about itself (JSON header).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ModelInfo {
    pub n_buckets: usize,
    pub n_tags: usize,
    /// Emission weights are stored as i16; real weight = stored × scale.
    pub scale: f32,
    /// Free-text provenance: data, epochs, seed, command.
    pub trained_on: String,
    pub resources: Resources,
}

pub struct NerModel {
    pub info: ModelInfo,
    /// `n_buckets × N_TAGS` quantised emission weights.
    weights: Vec<i16>,
    /// `(N_TAGS + 1) × N_TAGS` transition scores in stored units; row N_TAGS is the start state.
    trans: Vec<f32>,
}

/// Viterbi over `n × N_TAGS` emission scores and `(N_TAGS+1) × N_TAGS` transitions. Transitions
/// that BIO forbids (I-X not after B-X/I-X, I-X at the start) are never taken, so the output is
/// always well formed.
pub fn viterbi(em: &[f32], trans: &[f32], n: usize) -> Vec<usize> {
    const T: usize = N_TAGS;
    if n == 0 {
        return Vec::new();
    }
    let allowed = allowed_table();
    let mut score = vec![f32::NEG_INFINITY; n * T];
    let mut back = vec![0u8; n * T];
    for k in 0..T {
        if allowed[T][k] {
            score[k] = em[k] + trans[T * T + k];
        }
    }
    for i in 1..n {
        for k in 0..T {
            let mut best = f32::NEG_INFINITY;
            let mut arg = 0;
            for j in 0..T {
                if !allowed[j][k] {
                    continue;
                }
                let s = score[(i - 1) * T + j] + trans[j * T + k];
                if s > best {
                    best = s;
                    arg = j;
                }
            }
            score[i * T + k] = best + em[i * T + k];
            back[i * T + k] = arg as u8;
        }
    }
    let mut out = vec![0usize; n];
    let last = &score[(n - 1) * T..n * T];
    let mut k = (0..T)
        .max_by(|&a, &b| last[a].total_cmp(&last[b]))
        .unwrap_or(0);
    for i in (0..n).rev() {
        out[i] = k;
        k = back[i * T + k] as usize;
    }
    out
}

/// `allowed[prev][next]`, with prev = N_TAGS meaning sentence start.
fn allowed_table() -> [[bool; N_TAGS]; N_TAGS + 1] {
    let mut a = [[true; N_TAGS]; N_TAGS + 1];
    for (j, row) in a.iter_mut().enumerate() {
        for (k, cell) in row.iter_mut().enumerate() {
            let next = BioTag::from_index(k);
            *cell = if j == N_TAGS {
                !matches!(next, BioTag::I(_))
            } else {
                BioTag::from_index(j).allows(next)
            };
        }
    }
    a
}

impl NerModel {
    /// Builds a model from trained float weights (quantised to i16 here).
    pub fn from_float(
        weights: &[f32],
        trans: &[f32],
        n_buckets: usize,
        resources: Resources,
        trained_on: String,
    ) -> Self {
        let max = weights.iter().fold(0f32, |m, w| m.max(w.abs())).max(1e-6);
        let scale = max / 32767.0;
        let q = weights
            .iter()
            .map(|w| (w / scale).round().clamp(-32767.0, 32767.0) as i16)
            .collect();
        NerModel {
            info: ModelInfo {
                n_buckets,
                n_tags: N_TAGS,
                scale,
                trained_on,
                resources,
            },
            weights: q,
            trans: trans.iter().map(|t| t / scale).collect(),
        }
    }

    /// The committed model.
    pub fn load_default() -> Result<NerModel, ModelError> {
        if DEFAULT_MODEL.is_empty() {
            return Err(ModelError::Format(
                "no model was embedded at build time".into(),
            ));
        }
        NerModel::load(DEFAULT_MODEL)
    }

    /// Loads a model file (gzip-compressed, as written by [`NerModel::save`]).
    pub fn load(bytes: &[u8]) -> Result<NerModel, ModelError> {
        let mut raw = Vec::new();
        GzDecoder::new(bytes).read_to_end(&mut raw)?;
        let bad = |m: &str| ModelError::Format(m.to_string());
        if raw.len() < 12 || &raw[..4] != MAGIC {
            return Err(bad("not a mirsad NER model"));
        }
        let version = u32::from_le_bytes(raw[4..8].try_into().unwrap());
        if version != VERSION {
            return Err(ModelError::Format(format!("unsupported version {version}")));
        }
        let hlen = u32::from_le_bytes(raw[8..12].try_into().unwrap()) as usize;
        let body = raw
            .get(12..12 + hlen)
            .ok_or_else(|| bad("truncated header"))?;
        let info: ModelInfo =
            serde_json::from_slice(body).map_err(|e| ModelError::Format(e.to_string()))?;
        if info.n_tags != N_TAGS || !info.n_buckets.is_power_of_two() {
            return Err(bad("incompatible tag set or table size"));
        }
        let mut at = 12 + hlen;
        let nw = info.n_buckets * N_TAGS;
        let wbytes = raw
            .get(at..at + 2 * nw)
            .ok_or_else(|| bad("truncated weights"))?;
        let weights = wbytes
            .chunks_exact(2)
            .map(|c| i16::from_le_bytes([c[0], c[1]]))
            .collect();
        at += 2 * nw;
        let nt = (N_TAGS + 1) * N_TAGS;
        let tbytes = raw
            .get(at..at + 4 * nt)
            .ok_or_else(|| bad("truncated transitions"))?;
        let trans = tbytes
            .chunks_exact(4)
            .map(|c| f32::from_le_bytes([c[0], c[1], c[2], c[3]]))
            .collect();
        Ok(NerModel {
            info,
            weights,
            trans,
        })
    }

    pub fn save(&self) -> Result<Vec<u8>, ModelError> {
        let header =
            serde_json::to_vec(&self.info).map_err(|e| ModelError::Format(e.to_string()))?;
        let mut enc = GzEncoder::new(Vec::new(), flate2::Compression::best());
        enc.write_all(MAGIC)?;
        enc.write_all(&VERSION.to_le_bytes())?;
        enc.write_all(&(header.len() as u32).to_le_bytes())?;
        enc.write_all(&header)?;
        for w in &self.weights {
            enc.write_all(&w.to_le_bytes())?;
        }
        for t in &self.trans {
            enc.write_all(&t.to_le_bytes())?;
        }
        Ok(enc.finish()?)
    }

    pub fn extractor(&self) -> Extractor<'_> {
        Extractor::new(&self.info.resources, self.info.n_buckets)
    }

    /// Emission scores (stored units) for extracted features.
    fn emissions(&self, feats: &[u32], offsets: &[usize], em: &mut Vec<f32>) {
        let n = offsets.len().saturating_sub(1);
        em.clear();
        em.resize(n * N_TAGS, 0.0);
        for i in 0..n {
            let mut acc = [0i32; N_TAGS];
            for &f in &feats[offsets[i]..offsets[i + 1]] {
                let row = &self.weights[f as usize * N_TAGS..f as usize * N_TAGS + N_TAGS];
                for k in 0..N_TAGS {
                    acc[k] += row[k] as i32;
                }
            }
            for k in 0..N_TAGS {
                em[i * N_TAGS + k] = acc[k] as f32;
            }
        }
    }

    /// BIO tags of one sentence (or any token sequence; long inputs are fine, but sentence-sized
    /// windows match the training data best).
    pub fn tag(&self, tokens: &[&str]) -> Vec<BioTag> {
        self.tag_with_confidence(tokens)
            .into_iter()
            .map(|(t, _)| t)
            .collect()
    }

    /// Tags with a per-token confidence: the softmax probability of the chosen tag under the
    /// token's emission scores. An uncalibrated ranking signal, not a probability of the span.
    pub fn tag_with_confidence(&self, tokens: &[&str]) -> Vec<(BioTag, f32)> {
        let (mut feats, mut offs, mut em) = (Vec::new(), Vec::new(), Vec::new());
        self.extractor().extract(tokens, &mut feats, &mut offs);
        self.emissions(&feats, &offs, &mut em);
        let path = viterbi(&em, &self.trans, tokens.len());
        let scale = self.info.scale;
        path.iter()
            .enumerate()
            .map(|(i, &k)| {
                let row = &em[i * N_TAGS..(i + 1) * N_TAGS];
                let m = row.iter().fold(f32::NEG_INFINITY, |a, &b| a.max(b));
                let z: f32 = row.iter().map(|&s| ((s - m) * scale).exp()).sum();
                let p = ((row[k] - m) * scale).exp() / z;
                (BioTag::from_index(k), p)
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn viterbi_never_emits_orphan_i() {
        // emissions strongly prefer I-PER at position 0 and after O
        let t = N_TAGS;
        let mut em = vec![0f32; 3 * t];
        em[2] = 10.0; // I-PER at 0
        em[t] = 5.0; // O at 1
        em[2 * t + 2] = 10.0; // I-PER at 2
        em[2 * t + 1] = 9.0; // B-PER at 2
        let trans = vec![0f32; (t + 1) * t];
        let path: Vec<BioTag> = viterbi(&em, &trans, 3)
            .into_iter()
            .map(BioTag::from_index)
            .collect();
        assert!(!matches!(path[0], BioTag::I(_)));
        assert_eq!(path[2], BioTag::B(mirsad_core::EntityLabel::PER));
        assert!(viterbi(&[], &trans, 0).is_empty());
    }

    #[test]
    fn save_load_round_trip() {
        let nb = 16;
        let w: Vec<f32> = (0..nb * N_TAGS).map(|i| (i as f32 - 50.0) / 7.0).collect();
        let tr = vec![0.5f32; (N_TAGS + 1) * N_TAGS];
        let mut res = Resources::default();
        res.add_gaz("موسكو", crate::features::GAZ_CITY);
        let m = NerModel::from_float(&w, &tr, nb, res, "test".into());
        let bytes = m.save().unwrap();
        let m2 = NerModel::load(&bytes).unwrap();
        assert_eq!(m2.weights, m.weights);
        assert_eq!(m2.trans, m.trans);
        assert_eq!(m2.info.resources.gaz.len(), 1);
        assert_eq!(m2.tag(&["في", "موسكو"]).len(), 2);
        assert!(NerModel::load(b"junk").is_err());
    }
}
