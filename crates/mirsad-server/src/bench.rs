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

/// Request paths for the `kind` ("search" or "events") benchmark: `n` varied requests drawn
/// from the store's own titles and filter values (see `mirsad_store::bench::search_mix` and
/// `events_mix` for the proportions), so the load measures the uncached path.
pub fn mix_paths(
    store: &mirsad_store::Store,
    kind: &str,
    n: usize,
) -> mirsad_store::Result<Vec<String>> {
    use crate::client::encode;
    fn push(p: &mut String, name: &str, v: &Option<String>) {
        if let Some(v) = v {
            p.push_str(&format!("&{name}={}", encode(v)));
        }
    }
    let mut out = Vec::with_capacity(n);
    if kind == "events" {
        for (f, page) in mirsad_store::bench::events_mix(store, n, 7)? {
            let mut p = format!("/api/events?page={}&per_page={}", page.page, page.per_page);
            push(&mut p, "actor", &f.actor);
            push(&mut p, "recipient", &f.recipient);
            push(&mut p, "type", &f.event_type);
            push(&mut p, "quad", &f.quad);
            push(&mut p, "country", &f.country);
            push(&mut p, "from", &f.from);
            push(&mut p, "to", &f.to);
            push(&mut p, "factuality", &f.factuality);
            push(&mut p, "source", &f.source);
            out.push(p);
        }
    } else {
        for r in mirsad_store::bench::search_mix(store, n, 7)? {
            let mut p = format!("/api/search?q={}&page={}", encode(&r.query), r.page);
            push(&mut p, "actor", &r.filters.actor);
            push(&mut p, "type", &r.filters.event_type);
            push(&mut p, "from", &r.filters.from);
            push(&mut p, "to", &r.filters.to);
            push(&mut p, "source", &r.filters.source);
            out.push(p);
        }
    }
    Ok(out)
}
