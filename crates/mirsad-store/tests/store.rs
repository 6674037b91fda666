//! Store against a real on-disk SQLite + tantivy in a tempdir.

use mirsad_store::fixtures::sample_docs;
use mirsad_store::{EventFilter, Page, SearchFilters, Store};

fn store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let s = Store::open(dir.path().join("data")).unwrap();
    (dir, s)
}

#[test]
fn ingest_is_idempotent_and_links_near_duplicates() {
    let (_d, s) = store();
    let r = s.ingest(sample_docs()).unwrap();
    assert_eq!(r.added, 5, "{r:?}");
    assert_eq!(r.duplicates, 1, "d4 is an exact duplicate of d2");
    assert_eq!(r.near_duplicates, 1, "d3 is a near-duplicate of d1");
    let again = s.ingest(sample_docs()).unwrap();
    assert_eq!(again.added, 0);
    assert_eq!(again.duplicates, 6);
    assert_eq!(s.counts().unwrap(), (5, 5));
    // d4 was an exact duplicate of d2: its id resolves to d2
    assert_eq!(s.document_json("d4").unwrap()["id"], "d2");
    let d3 = s.document_json("d3").unwrap();
    assert_eq!(d3["near_dup_of"], "d1");
    assert_eq!(d3["events"].as_array().unwrap().len(), 1);
    let stats = s.stats().unwrap();
    assert_eq!(stats.documents, 5);
    assert_eq!(stats.events, 6);
    // d1 aid + d2 accuse + d2 threaten (reported) + d6 agree; d3 (near dup) and the negated
    // mobilisation are not counted
    assert_eq!(stats.counted_events, 4);
    assert_eq!(stats.by_type.get("AID"), Some(&1));
    assert_eq!(stats.clusters, 2);
}

#[test]
fn search_ranks_filters_highlights_and_facets() {
    let (_d, s) = store();
    s.ingest(sample_docs()).unwrap();
    // inflected query form: "المساعدات" matches "مساعدات" through the light stemmer
    let r = s
        .search("المساعدات الإنسانية", &SearchFilters::default(), 1, 10)
        .unwrap();
    assert!(r.total >= 2, "{r:?}");
    assert!(["d1", "d3"].contains(&r.hits[0].id.as_str()));
    assert!(
        r.hits[0].snippet.contains("<mark>"),
        "{}",
        r.hits[0].snippet
    );
    assert!(r
        .facets
        .actors
        .iter()
        .any(|a| a.key == "SAU" && a.label.as_deref() == Some("Saudi Arabia")));
    assert!(r.facets.sources.iter().any(|f| f.key == "spa"));
    assert_eq!(
        r.facets.months.first().map(|m| m.key.as_str()),
        Some("2015-07")
    );
    // filters
    let f = SearchFilters {
        source: Some("okaz".into()),
        ..Default::default()
    };
    let r = s.search("المساعدات", &f, 1, 10).unwrap();
    assert_eq!(
        r.hits.iter().map(|h| h.id.as_str()).collect::<Vec<_>>(),
        vec!["d3"]
    );
    let f = SearchFilters {
        from: Some("2015-08-01".into()),
        ..Default::default()
    };
    let r = s.search("", &f, 1, 10).unwrap();
    assert_eq!(r.total, 2);
    let f = SearchFilters {
        actor: Some("IRN".into()),
        event_type: Some("accuse".into()),
        ..Default::default()
    };
    let r = s.search("", &f, 1, 10).unwrap();
    assert_eq!(
        r.hits.iter().map(|h| h.id.as_str()).collect::<Vec<_>>(),
        vec!["d2"]
    );
    // facets cover the whole result set, not the page
    let r = s.search("", &SearchFilters::default(), 1, 1).unwrap();
    assert_eq!(r.hits.len(), 1);
    assert_eq!(r.total, 5);
    assert_eq!(r.facets.sources.iter().map(|f| f.count).sum::<u64>(), 5);
    // exact field: a vowelled query still matches; bad syntax is not an error
    assert!(
        s.search("الهلالُ", &SearchFilters::default(), 1, 10)
            .unwrap()
            .total
            >= 1
    );
    assert!(s
        .search("\"unclosed :(", &SearchFilters::default(), 1, 10)
        .is_ok());
    assert!(s
        .search(
            "x",
            &SearchFilters {
                event_type: Some("nope".into()),
                ..Default::default()
            },
            1,
            10
        )
        .is_err());
}

#[test]
fn events_actors_graph_timeline() {
    let (_d, s) = store();
    s.ingest(sample_docs()).unwrap();
    let all = s.events(&EventFilter::default(), Page::default()).unwrap();
    assert_eq!(all.total, 6);
    let f = EventFilter {
        actor: Some("IRN".into()),
        ..Default::default()
    };
    let e = s.events(&f, Page::default()).unwrap();
    assert_eq!(e.total, 2);
    let f = EventFilter {
        factuality: Some("negated".into()),
        ..Default::default()
    };
    assert_eq!(s.events(&f, Page::default()).unwrap().total, 1);
    let f = EventFilter {
        quad: Some("material_cooperation".into()),
        country: Some("YEM".into()),
        ..Default::default()
    };
    let e = s.events(&f, Page::default()).unwrap();
    assert_eq!(e.total, 2, "aid from d1 and its near-dup copy");
    let aid = e.items.iter().find(|x| x.doc_id == "d1").unwrap();
    assert_eq!(aid.mentions, 1);
    assert_eq!(aid.recipients[0].id, "YEM");
    assert_eq!(aid.trigger.text.as_deref(), Some("تقديم مساعدات"));
    let f = EventFilter {
        from: Some("2015-08".into()),
        to: Some("2015-08".into()),
        ..Default::default()
    };
    assert_eq!(s.events(&f, Page::default()).unwrap().total, 1);
    assert!(s
        .events(
            &EventFilter {
                quad: Some("bogus".into()),
                ..Default::default()
            },
            Page::default()
        )
        .is_err());

    let p = s.actor("SAU").unwrap();
    assert_eq!(p.as_actor, 2);
    assert_eq!(p.role.as_deref(), Some("government"));
    assert_eq!(p.events_per_month.get("2015-07"), Some(&1));
    assert_eq!(p.top_partners[0].id, "YEM");
    assert_eq!(p.top_partners[0].cooperation, 2);
    assert!(matches!(
        s.actor("nobody"),
        Err(mirsad_store::StoreError::NotFound(_))
    ));

    let g = s.graph(&EventFilter::default(), 100).unwrap();
    let sy = g
        .edges
        .iter()
        .find(|e| e.source == "SAU" && e.target == "YEM")
        .unwrap();
    assert_eq!((sy.events, sy.cooperation, sy.conflict), (2, 2, 0));
    // the negated mobilisation has no recipient and the threat is reported: IRN->YEM counts
    let iy = g
        .edges
        .iter()
        .find(|e| e.source == "IRN" && e.target == "YEM")
        .unwrap();
    assert_eq!(iy.conflict, 1);
    let t = s.timeline(&EventFilter::default(), true).unwrap();
    assert_eq!(t.iter().map(|b| b.events).sum::<u64>(), 4);
}

#[test]
fn reopen_keeps_everything() {
    let dir = tempfile::tempdir().unwrap();
    {
        let s = Store::open(dir.path()).unwrap();
        s.ingest(sample_docs()).unwrap();
    }
    let s = Store::open(dir.path()).unwrap();
    assert_eq!(s.counts().unwrap(), (5, 5));
    assert_eq!(
        s.search("الهلال", &SearchFilters::default(), 1, 10)
            .unwrap()
            .hits[0]
            .id,
        "d5"
    );
}

/// A bulk ingest in many batches leaves many segments; merging them gives the same totals,
/// ranking set, snippets and facets from one segment, and keeps the commit's batch id (a
/// reopened store has nothing to repair).
#[test]
fn merging_segments_keeps_results_and_the_commit() {
    use mirsad_store::fixtures::synthetic_docs;
    use mirsad_store::StoreOptions;
    let dir = tempfile::tempdir().unwrap();
    let opts = StoreOptions {
        // 30 commits: the merge policy is merging some of them in the background when the
        // explicit merge starts
        batch_size: 2,
        ..Default::default()
    };
    let s = Store::open_with(dir.path(), opts.clone()).unwrap();
    s.ingest(synthetic_docs(60, 5)).unwrap();
    let segments = s.index_segments();
    assert!(segments > 1, "{segments} segment(s) after 30 batches");
    let filters = [
        SearchFilters::default(),
        SearchFilters {
            event_type: Some("ASSAULT".into()),
            ..Default::default()
        },
    ];
    let snapshot = |s: &Store| {
        let mut out = Vec::new();
        for q in ["الحكومة", "وزير الخارجية", "المستشفى", ""] {
            for f in &filters {
                let r = s.search(q, f, 1, 100).unwrap();
                let mut hits: Vec<(String, String)> =
                    r.hits.into_iter().map(|h| (h.id, h.snippet)).collect();
                hits.sort();
                out.push((r.total, hits, serde_json::to_string(&r.facets).unwrap()));
            }
        }
        out
    };
    let before = snapshot(&s);
    assert!(before.iter().any(|(total, _, _)| *total > 10), "{before:?}");
    // background merges may have finished some of the work first
    let merged = s.merge_segments().unwrap();
    assert!(merged <= segments, "{merged} of {segments}");
    assert_eq!(s.index_segments(), 1);
    assert_eq!(snapshot(&s), before);
    assert_eq!(s.merge_segments().unwrap(), 0, "nothing left to merge");
    drop(s);
    let s = Store::open_with(dir.path(), opts).unwrap();
    assert_eq!(
        s.repair().unwrap(),
        0,
        "the merge lost the commit's batch id"
    );
    assert_eq!(s.counts().unwrap(), (60, 60));
    assert_eq!(snapshot(&s), before);
}
