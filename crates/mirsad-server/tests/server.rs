//! The server on a real loopback port, spoken to over plain TCP.

use mirsad_server::client::{encode, get, Connection};
use mirsad_server::{spawn_on_loopback, ServeConfig, Spawned};
use mirsad_store::fixtures::sample_docs;
use mirsad_store::Store;
use std::net::SocketAddr;
use std::sync::Arc;

struct Server {
    addr: SocketAddr,
    _running: Spawned,
    _dir: tempfile::TempDir,
}

fn start(config: ServeConfig) -> Server {
    let dir = tempfile::tempdir().unwrap();
    let store = Arc::new(Store::open(dir.path()).unwrap());
    store.ingest(sample_docs()).unwrap();
    let running = spawn_on_loopback(store, config).unwrap();
    Server {
        addr: running.addr,
        _running: running,
        _dir: dir,
    }
}

fn open() -> ServeConfig {
    ServeConfig {
        rate_limit: None,
        ..Default::default()
    }
}

#[test]
fn read_endpoints() {
    let s = start(open());
    let mut c = Connection::open(s.addr).unwrap();
    let h = c.get("/api/health").unwrap();
    assert_eq!(h.status, 200);
    assert_eq!(h.json()["documents"], 5);
    assert_eq!(h.json()["read_only"], true);

    let r = c
        .get(&format!("/api/search?q={}&per_page=5", encode("المساعدات")))
        .unwrap();
    assert_eq!(r.status, 200, "{}", String::from_utf8_lossy(&r.body));
    let v = r.json();
    assert!(v["total"].as_u64().unwrap() >= 2);
    assert!(v["hits"][0]["snippet"].as_str().unwrap().contains("<mark>"));
    assert!(v["facets"]["actors"]
        .as_array()
        .unwrap()
        .iter()
        .any(|a| a["key"] == "SAU"));

    let d = c.get("/api/documents/d2").unwrap();
    assert_eq!(d.status, 200);
    assert_eq!(d.json()["events"].as_array().unwrap().len(), 3);
    let d = c
        .get(&format!("/api/documents/{}", encode("no such/doc")))
        .unwrap();
    assert_eq!(d.status, 404);
    assert_eq!(d.json()["error"]["code"], "not_found");

    let e = c.get("/api/events?actor=IRN&per_page=1").unwrap();
    assert_eq!(e.status, 200);
    assert_eq!(e.json()["total"], 2);
    assert_eq!(e.json()["items"].as_array().unwrap().len(), 1);
    let e = c
        .get("/api/events?factuality=asserted,reported&quad=material_cooperation")
        .unwrap();
    assert_eq!(e.json()["total"], 2);

    let a = c.get("/api/actors/SAU").unwrap();
    assert_eq!(a.status, 200);
    assert_eq!(a.json()["top_partners"][0]["id"], "YEM");
    assert_eq!(c.get("/api/actors/nobody").unwrap().status, 404);

    let g = c.get("/api/graph?from=2015-07-01&to=2015-12-31").unwrap();
    assert_eq!(g.status, 200);
    let edges = g.json()["edges"].as_array().unwrap().clone();
    let sy = edges
        .iter()
        .find(|e| e["source"] == "SAU" && e["target"] == "YEM")
        .unwrap();
    assert_eq!(sy["cooperation"], 2);
    assert!(edges
        .iter()
        .all(|e| !(e["source"] == "IRN" && e["target"] == "SAU")));

    let t = c.get("/api/timeline?interval=month").unwrap();
    assert_eq!(t.status, 200);
    assert_eq!(t.json()["buckets"].as_array().unwrap().len(), 2);
    let st = c.get("/api/stats").unwrap();
    assert_eq!(st.json()["counted_events"], 4);

    let o = c.get("/api/openapi.json").unwrap();
    assert_eq!(o.status, 200);
    let paths = o.json()["paths"].as_object().unwrap().clone();
    assert!(paths.len() >= 10);
}

#[test]
fn errors_are_json_with_status_codes() {
    let s = start(open());
    let mut c = Connection::open(s.addr).unwrap();
    for (path, status) in [
        ("/api/events?per_page=0", 400),
        ("/api/events?per_page=abc", 400),
        ("/api/events?type=EXPLODE", 400),
        ("/api/events?from=yesterday", 400),
        ("/api/search?page=0", 400),
        ("/api/timeline?interval=week", 400),
        ("/api/nothing", 404),
    ] {
        let r = c.get(path).unwrap();
        assert_eq!(r.status, status, "{path}");
        assert_eq!(r.json()["error"]["status"], status, "{path}");
    }
    let r = c.request("DELETE", "/api/stats", &[], None).unwrap();
    assert_eq!(r.status, 405);
    assert_eq!(r.json()["error"]["code"], "method_not_allowed");
    // read-only by default
    let r = c
        .request(
            "POST",
            "/api/documents",
            &[("Content-Type", "application/json")],
            Some(b"{}"),
        )
        .unwrap();
    assert_eq!(r.status, 403);
}

#[test]
fn post_needs_token_and_respects_body_limit() {
    let s = start(ServeConfig {
        ingest_token: Some("s3cret".into()),
        body_limit: 64 * 1024,
        rate_limit: None,
        ..Default::default()
    });
    let mut c = Connection::open(s.addr).unwrap();
    let mut doc = sample_docs()[4].clone();
    doc.id = "new1".into();
    doc.text = "خبر جديد عن افتتاح مكتبة عامة كبيرة في مدينة جدة".into();
    let body = serde_json::to_vec(&doc).unwrap();
    let r = c
        .request("POST", "/api/documents", &[], Some(&body))
        .unwrap();
    assert_eq!(r.status, 401);
    assert_eq!(r.header("www-authenticate"), Some("Bearer"));
    let r = c
        .request(
            "POST",
            "/api/documents",
            &[("Authorization", "Bearer wrong")],
            Some(&body),
        )
        .unwrap();
    assert_eq!(r.status, 401);
    let auth = [
        ("Authorization", "Bearer s3cret"),
        ("Content-Type", "application/json"),
    ];
    let r = c
        .request("POST", "/api/documents", &auth, Some(&body))
        .unwrap();
    assert_eq!(r.status, 201, "{}", String::from_utf8_lossy(&r.body));
    assert_eq!(r.json()["added"], 1);
    let r = c
        .request("POST", "/api/documents", &auth, Some(&body))
        .unwrap();
    assert_eq!(r.json()["duplicates"], 1);
    let found = c
        .get(&format!("/api/search?q={}", encode("مكتبة")))
        .unwrap();
    assert_eq!(found.json()["hits"][0]["id"], "new1");
    let r = c
        .request("POST", "/api/documents", &auth, Some(b"{not json"))
        .unwrap();
    assert_eq!(r.status, 400);
    let big = vec![b' '; 100 * 1024];
    let mut c2 = Connection::open(s.addr).unwrap();
    let r = c2
        .request("POST", "/api/documents", &auth, Some(&big))
        .unwrap();
    assert_eq!(r.status, 413);
    assert_eq!(r.json()["error"]["code"], "payload_too_large");
}

#[test]
fn rate_limit_answers_429() {
    let s = start(ServeConfig {
        rate_limit: Some((1.0, 5.0)),
        ..Default::default()
    });
    let codes: Vec<u16> = (0..8)
        .map(|_| get(s.addr, "/api/health").unwrap().status)
        .collect();
    assert_eq!(&codes[..5], &[200; 5]);
    assert_eq!(codes[7], 429);
    let r = get(s.addr, "/api/stats").unwrap();
    assert_eq!(r.status, 429);
    assert_eq!(r.json()["error"]["code"], "too_many_requests");
    assert_eq!(r.header("retry-after"), Some("1"));
}

#[test]
fn load_generator_reports_no_errors() {
    let s = start(open());
    // the mixes are drawn from a store holding the same documents as the server's
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    store.ingest(sample_docs()).unwrap();
    for kind in ["search", "events"] {
        let paths = mirsad_server::bench::mix_paths(&store, kind, 60).unwrap();
        assert_eq!(paths.len(), 60);
        let distinct: std::collections::HashSet<_> = paths.iter().collect();
        assert!(distinct.len() > 20, "{kind} mix too repetitive: {paths:?}");
        let r =
            mirsad_server::bench::load(s.addr, &paths, 4, std::time::Duration::from_millis(500));
        assert!(r.requests > 0);
        assert_eq!(r.errors, 0, "{kind}: {r:?}");
    }
}
