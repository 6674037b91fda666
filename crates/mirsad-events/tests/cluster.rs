//! Cross-article clustering.

mod common;
use common::doc;
use mirsad_core::{EntityLabel::*, Stage};
use mirsad_events::{cluster_events, EventClusterer, EventStage};

fn article(id: &str, published: &str, text: &str) -> mirsad_core::Document {
    let mut d = doc(
        text,
        &[("القوات التركية", "TUR-MIL", ORG), ("كردية", "KURD", ORG)],
    );
    d.id = id.into();
    d.published = Some(published.into());
    EventStage::new().process(&mut d).unwrap();
    d
}

#[test]
fn same_event_across_articles_within_a_day() {
    let t = "هاجمت القوات التركية مواقع كردية.";
    let mut docs = vec![
        article("a", "2015-10-05", t),
        article("b", "2015-10-06", t),
        article("c", "2015-10-09", t),
    ];
    let report = cluster_events(&mut docs);
    let ca = docs[0].events[0].cluster.clone().unwrap();
    assert_eq!(docs[1].events[0].cluster.as_ref(), Some(&ca));
    assert_ne!(docs[2].events[0].cluster.as_ref(), Some(&ca));
    assert_eq!(report.len(), 2);
    assert_eq!(report[0].mentions, 2);
    assert_eq!(report[0].documents, vec!["a", "b"]);
    // deterministic ids
    let mut again = vec![article("a", "2015-10-05", t)];
    cluster_events(&mut again);
    assert_eq!(again[0].events[0].cluster.as_ref(), Some(&ca));
}

#[test]
fn anonymous_events_are_not_clustered() {
    // (dated: a bare four-word clause is below the floor since the ASSAULT confirmation model)
    let mut d = doc("قصفت الطائرات المدينة أمس.", &[]);
    EventStage::new().process(&mut d).unwrap();
    let mut c = EventClusterer::new();
    c.add_document(&mut d);
    assert!(d.events[0].cluster.is_none());
    assert!(c.is_empty());
}

#[test]
fn day_numbers() {
    use mirsad_events::cluster::day_number;
    assert_eq!(day_number("1970-01-01"), Some(0));
    assert_eq!(
        day_number("2016-03-01").unwrap() - day_number("2016-02-28").unwrap(),
        2
    );
    assert_eq!(day_number("2016-04"), None);
}
