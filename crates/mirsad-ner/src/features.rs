//! Feature extraction for Arabic NER, hashed into a fixed-size weight table.
//!
//! Arabic has no capitalisation, attaches conjunctions, prepositions and the article to the word
//! (وبالقاهرة = و + ب + ال + القاهرة), and spells the same name several ways. So the features lean on
//! the project's matching normaliser, on clitic-stripped stems and their affixes, on the words
//! around the token (titles such as الرئيس, verbs such as قال), on gazetteers and on word clusters
//! learnt from raw news. Every feature is a hash of (template id, value) reduced to a bucket of
//! the weight table: no feature dictionary is stored, which keeps the model small and lookups fast.

use crate::news_lexicon::{coarse, STEM_KEY};
use crate::pos_lexicon::pos_of;
use mirsad_text::normalize_word;
use rustc_hash::{FxHashMap, FxHashSet};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// Gazetteer bits of a word or phrase.
pub type GazBits = u16;
pub const GAZ_FIRST: GazBits = 1;
pub const GAZ_LAST: GazBits = 2;
pub const GAZ_CITY: GazBits = 4;
pub const GAZ_COUNTRY: GazBits = 8;
/// Silver bits: words and phrases that WikiANN's anchor-derived annotation mostly marks as
/// PER / LOC / ORG (optional, see `build_wikiann_gazetteer`).
pub const GAZ_WPER: GazBits = 16;
pub const GAZ_WLOC: GazBits = 32;
pub const GAZ_WORG: GazBits = 64;
/// Person and organisation names of the project's actor KB (`kb/`, optional, see
/// `add_kb_gazetteer`).
pub const GAZ_KPER: GazBits = 128;
pub const GAZ_KORG: GazBits = 256;
/// Words that follow person / organisation / place / product trigger words in raw news (optional,
/// see `triggers.rs`).
pub const GAZ_TPER: GazBits = 512;
pub const GAZ_TORG: GazBits = 1024;
pub const GAZ_TLOC: GazBits = 2048;
pub const GAZ_TMISC: GazBits = 4096;

/// Lexical resources that travel inside the model file, so tagging needs nothing from shared/.
/// The maps use Fx hashing: they are probed several times per token, and SipHash's DoS
/// resistance buys nothing for a fixed, trusted key set.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Resources {
    /// Normalised single word or phrase (words joined by one space) → `GAZ_*` bits.
    #[serde(serialize_with = "sorted")]
    pub gaz: FxHashMap<String, GazBits>,
    /// Normalised word → cluster ids at increasing granularity (coarse to fine).
    #[serde(serialize_with = "sorted")]
    pub clusters: FxHashMap<String, Vec<u16>>,
    /// First words of multi-word gazetteer entries (derived by [`Resources::prepare`]), so the
    /// phrase matcher only builds keys where a phrase can start.
    #[serde(skip)]
    pub heads: FxHashSet<String>,
    /// Optional feature templates (`FEAT_*` bits) the model was trained with. Absent (0) in
    /// models trained before they existed, which therefore extract exactly as before.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub feature_set: u32,
    /// Self-trained news lexicon (`news_lexicon.rs`): normalised word, or `|` + stem → code.
    /// Empty in models trained without it, which therefore extract exactly as before.
    #[serde(
        default,
        skip_serializing_if = "HashMap::is_empty",
        serialize_with = "sorted"
    )]
    pub news: FxHashMap<String, u8>,
    /// Part-of-speech lexicon (`pos_lexicon.rs`): normalised word, or `|` + stem → code. Empty in
    /// models trained without it, which therefore extract exactly as before.
    #[serde(
        default,
        skip_serializing_if = "HashMap::is_empty",
        serialize_with = "sorted"
    )]
    pub pos: FxHashMap<String, u8>,
    /// Quantised skip-gram vectors (`embeddings::quantise`) of news words, the real-valued
    /// inputs of models trained with `--embedding-vectors`. Empty in other models, which
    /// therefore extract exactly as before.
    #[serde(
        default,
        skip_serializing_if = "HashMap::is_empty",
        serialize_with = "sorted"
    )]
    pub vectors: FxHashMap<String, Vec<i8>>,
    /// What a vector component is worth as a feature value: value = stored i8 × this.
    #[serde(default, skip_serializing_if = "is_zero_f32")]
    pub vector_value: f32,
}

fn is_zero(x: &u32) -> bool {
    *x == 0
}

fn is_zero_f32(x: &f32) -> bool {
    *x == 0.0
}

/// Real-valued inputs per token: the vectors of the token and of its left and right neighbour.
pub const DENSE_POSITIONS: usize = 3;

/// Four-character stem affixes and the finest cluster ids of the ±1 neighbours.
pub const FEAT_WIDE_AFFIX: u32 = 1;
/// Second pass: first-pass tags at ±2 and the document memory of the ±1 neighbours.
pub const FEAT_WIDE_MEMORY: u32 = 2;
/// Second pass: the first pass's whole spans (length, position, the words around them).
pub const FEAT_SPANS: u32 = 4;
/// Train the part-of-speech lexicon's features into the first pass only.
pub const FEAT_POS_FIRST_PASS: u32 = 8;

/// Writes a map in key order, so the same training run gives a byte-identical model file.
fn sorted<S: serde::Serializer, V: Serialize, H>(
    m: &HashMap<String, V, H>,
    s: S,
) -> Result<S::Ok, S::Error> {
    let b: std::collections::BTreeMap<&String, &V> = m.iter().collect();
    b.serialize(s)
}

impl Resources {
    /// Rebuilds derived lookups; call after filling `gaz` (load and training do).
    pub fn prepare(&mut self) {
        self.heads = self
            .gaz
            .keys()
            .filter_map(|k| k.split_once(' ').map(|(h, _)| h.to_string()))
            .collect();
    }

    pub fn add_gaz(&mut self, name: &str, bit: GazBits) {
        let key = norm_phrase(name);
        let words = key.split(' ').count();
        // one-letter entries and long official names only add noise / never match
        if key.chars().count() < 2 || words > MAX_GAZ_WORDS {
            return;
        }
        *self.gaz.entry(key).or_insert(0) |= bit;
    }
}

pub const MAX_GAZ_WORDS: usize = 4;

/// Cluster ids per word: three PPMI granularities, then up to three skip-gram ones.
pub const MAX_CLUSTER_IDS: usize = 6;

/// Normalises a multi-word name the way tokens are normalised, joined by single spaces.
pub fn norm_phrase(s: &str) -> String {
    s.split(|c: char| c.is_whitespace() || c == '-')
        .filter(|w| !w.is_empty())
        .map(normalize_word)
        .collect::<Vec<_>>()
        .join(" ")
}

/// Splits proclitics off a normalised word: an optional conjunction (و ف), then either لل
/// (ل + ال), or a preposition (ب ك ل) followed by the article, or the bare article. A bare
/// preposition is not stripped here because too many names start with those letters (بوتين,
/// لبنان); [`gaz_bits`] tries that reading separately. Returns (proclitics, stem).
pub fn strip_clitics(n: &str) -> (&str, &str) {
    // Only the first five chars matter; no allocation (this runs for every token).
    let mut head = ['\0'; 5];
    let mut pos = [0usize; 5];
    let mut len = 0;
    for (k, (b, c)) in n.char_indices().enumerate() {
        if k < 5 {
            head[k] = c;
            pos[k] = b;
        }
        len += 1;
    }
    let at = |i: usize| if i < 5 { head[i] } else { '\0' };
    let mut i = 0;
    if matches!(at(0), 'و' | 'ف') && len >= 4 {
        i = 1;
    }
    let rest = len - i;
    if at(i) == 'ل' && at(i + 1) == 'ل' && rest >= 4 {
        i += 2;
    } else if matches!(at(i), 'ب' | 'ك' | 'ل') && at(i + 1) == 'ا' && at(i + 2) == 'ل' && rest >= 5
    {
        i += 3;
    } else if at(i) == 'ا' && at(i + 1) == 'ل' && rest >= 4 {
        i += 2;
    }
    // every branch above leaves at least two chars, so pos[i] (i <= 4) is a real char start
    let b = if i == 0 { 0 } else { pos[i] };
    (&n[..b], &n[b..])
}

/// Gazetteer bits of one normalised word, trying the word, its stem, the stem with the article,
/// and the word with one attached conjunction/preposition removed.
pub fn gaz_bits(res: &Resources, n: &str, stem: &str, pre: &str) -> GazBits {
    let mut bits = res.gaz.get(n).copied().unwrap_or(0);
    if stem.len() != n.len() {
        bits |= res.gaz.get(stem).copied().unwrap_or(0);
        if pre.ends_with('ل') {
            bits |= with_prefix("ال", stem, |k| res.gaz.get(k).copied().unwrap_or(0));
        }
    }
    if bits == 0 {
        let mut it = n.chars();
        if let Some(c) = it.next() {
            let rest = it.as_str();
            if matches!(c, 'و' | 'ف' | 'ب' | 'ل' | 'ك') && rest.chars().count() >= 3 {
                bits |= res.gaz.get(rest).copied().unwrap_or(0);
            }
        }
    }
    bits
}

/// Calls `f` with `prefix` + `stem` built on the stack (this runs for many tokens; no allocation
/// unless the stem is implausibly long): "ال" + stem for the gazetteer, the news lexicon's stem key.
fn with_prefix<R>(prefix: &str, stem: &str, f: impl FnOnce(&str) -> R) -> R {
    let mut buf = [0u8; 128];
    let n = prefix.len() + stem.len();
    if n > buf.len() {
        return f(&format!("{prefix}{stem}"));
    }
    buf[..prefix.len()].copy_from_slice(prefix.as_bytes());
    buf[prefix.len()..n].copy_from_slice(stem.as_bytes());
    // two valid UTF-8 strings concatenated are valid UTF-8
    f(std::str::from_utf8(&buf[..n]).unwrap_or_default())
}

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;

#[inline]
fn fnv_step(h: u64, b: u8) -> u64 {
    (h ^ b as u64).wrapping_mul(0x0100_0000_01b3)
}

#[inline]
fn fnv(bytes: &[u8]) -> u64 {
    bytes.iter().fold(FNV_OFFSET, |h, &b| fnv_step(h, b))
}

#[inline]
fn hs(s: &str) -> u64 {
    fnv(s.as_bytes())
}

/// Bucket of a feature (template, value a, value b) in a table of `mask + 1` buckets.
#[inline]
pub fn bucket(t: u64, a: u64, b: u64, mask: u64) -> u32 {
    (mix(t, a, b) & mask) as u32
}

#[inline]
fn mix(t: u64, a: u64, b: u64) -> u64 {
    let mut z = t
        .wrapping_mul(0x9e37_79b9_7f4a_7c15)
        .wrapping_add(a)
        .rotate_left(23)
        ^ b.wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// Coarse character-class shape with repeats collapsed: Arabic letters `a`, Latin `L`, digits
/// `d`, anything else kept as `p`.
pub fn shape(s: &str) -> String {
    shape_classes(s).map(char::from).collect()
}

/// The shape's classes as ASCII bytes, repeats collapsed.
fn shape_classes(s: &str) -> impl Iterator<Item = u8> + '_ {
    let mut last = 0u8;
    s.chars().filter_map(move |c| {
        let k = if c.is_ascii_digit() {
            b'd'
        } else if c.is_ascii_alphabetic() {
            b'L'
        } else if ('\u{0621}'..='\u{064A}').contains(&c) || c.is_alphabetic() {
            b'a'
        } else {
            b'p'
        };
        (k != last).then(|| {
            last = k;
            k
        })
    })
}

/// `hs(&shape(s))` without building the string.
fn shape_hash(s: &str) -> u64 {
    shape_classes(s).fold(FNV_OFFSET, fnv_step)
}

fn first_chars(s: &str, n: usize) -> &str {
    match s.char_indices().nth(n) {
        Some((b, _)) => &s[..b],
        None => s,
    }
}

fn last_chars(s: &str, n: usize) -> &str {
    let count = s.chars().count();
    if count <= n {
        return s;
    }
    match s.char_indices().nth(count - n) {
        Some((b, _)) => &s[b..],
        None => s,
    }
}

/// Per-token values computed once per sentence; neighbour features reuse them.
#[derive(Debug, Clone, Default)]
struct TokInfo {
    n: u64,
    raw: u64,
    stem: u64,
    pre: u64,
    shape: u64,
    affix: [u64; 10],
    /// First and last four chars of the stem (only with `FEAT_WIDE_AFFIX`).
    affix4: [u64; 2],
    gaz: GazBits,
    /// Multi-word gazetteer match: 0 none, else (bits << 1) | is_first.
    phrase: u32,
    /// Cluster ids + 1 (0 = none): PPMI clusters coarse to fine, then skip-gram clusters.
    cl: [u64; MAX_CLUSTER_IDS],
    /// News-lexicon codes of the word and of its stem (0 = none).
    news: [u8; 2],
    /// Part-of-speech lexicon code of the word, else of its stem (0 = none).
    pos: u8,
    /// This token's character trigram hashes: `ngrams[a..b]` of the sentence's shared buffer.
    ngrams: (u32, u32),
    len: u64,
}

pub const BOS: u64 = 0x5eed_0001;
pub const EOS: u64 = 0x5eed_0002;

/// Feature extractor bound to the model's resources and table size.
pub struct Extractor<'a> {
    pub res: &'a Resources,
    pub mask: u64,
}

impl<'a> Extractor<'a> {
    pub fn new(res: &'a Resources, n_buckets: usize) -> Self {
        assert!(n_buckets.is_power_of_two());
        Extractor {
            res,
            mask: n_buckets as u64 - 1,
        }
    }

    fn info(&self, tokens: &[&str], ngrams: &mut Vec<u64>) -> (Vec<TokInfo>, Vec<String>) {
        let norms: Vec<String> = tokens.iter().map(|t| normalize_word(t)).collect();
        let mut infos = Vec::with_capacity(tokens.len());
        ngrams.clear();
        for (t, n) in tokens.iter().zip(&norms) {
            let (pre, stem) = strip_clitics(n);
            let mut affix = [0u64; 10];
            for k in 1..=3 {
                affix[k - 1] = hs(first_chars(n, k));
                affix[2 + k] = hs(last_chars(n, k));
                affix[6 + k] = hs(last_chars(stem, k));
            }
            affix[6] = hs(first_chars(stem, 2));
            let affix4 = if self.res.feature_set & FEAT_WIDE_AFFIX != 0 {
                [hs(first_chars(stem, 4)), hs(last_chars(stem, 4))]
            } else {
                [0; 2]
            };
            let ngrams_from = ngrams.len() as u32;
            // character trigrams of "<stem>", hashed from a rolling window of three chars
            if stem.chars().nth(2).is_some() {
                let mut w = ['<', '\0', '\0'];
                let mut k = 1;
                for c in stem.chars().chain(std::iter::once('>')) {
                    if k < 3 {
                        w[k] = c;
                        k += 1;
                        if k < 3 {
                            continue;
                        }
                    } else {
                        w = [w[1], w[2], c];
                    }
                    let mut b = [0u8; 12];
                    let mut l = 0;
                    for ch in w {
                        l += ch.encode_utf8(&mut b[l..]).len();
                    }
                    ngrams.push(fnv(&b[..l]));
                }
            }
            let mut cl = [0u64; MAX_CLUSTER_IDS];
            if let Some(ids) = self
                .res
                .clusters
                .get(n.as_str())
                .or_else(|| self.res.clusters.get(stem))
            {
                for (k, &id) in ids.iter().take(MAX_CLUSTER_IDS).enumerate() {
                    if id != u16::MAX {
                        cl[k] = 1 + id as u64;
                    }
                }
            }
            let news = if self.res.news.is_empty() {
                [0; 2]
            } else {
                [
                    self.res.news.get(n.as_str()).copied().unwrap_or(0),
                    with_prefix(STEM_KEY, stem, |k| {
                        self.res.news.get(k).copied().unwrap_or(0)
                    }),
                ]
            };
            let pos = if self.res.pos.is_empty() {
                0
            } else {
                match self.res.pos.get(n.as_str()) {
                    Some(&c) => c,
                    None => with_prefix(STEM_KEY, stem, |k| {
                        self.res.pos.get(k).copied().unwrap_or(0)
                    }),
                }
            };
            infos.push(TokInfo {
                news,
                pos,
                n: hs(n),
                raw: hs(t),
                stem: hs(stem),
                pre: hs(pre),
                shape: shape_hash(n),
                affix,
                affix4,
                gaz: gaz_bits(self.res, n, stem, pre),
                phrase: 0,
                cl,
                ngrams: (ngrams_from, ngrams.len() as u32),
                len: n.chars().count().min(8) as u64,
            });
        }
        self.mark_phrases(&norms, &mut infos);
        (infos, norms)
    }

    /// Longest multi-word gazetteer matches (2..=4 words); the first word may carry a conjunction
    /// or preposition (والولايات المتحدة).
    fn mark_phrases(&self, norms: &[String], infos: &mut [TokInfo]) {
        let heads = &self.res.heads;
        let mut i = 0;
        let mut key = String::new();
        let mut with_al = String::new();
        while i < norms.len() {
            let mut found = None;
            let first = &norms[i];
            let (pre, stem) = strip_clitics(first);
            let mut cands: [Option<&str>; 3] = [None; 3];
            if heads.contains(first.as_str()) {
                cands[0] = Some(first);
            }
            if !pre.is_empty() {
                if heads.contains(stem) {
                    cands[1] = Some(stem);
                }
                with_al.clear();
                with_al.push_str("ال");
                with_al.push_str(stem);
                if heads.contains(with_al.as_str()) {
                    cands[2] = Some(&with_al);
                }
            }
            if cands.iter().any(Option::is_some) {
                'len: for l in (2..=MAX_GAZ_WORDS.min(norms.len() - i)).rev() {
                    for head in cands.iter().flatten() {
                        key.clear();
                        key.push_str(head);
                        for w in &norms[i + 1..i + l] {
                            key.push(' ');
                            key.push_str(w);
                        }
                        if let Some(&b) = self.res.gaz.get(key.as_str()) {
                            found = Some((l, b));
                            break 'len;
                        }
                    }
                }
            }
            if let Some((l, b)) = found {
                for (k, info) in infos[i..i + l].iter_mut().enumerate() {
                    info.phrase = ((b as u32) << 1) | (k == 0) as u32;
                }
                i += l;
            } else {
                i += 1;
            }
        }
    }

    /// Real-valued inputs per token, row by row (`DENSE_POSITIONS` × vector length a token): the
    /// skip-gram vectors of the word (else of its clitic-stripped stem) at -1, 0, +1; zeros for
    /// words without one and beyond the sentence. Empty when the model has no vectors.
    pub fn dense_inputs(&self, tokens: &[&str], out: &mut Vec<i8>) {
        out.clear();
        let Some(dims) = self.res.vectors.values().next().map(Vec::len) else {
            return;
        };
        let own: Vec<Option<&Vec<i8>>> = tokens
            .iter()
            .map(|t| {
                let n = normalize_word(t);
                let v = self.res.vectors.get(n.as_str());
                v.or_else(|| self.res.vectors.get(strip_clitics(&n).1))
            })
            .collect();
        out.resize(tokens.len() * DENSE_POSITIONS * dims, 0);
        for (i, row) in out.chunks_exact_mut(DENSE_POSITIONS * dims).enumerate() {
            for (p, slot) in row.chunks_exact_mut(dims).enumerate() {
                let j = (i + p).checked_sub(1);
                if let Some(Some(v)) = j.and_then(|j| own.get(j)) {
                    slot.copy_from_slice(v);
                }
            }
        }
    }

    /// Hashed feature buckets of every token of a sentence: `out[offsets[i]..offsets[i+1]]` are
    /// token i's. Buffers are reused across calls.
    pub fn extract(&self, tokens: &[&str], out: &mut Vec<u32>, offsets: &mut Vec<usize>) {
        self.extract_keys(tokens, out, offsets, &mut Vec::new());
    }

    /// [`Extractor::extract`], also returning each token's (word, stem) hash: the keys of the
    /// document memory (see `memory.rs`).
    pub fn extract_keys(
        &self,
        tokens: &[&str],
        out: &mut Vec<u32>,
        offsets: &mut Vec<usize>,
        keys: &mut Vec<(u64, u64)>,
    ) {
        out.clear();
        offsets.clear();
        let mut ngrams = Vec::new();
        let (infos, _) = self.info(tokens, &mut ngrams);
        // ~100 features a token: one allocation instead of repeated doubling
        out.reserve(tokens.len() * 112);
        offsets.reserve(tokens.len() + 1);
        keys.clear();
        keys.extend(infos.iter().map(|t| (t.n, t.stem)));
        let n = infos.len();
        let nb = |i: isize| -> Option<&TokInfo> {
            if i < 0 || i as usize >= n {
                None
            } else {
                Some(&infos[i as usize])
            }
        };
        let word = |i: isize| nb(i).map(|t| t.n).unwrap_or(if i < 0 { BOS } else { EOS });
        let stem = |i: isize| {
            nb(i)
                .map(|t| t.stem)
                .unwrap_or(if i < 0 { BOS } else { EOS })
        };
        for (i, t) in infos.iter().enumerate() {
            offsets.push(out.len());
            let i = i as isize;
            let mask = self.mask;
            let mut f = |tmpl: u64, a: u64, b: u64| out.push((mix(tmpl, a, b) & mask) as u32);
            f(1, 0, 0);
            f(2, t.n, 0);
            f(3, t.raw, 0);
            f(4, t.stem, 0);
            f(5, t.pre, 0);
            f(6, t.pre, t.affix[8]);
            for (k, &a) in t.affix.iter().enumerate() {
                f(10 + k as u64, a, 0);
            }
            f(20, t.shape, 0);
            f(21, t.len, t.shape);
            f(22, word(i - 1), 0);
            f(23, word(i - 2), 0);
            f(24, word(i + 1), 0);
            f(25, word(i + 2), 0);
            f(26, stem(i - 1), 0);
            f(27, stem(i + 1), 0);
            f(28, word(i - 1), t.n);
            f(29, t.n, word(i + 1));
            f(30, word(i - 2), word(i - 1));
            f(31, word(i + 1), word(i + 2));
            f(32, stem(i - 1), t.stem);
            for bit in 0..7 {
                if t.gaz & (1 << bit) != 0 {
                    f(40 + bit, 0, 0);
                }
            }
            for bit in 7..13 {
                if t.gaz & (1 << bit) != 0 {
                    f(110 + bit, 0, 0);
                }
            }
            f(44, t.gaz as u64, t.phrase as u64);
            if let Some(p) = nb(i - 1) {
                f(45, p.gaz as u64, p.phrase as u64);
                f(46, p.gaz as u64, t.gaz as u64);
                f(47, p.affix[9], 0);
                f(48, p.shape, t.shape);
            } else {
                f(45, BOS, 0);
            }
            if let Some(q) = nb(i + 1) {
                f(49, q.gaz as u64, q.phrase as u64);
                f(50, q.affix[9], 0);
            } else {
                f(49, EOS, 0);
            }
            for (k, &c) in t.cl.iter().enumerate() {
                if c != 0 {
                    f(if k < 3 { 60 } else { 87 } + k as u64, c, 0);
                }
            }
            for (d, tmpl) in [(-1isize, 94u64), (1, 95), (-2, 96), (2, 97)] {
                if let Some(o) = nb(i + d) {
                    if o.cl[4] != 0 {
                        f(tmpl, o.cl[4], 0);
                    }
                }
            }
            if t.cl[3] != 0 {
                let cl3 = |j: isize| {
                    nb(j)
                        .map(|o| o.cl[3])
                        .unwrap_or(if j < 0 { BOS } else { EOS })
                };
                f(98, cl3(i - 1), t.cl[3]);
                f(99, t.cl[3], cl3(i + 1));
                f(100, t.cl[4], word(i - 1));
            }
            for (d, tmpl) in [(-1isize, 64u64), (1, 65), (-2, 66), (2, 67)] {
                if let Some(o) = nb(i + d) {
                    if o.cl[1] != 0 {
                        f(tmpl, o.cl[1], 0);
                    }
                }
            }
            if t.cl[2] != 0 {
                f(68, t.cl[1], word(i - 1));
            }
            // cluster conjunctions: "a name-like word after a title-like word" generalises past
            // the exact words seen in training
            let cl0 = |j: isize| {
                nb(j)
                    .map(|o| o.cl[0])
                    .unwrap_or(if j < 0 { BOS } else { EOS })
            };
            f(69, cl0(i - 1), t.cl[0]);
            f(70, t.cl[0], cl0(i + 1));
            f(71, t.cl[1], t.pre);
            if let Some(q) = nb(i + 1) {
                f(72, q.pre, q.affix[5]);
            }
            for &g in &ngrams[t.ngrams.0 as usize..t.ngrams.1 as usize] {
                f(80, g, 0);
            }
            if t.news != [0; 2] {
                f(140, t.news[0] as u64, 0);
                f(141, t.news[1] as u64, 0);
                f(142, coarse(t.news[0]) as u64, coarse(t.news[1]) as u64);
                f(143, coarse(t.news[0]) as u64, t.pre);
            }
            if !self.res.news.is_empty() {
                let near = |j: isize| {
                    nb(j)
                        .map(|o| coarse(o.news[0].max(o.news[1])) as u64)
                        .unwrap_or(if j < 0 { BOS } else { EOS })
                };
                let here = coarse(t.news[0].max(t.news[1])) as u64;
                f(144, near(i - 1), here);
                f(145, here, near(i + 1));
            }
            if !self.res.pos.is_empty() {
                let pos = |j: isize| {
                    nb(j)
                        .map(|o| pos_of(o.pos) as u64)
                        .unwrap_or(if j < 0 { BOS } else { EOS })
                };
                f(150, t.pos as u64, 0);
                f(151, pos(i - 1), pos(i));
                f(152, pos(i), pos(i + 1));
                f(153, pos(i - 1), 0);
                f(154, pos(i + 1), 0);
                f(155, t.pos as u64, t.pre);
            }
            if self.res.feature_set & FEAT_WIDE_AFFIX != 0 {
                f(130, t.affix4[0], 0);
                f(131, t.affix4[1], 0);
                f(132, t.pre, t.affix4[1]);
                for (d, tmpl) in [(-1isize, 133u64), (1, 135)] {
                    if let Some(o) = nb(i + d) {
                        f(tmpl, o.cl[2], 0);
                        f(tmpl + 1, o.cl[5], 0);
                    }
                }
            }
        }
        offsets.push(out.len());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clitics() {
        assert_eq!(strip_clitics("وبالقاهره"), ("وبال", "قاهره"));
        assert_eq!(strip_clitics("للحكومه"), ("لل", "حكومه"));
        assert_eq!(strip_clitics("الرييس"), ("ال", "رييس"));
        // a bare preposition is not stripped: too many names start with ب or ل
        assert_eq!(strip_clitics("بوتين"), ("", "بوتين"));
        assert_eq!(strip_clitics("لبنان"), ("", "لبنان"));
        assert_eq!(strip_clitics("وموسكو"), ("و", "موسكو"));
        // too short to carry a clitic
        assert_eq!(strip_clitics("ال"), ("", "ال"));
        assert_eq!(strip_clitics("وال"), ("", "وال"));
    }

    #[test]
    fn dense_inputs_are_the_vectors_of_the_token_and_its_neighbours() {
        let mut r = Resources::default();
        r.vectors.insert(normalize_word("موسكو"), vec![1, 2]);
        r.vectors.insert(normalize_word("زار"), vec![-3, 4]);
        let ex = Extractor::new(&r, 16);
        let mut out = Vec::new();
        // وموسكو reaches موسكو's vector through its stripped conjunction; أمس has none
        ex.dense_inputs(&["زار", "وموسكو", "أمس"], &mut out);
        assert_eq!(
            out,
            vec![
                0, 0, -3, 4, 1, 2, // زار: nothing before it
                -3, 4, 1, 2, 0, 0, // وموسكو
                1, 2, 0, 0, 0, 0, // أمس: nothing after it
            ]
        );
        ex.dense_inputs(&[], &mut out);
        assert!(out.is_empty());
        let none = Resources::default();
        Extractor::new(&none, 16).dense_inputs(&["زار"], &mut out);
        assert!(out.is_empty());
    }

    #[test]
    fn shapes_and_affixes() {
        assert_eq!(shape("2018"), "d");
        assert_eq!(shape("CNN"), "L");
        assert_eq!(shape("اف-16"), "apd");
        assert_eq!(first_chars("موسكو", 2), "مو");
        assert_eq!(last_chars("موسكو", 3), "سكو");
        assert_eq!(last_chars("مو", 3), "مو");
    }

    #[test]
    fn gazetteer_matches_through_clitics_and_phrases() {
        let mut r = Resources::default();
        r.add_gaz("القاهرة", GAZ_CITY);
        r.add_gaz("موسكو", GAZ_CITY);
        r.add_gaz("الولايات المتحدة", GAZ_COUNTRY);
        r.add_gaz("م", GAZ_CITY); // too short: ignored
        assert_eq!(r.gaz.len(), 3);
        r.prepare();
        let n = normalize_word("بالقاهرة");
        let (p, s) = strip_clitics(&n);
        assert_eq!(gaz_bits(&r, &n, s, p), GAZ_CITY);
        let n = normalize_word("وموسكو");
        let (p, s) = strip_clitics(&n);
        assert_eq!(gaz_bits(&r, &n, s, p), GAZ_CITY);
        let x = Extractor::new(&r, 1 << 10);
        let toks = ["زار", "والولايات", "المتحدة", "أمس"];
        let (infos, _) = x.info(&toks, &mut Vec::new());
        assert_eq!(infos[0].phrase, 0);
        assert_eq!(infos[1].phrase, ((GAZ_COUNTRY as u32) << 1) | 1);
        assert_eq!(infos[2].phrase, (GAZ_COUNTRY as u32) << 1);
    }

    #[test]
    fn news_lexicon_codes_reach_the_word_and_its_neighbours() {
        let toks = ["فاز", "والترسانه", "امس"];
        let extract = |r: &Resources| {
            let x = Extractor::new(r, 1 << 16);
            let (mut f, mut o) = (vec![], vec![]);
            x.extract(&toks, &mut f, &mut o);
            (f, o)
        };
        let plain = Resources::default();
        let (f0, o0) = extract(&plain);
        let mut with = Resources::default();
        // only the stem is known (the lexicon saw "الترسانه" with other clitics)
        with.news
            .insert(format!("{STEM_KEY}ترسانه"), 1 + 2 * 12 + 3 * 3 + 2);
        let x = Extractor::new(&with, 1 << 16);
        let (infos, _) = x.info(&toks, &mut Vec::new());
        assert_eq!(infos[1].news, [0, 1 + 2 * 12 + 3 * 3 + 2]);
        assert_eq!(infos[0].news, [0, 0]);
        let (f1, o1) = extract(&with);
        for t in 0..toks.len() {
            let a: std::collections::HashSet<u32> = f0[o0[t]..o0[t + 1]].iter().copied().collect();
            let b: std::collections::HashSet<u32> = f1[o1[t]..o1[t + 1]].iter().copied().collect();
            // the neighbours see the name's coarse code too
            assert!(b.difference(&a).count() >= 1, "token {t}");
        }
    }

    #[test]
    fn part_of_speech_codes_come_from_the_word_or_its_stem_and_reach_the_neighbours() {
        let toks = ["قال", "وفايزر", "امس"];
        let mut with = Resources::default();
        with.pos.insert(format!("{STEM_KEY}فايزر"), 1 + 3 * 4 + 3);
        with.pos.insert("قال".into(), 1 + 2 * 4);
        let x = Extractor::new(&with, 1 << 16);
        let (infos, _) = x.info(&toks, &mut Vec::new());
        assert_eq!(
            infos.iter().map(|t| t.pos).collect::<Vec<_>>(),
            [1 + 2 * 4, 1 + 3 * 4 + 3, 0]
        );
        let (mut f1, mut o1) = (vec![], vec![]);
        x.extract(&toks, &mut f1, &mut o1);
        let plain = Resources::default();
        let (mut f0, mut o0) = (vec![], vec![]);
        Extractor::new(&plain, 1 << 16).extract(&toks, &mut f0, &mut o0);
        // the last word has no entry of its own but sees its neighbour's part of speech
        assert_eq!(o1[3] - o1[2], o0[3] - o0[2] + 6);
        let a: std::collections::HashSet<u32> = f0[o0[2]..o0[3]].iter().copied().collect();
        let b: std::collections::HashSet<u32> = f1[o1[2]..o1[3]].iter().copied().collect();
        assert!(b.is_superset(&a));
    }

    #[test]
    fn extraction_is_deterministic_and_in_range() {
        let r = Resources::default();
        let x = Extractor::new(&r, 1 << 12);
        let (mut a, mut oa, mut b, mut ob) = (vec![], vec![], vec![], vec![]);
        let toks = ["التقى", "الرئيس", "بوتين", "في", "موسكو"];
        x.extract(&toks, &mut a, &mut oa);
        x.extract(&toks, &mut b, &mut ob);
        assert_eq!(a, b);
        assert_eq!(oa.len(), toks.len() + 1);
        assert!(a.iter().all(|&f| f < 1 << 12));
        // the same word in a different context shares its word feature but not its context ones
        let (mut c, mut oc) = (vec![], vec![]);
        x.extract(&["قال", "بوتين"], &mut c, &mut oc);
        let bot_a: std::collections::HashSet<u32> = a[oa[2]..oa[3]].iter().copied().collect();
        let bot_c: std::collections::HashSet<u32> = c[oc[1]..oc[2]].iter().copied().collect();
        assert!(bot_a.intersection(&bot_c).count() >= 10);
        assert!(bot_a != bot_c);
    }
}
