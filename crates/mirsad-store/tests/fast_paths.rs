//! The fast query paths against slow, obviously correct references on a real on-disk store:
//! facet counts against counts recomputed from every hit's stored document, and event
//! listings from the in-memory event index against the same listing in SQL.

use mirsad_store::bench::events_mix;
use mirsad_store::fixtures::{sample_docs, synthetic_docs};
use mirsad_store::{EventFilter, FacetCount, Page, SearchFilters, Store, StoreOptions};
use std::collections::{BTreeMap, BTreeSet};

fn small_batches(dir: &std::path::Path) -> Store {
    // small batches: one tantivy segment per batch, so counts must add up across segments
    Store::open_with(
        dir,
        StoreOptions {
            batch_size: 40,
            ..Default::default()
        },
    )
    .unwrap()
}

fn top(counts: BTreeMap<String, u64>, limit: usize) -> Vec<(String, u64)> {
    let mut v: Vec<(String, u64)> = counts.into_iter().collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    v.truncate(limit);
    v
}

fn pairs(v: &[FacetCount]) -> Vec<(String, u64)> {
    v.iter().map(|f| (f.key.clone(), f.count)).collect()
}

/// Every hit of the query, page by page, and its facets counted from the stored document.
fn check_facets(s: &Store, query: &str, f: &SearchFilters) {
    let r = s.search(query, f, 1, 20).unwrap();
    let mut ids = Vec::new();
    for page in 1..=r.total.div_ceil(100) {
        ids.extend(
            s.search(query, f, page, 100)
                .unwrap()
                .hits
                .into_iter()
                .map(|h| h.id),
        );
    }
    assert_eq!(
        ids.len(),
        r.total,
        "{query:?}: pages do not add up to total"
    );
    let mut actors = BTreeMap::new();
    let mut types = BTreeMap::new();
    let mut sources = BTreeMap::new();
    let mut months = BTreeMap::new();
    for id in &ids {
        let d = s.document(id).unwrap();
        if let Some(src) = &d.source {
            *sources.entry(src.clone()).or_insert(0) += 1;
        }
        if let Some(day) = d.published_date() {
            *months.entry(day[..7].to_string()).or_insert(0) += 1;
        }
        let mut a: BTreeSet<String> = d.actors.iter().map(|a| a.id.clone()).collect();
        let mut t = BTreeSet::new();
        for e in &d.events {
            t.insert(e.event_type.as_str().to_string());
            a.extend(e.actor.iter().chain(&e.recipient).map(|x| x.id.clone()));
        }
        for x in a {
            *actors.entry(x).or_insert(0) += 1;
        }
        for x in t {
            *types.entry(x).or_insert(0) += 1;
        }
    }
    assert_eq!(
        pairs(&r.facets.actors),
        top(actors, 20),
        "actors for {query:?} {f:?}"
    );
    assert_eq!(
        pairs(&r.facets.types),
        top(types, 16),
        "types for {query:?} {f:?}"
    );
    assert_eq!(
        pairs(&r.facets.sources),
        top(sources, 50),
        "sources for {query:?} {f:?}"
    );
    let mut m = top(months, 240);
    m.sort();
    assert_eq!(pairs(&r.facets.months), m, "months for {query:?} {f:?}");
}

#[test]
fn facet_counts_are_exact_across_segments_and_ingests() {
    let dir = tempfile::tempdir().unwrap();
    let s = small_batches(dir.path());
    s.ingest(sample_docs()).unwrap();
    s.ingest(synthetic_docs(160, 3)).unwrap();
    let saudi = SearchFilters {
        actor: Some("SAU".into()),
        ..Default::default()
    };
    let spring = SearchFilters {
        event_type: Some("CONSULT".into()),
        from: Some("2015-03-01".into()),
        to: Some("2015-05-31".into()),
        ..Default::default()
    };
    let okaz = SearchFilters {
        source: Some("okaz".into()),
        ..Default::default()
    };
    let cases = [
        ("", SearchFilters::default()),
        ("الحكومة", SearchFilters::default()),
        ("النفط الأسعار", saudi),
        ("", spring),
        ("المساعدات", okaz),
        ("كلمةغيرموجودة", SearchFilters::default()),
    ];
    for (q, f) in &cases {
        check_facets(&s, q, f);
    }
    let before = s.search("", &SearchFilters::default(), 1, 1).unwrap().total;
    // new segments (and merges of old ones) after the first searches built their key maps
    s.ingest(synthetic_docs(120, 4)).unwrap();
    assert_eq!(
        s.search("", &SearchFilters::default(), 1, 1).unwrap().total,
        before + 120
    );
    for (q, f) in &cases {
        check_facets(&s, q, f);
    }
}

fn ids(p: &mirsad_store::EventPage) -> Vec<String> {
    p.items.iter().map(|e| e.id.clone()).collect()
}

#[test]
fn event_index_lists_exactly_what_sql_lists() {
    let dir = tempfile::tempdir().unwrap();
    let s = small_batches(dir.path());
    s.ingest(sample_docs()).unwrap();
    s.ingest(synthetic_docs(150, 5)).unwrap();
    let mut cases = events_mix(&s, 200, 11).unwrap();
    let f = |edit: fn(&mut EventFilter)| {
        let mut f = EventFilter::default();
        edit(&mut f);
        f
    };
    for extra in [
        f(|_| {}),
        f(|f| f.participant = Some("SAU".into())),
        f(|f| f.country = Some("YEM".into())),
        f(|f| f.from = Some("2015".into())),
        f(|f| f.to = Some("2015-07".into())),
        f(|f| f.to = Some("2015-03-15".into())),
        f(|f| f.facts_only = true),
        f(|f| f.actor = Some("NOPE".into())),
        f(|f| f.factuality = Some("negated, reported".into())),
        f(|f| f.factuality = Some(",".into())),
        f(|f| f.quad = Some("MATERIAL_CONFLICT".into())),
        f(|f| f.source = Some("spa".into())),
    ] {
        cases.push((extra.clone(), Page::default()));
        cases.push((
            extra,
            Page {
                page: 2,
                per_page: 7,
            },
        ));
    }
    let mut nonempty = 0;
    for (f, p) in &cases {
        let fast = s.events(f, *p).unwrap();
        let sql = s.events_reference(f, *p).unwrap();
        assert_eq!(fast.total, sql.total, "{f:?}");
        assert_eq!(ids(&fast), ids(&sql), "{f:?} {p:?}");
        assert_eq!(fast.items, sql.items, "{f:?}");
        nonempty += usize::from(!fast.items.is_empty());
    }
    assert!(nonempty > cases.len() / 3, "the mix matches too little");
    // a later ingest is visible at once (the index follows the store's batch id)
    let all = EventFilter::default();
    let before = s.events(&all, Page::default()).unwrap().total;
    s.ingest(synthetic_docs(10, 6)).unwrap();
    assert_eq!(s.events(&all, Page::default()).unwrap().total, before + 20);
    assert_eq!(
        s.events(&all, Page::default()).unwrap().total,
        s.stats().unwrap().events
    );
    // invalid filters stay errors
    assert!(s
        .events(&f(|f| f.quad = Some("nope".into())), Page::default())
        .is_err());
    assert!(s
        .events(&f(|f| f.from = Some("July".into())), Page::default())
        .is_err());
}
