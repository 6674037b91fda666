//! Skip-gram word vectors (word2vec with negative sampling, Mikolov et al. 2013) learnt from
//! shared/data/news, then grouped by spherical k-means into cluster ids at several granularities.
//!
//! The PPMI clusters of `clusters.rs` only see the immediate left/right neighbour among 400
//! frequent words; skip-gram vectors use a ±5-word window over the whole vocabulary, which puts
//! a rare surname next to other surnames even when its immediate neighbours differ. Clustering
//! the vectors turns them into the discrete features a hashed perceptron can use. One thread and
//! a seeded generator, so the same corpus and seed give the same clusters.

use crate::clusters::{dot, kmeans, normalise, read_corpus, row_index, GAP};
use crate::train::Rng;
use std::collections::HashMap;
use std::path::Path;

#[derive(Debug, Clone)]
pub struct EmbeddingConfig {
    pub max_tokens: usize,
    pub vocab: usize,
    pub min_count: u32,
    pub dims: usize,
    pub window: usize,
    pub negatives: usize,
    pub epochs: usize,
    /// Frequent-word subsampling threshold (word2vec's `-sample`).
    pub sample: f64,
    pub learning_rate: f32,
    pub ks: Vec<usize>,
    pub iters: usize,
    pub seed: u64,
}

impl Default for EmbeddingConfig {
    fn default() -> Self {
        EmbeddingConfig {
            max_tokens: 15_000_000,
            vocab: 100_000,
            min_count: 5,
            dims: 64,
            window: 5,
            negatives: 5,
            epochs: 1,
            sample: 1e-4,
            learning_rate: 0.025,
            ks: vec![64, 256, 1024],
            iters: 10,
            seed: 20260521,
        }
    }
}

const TABLE_BITS: u32 = 22;

/// Learns vectors and clusters them: normalised word → one cluster id per entry of `cfg.ks`.
pub fn learn_embedding_clusters(
    news: &Path,
    cfg: &EmbeddingConfig,
    log: &mut dyn FnMut(&str),
) -> HashMap<String, Vec<u16>> {
    let (words, vecs, mut rng) = learn_vectors(news, cfg, log);
    let v = words.len();
    let mut result: HashMap<String, Vec<u16>> = HashMap::new();
    for &k in &cfg.ks {
        let assign = kmeans(
            &vecs,
            (v, cfg.dims),
            k.min(v.max(1)),
            cfg.iters,
            &mut rng,
            dot,
        );
        for (w, &i) in words.iter().zip(&assign) {
            result.entry(w.clone()).or_default().push(i);
        }
        log(&format!("embedding k-means k={k} done"));
    }
    result
}

/// The skip-gram vectors themselves (unit length), for real-valued features: the same vectors
/// [`learn_embedding_clusters`] clusters for the same corpus, config and seed.
pub fn learn_embedding_vectors(
    news: &Path,
    cfg: &EmbeddingConfig,
    log: &mut dyn FnMut(&str),
) -> HashMap<String, Vec<f32>> {
    let (words, vecs, _) = learn_vectors(news, cfg, log);
    words
        .into_iter()
        .zip(vecs.chunks_exact(cfg.dims.max(1)))
        .map(|(w, v)| (w, v.to_vec()))
        .collect()
}

/// Scale of [`quantise`]: unit-length 64-dim vectors have components of about ±0.125, and
/// ±127 / 256 clips only the rare component beyond ±0.5.
pub const QUANT_SCALE: f32 = 256.0;

/// One unit-length vector as i8 (what the model file stores).
pub fn quantise(v: &[f32]) -> Vec<i8> {
    v.iter()
        .map(|x| (x * QUANT_SCALE).round().clamp(-127.0, 127.0) as i8)
        .collect()
}

/// Skip-gram vectors of the vocabulary words: (words, unit-length vectors row by row, the
/// generator after training, which the clustering goes on drawing from).
fn learn_vectors(
    news: &Path,
    cfg: &EmbeddingConfig,
    log: &mut dyn FnMut(&str),
) -> (Vec<String>, Vec<f32>, Rng) {
    let corpus = read_corpus(news, cfg.max_tokens, log);
    let top = corpus.top_words(cfg.vocab, cfg.min_count);
    let v = top.len();
    let row = row_index(&top, corpus.names.len());
    // the training stream keeps only vocabulary words (as word2vec does) and the file gaps
    let stream: Vec<u32> = corpus
        .stream
        .iter()
        .filter_map(|&t| {
            if t == GAP {
                Some(GAP)
            } else {
                let r = row[t as usize];
                (r != u32::MAX).then_some(r)
            }
        })
        .collect();
    let counts: Vec<u64> = top
        .iter()
        .map(|&i| corpus.freq[i as usize] as u64)
        .collect();
    let mut rng = Rng::new(cfg.seed ^ 0x5eed_e3b0);
    let t = std::time::Instant::now();
    let mut vecs = skipgram(&stream, &counts, cfg, &mut rng, log);
    log(&format!(
        "skip-gram: {v} words × {} dims in {:.0}s",
        cfg.dims,
        t.elapsed().as_secs_f64()
    ));
    for r in 0..v {
        normalise(&mut vecs[r * cfg.dims..(r + 1) * cfg.dims]);
    }
    let words = top
        .iter()
        .map(|&i| corpus.names[i as usize].clone())
        .collect();
    (words, vecs, rng)
}

fn uniform(rng: &mut Rng) -> f64 {
    (rng.next_u64() >> 11) as f64 / (1u64 << 53) as f64
}

/// Skip-gram with negative sampling over `stream` (row ids, `GAP` between files). Returns the
/// input vectors, `counts.len() × dims`.
fn skipgram(
    stream: &[u32],
    counts: &[u64],
    cfg: &EmbeddingConfig,
    rng: &mut Rng,
    log: &mut dyn FnMut(&str),
) -> Vec<f32> {
    let v = counts.len();
    let d = cfg.dims;
    if v == 0 {
        return Vec::new();
    }
    let total: u64 = counts.iter().sum();
    // negatives are drawn from the unigram distribution raised to 3/4
    let table_len = 1usize << TABLE_BITS;
    let pow: Vec<f64> = counts.iter().map(|&c| (c as f64).powf(0.75)).collect();
    let z: f64 = pow.iter().sum();
    let mut table = Vec::with_capacity(table_len);
    let mut acc = 0f64;
    let mut w = 0usize;
    for i in 0..table_len {
        while w + 1 < v && (i as f64 + 0.5) / table_len as f64 > (acc + pow[w]) / z {
            acc += pow[w];
            w += 1;
        }
        table.push(w as u32);
    }
    // keep probability per word (word2vec's subsampling formula)
    let keep: Vec<f64> = counts
        .iter()
        .map(|&c| {
            let f = c as f64 / (cfg.sample * total as f64);
            ((f.sqrt() + 1.0) / f).min(1.0)
        })
        .collect();
    let mut syn0: Vec<f32> = (0..v * d)
        .map(|_| ((uniform(rng) - 0.5) / d as f64) as f32)
        .collect();
    let mut syn1 = vec![0f32; v * d];
    let mut grad = vec![0f32; d];
    let steps = (cfg.epochs * stream.len()).max(1) as f64;
    let mut done = 0usize;
    let mut sent: Vec<u32> = Vec::new();
    for epoch in 0..cfg.epochs {
        let mut pos = 0;
        while pos < stream.len() {
            // one chunk: up to the next gap, at most 1,000 tokens, subsampled
            sent.clear();
            let start = pos;
            while pos < stream.len() && stream[pos] != GAP && pos - start < 1000 {
                let r = stream[pos];
                if keep[r as usize] >= 1.0 || uniform(rng) < keep[r as usize] {
                    sent.push(r);
                }
                pos += 1;
            }
            if pos < stream.len() && stream[pos] == GAP {
                pos += 1;
            }
            if (done + pos - start) / 2_000_000 > done / 2_000_000 {
                log(&format!(
                    "skip-gram: {} of {} token steps",
                    done, steps as usize
                ));
            }
            done += pos - start;
            let alpha = (cfg.learning_rate as f64 * (1.0 - done as f64 / steps))
                .max(cfg.learning_rate as f64 * 1e-4) as f32;
            for (i, &word) in sent.iter().enumerate() {
                let b = (rng.next_u64() % cfg.window as u64) as usize;
                let reach = cfg.window - b;
                let lo = i.saturating_sub(reach);
                let hi = (i + reach).min(sent.len() - 1);
                for (j, &ctx) in sent.iter().enumerate().take(hi + 1).skip(lo) {
                    if j == i {
                        continue;
                    }
                    let l1 = ctx as usize * d;
                    grad.iter_mut().for_each(|g| *g = 0.0);
                    for n in 0..=cfg.negatives {
                        let (target, label) = if n == 0 {
                            (word as usize, 1.0f32)
                        } else {
                            let t = table[(rng.next_u64() >> (64 - TABLE_BITS)) as usize] as usize;
                            if t == word as usize {
                                continue;
                            }
                            (t, 0.0)
                        };
                        let l2 = target * d;
                        let x = &syn0[l1..l1 + d];
                        let y = &mut syn1[l2..l2 + d];
                        let f = dot(x, y);
                        let g = (label - 1.0 / (1.0 + (-f.clamp(-6.0, 6.0)).exp())) * alpha;
                        for ((gk, yk), xk) in grad.iter_mut().zip(y.iter_mut()).zip(x) {
                            *gk += g * *yk;
                            *yk += g * xk;
                        }
                    }
                    syn0[l1..l1 + d]
                        .iter_mut()
                        .zip(&grad)
                        .for_each(|(a, g)| *a += g);
                }
            }
        }
        log(&format!("skip-gram epoch {} done", epoch + 1));
    }
    syn0
}

/// Joins two cluster maps into one: each word gets `a`'s ids then `b`'s, with `u16::MAX` where a
/// map does not know the word (the feature extractor skips those).
pub fn merge_clusters<S: std::hash::BuildHasher>(
    a: &HashMap<String, Vec<u16>, S>,
    b: &HashMap<String, Vec<u16>>,
) -> HashMap<String, Vec<u16>> {
    let na = a.values().map(Vec::len).max().unwrap_or(0);
    let nb = b.values().map(Vec::len).max().unwrap_or(0);
    let mut out: HashMap<String, Vec<u16>> = HashMap::new();
    for w in a.keys().chain(b.keys()) {
        if out.contains_key(w) {
            continue;
        }
        let mut ids = a.get(w).cloned().unwrap_or_else(|| vec![u16::MAX; na]);
        ids.resize(na, u16::MAX);
        let mut rest = b.get(w).cloned().unwrap_or_else(|| vec![u16::MAX; nb]);
        rest.resize(nb, u16::MAX);
        ids.extend(rest);
        out.insert(w.clone(), ids);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cosine(v: &[f32], d: usize, a: usize, b: usize) -> f32 {
        let (x, y) = (&v[a * d..(a + 1) * d], &v[b * d..(b + 1) * d]);
        dot(x, y) / (dot(x, x).sqrt() * dot(y, y).sqrt())
    }

    #[test]
    fn skipgram_puts_words_of_the_same_contexts_together() {
        // ids: 0 وصل, 1 الرئيس, 2 إلى, 3 مدينة, 4 اليوم, 5-7 names, 8-10 cities
        let mut stream = Vec::new();
        for i in 0..300 {
            stream.extend([0, 1, 5 + (i % 3) as u32, 2, 3, 8 + ((i / 3) % 3) as u32, 4]);
            stream.push(GAP);
        }
        let mut counts = vec![0u64; 11];
        for &t in stream.iter().filter(|&&t| t != GAP) {
            counts[t as usize] += 1;
        }
        let cfg = EmbeddingConfig {
            dims: 16,
            window: 1,
            epochs: 10,
            sample: 1.0,
            ..Default::default()
        };
        let v = skipgram(&stream, &counts, &cfg, &mut Rng::new(3), &mut |_| {});
        let again = skipgram(&stream, &counts, &cfg, &mut Rng::new(3), &mut |_| {});
        assert_eq!(v, again, "seeded runs must agree");
        let d = cfg.dims;
        for (a, b, c) in [(5, 6, 8), (6, 7, 9), (8, 9, 5), (9, 10, 7)] {
            assert!(
                cosine(&v, d, a, b) > cosine(&v, d, a, c) + 0.2,
                "{a}~{b} should beat {a}~{c}: {} vs {}",
                cosine(&v, d, a, b),
                cosine(&v, d, a, c)
            );
        }
    }

    #[test]
    fn merged_clusters_keep_each_map_in_its_own_slots() {
        let a: HashMap<String, Vec<u16>> = [("x".to_string(), vec![1, 2, 3])].into();
        let b: HashMap<String, Vec<u16>> = [
            ("x".to_string(), vec![7, 8, 9]),
            ("y".to_string(), vec![4, 5, 6]),
        ]
        .into();
        let m = merge_clusters(&a, &b);
        assert_eq!(m["x"], vec![1, 2, 3, 7, 8, 9]);
        assert_eq!(m["y"], vec![u16::MAX, u16::MAX, u16::MAX, 4, 5, 6]);
    }
}
