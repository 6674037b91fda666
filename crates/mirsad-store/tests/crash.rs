//! Crash safety: a child process ingesting a large batch is killed; the store must reopen
//! consistent (no partial document, index == SQLite) and a re-run must complete the ingest.
//!
//! The child is this test executable re-invoked on the `child_ingest` test with an env var.

use mirsad_store::fixtures::synthetic_docs;
use mirsad_store::{Store, StoreOptions};
use rusqlite::Connection;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const N: usize = 1200;
const ENV_DIR: &str = "MIRSAD_CRASH_CHILD_DIR";

fn opts() -> StoreOptions {
    StoreOptions {
        batch_size: 40,
        ..Default::default()
    }
}

/// The child: does nothing unless re-invoked by a parent test.
#[test]
fn child_ingest() {
    let Ok(dir) = std::env::var(ENV_DIR) else {
        return;
    };
    let s = Store::open_with(&dir, opts()).unwrap();
    s.ingest(synthetic_docs(N, 7)).unwrap();
}

fn spawn_child(dir: &Path, crash_at: Option<&str>) -> std::process::Child {
    let mut c = Command::new(std::env::current_exe().unwrap());
    c.args(["child_ingest", "--exact", "--test-threads=1"])
        .env(ENV_DIR, dir)
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    if let Some(p) = crash_at {
        c.env("MIRSAD_CRASH_AT", p);
    }
    c.spawn().unwrap()
}

fn committed_batches(dir: &Path) -> i64 {
    let Ok(c) = Connection::open(dir.join("store.db")) else {
        return 0;
    };
    c.query_row("SELECT count(*) FROM batches", [], |r| r.get(0))
        .unwrap_or(0)
}

/// Every stored document has all its events, and the index holds exactly the stored docs.
fn assert_consistent(dir: &Path) -> u64 {
    let s = Store::open_with(dir, opts()).unwrap();
    let (db, idx) = s.counts().unwrap();
    assert_eq!(db, idx, "index and SQLite disagree after repair");
    let c = Connection::open(dir.join("store.db")).unwrap();
    let partial: i64 = c
        .query_row(
            "SELECT count(*) FROM documents d WHERE json_array_length(d.analysis, '$.events')
               <> (SELECT count(*) FROM events e WHERE e.doc_seq = d.seq)",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(partial, 0, "documents with missing events");
    let orphan: i64 = c
        .query_row(
            "SELECT count(*) FROM events e WHERE NOT EXISTS (SELECT 1 FROM documents d WHERE d.seq = e.doc_seq)",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(orphan, 0);
    db
}

#[test]
fn sigkill_mid_ingest_then_reopen_and_rerun() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("data");
    let mut child = spawn_child(&dir, None);
    let start = Instant::now();
    while committed_batches(&dir) < 3 {
        assert!(
            start.elapsed() < Duration::from_secs(240),
            "child made no progress"
        );
        if let Some(st) = child.try_wait().unwrap() {
            panic!("child exited early: {st}");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.kill().unwrap(); // SIGKILL on Unix
    child.wait().unwrap();
    let stored = assert_consistent(&dir);
    assert!(
        stored > 0 && (stored as usize) < N,
        "killed mid-way: {stored}"
    );
    // the re-run completes it, skipping what is already there
    let s = Store::open_with(&dir, opts()).unwrap();
    let r = s.ingest(synthetic_docs(N, 7)).unwrap();
    assert_eq!(r.added + stored as usize, N);
    assert_eq!(r.duplicates, stored as usize);
    drop(s);
    assert_eq!(assert_consistent(&dir), N as u64);
}

#[test]
fn crash_between_sqlite_and_index_commit_is_repaired() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("data");
    let mut child = spawn_child(&dir, Some("after_sqlite_commit"));
    let st = child.wait().unwrap();
    assert!(!st.success(), "child should have aborted");
    // SQLite has the first batch, the index has nothing: open must re-index it
    let c = Connection::open(dir.join("store.db")).unwrap();
    let n: i64 = c
        .query_row("SELECT count(*) FROM documents", [], |r| r.get(0))
        .unwrap();
    assert_eq!(n, 40);
    assert_eq!(assert_consistent(&dir), 40);
}
