//! Integration tests on the shared news fixtures (`../shared/data/news`, or `$MIRSAD_SHARED`).
//! They print per-fixture tables (run with `--nocapture`) and skip when the data is absent.

use std::path::{Path, PathBuf};

use mirsad_ingest::eval::{extract_report, word_prf};
use mirsad_ingest::{
    expand_inputs, extract_html, read_all, IngestItem, IngestOptions, InputSource,
};

fn news() -> Option<PathBuf> {
    let base = std::env::var_os("MIRSAD_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared"));
    let p = base.join("data/news");
    if p.is_dir() {
        Some(p)
    } else {
        println!("skipping: ../shared/data not found");
        None
    }
}

fn read(p: &Path) -> String {
    String::from_utf8_lossy(&std::fs::read(p).unwrap()).into_owned()
}

#[test]
fn html_fixtures_extraction_quality_and_dates() {
    let Some(news) = news() else { return };
    let report = extract_report(&news).unwrap();
    println!("{report}");
    let mean = report.mean_f1();
    let acc = report.date_accuracy();
    assert_eq!(report.rows.iter().filter(|r| r.prf.is_some()).count(), 12);
    assert!(mean >= 0.9, "mean F1 {mean:.3} < 0.9");
    assert!(acc >= 0.9, "date accuracy {acc:.3} < 0.9");
}

#[test]
fn trafilatura_assabah_snippets() {
    let Some(news) = news() else { return };
    let h = news.join("html_fixtures/trafilatura_eval");
    let exp: serde_json::Value =
        serde_json::from_str(&read(&h.join("assabah.expected.json"))).unwrap();
    let exp = exp.as_object().unwrap().values().next().unwrap();
    let x = extract_html(&read(&h.join("assabah.com.tn.article.html")), None);
    for s in exp["with"].as_array().unwrap() {
        let s = s.as_str().unwrap();
        println!("with    {s:<20} {}", x.text.contains(s));
        assert!(x.text.contains(s), "missing {s:?}");
    }
    for s in exp["without"].as_array().unwrap() {
        let s = s.as_str().unwrap();
        println!("without {s:<20} {}", !x.text.contains(s));
        assert!(!x.text.contains(s), "boilerplate {s:?} extracted");
    }
    let title = exp["title"].as_str().unwrap();
    let got = x.title.unwrap_or_default();
    println!("title expected {title:?}\n      got      {got:?}");
    assert!(word_prf(&got, title).f1 > 0.8);
}

#[test]
fn persian_pages_are_not_arabic() {
    let Some(news) = news() else { return };
    let dir = news.join("html_fixtures/htmldate_mediacloud");
    let idx: serde_json::Value = serde_json::from_str(&read(&dir.join("index.json"))).unwrap();
    let (srcs, errs) = expand_inputs(&[dir.to_string_lossy().into_owned()]);
    assert!(errs.is_empty());
    let mut checked = 0;
    for item in read_all(srcs, &IngestOptions::default()) {
        let (path, outcome) = match &item {
            IngestItem::Doc(d) => (d.origin.path.clone(), d.language.clone()),
            IngestItem::Skipped { origin, reason } => (origin.path.clone(), reason.clone()),
            // index.json sits next to the pages and is not a document collection.
            IngestItem::Failed(e) if e.origin.path.ends_with("index.json") => continue,
            IngestItem::Failed(e) => panic!("{e}"),
        };
        let name = Path::new(&path)
            .file_name()
            .unwrap()
            .to_string_lossy()
            .into_owned();
        let Some(lang) = idx.get(&name).and_then(|v| v["language"].as_str()) else {
            continue;
        };
        println!("{name:<18} gold {lang}  got {outcome}");
        match lang {
            "fa" => assert_eq!(outcome, "language fa, not ar"),
            _ => assert_eq!(outcome, "ar"),
        }
        checked += 1;
    }
    assert_eq!(checked, 11);
}

#[test]
fn warc_container() {
    let Some(news) = news() else { return };
    let p = news.join("warc_container/arabic_news_fixtures.warc.gz");
    let opts = IngestOptions {
        keep_non_arabic: true,
        ..Default::default()
    };
    let mut reader = read_all(vec![InputSource::from_path(&p)], &opts);
    let mut docs = 0;
    let mut other = 0;
    let mut legacy = 0;
    for item in reader.by_ref() {
        match item {
            IngestItem::Doc(d) => {
                docs += 1;
                assert!(d.meta.url.is_some());
                // The two chardet pages are served as text/html with no charset: one
                // windows-1256, one ISO-8859-6. Both must come out as the same Arabic sentence.
                if d.meta
                    .url
                    .as_deref()
                    .unwrap_or("")
                    .contains("fixture.invalid")
                {
                    legacy += 1;
                    assert!(
                        d.text.contains("أعلنت كتائب الشهيد عز الدين القسام"),
                        "legacy page decoded wrongly: {}",
                        d.text.chars().take(80).collect::<String>()
                    );
                    assert!(!d.text.contains('\u{FFFD}'));
                }
                assert!(d.origin.locator.as_deref().unwrap().starts_with("record "));
                // WARC-Date (2024-01-01) must never become the publication date.
                assert!(!d
                    .meta
                    .published
                    .as_deref()
                    .unwrap_or("")
                    .starts_with("2024-01-01"));
                println!(
                    "{:<28} {:<4} {:<26} {}",
                    d.origin.locator.unwrap(),
                    d.language,
                    d.meta.published.as_deref().unwrap_or("-"),
                    d.text
                        .chars()
                        .take(40)
                        .collect::<String>()
                        .replace('\n', " ")
                );
            }
            IngestItem::Skipped { origin, reason } => {
                other += 1;
                println!("{origin}: skipped {reason}");
            }
            IngestItem::Failed(e) => panic!("{e}"),
        }
    }
    let st = reader.stats();
    println!("docs {docs}, skipped {other}, quiet {:?}", st.quiet);
    assert_eq!(legacy, 2);
    assert_eq!(docs + other, 24);
    assert!(docs >= 22);
    assert_eq!(st.quiet.get("warcinfo"), Some(&1));
}

#[test]
fn antcorpus_reader() {
    let Some(news) = news() else { return };
    let dir = news.join("antcorpus");
    let (srcs, errs) = expand_inputs(&[dir.to_string_lossy().into_owned()]);
    assert!(errs.is_empty());
    let mut docs = 0usize;
    let mut dated = 0usize;
    let mut titled = 0usize;
    let mut skipped = 0usize;
    let mut not_ar = 0usize;
    for item in read_all(
        srcs,
        &IngestOptions {
            keep_non_arabic: true,
            ..Default::default()
        },
    ) {
        match item {
            IngestItem::Doc(d) if !d.origin.path.contains("/JA-") => {
                println!("not an article file: {}", d.origin.path);
            }
            IngestItem::Doc(d) => {
                docs += 1;
                dated += d.meta.published.is_some() as usize;
                titled += d.meta.title.is_some() as usize;
                not_ar += (d.language != "ar") as usize;
                assert!(!d.meta.id.is_empty());
            }
            IngestItem::Skipped { .. } => skipped += 1,
            IngestItem::Failed(e) => panic!("{e}"),
        }
    }
    println!("antcorpus: {docs} docs, {dated} dated, {titled} titled, {not_ar} not Arabic, {skipped} skipped (README/LICENSE etc.)");
    assert!(docs >= 10_000);
    assert!(dated as f64 >= docs as f64 * 0.99);
}

#[test]
fn saudinewsnet_array_streaming() {
    let Some(news) = news() else { return };
    let p = news.join("saudinewsnet/json/2015-08-01.json");
    let all: Vec<serde_json::Value> = serde_json::from_str(&read(&p)).unwrap();
    let mut n = 0;
    let mut docs = 0;
    let mut first = None;
    for item in read_all(vec![InputSource::from_path(&p)], &IngestOptions::default()) {
        n += 1;
        match item {
            IngestItem::Doc(d) => {
                docs += 1;
                if first.is_none() {
                    first = Some(d);
                }
            }
            IngestItem::Failed(e) => panic!("{e}"),
            IngestItem::Skipped { .. } => {}
        }
    }
    println!(
        "saudinewsnet 2015-08-01: {} elements, {n} items, {docs} docs",
        all.len()
    );
    assert_eq!(n, all.len());
    assert!(docs as f64 > all.len() as f64 * 0.95);
    let d = first.unwrap();
    assert_eq!(d.meta.source.as_deref(), all[0]["source"].as_str());
    assert_eq!(d.meta.url.as_deref(), all[0]["url"].as_str());
    assert!(d
        .meta
        .published
        .as_deref()
        .unwrap()
        .starts_with("2015-08-01"));
}

#[test]
fn boilerplate_on_scraped_corpora() {
    let Some(news) = news() else { return };
    for f in [
        "tunisia_crime_news/articles.jsonl",
        "moroccan_news_scraped/ahdath_ahd22.json",
        "moroccan_news_scraped/yabiladi_yab.json",
    ] {
        let p = news.join(f);
        let mut reader = read_all(vec![InputSource::from_path(&p)], &IngestOptions::default());
        let mut docs = 0;
        let mut cleaned = 0;
        let mut examples = Vec::new();
        let mut js_left = 0;
        for item in reader.by_ref() {
            if let IngestItem::Doc(d) = item {
                docs += 1;
                if d.warnings.iter().any(|w| w.starts_with("boilerplate")) {
                    cleaned += 1;
                    if examples.len() < 2 && docs % 50 == 1 {
                        examples.push((
                            d.meta.id.clone(),
                            d.warnings.clone(),
                            d.text.chars().take(80).collect::<String>(),
                        ));
                    }
                }
                if d.text.contains("googletag") || d.text.contains("adsbygoogle") {
                    js_left += 1;
                }
            }
        }
        let st = reader.stats();
        println!(
            "{f}: {docs} docs, {cleaned} ({:.1}%) had lines removed (rules {}, repeats {}), {} lines removed, leaked JS left in {js_left}",
            100.0 * cleaned as f64 / docs.max(1) as f64,
            st.docs_rule_cleaned,
            st.docs_repeat_cleaned,
            st.lines_removed
        );
        for e in examples {
            println!("   e.g. {} {:?}\n        -> {}", e.0, e.1, e.2);
        }
        assert_eq!(js_left, 0, "{f}");
    }
}
