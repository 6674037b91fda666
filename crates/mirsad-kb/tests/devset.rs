//! The dev-set evaluation (`mirsad eval actors`) when the shared corpora are present: the scores
//! must stay above floors set a little below what was measured on the `heldout` half
//! (crates/mirsad-kb/EVAL.md).

use mirsad_kb::eval::{evaluate_devset, load_devset};
use mirsad_kb::{Kb, Linker};
use std::path::PathBuf;
use std::sync::Arc;

fn workspace() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn shared() -> PathBuf {
    std::env::var_os("MIRSAD_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace().join("../shared"))
}

#[test]
fn devset_scores_stay_above_the_floor() {
    let news = shared().join("data/news");
    if !news.is_dir() {
        eprintln!("skipping: ../shared/data not found");
        return;
    }
    let articles = load_devset(&workspace().join("devset/articles.dev.jsonl")).unwrap();
    let report = evaluate_devset(&articles, &news, Arc::new(Linker::new(Kb::embedded())));
    assert!(report.skipped.is_empty(), "{:?}", report.skipped);
    assert_eq!(report.tune.docs.len() + report.heldout.docs.len(), 45);
    let table = report.table();
    for (name, s) in [("tune", &report.tune), ("heldout", &report.heldout)] {
        assert!(s.micro_p() >= FLOOR_P, "{name} precision\n{table}");
        assert!(s.micro_r() >= FLOOR_R, "{name} recall\n{table}");
        assert!(
            s.linking_accuracy() >= FLOOR_LINK,
            "{name} linking\n{table}"
        );
    }
}

const FLOOR_P: f64 = 0.86;
const FLOOR_R: f64 = 0.60;
const FLOOR_LINK: f64 = 0.57;
