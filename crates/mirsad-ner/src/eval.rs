//! CoNLL-2000 `conlleval` scoring: exact-match chunk precision, recall and F1 per type and micro.
//!
//! Works on tag strings so any system's output (ours, spaCy's) is scored by the same code. Chunk
//! semantics follow conlleval.pl: a chunk starts at `B-X`, or at `I-X` when the previous tag is `O`
//! or of another type; it ends before `O`, `B-*`, a change of type, or a sentence break. A chunk
//! counts as correct only when gold and predicted chunks have the same start, end and type.

use std::collections::BTreeMap;

#[derive(Debug, Default, Clone, Copy, PartialEq)]
pub struct Counts {
    pub gold: usize,
    pub pred: usize,
    pub correct: usize,
}

impl Counts {
    pub fn precision(&self) -> f64 {
        if self.pred == 0 {
            0.0
        } else {
            self.correct as f64 / self.pred as f64
        }
    }
    pub fn recall(&self) -> f64 {
        if self.gold == 0 {
            0.0
        } else {
            self.correct as f64 / self.gold as f64
        }
    }
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

#[derive(Debug, Default, Clone)]
pub struct Scores {
    pub per_type: BTreeMap<String, Counts>,
    pub tokens: usize,
    pub tokens_correct: usize,
}

impl Scores {
    pub fn micro(&self) -> Counts {
        let mut c = Counts::default();
        for v in self.per_type.values() {
            c.gold += v.gold;
            c.pred += v.pred;
            c.correct += v.correct;
        }
        c
    }

    /// A conlleval-style table (percentages).
    pub fn report(&self) -> String {
        let mut s = String::new();
        let m = self.micro();
        s.push_str(&format!(
            "processed {} tokens with {} gold phrases; found: {} phrases; correct: {}.\n",
            self.tokens, m.gold, m.pred, m.correct
        ));
        let acc = if self.tokens == 0 {
            0.0
        } else {
            100.0 * self.tokens_correct as f64 / self.tokens as f64
        };
        s.push_str(&format!(
            "accuracy: {:6.2}%; precision: {:6.2}%; recall: {:6.2}%; FB1: {:6.2}\n",
            acc,
            100.0 * m.precision(),
            100.0 * m.recall(),
            100.0 * m.f1()
        ));
        for (t, c) in &self.per_type {
            s.push_str(&format!(
                "{:>17}: precision: {:6.2}%; recall: {:6.2}%; FB1: {:6.2}  {} (gold {})\n",
                t,
                100.0 * c.precision(),
                100.0 * c.recall(),
                100.0 * c.f1(),
                c.pred,
                c.gold
            ));
        }
        s
    }

    /// Adds one sentence (gold and predicted tags of equal length).
    pub fn add_sentence<G: AsRef<str>, P: AsRef<str>>(&mut self, gold: &[G], pred: &[P]) {
        assert_eq!(gold.len(), pred.len(), "gold and predicted lengths differ");
        self.tokens += gold.len();
        self.tokens_correct += gold
            .iter()
            .zip(pred)
            .filter(|(g, p)| g.as_ref() == p.as_ref())
            .count();
        let gc = chunks(gold);
        let pc = chunks(pred);
        for (_, _, t) in &gc {
            self.per_type.entry(t.clone()).or_default().gold += 1;
        }
        for c in &pc {
            let e = self.per_type.entry(c.2.clone()).or_default();
            e.pred += 1;
            if gc.contains(c) {
                e.correct += 1;
            }
        }
    }
}

fn split_tag(t: &str) -> (&str, &str) {
    match t.split_once('-') {
        Some((p, ty)) => (p, ty),
        None => (t, ""),
    }
}

/// conlleval chunks `(start, end_exclusive, type)` of one sentence's tags.
pub fn chunks<T: AsRef<str>>(tags: &[T]) -> Vec<(usize, usize, String)> {
    let mut out = Vec::new();
    let mut open: Option<(usize, &str)> = None;
    for (i, t) in tags.iter().enumerate() {
        let (p, ty) = split_tag(t.as_ref());
        let inside = p == "I" && matches!(open, Some((_, o)) if o == ty);
        if inside {
            continue;
        }
        if let Some((s, o)) = open.take() {
            out.push((s, i, o.to_string()));
        }
        if (p == "B" || p == "I") && !ty.is_empty() {
            open = Some((i, ty));
        }
    }
    if let Some((s, o)) = open {
        out.push((s, tags.len(), o.to_string()));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn score(gold: &[&str], pred: &[&str]) -> Scores {
        let mut s = Scores::default();
        s.add_sentence(gold, pred);
        s
    }

    #[test]
    fn exact_match_only() {
        // gold: PER(0..2), LOC(3..4); pred: PER(0..1) (boundary error), LOC(3..4)
        let s = score(
            &["B-PER", "I-PER", "O", "B-LOC"],
            &["B-PER", "O", "O", "B-LOC"],
        );
        let m = s.micro();
        assert_eq!((m.gold, m.pred, m.correct), (2, 2, 1));
        assert!((m.f1() - 0.5).abs() < 1e-9);
        assert_eq!(s.per_type["PER"].correct, 0);
        assert_eq!(s.per_type["LOC"].correct, 1);
        assert_eq!(s.tokens_correct, 3);
    }

    #[test]
    fn orphan_i_starts_a_chunk_and_type_change_splits() {
        assert_eq!(
            chunks(&["O", "I-ORG", "I-ORG", "I-LOC", "B-LOC", "I-LOC"]),
            vec![
                (1, 3, "ORG".to_string()),
                (3, 4, "LOC".to_string()),
                (4, 6, "LOC".to_string())
            ]
        );
        // I-X after O in pred equals B-X in gold: conlleval counts it correct
        let s = score(&["O", "B-PER", "I-PER"], &["O", "I-PER", "I-PER"]);
        assert_eq!(s.micro().correct, 1);
    }

    #[test]
    fn wrong_type_and_empty_cases() {
        let s = score(&["B-PER", "I-PER"], &["B-ORG", "I-ORG"]);
        assert_eq!(s.per_type["PER"].gold, 1);
        assert_eq!(s.per_type["ORG"].pred, 1);
        assert_eq!(s.micro().correct, 0);
        assert_eq!(s.micro().f1(), 0.0);
        let empty = score(&["O", "O"], &["O", "O"]);
        assert_eq!(empty.micro().f1(), 0.0);
        assert_eq!(empty.tokens_correct, 2);
    }

    #[test]
    fn chunks_do_not_cross_sentences() {
        let mut s = Scores::default();
        s.add_sentence(&["B-LOC"], &["B-LOC"]);
        s.add_sentence(&["I-LOC"], &["B-LOC"]);
        // the second sentence's orphan I-LOC is its own chunk, matching pred's B-LOC
        let m = s.micro();
        assert_eq!((m.gold, m.pred, m.correct), (2, 2, 2));
        assert!((m.f1() - 1.0).abs() < 1e-9);
    }
}
