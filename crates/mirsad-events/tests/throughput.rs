//! Throughput of the events stage on real articles (SaudiNewsNet, July–Aug 2015), one thread.
//! `cargo test -p mirsad-events --release --test throughput -- --ignored --nocapture`
//! (THROUGHPUT_FILES=n limits the number of daily files; SAMPLE=n prints n events to eyeball).

use mirsad_core::{Document, Metadata, Stage};
use mirsad_events::eval::shared_dir;
use mirsad_events::{cluster_events, EventStage};
use std::time::Instant;

#[test]
#[ignore]
fn throughput_on_saudinewsnet() {
    let Some(shared) = shared_dir() else {
        println!("skipping: ../shared/data not found");
        return;
    };
    let dir = shared.join("data/news/saudinewsnet/json");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    files.sort();
    let n_files: usize = std::env::var("THROUGHPUT_FILES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(files.len());
    let mut docs = Vec::new();
    for f in files.iter().take(n_files) {
        let v: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(f).unwrap()).unwrap();
        for (i, a) in v.as_array().unwrap().iter().enumerate() {
            let text = a["content"].as_str().unwrap_or("").to_string();
            let date = a["date_extracted"].as_str().map(|d| d.replace(' ', "T"));
            let id = format!("{}-{i}", f.file_stem().unwrap().to_string_lossy());
            docs.push(Document::new(
                Metadata {
                    id,
                    published: date,
                    ..Default::default()
                },
                text,
                "ar",
            ));
        }
    }
    let t0 = Instant::now();
    let stage = EventStage::new();
    let build = t0.elapsed();
    let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
    let t1 = Instant::now();
    for d in docs.iter_mut() {
        stage.process(d).unwrap();
    }
    let secs = t1.elapsed().as_secs_f64();
    let events: usize = docs.iter().map(|d| d.events.len()).sum();
    let quotes: usize = docs.iter().map(|d| d.quotes.len()).sum();
    println!(
        "stage build {:.0} ms; {} articles, {:.1} MB in {:.2} s: {:.0} articles/s, {:.1} MB/s per core; {} events, {} quotes",
        build.as_secs_f64() * 1000.0,
        docs.len(),
        bytes as f64 / 1e6,
        secs,
        docs.len() as f64 / secs,
        bytes as f64 / 1e6 / secs,
        events,
        quotes
    );
    let mut by_type = std::collections::BTreeMap::new();
    for e in docs.iter().flat_map(|d| &d.events) {
        *by_type.entry(e.event_type.as_str()).or_insert(0usize) += 1;
    }
    println!("by type: {by_type:?}");
    let t2 = Instant::now();
    let clusters = cluster_events(&mut docs);
    println!(
        "clustering: {} clusters in {:.0} ms; top: {:?}",
        clusters.len(),
        t2.elapsed().as_secs_f64() * 1000.0,
        clusters.first().map(|c| (c.mentions, c.documents.len()))
    );
    let sample: usize = std::env::var("SAMPLE")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    let mut shown = 0;
    let step: usize = std::env::var("STEP")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(37);
    'outer: for d in docs.iter().step_by(step) {
        for e in &d.events {
            if shown >= sample {
                break 'outer;
            }
            shown += 1;
            let ev = d.slice_chars(e.evidence.start, e.evidence.end.min(e.evidence.start + 160));
            println!(
                "{} {:?} {:?} conf {} [{}] {}",
                e.event_type.as_str(),
                e.factuality,
                e.trigger.text.as_deref().unwrap_or(""),
                e.confidence,
                e.mode.as_deref().unwrap_or("-"),
                ev.replace('\n', " ")
            );
        }
    }
}
