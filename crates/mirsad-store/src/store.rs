//! The store: open, ingest (idempotent, crash-safe), repair, search.

use crate::analyzer::Stemming;
use crate::dedup;
use crate::event_index::EventIndex;
use crate::facets::FacetKeys;
use crate::index::{self, day_number, Fields};
use crate::schema;
use crate::snippet::{push_escaped, word_table, LightSnippets};
use crate::{Result, StoreError};
use mirsad_core::Document;
use rusqlite::{params, Connection, OptionalExtension, Transaction};
use serde::Serialize;
use std::ops::Bound;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, RwLock};
use tantivy::collector::{Count, TopDocs};
use tantivy::query::{
    AllQuery, BooleanQuery, InvertedIndexRangeQuery, Occur, Query, QueryParser, TermQuery,
};
use tantivy::schema::IndexRecordOption;
use tantivy::snippet::SnippetGenerator;
use tantivy::{Index, IndexReader, IndexWriter, ReloadPolicy, Term};

/// Default store directory, relative to the working directory.
pub const DEFAULT_DIR: &str = "./mirsad-data";

/// Options for [`Store::open_with`].
#[derive(Debug, Clone)]
pub struct StoreOptions {
    /// Documents per SQLite transaction / tantivy commit.
    pub batch_size: usize,
    /// Stemmer of the stemmed search fields (measured in EVAL.md; `Light` won).
    pub stemming: Stemming,
    /// Read connections kept for concurrent queries.
    pub read_connections: usize,
    /// tantivy writer memory budget in bytes.
    pub writer_memory: usize,
}

impl Default for StoreOptions {
    fn default() -> Self {
        StoreOptions {
            batch_size: 256,
            stemming: Stemming::Light,
            read_connections: 4,
            writer_memory: 64 << 20,
        }
    }
}

/// What one [`Store::ingest`] call did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct IngestReport {
    /// Newly stored documents (including near-duplicates).
    pub added: usize,
    /// Skipped: same id or same content hash as a stored document.
    pub duplicates: usize,
    /// Stored and linked to an original via `near_dup_of`.
    pub near_duplicates: usize,
    /// Events stored.
    pub events: usize,
    /// Batches committed.
    pub batches: usize,
}

impl IngestReport {
    fn add(&mut self, o: &IngestReport) {
        self.added += o.added;
        self.duplicates += o.duplicates;
        self.near_duplicates += o.near_duplicates;
        self.events += o.events;
        self.batches += o.batches;
    }
}

/// Search filters; all optional, combined with AND.
#[derive(Debug, Clone, Default, serde::Deserialize)]
pub struct SearchFilters {
    pub actor: Option<String>,
    #[serde(rename = "type")]
    pub event_type: Option<String>,
    /// Inclusive `YYYY-MM-DD` on the publication date.
    pub from: Option<String>,
    pub to: Option<String>,
    pub source: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct SearchHit {
    pub id: String,
    pub title: Option<String>,
    pub url: Option<String>,
    pub source: Option<String>,
    pub published: Option<String>,
    pub near_dup_of: Option<String>,
    pub score: f32,
    /// Body excerpt, HTML-escaped, matches wrapped in `<mark>`.
    pub snippet: String,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct FacetCount {
    pub key: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    pub count: u64,
}

/// Facet counts over the *whole* result set, not just the page.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Facets {
    pub actors: Vec<FacetCount>,
    pub types: Vec<FacetCount>,
    pub sources: Vec<FacetCount>,
    pub months: Vec<FacetCount>,
}

#[derive(Debug, Clone, Serialize)]
pub struct SearchResults {
    pub query: String,
    pub total: usize,
    pub page: usize,
    pub per_page: usize,
    pub hits: Vec<SearchHit>,
    pub facets: Facets,
}

/// An embedded mirsad store. `Send + Sync`: share it in an `Arc`.
pub struct Store {
    dir: PathBuf,
    opts: StoreOptions,
    write: Mutex<Connection>,
    reads: Vec<Mutex<Connection>>,
    next_read: AtomicUsize,
    index: Index,
    reader: IndexReader,
    writer: Mutex<Option<IndexWriter>>,
    pub(crate) fields: Fields,
    facet_keys: FacetKeys,
    /// The event index of the latest store version seen; rebuilt under `event_index_build`.
    event_index: RwLock<Option<Arc<EventIndex>>>,
    event_index_build: Mutex<()>,
}

fn open_conn(path: &Path) -> Result<Connection> {
    let c = Connection::open(path)?;
    c.busy_timeout(std::time::Duration::from_secs(30))?;
    // WAL: readers never block the writer. synchronous=NORMAL in WAL mode loses no committed
    // transaction when the *process* dies (only on power loss), which is the crash we design for.
    c.pragma_update(None, "journal_mode", "WAL")?;
    c.pragma_update(None, "synchronous", "NORMAL")?;
    c.pragma_update(None, "foreign_keys", "ON")?;
    Ok(c)
}

impl Store {
    /// Opens (creating if needed) the store in `dir` with default options.
    pub fn open(dir: impl AsRef<Path>) -> Result<Store> {
        Store::open_with(dir, StoreOptions::default())
    }

    /// Opens the store, migrates the SQLite schema to the latest version, and repairs the
    /// search index if a crash left it behind SQLite.
    pub fn open_with(dir: impl AsRef<Path>, opts: StoreOptions) -> Result<Store> {
        let dir = dir.as_ref().to_path_buf();
        std::fs::create_dir_all(&dir)?;
        let db = dir.join("store.db");
        let mut write = open_conn(&db)?;
        let stored_version = schema::version(&write)?;
        schema::migrate(&mut write, None)?;
        if (1..schema::WORD_TABLES).contains(&stored_version) && opts.stemming == Stemming::Light {
            fill_word_tables(&mut write)?;
        }
        let reads = (0..opts.read_connections.max(1))
            .map(|_| {
                let c = open_conn(&db)?;
                // reads map the file instead of copying pages through read(2) into a small
                // per-connection cache; a search reads a page of document rows
                c.pragma_update(None, "mmap_size", 1i64 << 30)?;
                Ok(Mutex::new(c))
            })
            .collect::<Result<Vec<_>>>()?;
        let (index, fields) = index::open_or_create(&dir.join("index"), opts.stemming)?;
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()?;
        let store = Store {
            dir,
            opts,
            write: Mutex::new(write),
            reads,
            next_read: AtomicUsize::new(0),
            index,
            reader,
            writer: Mutex::new(None),
            fields,
            facet_keys: FacetKeys::new("facets"),
            event_index: RwLock::new(None),
            event_index_build: Mutex::new(()),
        };
        match store.repair() {
            Ok(_) => {}
            // another process holds the index writer (an ingest in progress): it will finish
            // the batch itself; readers open fine
            Err(StoreError::Index(tantivy::TantivyError::LockFailure(..))) => {}
            Err(e) => return Err(e),
        }
        Ok(store)
    }

    /// Folds the SQLite write-ahead log back into the database file and truncates it (WAL
    /// mode leaves it at its high-water mark); for size measurements and before backups.
    pub fn checkpoint(&self) -> Result<()> {
        let c = self.write.lock().unwrap_or_else(|e| e.into_inner());
        c.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
        Ok(())
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// A read connection from the pool (round robin, first free one).
    pub(crate) fn read(&self) -> MutexGuard<'_, Connection> {
        let n = self.reads.len();
        let start = self.next_read.fetch_add(1, Ordering::Relaxed);
        for i in 0..n {
            if let Ok(g) = self.reads[(start + i) % n].try_lock() {
                return g;
            }
        }
        self.reads[start % n]
            .lock()
            .unwrap_or_else(|e| e.into_inner())
    }

    /// Builds what the first queries would otherwise build under load: the event index and the
    /// per-segment facet maps. A server calls this before it accepts connections.
    pub fn warm(&self) -> Result<()> {
        self.event_index()?;
        self.search("", &SearchFilters::default(), 1, 1)?;
        Ok(())
    }

    /// The in-memory event index for the store's current version (the last batch id, which
    /// every ingest, in this process or another, advances), rebuilt when that moved.
    pub(crate) fn event_index(&self) -> Result<Arc<EventIndex>> {
        let batch: i64 =
            self.read()
                .query_row("SELECT coalesce(max(id), 0) FROM batches", [], |r| r.get(0))?;
        let current = |s: &Self| {
            s.event_index
                .read()
                .unwrap_or_else(|e| e.into_inner())
                .as_ref()
                .filter(|ix| ix.batch >= batch)
                .cloned()
        };
        if let Some(ix) = current(self) {
            return Ok(ix);
        }
        let _one_builder = self
            .event_index_build
            .lock()
            .unwrap_or_else(|e| e.into_inner());
        if let Some(ix) = current(self) {
            return Ok(ix);
        }
        let ix = Arc::new(EventIndex::build(&self.read())?);
        *self.event_index.write().unwrap_or_else(|e| e.into_inner()) = Some(ix.clone());
        Ok(ix)
    }

    fn writer(&self) -> Result<MutexGuard<'_, Option<IndexWriter>>> {
        let mut g = self.writer.lock().unwrap_or_else(|e| e.into_inner());
        if g.is_none() {
            *g = Some(self.new_writer()?);
        }
        Ok(g)
    }

    fn new_writer(&self) -> Result<IndexWriter> {
        // one indexing thread: the machines this runs on have two cores
        Ok(self
            .index
            .writer_with_num_threads(1, self.opts.writer_memory)?)
    }

    /// The batch id recorded in the last tantivy commit (0 when none).
    fn indexed_batch(&self) -> Result<i64> {
        let metas = self.index.load_metas()?;
        Ok(metas
            .payload
            .as_deref()
            .and_then(|p| p.strip_prefix("batch:"))
            .and_then(|p| p.parse().ok())
            .unwrap_or(0))
    }

    /// Re-indexes documents of batches SQLite committed but tantivy did not (the process died
    /// between the two commits). If the index claims a batch SQLite does not have, or holds a
    /// different number of documents, it is rebuilt from SQLite.
    pub fn repair(&self) -> Result<usize> {
        let indexed = self.indexed_batch()?;
        let (max_batch, n_docs): (i64, i64) = self.read().query_row(
            "SELECT coalesce((SELECT max(id) FROM batches), 0), (SELECT count(*) FROM documents)",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        self.reader.reload()?;
        let in_index = self.reader.searcher().num_docs() as i64;
        let docs_behind: i64 = self.read().query_row(
            "SELECT count(*) FROM documents WHERE batch_id > ?1",
            [indexed],
            |r| r.get(0),
        )?;
        let consistent = indexed <= max_batch && in_index + docs_behind == n_docs;
        if consistent && indexed == max_batch {
            return Ok(0);
        }
        let from = if consistent { indexed } else { 0 };
        let mut wg = self.writer()?;
        let w = wg.as_mut().expect("writer");
        if from == 0 {
            w.delete_all_documents()?;
        }
        let mut n = 0;
        {
            let conn = self.read();
            let mut st = conn.prepare(
                "SELECT d.seq, d.analysis, t.text FROM documents d JOIN doc_texts t USING (seq)
                     WHERE d.batch_id > ?1 ORDER BY d.seq",
            )?;
            let rows = st.query_map([from], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                ))
            })?;
            for row in rows {
                let (seq, json, text) = row?;
                let doc: Document = serde_json::from_value(with_text(&json, text)?)?;
                w.delete_term(Term::from_field_u64(self.fields.seq, seq as u64));
                w.add_document(index::to_tantivy(&self.fields, seq as u64, &doc))?;
                n += 1;
            }
        }
        let mut prepared = w.prepare_commit()?;
        prepared.set_payload(&format!("batch:{max_batch}"));
        prepared.commit()?;
        drop(wg);
        self.reader.reload()?;
        Ok(n)
    }

    /// Stores analysed documents, `batch_size` per transaction. Idempotent: a document whose id
    /// or content hash is already stored is skipped; near-duplicates are stored and linked.
    pub fn ingest(&self, docs: impl IntoIterator<Item = Document>) -> Result<IngestReport> {
        let mut report = IngestReport::default();
        let mut batch = Vec::with_capacity(self.opts.batch_size);
        for d in docs {
            batch.push(d);
            if batch.len() >= self.opts.batch_size {
                report.add(&self.ingest_batch(std::mem::take(&mut batch))?);
            }
        }
        if !batch.is_empty() {
            report.add(&self.ingest_batch(batch)?);
        }
        Ok(report)
    }

    /// One batch: one SQLite transaction, then one tantivy commit carrying the batch id.
    /// SQLite commits first; if the process dies before the tantivy commit, [`Store::repair`]
    /// (run by `open`) re-indexes the batch. A document is therefore either wholly in SQLite
    /// (row, events, actors) or not at all, and the index converges to SQLite.
    pub fn ingest_batch(&self, docs: Vec<Document>) -> Result<IngestReport> {
        let mut report = IngestReport {
            batches: 1,
            ..Default::default()
        };
        let mut conn = self.write.lock().unwrap_or_else(|e| e.into_inner());
        let mut wg = self.writer()?;
        let tx = conn.transaction()?;
        tx.execute(
            "INSERT INTO batches (started_at, n_docs) VALUES (datetime('now'), 0)",
            [],
        )?;
        let batch_id = tx.last_insert_rowid();
        let mut to_index = Vec::new();
        for doc in docs {
            match insert_doc(&tx, &doc, batch_id, self.opts.stemming)? {
                Inserted::Duplicate => report.duplicates += 1,
                Inserted::New { seq, near_dup } => {
                    report.added += 1;
                    report.events += doc.events.len();
                    if near_dup {
                        report.near_duplicates += 1;
                    }
                    to_index.push((seq, doc));
                }
            }
        }
        tx.execute(
            "UPDATE batches SET n_docs = ?1 WHERE id = ?2",
            params![report.added as i64, batch_id],
        )?;
        let w = wg.as_mut().expect("writer");
        for (seq, doc) in &to_index {
            if let Err(e) = w.add_document(index::to_tantivy(&self.fields, *seq as u64, doc)) {
                // drop the documents added so far; the SQLite transaction rolls back on return
                w.rollback()?;
                return Err(e.into());
            }
        }
        if let Err(e) = tx.commit() {
            w.rollback()?;
            return Err(e.into());
        }
        crash_point("after_sqlite_commit");
        let mut prepared = w.prepare_commit()?;
        prepared.set_payload(&format!("batch:{batch_id}"));
        prepared.commit()?;
        drop(wg);
        drop(conn);
        self.reader.reload()?;
        Ok(report)
    }

    /// Merges the search index into one segment and waits for it. Every query looks up each
    /// term in every segment's dictionary and runs its collectors per segment, so a bulk
    /// ingest that leaves a dozen segments (one per batch, minus the background merges that
    /// had time to finish) makes searches pay that a dozen times. Bulk ingests call this once
    /// at the end; the single-document API path does not, since a merge rewrites the index.
    /// Returns the number of segments merged (0 when there was nothing to do).
    pub fn merge_segments(&self) -> Result<usize> {
        let mut wg = self.writer.lock().unwrap_or_else(|e| e.into_inner());
        // the merge policy may be merging some of these segments in the background; a merge
        // of all of them would then name segments that no longer exist when it ends. So let
        // those finish first (this drops that writer), then merge everything with a new one.
        if let Some(old) = wg.take() {
            old.wait_merging_threads()?;
        }
        let w = wg.insert(self.new_writer()?);
        let ids = self.index.searchable_segment_ids()?;
        if ids.len() < 2 {
            return Ok(0);
        }
        // a merge keeps the last commit's payload (the batch id `repair` relies on): it
        // rewrites segments, not the commit point
        w.merge(&ids).wait()?;
        w.garbage_collect_files().wait()?;
        drop(wg);
        self.reader.reload()?;
        Ok(ids.len())
    }

    /// Number of segments of the search index as readers see it now.
    pub fn index_segments(&self) -> usize {
        self.reader.searcher().segment_readers().len()
    }

    /// The stored id for `id`: itself, or the original an exact duplicate was merged into.
    pub fn resolve_id(&self, id: &str) -> Result<Option<String>> {
        Ok(self
            .read()
            .query_row(
                "SELECT id FROM documents WHERE id = ?1
                 UNION ALL SELECT doc_id FROM doc_aliases WHERE alias = ?1 LIMIT 1",
                [id],
                |r| r.get(0),
            )
            .optional()?)
    }

    /// The full analysis JSON of a document (an exact duplicate's id resolves to its original).
    pub fn document_json(&self, id: &str) -> Result<serde_json::Value> {
        let id = &self
            .resolve_id(id)?
            .ok_or_else(|| StoreError::NotFound(format!("document {id}")))?;
        let s: Option<(String, String, Option<String>)> = self
            .read()
            .query_row(
                "SELECT d.analysis, t.text, d.near_dup_of FROM documents d JOIN doc_texts t USING (seq)
                 WHERE d.id = ?1",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()?;
        let (json, text, near) = s.ok_or_else(|| StoreError::NotFound(format!("document {id}")))?;
        let mut v = with_text(&json, text)?;
        if let (Some(n), Some(o)) = (near, v.as_object_mut()) {
            o.insert("near_dup_of".into(), n.into());
        }
        Ok(v)
    }

    /// The stored document (an exact duplicate's id resolves to its original).
    pub fn document(&self, id: &str) -> Result<Document> {
        let id = &self
            .resolve_id(id)?
            .ok_or_else(|| StoreError::NotFound(format!("document {id}")))?;
        let (json, text): (String, String) = self
            .read()
            .query_row(
                "SELECT d.analysis, t.text FROM documents d JOIN doc_texts t USING (seq)
                 WHERE d.id = ?1",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?
            .ok_or_else(|| StoreError::NotFound(format!("document {id}")))?;
        Ok(serde_json::from_value(with_text(&json, text)?)?)
    }

    /// Number of documents in SQLite and in the index (they agree after `open`).
    pub fn counts(&self) -> Result<(u64, u64)> {
        let n: i64 = self
            .read()
            .query_row("SELECT count(*) FROM documents", [], |r| r.get(0))?;
        Ok((n as u64, self.reader.searcher().num_docs()))
    }

    /// Full-text search: BM25 over title and body (stemmed and exact fields), filtered, with
    /// `<mark>` snippets for the page and facets for the whole result set. `page` is 1-based.
    pub fn search(
        &self,
        query: &str,
        filters: &SearchFilters,
        page: usize,
        per_page: usize,
    ) -> Result<SearchResults> {
        let f = &self.fields;
        let page = page.max(1);
        let per_page = per_page.clamp(1, 100);
        let mut parser = QueryParser::for_index(
            &self.index,
            vec![f.title, f.body, f.title_exact, f.body_exact],
        );
        parser.set_field_boost(f.title, 2.0);
        parser.set_field_boost(f.title_exact, 2.0);
        parser.set_field_boost(f.body_exact, 0.5);
        let text_query: Box<dyn Query> = if query.trim().is_empty() {
            Box::new(AllQuery)
        } else {
            // lenient: a stray quote or colon in a user query must not become an error
            parser.parse_query_lenient(query).0
        };
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Must, text_query)];
        let term = |field, v: &str| -> Box<dyn Query> {
            Box::new(TermQuery::new(
                Term::from_field_text(field, v),
                IndexRecordOption::Basic,
            ))
        };
        if let Some(a) = &filters.actor {
            clauses.push((Occur::Must, term(f.actor, a)));
        }
        if let Some(t) = &filters.event_type {
            let t = mirsad_core::EventType::parse(t)
                .ok_or_else(|| StoreError::Invalid(format!("unknown event type {t:?}")))?;
            clauses.push((Occur::Must, term(f.etype, t.as_str())));
        }
        if let Some(s) = &filters.source {
            clauses.push((Occur::Must, term(f.source, s)));
        }
        if filters.from.is_some() || filters.to.is_some() {
            let bound = |d: &Option<String>| -> Result<Bound<Term>> {
                match d {
                    None => Ok(Bound::Unbounded),
                    Some(d) => day_number(d)
                        .map(|n| Bound::Included(Term::from_field_i64(f.day, n)))
                        .ok_or_else(|| StoreError::Invalid(format!("bad date {d:?}"))),
                }
            };
            // through the day terms' postings: a few months are a few thousand documents, where
            // the fast-field range scan read the day of every document in the store
            clauses.push((
                Occur::Must,
                Box::new(InvertedIndexRangeQuery::new(
                    bound(&filters.from)?,
                    bound(&filters.to)?,
                )),
            ));
        }
        let q = BooleanQuery::new(clauses);
        let searcher = self.reader.searcher();
        let live: Vec<_> = searcher
            .segment_readers()
            .iter()
            .map(|r| r.segment_id())
            .collect();
        self.facet_keys.retain_segments(&live);
        // Two passes: the page alone lets tantivy skip blocks that cannot reach the top
        // (block-max WAND); total and facets need every match but no scores.
        let top = TopDocs::with_limit(per_page)
            .and_offset((page - 1) * per_page)
            .order_by_score();
        let top = searcher.search(&q, &top)?;
        let (total, counts) = searcher.search(&q, &(Count, self.facet_keys.collector()))?;
        let [actors, types, sources, months] = self.facet_keys.tops(&counts, [20, 16, 50, 240]);
        let mut facets = Facets {
            actors,
            types,
            sources,
            months,
        };
        facets.months.sort_by(|a, b| a.key.cmp(&b.key));
        let read = self.read();
        // one read transaction for the labels and the page's rows: SQLite takes its locks once
        // instead of once per statement (two fcntl calls each)
        let conn = read.unchecked_transaction()?;
        {
            let mut st = conn.prepare_cached("SELECT name FROM actors WHERE id = ?1")?;
            for a in &mut facets.actors {
                a.label = st
                    .query_row([&a.key], |r| r.get::<_, String>(0))
                    .optional()?;
            }
        }
        let snip = if query.trim().is_empty() {
            Snippets::None
        } else if self.opts.stemming == Stemming::Light {
            let mut terms: Vec<(String, f32)> = Vec::new();
            let mut body_terms = Vec::new();
            q.query_terms(&mut |term, _| {
                if term.field() == f.body {
                    body_terms.push(term.clone());
                }
            });
            for term in body_terms {
                let value = term.value();
                let Some(text) = value.as_str() else {
                    continue;
                };
                if terms.iter().any(|(t, _)| t == text) {
                    continue;
                }
                let doc_freq = searcher.doc_freq(&term)?;
                if doc_freq > 0 {
                    terms.push((text.to_string(), 1.0 / (1.0 + doc_freq as f32)));
                }
            }
            Snippets::Light(LightSnippets::new(terms, SNIPPET_BYTES))
        } else {
            let mut g = SnippetGenerator::create(&searcher, &q, f.body)?;
            g.set_max_num_chars(SNIPPET_BYTES);
            Snippets::Tantivy(g)
        };
        let mut word = String::new();
        let mut hits = Vec::with_capacity(top.len());
        let mut st = conn.prepare_cached(
            "SELECT d.id, d.title, d.url, d.source, d.published, d.near_dup_of, t.text, t.words
             FROM documents d JOIN doc_texts t USING (seq) WHERE d.seq = ?1",
        )?;
        let seqs = seqs_of(&searcher, top.iter().map(|(_, addr)| *addr))?;
        for ((score, _), seq) in top.into_iter().zip(seqs) {
            let Some(seq) = seq else {
                continue;
            };
            // the snippet is cut from the text as SQLite holds it, without a copy
            let row = st
                .query_row([seq as i64], |r| {
                    let bytes = r.get_ref(6)?.as_bytes()?;
                    // SIMD validation: the std check was a tenth of a search on Arabic text
                    let text = simdutf8::basic::from_utf8(bytes)
                        .or_else(|_| std::str::from_utf8(bytes))
                        .map_err(|e| rusqlite::Error::Utf8Error(6, e))?;
                    let html = match &snip {
                        Snippets::Light(g) => {
                            let table = r.get_ref(7)?.as_blob_or_null()?;
                            g.html(text, table, &mut word)
                        }
                        Snippets::Tantivy(g) => {
                            let mut s = g.snippet(text);
                            s.set_snippet_prefix_postfix("<mark>", "</mark>");
                            s.to_html()
                        }
                        Snippets::None => String::new(),
                    };
                    let snippet = if html.is_empty() {
                        let head = text
                            .char_indices()
                            .nth(240)
                            .map_or(text, |(i, _)| &text[..i]);
                        let mut escaped = String::with_capacity(head.len());
                        push_escaped(&mut escaped, head);
                        escaped
                    } else {
                        html
                    };
                    Ok((
                        r.get::<_, String>(0)?,
                        r.get::<_, Option<String>>(1)?,
                        r.get::<_, Option<String>>(2)?,
                        r.get::<_, Option<String>>(3)?,
                        r.get::<_, Option<String>>(4)?,
                        r.get::<_, Option<String>>(5)?,
                        snippet,
                    ))
                })
                .optional()?;
            let Some((id, title, url, source, published, near_dup_of, snippet)) = row else {
                continue;
            };
            hits.push(SearchHit {
                id,
                title,
                url,
                source,
                published,
                near_dup_of,
                score,
                snippet,
            });
        }
        Ok(SearchResults {
            query: query.to_string(),
            total,
            page,
            per_page,
            hits,
            facets,
        })
    }

    /// Raw ranked document ids for a query over the stemmed fields only (evaluation harness).
    pub fn search_ids(&self, query: &str, k: usize) -> Result<Vec<String>> {
        let f = &self.fields;
        let parser = QueryParser::for_index(&self.index, vec![f.title, f.body]);
        let q = parser.parse_query_lenient(query).0;
        let searcher = self.reader.searcher();
        let top = searcher.search(&q, &TopDocs::with_limit(k.max(1)).order_by_score())?;
        let conn = self.read();
        let mut st = conn.prepare_cached("SELECT id FROM documents WHERE seq = ?1")?;
        let mut out = Vec::new();
        for seq in seqs_of(&searcher, top.into_iter().map(|(_, addr)| addr))?
            .into_iter()
            .flatten()
        {
            if let Some(id) = st.query_row([seq as i64], |r| r.get(0)).optional()? {
                out.push(id);
            }
        }
        Ok(out)
    }
}

/// Writes the snippet word tables of texts stored before schema v5, in one transaction. A store
/// left half-filled by a crash still answers right: a search rebuilds a missing table.
fn fill_word_tables(conn: &mut Connection) -> Result<()> {
    let tx = conn.transaction()?;
    {
        // the keys first: rows are not updated under an open scan of their own table
        let seqs = tx
            .prepare("SELECT seq FROM doc_texts WHERE words IS NULL")?
            .query_map([], |r| r.get::<_, i64>(0))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let mut read = tx.prepare("SELECT text FROM doc_texts WHERE seq = ?1")?;
        let mut write = tx.prepare("UPDATE doc_texts SET words = ?2 WHERE seq = ?1")?;
        let mut buf = String::new();
        for seq in seqs {
            let table =
                read.query_row([seq], |r| Ok(word_table(r.get_ref(0)?.as_str()?, &mut buf)))?;
            write.execute(params![seq, table])?;
        }
    }
    tx.commit()?;
    Ok(())
}

/// A stored analysis with its text put back (the text lives in `doc_texts`, see schema v4).
fn with_text(analysis: &str, text: String) -> Result<serde_json::Value> {
    let mut v: serde_json::Value = serde_json::from_str(analysis)?;
    if let Some(o) = v.as_object_mut() {
        o.insert("text".into(), text.into());
    }
    Ok(v)
}

/// The analysis JSON stored for `doc`: everything but the text, which is stored apart.
fn analysis_without_text(doc: &Document) -> Result<String> {
    let mut v = serde_json::to_value(doc)?;
    if let Some(o) = v.as_object_mut() {
        o.remove("text");
    }
    Ok(serde_json::to_string(&v)?)
}

/// Longest snippet fragment, in bytes (tantivy's "max_num_chars" counts bytes).
const SNIPPET_BYTES: usize = 240;

/// How a search makes its snippets: the fused light-stemming pass, tantivy's generator for the
/// other analyzers, or none for a query without words.
enum Snippets {
    Light(LightSnippets),
    Tantivy(SnippetGenerator),
    None,
}

/// The store keys of hits, read from the `seq` fast field (no stored-document decompression);
/// each segment's column is opened once, not once per hit.
fn seqs_of(
    searcher: &tantivy::Searcher,
    addrs: impl IntoIterator<Item = tantivy::DocAddress>,
) -> Result<Vec<Option<u64>>> {
    let mut columns: Vec<Option<tantivy::columnar::Column<u64>>> =
        vec![None; searcher.segment_readers().len()];
    let mut out = Vec::new();
    for addr in addrs {
        let slot = &mut columns[addr.segment_ord as usize];
        if slot.is_none() {
            *slot = Some(
                searcher
                    .segment_reader(addr.segment_ord)
                    .fast_fields()
                    .u64("seq")?,
            );
        }
        out.push(slot.as_ref().and_then(|c| c.first(addr.doc_id)));
    }
    Ok(out)
}

/// Test hook for the crash test: `MIRSAD_CRASH_AT=<point>` aborts the process there.
fn crash_point(name: &str) {
    if std::env::var("MIRSAD_CRASH_AT").is_ok_and(|v| v == name) {
        std::process::abort();
    }
}

enum Inserted {
    Duplicate,
    New { seq: i64, near_dup: bool },
}

fn month(date: &str) -> Option<String> {
    date.get(..7).map(str::to_string)
}

fn event_date(e: &mirsad_core::Event, doc: &Document) -> Option<String> {
    e.date
        .as_deref()
        .and_then(|d| day_number(d).map(|_| d[..10].to_string()))
        .or_else(|| doc.published_date().map(str::to_string))
}

fn insert_doc(
    tx: &Transaction,
    doc: &Document,
    batch_id: i64,
    stemming: Stemming,
) -> Result<Inserted> {
    let hash = dedup::content_hash(doc.title.as_deref(), &doc.text);
    let exists: Option<String> = tx
        .prepare_cached(
            "SELECT id FROM documents WHERE id = ?1 OR content_hash = ?2 ORDER BY id <> ?1 LIMIT 1",
        )?
        .query_row(params![doc.id, hash], |r| r.get(0))
        .optional()?;
    if let Some(original) = exists {
        if original != doc.id {
            // same content under another id: remember the id, store nothing
            tx.prepare_cached("INSERT OR IGNORE INTO doc_aliases (alias, doc_id) VALUES (?1, ?2)")?
                .execute(params![doc.id, original])?;
        }
        return Ok(Inserted::Duplicate);
    }
    let sig = dedup::minhash(&doc.text);
    let mut near_dup_of: Option<String> = None;
    if let Some(sig) = &sig {
        let mut st = tx.prepare_cached(
            "SELECT d.id, d.minhash, d.near_dup_of FROM dup_bands b JOIN documents d ON d.seq = b.doc_seq
             WHERE b.band = ?1 AND b.value = ?2 ORDER BY d.seq",
        )?;
        let mut best = 0.0;
        for (band, value) in dedup::bands(sig) {
            let rows = st.query_map(params![band, value], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, Vec<u8>>(1)?,
                    r.get::<_, Option<String>>(2)?,
                ))
            })?;
            for row in rows {
                let (id, blob, orig) = row?;
                let sim = dedup::similarity(&dedup::from_blob(&blob), sig);
                if sim >= dedup::MIN_JACCARD && sim > best {
                    best = sim;
                    // link to the original, never to another copy
                    near_dup_of = Some(orig.unwrap_or(id));
                }
            }
        }
    }
    let json = analysis_without_text(doc)?;
    tx.prepare_cached(
        "INSERT INTO documents (id, title, url, source, published, pub_date, content_hash, minhash,
                                near_dup_of, batch_id, analysis)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
    )?
    .execute(params![
        doc.id,
        doc.title,
        doc.url,
        doc.source,
        doc.published,
        doc.published_date(),
        hash,
        sig.as_deref().map(dedup::to_blob),
        near_dup_of,
        batch_id,
        json
    ])?;
    let seq = tx.last_insert_rowid();
    let words = (stemming == Stemming::Light).then(|| word_table(&doc.text, &mut String::new()));
    tx.prepare_cached("INSERT INTO doc_texts (seq, text, words) VALUES (?1, ?2, ?3)")?
        .execute(params![seq, doc.text, words])?;
    if let Some(sig) = &sig {
        let mut st = tx.prepare_cached(
            "INSERT OR IGNORE INTO dup_bands (band, value, doc_seq) VALUES (?1, ?2, ?3)",
        )?;
        for (band, value) in dedup::bands(sig) {
            st.execute(params![band, value, seq])?;
        }
    }
    // actors: the document's linked actors, then any only referenced from events
    {
        let mut up = tx.prepare_cached(
            "INSERT INTO actors (id, name, name_ar, kind, country, sector, role, wikidata)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
             ON CONFLICT(id) DO UPDATE SET
               name_ar = coalesce(excluded.name_ar, name_ar), kind = coalesce(excluded.kind, kind),
               country = coalesce(excluded.country, country), sector = coalesce(excluded.sector, sector),
               role = coalesce(excluded.role, role), wikidata = coalesce(excluded.wikidata, wikidata)",
        )?;
        let mut mention = tx.prepare_cached(
            "INSERT INTO doc_actors (doc_seq, actor_id, mentions) VALUES (?1, ?2, ?3)
             ON CONFLICT(doc_seq, actor_id) DO UPDATE SET mentions = mentions + excluded.mentions",
        )?;
        for a in &doc.actors {
            let kind = serde_json::to_value(a.kind)?;
            up.execute(params![
                a.id,
                a.name,
                a.name_ar,
                kind.as_str(),
                a.country,
                a.sector,
                a.role,
                a.wikidata
            ])?;
            mention.execute(params![seq, a.id, a.mentions.unwrap_or(1) as i64])?;
        }
        let mut ins = tx.prepare_cached(
            "INSERT INTO actors (id, name, kind, country) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT(id) DO UPDATE SET country = coalesce(country, excluded.country)",
        )?;
        for e in &doc.events {
            for a in e.actor.iter().chain(&e.recipient) {
                ins.execute(params![a.id, a.name, a.kind, a.country])?;
            }
        }
    }
    let counted = near_dup_of.is_none();
    let mut ev = tx.prepare_cached(
        "INSERT INTO events (id, doc_seq, type, cameo, mode, quad, factuality, date, month, date_source,
            location, location_country, lat, lon, trigger_start, trigger_end, trigger_text,
            evidence_start, evidence_end, evidence_text, confidence, historical, cluster, counted)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18,
                 ?19, ?20, ?21, ?22, ?23, ?24)",
    )?;
    let mut ea = tx.prepare_cached(
        "INSERT OR IGNORE INTO event_actors (event_seq, role, actor_id, name, country, pos)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    let mut cl = tx.prepare_cached(
        "INSERT INTO event_clusters (id, type, first_date, last_date, mentions, docs)
         VALUES (?1, ?2, ?3, ?3, 1, 1)
         ON CONFLICT(id) DO UPDATE SET
           mentions = mentions + 1,
           docs = (SELECT count(DISTINCT doc_seq) FROM events WHERE cluster = ?1 AND counted = 1),
           first_date = CASE WHEN first_date IS NULL OR ?3 < first_date THEN coalesce(?3, first_date) ELSE first_date END,
           last_date = CASE WHEN last_date IS NULL OR ?3 > last_date THEN coalesce(?3, last_date) ELSE last_date END",
    )?;
    for (i, e) in doc.events.iter().enumerate() {
        let date = event_date(e, doc);
        let quad = e.quad.unwrap_or_else(|| e.event_type.quad());
        let s = |v: serde_json::Value| v.as_str().map(str::to_string);
        let trig_text = e
            .trigger
            .text
            .clone()
            .unwrap_or_else(|| doc.slice_chars(e.trigger.start, e.trigger.end));
        let evid_text = e
            .evidence
            .text
            .clone()
            .unwrap_or_else(|| doc.slice_chars(e.evidence.start, e.evidence.end));
        ev.execute(params![
            format!("{}#{}", doc.id, i),
            seq,
            e.event_type.as_str(),
            e.cameo,
            e.mode,
            s(serde_json::to_value(quad)?),
            s(serde_json::to_value(e.factuality)?),
            date,
            date.as_deref().and_then(month),
            e.date_source
                .and_then(|d| serde_json::to_value(d).ok())
                .and_then(s),
            e.location.as_ref().map(|l| l.name.clone()),
            e.location.as_ref().and_then(|l| l.country.clone()),
            e.location.as_ref().and_then(|l| l.lat),
            e.location.as_ref().and_then(|l| l.lon),
            e.trigger.start as i64,
            e.trigger.end as i64,
            trig_text,
            e.evidence.start as i64,
            e.evidence.end as i64,
            evid_text,
            e.confidence as f64,
            e.historical,
            e.cluster,
            counted,
        ])?;
        let eseq = tx.last_insert_rowid();
        for (role, list) in [("actor", &e.actor), ("recipient", &e.recipient)] {
            for (pos, a) in list.iter().enumerate() {
                ea.execute(params![eseq, role, a.id, a.name, a.country, pos as i64])?;
            }
        }
        if let (Some(c), true) = (&e.cluster, counted) {
            cl.execute(params![c, e.event_type.as_str(), date])?;
        }
    }
    Ok(Inserted::New {
        seq,
        near_dup: near_dup_of.is_some(),
    })
}
