//! Load generator for `mirsad bench store`: N concurrent keep-alive clients on loopback hit a
//! list of paths round-robin for a bounded duration and report latency percentiles and errors.
//!
//! It is meant to run in a *second process* (so client work does not steal the server's
//! threads unnoticed): the CLI re-invokes itself, or uses `wrk` from Debian when installed;
//! the numbers here are what the CLI prints.

use crate::client::Connection;
use serde::Serialize;
use std::net::SocketAddr;
use std::time::{Duration, Instant};

#[derive(Debug, Clone, Serialize)]
pub struct LoadReport {
    pub concurrency: usize,
    pub seconds: f64,
    pub requests: u64,
    pub errors: u64,
    /// Responses with status >= 400 (429 included) count as errors.
    pub requests_per_second: f64,
    pub p50_ms: f64,
    pub p95_ms: f64,
    pub p99_ms: f64,
    pub max_ms: f64,
}

/// Runs the load: `concurrency` threads, each with its own connection, for `duration`.
pub fn load(
    addr: SocketAddr,
    paths: &[String],
    concurrency: usize,
    duration: Duration,
) -> LoadReport {
    let start = Instant::now();
    let deadline = start + duration;
    let handles: Vec<_> = (0..concurrency.max(1))
        .map(|t| {
            let paths = paths.to_vec();
            std::thread::spawn(move || {
                let mut lat = Vec::new();
                let mut errors = 0u64;
                let mut conn = Connection::open(addr).ok();
                let mut i = t;
                while Instant::now() < deadline {
                    let path = &paths[i % paths.len()];
                    i += 1;
                    let c = match conn.as_mut() {
                        Some(c) => c,
                        None => match Connection::open(addr) {
                            Ok(c) => conn.insert(c),
                            Err(_) => {
                                errors += 1;
                                std::thread::sleep(Duration::from_millis(10));
                                continue;
                            }
                        },
                    };
                    let t0 = Instant::now();
                    match c.get(path) {
                        Ok(r) => {
                            lat.push(t0.elapsed().as_secs_f64() * 1000.0);
                            if r.status >= 400 {
                                errors += 1;
                            }
                        }
                        Err(_) => {
                            errors += 1;
                            conn = None;
                        }
                    }
                }
                (lat, errors)
            })
        })
        .collect();
    let mut all = Vec::new();
    let mut errors = 0;
    for h in handles {
        if let Ok((l, e)) = h.join() {
            all.extend(l);
            errors += e;
        }
    }
    let seconds = start.elapsed().as_secs_f64();
    let max_ms = all.iter().cloned().fold(0.0, f64::max);
    let requests = all.len() as u64;
    let (p50_ms, p95_ms, p99_ms) = mirsad_store::bench::percentiles(all);
    LoadReport {
        concurrency,
        seconds,
        requests,
        errors,
        requests_per_second: requests as f64 / seconds.max(1e-9),
        p50_ms,
        p95_ms,
        p99_ms,
        max_ms,
    }
}

/// Default query mix for the search and events benchmarks (Arabic queries, filters, paging).
pub fn default_paths(kind: &str) -> Vec<String> {
    use crate::client::encode;
    match kind {
        "events" => vec![
            "/api/events".into(),
            "/api/events?type=ASSAULT".into(),
            "/api/events?actor=SAU&per_page=50".into(),
            "/api/events?quad=verbal_cooperation&from=2015-03-01&to=2015-06-30".into(),
            "/api/events?country=YEM&factuality=asserted,reported&page=2".into(),
        ],
        _ => [
            "الحكومة",
            "وزير الخارجية",
            "أسعار النفط",
            "المساعدات الإنسانية",
            "الانتخابات البلدية",
            "مجلس الأمن الدولي",
            "المدارس",
            "الاستثمار في الشركات",
        ]
        .iter()
        .enumerate()
        .map(|(i, q)| {
            let mut p = format!("/api/search?q={}", encode(q));
            if i % 3 == 1 {
                p.push_str("&actor=SAU");
            }
            if i % 4 == 2 {
                p.push_str("&from=2015-02-01&to=2015-09-30");
            }
            p
        })
        .collect(),
    }
}
