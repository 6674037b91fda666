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
    // as `mirsad ingest` does at the end of a run, and inside the timed span
    store.merge_segments()?;
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

/// User + system CPU seconds of this process so far (all threads).
pub fn process_cpu_seconds() -> f64 {
    // SAFETY: getrusage only writes into the zeroed struct we own.
    let mut u: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: RUSAGE_SELF is always valid; the pointer is to a live local.
    if unsafe { libc::getrusage(libc::RUSAGE_SELF, &mut u) } != 0 {
        return 0.0;
    }
    let secs = |t: libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 * 1e-6;
    secs(u.ru_utime) + secs(u.ru_stime)
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

/// A small deterministic generator (SplitMix64), so a query mix is the same on every run
/// without a dependency.
struct SplitMix(u64);

impl SplitMix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
    fn pick<'a, T>(&mut self, v: &'a [T]) -> Option<&'a T> {
        (!v.is_empty()).then(|| &v[self.below(v.len())])
    }
}

/// One search request of a benchmark mix.
#[derive(Debug, Clone)]
pub struct SearchRequest {
    pub query: String,
    pub filters: crate::SearchFilters,
    pub page: usize,
}

/// What a mix draws its values from: the store's own vocabulary and filter values.
struct MixMaterial {
    titles: Vec<String>,
    actors: Vec<String>,
    types: Vec<String>,
    sources: Vec<String>,
    months: Vec<String>,
    countries: Vec<String>,
}

fn strings(conn: &rusqlite::Connection, sql: &str) -> Result<Vec<String>> {
    let mut st = conn.prepare(sql)?;
    let v = st
        .query_map([], |r| r.get::<_, String>(0))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(v)
}

impl MixMaterial {
    fn load(store: &Store) -> Result<MixMaterial> {
        let conn = store.read();
        Ok(MixMaterial {
            // every 7th title: a spread over the corpus without reading all of it
            titles: strings(
                &conn,
                "SELECT title FROM documents WHERE title IS NOT NULL AND seq % 7 = 0 ORDER BY seq",
            )?,
            actors: strings(
                &conn,
                "SELECT actor_id FROM doc_actors GROUP BY actor_id ORDER BY count(*) DESC, actor_id LIMIT 200",
            )?,
            types: strings(&conn, "SELECT DISTINCT type FROM events ORDER BY 1")?,
            sources: strings(
                &conn,
                "SELECT DISTINCT source FROM documents WHERE source IS NOT NULL ORDER BY 1",
            )?,
            months: strings(
                &conn,
                "SELECT DISTINCT substr(pub_date, 1, 7) FROM documents WHERE pub_date IS NOT NULL ORDER BY 1",
            )?,
            countries: strings(
                &conn,
                "SELECT country FROM event_actors WHERE country IS NOT NULL GROUP BY country
                 ORDER BY count(*) DESC, country LIMIT 40",
            )?,
        })
    }

    /// Whole Arabic words of three letters or more from a random title.
    fn words(&self, rng: &mut SplitMix) -> Vec<String> {
        let Some(title) = rng.pick(&self.titles) else {
            return Vec::new();
        };
        title
            .split(|c: char| !c.is_alphabetic())
            .filter(|w| {
                w.chars().count() >= 3 && w.chars().all(|c| ('\u{0600}'..='\u{06FF}').contains(&c))
            })
            .map(str::to_string)
            .collect()
    }

    /// `(from, to)` covering one to three whole months.
    fn month_range(&self, rng: &mut SplitMix) -> Option<(String, String)> {
        let i = rng.below(self.months.len());
        let m0 = self.months.get(i)?;
        let m1 = &self.months[(i + rng.below(3)).min(self.months.len() - 1)];
        Some((format!("{m0}-01"), format!("{m1}-31")))
    }
}

/// `n` varied search requests drawn from the store: one or two words of a random stored title
/// (so query frequencies range from rare names to very common words), in a quarter of them an
/// actor filter, a fifth an event type, a quarter a one-to-three-month date range, a tenth a
/// source, a tenth page 2 or 3; one in twenty has no words (filtered browsing, which matches
/// the most documents). Deterministic for a given `seed`.
pub fn search_mix(store: &Store, n: usize, seed: u64) -> Result<Vec<SearchRequest>> {
    let m = MixMaterial::load(store)?;
    let mut rng = SplitMix(seed);
    let mut out = Vec::with_capacity(n);
    while out.len() < n {
        let mut filters = crate::SearchFilters::default();
        let query = if rng.chance(5) {
            String::new()
        } else {
            let words = m.words(&mut rng);
            if words.is_empty() {
                if m.titles.is_empty() {
                    String::new()
                } else {
                    continue;
                }
            } else {
                let i = rng.below(words.len());
                let take = 1 + rng.below(2);
                words[i..(i + take).min(words.len())].join(" ")
            }
        };
        if rng.chance(25) {
            filters.actor = rng.pick(&m.actors).cloned();
        }
        if rng.chance(20) {
            filters.event_type = rng.pick(&m.types).cloned();
        }
        if rng.chance(25) {
            if let Some((from, to)) = m.month_range(&mut rng) {
                filters.from = Some(from);
                filters.to = Some(to);
            }
        }
        if rng.chance(10) {
            filters.source = rng.pick(&m.sources).cloned();
        }
        if query.is_empty() && filters.actor.is_none() && filters.event_type.is_none() {
            filters.actor = rng.pick(&m.actors).cloned();
        }
        let page = if rng.chance(10) { 2 + rng.below(2) } else { 1 };
        out.push(SearchRequest {
            query,
            filters,
            page,
        });
    }
    Ok(out)
}

/// `n` varied event listings drawn from the store: each filter (actor, recipient, type, quad,
/// country, a one-to-three-month date range, factuality, source) appears in 10–30 % of the
/// requests, independently; a fifth ask for page 2 to 5. Deterministic for a given `seed`.
pub fn events_mix(
    store: &Store,
    n: usize,
    seed: u64,
) -> Result<Vec<(crate::EventFilter, crate::Page)>> {
    const QUADS: [&str; 4] = [
        "verbal_cooperation",
        "material_cooperation",
        "verbal_conflict",
        "material_conflict",
    ];
    const FACTUALITY: [&str; 3] = [
        "asserted",
        "asserted,reported",
        "negated,future,hypothetical",
    ];
    let m = MixMaterial::load(store)?;
    let mut rng = SplitMix(seed);
    let mut out = Vec::with_capacity(n);
    for _ in 0..n {
        let mut f = crate::EventFilter::default();
        if rng.chance(25) {
            f.actor = rng.pick(&m.actors).cloned();
        }
        if rng.chance(10) {
            f.recipient = rng.pick(&m.actors).cloned();
        }
        if rng.chance(25) {
            f.event_type = rng.pick(&m.types).cloned();
        }
        if rng.chance(15) {
            f.quad = rng.pick(&QUADS).map(|s| s.to_string());
        }
        if rng.chance(15) {
            f.country = rng.pick(&m.countries).cloned();
        }
        if rng.chance(30) {
            if let Some((from, to)) = m.month_range(&mut rng) {
                f.from = Some(from);
                f.to = Some(to);
            }
        }
        if rng.chance(15) {
            f.factuality = rng.pick(&FACTUALITY).map(|s| s.to_string());
        }
        if rng.chance(10) {
            f.source = rng.pick(&m.sources).cloned();
        }
        let page = if rng.chance(20) { 2 + rng.below(4) } else { 1 };
        out.push((f, crate::Page { page, per_page: 20 }));
    }
    Ok(out)
}
