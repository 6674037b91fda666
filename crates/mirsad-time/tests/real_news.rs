//! Smoke test on real articles from ../shared (skipped when the data is absent): offsets must
//! point at the reported text, and the newspaper name "عين اليوم" must never be a date.

use std::path::PathBuf;

use chrono::NaiveDate;
use mirsad_time::TimeTagger;

fn shared() -> PathBuf {
    std::env::var_os("MIRSAD_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared"))
}

#[test]
fn saudinewsnet_offsets_and_known_false_positives() {
    let path = shared().join("data/news/saudinewsnet/json/2015-08-02.json");
    let Ok(raw) = std::fs::read_to_string(&path) else {
        println!("skipping: ../shared/data not found");
        return;
    };
    let docs: Vec<serde_json::Value> = serde_json::from_str(&raw).expect("json array");
    let tagger = TimeTagger::new();
    let mut n = 0;
    for doc in docs.iter().take(400) {
        let content = doc["content"].as_str().unwrap_or("");
        let pubd = doc["date_extracted"]
            .as_str()
            .and_then(|s| s.get(..10))
            .and_then(|s| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok());
        let chars: Vec<char> = content.chars().collect();
        for t in tagger.tag(content, pubd) {
            let s: String = chars[t.start..t.end].iter().collect();
            assert_eq!(s, t.text);
            assert!(!t.value.is_empty());
            let before: String = chars[t.start.saturating_sub(4)..t.start].iter().collect();
            assert!(
                !(t.text == "اليوم" && before.contains("عين")),
                "newspaper name tagged"
            );
            n += 1;
        }
    }
    assert!(n > 100, "only {n} timexes in 400 articles");
}
