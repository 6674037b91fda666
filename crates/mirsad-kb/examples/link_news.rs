//! Links a SaudiNewsNet day file and reports throughput and the most frequent links:
//! `cargo run --release -p mirsad-kb --example link_news -- ../shared/data/news/saudinewsnet/json/2015-07-21.json [N]`
use mirsad_kb::{Kb, Linker};
use std::collections::HashMap;
use std::time::Instant;

fn main() {
    let path = std::env::args()
        .nth(1)
        .expect("path to a saudinewsnet json file");
    let show: usize = std::env::args()
        .nth(2)
        .and_then(|n| n.parse().ok())
        .unwrap_or(40);
    let docs: Vec<serde_json::Value> =
        serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    let texts: Vec<(String, String)> = docs
        .iter()
        .map(|d| {
            let date = d["date_extracted"]
                .as_str()
                .unwrap_or("")
                .get(..10)
                .unwrap_or("")
                .to_string();
            (d["content"].as_str().unwrap_or("").to_string(), date)
        })
        .collect();
    let t0 = Instant::now();
    let linker = Linker::new(Kb::embedded());
    eprintln!("linker built in {:.2?}", t0.elapsed());
    let bytes: usize = texts.iter().map(|t| t.0.len()).sum();
    let mut counts: HashMap<(String, String), usize> = HashMap::new();
    let mut n_ent = 0;
    let t = Instant::now();
    for (text, date) in &texts {
        let (ents, _) = linker.link(text, Some(date));
        n_ent += ents.len();
        for e in ents {
            *counts
                .entry((e.text.clone(), e.actor_id.unwrap_or_default()))
                .or_default() += 1;
        }
    }
    let secs = t.elapsed().as_secs_f64();
    // the normalisation alone, for reference: the linker runs it itself
    let tn = Instant::now();
    let mut n = 0;
    for (text, _) in &texts {
        n += mirsad_text::normalize(text, &mirsad_text::NormalizeOptions::matching())
            .text
            .len();
    }
    let nsecs = tn.elapsed().as_secs_f64();
    println!(
        "normalisation alone: {:.2}s, {:.1} MB/s ({n} bytes)",
        nsecs,
        bytes as f64 / 1e6 / nsecs
    );
    println!(
        "{} docs, {:.1} MB, {} entities, {:.2}s single thread: {:.1} MB/s",
        texts.len(),
        bytes as f64 / 1e6,
        n_ent,
        secs,
        bytes as f64 / 1e6 / secs
    );
    let mut v: Vec<_> = counts.into_iter().collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    for ((text, id), n) in v.iter().take(show) {
        println!("{n:6} {text} -> {id}");
    }
}
