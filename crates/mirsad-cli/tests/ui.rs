//! The web UI in a real headless Chromium, driven over the W3C WebDriver protocol by
//! chromedriver, against the server on loopback with `examples/` analysed and ingested by the
//! `mirsad` binary. Screenshots of every page at laptop and phone width are written to
//! `target/ui-screenshots/`.
//!
//! Needs Debian's `chromium` and `chromium-driver` (`/usr/bin/chromium`, `/usr/bin/chromedriver`;
//! override with MIRSAD_CHROMIUM / MIRSAD_CHROMEDRIVER). Without them the test prints why it is
//! skipped, unless `CI` is set, where it fails.

use base64::Engine;
use mirsad_server::client::{encode, get, Connection};
use mirsad_server::{spawn_on_loopback, ServeConfig, Spawned};
use mirsad_store::Store;
use serde_json::{json, Value};
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn tool(var: &str, default: &str) -> Option<PathBuf> {
    let p = std::env::var_os(var)
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(default));
    p.is_file().then_some(p)
}

/// The server with `examples/` ingested, on a loopback port, until dropped.
struct Server {
    addr: SocketAddr,
    _running: Spawned,
    _dir: tempfile::TempDir,
}

impl Server {
    fn start() -> Server {
        let dir = tempfile::tempdir().unwrap();
        let mut paths: Vec<PathBuf> = std::fs::read_dir(workspace().join("examples"))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e != "md"))
            .collect();
        paths.sort();
        let out = Command::new(env!("CARGO_BIN_EXE_mirsad"))
            .arg("ingest")
            .args(&paths)
            .arg("--store")
            .arg(dir.path())
            .output()
            .expect("run mirsad ingest");
        assert!(
            out.status.success(),
            "ingest failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let store = Arc::new(Store::open(dir.path()).unwrap());
        let config = ServeConfig {
            rate_limit: None,
            ..Default::default()
        };
        let running = spawn_on_loopback(store, config).unwrap();
        Server {
            addr: running.addr,
            _running: running,
            _dir: dir,
        }
    }

    fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    fn api(&self, path: &str) -> Value {
        let r = get(self.addr, path).unwrap();
        assert_eq!(
            r.status,
            200,
            "{path}: {}",
            String::from_utf8_lossy(&r.body)
        );
        r.json()
    }
}

/// A chromedriver process; killed when dropped.
struct Driver {
    child: Child,
    addr: SocketAddr,
}

impl Driver {
    fn start(chromedriver: &Path) -> Driver {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let child = Command::new(chromedriver)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start chromedriver");
        let d = Driver {
            child,
            addr: SocketAddr::from(([127, 0, 0, 1], port)),
        };
        let start = Instant::now();
        loop {
            if let Ok(r) = get(d.addr, "/status") {
                if r.json()["value"]["ready"] == true {
                    return d;
                }
            }
            assert!(
                start.elapsed() < Duration::from_secs(30),
                "chromedriver did not become ready"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    fn call(&self, method: &str, path: &str, body: Option<Value>) -> Value {
        let body = body.map(|b| b.to_string());
        let r = Connection::open(self.addr)
            .and_then(|mut c| {
                c.request(
                    method,
                    path,
                    &[("Content-Type", "application/json")],
                    body.as_deref().map(str::as_bytes),
                )
            })
            .unwrap_or_else(|e| panic!("{method} {path}: {e}"));
        let v = r.json();
        assert_eq!(r.status, 200, "{method} {path}: {v}");
        v["value"].clone()
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// One browser session; closes the browser when dropped.
struct Browser<'d> {
    driver: &'d Driver,
    id: String,
    _profile: tempfile::TempDir,
}

impl<'d> Browser<'d> {
    fn open(driver: &'d Driver, chromium: &Path) -> Browser<'d> {
        let profile = tempfile::tempdir().unwrap();
        let caps = json!({"capabilities": {"alwaysMatch": {
            "browserName": "chrome",
            "goog:chromeOptions": {
                "binary": chromium,
                "args": [
                    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                    "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--hide-scrollbars",
                    // containers often have a small /dev/shm
                    "--disable-dev-shm-usage",
                    format!("--user-data-dir={}", profile.path().display()),
                    "--window-size=1366,900",
                ],
            },
            "goog:loggingPrefs": {"browser": "ALL"},
        }}});
        let v = driver.call("POST", "/session", Some(caps));
        Browser {
            driver,
            id: v["sessionId"].as_str().unwrap().to_string(),
            _profile: profile,
        }
    }

    fn call(&self, method: &str, path: &str, body: Option<Value>) -> Value {
        self.driver
            .call(method, &format!("/session/{}{path}", self.id), body)
    }

    fn goto(&self, url: &str) {
        self.call("POST", "/url", Some(json!({ "url": url })));
    }

    fn js(&self, script: &str) -> Value {
        self.call(
            "POST",
            "/execute/sync",
            Some(json!({"script": script, "args": []})),
        )
    }

    fn location(&self) -> String {
        self.js("return location.pathname + location.search + location.hash")
            .as_str()
            .unwrap()
            .to_string()
    }

    /// Clicks the first element matching `css` like a user (WebDriver element click).
    fn click(&self, css: &str) {
        let el = self.call(
            "POST",
            "/element",
            Some(json!({"using": "css selector", "value": css})),
        );
        let id = el
            .as_object()
            .and_then(|o| o.values().next())
            .and_then(Value::as_str)
            .unwrap_or_else(|| panic!("no element {css}"))
            .to_string();
        self.call("POST", &format!("/element/{id}/click"), Some(json!({})));
    }

    /// Waits until `script` returns true (navigation after a click, the network layout).
    fn wait_for(&self, script: &str) {
        let start = Instant::now();
        while self.js(script) != Value::Bool(true) {
            assert!(
                start.elapsed() < Duration::from_secs(15),
                "timed out waiting for: {script} (at {})",
                self.location()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Console errors, uncaught exceptions and failed loads since the last call.
    fn errors(&self) -> Vec<String> {
        self.call("POST", "/se/log", Some(json!({"type": "browser"})))
            .as_array()
            .unwrap()
            .iter()
            .filter(|e| e["level"] == "SEVERE")
            .map(|e| e["message"].as_str().unwrap_or_default().to_string())
            .collect()
    }

    fn resize(&self, width: u32, height: u32) {
        self.call(
            "POST",
            "/window/rect",
            Some(json!({"width": width, "height": height})),
        );
    }

    /// A full-page PNG (Chrome DevTools' capture beyond the viewport).
    fn screenshot(&self, path: &Path) {
        let v = self.call(
            "POST",
            "/goog/cdp/execute",
            Some(json!({"cmd": "Page.captureScreenshot",
                        "params": {"format": "png", "captureBeyondViewport": true}})),
        );
        let png = base64::engine::general_purpose::STANDARD
            .decode(v["data"].as_str().unwrap())
            .unwrap();
        std::fs::write(path, png).unwrap();
    }
}

impl Drop for Browser<'_> {
    fn drop(&mut self) {
        let _ = Connection::open(self.driver.addr)
            .and_then(|mut c| c.request("DELETE", &format!("/session/{}", self.id), &[], None));
    }
}

const SYRIA: &str = "سوريا";

/// Every page, with the URL each screenshot shows.
fn pages() -> Vec<(&'static str, String)> {
    vec![
        ("search", format!("/?q={}", encode(SYRIA))),
        (
            "document",
            "/documents/2015-08-12-lavrov-muallem-moscow?ev=0#evidence".to_string(),
        ),
        ("events", "/events".to_string()),
        ("actor", "/actors/SYR".to_string()),
        ("network", "/network".to_string()),
        ("timeline", "/timeline".to_string()),
    ]
}

#[test]
fn web_ui_in_headless_chromium() {
    let (Some(chromium), Some(chromedriver)) = (
        tool("MIRSAD_CHROMIUM", "/usr/bin/chromium"),
        tool("MIRSAD_CHROMEDRIVER", "/usr/bin/chromedriver"),
    ) else {
        let msg =
            "chromium or chromedriver not found (apt-get install -y chromium chromium-driver)";
        assert!(std::env::var_os("CI").is_none(), "{msg}; CI is set");
        eprintln!("skipping: {msg}");
        return;
    };
    let server = Server::start();
    let driver = Driver::start(&chromedriver);
    let browser = Browser::open(&driver, &chromium);
    let shots = workspace().join("target/ui-screenshots");
    std::fs::create_dir_all(&shots).unwrap();
    let mut errors = Vec::new();
    let mut check_errors = |page: &str, b: &Browser| {
        errors.extend(b.errors().into_iter().map(|e| format!("{page}: {e}")));
    };

    // every page at laptop and phone width: loads, no console errors, no horizontal overflow
    for (width, height, label) in [(1366, 900, "laptop"), (390, 844, "phone")] {
        browser.resize(width, height);
        for (name, path) in pages() {
            browser.goto(&server.url(&path));
            let status = browser.js(
                "return [document.documentElement.dir, document.querySelector('section.error') === null,
                         document.documentElement.scrollWidth, window.innerWidth]",
            );
            assert_eq!(status[0], "rtl", "{name}");
            assert_eq!(status[1], true, "{name} rendered an error page");
            assert!(
                status[2].as_u64() <= status[3].as_u64(),
                "{name} overflows horizontally at {label} width: {status}"
            );
            browser.screenshot(&shots.join(format!("{name}-{label}.png")));
            check_errors(name, &browser);
        }
    }
    browser.resize(1366, 900);

    // a search returns the expected article, with the match highlighted
    browser.goto(&server.url(&format!("/?q={}", encode("الحديدة"))));
    let hits = browser.js("return [...document.querySelectorAll('li.hit')].map(h => h.dataset.id)");
    assert_eq!(hits[0], "hodeidah-ceasefire", "{hits}");
    assert_eq!(
        browser.js("return document.querySelector('li.hit .snippet mark') !== null"),
        true
    );
    check_errors("search", &browser);

    // a filter chosen in the form narrows the results; empty fields stay out of the URL
    browser.goto(&server.url(&format!("/?q={}", encode(SYRIA))));
    let count = |b: &Browser| -> Vec<String> {
        b.js("return [...document.querySelectorAll('li.hit')].map(h => h.dataset.id)")
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap().to_string())
            .collect()
    };
    let all = count(&browser);
    browser.js("document.querySelector('select[name=type]').value = 'ASSAULT'");
    browser.click("form.filters button[type=submit]");
    browser.wait_for("return location.search.includes('type=ASSAULT')");
    let narrowed = count(&browser);
    assert!(
        !narrowed.is_empty() && narrowed.len() < all.len(),
        "{all:?} → {narrowed:?}"
    );
    assert!(narrowed.iter().all(|h| all.contains(h)));
    assert!(narrowed.contains(&"2015-10-05-idlib-airstrikes".to_string()));
    let url = browser.location();
    assert!(!url.contains("actor=") && !url.contains("from="), "{url}");
    // the facet link removes the filter again
    browser.click("section.facet[data-facet=type] a.chip");
    browser.wait_for("return !location.search.includes('type=')");
    assert_eq!(count(&browser).len(), all.len());
    check_errors("search filter", &browser);

    // pagination keeps the query and moves to the next results
    browser.goto(&server.url("/?q=&per_page=5"));
    let first = count(&browser);
    assert_eq!(first.len(), 5);
    browser.click("nav.pages a[rel=next]");
    browser.wait_for("return location.search.includes('page=2')");
    let second = count(&browser);
    assert!(!second.is_empty() && second.iter().all(|h| !first.contains(h)));
    assert!(browser.location().contains("per_page=5"));
    check_errors("pagination", &browser);

    // the document highlights its actors; an event's evidence link highlights its span
    browser.goto(&server.url("/documents/2015-08-12-lavrov-muallem-moscow"));
    let lavrov = browser.js(
        "return [...document.querySelectorAll('mark.actor[data-actor=P_SERGEY_LAVROV]')].map(m => m.textContent)",
    );
    assert!(
        lavrov
            .as_array()
            .unwrap()
            .iter()
            .any(|t| t.as_str().unwrap().contains("لافروف")),
        "{lavrov}"
    );
    assert_eq!(
        browser.js("return document.querySelectorAll('.text .evidence').length"),
        0
    );
    browser.click("li.event a.evidence-link");
    browser.wait_for("return location.hash === '#evidence'");
    assert_eq!(
        browser.js("return document.querySelector('li.event.selected') !== null && document.querySelectorAll('.text .evidence').length > 0"),
        true
    );
    check_errors("document", &browser);

    // the events table shows the filtered view, sorts in the browser, and downloads as CSV
    let api = server.api("/api/events?type=ASSAULT&per_page=1000");
    browser.goto(&server.url("/events?type=ASSAULT"));
    let rows = browser.js("return document.querySelectorAll('table.events tbody tr').length");
    assert_eq!(rows, api["total"]);
    browser.click("table.events th:nth-child(6)");
    let conf = browser.js(
        "return [...document.querySelectorAll('table.events tbody tr td:nth-child(6)')].map(td => +td.dataset.value)",
    );
    let conf: Vec<f64> = conf
        .as_array()
        .unwrap()
        .iter()
        .filter_map(Value::as_f64)
        .collect();
    assert!(conf.windows(2).all(|w| w[0] <= w[1]), "{conf:?}");
    let csv = get(server.addr, "/events.csv?type=ASSAULT").unwrap();
    assert_eq!(csv.status, 200);
    assert!(csv.header("content-type").unwrap().starts_with("text/csv"));
    let csv = String::from_utf8(csv.body).unwrap();
    assert_eq!(
        csv.lines().count() as u64 - 1,
        api["total"].as_u64().unwrap()
    );
    check_errors("events", &browser);

    // the network of December 2018 (the Hodeidah ceasefire): its nodes, laid out, clickable
    let filter = "from=2018-12-01&to=2018-12-31";
    let graph = server.api(&format!("/api/graph?{filter}"));
    browser.goto(&server.url(&format!("/network?{filter}")));
    browser.wait_for("return document.getElementById('network').classList.contains('laid-out')");
    let mut nodes: Vec<String> = browser
        .js("return [...document.querySelectorAll('#network a.node')].map(n => n.dataset.id)")
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap().to_string())
        .collect();
    let mut expected: Vec<String> = graph["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["id"].as_str().unwrap().to_string())
        .collect();
    nodes.sort();
    expected.sort();
    assert_eq!(nodes, expected);
    for id in ["YEM_GOV", "ORG_HOUTHIS"] {
        assert!(nodes.contains(&id.to_string()), "{id} not in {nodes:?}");
    }
    assert_eq!(
        browser.js("return document.querySelector('#network line[data-source=YEM_GOV][data-target=ORG_HOUTHIS]') !== null"),
        true
    );
    browser.click("#network a.node[data-id=ORG_HOUTHIS]");
    browser.wait_for("return location.pathname === '/actors/ORG_HOUTHIS'");
    assert_eq!(
        browser.js("return document.querySelectorAll('section.partners li[data-partner=YEM_GOV]').length > 0"),
        true
    );
    check_errors("network", &browser);

    // the timeline's bars add up to the API's counted events
    let api = server.api("/api/timeline?interval=month");
    let api_total: u64 = api["buckets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["events"].as_u64().unwrap())
        .sum();
    browser.goto(&server.url("/timeline"));
    let shown = browser.js(
        "return [...document.querySelectorAll('figure.chart g.bar')].reduce((s, g) => s + +g.dataset.count, 0)",
    );
    assert_eq!(shown.as_u64(), Some(api_total));
    check_errors("timeline", &browser);

    assert!(errors.is_empty(), "browser errors: {errors:#?}");
    eprintln!("screenshots in {}", shots.display());
}
