//! Word clusters learnt from raw Arabic news (shared/data/news), as cheap unsupervised features.
//!
//! Brown clustering is too slow to rerun in minutes, so this uses distributional k-means: each
//! frequent word gets a vector of positive PMI with its left and right neighbours (among the most
//! frequent words), randomly projected to a few dozen dimensions, and spherical k-means groups
//! the words at three granularities. Words the annotated corpora never saw (a new minister's name,
//! a town) share a cluster with seen words that occur in the same contexts, which is what lets
//! the tagger generalise past its 110k training tokens. Fully seeded, single-threaded, bounded by
//! `max_tokens`.

use crate::train::Rng;
use mirsad_text::normalize_word;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone)]
pub struct ClusterConfig {
    pub max_tokens: usize,
    pub vocab: usize,
    pub contexts: usize,
    pub min_count: u32,
    pub dims: usize,
    pub ks: Vec<usize>,
    pub iters: usize,
    pub seed: u64,
}

impl Default for ClusterConfig {
    fn default() -> Self {
        ClusterConfig {
            max_tokens: 15_000_000,
            vocab: 20_000,
            contexts: 400,
            min_count: 5,
            dims: 64,
            ks: vec![64, 256, 1024],
            iters: 12,
            seed: 20260521,
        }
    }
}

/// The text files under `dir`, in path order (the order every news reader here uses).
pub(crate) fn news_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    files(dir, &mut out);
    out
}

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<PathBuf> = rd.filter_map(|e| e.ok().map(|e| e.path())).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            files(&p, out);
        } else if matches!(
            p.extension().and_then(|e| e.to_str()),
            Some("txt" | "json" | "jsonl" | "csv" | "tsv" | "transcription")
        ) {
            out.push(p);
        }
    }
}

/// Normalised word tokens of a text (runs of letters/digits; JSON escapes and markup split off).
fn words(text: &str, mut f: impl FnMut(Option<String>)) {
    for chunk in
        text.split(|c: char| !(c.is_alphanumeric() || mirsad_text::normalize::is_tashkeel(c)))
    {
        if chunk.is_empty() {
            f(None); // punctuation or space run: a weak boundary; only used to cut contexts at markup
            continue;
        }
        if chunk
            .chars()
            .any(|c| ('\u{0621}'..='\u{064A}').contains(&c))
        {
            f(Some(normalize_word(chunk)));
        } else {
            f(None);
        }
    }
}

/// Normalised Arabic tokens of shared/data/news as ids, with the id → word table and each id's
/// count. `GAP` marks file boundaries (no context crosses them).
pub(crate) struct Corpus {
    pub names: Vec<String>,
    pub stream: Vec<u32>,
    pub freq: Vec<u32>,
}

pub(crate) const GAP: u32 = u32::MAX;

/// Reads the news files in path order until `max_tokens` are collected.
pub(crate) fn read_corpus(news: &Path, max_tokens: usize, log: &mut dyn FnMut(&str)) -> Corpus {
    let paths = news_files(news);
    let mut ids: HashMap<String, u32> = HashMap::new();
    let mut names: Vec<String> = Vec::new();
    let mut stream: Vec<u32> = Vec::new();
    for p in &paths {
        let Ok(bytes) = std::fs::read(p) else {
            continue;
        };
        let text = String::from_utf8_lossy(&bytes);
        words(&text, |w| {
            if let Some(w) = w {
                let n = names.len() as u32;
                let id = *ids.entry(w).or_insert_with_key(|k| {
                    names.push(k.clone());
                    n
                });
                stream.push(id);
            }
        });
        stream.push(GAP);
        if stream.len() >= max_tokens {
            break;
        }
    }
    log(&format!(
        "{} tokens, {} types from {} files",
        stream.len(),
        names.len(),
        paths.len()
    ));
    let mut freq = vec![0u32; names.len()];
    for &t in &stream {
        if t != GAP {
            freq[t as usize] += 1;
        }
    }
    Corpus {
        names,
        stream,
        freq,
    }
}

/// Word id → its rank in `top` (`u32::MAX` for words outside it).
pub(crate) fn row_index(top: &[u32], n_words: usize) -> Vec<u32> {
    let mut row = vec![u32::MAX; n_words];
    for (r, &i) in top.iter().enumerate() {
        row[i as usize] = r as u32;
    }
    row
}

impl Corpus {
    /// Ids of the `vocab` most frequent words with at least `min_count` occurrences, most frequent
    /// first (ties by first occurrence, so the order is reproducible).
    pub(crate) fn top_words(&self, vocab: usize, min_count: u32) -> Vec<u32> {
        let mut by_freq: Vec<u32> = (0..self.names.len() as u32).collect();
        by_freq.sort_by(|&a, &b| {
            self.freq[b as usize]
                .cmp(&self.freq[a as usize])
                .then(a.cmp(&b))
        });
        by_freq.truncate(vocab);
        by_freq.retain(|&i| self.freq[i as usize] >= min_count);
        by_freq
    }
}

/// Learns clusters: normalised word → cluster id per granularity in `cfg.ks`.
pub fn learn(
    news: &Path,
    cfg: &ClusterConfig,
    log: &mut dyn FnMut(&str),
) -> HashMap<String, Vec<u16>> {
    let corpus = read_corpus(news, cfg.max_tokens, log);
    let top = corpus.top_words(cfg.vocab, cfg.min_count);
    let Corpus { names, stream, .. } = corpus;
    let v = top.len();
    let c = cfg.contexts.min(v);
    let row = row_index(&top, names.len());
    // co-occurrence counts: [v][2c] (left contexts, then right)
    let width = 2 * c;
    let mut counts = vec![0u32; v * width];
    for w in stream.windows(2) {
        let (a, b) = (w[0], w[1]);
        if a == GAP || b == GAP {
            continue;
        }
        let (ra, rb) = (row[a as usize] as usize, row[b as usize] as usize);
        if ra < v && rb < c {
            counts[ra * width + c + rb] += 1; // b is a's right context
        }
        if rb < v && ra < c {
            counts[rb * width + ra] += 1; // a is b's left context
        }
    }
    drop(stream);
    // PPMI, then a seeded random projection to `dims`
    let mut col = vec![0f64; width];
    let mut rowsum = vec![0f64; v];
    let mut total = 0f64;
    for r in 0..v {
        for k in 0..width {
            let x = counts[r * width + k] as f64;
            col[k] += x;
            rowsum[r] += x;
            total += x;
        }
    }
    let mut rng = Rng::new(cfg.seed);
    let d = cfg.dims;
    let proj: Vec<f32> = (0..width * d)
        .map(|_| if rng.next_u64() & 1 == 0 { 1.0 } else { -1.0 })
        .collect();
    let mut vecs = vec![0f32; v * d];
    for r in 0..v {
        let out = &mut vecs[r * d..(r + 1) * d];
        for k in 0..width {
            let x = counts[r * width + k] as f64;
            if x == 0.0 {
                continue;
            }
            let pmi = (x * total / (rowsum[r] * col[k])).ln();
            if pmi <= 0.0 {
                continue;
            }
            let p = &proj[k * d..(k + 1) * d];
            for j in 0..d {
                out[j] += pmi as f32 * p[j];
            }
        }
        normalise(out);
    }
    drop(counts);
    let mut result: HashMap<String, Vec<u16>> = HashMap::new();
    for &k in &cfg.ks {
        let assign = kmeans(
            &vecs,
            (v, d),
            k.min(v.max(1)),
            cfg.iters,
            &mut rng,
            scalar_dot,
        );
        for (r, &i) in top.iter().enumerate() {
            result
                .entry(names[i as usize].clone())
                .or_default()
                .push(assign[r]);
        }
        log(&format!("k-means k={k} done"));
    }
    result
}

pub(crate) fn normalise(x: &mut [f32]) {
    let n = x.iter().map(|a| a * a).sum::<f32>().sqrt();
    if n > 0.0 {
        x.iter_mut().for_each(|a| *a /= n);
    }
}

/// In-order dot product: what the PPMI clusters were built with; kept so their file stays
/// byte-identical across versions.
fn scalar_dot(x: &[f32], y: &[f32]) -> f32 {
    x.iter().zip(y).map(|(a, b)| a * b).sum()
}

/// Dot product in eight independent lanes, so the compiler can vectorise it (a plain iterator
/// sum of floats must keep its order and stays scalar).
#[inline]
pub(crate) fn dot(x: &[f32], y: &[f32]) -> f32 {
    let mut acc = [0f32; 8];
    let (xc, yc) = (x.chunks_exact(8), y.chunks_exact(8));
    let tail: f32 = xc
        .remainder()
        .iter()
        .zip(yc.remainder())
        .map(|(a, b)| a * b)
        .sum();
    for (a, b) in xc.zip(yc) {
        for ((lane, p), q) in acc.iter_mut().zip(a).zip(b) {
            *lane += p * q;
        }
    }
    acc.iter().sum::<f32>() + tail
}

/// Spherical k-means (cosine of unit vectors by `sim`), centroids seeded from distinct random
/// points.
pub(crate) fn kmeans(
    vecs: &[f32],
    (n, d): (usize, usize),
    k: usize,
    iters: usize,
    rng: &mut Rng,
    sim: fn(&[f32], &[f32]) -> f32,
) -> Vec<u16> {
    let mut idx: Vec<usize> = (0..n).collect();
    rng.shuffle(&mut idx);
    let mut cent: Vec<f32> = idx[..k]
        .iter()
        .flat_map(|&i| vecs[i * d..(i + 1) * d].to_vec())
        .collect();
    let mut assign = vec![0u16; n];
    for _ in 0..iters {
        for i in 0..n {
            let x = &vecs[i * d..(i + 1) * d];
            let mut best = f32::NEG_INFINITY;
            let mut arg = 0;
            for j in 0..k {
                let cj = &cent[j * d..(j + 1) * d];
                let s = sim(x, cj);
                if s > best {
                    best = s;
                    arg = j;
                }
            }
            assign[i] = arg as u16;
        }
        let mut sums = vec![0f32; k * d];
        let mut sizes = vec![0usize; k];
        for i in 0..n {
            let a = assign[i] as usize;
            sizes[a] += 1;
            for j in 0..d {
                sums[a * d + j] += vecs[i * d + j];
            }
        }
        for j in 0..k {
            if sizes[j] == 0 {
                // empty cluster: reseed from a random point
                let p = (rng.next_u64() % n as u64) as usize;
                sums[j * d..(j + 1) * d].copy_from_slice(&vecs[p * d..(p + 1) * d]);
            }
            normalise(&mut sums[j * d..(j + 1) * d]);
        }
        cent = sums;
    }
    assign
}

/// Writes `word<TAB>id,id,id` lines, sorted for reproducible files (also the quantised skip-gram
/// vectors, `word<TAB>x,x,…`).
pub fn save<V: std::fmt::Display>(
    cl: &HashMap<String, Vec<V>>,
    path: &Path,
) -> std::io::Result<()> {
    let mut keys: Vec<&String> = cl.keys().collect();
    keys.sort();
    let mut s = String::new();
    for k in keys {
        let ids: Vec<String> = cl[k].iter().map(|i| i.to_string()).collect();
        s.push_str(&format!("{k}\t{}\n", ids.join(",")));
    }
    std::fs::write(path, s)
}

pub fn load<V: std::str::FromStr>(path: &Path) -> std::io::Result<HashMap<String, Vec<V>>> {
    let text = std::fs::read_to_string(path)?;
    Ok(text
        .lines()
        .filter_map(|l| {
            let (w, ids) = l.split_once('\t')?;
            let ids = ids.split(',').filter_map(|i| i.parse().ok()).collect();
            Some((w.to_string(), ids))
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clusters_group_words_seen_in_the_same_contexts() {
        let dir = std::env::temp_dir().join(format!("mirsad-ner-cl-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let mut text = String::new();
        for i in 0..200 {
            let city = ["القاهرة", "دمشق", "بغداد"][i % 3];
            let name = ["بوتين", "ماكرون", "أردوغان"][i % 3];
            text.push_str(&format!("وصل الرئيس {name} إلى مدينة {city} اليوم . "));
        }
        std::fs::write(dir.join("a.txt"), text).unwrap();
        let cfg = ClusterConfig {
            min_count: 2,
            ks: vec![2],
            contexts: 20,
            ..Default::default()
        };
        let cl = learn(&dir, &cfg, &mut |_| {});
        let id = |w: &str| cl[&normalize_word(w)][0];
        assert_eq!(id("بوتين"), id("ماكرون"));
        assert_eq!(id("دمشق"), id("بغداد"));
        let p = dir.join("cl.tsv");
        save(&cl, &p).unwrap();
        assert_eq!(load(&p).unwrap(), cl);
        std::fs::remove_dir_all(&dir).ok();
    }
}
