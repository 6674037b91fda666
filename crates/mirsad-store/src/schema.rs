//! SQLite schema and its versioned migrations.
//!
//! `PRAGMA user_version` holds the schema version; [`MIGRATIONS`] is applied in order, each in
//! its own transaction, so a store written by an older mirsad opens and upgrades in place.
//! Never edit a released migration: append a new one.

use rusqlite::Connection;

/// v1: documents, batches, actors, events and their actor links, near-duplicate LSH bands.
const V1: &str = r#"
CREATE TABLE batches (
    id          INTEGER PRIMARY KEY,           -- the batch id written into the tantivy commit payload
    started_at  TEXT NOT NULL,
    n_docs      INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE documents (
    seq          INTEGER PRIMARY KEY,          -- internal key, also the tantivy `seq` field
    id           TEXT NOT NULL UNIQUE,
    title        TEXT,
    url          TEXT,
    source       TEXT,
    published    TEXT,
    pub_date     TEXT,                         -- YYYY-MM-DD when `published` starts with one
    content_hash TEXT NOT NULL,                -- sha256 of the normalised text (see dedup.rs)
    minhash      BLOB,                         -- MinHash signature (64 x u32 LE), NULL if too short
    near_dup_of  TEXT,                         -- id of the original this is a near-duplicate of
    batch_id     INTEGER NOT NULL REFERENCES batches(id),
    analysis     TEXT NOT NULL                 -- the full analysis JSON (mirsad_core::Document)
);
CREATE INDEX documents_content_hash ON documents(content_hash);
CREATE INDEX documents_batch ON documents(batch_id);
CREATE INDEX documents_pub_date ON documents(pub_date);
CREATE INDEX documents_source ON documents(source);
CREATE TABLE dup_bands (                        -- MinHash LSH: 16 bands x 4 rows
    band     INTEGER NOT NULL,
    value    INTEGER NOT NULL,
    doc_seq  INTEGER NOT NULL REFERENCES documents(seq) ON DELETE CASCADE,
    PRIMARY KEY (band, value, doc_seq)
) WITHOUT ROWID;
CREATE TABLE actors (
    id       TEXT PRIMARY KEY,
    name     TEXT NOT NULL,
    name_ar  TEXT,
    kind     TEXT,
    country  TEXT,
    sector   TEXT,
    role     TEXT,
    wikidata TEXT
);
CREATE TABLE events (
    seq            INTEGER PRIMARY KEY,
    id             TEXT NOT NULL UNIQUE,        -- "<doc id>#<index in the document>"
    doc_seq        INTEGER NOT NULL REFERENCES documents(seq) ON DELETE CASCADE,
    type           TEXT NOT NULL,               -- PLOVER type, e.g. ASSAULT
    cameo          TEXT,
    mode           TEXT,
    quad           TEXT NOT NULL,               -- verbal_cooperation ... material_conflict
    factuality     TEXT NOT NULL,               -- asserted, negated, future, hypothetical, reported
    date           TEXT,                        -- event date (YYYY-MM-DD prefix), else published date
    month          TEXT,                        -- YYYY-MM of `date`
    date_source    TEXT,
    location       TEXT,
    location_country TEXT,
    lat            REAL,
    lon            REAL,
    trigger_start  INTEGER NOT NULL,
    trigger_end    INTEGER NOT NULL,
    trigger_text   TEXT,
    evidence_start INTEGER NOT NULL,
    evidence_end   INTEGER NOT NULL,
    evidence_text  TEXT,
    confidence     REAL NOT NULL,
    historical     INTEGER,
    cluster        TEXT,
    counted        INTEGER NOT NULL             -- 0 for events of near-duplicate documents
);
CREATE INDEX events_doc ON events(doc_seq);
CREATE INDEX events_date ON events(date);
CREATE INDEX events_type ON events(type);
CREATE INDEX events_cluster ON events(cluster);
CREATE TABLE event_actors (
    event_seq INTEGER NOT NULL REFERENCES events(seq) ON DELETE CASCADE,
    role      TEXT NOT NULL CHECK (role IN ('actor', 'recipient')),
    actor_id  TEXT NOT NULL,
    name      TEXT NOT NULL,
    country   TEXT,
    pos       INTEGER NOT NULL,                 -- order within the side, as the analysis listed it
    PRIMARY KEY (event_seq, role, actor_id)
) WITHOUT ROWID;
CREATE INDEX event_actors_actor ON event_actors(actor_id, role);
"#;

/// v2: cross-article event clusters and per-document actor mentions, backfilled from v1 data.
const V2: &str = r#"
CREATE TABLE event_clusters (
    id         TEXT PRIMARY KEY,
    type       TEXT NOT NULL,
    first_date TEXT,
    last_date  TEXT,
    mentions   INTEGER NOT NULL,               -- counted events (reports) in the cluster
    docs       INTEGER NOT NULL                -- distinct counted documents reporting it
);
CREATE TABLE doc_actors (
    doc_seq  INTEGER NOT NULL REFERENCES documents(seq) ON DELETE CASCADE,
    actor_id TEXT NOT NULL,
    mentions INTEGER NOT NULL,
    PRIMARY KEY (doc_seq, actor_id)
) WITHOUT ROWID;
CREATE INDEX doc_actors_actor ON doc_actors(actor_id);
INSERT INTO event_clusters (id, type, first_date, last_date, mentions, docs)
    SELECT cluster, min(type), min(date), max(date), count(*), count(DISTINCT doc_seq)
    FROM events WHERE cluster IS NOT NULL AND counted = 1 GROUP BY cluster;
INSERT OR IGNORE INTO doc_actors (doc_seq, actor_id, mentions)
    SELECT d.seq, json_extract(a.value, '$.id'), coalesce(json_extract(a.value, '$.mentions'), 1)
    FROM documents d, json_each(d.analysis, '$.actors') a;
"#;

/// v3: ids of exact duplicates, resolved to the stored original (so a re-sent copy under a new
/// id is still addressable, without being stored or counted twice).
const V3: &str = r#"
CREATE TABLE doc_aliases (
    alias  TEXT PRIMARY KEY,
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE
) WITHOUT ROWID;
"#;

/// v4: the document text in its own table, out of the analysis JSON. A search reads the text of
/// every hit for its snippet; inside the analysis that meant reading the whole row (its
/// overflow pages) and parsing JSON up to the text. The analysis keeps every other key.
const V4: &str = r#"
CREATE TABLE doc_texts (
    seq  INTEGER PRIMARY KEY REFERENCES documents(seq) ON DELETE CASCADE,
    text TEXT NOT NULL
);
INSERT INTO doc_texts (seq, text)
    SELECT seq, coalesce(json_extract(analysis, '$.text'), '') FROM documents;
UPDATE documents SET analysis = json_remove(analysis, '$.text');
"#;

/// v5: each text's snippet word table (`snippet::word_table`), written with the text. Rows stored
/// before it hold NULL until `Store::open` fills them in; a search rebuilds a missing table.
const V5: &str = r#"
ALTER TABLE doc_texts ADD COLUMN words BLOB;
"#;

/// The version that added `doc_texts.words`: stores migrated from before it get their tables
/// filled in when opened.
pub const WORD_TABLES: u32 = 5;

/// Ordered migrations: `(version it brings the database to, SQL)`.
pub const MIGRATIONS: &[(u32, &str)] = &[(1, V1), (2, V2), (3, V3), (4, V4), (5, V5)];

/// The schema version this build writes.
pub const LATEST: u32 = 5;

/// Current `user_version`.
pub fn version(conn: &Connection) -> rusqlite::Result<u32> {
    conn.query_row("PRAGMA user_version", [], |r| r.get(0))
}

/// Applies the migrations above the current version, up to `target` (all when `None`).
pub fn migrate(conn: &mut Connection, target: Option<u32>) -> rusqlite::Result<u32> {
    let target = target.unwrap_or(LATEST);
    let mut v = version(conn)?;
    for (to, sql) in MIGRATIONS {
        if *to <= v || *to > target {
            continue;
        }
        let tx = conn.transaction()?;
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", to)?;
        tx.commit()?;
        v = *to;
    }
    Ok(v)
}
