//! Which lines does boilerplate removal take out of a corpus?
//! `cargo run --release --example boilerplate_report -- FILE...` prints the share of documents
//! touched and the most frequent removed lines, for spot-checking the rules and the tracker.
use std::collections::HashMap;

use mirsad_ingest::boilerplate::{filter_lines, BoilerplateTracker};
use mirsad_ingest::{expand_inputs, read_all, IngestItem, IngestOptions};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (srcs, errs) = expand_inputs(&args);
    for e in errs {
        eprintln!("{e}");
    }
    // Raw texts: no filters, no tracker, keep everything.
    let raw = IngestOptions {
        keep_non_arabic: true,
        repeat_threshold: 0,
        line_filters: false,
        ..Default::default()
    };
    let mut tracker = BoilerplateTracker::default();
    let (mut docs, mut by_rule, mut by_repeat) = (0usize, 0usize, 0usize);
    let mut removed: HashMap<String, usize> = HashMap::new();
    for item in read_all(srcs, &raw) {
        let IngestItem::Doc(d) = item else { continue };
        docs += 1;
        let (t, r1) = filter_lines(&d.text);
        let key = d
            .meta
            .source
            .clone()
            .unwrap_or_else(|| d.origin.path.clone());
        let (_, r2) = tracker.process(&key, &t);
        by_rule += !r1.is_empty() as usize;
        by_repeat += !r2.is_empty() as usize;
        for l in r1.into_iter().chain(r2) {
            let short: String = l.chars().take(90).collect();
            *removed.entry(short).or_default() += 1;
        }
    }
    println!(
        "{docs} docs; rules touched {by_rule} ({:.1}%), repeats touched {by_repeat} ({:.1}%)",
        100.0 * by_rule as f64 / docs.max(1) as f64,
        100.0 * by_repeat as f64 / docs.max(1) as f64
    );
    let mut v: Vec<_> = removed.into_iter().collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    for (l, n) in v.iter().take(25) {
        println!("{n:>6}  {l}");
    }
}
