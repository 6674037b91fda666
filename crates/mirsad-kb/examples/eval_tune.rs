//! Scores of the dev set's tune half only, for working on its errors without running heldout
//! (the heldout articles are dropped before evaluation), and the GSR country + sector table:
//! `cargo run --release -p mirsad-kb --example eval_tune [errors|gsr]` from the workspace root.
use mirsad_kb::eval::{evaluate_devset, load_devset, Split};
use std::path::Path;
use std::sync::Arc;

fn main() {
    let news = Path::new("../shared/data/news");
    if !news.is_dir() {
        println!("skipping: {} not found", news.display());
        return;
    }
    let arts = load_devset(Path::new("devset/articles.dev.jsonl"))
        .unwrap_or_else(|e| panic!("devset/articles.dev.jsonl: {e}"));
    let tune: Vec<_> = arts
        .into_iter()
        .filter(|a| Split::of(&a.id) == Split::Tune)
        .collect();
    let kb = mirsad_kb::Kb::load_dir(Path::new("kb")).unwrap_or_else(|e| panic!("kb/: {e}"));
    let linker = Arc::new(mirsad_kb::Linker::new(kb));
    let r = evaluate_devset(&tune, news, linker.clone());
    let g =
        mirsad_kb::eval::evaluate_gsr(Path::new("../shared/data/events/arabic_event_gsr"), &linker)
            .unwrap_or_else(|e| panic!("GSR: {e}"));
    println!("{}", g.table());
    if std::env::args().nth(1).as_deref() == Some("gsr") {
        for (a, b, c) in &g.errors {
            println!("- gold {a} «{b}» got {c}");
        }
    }
    let t = r.split(Split::Tune);
    assert!(r.split(Split::Heldout).docs.is_empty());
    println!(
        "tune docs {} P {:.3} R {:.3} link acc {:.3} span F1 {:.3}",
        t.docs.len(),
        t.micro_p(),
        t.micro_r(),
        t.linking_accuracy(),
        t.span_prf().2
    );
    if std::env::args().nth(1).as_deref() == Some("errors") {
        for d in &t.docs {
            println!("#### {}", d.id);
            for e in &d.mention_errors {
                println!("- {e}");
            }
        }
    }
}
