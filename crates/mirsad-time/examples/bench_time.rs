//! Throughput of `TimeTagger::tag` on SaudiNewsNet article bodies, one thread.
//! `cargo run -p mirsad-time --release --example bench_time -- [N_FILES]`

use std::path::PathBuf;
use std::time::Instant;

use chrono::NaiveDate;
use mirsad_time::TimeTagger;

fn shared() -> PathBuf {
    std::env::var_os("MIRSAD_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared"))
}

fn main() {
    let n_files: usize = std::env::args()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(18);
    let dir = shared().join("data/news/saudinewsnet/json");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        println!("skipping: ../shared/data not found");
        return;
    };
    let mut files: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
    files.sort();
    let mut docs: Vec<(String, Option<NaiveDate>)> = Vec::new();
    for f in files.iter().take(n_files) {
        let raw = std::fs::read_to_string(f).expect("readable");
        let arr: Vec<serde_json::Value> = serde_json::from_str(&raw).expect("json");
        for d in arr {
            let pubd = d["date_extracted"]
                .as_str()
                .and_then(|s| s.get(..10))
                .and_then(|s| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok());
            docs.push((d["content"].as_str().unwrap_or("").to_string(), pubd));
        }
    }
    let bytes: usize = docs.iter().map(|d| d.0.len()).sum();
    let tagger = TimeTagger::new();
    // warm-up on a slice so page faults and lazy tables do not count
    for d in docs.iter().take(200) {
        std::hint::black_box(tagger.tag(&d.0, d.1));
    }
    // MIRSAD_BENCH=normalize times the normaliser alone: the floor under the tagger
    let norm_only = std::env::var("MIRSAD_BENCH").is_ok_and(|v| v == "normalize");
    let opts = mirsad_text::NormalizeOptions::matching();
    let cpu0 = cpu_seconds();
    let t0 = Instant::now();
    let mut n = 0usize;
    for d in &docs {
        if norm_only {
            n += std::hint::black_box(mirsad_text::normalize(&d.0, &opts))
                .text
                .len();
        } else {
            n += std::hint::black_box(tagger.tag(&d.0, d.1)).len();
        }
    }
    let secs = t0.elapsed().as_secs_f64();
    let cpu = cpu_seconds().map(|c| c - cpu0.unwrap_or(0.0));
    let mb = bytes as f64 / 1e6;
    println!(
        "{} docs, {mb:.1} MB, {n} {}, wall {secs:.2} s = {:.1} MB/s; CPU {} on one thread",
        docs.len(),
        if norm_only { "bytes" } else { "timexes" },
        mb / secs,
        cpu.map(|c| format!("{c:.2} s = {:.1} MB/s", mb / c))
            .unwrap_or_else(|| "n/a".into())
    );
}

/// Process CPU time (user + system) from /proc: on a shared machine wall time measures the
/// neighbours, CPU time measures us.
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    let rest = &stat[stat.rfind(')')? + 2..];
    let f: Vec<&str> = rest.split_whitespace().collect();
    let utime: f64 = f.get(11)?.parse().ok()?;
    let stime: f64 = f.get(12)?.parse().ok()?;
    Some((utime + stime) / 100.0)
}
