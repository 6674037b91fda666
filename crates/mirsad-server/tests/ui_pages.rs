//! The UI pages over HTTP on a real loopback port, without a browser: status codes, HTML error
//! pages, escaping of stored text, CSV. (The browser test is `mirsad-cli/tests/ui.rs`.)

use mirsad_server::client::{encode, get, HttpResponse};
use mirsad_server::{spawn_on_loopback, ServeConfig, Spawned};
use mirsad_store::fixtures::sample_docs;
use mirsad_store::Store;
use std::sync::Arc;

struct Server {
    running: Spawned,
    _dir: tempfile::TempDir,
}

impl Server {
    fn get(&self, path: &str) -> (HttpResponse, String) {
        let r = get(self.running.addr, path).unwrap();
        let body = String::from_utf8(r.body.clone()).unwrap();
        (r, body)
    }
}

const HOSTILE: &str = "<script>alert('x')</script> عنوان";

fn start() -> Server {
    let dir = tempfile::tempdir().unwrap();
    let store = Arc::new(Store::open(dir.path()).unwrap());
    let mut docs = sample_docs();
    let mut hostile = docs[0].clone();
    hostile.id = "hostile\"<id>".into();
    hostile.title = Some(HOSTILE.into());
    hostile.text = format!("{HOSTILE} {}", hostile.text);
    docs.push(hostile);
    store.ingest(docs).unwrap();
    let config = ServeConfig {
        rate_limit: None,
        ..Default::default()
    };
    Server {
        running: spawn_on_loopback(store, config).unwrap(),
        _dir: dir,
    }
}

#[test]
fn every_page_is_rtl_html() {
    let s = start();
    for path in [
        "/",
        "/?q=%D8%A7%D9%84%D9%8A%D9%85%D9%86&type=&actor=",
        "/documents/d2",
        "/documents/d2?ev=0",
        "/events",
        "/events?type=ACCUSE&from=&to=",
        "/actors/SAU",
        "/network?from=2015-07-01&to=2015-12-31",
        "/timeline?interval=day",
    ] {
        let (r, body) = s.get(path);
        assert_eq!(r.status, 200, "{path}: {body}");
        assert!(r.header("content-type").unwrap().starts_with("text/html"));
        assert!(body.contains(r#"<html lang="ar" dir="rtl">"#), "{path}");
    }
    let (r, _) = s.get("/static/app.js");
    assert!(r
        .header("content-type")
        .unwrap()
        .starts_with("text/javascript"));
    let (r, _) = s.get("/static/style.css");
    assert!(r.header("content-type").unwrap().starts_with("text/css"));
}

#[test]
fn search_pages_link_to_each_other() {
    let s = start();
    let (_, body) = s.get("/?per_page=2");
    assert!(
        body.contains(r#"rel="next" href="/?per_page=2&amp;page=2""#),
        "{body}"
    );
    assert!(!body.contains(r#"rel="prev""#));
    let (_, body) = s.get("/?per_page=2&page=3");
    assert!(body.contains(r#"rel="prev" href="/?per_page=2&amp;page=2""#));
    assert!(!body.contains(r#"rel="next""#));
}

#[test]
fn errors_are_html_pages_except_under_api() {
    let s = start();
    let (r, body) = s.get("/no/such/page");
    assert_eq!(r.status, 404);
    assert!(body.contains("غير موجود"));
    let (r, body) = s.get("/api/no-such-endpoint");
    assert_eq!(r.status, 404);
    assert!(body.starts_with("{\"error\""));
    let (r, body) = s.get("/events?type=NOT_A_TYPE");
    assert_eq!(r.status, 400);
    assert!(body.contains("unknown event type"), "{body}");
    let (r, _) = s.get("/documents/d2?ev=99");
    assert_eq!(r.status, 400);
    let (r, _) = s.get("/actors/nobody");
    assert_eq!(r.status, 404);
    let (r, _) = s.get("/timeline?interval=year");
    assert_eq!(r.status, 400);
}

#[test]
fn stored_text_is_escaped() {
    let s = start();
    for path in [
        format!("/?q={}", encode("عنوان")),
        format!("/documents/{}", encode("hostile\"<id>")),
        "/events".to_string(),
    ] {
        let (r, body) = s.get(&path);
        assert_eq!(r.status, 200, "{path}");
        assert!(
            !body.contains("<script>alert"),
            "{path} lets markup through"
        );
        assert!(body.contains("&lt;script&gt;"), "{path}");
        assert!(!body.contains("hostile\"<id>"), "{path}");
    }
}

#[test]
fn csv_has_the_filtered_events() {
    let s = start();
    let (r, body) = s.get("/events.csv?actor=IRN");
    assert_eq!(r.status, 200);
    assert!(r.header("content-type").unwrap().starts_with("text/csv"));
    assert!(r
        .header("content-disposition")
        .unwrap()
        .contains("attachment"));
    let api = get(s.running.addr, "/api/events?actor=IRN").unwrap().json();
    assert_eq!(
        body.lines().count() as u64 - 1,
        api["total"].as_u64().unwrap()
    );
}
