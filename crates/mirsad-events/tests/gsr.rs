//! Evaluation on the Arabic event GSR (`mirsad eval events`). Prints the tables recorded in
//! EVAL.md. Run with `cargo test -p mirsad-events --release --test gsr -- --nocapture`.

use mirsad_core::EventType;
use mirsad_events::eval::{
    detection_errors, evaluate_detection, evaluate_spans, gsr_stage, load_gsr, shared_dir, Label,
    Split,
};

#[test]
fn gsr_detection_and_spans() {
    let Some(shared) = shared_dir() else {
        println!("skipping: ../shared/data not found");
        return;
    };
    let stage = gsr_stage();
    println!("| type / split | TP | FP | FN | TN | P | R | F1 | ambiguous predicted yes |");
    println!("|---|---|---|---|---|---|---|---|---|");
    for ty in [EventType::Assault, EventType::Protest] {
        let data = load_gsr(&shared, ty).expect("gsr csv");
        assert!(data.len() > 1000);
        for (name, split) in [("dev-train", Split::DevTrain), ("dev-test", Split::DevTest)] {
            let r = evaluate_detection(&stage, &data, ty, split);
            println!("{}", r.table_row(&format!("{} {name}", ty.as_str())));
        }
    }
    println!();
    println!(
        "| type / split | gold sentences | detected | actor P | actor R | target P | target R |"
    );
    println!("|---|---|---|---|---|---|---|");
    for ty in [EventType::Assault, EventType::Protest] {
        for (name, split) in [("dev-train", Split::DevTrain), ("dev-test", Split::DevTest)] {
            let r = evaluate_spans(&stage, &shared, ty, split);
            println!("{}", r.table(&format!("{} {name}", ty.as_str())));
        }
    }
    // a regression floor on dev-test (below the current score, see EVAL.md)
    let data = load_gsr(&shared, EventType::Assault).unwrap();
    let r = evaluate_detection(&stage, &data, EventType::Assault, Split::DevTest);
    assert!(r.f1() > 0.35, "ASSAULT dev-test F1 {:.3}", r.f1());
}

/// Dumps dev-train errors for curation (never dev-test).
#[test]
#[ignore]
fn gsr_dev_train_errors() {
    let Some(shared) = shared_dir() else {
        println!("skipping: ../shared/data not found");
        return;
    };
    let stage = gsr_stage();
    let ty = match std::env::var("GSR_TYPE").as_deref() {
        Ok("PROTEST") => EventType::Protest,
        _ => EventType::Assault,
    };
    let data = load_gsr(&shared, ty).unwrap();
    for (id, label, pred, text) in detection_errors(&stage, &data, ty, Split::DevTrain) {
        let l = if label == Label::Yes { "FN" } else { "FP" };
        let _ = pred;
        println!("{l}\t{id}\t{text}");
    }
}
