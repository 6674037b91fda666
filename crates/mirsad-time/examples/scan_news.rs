//! Tags SaudiNewsNet articles and prints every timex with a little context, for manual review.
//! `cargo run -p mirsad-time --release --example scan_news -- [FILE.json] [MAX_DOCS]`
//! (default: the 2015-08-01 file). Context is printed for the reviewer only, never stored.

use std::path::PathBuf;

use chrono::NaiveDate;
use mirsad_time::TimeTagger;

fn shared() -> PathBuf {
    std::env::var_os("MIRSAD_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared"))
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let file = args
        .get(1)
        .cloned()
        .unwrap_or_else(|| "2015-08-01.json".into());
    let max: usize = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(50);
    let path = shared().join("data/news/saudinewsnet/json").join(file);
    let Ok(raw) = std::fs::read_to_string(&path) else {
        println!("skipping: ../shared/data not found");
        return;
    };
    let docs: Vec<serde_json::Value> = serde_json::from_str(&raw).expect("json array");
    let tagger = TimeTagger::new();
    for doc in docs.iter().take(max) {
        let content = doc["content"].as_str().unwrap_or("");
        let url = doc["url"].as_str().unwrap_or("");
        let pubd = doc["date_extracted"]
            .as_str()
            .and_then(|s| s.get(..10))
            .and_then(|s| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok());
        let chars: Vec<char> = content.chars().collect();
        for t in tagger.tag(content, pubd) {
            let lo = t.start.saturating_sub(40);
            let hi = (t.end + 40).min(chars.len());
            let ctx: String = chars[lo..hi].iter().collect::<String>().replace('\n', " ");
            println!(
                "{url}\t{}\t{}\t{}\t{:?}\t{}\t{}\t{ctx}",
                pubd.map(|d| d.to_string()).unwrap_or_default(),
                t.start,
                t.end,
                t.timex_type,
                t.value,
                t.text
            );
        }
    }
}
