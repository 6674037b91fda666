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

/// One row of [`extract_report`].
#[derive(Debug, Clone, PartialEq)]
pub struct FixtureRow {
    pub name: String,
    /// `None` for fixtures without expected text (date-only fixtures).
    pub prf: Option<Prf>,
    pub gold_date: Option<String>,
    pub got_date: Option<String>,
}

/// Extraction quality on the shared HTML fixtures.
#[derive(Debug, Clone, PartialEq)]
pub struct ExtractReport {
    pub rows: Vec<FixtureRow>,
}

impl ExtractReport {
    pub fn mean_f1(&self) -> f64 {
        let f: Vec<f64> = self
            .rows
            .iter()
            .filter_map(|r| r.prf.map(|p| p.f1))
            .collect();
        if f.is_empty() {
            0.0
        } else {
            f.iter().sum::<f64>() / f.len() as f64
        }
    }

    pub fn date_accuracy(&self) -> f64 {
        date_accuracy(
            self.rows
                .iter()
                .filter_map(|r| r.gold_date.as_deref().map(|g| (r.got_date.as_deref(), g))),
        )
    }
}

impl std::fmt::Display for ExtractReport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(
            f,
            "{:<44} {:>6} {:>6} {:>6}  {:<10} {:<10}",
            "fixture", "P", "R", "F1", "gold date", "extracted"
        )?;
        for r in &self.rows {
            let (p, rc, f1) = match r.prf {
                Some(x) => (
                    format!("{:.3}", x.precision),
                    format!("{:.3}", x.recall),
                    format!("{:.3}", x.f1),
                ),
                None => ("-".into(), "-".into(), "-".into()),
            };
            let short = |d: &Option<String>| {
                d.as_deref()
                    .map(|d| d.chars().take(10).collect::<String>())
                    .unwrap_or_else(|| "-".into())
            };
            let mark = match (&r.gold_date, &r.got_date) {
                (Some(g), got) if date_matches(got.as_deref(), g) => " ok",
                (Some(_), _) => " MISS",
                _ => "",
            };
            writeln!(
                f,
                "{:<44} {:>6} {:>6} {:>6}  {:<10} {:<10}{mark}",
                r.name,
                p,
                rc,
                f1,
                short(&r.gold_date),
                short(&r.got_date)
            )?;
        }
        let n_text = self.rows.iter().filter(|r| r.prf.is_some()).count();
        let n_date = self.rows.iter().filter(|r| r.gold_date.is_some()).count();
        writeln!(
            f,
            "mean word F1 over {n_text} fixtures: {:.3}",
            self.mean_f1()
        )?;
        write!(
            f,
            "date accuracy over {n_date} fixtures: {:.3}",
            self.date_accuracy()
        )
    }
}

fn read_lossy(p: &std::path::Path) -> Result<String, String> {
    std::fs::read(p)
        .map(|b| String::from_utf8_lossy(&b).into_owned())
        .map_err(|e| format!("{}: {e}", p.display()))
}

fn ant_tag<'a>(s: &'a str, name: &str) -> &'a str {
    let open = format!("<{name}>");
    let close = format!("</{name}>");
    let Some(a) = s.find(&open).map(|i| i + open.len()) else {
        return "";
    };
    let b = s[a..].find(&close).map(|i| a + i).unwrap_or(s.len());
    s[a..b].trim()
}

/// Run the extractor over `news_dir/html_fixtures` (see its README.txt): newspaper3k/4k and
/// goose3 CNN-Arabic pages (goose3's expected text is a prefix), the nine JawharaFM page/gold
/// pairs (gold text and date from the crawler's ANT files) and the htmldate mediacloud pages
/// (gold dates only). Text is scored as [`pipeline_text`] produces it.
pub fn extract_report(news_dir: &std::path::Path) -> Result<ExtractReport, String> {
    let h = news_dir.join("html_fixtures");
    let mut rows = Vec::new();
    let mut push = |name: String,
                    html_path: std::path::PathBuf,
                    expected: Option<(String, bool)>,
                    gold: Option<String>|
     -> Result<(), String> {
        let html = read_lossy(&html_path)?;
        let x = crate::extract::extract_html(&html, None);
        let text = crate::boilerplate::filter_lines(&x.text).0;
        let prf = expected.map(|(e, prefix)| {
            if prefix {
                word_prf_prefix(&text, &e)
            } else {
                word_prf(&text, &e)
            }
        });
        rows.push(FixtureRow {
            name,
            prf,
            gold_date: gold,
            got_date: x.published,
        });
        Ok(())
    };
    push(
        "newspaper3k/arabic_article".into(),
        h.join("newspaper3k/arabic_article.html"),
        Some((
            read_lossy(&h.join("newspaper3k/arabic.expected.txt"))?,
            false,
        )),
        None,
    )?;
    push(
        "newspaper4k/arabic_article".into(),
        h.join("newspaper4k/arabic_article.html"),
        Some((
            read_lossy(&h.join("newspaper4k/arabic_article.expected.txt"))?,
            false,
        )),
        None,
    )?;
    let goose: serde_json::Value = serde_json::from_str(&read_lossy(
        &h.join("goose3/test_cnn_arabic.expected.json"),
    )?)
    .map_err(|e| format!("goose3 expected json: {e}"))?;
    let goose_text = goose["expected"]["cleaned_text"]
        .as_str()
        .unwrap_or("")
        .to_string();
    push(
        "goose3/test_cnn_arabic (prefix)".into(),
        h.join("goose3/test_cnn_arabic.html"),
        Some((goose_text, true)),
        None,
    )?;
    let ja_dir = h.join("jawharafm_ant_crawler");
    let mut ja: Vec<std::path::PathBuf> = std::fs::read_dir(&ja_dir)
        .map_err(|e| format!("{}: {e}", ja_dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "html"))
        .collect();
    ja.sort();
    for p in ja {
        let gold = read_lossy(&p.with_extension("txt"))?;
        let name = format!(
            "jawharafm/{}",
            p.file_stem().unwrap_or_default().to_string_lossy()
        );
        let date = crate::dates::normalize_date(ant_tag(&gold, "TIME"));
        push(
            name,
            p.clone(),
            Some((ant_tag(&gold, "TEXT").to_string(), false)),
            date,
        )?;
    }
    let idx_path = h.join("htmldate_mediacloud/index.json");
    let idx: serde_json::Value = serde_json::from_str(&read_lossy(&idx_path)?)
        .map_err(|e| format!("{}: {e}", idx_path.display()))?;
    let mut names: Vec<String> = idx
        .as_object()
        .map(|o| o.keys().cloned().collect())
        .unwrap_or_default();
    names.sort();
    for n in names {
        let lang = idx[&n]["language"].as_str().unwrap_or("?");
        let gold = idx[&n]["gold_date"].as_str().map(str::to_string);
        push(
            format!("mediacloud/{n} ({lang})"),
            h.join("htmldate_mediacloud").join(&n),
            None,
            gold,
        )?;
    }
    Ok(ExtractReport { rows })
}
