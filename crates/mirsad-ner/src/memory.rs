//! Document memory for the second pass: how the first pass labelled the same word elsewhere in
//! the surrounding sentences.
//!
//! News repeats names: "طاهر عبدالعزيز" in one sentence, "عبدالعزيز" alone three sentences later,
//! where the local context alone is weak. The first pass tags every sentence; then, for each token,
//! the second pass sees the labels the first pass gave to the same word (and stem) within a window
//! of ±`window` sentences, plus its own first-pass tag (stacking). On training data the first-pass
//! tags come from 5-fold jackknifing, so the second pass learns how far to trust them.

use crate::features::{bucket, FEAT_SPANS, FEAT_WIDE_MEMORY};
use crate::tags::{BioTag, N_TAGS};
use rustc_hash::FxHashMap;

/// Counts per key: PER, LOC, ORG, MISC (index = label index) and all occurrences.
type Counts = [u32; 5];

fn label_slot(tag: usize) -> Option<usize> {
    (tag != 0).then(|| (tag - 1) / 2)
}

#[derive(Default)]
struct Window {
    words: FxHashMap<u64, Counts>,
    stems: FxHashMap<u64, Counts>,
}

impl Window {
    fn add(&mut self, keys: &[(u64, u64)], tags: &[usize], sign: i32) {
        for (&(w, s), &t) in keys.iter().zip(tags) {
            for (map, k) in [(&mut self.words, w), (&mut self.stems, s)] {
                let c = map.entry(k).or_default();
                let d = |x: &mut u32| *x = (*x as i64 + sign as i64) as u32;
                d(&mut c[4]);
                if let Some(l) = label_slot(t) {
                    d(&mut c[l]);
                }
            }
        }
    }
}

fn summary(c: Option<&Counts>) -> Option<(u64, u64, u64)> {
    let c = c?;
    let (l, &m) = c[..4]
        .iter()
        .enumerate()
        .max_by_key(|&(i, &v)| (v, 4 - i))?;
    if m == 0 {
        return None;
    }
    let ratio = (3 * m / c[4].max(1)).min(2) as u64;
    Some((l as u64, ratio, c[4].min(4) as u64))
}

/// The first-pass span each token is in or next to: (label slot, span start, span end) of the
/// span covering it, else `None`.
fn spans_of(tags: &[usize]) -> Vec<Option<(usize, usize, usize)>> {
    let bio: Vec<BioTag> = tags.iter().map(|&t| BioTag::from_index(t)).collect();
    let mut out = vec![None; tags.len()];
    for (a, b, _) in crate::tags::spans(&bio) {
        let l = label_slot(tags[a]).expect("a span starts on a B or I tag");
        out[a..b].fill(Some((l, a, b)));
    }
    out
}

/// Memory features for every token of every sentence (`keys[i]`, first-pass `tags[i]`), windows of
/// ±`window` sentences, hashed with `mask`; `feature_set` adds the optional `FEAT_WIDE_MEMORY`
/// and `FEAT_SPANS` templates. Returns per sentence a flat list plus per-token offsets.
pub fn memory_features(
    keys: &[Vec<(u64, u64)>],
    tags: &[Vec<usize>],
    window: usize,
    mask: u64,
    feature_set: u32,
) -> Vec<(Vec<u32>, Vec<usize>)> {
    let wide = feature_set & FEAT_WIDE_MEMORY != 0;
    let span_feats = feature_set & FEAT_SPANS != 0;
    let n = keys.len();
    let mut w = Window::default();
    // window for sentence 0 is [0, window]
    for j in 0..n.min(window + 1) {
        w.add(&keys[j], &tags[j], 1);
    }
    let mut out = Vec::with_capacity(n);
    for i in 0..n {
        if i > 0 {
            if i + window < n {
                w.add(&keys[i + window], &tags[i + window], 1);
            }
            if i > window {
                w.add(&keys[i - window - 1], &tags[i - window - 1], -1);
            }
        }
        let (k, t) = (&keys[i], &tags[i]);
        let spans = if span_feats { spans_of(t) } else { Vec::new() };
        let mut feats = Vec::new();
        let mut offs = Vec::with_capacity(k.len() + 1);
        for (p, &(wk, sk)) in k.iter().enumerate() {
            offs.push(feats.len());
            let mut f = |tmpl: u64, a: u64, b: u64| feats.push(bucket(tmpl, a, b, mask));
            if let Some((l, r, c)) = summary(w.words.get(&wk)) {
                f(200, l, r);
                f(201, l, c);
            }
            if sk != wk {
                if let Some((l, r, _)) = summary(w.stems.get(&sk)) {
                    f(202, l, r);
                }
            }
            let prev = if p == 0 { N_TAGS } else { t[p - 1] };
            let next = t.get(p + 1).copied().unwrap_or(N_TAGS);
            f(210, t[p] as u64, 0);
            f(211, prev as u64, t[p] as u64);
            f(212, t[p] as u64, next as u64);
            if span_feats {
                // the first pass's whole span, not only its neighbouring tags: its length, where
                // the token sits in it, the words just outside it, and for a token just outside a
                // span, the span's label with the token's own word (عبد الله + الثاني)
                const NONE: u64 = 0x5eed_0003;
                let word = |j: Option<usize>| j.and_then(|j| k.get(j)).map_or(NONE, |x| x.0);
                if let Some((l, a, b)) = spans[p] {
                    let at = if b - a == 1 {
                        0
                    } else if p == a {
                        1
                    } else if p + 1 == b {
                        3
                    } else {
                        2
                    };
                    f(220, l as u64, (b - a).min(4) as u64);
                    f(221, l as u64, at);
                    f(222, l as u64, word(a.checked_sub(1)));
                    f(223, l as u64, word(Some(b)));
                } else {
                    if let Some(&Some((l, _, _))) = spans.get(p + 1) {
                        f(224, l as u64, wk);
                    }
                    if let Some(Some((l, _, _))) = p.checked_sub(1).map(|j| spans[j]) {
                        f(225, l as u64, wk);
                    }
                }
            }
            if wide {
                // a name's other words: "طاهر" is PER here when "عبدالعزيز" next to it is a
                // known PER elsewhere in the document
                let prev2 = if p < 2 { N_TAGS } else { t[p - 2] };
                let next2 = t.get(p + 2).copied().unwrap_or(N_TAGS);
                f(213, prev2 as u64, prev as u64);
                f(214, next as u64, next2 as u64);
                for (j, tmpl) in [(p.checked_sub(1), 215u64), (Some(p + 1), 216)] {
                    if let Some(&(nw, _)) = j.and_then(|j| k.get(j)) {
                        if let Some((l, r, _)) = summary(w.words.get(&nw)) {
                            f(tmpl, l, r);
                        }
                    }
                }
            }
        }
        offs.push(feats.len());
        out.push((feats, offs));
    }
    out
}

/// First-pass tag indices of a BioTag sequence (for callers holding BioTags).
pub fn indices(tags: &[BioTag]) -> Vec<usize> {
    tags.iter().map(|t| t.index()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn window_slides_and_counts_labels() {
        // word 7 is PER (tag 1) in sentence 0 and untagged in sentence 3
        let keys = vec![vec![(7, 7)], vec![(8, 8)], vec![(9, 9)], vec![(7, 7)]];
        let tags = vec![vec![1], vec![0], vec![0], vec![0]];
        let wide = memory_features(&keys, &tags, 5, 1023, 0);
        let narrow = memory_features(&keys, &tags, 1, 1023, 0);
        // with a wide window, sentence 3 sees word 7's PER label from sentence 0
        assert!(wide[3].0.contains(&bucket(200, 0, 1, 1023)));
        // with ±1 it does not
        assert!(!narrow[3].0.iter().any(|&f| f == bucket(200, 0, 1, 1023)));
        assert_eq!(wide[0].1, vec![0, wide[0].0.len()]);
    }

    #[test]
    fn spans_cover_b_and_following_i_of_the_same_label() {
        // O B-PER I-PER B-LOC I-ORG(orphan, its own span) O
        let t = [0, 1, 2, 3, 6, 0];
        let s = spans_of(&t);
        assert_eq!(s[0], None);
        assert_eq!(s[1], Some((0, 1, 3)));
        assert_eq!(s[2], Some((0, 1, 3)));
        assert_eq!(s[3], Some((1, 3, 4)));
        assert_eq!(s[4], Some((2, 4, 5)));
        assert_eq!(s[5], None);
        let keys = vec![(0..6).map(|x| (x, x)).collect::<Vec<_>>()];
        let plain = memory_features(&keys, &[t.to_vec()], 1, 1023, 0);
        let with = memory_features(&keys, &[t.to_vec()], 1, 1023, FEAT_SPANS);
        // every token is in or next to a span here, so every token gains features
        for p in 0..6 {
            let n0 = plain[0].1[p + 1] - plain[0].1[p];
            let n1 = with[0].1[p + 1] - with[0].1[p];
            assert!(n1 > n0, "token {p}");
        }
    }
}
