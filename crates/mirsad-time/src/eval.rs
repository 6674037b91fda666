//! The suite evaluation behind `mirsad eval time`.
//!
//! Suite format (TSV with a header): `id category published sentence expected`, where
//! `published` is `YYYY-MM-DD` or `-`, and `expected` lists `span|TYPE|value` items joined by
//! ` ;; ` (empty for the `negative` category). A case is correct when the tagger returns exactly
//! the expected timexes (span text, type and value) and nothing else.

use std::collections::BTreeMap;
use std::fmt;
use std::path::Path;

use chrono::NaiveDate;
use mirsad_core::TimexType;

use crate::TimeTagger;

#[derive(Debug, Clone, Default)]
pub struct EvalReport {
    /// category → (correct, total)
    pub by_category: BTreeMap<String, (usize, usize)>,
    pub correct: usize,
    pub total: usize,
    /// one line per wrong case: id, expected, got
    pub failures: Vec<String>,
}

impl EvalReport {
    pub fn accuracy(&self) -> f64 {
        if self.total == 0 {
            0.0
        } else {
            self.correct as f64 / self.total as f64
        }
    }
}

impl fmt::Display for EvalReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "| category | correct | total | accuracy |")?;
        writeln!(f, "|---|---:|---:|---:|")?;
        for (c, (ok, n)) in &self.by_category {
            let acc = if *n == 0 { 0.0 } else { *ok as f64 / *n as f64 };
            writeln!(f, "| {c} | {ok} | {n} | {:.1}% |", acc * 100.0)?;
        }
        writeln!(
            f,
            "| **all** | {} | {} | {:.1}% |",
            self.correct,
            self.total,
            self.accuracy() * 100.0
        )
    }
}

fn type_name(t: TimexType) -> &'static str {
    match t {
        TimexType::DATE => "DATE",
        TimexType::TIME => "TIME",
        TimexType::DURATION => "DURATION",
        TimexType::SET => "SET",
    }
}

/// Runs the tagger over a suite file.
pub fn eval_suite(path: impl AsRef<Path>) -> std::io::Result<EvalReport> {
    let text = std::fs::read_to_string(path)?;
    let tagger = TimeTagger::new();
    Ok(eval_suite_text(&tagger, &text))
}

/// Same as [`eval_suite`] on a suite already in memory.
pub fn eval_suite_text(tagger: &TimeTagger, text: &str) -> EvalReport {
    let mut r = EvalReport::default();
    for line in text.lines().skip(1) {
        if line.trim().is_empty() {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() < 4 {
            continue;
        }
        let (id, cat, published, sentence) = (cols[0], cols[1], cols[2], cols[3]);
        let expected_col = cols.get(4).copied().unwrap_or("").trim();
        let mut expected: Vec<String> = expected_col
            .split(" ;; ")
            .filter(|s| !s.trim().is_empty())
            .map(|s| s.trim().to_string())
            .collect();
        let pubd = NaiveDate::parse_from_str(published, "%Y-%m-%d").ok();
        let mut got: Vec<String> = tagger
            .tag(sentence, pubd)
            .into_iter()
            .map(|t| format!("{}|{}|{}", t.text, type_name(t.timex_type), t.value))
            .collect();
        expected.sort();
        got.sort();
        let ok = expected == got;
        let e = r.by_category.entry(cat.to_string()).or_default();
        e.1 += 1;
        r.total += 1;
        if ok {
            e.0 += 1;
            r.correct += 1;
        } else {
            r.failures.push(format!(
                "{id}\t{cat}\texpected [{}]\tgot [{}]",
                expected.join(" ;; "),
                got.join(" ;; ")
            ));
        }
    }
    r
}
