//! An old-version database migrates in place on open.

use mirsad_store::{schema, SearchFilters, Store};
use rusqlite::Connection;

#[test]
fn v1_database_migrates_to_latest() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    {
        let mut c = Connection::open(dir.join("store.db")).unwrap();
        assert_eq!(schema::migrate(&mut c, Some(1)).unwrap(), 1);
        let analysis = serde_json::json!({
            "id": "old1", "title": "قمة في الرياض", "url": null, "source": "spa",
            "published": "2015-07-21", "language": "ar",
            "text": "عقد القادة قمة في الرياض لبحث التعاون الاقتصادي",
            "actors": [{"id": "SAU", "name": "Saudi Arabia", "kind": "state", "mentions": 3}],
            "events": []
        });
        c.execute_batch(
            "INSERT INTO batches (id, started_at, n_docs) VALUES (1, '2015-07-21', 1);",
        )
        .unwrap();
        c.execute(
            "INSERT INTO documents (seq, id, title, source, published, pub_date, content_hash, batch_id, analysis)
             VALUES (1, 'old1', 'قمة في الرياض', 'spa', '2015-07-21', '2015-07-21', 'h1', 1, ?1)",
            [analysis.to_string()],
        )
        .unwrap();
        c.execute_batch(
            "INSERT INTO events (seq, id, doc_seq, type, quad, factuality, date, month, trigger_start,
                trigger_end, evidence_start, evidence_end, confidence, cluster, counted)
             VALUES (1, 'old1#0', 1, 'CONSULT', 'verbal_cooperation', 'asserted', '2015-07-21',
                '2015-07', 4, 7, 0, 10, 0.8, 'c1', 1);",
        )
        .unwrap();
    }
    let s = Store::open(dir).unwrap();
    let c = Connection::open(dir.join("store.db")).unwrap();
    assert_eq!(schema::version(&c).unwrap(), schema::LATEST);
    let (mentions, docs): (i64, i64) = c
        .query_row(
            "SELECT mentions, docs FROM event_clusters WHERE id = 'c1'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!((mentions, docs), (1, 1));
    let m: i64 = c
        .query_row(
            "SELECT mentions FROM doc_actors WHERE actor_id = 'SAU'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(m, 3);
    // the index did not exist: open rebuilt it from SQLite
    let r = s
        .search("الرياض", &SearchFilters::default(), 1, 10)
        .unwrap();
    assert_eq!(r.hits[0].id, "old1");
    assert!(
        r.hits[0].snippet.contains("<mark>الرياض</mark>"),
        "{:?}",
        r.hits[0]
    );
    // v4 moved the text out of the analysis JSON; the document still comes back whole
    let (in_analysis, text): (Option<String>, String) = c
        .query_row(
            "SELECT json_extract(d.analysis, '$.text'), t.text FROM documents d
             JOIN doc_texts t USING (seq) WHERE d.id = 'old1'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(in_analysis, None);
    assert_eq!(text, "عقد القادة قمة في الرياض لبحث التعاون الاقتصادي");
    assert_eq!(s.document_json("old1").unwrap()["text"], text.as_str());
    assert_eq!(s.document("old1").unwrap().text, text);
    // v5: opening filled in the snippet word table of the text stored before it
    let words: Option<Vec<u8>> = c
        .query_row("SELECT words FROM doc_texts", [], |r| r.get(0))
        .unwrap();
    assert!(
        words.is_some_and(|w| w.len() >= 4 * 5),
        "one entry per kept word"
    );
    // the snippet is the same whether the table is stored, missing or damaged
    for words in ["NULL", "x'ffffff'"] {
        c.execute_batch(&format!("UPDATE doc_texts SET words = {words}"))
            .unwrap();
        let again = s
            .search("الرياض", &SearchFilters::default(), 1, 10)
            .unwrap();
        assert_eq!(again.hits[0].snippet, r.hits[0].snippet, "words = {words}");
    }
    // migrating again is a no-op
    let mut c = c;
    assert_eq!(schema::migrate(&mut c, None).unwrap(), schema::LATEST);
}
