//! Feature templates in the style of Zhang & Nivre (2011), adapted to arc-hybrid: words, lemmas,
//! tags and case of s0–s2 and b0–b2, their outermost dependents, valency, distance and the label
//! sets on each side. Every feature is a 64-bit hash of its template number and atoms, so the
//! model needs no vocabulary and the hash is fixed here (not by a crate that may change it).

use super::state::{State, NONE};
use crate::conllu::Sentence;

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

pub fn hash_str(text: &str) -> u64 {
    text.bytes().fold(FNV_OFFSET, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(FNV_PRIME)
    })
}

#[inline]
fn mix(h: u64, x: u64) -> u64 {
    // splitmix64 finaliser over the running combination: cheap and well spread.
    let mut z = (h ^ x).wrapping_add(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// Atoms of one node, hashed once per sentence.
#[derive(Debug, Clone, Copy)]
pub struct Atoms {
    pub form: u64,
    pub lemma: u64,
    pub upos: u64,
    pub xpos: u64,
    /// Case and definiteness: in Arabic they decide most of subject / object / iḍāfa.
    pub case: u64,
    /// The last two letters of the form: a stand-in for unknown words' morphology.
    pub suffix: u64,
}

const ROOT_ATOMS: Atoms = Atoms {
    form: 1,
    lemma: 1,
    upos: 1,
    xpos: 1,
    case: 1,
    suffix: 1,
};
const NO_ATOMS: Atoms = Atoms {
    form: 2,
    lemma: 2,
    upos: 2,
    xpos: 2,
    case: 2,
    suffix: 2,
};

/// Atoms for node 0 (root) and every word of the sentence.
pub fn sentence_atoms(sentence: &Sentence) -> Vec<Atoms> {
    let mut atoms = Vec::with_capacity(sentence.words.len() + 1);
    atoms.push(ROOT_ATOMS);
    for word in &sentence.words {
        let feature = |key: &str| {
            word.feats
                .split('|')
                .find_map(|kv| kv.strip_prefix(key).and_then(|v| v.strip_prefix('=')))
                .unwrap_or("")
        };
        let suffix_start = word
            .form
            .char_indices()
            .rev()
            .nth(1)
            .map_or(0, |(offset, _)| offset);
        atoms.push(Atoms {
            form: hash_str(&word.form),
            lemma: hash_str(&word.lemma),
            upos: hash_str(&word.upos),
            xpos: hash_str(&word.xpos),
            case: mix(hash_str(feature("Case")), hash_str(feature("Definite"))),
            suffix: hash_str(&word.form[suffix_start..]),
        });
    }
    atoms
}

struct Collector<'a> {
    out: &'a mut Vec<u64>,
    template: u64,
}

impl Collector<'_> {
    #[inline]
    fn add(&mut self, parts: &[u64]) {
        self.template += 1;
        let mut h = mix(0x5eed, self.template);
        for &p in parts {
            h = mix(h, p);
        }
        self.out.push(h);
    }
}

fn label_atom(state: &State, node: usize) -> u64 {
    if node == NONE {
        u64::MAX
    } else {
        state.labels[node] as u64
    }
}

fn distance_atom(a: usize, b: usize) -> u64 {
    if a == NONE || b == NONE {
        return u64::MAX;
    }
    let d = a.abs_diff(b) as u64;
    // Exact up to 5, then in bins: long arcs are rare and alike.
    match d {
        0..=5 => d,
        6..=10 => 6,
        11..=20 => 7,
        _ => 8,
    }
}

/// Writes the features of `state` into `out` (cleared first).
pub fn extract(state: &State, atoms: &[Atoms], out: &mut Vec<u64>) {
    out.clear();
    let node_atoms = |node: usize| -> Atoms {
        if node == NONE {
            NO_ATOMS
        } else {
            atoms[node]
        }
    };
    let child = |node: usize, pick: fn(&super::state::NodeInfo) -> usize| -> usize {
        if node == NONE {
            NONE
        } else {
            pick(&state.nodes[node])
        }
    };
    let s0 = state.stack_at(0);
    let s1 = state.stack_at(1);
    let s2 = state.stack_at(2);
    let b0 = state.buffer_at(0);
    let b1 = state.buffer_at(1);
    let b2 = state.buffer_at(2);
    let s0l1 = child(s0, |n| n.leftmost[0]);
    let s0l2 = child(s0, |n| n.leftmost[1]);
    let s0r1 = child(s0, |n| n.rightmost[0]);
    let s0r2 = child(s0, |n| n.rightmost[1]);
    let s1l1 = child(s1, |n| n.leftmost[0]);
    let s1r1 = child(s1, |n| n.rightmost[0]);
    let b0l1 = child(b0, |n| n.leftmost[0]);
    let b0l2 = child(b0, |n| n.leftmost[1]);

    let (a_s0, a_s1, a_s2) = (node_atoms(s0), node_atoms(s1), node_atoms(s2));
    let (a_b0, a_b1, a_b2) = (node_atoms(b0), node_atoms(b1), node_atoms(b2));
    let mut f = Collector { out, template: 0 };

    f.add(&[]); // bias
                // s0 and b0, between which the next arc is most often built, get the richer set.
    for (a, near) in [(a_s0, true), (a_b0, true), (a_s1, false), (a_b1, false)] {
        f.add(&[a.form]);
        f.add(&[a.lemma]);
        f.add(&[a.upos]);
        f.add(&[a.xpos]);
        f.add(&[a.form, a.upos]);
        f.add(&[a.upos, a.case]);
        if near {
            f.add(&[a.lemma, a.xpos]);
            f.add(&[a.suffix, a.upos]);
        }
    }
    f.add(&[a_s2.upos]);
    f.add(&[a_b2.upos]);
    f.add(&[a_b2.form]);

    // Pairs s0–b0 and s1–s0: the two arcs that can be built next.
    for (h, d) in [(a_s0, a_b0), (a_s1, a_s0)] {
        f.add(&[h.form, h.upos, d.form, d.upos]);
        f.add(&[h.form, h.upos, d.form]);
        f.add(&[h.form, d.form, d.upos]);
        f.add(&[h.form, h.upos, d.upos]);
        f.add(&[h.upos, d.form, d.upos]);
        f.add(&[h.lemma, d.lemma]);
        f.add(&[h.lemma, d.upos]);
        f.add(&[h.upos, d.lemma]);
        f.add(&[h.upos, d.upos]);
        f.add(&[h.xpos, d.xpos]);
        f.add(&[h.upos, h.case, d.upos, d.case]);
    }
    f.add(&[a_s1.upos, a_b0.upos]);
    f.add(&[a_s1.upos, a_s1.case, a_b0.upos, a_b0.case]);
    f.add(&[a_s1.lemma, a_b0.lemma]);

    // Trigrams of tags.
    f.add(&[a_b0.upos, a_b1.upos, a_b2.upos]);
    f.add(&[a_s0.upos, a_b0.upos, a_b1.upos]);
    f.add(&[a_s1.upos, a_s0.upos, a_b0.upos]);
    f.add(&[a_s2.upos, a_s1.upos, a_s0.upos]);
    f.add(&[a_s0.xpos, a_b0.xpos, a_b1.xpos]);
    f.add(&[a_s1.xpos, a_s0.xpos, a_b0.xpos]);

    // Distance.
    let d_s0b0 = distance_atom(s0, b0);
    let d_s1s0 = distance_atom(s1, s0);
    f.add(&[a_s0.form, d_s0b0]);
    f.add(&[a_s0.upos, d_s0b0]);
    f.add(&[a_b0.form, d_s0b0]);
    f.add(&[a_b0.upos, d_s0b0]);
    f.add(&[a_s0.upos, a_b0.upos, d_s0b0]);
    f.add(&[a_s1.upos, a_s0.upos, d_s1s0]);
    f.add(&[a_s1.form, a_s0.form, d_s1s0]);
    f.add(&[a_s1.upos, a_s1.case, a_s0.upos, a_s0.case, d_s1s0]);

    // Valency.
    let info = |node: usize| {
        if node == NONE {
            super::state::NodeInfo::default()
        } else {
            state.nodes[node]
        }
    };
    let (i_s0, i_s1, i_b0) = (info(s0), info(s1), info(b0));
    let (vl_s0, vr_s0) = (u64::from(i_s0.left_count), u64::from(i_s0.right_count));
    let (vl_s1, vr_s1) = (u64::from(i_s1.left_count), u64::from(i_s1.right_count));
    let vl_b0 = u64::from(i_b0.left_count);
    f.add(&[a_s0.form, vl_s0]);
    f.add(&[a_s0.upos, vl_s0]);
    f.add(&[a_s0.form, vr_s0]);
    f.add(&[a_s0.upos, vr_s0]);
    f.add(&[a_s1.upos, vl_s1]);
    f.add(&[a_s1.upos, vr_s1]);
    f.add(&[a_b0.form, vl_b0]);
    f.add(&[a_b0.upos, vl_b0]);

    // Outermost dependents.
    for node in [s0l1, s0r1, s0l2, s0r2, s1l1, s1r1, b0l1, b0l2] {
        let a = node_atoms(node);
        let label = label_atom(state, node);
        f.add(&[a.form]);
        f.add(&[a.upos]);
        f.add(&[label]);
    }
    let (l_s0l1, l_s0r1) = (label_atom(state, s0l1), label_atom(state, s0r1));
    let (l_s0l2, l_s0r2) = (label_atom(state, s0l2), label_atom(state, s0r2));
    let (l_b0l1, l_b0l2) = (label_atom(state, b0l1), label_atom(state, b0l2));
    let (l_s1r1, l_s1l1) = (label_atom(state, s1r1), label_atom(state, s1l1));
    let p = |node: usize| node_atoms(node).upos;
    f.add(&[a_s0.upos, p(s0l1), p(s0l2)]);
    f.add(&[a_s0.upos, p(s0r1), p(s0r2)]);
    f.add(&[a_b0.upos, p(b0l1), p(b0l2)]);
    f.add(&[a_s1.upos, p(s1r1), a_s0.upos]);
    f.add(&[a_s0.upos, l_s0l1, l_s0l2]);
    f.add(&[a_s0.upos, l_s0r1, l_s0r2]);
    f.add(&[a_b0.upos, l_b0l1, l_b0l2]);
    f.add(&[a_s0.upos, l_s0r1, a_b0.upos]);
    f.add(&[a_s0.upos, l_s0l1, a_b0.upos]);
    f.add(&[a_s1.upos, l_s1r1, a_s0.upos]);
    f.add(&[a_s1.upos, l_s1l1, a_s0.upos]);
    f.add(&[a_s0.upos, a_s0.case, l_s0r1]);

    // Label sets.
    f.add(&[a_s0.form, i_s0.left_labels]);
    f.add(&[a_s0.upos, i_s0.left_labels]);
    f.add(&[a_s0.form, i_s0.right_labels]);
    f.add(&[a_s0.upos, i_s0.right_labels]);
    f.add(&[a_s1.upos, i_s1.right_labels]);
    f.add(&[a_b0.form, i_b0.left_labels]);
    f.add(&[a_b0.upos, i_b0.left_labels]);
}
