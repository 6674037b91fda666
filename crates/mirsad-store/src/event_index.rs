//! An in-memory column index of the events table for `/api/events` listings.
//!
//! An event listing needs the exact number of matches and one page in date order. In SQLite
//! that is a `count(*)` plus an ordered scan whose cost grows with the number of matching rows
//! (a date range or a quad matches tens of thousands of events, and no single index covers every
//! combination of eight filters). Here every event is a few bytes in arrays already sorted in
//! listing order (date descending, then seq descending), with strings interned to small integers:
//! a listing is one linear pass that counts matches and remembers the page's event keys, and
//! only those rows are read from SQLite. SQLite stays the system of record; the index is rebuilt
//! when the store's last batch id changes (any ingest, in this process or another).

use crate::query::ResolvedFilter;
use crate::Result;
use rusqlite::Connection;
use std::collections::HashMap;

const NONE: u32 = u32::MAX;
const ROLE_ACTOR: u8 = 0;
const ROLE_RECIPIENT: u8 = 1;

/// Strings of one column mapped to dense ids.
#[derive(Default)]
struct Interner {
    ids: HashMap<String, u32>,
}

impl Interner {
    fn id(&mut self, s: Option<String>) -> u32 {
        match s {
            None => NONE,
            Some(s) => {
                let next = self.ids.len() as u32;
                *self.ids.entry(s).or_insert(next)
            }
        }
    }
    fn get(&self, s: &str) -> Option<u32> {
        self.ids.get(s).copied()
    }
}

struct Side {
    actor: u32,
    role: u8,
    country: u32,
}

pub(crate) struct EventIndex {
    /// `max(batches.id)` when built: the version of the store this index reflects.
    pub(crate) batch: i64,
    /// All columns below are in listing order.
    seq: Vec<i64>,
    /// Index into the sorted distinct dates; `NONE` for a NULL date.
    date: Vec<u32>,
    dates: Vec<String>,
    etype: Vec<u32>,
    quad: Vec<u32>,
    factuality: Vec<u32>,
    counted: Vec<bool>,
    location_country: Vec<u32>,
    source: Vec<u32>,
    /// `sides[side_start[i]..side_start[i + 1]]` are event i's actor links.
    side_start: Vec<u32>,
    sides: Vec<Side>,
    types: Interner,
    quads: Interner,
    factualities: Interner,
    countries: Interner,
    sources: Interner,
    actors: Interner,
}

/// A filter with its strings replaced by ids; `None` inside means "matches nothing".
struct Compiled {
    etype: Option<Option<u32>>,
    quad: Option<Option<u32>>,
    /// Allowed factuality ids.
    factuality: Option<Vec<u32>>,
    source: Option<Option<u32>>,
    /// `(lo, hi)` inclusive range of date ids.
    dates: Option<(u32, u32)>,
    actor: Option<Option<u32>>,
    recipient: Option<Option<u32>>,
    participant: Option<Option<u32>>,
    country: Option<Option<u32>>,
    facts: Option<Vec<u32>>,
}

/// One listing: the exact total and the seqs of the requested page.
pub(crate) struct Listing {
    pub total: u64,
    pub page: Vec<i64>,
}

impl EventIndex {
    /// Reads the events, their actor links and their documents' sources in one read
    /// transaction, so the index is one consistent version of the store.
    pub(crate) fn build(conn: &Connection) -> Result<EventIndex> {
        let tx = conn.unchecked_transaction()?;
        let batch: i64 =
            tx.query_row("SELECT coalesce(max(id), 0) FROM batches", [], |r| r.get(0))?;
        let mut ix = EventIndex {
            batch,
            seq: Vec::new(),
            date: Vec::new(),
            dates: Vec::new(),
            etype: Vec::new(),
            quad: Vec::new(),
            factuality: Vec::new(),
            counted: Vec::new(),
            location_country: Vec::new(),
            source: Vec::new(),
            side_start: Vec::new(),
            sides: Vec::new(),
            types: Interner::default(),
            quads: Interner::default(),
            factualities: Interner::default(),
            countries: Interner::default(),
            sources: Interner::default(),
            actors: Interner::default(),
        };
        let mut dates =
            tx.prepare("SELECT DISTINCT date FROM events WHERE date IS NOT NULL ORDER BY date")?;
        ix.dates = dates
            .query_map([], |r| r.get::<_, String>(0))?
            .collect::<rusqlite::Result<_>>()?;
        drop(dates);
        let date_id: HashMap<&str, u32> = ix
            .dates
            .iter()
            .enumerate()
            .map(|(i, d)| (d.as_str(), i as u32))
            .collect();
        // the listing order of `Store::events`; SQLite sorts NULL dates last in DESC order
        let mut st = tx.prepare(
            "SELECT e.seq, e.date, e.type, e.quad, e.factuality, e.counted, e.location_country, d.source
             FROM events e JOIN documents d ON d.seq = e.doc_seq ORDER BY e.date DESC, e.seq DESC",
        )?;
        let mut position: HashMap<i64, u32> = HashMap::new();
        let mut rows = st.query([])?;
        while let Some(r) = rows.next()? {
            let seq: i64 = r.get(0)?;
            position.insert(seq, ix.seq.len() as u32);
            ix.seq.push(seq);
            let date: Option<String> = r.get(1)?;
            ix.date.push(
                date.and_then(|d| date_id.get(d.as_str()).copied())
                    .unwrap_or(NONE),
            );
            ix.etype.push(ix.types.id(r.get(2)?));
            ix.quad.push(ix.quads.id(r.get(3)?));
            ix.factuality.push(ix.factualities.id(r.get(4)?));
            ix.counted.push(r.get::<_, i64>(5)? != 0);
            ix.location_country.push(ix.countries.id(r.get(6)?));
            ix.source.push(ix.sources.id(r.get(7)?));
        }
        drop(rows);
        drop(st);
        let mut per_event: Vec<Vec<Side>> = (0..ix.seq.len()).map(|_| Vec::new()).collect();
        let mut st = tx.prepare("SELECT event_seq, role, actor_id, country FROM event_actors")?;
        let mut rows = st.query([])?;
        while let Some(r) = rows.next()? {
            let Some(&i) = position.get(&r.get::<_, i64>(0)?) else {
                continue;
            };
            let role = if r.get::<_, String>(1)? == "actor" {
                ROLE_ACTOR
            } else {
                ROLE_RECIPIENT
            };
            per_event[i as usize].push(Side {
                actor: ix.actors.id(r.get(2)?),
                role,
                country: ix.countries.id(r.get(3)?),
            });
        }
        drop(rows);
        drop(st);
        for sides in per_event {
            ix.side_start.push(ix.sides.len() as u32);
            ix.sides.extend(sides);
        }
        ix.side_start.push(ix.sides.len() as u32);
        tx.finish()?;
        Ok(ix)
    }

    fn compile(&self, f: &ResolvedFilter) -> Compiled {
        let one = |interner: &Interner, v: &Option<String>| v.as_deref().map(|s| interner.get(s));
        let set = |interner: &Interner, v: &[String]| -> Vec<u32> {
            v.iter().filter_map(|s| interner.get(s)).collect()
        };
        let dates = if f.from.is_some() || f.to.is_some() {
            // ids are in date order, so a string range is an id range (SQLite compares TEXT
            // bytewise, as `str` does)
            let lo = f
                .from
                .as_deref()
                .map_or(0, |d| self.dates.partition_point(|x| x.as_str() < d));
            let hi = f.to.as_deref().map_or(self.dates.len(), |d| {
                self.dates.partition_point(|x| x.as_str() <= d)
            });
            Some((lo as u32, hi as u32))
        } else {
            None
        };
        Compiled {
            etype: one(&self.types, &f.event_type),
            quad: one(&self.quads, &f.quad),
            factuality: f.factuality.as_deref().map(|v| set(&self.factualities, v)),
            source: one(&self.sources, &f.source),
            dates,
            actor: one(&self.actors, &f.actor),
            recipient: one(&self.actors, &f.recipient),
            participant: one(&self.actors, &f.participant),
            country: one(&self.countries, &f.country),
            facts: f.facts_only.then(|| {
                set(
                    &self.factualities,
                    &["asserted".to_string(), "reported".to_string()],
                )
            }),
        }
    }

    fn matches(&self, c: &Compiled, i: usize) -> bool {
        fn eq(want: &Option<Option<u32>>, have: u32) -> bool {
            match want {
                None => true,
                Some(Some(w)) => *w == have && have != NONE,
                Some(None) => false,
            }
        }
        if !eq(&c.etype, self.etype[i])
            || !eq(&c.quad, self.quad[i])
            || !eq(&c.source, self.source[i])
        {
            return false;
        }
        if let Some(allowed) = &c.factuality {
            if !allowed.contains(&self.factuality[i]) {
                return false;
            }
        }
        if let Some(facts) = &c.facts {
            if !self.counted[i] || !facts.contains(&self.factuality[i]) {
                return false;
            }
        }
        if let Some((lo, hi)) = c.dates {
            let d = self.date[i];
            if d == NONE || d < lo || d >= hi {
                return false;
            }
        }
        let sides = &self.sides[self.side_start[i] as usize..self.side_start[i + 1] as usize];
        let has = |want: &Option<Option<u32>>, role: Option<u8>| match want {
            None => true,
            Some(None) => false,
            Some(Some(a)) => sides
                .iter()
                .any(|s| s.actor == *a && role.is_none_or(|r| s.role == r)),
        };
        if !has(&c.actor, Some(ROLE_ACTOR))
            || !has(&c.recipient, Some(ROLE_RECIPIENT))
            || !has(&c.participant, None)
        {
            return false;
        }
        match c.country {
            None => true,
            Some(None) => false,
            Some(Some(k)) => self.location_country[i] == k || sides.iter().any(|s| s.country == k),
        }
    }

    /// The exact number of events matching `f` and the seqs of rows `offset..offset + limit`
    /// in listing order.
    pub(crate) fn list(&self, f: &ResolvedFilter, offset: usize, limit: usize) -> Listing {
        let c = self.compile(f);
        let mut total = 0usize;
        let mut page = Vec::with_capacity(limit);
        for (i, &seq) in self.seq.iter().enumerate() {
            if self.matches(&c, i) {
                if total >= offset && page.len() < limit {
                    page.push(seq);
                }
                total += 1;
            }
        }
        Listing {
            total: total as u64,
            page,
        }
    }
}
