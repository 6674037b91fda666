//! The hand-written suites: dev (developed against) and test (held out), ≥ 95% each.
//! `cargo test -p mirsad-time --release --test suites -- --nocapture` prints the tables.

use std::path::PathBuf;

fn suite(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("eval")
        .join(name)
}

fn run(name: &str) {
    let r = mirsad_time::eval_suite(suite(name)).expect("suite readable");
    println!("{name}\n{r}");
    for f in &r.failures {
        println!("FAIL {f}");
    }
    assert!(r.total >= 150, "{name}: only {} cases", r.total);
    assert!(
        r.accuracy() >= 0.95,
        "{name}: accuracy {:.1}% < 95%",
        r.accuracy() * 100.0
    );
}

#[test]
fn dev_suite() {
    run("suite_dev.tsv");
}

#[test]
fn test_suite() {
    run("suite_test.tsv");
}
