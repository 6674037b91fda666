//! Relational queries over events and actors (SQLite side).
//!
//! Statistics, graphs and timelines count only *facts* (asserted or reported events) from
//! documents that are not near-duplicates (`counted = 1`), so a wire story republished by ten
//! outlets, or a threat that was denied, is not counted as ten events or as an event at all.
//! Event listings show every stored event unless filtered.

use crate::{Result, Store, StoreError};
use mirsad_core::{EventType, Factuality, Quad};
use rusqlite::types::Value as SqlValue;
use rusqlite::{params_from_iter, OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Pagination, 1-based.
#[derive(Debug, Clone, Copy, Deserialize)]
pub struct Page {
    pub page: usize,
    pub per_page: usize,
}

impl Default for Page {
    fn default() -> Self {
        Page {
            page: 1,
            per_page: 50,
        }
    }
}

/// Filters over events; all optional, combined with AND.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct EventFilter {
    /// Actor id on the actor side.
    pub actor: Option<String>,
    /// Actor id on the recipient side.
    pub recipient: Option<String>,
    /// Either side (used by graphs and actor pages).
    pub participant: Option<String>,
    #[serde(rename = "type")]
    pub event_type: Option<String>,
    pub quad: Option<String>,
    /// Country code of either side or of the location.
    pub country: Option<String>,
    /// Inclusive `YYYY-MM-DD` bounds on the event date.
    pub from: Option<String>,
    pub to: Option<String>,
    /// Comma-separated factuality values.
    pub factuality: Option<String>,
    pub source: Option<String>,
    pub doc_id: Option<String>,
    pub cluster: Option<String>,
    /// Only facts (asserted/reported) of non-duplicate documents.
    #[serde(default)]
    pub facts_only: bool,
}

fn valid_date(d: &str) -> bool {
    let b = d.as_bytes();
    b.len() >= 4
        && b.len() <= 10
        && b.iter().all(|c| c.is_ascii_digit() || *c == b'-')
        && b[..4].iter().all(u8::is_ascii_digit)
}

/// An [`EventFilter`] validated and normalised: canonical type, quad and factuality names, and
/// date bounds ready for a TEXT comparison. Both the SQL path and the in-memory event index
/// read this, so they agree on what a filter means.
#[derive(Debug, Clone, Default)]
pub(crate) struct ResolvedFilter {
    pub actor: Option<String>,
    pub recipient: Option<String>,
    pub participant: Option<String>,
    pub event_type: Option<String>,
    pub quad: Option<String>,
    pub country: Option<String>,
    /// Inclusive lower bound on the date string.
    pub from: Option<String>,
    /// Inclusive upper bound; a bare year or month gets a suffix above every day of it.
    pub to: Option<String>,
    /// `None` when absent or empty (no constraint).
    pub factuality: Option<Vec<String>>,
    pub source: Option<String>,
    pub doc_id: Option<String>,
    pub cluster: Option<String>,
    pub facts_only: bool,
}

impl EventFilter {
    pub(crate) fn resolve(&self) -> Result<ResolvedFilter> {
        let event_type = match &self.event_type {
            None => None,
            Some(t) => Some(
                EventType::parse(t)
                    .ok_or_else(|| StoreError::Invalid(format!("unknown event type {t:?}")))?
                    .as_str()
                    .to_string(),
            ),
        };
        let quad = match &self.quad {
            None => None,
            Some(q) => {
                let q: Quad = serde_json::from_value(q.to_ascii_lowercase().into())
                    .map_err(|_| StoreError::Invalid(format!("unknown quad {q:?}")))?;
                Some(
                    serde_json::to_value(q)?
                        .as_str()
                        .unwrap_or_default()
                        .to_string(),
                )
            }
        };
        let bound = |d: &Option<String>, upper: bool| -> Result<Option<String>> {
            let Some(d) = d else { return Ok(None) };
            if !valid_date(d) {
                return Err(StoreError::Invalid(format!("bad date {d:?}")));
            }
            // a bare year or month bound compares on the prefix
            Ok(Some(if upper && d.len() < 10 {
                format!("{d}\u{10FFFF}")
            } else {
                d.clone()
            }))
        };
        let factuality = match &self.factuality {
            None => None,
            Some(fs) => {
                let mut vals = Vec::new();
                for f in fs.split(',').map(str::trim).filter(|s| !s.is_empty()) {
                    let fv: Factuality = serde_json::from_value(f.to_ascii_lowercase().into())
                        .map_err(|_| StoreError::Invalid(format!("unknown factuality {f:?}")))?;
                    vals.push(
                        serde_json::to_value(fv)?
                            .as_str()
                            .unwrap_or_default()
                            .to_string(),
                    );
                }
                (!vals.is_empty()).then_some(vals)
            }
        };
        Ok(ResolvedFilter {
            actor: self.actor.clone(),
            recipient: self.recipient.clone(),
            participant: self.participant.clone(),
            event_type,
            quad,
            country: self.country.clone(),
            from: bound(&self.from, false)?,
            to: bound(&self.to, true)?,
            factuality,
            source: self.source.clone(),
            doc_id: self.doc_id.clone(),
            cluster: self.cluster.clone(),
            facts_only: self.facts_only,
        })
    }

    /// WHERE clause over `events e JOIN documents d`, with its parameters.
    pub(crate) fn sql(&self) -> Result<(String, Vec<SqlValue>)> {
        let r = self.resolve()?;
        let mut w = vec!["1=1".to_string()];
        let mut p: Vec<SqlValue> = Vec::new();
        // `#` in a clause stands for this value's parameter number
        fn push(p: &mut Vec<SqlValue>, w: &mut Vec<String>, clause: &str, v: &str) {
            p.push(SqlValue::Text(v.to_string()));
            w.push(clause.replace('#', &format!("?{}", p.len())));
        }
        const SIDE: &str = "EXISTS (SELECT 1 FROM event_actors x WHERE x.event_seq = e.seq";
        let clauses: [(&Option<String>, String); 10] = [
            (
                &r.actor,
                format!("{SIDE} AND x.role = 'actor' AND x.actor_id = #)"),
            ),
            (
                &r.recipient,
                format!("{SIDE} AND x.role = 'recipient' AND x.actor_id = #)"),
            ),
            (&r.participant, format!("{SIDE} AND x.actor_id = #)")),
            (&r.event_type, "e.type = #".into()),
            (&r.quad, "e.quad = #".into()),
            (
                &r.country,
                format!("(e.location_country = # OR {SIDE} AND x.country = #))"),
            ),
            (&r.from, "e.date >= #".into()),
            (&r.to, "e.date <= #".into()),
            (&r.source, "d.source = #".into()),
            (&r.doc_id, "d.id = #".into()),
        ];
        for (v, clause) in clauses {
            if let Some(v) = v {
                push(&mut p, &mut w, &clause, v);
            }
        }
        if let Some(vals) = r.factuality {
            let mut marks = Vec::new();
            for v in vals {
                p.push(SqlValue::Text(v));
                marks.push(format!("?{}", p.len()));
            }
            w.push(format!("e.factuality IN ({})", marks.join(", ")));
        }
        if let Some(c) = &r.cluster {
            push(&mut p, &mut w, "e.cluster = #", c);
        }
        if r.facts_only {
            w.push("e.counted = 1 AND e.factuality IN ('asserted', 'reported')".into());
        }
        Ok((w.join(" AND "), p))
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct ActorSide {
    pub id: String,
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sector: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct TextSpan {
    pub start: i64,
    pub end: i64,
    pub text: Option<String>,
}

/// One event as stored, flattened with its document's provenance.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct EventRecord {
    pub id: String,
    #[serde(rename = "type")]
    pub event_type: String,
    pub cameo: Option<String>,
    pub mode: Option<String>,
    pub quad: String,
    pub factuality: String,
    pub date: Option<String>,
    pub date_source: Option<String>,
    pub actors: Vec<ActorSide>,
    pub recipients: Vec<ActorSide>,
    pub location: Option<String>,
    pub location_country: Option<String>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub trigger: TextSpan,
    pub evidence: TextSpan,
    pub confidence: f64,
    pub historical: Option<bool>,
    pub cluster: Option<String>,
    /// Counted reports of this event: the cluster's mentions, 1 without a cluster, 0 when the
    /// document is a near-duplicate.
    pub mentions: i64,
    pub counted: bool,
    pub doc_id: String,
    pub title: Option<String>,
    pub source: Option<String>,
    pub url: Option<String>,
    pub published: Option<String>,
    pub near_dup_of: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct EventPage {
    pub total: u64,
    pub page: usize,
    pub per_page: usize,
    pub items: Vec<EventRecord>,
}

const EVENT_COLS: &str =
    "e.seq, e.id, e.type, e.cameo, e.mode, e.quad, e.factuality, e.date, e.date_source,
    e.location, e.location_country, e.lat, e.lon, e.trigger_start, e.trigger_end, e.trigger_text,
    e.evidence_start, e.evidence_end, e.evidence_text, e.confidence, e.historical, e.cluster,
    CASE WHEN e.counted = 0 THEN 0 WHEN e.cluster IS NULL THEN 1
         ELSE coalesce((SELECT mentions FROM event_clusters c WHERE c.id = e.cluster), 1) END,
    e.counted, d.id, d.title, d.source, d.url, d.published, d.near_dup_of";

fn event_row(r: &Row) -> rusqlite::Result<(i64, EventRecord)> {
    Ok((
        r.get(0)?,
        EventRecord {
            id: r.get(1)?,
            event_type: r.get(2)?,
            cameo: r.get(3)?,
            mode: r.get(4)?,
            quad: r.get(5)?,
            factuality: r.get(6)?,
            date: r.get(7)?,
            date_source: r.get(8)?,
            actors: Vec::new(),
            recipients: Vec::new(),
            location: r.get(9)?,
            location_country: r.get(10)?,
            lat: r.get(11)?,
            lon: r.get(12)?,
            trigger: TextSpan {
                start: r.get(13)?,
                end: r.get(14)?,
                text: r.get(15)?,
            },
            evidence: TextSpan {
                start: r.get(16)?,
                end: r.get(17)?,
                text: r.get(18)?,
            },
            confidence: r.get(19)?,
            historical: r.get(20)?,
            cluster: r.get(21)?,
            mentions: r.get(22)?,
            counted: r.get(23)?,
            doc_id: r.get(24)?,
            title: r.get(25)?,
            source: r.get(26)?,
            url: r.get(27)?,
            published: r.get(28)?,
            near_dup_of: r.get(29)?,
        },
    ))
}

#[derive(Debug, Clone, Serialize)]
pub struct PartnerCount {
    pub id: String,
    pub name: String,
    pub events: u64,
    pub cooperation: u64,
    pub conflict: u64,
}

#[derive(Debug, Clone, Serialize)]
pub struct ActorProfile {
    pub id: String,
    pub name: String,
    pub name_ar: Option<String>,
    pub kind: Option<String>,
    pub country: Option<String>,
    pub sector: Option<String>,
    pub role: Option<String>,
    pub wikidata: Option<String>,
    /// Documents that mention the actor.
    pub documents: u64,
    /// Counted fact events with the actor as source / as target.
    pub as_actor: u64,
    pub as_recipient: u64,
    /// `YYYY-MM` → counted fact events involving the actor.
    pub events_per_month: BTreeMap<String, u64>,
    pub top_partners: Vec<PartnerCount>,
}

/// How an actor is displayed: its canonical (English) name and its Arabic name when known.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ActorName {
    pub name: String,
    pub name_ar: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct GraphNode {
    pub id: String,
    pub name: String,
    pub country: Option<String>,
    pub kind: Option<String>,
    /// Counted fact events the actor takes part in (either side).
    pub events: u64,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct GraphEdge {
    pub source: String,
    pub target: String,
    pub events: u64,
    /// Events in the two cooperation quads.
    pub cooperation: u64,
    /// Events in the two conflict quads.
    pub conflict: u64,
}

/// Directed actor → recipient network of counted fact events.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct Graph {
    pub nodes: Vec<GraphNode>,
    pub edges: Vec<GraphEdge>,
}

#[derive(Debug, Clone, Serialize)]
pub struct TimelineBucket {
    /// `YYYY-MM-DD` (day) or `YYYY-MM` (month).
    pub period: String,
    pub events: u64,
    pub verbal_cooperation: u64,
    pub material_cooperation: u64,
    pub verbal_conflict: u64,
    pub material_conflict: u64,
}

#[derive(Debug, Clone, Serialize)]
pub struct Stats {
    pub documents: u64,
    pub near_duplicates: u64,
    pub events: u64,
    /// Counted facts: asserted/reported events of non-duplicate documents.
    pub counted_events: u64,
    pub actors: u64,
    pub clusters: u64,
    pub first_date: Option<String>,
    pub last_date: Option<String>,
    pub by_type: BTreeMap<String, u64>,
    pub by_quad: BTreeMap<String, u64>,
    pub by_source: BTreeMap<String, u64>,
    pub schema_version: u32,
}

impl Store {
    fn attach_actors(conn: &rusqlite::Connection, items: &mut [(i64, EventRecord)]) -> Result<()> {
        let mut st = conn.prepare_cached(
            "SELECT x.role, x.actor_id, x.name, coalesce(x.country, a.country), a.sector
             FROM event_actors x LEFT JOIN actors a ON a.id = x.actor_id WHERE x.event_seq = ?1
             ORDER BY x.role, x.pos",
        )?;
        for (seq, rec) in items.iter_mut() {
            let rows = st.query_map([*seq], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    ActorSide {
                        id: r.get(1)?,
                        name: r.get(2)?,
                        country: r.get(3)?,
                        sector: r.get(4)?,
                    },
                ))
            })?;
            for row in rows {
                let (role, side) = row?;
                if role == "actor" {
                    rec.actors.push(side);
                } else {
                    rec.recipients.push(side);
                }
            }
        }
        Ok(())
    }

    /// Events matching `f`, newest first (date descending, then storage order descending).
    /// Listings by document or cluster run in SQLite (its indexes answer them directly); the
    /// others count and page in the in-memory event index and read only the page's rows.
    pub fn events(&self, f: &EventFilter, page: Page) -> Result<EventPage> {
        self.list_events(f, page, false)
    }

    /// The same listing done entirely in SQL, for tests that compare it with the event index.
    #[doc(hidden)]
    pub fn events_reference(&self, f: &EventFilter, page: Page) -> Result<EventPage> {
        self.list_events(f, page, true)
    }

    fn list_events(&self, f: &EventFilter, page: Page, sql_only: bool) -> Result<EventPage> {
        let per_page = page.per_page.clamp(1, 1000);
        let pg = page.page.max(1);
        let offset = (pg - 1).saturating_mul(per_page);
        let resolved = f.resolve()?;
        let index = if sql_only || resolved.doc_id.is_some() || resolved.cluster.is_some() {
            None
        } else {
            Some(self.event_index()?)
        };
        let conn = self.read();
        // one read transaction: the page and its actors come from one snapshot, and SQLite
        // takes its locks once instead of once per statement (two fcntl calls each)
        let tx = conn.unchecked_transaction()?;
        let (total, mut items) = if let Some(index) = index {
            let listing = index.list(&resolved, offset, per_page);
            let mut st = tx.prepare_cached(&format!(
                    "SELECT {EVENT_COLS} FROM events e JOIN documents d ON d.seq = e.doc_seq WHERE e.seq = ?1"
                ))?;
            let mut items = Vec::with_capacity(listing.page.len());
            for seq in listing.page {
                if let Some(row) = st.query_row([seq], event_row).optional()? {
                    items.push(row);
                }
            }
            (listing.total, items)
        } else {
            Self::events_sql(&tx, f, offset, per_page)?
        };
        Self::attach_actors(&tx, &mut items)?;
        drop(tx);
        Ok(EventPage {
            total,
            page: pg,
            per_page,
            items: items.into_iter().map(|(_, r)| r).collect(),
        })
    }

    /// The SQL form of an event listing: count, then one ordered page.
    fn events_sql(
        conn: &rusqlite::Connection,
        f: &EventFilter,
        offset: usize,
        limit: usize,
    ) -> Result<(u64, Vec<(i64, EventRecord)>)> {
        let (w, p) = f.sql()?;
        let total: i64 = conn.query_row(
            &format!(
                "SELECT count(*) FROM events e JOIN documents d ON d.seq = e.doc_seq WHERE {w}"
            ),
            params_from_iter(p.iter()),
            |r| r.get(0),
        )?;
        let sql = format!(
            "SELECT {EVENT_COLS} FROM events e JOIN documents d ON d.seq = e.doc_seq WHERE {w}
             ORDER BY e.date DESC, e.seq DESC LIMIT {limit} OFFSET {offset}"
        );
        let mut st = conn.prepare(&sql)?;
        let items = st
            .query_map(params_from_iter(p.iter()), event_row)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok((total as u64, items))
    }

    /// Streams every event matching `f` in stable order (event seq), for exports.
    pub fn for_each_event(
        &self,
        f: &EventFilter,
        mut sink: impl FnMut(EventRecord) -> Result<()>,
    ) -> Result<u64> {
        let (w, p) = f.sql()?;
        let conn = self.read();
        let sql = format!(
            "SELECT {EVENT_COLS} FROM events e JOIN documents d ON d.seq = e.doc_seq WHERE {w} ORDER BY e.seq"
        );
        let mut st = conn.prepare(&sql)?;
        let mut rows = st.query(params_from_iter(p.iter()))?;
        let mut n = 0;
        let mut chunk = Vec::with_capacity(512);
        loop {
            let row = rows.next()?;
            if let Some(r) = row {
                chunk.push(event_row(r)?);
            }
            if chunk.len() >= 512 || (row.is_none() && !chunk.is_empty()) {
                Self::attach_actors(&conn, &mut chunk)?;
                for (_, rec) in chunk.drain(..) {
                    sink(rec)?;
                    n += 1;
                }
            }
            if row.is_none() {
                break;
            }
        }
        Ok(n)
    }

    /// Profile of one actor: attributes, counts, events per month, top partners.
    pub fn actor(&self, id: &str) -> Result<ActorProfile> {
        let conn = self.read();
        let mut p = conn
            .query_row(
                "SELECT id, name, name_ar, kind, country, sector, role, wikidata FROM actors WHERE id = ?1",
                [id],
                |r| {
                    Ok(ActorProfile {
                        id: r.get(0)?,
                        name: r.get(1)?,
                        name_ar: r.get(2)?,
                        kind: r.get(3)?,
                        country: r.get(4)?,
                        sector: r.get(5)?,
                        role: r.get(6)?,
                        wikidata: r.get(7)?,
                        documents: 0,
                        as_actor: 0,
                        as_recipient: 0,
                        events_per_month: BTreeMap::new(),
                        top_partners: Vec::new(),
                    })
                },
            )
            .optional()?
            .ok_or_else(|| StoreError::NotFound(format!("actor {id}")))?;
        const FACT: &str = "e.counted = 1 AND e.factuality IN ('asserted', 'reported')";
        p.documents = conn.query_row(
            "SELECT count(DISTINCT doc_seq) FROM (SELECT doc_seq FROM doc_actors WHERE actor_id = ?1
               UNION SELECT e.doc_seq FROM events e JOIN event_actors x ON x.event_seq = e.seq WHERE x.actor_id = ?1)",
            [id],
            |r| r.get::<_, i64>(0),
        )? as u64;
        let mut st = conn.prepare(&format!(
            "SELECT x.role, count(*) FROM event_actors x JOIN events e ON e.seq = x.event_seq
             WHERE x.actor_id = ?1 AND {FACT} GROUP BY x.role"
        ))?;
        for row in st.query_map([id], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))? {
            let (role, n) = row?;
            if role == "actor" {
                p.as_actor = n as u64;
            } else {
                p.as_recipient = n as u64;
            }
        }
        let mut st = conn.prepare(&format!(
            "SELECT coalesce(e.month, 'unknown'), count(DISTINCT e.seq) FROM events e JOIN event_actors x ON x.event_seq = e.seq
             WHERE x.actor_id = ?1 AND {FACT} GROUP BY 1 ORDER BY 1"
        ))?;
        for row in st.query_map([id], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))? {
            let (m, n) = row?;
            p.events_per_month.insert(m, n as u64);
        }
        let mut st = conn.prepare(&format!(
            "SELECT y.actor_id, min(y.name), count(DISTINCT e.seq),
                    count(DISTINCT CASE WHEN e.quad LIKE '%cooperation' THEN e.seq END),
                    count(DISTINCT CASE WHEN e.quad LIKE '%conflict' THEN e.seq END)
             FROM event_actors x JOIN events e ON e.seq = x.event_seq
             JOIN event_actors y ON y.event_seq = e.seq AND y.role <> x.role AND y.actor_id <> x.actor_id
             WHERE x.actor_id = ?1 AND {FACT}
             GROUP BY y.actor_id ORDER BY 3 DESC, 1 LIMIT 20"
        ))?;
        for row in st.query_map([id], |r| {
            Ok(PartnerCount {
                id: r.get(0)?,
                name: r.get(1)?,
                events: r.get::<_, i64>(2)? as u64,
                cooperation: r.get::<_, i64>(3)? as u64,
                conflict: r.get::<_, i64>(4)? as u64,
            })
        })? {
            p.top_partners.push(row?);
        }
        Ok(p)
    }

    /// Actor network for the events matching `f`; only counted facts make edges.
    pub fn graph(&self, f: &EventFilter, max_nodes: usize) -> Result<Graph> {
        let mut f = f.clone();
        f.facts_only = true;
        let (w, p) = f.sql()?;
        let conn = self.read();
        let sql = format!(
            "SELECT a.actor_id, r.actor_id, count(DISTINCT e.seq),
                    count(DISTINCT CASE WHEN e.quad LIKE '%cooperation' THEN e.seq END),
                    count(DISTINCT CASE WHEN e.quad LIKE '%conflict' THEN e.seq END)
             FROM events e JOIN documents d ON d.seq = e.doc_seq
             JOIN event_actors a ON a.event_seq = e.seq AND a.role = 'actor'
             JOIN event_actors r ON r.event_seq = e.seq AND r.role = 'recipient'
             WHERE {w} AND a.actor_id <> r.actor_id GROUP BY 1, 2"
        );
        let mut st = conn.prepare(&sql)?;
        let mut edges = st
            .query_map(params_from_iter(p.iter()), |r| {
                Ok(GraphEdge {
                    source: r.get(0)?,
                    target: r.get(1)?,
                    events: r.get::<_, i64>(2)? as u64,
                    cooperation: r.get::<_, i64>(3)? as u64,
                    conflict: r.get::<_, i64>(4)? as u64,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let sql = format!(
            "SELECT x.actor_id, count(DISTINCT e.seq) FROM events e JOIN documents d ON d.seq = e.doc_seq
             JOIN event_actors x ON x.event_seq = e.seq WHERE {w} GROUP BY 1 ORDER BY 2 DESC, 1"
        );
        let mut st = conn.prepare(&sql)?;
        let counts = st
            .query_map(params_from_iter(p.iter()), |r| {
                Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)? as u64))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let mut meta =
            conn.prepare_cached("SELECT name, country, kind FROM actors WHERE id = ?1")?;
        let mut nodes = Vec::new();
        for (id, n) in counts.into_iter().take(max_nodes.max(1)) {
            let (name, country, kind) = meta
                .query_row([&id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
                .optional()?
                .unwrap_or_else(|| (id.clone(), None, None));
            nodes.push(GraphNode {
                id,
                name,
                country,
                kind,
                events: n,
            });
        }
        let keep: std::collections::HashSet<&str> = nodes.iter().map(|n| n.id.as_str()).collect();
        edges.retain(|e| keep.contains(e.source.as_str()) && keep.contains(e.target.as_str()));
        edges.sort_by(|a, b| b.events.cmp(&a.events).then(a.source.cmp(&b.source)));
        Ok(Graph { nodes, edges })
    }

    /// Counted fact events per day or month, split by quad.
    pub fn timeline(&self, f: &EventFilter, by_month: bool) -> Result<Vec<TimelineBucket>> {
        let mut f = f.clone();
        f.facts_only = true;
        let (w, p) = f.sql()?;
        let key = if by_month { "e.month" } else { "e.date" };
        let conn = self.read();
        let sql = format!(
            "SELECT {key}, count(*),
               sum(e.quad = 'verbal_cooperation'), sum(e.quad = 'material_cooperation'),
               sum(e.quad = 'verbal_conflict'), sum(e.quad = 'material_conflict')
             FROM events e JOIN documents d ON d.seq = e.doc_seq
             WHERE {w} AND {key} IS NOT NULL GROUP BY 1 ORDER BY 1"
        );
        let mut st = conn.prepare(&sql)?;
        let rows = st
            .query_map(params_from_iter(p.iter()), |r| {
                Ok(TimelineBucket {
                    period: r.get(0)?,
                    events: r.get::<_, i64>(1)? as u64,
                    verbal_cooperation: r.get::<_, i64>(2)? as u64,
                    material_cooperation: r.get::<_, i64>(3)? as u64,
                    verbal_conflict: r.get::<_, i64>(4)? as u64,
                    material_conflict: r.get::<_, i64>(5)? as u64,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    }

    /// English and Arabic display names of the given actor ids; unknown ids are left out.
    pub fn actor_names<'a>(
        &self,
        ids: impl IntoIterator<Item = &'a str>,
    ) -> Result<BTreeMap<String, ActorName>> {
        let conn = self.read();
        let mut st = conn.prepare_cached("SELECT name, name_ar FROM actors WHERE id = ?1")?;
        let mut out = BTreeMap::new();
        for id in ids {
            if out.contains_key(id) {
                continue;
            }
            let row = st
                .query_row([id], |r| {
                    Ok(ActorName {
                        name: r.get(0)?,
                        name_ar: r.get(1)?,
                    })
                })
                .optional()?;
            if let Some(n) = row {
                out.insert(id.to_string(), n);
            }
        }
        Ok(out)
    }

    /// Store-wide statistics.
    pub fn stats(&self) -> Result<Stats> {
        let conn = self.read();
        let one = |sql: &str| -> Result<u64> {
            Ok(conn.query_row(sql, [], |r| r.get::<_, i64>(0))? as u64)
        };
        const FACT: &str = "counted = 1 AND factuality IN ('asserted', 'reported')";
        let mut s = Stats {
            documents: one("SELECT count(*) FROM documents")?,
            near_duplicates: one("SELECT count(*) FROM documents WHERE near_dup_of IS NOT NULL")?,
            events: one("SELECT count(*) FROM events")?,
            counted_events: one(&format!("SELECT count(*) FROM events WHERE {FACT}"))?,
            actors: one("SELECT count(*) FROM actors")?,
            clusters: one("SELECT count(*) FROM event_clusters")?,
            first_date: conn.query_row("SELECT min(pub_date) FROM documents", [], |r| r.get(0))?,
            last_date: conn.query_row("SELECT max(pub_date) FROM documents", [], |r| r.get(0))?,
            by_type: BTreeMap::new(),
            by_quad: BTreeMap::new(),
            by_source: BTreeMap::new(),
            schema_version: crate::schema::version(&conn)?,
        };
        for (col, map) in [("type", &mut s.by_type), ("quad", &mut s.by_quad)] {
            let mut st = conn.prepare(&format!(
                "SELECT {col}, count(*) FROM events WHERE {FACT} GROUP BY 1"
            ))?;
            for row in st.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))? {
                let (k, n) = row?;
                map.insert(k, n as u64);
            }
        }
        let mut st =
            conn.prepare("SELECT coalesce(source, 'unknown'), count(*) FROM documents GROUP BY 1")?;
        for row in st.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))? {
            let (k, n) = row?;
            s.by_source.insert(k, n as u64);
        }
        Ok(s)
    }
}
