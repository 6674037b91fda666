//! The tagger: hashed emission weights plus first-order tag transitions, decoded with Viterbi.

use crate::features::{Extractor, Resources};
use crate::memory::memory_features;
use crate::tags::{bio_from_bioes, bioes_allows, bioes_may_end, BioTag, N_BIOES, N_TAGS};
use flate2::read::GzDecoder;
use flate2::write::GzEncoder;
use serde::{Deserialize, Serialize};
use std::io::{Read, Write};

const MAGIC: &[u8; 4] = b"MNER";
const VERSION: u32 = 2;

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
    /// One scale per weight table (real weight = stored i16 × scale); two tables = stacked model
    /// (first pass, then a second pass with document memory).
    pub scales: Vec<f32>,
    /// Document-memory window of the second pass, in sentences either side.
    pub window: usize,
    /// Free-text provenance: data, epochs, seed, command.
    pub trained_on: String,
    pub resources: Resources,
    /// Subtracted from the `O` score of every token in the final pass (real weight units). The
    /// perceptron ends up conservative (precision well above recall); a small penalty, chosen on
    /// a validation slice of the training part, trades some precision for recall. 0 in older
    /// model files.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub o_penalty: f32,
    /// Real-valued inputs per token (`features::DENSE_POSITIONS` × vector length) whose
    /// `dense_dims × n_tags` weights follow each table's transitions; 0 (absent) in models
    /// without vectors.
    #[serde(default, skip_serializing_if = "is_zero_usize")]
    pub dense_dims: usize,
}

fn is_zero_usize(x: &usize) -> bool {
    *x == 0
}

fn is_zero(x: &f32) -> bool {
    *x == 0.0
}

/// One weight table: `n_buckets × N_TAGS` quantised emissions and `(N_TAGS + 1) × N_TAGS`
/// transitions in stored units (row N_TAGS is the start state). The training-side form; a
/// [`NerModel`] packs its tables into [`Row`]s for tagging.
#[derive(Clone)]
pub struct Table {
    weights: Vec<i16>,
    trans: Vec<f32>,
    /// Weights of the real-valued inputs (`dense_dims × n_tags`, stored units); empty without.
    dense: Vec<f32>,
    scale: f32,
}

impl Table {
    /// Tag classes of the table (N_TAGS for BIO, N_BIOES for BIOES), read off the transitions.
    pub fn n_tags(&self) -> usize {
        n_tags_of_transitions(self.trans.len())
    }

    /// Quantises hashed weights, transitions and real-valued input weights (`dense`, empty for
    /// a model without vectors) to the same stored units.
    pub fn from_float(weights: &[f32], trans: &[f32], dense: &[f32]) -> Table {
        let max = weights.iter().fold(0f32, |m, w| m.max(w.abs())).max(1e-6);
        let scale = max / 32767.0;
        Table {
            weights: weights
                .iter()
                .map(|w| (w / scale).round().clamp(-32767.0, 32767.0) as i16)
                .collect(),
            trans: trans.iter().map(|t| t / scale).collect(),
            dense: dense.iter().map(|t| t / scale).collect(),
            scale,
        }
    }
}

/// Per table: transitions (stored units) and scale.
#[derive(Clone)]
struct Head {
    trans: Vec<f32>,
    dense: Vec<f32>,
    scale: f32,
}

/// Adds the real-valued inputs' scores to `em` (`n × nt`): `inputs` holds `dd` quantised values
/// a token, each worth `value` apiece, and `weights` is `dd × nt`.
pub(crate) fn add_dense(
    em: &mut [f32],
    nt: usize,
    inputs: &[i8],
    dd: usize,
    weights: &[f32],
    value: f32,
) {
    if dd == 0 {
        return;
    }
    for (e, x) in em.chunks_exact_mut(nt).zip(inputs.chunks_exact(dd)) {
        for (&q, w) in x.iter().zip(weights.chunks_exact(nt)) {
            if q != 0 {
                let v = q as f32 * value;
                for (a, &b) in e.iter_mut().zip(w) {
                    *a += v * b;
                }
            }
        }
    }
}

/// Tag classes whose `(n + 1) × n` transitions have this length.
fn n_tags_of_transitions(len: usize) -> usize {
    if len == (N_BIOES + 1) * N_BIOES {
        N_BIOES
    } else {
        N_TAGS
    }
}

/// Most tables a model may have (first pass, second pass).
const MAX_TABLES: usize = 2;

/// The weights of one hash bucket for *both* tables: table k's tag weights at lanes
/// `W / MAX_TABLES * k ..`. A bucket's features are hashed the same way for both passes, so the
/// first pass fetches the row once and gets the second pass's base emissions with it; the tables
/// are 2^20 buckets (tens of MB), so tagging time is mostly cache misses. A BIO row (9 tags, 16
/// lanes a table) is one 64-byte cache line; a BIOES row (17 tags, 32 lanes) is two.
#[derive(Clone, Copy)]
#[repr(C, align(64))]
struct Row<const W: usize>([i16; W]);

const BIO_WIDTH: usize = 32;
const BIOES_WIDTH: usize = 64;

/// The packed tables, in the width the model's tag encoding needs.
enum Rows {
    Bio(Vec<Row<BIO_WIDTH>>),
    Bioes(Vec<Row<BIOES_WIDTH>>),
}

fn zero_rows<const W: usize>(n: usize) -> Vec<Row<W>> {
    let mut rows = Vec::with_capacity(n);
    ask_for_huge_pages(&rows);
    rows.resize(n, Row([0; W]));
    rows
}

fn pack_into<const W: usize>(tables: &[Table], nt: usize) -> Vec<Row<W>> {
    let lanes = W / MAX_TABLES;
    let mut rows = zero_rows(tables.first().map_or(0, |t| t.weights.len() / nt));
    for (k, t) in tables.iter().enumerate() {
        for (row, w) in rows.iter_mut().zip(t.weights.chunks_exact(nt)) {
            row.0[lanes * k..lanes * k + nt].copy_from_slice(w);
        }
    }
    rows
}

fn pack(tables: &[Table], nt: usize) -> Rows {
    if nt == N_BIOES {
        Rows::Bioes(pack_into(tables, nt))
    } else {
        Rows::Bio(pack_into(tables, nt))
    }
}

/// Every feature lookup lands on a random bucket of a 64 MB table, so with 4 KB pages nearly
/// every lookup also misses the TLB. Asking for transparent huge pages (before the pages are first
/// written) removes most of those misses. Only a hint: where the kernel says no, nothing changes.
fn ask_for_huge_pages<T>(rows: &Vec<T>) {
    #[cfg(target_os = "linux")]
    {
        const PAGE: usize = 4096;
        let start = rows.as_ptr() as usize;
        let end = start + rows.capacity() * std::mem::size_of::<T>();
        let aligned = start.div_ceil(PAGE) * PAGE;
        if end > aligned + PAGE {
            // SAFETY: the range lies inside `rows`' own allocation, page-aligned at the start;
            // MADV_HUGEPAGE changes only how the kernel backs these pages, never their contents.
            unsafe {
                libc::madvise(
                    aligned as *mut libc::c_void,
                    end - aligned,
                    libc::MADV_HUGEPAGE,
                );
            }
        }
    }
    #[cfg(not(target_os = "linux"))]
    let _ = rows;
}

/// Integer sums of the rows of `feats` (per token, by `offsets`), converted once to f32: table
/// k's into `em[k]` (`em[k]` is overwritten; tables beyond `em.len()` are not read). `NT` tag
/// classes per table. Kept out of line: inlined into its caller next to the BIOES
/// instantiation, the summing loop lost its SIMD form (perf annotate) and tagging ran ≈ 10%
/// slower.
#[inline(never)]
fn emissions<const W: usize, const NT: usize>(
    rows: &[Row<W>],
    feats: &[u32],
    offsets: &[usize],
    em: &mut [&mut Vec<f32>],
) {
    let lanes = W / MAX_TABLES;
    let n = offsets.len().saturating_sub(1);
    for e in em.iter_mut() {
        e.clear();
        e.resize(n * NT, 0.0);
    }
    touch(rows, &feats[..offsets.last().copied().unwrap_or(0)]);
    for i in 0..n {
        let mut acc = [0i32; W];
        for &f in &feats[offsets[i]..offsets[i + 1]] {
            let row = &rows[f as usize].0;
            for (a, &w) in acc.iter_mut().zip(row) {
                *a += w as i32;
            }
        }
        for (k, e) in em.iter_mut().enumerate() {
            for t in 0..NT {
                e[i * NT + t] = acc[lanes * k + t] as f32;
            }
        }
    }
}

/// Loads one word of every row `feats` name, so the cache misses overlap: a loop of a few
/// independent loads keeps many more misses in flight than the summing loop, whose per-feature
/// work fills the out-of-order window after a few dozen rows. The summing loop then hits cache.
fn touch<const W: usize>(rows: &[Row<W>], feats: &[u32]) {
    let mut x = 0i16;
    for &f in feats {
        x |= rows[f as usize].0[0];
    }
    std::hint::black_box(x);
}

/// Adds table `k`'s emissions of `feats` to `em` (the second pass's memory features).
fn add_emissions<const W: usize, const NT: usize>(
    rows: &[Row<W>],
    k: usize,
    feats: &[u32],
    offsets: &[usize],
    em: &mut [f32],
) {
    let lanes = W / MAX_TABLES;
    let n = offsets.len().saturating_sub(1);
    for i in 0..n {
        let mut acc = [0i32; NT];
        for &f in &feats[offsets[i]..offsets[i + 1]] {
            let row = &rows[f as usize].0[lanes * k..lanes * k + NT];
            for (a, &w) in acc.iter_mut().zip(row) {
                *a += w as i32;
            }
        }
        for t in 0..NT {
            em[i * NT + t] += acc[t] as f32;
        }
    }
}

/// Reads table `k`'s little-endian i16 weights (`nt` a bucket) into the rows.
fn fill_rows<const W: usize>(rows: &mut [Row<W>], k: usize, nt: usize, bytes: &[u8]) {
    let lanes = W / MAX_TABLES;
    for (row, b) in rows.iter_mut().zip(bytes.chunks_exact(2 * nt)) {
        for (w, c) in row.0[lanes * k..lanes * k + nt]
            .iter_mut()
            .zip(b.chunks_exact(2))
        {
            *w = i16::from_le_bytes([c[0], c[1]]);
        }
    }
}

/// Table `k`'s weights as little-endian i16, `nt` a bucket.
fn table_bytes<const W: usize>(rows: &[Row<W>], k: usize, nt: usize) -> Vec<u8> {
    let lanes = W / MAX_TABLES;
    let mut buf = Vec::with_capacity(rows.len() * nt * 2);
    for row in rows {
        for w in &row.0[lanes * k..lanes * k + nt] {
            buf.extend_from_slice(&w.to_le_bytes());
        }
    }
    buf
}

pub struct NerModel {
    pub info: ModelInfo,
    heads: Vec<Head>,
    rows: Rows,
}

/// Viterbi over `n × N_TAGS` emission scores and `(N_TAGS+1) × N_TAGS` transitions. Transitions
/// that BIO forbids (I-X not after B-X/I-X, I-X at the start) are never taken, so the output is
/// always well formed.
pub fn viterbi(em: &[f32], trans: &[f32], n: usize) -> Vec<usize> {
    let t = tables();
    viterbi_under(em, trans, n, &t.bio, &[true; N_TAGS])
}

/// Viterbi in the tag space of `nt` classes (N_TAGS: [`viterbi`]; N_BIOES: BIOES constraints,
/// no sentence ending inside a span). Returns indices of that space.
pub fn decode(em: &[f32], trans: &[f32], n: usize, nt: usize) -> Vec<usize> {
    if nt == N_BIOES {
        let t = tables();
        viterbi_under(em, trans, n, &t.bioes, &t.bioes_end)
    } else {
        viterbi(em, trans, n)
    }
}

/// A decoded path of `nt` classes as BIO indices.
pub fn to_bio(path: Vec<usize>, nt: usize) -> Vec<usize> {
    if nt == N_BIOES {
        path.into_iter().map(bio_from_bioes).collect()
    } else {
        path
    }
}

/// `allowed[prev][next]` (prev = T: sentence start) and the tags a sentence may end on.
fn viterbi_under<const T: usize, const T1: usize>(
    em: &[f32],
    trans: &[f32],
    n: usize,
    allowed: &[[bool; T]; T1],
    may_end: &[bool; T],
) -> Vec<usize> {
    if n == 0 {
        return Vec::new();
    }
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
        .filter(|&k| may_end[k])
        .max_by(|&a, &b| last[a].total_cmp(&last[b]))
        .unwrap_or(0);
    for i in (0..n).rev() {
        out[i] = k;
        k = back[i * T + k] as usize;
    }
    out
}

struct Constraints {
    bio: [[bool; N_TAGS]; N_TAGS + 1],
    bioes: [[bool; N_BIOES]; N_BIOES + 1],
    bioes_end: [bool; N_BIOES],
}

fn tables() -> &'static Constraints {
    static C: std::sync::OnceLock<Constraints> = std::sync::OnceLock::new();
    C.get_or_init(|| {
        let mut bio = [[true; N_TAGS]; N_TAGS + 1];
        for (j, row) in bio.iter_mut().enumerate() {
            for (k, cell) in row.iter_mut().enumerate() {
                let next = BioTag::from_index(k);
                *cell = if j == N_TAGS {
                    !matches!(next, BioTag::I(_))
                } else {
                    BioTag::from_index(j).allows(next)
                };
            }
        }
        let mut bioes = [[true; N_BIOES]; N_BIOES + 1];
        for (j, row) in bioes.iter_mut().enumerate() {
            for (k, cell) in row.iter_mut().enumerate() {
                *cell = bioes_allows(j, k);
            }
        }
        Constraints {
            bio,
            bioes,
            bioes_end: std::array::from_fn(bioes_may_end),
        }
    })
}

/// Per-sentence work of the first pass, kept for the second.
struct Pass1 {
    keys: Vec<(u64, u64)>,
    /// In the model's tag encoding.
    tags: Vec<usize>,
    /// First-table emissions.
    em: Vec<f32>,
    /// Second-table emissions of the same features (empty for a one-table model).
    em2: Vec<f32>,
}

impl NerModel {
    /// Builds a model from trained tables (first pass, optional second pass).
    pub fn new(
        tables: Vec<Table>,
        n_buckets: usize,
        window: usize,
        mut resources: Resources,
        trained_on: String,
    ) -> Self {
        assert!(
            (1..=MAX_TABLES).contains(&tables.len()),
            "one or two weight tables"
        );
        resources.prepare();
        let nt = tables[0].n_tags();
        assert!(
            tables.iter().all(|t| t.n_tags() == nt),
            "the tables of one model share their tag encoding"
        );
        let dense_dims = tables[0].dense.len() / nt;
        let info = ModelInfo {
            dense_dims,
            n_buckets,
            n_tags: nt,
            scales: tables.iter().map(|t| t.scale).collect(),
            window,
            trained_on,
            resources,
            o_penalty: 0.0,
        };
        NerModel {
            rows: pack(&tables, nt),
            heads: tables
                .into_iter()
                .map(|t| Head {
                    trans: t.trans,
                    dense: t.dense,
                    scale: t.scale,
                })
                .collect(),
            info,
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
        let mut info: ModelInfo =
            serde_json::from_slice(body).map_err(|e| ModelError::Format(e.to_string()))?;
        info.resources.prepare();
        let nt = info.n_tags;
        if !(nt == N_TAGS || nt == N_BIOES)
            || !info.n_buckets.is_power_of_two()
            || !(1..=MAX_TABLES).contains(&info.scales.len())
        {
            return Err(bad("incompatible tag set, table size or table count"));
        }
        let mut at = 12 + hlen;
        let nw = info.n_buckets * nt;
        let ntrans = (nt + 1) * nt;
        // straight into the packed rows: no second copy of the tables at peak memory
        let mut rows = if nt == N_BIOES {
            Rows::Bioes(zero_rows(info.n_buckets))
        } else {
            Rows::Bio(zero_rows(info.n_buckets))
        };
        let mut heads = Vec::new();
        for (k, &scale) in info.scales.iter().enumerate() {
            let wbytes = raw
                .get(at..at + 2 * nw)
                .ok_or_else(|| bad("truncated weights"))?;
            match &mut rows {
                Rows::Bio(r) => fill_rows(r, k, nt, wbytes),
                Rows::Bioes(r) => fill_rows(r, k, nt, wbytes),
            }
            at += 2 * nw;
            let floats = |at: usize, len: usize, what: &str| {
                raw.get(at..at + 4 * len)
                    .map(|b| {
                        b.chunks_exact(4)
                            .map(|c| f32::from_le_bytes([c[0], c[1], c[2], c[3]]))
                            .collect::<Vec<f32>>()
                    })
                    .ok_or_else(|| bad(&format!("truncated {what}")))
            };
            let trans = floats(at, ntrans, "transitions")?;
            at += 4 * ntrans;
            let nd = info.dense_dims * nt;
            let dense = floats(at, nd, "real-valued weights")?;
            at += 4 * nd;
            heads.push(Head {
                trans,
                dense,
                scale,
            });
        }
        Ok(NerModel { info, heads, rows })
    }

    pub fn save(&self) -> Result<Vec<u8>, ModelError> {
        let header =
            serde_json::to_vec(&self.info).map_err(|e| ModelError::Format(e.to_string()))?;
        let mut enc = GzEncoder::new(Vec::new(), flate2::Compression::best());
        enc.write_all(MAGIC)?;
        enc.write_all(&VERSION.to_le_bytes())?;
        enc.write_all(&(header.len() as u32).to_le_bytes())?;
        enc.write_all(&header)?;
        for (k, h) in self.heads.iter().enumerate() {
            let buf = match &self.rows {
                Rows::Bio(r) => table_bytes(r, k, self.info.n_tags),
                Rows::Bioes(r) => table_bytes(r, k, self.info.n_tags),
            };
            enc.write_all(&buf)?;
            for x in h.trans.iter().chain(&h.dense) {
                enc.write_all(&x.to_le_bytes())?;
            }
        }
        Ok(enc.finish()?)
    }

    pub fn extractor(&self) -> Extractor<'_> {
        Extractor::new(&self.info.resources, self.info.n_buckets)
    }

    /// Applies [`ModelInfo::o_penalty`] to emissions in table `k`'s units.
    fn penalise_o(&self, em: &mut [f32], k: usize) {
        if self.info.o_penalty != 0.0 {
            let d = self.info.o_penalty / self.heads[k].scale;
            for row in em.chunks_exact_mut(self.info.n_tags) {
                row[0] -= d;
            }
        }
    }

    /// Table `k`'s emissions of the features into `em[k]`, in the model's tag encoding.
    fn sum_rows(&self, feats: &[u32], offsets: &[usize], em: &mut [&mut Vec<f32>]) {
        match &self.rows {
            Rows::Bio(r) => emissions::<BIO_WIDTH, N_TAGS>(r, feats, offsets, em),
            Rows::Bioes(r) => emissions::<BIOES_WIDTH, N_BIOES>(r, feats, offsets, em),
        }
    }

    /// Table `k`'s scores of the real-valued inputs (from [`Extractor::dense_inputs`]).
    fn add_dense_of(&self, em: &mut [f32], k: usize, inputs: &[i8]) {
        add_dense(
            em,
            self.info.n_tags,
            inputs,
            self.info.dense_dims,
            &self.heads[k].dense,
            self.info.resources.vector_value,
        );
    }

    /// Viterbi path under table `k`'s transitions, in the model's tag encoding.
    fn decode_with(&self, em: &[f32], k: usize, n: usize) -> Vec<usize> {
        decode(em, &self.heads[k].trans, n, self.info.n_tags)
    }

    pub fn is_stacked(&self) -> bool {
        self.heads.len() > 1
    }

    fn pass1(&self, ex: &Extractor, tokens: &[&str]) -> Pass1 {
        let (mut feats, mut offsets, mut keys) = (Vec::new(), Vec::new(), Vec::new());
        ex.extract_keys(tokens, &mut feats, &mut offsets, &mut keys);
        let (mut em, mut em2) = (Vec::new(), Vec::new());
        if self.is_stacked() {
            self.sum_rows(&feats, &offsets, &mut [&mut em, &mut em2]);
        } else {
            self.sum_rows(&feats, &offsets, &mut [&mut em]);
        }
        if self.info.dense_dims > 0 {
            let mut inputs = Vec::new();
            ex.dense_inputs(tokens, &mut inputs);
            self.add_dense_of(&mut em, 0, &inputs);
            if self.is_stacked() {
                self.add_dense_of(&mut em2, 1, &inputs);
            }
        }
        if !self.is_stacked() {
            self.penalise_o(&mut em, 0);
        }
        let tags = self.decode_with(&em, 0, tokens.len());
        Pass1 {
            keys,
            tags,
            em,
            em2,
        }
    }

    /// Tags a running text given as sentences (a document, or a whole CoNLL file): the second
    /// pass sees how the first pass labelled the same words within ±`window` sentences. Returns
    /// per token the tag and a confidence: the softmax probability of the chosen tag under the
    /// token's emission scores (an uncalibrated ranking signal, not a probability of the span).
    pub fn tag_sentences_with_confidence(&self, sents: &[Vec<&str>]) -> Vec<Vec<(BioTag, f32)>> {
        let ex = self.extractor();
        let mut first: Vec<Pass1> = sents.iter().map(|s| self.pass1(&ex, s)).collect();
        let nt = self.info.n_tags;
        let conf = |em: &[f32], path: &[usize], scale: f32| -> Vec<(BioTag, f32)> {
            let bio = |k: usize| if nt == N_BIOES { bio_from_bioes(k) } else { k };
            path.iter()
                .enumerate()
                .map(|(i, &k)| {
                    let b = bio(k);
                    let row = &em[i * nt..(i + 1) * nt];
                    let m = row.iter().fold(f32::NEG_INFINITY, |a, &b| a.max(b));
                    let z: f32 = row.iter().map(|&s| ((s - m) * scale).exp()).sum();
                    (BioTag::from_index(b), ((row[k] - m) * scale).exp() / z)
                })
                .collect()
        };
        if !self.is_stacked() {
            return first
                .iter()
                .map(|p| conf(&p.em, &p.tags, self.heads[0].scale))
                .collect();
        }
        let (mut keys, mut tags) = (
            Vec::with_capacity(first.len()),
            Vec::with_capacity(first.len()),
        );
        for p in &mut first {
            keys.push(std::mem::take(&mut p.keys));
            tags.push(to_bio(std::mem::take(&mut p.tags), nt));
        }
        let mem = memory_features(
            &keys,
            &tags,
            self.info.window,
            self.info.n_buckets as u64 - 1,
            self.info.resources.feature_set,
        );
        first
            .iter_mut()
            .zip(&mem)
            .map(|(p, (mf, mo))| {
                let n = p.em2.len() / nt;
                match &self.rows {
                    Rows::Bio(r) => add_emissions::<BIO_WIDTH, N_TAGS>(r, 1, mf, mo, &mut p.em2),
                    Rows::Bioes(r) => {
                        add_emissions::<BIOES_WIDTH, N_BIOES>(r, 1, mf, mo, &mut p.em2)
                    }
                }
                self.penalise_o(&mut p.em2, 1);
                let path = self.decode_with(&p.em2, 1, n);
                conf(&p.em2, &path, self.heads[1].scale)
            })
            .collect()
    }

    /// Viterbi path of precomputed features under the first table, as BIO indices (training's
    /// jackknife: they become the second pass's document memory).
    pub(crate) fn decode_features(
        &self,
        feats: &[u32],
        offsets: &[usize],
        dense: &[i8],
        value: f32,
    ) -> Vec<usize> {
        let n = offsets.len().saturating_sub(1);
        let mut em = Vec::new();
        self.sum_rows(feats, offsets, &mut [&mut em]);
        add_dense(
            &mut em,
            self.info.n_tags,
            dense,
            self.info.dense_dims,
            &self.heads[0].dense,
            value,
        );
        to_bio(self.decode_with(&em, 0, n), self.info.n_tags)
    }

    /// [`NerModel::tag_sentences_with_confidence`] without the confidences.
    pub fn tag_sentences(&self, sents: &[Vec<&str>]) -> Vec<Vec<BioTag>> {
        self.tag_sentences_with_confidence(sents)
            .into_iter()
            .map(|s| s.into_iter().map(|(t, _)| t).collect())
            .collect()
    }

    /// BIO tags of one sentence on its own (the document memory then covers only this sentence;
    /// prefer [`NerModel::tag_sentences`] for running text).
    pub fn tag(&self, tokens: &[&str]) -> Vec<BioTag> {
        self.tag_sentences(&[tokens.to_vec()])
            .pop()
            .unwrap_or_default()
    }

    /// One sentence with confidences.
    pub fn tag_with_confidence(&self, tokens: &[&str]) -> Vec<(BioTag, f32)> {
        self.tag_sentences_with_confidence(&[tokens.to_vec()])
            .pop()
            .unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A stacked model whose two tables are the same weights, with window 3.
    fn two_tables(w: &[f32], tr: &[f32], nb: usize, res: Resources) -> NerModel {
        NerModel::new(
            vec![Table::from_float(w, tr, &[]), Table::from_float(w, tr, &[])],
            nb,
            3,
            res,
            "test".into(),
        )
    }

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
        let m = two_tables(&w, &tr, nb, res);
        let bytes = m.save().unwrap();
        let m2 = NerModel::load(&bytes).unwrap();
        assert_eq!(m2.heads.len(), 2);
        let (Rows::Bio(a), Rows::Bio(b)) = (&m2.rows, &m.rows) else {
            panic!("a BIO model packs BIO rows");
        };
        assert!(a.iter().zip(b).all(|(a, b)| a.0 == b.0));
        assert_eq!(m2.heads[0].trans, m.heads[0].trans);
        assert_eq!(m.save().unwrap(), bytes);
        assert_eq!(m2.info.window, 3);
        assert_eq!(m2.info.resources.gaz.len(), 1);
        assert_eq!(m2.tag(&["في", "موسكو"]).len(), 2);
        assert!(NerModel::load(b"junk").is_err());
    }

    #[test]
    fn o_penalty_trades_o_for_entities_and_round_trips() {
        let nb = 16;
        // every bucket votes O a little more than B-PER
        let w: Vec<f32> = (0..nb * N_TAGS)
            .map(|i| match i % N_TAGS {
                0 => 1.0,
                1 => 0.9,
                _ => 0.0,
            })
            .collect();
        let tr = vec![0f32; (N_TAGS + 1) * N_TAGS];
        let mut m = two_tables(&w, &tr, nb, Resources::default());
        let toks = ["قال", "بوتين"];
        assert!(m.tag(&toks).iter().all(|t| *t == BioTag::O));
        let unpenalised = m.save().unwrap();
        m.info.o_penalty = 1000.0;
        assert!(m.tag(&toks).iter().all(|t| *t != BioTag::O));
        let m2 = NerModel::load(&m.save().unwrap()).unwrap();
        assert_eq!(m2.info.o_penalty, 1000.0);
        // a zero penalty is not written, so older model files stay byte-identical
        m.info.o_penalty = 0.0;
        assert_eq!(m.save().unwrap(), unpenalised);
    }

    #[test]
    fn bioes_model_decodes_well_formed_bio_and_round_trips() {
        let nb = 16;
        let nt = N_BIOES;
        // every bucket prefers B-PER, then I-PER: unconstrained, a sentence would end inside an
        // open span; BIOES has to close it with E-PER (read back as I-PER)
        let w: Vec<f32> = (0..nb * nt)
            .map(|i| match i % nt {
                1 => 3.0,
                2 => 2.0,
                3 => 1.0,
                4 => 0.5,
                _ => 0.0,
            })
            .collect();
        let tr = vec![0f32; (nt + 1) * nt];
        let m = two_tables(&w, &tr, nb, Resources::default());
        assert_eq!(m.info.n_tags, N_BIOES);
        let per = mirsad_core::EntityLabel::PER;
        let tags = m.tag(&["قال", "بوتين", "أمس"]);
        assert_eq!(tags, vec![BioTag::B(per), BioTag::I(per), BioTag::I(per)]);
        let bytes = m.save().unwrap();
        let m2 = NerModel::load(&bytes).unwrap();
        assert_eq!(m2.info.n_tags, N_BIOES);
        assert_eq!(m2.save().unwrap(), bytes);
        assert_eq!(m2.tag(&["قال", "بوتين", "أمس"]), tags);
        // the path itself: B I E, never B or I last
        let em: Vec<f32> = w[..3 * nt].to_vec();
        assert_eq!(decode(&em, &tr, 3, nt), vec![1, 2, 3]);
        assert_eq!(decode(&em[..nt], &tr, 1, nt), vec![4]);
        assert_eq!(to_bio(vec![1, 2, 3], nt), vec![1, 2, 2]);
    }
}
