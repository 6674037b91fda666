//! Cross-article deduplication: mentions of one real-world event in many articles become one
//! cluster (same type, same actor ids, same recipient ids, dates within ±1 day).
//!
//! The clusterer is incremental so a corpus can stream through it: it keeps, per key, only the
//! open clusters (anchor day, id, mention count, and at most [`MAX_DOCS`] document ids), never
//! the events or texts. Ids are deterministic (a hash of the key and the anchor date), so the same
//! corpus in the same order always gets the same ids.

use mirsad_core::{Document, Event};
use std::collections::HashMap;

/// Document ids remembered per cluster (the count keeps going past it).
pub const MAX_DOCS: usize = 64;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClusterInfo {
    pub id: String,
    pub mentions: u32,
    pub documents: Vec<String>,
    /// Documents beyond [`MAX_DOCS`] are counted here, not listed.
    pub more_documents: u32,
}

#[derive(Debug, Clone)]
struct Open {
    day: Option<i64>,
    date: Option<String>,
    info: ClusterInfo,
}

/// Incremental event clusterer.
#[derive(Debug, Default)]
pub struct EventClusterer {
    by_key: HashMap<u64, Vec<Open>>,
    /// Tolerance in days (1: daily news).
    pub window_days: i64,
}

impl EventClusterer {
    pub fn new() -> Self {
        EventClusterer {
            by_key: HashMap::new(),
            window_days: 1,
        }
    }

    /// Assigns `event.cluster` to every clusterable event of a document. Events without any actor
    /// or recipient are not clustered: their key would merge unrelated events.
    pub fn add_document(&mut self, doc: &mut Document) {
        let doc_id = doc.id.clone();
        for e in &mut doc.events {
            e.cluster = self.add_event(e, &doc_id);
        }
    }

    /// Adds one event mention; returns its cluster id.
    pub fn add_event(&mut self, e: &Event, doc_id: &str) -> Option<String> {
        if e.actor.is_empty() && e.recipient.is_empty() {
            return None;
        }
        let key = key_hash(e);
        let day = e.date.as_deref().and_then(day_number);
        let list = self.by_key.entry(key).or_default();
        let window = self.window_days;
        let found = list.iter_mut().find(|o| match (o.day, day) {
            (Some(a), Some(b)) => (a - b).abs() <= window,
            _ => o.date == e.date,
        });
        let open = match found {
            Some(o) => o,
            None => {
                let mut h = Fnv::new();
                h.write_u64(key);
                h.write(e.date.as_deref().unwrap_or("").as_bytes());
                list.push(Open {
                    day,
                    date: e.date.clone(),
                    info: ClusterInfo {
                        id: format!("c{:016x}", h.finish()),
                        mentions: 0,
                        documents: Vec::new(),
                        more_documents: 0,
                    },
                });
                list.last_mut().unwrap()
            }
        };
        open.info.mentions += 1;
        if !open.info.documents.iter().any(|d| d == doc_id) {
            if open.info.documents.len() < MAX_DOCS {
                open.info.documents.push(doc_id.to_string());
            } else {
                open.info.more_documents += 1;
            }
        }
        Some(open.info.id.clone())
    }

    /// All clusters, most mentioned first (ties by id, so the order is stable).
    pub fn report(&self) -> Vec<ClusterInfo> {
        let mut v: Vec<ClusterInfo> = self
            .by_key
            .values()
            .flat_map(|l| l.iter().map(|o| o.info.clone()))
            .collect();
        v.sort_by(|a, b| b.mentions.cmp(&a.mentions).then(a.id.cmp(&b.id)));
        v
    }

    pub fn len(&self) -> usize {
        self.by_key.values().map(Vec::len).sum()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// Clusters the events of a batch of documents in order; returns the cluster report.
pub fn cluster_events(docs: &mut [Document]) -> Vec<ClusterInfo> {
    let mut c = EventClusterer::new();
    for d in docs.iter_mut() {
        c.add_document(d);
    }
    c.report()
}

fn key_hash(e: &Event) -> u64 {
    let mut a: Vec<&str> = e.actor.iter().map(|x| x.id.as_str()).collect();
    let mut r: Vec<&str> = e.recipient.iter().map(|x| x.id.as_str()).collect();
    a.sort_unstable();
    a.dedup();
    r.sort_unstable();
    r.dedup();
    let mut h = Fnv::new();
    h.write(e.event_type.as_str().as_bytes());
    h.write(b"|");
    for x in a {
        h.write(x.as_bytes());
        h.write(b",");
    }
    h.write(b"|");
    for x in r {
        h.write(x.as_bytes());
        h.write(b",");
    }
    h.finish()
}

/// Days since 1970-01-01 of a `YYYY-MM-DD` date (partial dates: none).
pub fn day_number(d: &str) -> Option<i64> {
    let b = d.as_bytes();
    if b.len() < 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let y: i64 = d[..4].parse().ok()?;
    let m: i64 = d[5..7].parse().ok()?;
    let dd: i64 = d[8..10].parse().ok()?;
    if !(1..=12).contains(&m) || !(1..=31).contains(&dd) {
        return None;
    }
    // days from civil (Howard Hinnant)
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + dd - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Some(era * 146097 + doe - 719468)
}

/// FNV-1a 64: tiny, deterministic across platforms and releases (unlike `DefaultHasher`).
pub struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Self {
        Fnv::new()
    }
}

impl Fnv {
    pub fn new() -> Self {
        Fnv(0xcbf29ce484222325)
    }
    pub fn write(&mut self, b: &[u8]) {
        for &x in b {
            self.0 ^= x as u64;
            self.0 = self.0.wrapping_mul(0x100000001b3);
        }
    }
    pub fn write_u64(&mut self, v: u64) {
        self.write(&v.to_le_bytes());
    }
    pub fn finish(&self) -> u64 {
        self.0
    }
}

/// FNV-1a of a string.
pub fn fnv1a(s: &str) -> u64 {
    let mut h = Fnv::new();
    h.write(s.as_bytes());
    h.finish()
}
