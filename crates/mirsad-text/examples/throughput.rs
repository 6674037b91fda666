//! Throughput of decode + sentences + tokens (+ the whole TextStage) on real files.
//!
//! `cargo run --release -p mirsad-text --example throughput -- FILE... [--repeat N]`
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
    let t = Instant::now();
    let mut text = String::new();
    for _ in 0..repeat {
        text = decode(&bytes, &hint).text;
    }
    report("decode", mb, t);

    let t = Instant::now();
    let mut n = 0;
    for _ in 0..repeat {
        n += split_sentences(&text).len();
    }
    report("sentences", mb, t);

    let t = Instant::now();
    let mut k = 0;
    for _ in 0..repeat {
        k += tokenize(&text).len();
    }
    report("tokenize", mb, t);

    let t = Instant::now();
    for _ in 0..repeat {
        let d = decode(&bytes, &hint);
        let s = split_sentences(&d.text);
        let tk = tokenize(&d.text);
        std::hint::black_box((s, tk));
    }
    report("decode+sentences+tokenize", mb, t);

    let stage = TextStage::default();
    let t = Instant::now();
    for _ in 0..repeat {
        let mut doc = Document::new(Metadata::default(), text.clone(), "ar");
        stage.process(&mut doc).unwrap();
        std::hint::black_box(doc);
    }
    report("TextStage (incl. Token structs)", mb, t);
    println!("{} sentences, {} tokens per pass", n / repeat, k / repeat);
}

fn report(what: &str, mb: f64, t: Instant) {
    let s = t.elapsed().as_secs_f64();
    println!("{what:>32}: {:8.1} MB/s", mb / s);
}
