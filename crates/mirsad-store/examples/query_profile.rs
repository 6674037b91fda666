//! Single-threaded cost of the benchmark query mixes on an existing store, for profiling
//! (`perf record`) and quick comparisons; the latency under load is `mirsad bench store`.
//!
//! `cargo run --release -p mirsad-store --example query_profile -- STORE_DIR [N] [search|events]`
//!
//! With `MIRSAD_DUMP=FILE` the search results are also written to FILE as JSON Lines, so that
//! two builds can be checked to answer the same mix identically (`cmp`).

use mirsad_store::bench::{events_mix, percentiles, process_cpu_seconds, search_mix};
use mirsad_store::Store;
use std::io::Write;
use std::time::Instant;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let dir = args
        .next()
        .ok_or("usage: query_profile STORE_DIR [N] [search|events]")?;
    let n: usize = args.next().map(|s| s.parse()).transpose()?.unwrap_or(500);
    let only = args.next();
    let store = Store::open(&dir)?;
    if only.as_deref() != Some("events") {
        let mix = search_mix(&store, n, 1)?;
        let mut ms = Vec::new();
        let mut total = 0usize;
        let mut dump = match std::env::var_os("MIRSAD_DUMP") {
            Some(path) => Some(std::io::BufWriter::new(std::fs::File::create(path)?)),
            None => None,
        };
        let cpu = process_cpu_seconds();
        for r in &mix {
            let t = Instant::now();
            let results = store.search(&r.query, &r.filters, r.page, 20)?;
            ms.push(t.elapsed().as_secs_f64() * 1000.0);
            total += results.total;
            if let Some(out) = &mut dump {
                serde_json::to_writer(&mut *out, &results)?;
                out.write_all(b"\n")?;
            }
        }
        if let Some(mut out) = dump {
            out.flush()?;
        }
        report("search", ms, total, process_cpu_seconds() - cpu);
    }
    if only.as_deref() != Some("search") {
        let mix = events_mix(&store, n, 1)?;
        let mut ms = Vec::new();
        let mut total = 0usize;
        let cpu = process_cpu_seconds();
        for (f, p) in &mix {
            let t = Instant::now();
            total += store.events(f, *p)?.total as usize;
            ms.push(t.elapsed().as_secs_f64() * 1000.0);
        }
        report("events", ms, total, process_cpu_seconds() - cpu);
    }
    Ok(())
}

fn report(name: &str, ms: Vec<f64>, total: usize, cpu_seconds: f64) {
    let n = ms.len();
    let mean = ms.iter().sum::<f64>() / n.max(1) as f64;
    let max = ms.iter().cloned().fold(0.0, f64::max);
    let (p50, p95, p99) = percentiles(ms);
    println!(
        "{name}: {n} requests, mean {mean:.2} ms, p50 {p50:.2} / p95 {p95:.2} / p99 {p99:.2} / max {max:.2} ms, \
         mean hits {:.0}, CPU {:.2} ms per request",
        total as f64 / n.max(1) as f64,
        cpu_seconds * 1000.0 / n.max(1) as f64
    );
}
