//! Links a SaudiNewsNet day file and reports throughput and the most frequent links:
//! `cargo run --release -p mirsad-kb --example link_news -- ../shared/data/news/saudinewsnet/json/2015-07-21.json [N]`
use mirsad_kb::{Kb, Linker};
use std::collections::HashMap;
use std::time::Instant;

/// CPU seconds this thread has used (user + system), from /proc: on a shared machine wall time
/// measures the neighbours as much as the linker.
fn cpu_secs() -> f64 {
    let stat = std::fs::read_to_string("/proc/thread-self/stat").unwrap_or_default();
    let after = stat.rsplit(')').next().unwrap_or("");
    let f: Vec<&str> = after.split_whitespace().collect();
    let ticks: f64 = f.get(11).and_then(|x| x.parse().ok()).unwrap_or(0.0)
        + f.get(12).and_then(|x| x.parse().ok()).unwrap_or(0.0);
    ticks / 100.0
}

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
    let c0 = cpu_secs();
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
    let cpu = cpu_secs() - c0;
    // the normalisation alone, for reference: the linker runs it itself
    let tn = Instant::now();
    let cn = cpu_secs();
    let mut n = 0;
    for (text, _) in &texts {
        n += mirsad_text::normalize(text, &mirsad_text::NormalizeOptions::matching())
            .text
            .len();
    }
    let nsecs = tn.elapsed().as_secs_f64();
    let ncpu = cpu_secs() - cn;
    println!(
        "normalisation alone: {nsecs:.2}s wall, {ncpu:.2}s CPU: {:.1} MB/s per core ({n} bytes)",
        bytes as f64 / 1e6 / ncpu.max(0.01)
    );
    println!(
        "linking without normalisation: {:.1} MB/s per core",
        bytes as f64 / 1e6 / (cpu - ncpu).max(0.01)
    );
    println!(
        "{} docs, {:.1} MB, {} entities, {:.2}s wall, {:.2}s CPU: {:.1} MB/s per core (with normalisation)",
        texts.len(),
        bytes as f64 / 1e6,
        n_ent,
        secs,
        cpu,
        bytes as f64 / 1e6 / cpu.max(0.01)
    );
    let mut v: Vec<_> = counts.into_iter().collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    for ((text, id), n) in v.iter().take(show) {
        println!("{n:6} {text} -> {id}");
    }
}
