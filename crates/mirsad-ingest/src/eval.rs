//! Extraction-quality metrics, shared by the fixture tests and `mirsad eval extract`.

use std::collections::HashMap;

/// The text `read_all` would produce for a page (extraction plus rule-based line filters; the
/// cross-document tracker is left out because it depends on what was read before).
pub fn pipeline_text(html: &str, url: Option<&str>) -> String {
    let x = crate::extract::extract_html(html, url);
    crate::boilerplate::filter_lines(&x.text).0
}

/// Whitespace tokens with punctuation stripped, the usual bag-of-words basis for comparing
/// main-text extractors (as in the trafilatura/newspaper evaluations).
pub fn bag_of_words(text: &str) -> HashMap<String, usize> {
    let mut m = HashMap::new();
    for tok in text.split_whitespace() {
        let t: String = tok.chars().filter(|c| c.is_alphanumeric()).collect();
        if !t.is_empty() {
            *m.entry(t).or_insert(0) += 1;
        }
    }
    m
}

/// Precision, recall and F1 of `got` against `expected`, word-level with multiplicity.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Prf {
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
}

pub fn word_prf(got: &str, expected: &str) -> Prf {
    let g = bag_of_words(got);
    let e = bag_of_words(expected);
    let ng: usize = g.values().sum();
    let ne: usize = e.values().sum();
    let overlap: usize = g
        .iter()
        .map(|(w, c)| (*c).min(*e.get(w).unwrap_or(&0)))
        .sum();
    if ng == 0 && ne == 0 {
        return Prf {
            precision: 1.0,
            recall: 1.0,
            f1: 1.0,
        };
    }
    let p = if ng == 0 {
        0.0
    } else {
        overlap as f64 / ng as f64
    };
    let r = if ne == 0 {
        0.0
    } else {
        overlap as f64 / ne as f64
    };
    let f1 = if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    };
    Prf {
        precision: p,
        recall: r,
        f1,
    }
}

/// Like [`word_prf`] for gold texts that are only a prefix of the article (goose3 stores the
/// first few hundred characters): `got` is cut to as many tokens as the gold has, so the unseen
/// tail does not count as false positives.
pub fn word_prf_prefix(got: &str, expected_prefix: &str) -> Prf {
    let n = expected_prefix.split_whitespace().count();
    let cut: Vec<&str> = got.split_whitespace().take(n).collect();
    word_prf(&cut.join(" "), expected_prefix)
}

/// Word F1 (see [`word_prf`]).
pub fn word_f1(got: &str, expected: &str) -> f64 {
    word_prf(got, expected).f1
}

/// Whether an extracted date matches a gold `YYYY-MM-DD` (time and zone are ignored).
pub fn date_matches(got: Option<&str>, gold: &str) -> bool {
    got.is_some_and(|g| matches!((g.get(..10), gold.get(..10)), (Some(a), Some(b)) if a == b))
}

/// Share of `(got, gold)` pairs that match.
pub fn date_accuracy<'a>(pairs: impl IntoIterator<Item = (Option<&'a str>, &'a str)>) -> f64 {
    let mut n = 0;
    let mut ok = 0;
    for (g, gold) in pairs {
        n += 1;
        if date_matches(g, gold) {
            ok += 1;
        }
    }
    if n == 0 {
        0.0
    } else {
        ok as f64 / n as f64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn f1_basics() {
        assert!((word_f1("a b c", "a b c") - 1.0).abs() < 1e-9);
        assert!((word_f1("a, b!", "a b") - 1.0).abs() < 1e-9);
        let p = word_prf("a b c d", "a b");
        assert!((p.precision - 0.5).abs() < 1e-9 && (p.recall - 1.0).abs() < 1e-9);
        assert_eq!(word_f1("", "a"), 0.0);
        assert!(date_matches(Some("2020-03-17T10:00:00Z"), "2020-03-17"));
        assert!(!date_matches(None, "2020-03-17"));
        assert!(!date_matches(Some("ف"), "2020-03-17"));
    }
}
