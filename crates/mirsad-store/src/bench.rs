//! Benchmark harness the CLI's `mirsad bench store` calls: ingest throughput and store size.
//! (Query latency under concurrent HTTP load lives in `mirsad_server::bench`, which needs a
//! running server and a second process.)

use crate::{Result, Store, StoreOptions};
use mirsad_core::Document;
use serde::Serialize;
use std::path::Path;
use std::time::Instant;

#[derive(Debug, Clone, Serialize)]
pub struct IngestBench {
    pub documents: usize,
    pub stored: usize,
    pub seconds: f64,
    pub articles_per_second: f64,
    /// Bytes on disk (SQLite after a WAL checkpoint + index) per 1,000 stored articles.
    /// Measure with a few thousand documents: small stores are dominated by fixed overhead.
    pub bytes_per_1000: f64,
    pub total_bytes: u64,
}

/// Total size of the files under `dir`.
pub fn dir_size(dir: &Path) -> u64 {
    let mut n = 0;
    if let Ok(rd) = std::fs::read_dir(dir) {
        for e in rd.flatten() {
            let p = e.path();
            if p.is_dir() {
                n += dir_size(&p);
            } else if let Ok(m) = e.metadata() {
                n += m.len();
            }
        }
    }
    n
}

/// Ingests `docs` into a fresh store in `dir` (which should be empty) and measures.
pub fn bench_ingest(dir: &Path, docs: Vec<Document>, opts: StoreOptions) -> Result<IngestBench> {
    let n = docs.len();
    let start = Instant::now();
    let store = Store::open_with(dir, opts)?;
    let report = store.ingest(docs)?;
    let seconds = start.elapsed().as_secs_f64();
    store.checkpoint()?;
    drop(store);
    let total_bytes = dir_size(dir);
    Ok(IngestBench {
        documents: n,
        stored: report.added,
        seconds,
        articles_per_second: n as f64 / seconds.max(1e-9),
        bytes_per_1000: total_bytes as f64 * 1000.0 / report.added.max(1) as f64,
        total_bytes,
    })
}

/// p50/p95/p99 of a list of latencies in milliseconds.
pub fn percentiles(mut ms: Vec<f64>) -> (f64, f64, f64) {
    if ms.is_empty() {
        return (0.0, 0.0, 0.0);
    }
    ms.sort_by(|a, b| a.total_cmp(b));
    let at = |q: f64| ms[((ms.len() as f64 - 1.0) * q).round() as usize];
    (at(0.50), at(0.95), at(0.99))
}
