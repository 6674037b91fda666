//! Throughput of decode + sentences + tokens (+ the whole TextStage) on real files.
//!
//! `cargo run --release -p mirsad-text --example throughput -- FILE... [--repeat N]`
//! Set SKIP_STAGE=1 to skip the (memory-hungry) TextStage pass on huge inputs.
//! Without files it reads `../shared/data/news/moroccan_news_scraped/febrayer_feb.txt`.

use mirsad_core::{Document, Metadata, Stage};
use mirsad_text::{decode, split_sentences, tokenize, DecodeHint, TextStage};
use std::time::Instant;

fn main() {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let mut repeat = 20usize;
    if let Some(i) = args.iter().position(|a| a == "--repeat") {
        repeat = args.get(i + 1).and_then(|n| n.parse().ok()).unwrap_or(20);
        args.drain(i..(i + 2).min(args.len()));
    }
    if args.is_empty() {
        let shared = std::env::var("MIRSAD_SHARED").unwrap_or_else(|_| {
            concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared").to_string()
        });
        args.push(format!(
            "{shared}/data/news/moroccan_news_scraped/febrayer_feb.txt"
        ));
    }
    let mut bytes = Vec::new();
    for f in &args {
        bytes.extend(std::fs::read(f).unwrap_or_else(|e| panic!("{f}: {e}")));
    }
    let mb = bytes.len() as f64 * repeat as f64 / 1e6;
    println!("{} bytes x {repeat}", bytes.len());

    let hint = DecodeHint::default();
    let t = start();
    let mut text = String::new();
    for _ in 0..repeat {
        text = decode(&bytes, &hint).text;
    }
    report("decode", mb, t);

    let t = start();
    let mut n = 0;
    for _ in 0..repeat {
        n += split_sentences(&text).len();
    }
    report("sentences", mb, t);

    let t = start();
    let mut k = 0;
    for _ in 0..repeat {
        k += tokenize(&text).len();
    }
    report("tokenize", mb, t);

    let t = start();
    for _ in 0..repeat {
        let d = decode(&bytes, &hint);
        let s = split_sentences(&d.text);
        let tk = tokenize(&d.text);
        std::hint::black_box((s, tk));
    }
    report("decode+sentences+tokenize", mb, t);

    if std::env::var_os("SKIP_STAGE").is_some() {
        return;
    }
    let stage = TextStage::default();
    let t = start();
    for _ in 0..repeat {
        let mut doc = Document::new(Metadata::default(), text.clone(), "ar");
        stage.process(&mut doc).unwrap();
        std::hint::black_box(doc);
    }
    report("TextStage (incl. Token structs)", mb, t);
    println!("{} sentences, {} tokens per pass", n / repeat, k / repeat);
}

/// Wall-clock and on-CPU throughput: on a shared machine the CPU figure is the one to compare.
fn report(what: &str, mb: f64, t: (Instant, Option<u64>)) {
    let s = t.0.elapsed().as_secs_f64();
    let cpu = match (t.1, cpu_ns()) {
        (Some(a), Some(b)) if b > a => format!("{:8.1} MB/cpu-s", mb / ((b - a) as f64 / 1e9)),
        _ => "n/a".to_string(),
    };
    println!("{what:>32}: {:8.1} MB/s wall, {cpu}", mb / s);
}

fn start() -> (Instant, Option<u64>) {
    (Instant::now(), cpu_ns())
}

/// Time this process has spent on a CPU (Linux), in ns.
fn cpu_ns() -> Option<u64> {
    let s = std::fs::read_to_string("/proc/self/schedstat").ok()?;
    s.split_whitespace().next()?.parse().ok()
}
