//! Evaluation on the Arabic event GSR (`mirsad eval events`). Prints the tables recorded in
//! EVAL.md. Run with `cargo test -p mirsad-events --release --test gsr -- --nocapture`.

use mirsad_core::{Document, EventType, Factuality, Metadata};
use mirsad_events::eval::{
    detects, evaluate_detection, evaluate_spans, gsr_document, gsr_stage, load_gsr, shared_dir,
    GsrSentence, Label, Split,
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

/// The stage, the type named by `$GSR_TYPE` (ASSAULT by default) and its sentences, for the
/// dev-train curation tools below.
fn curation_setup() -> Option<(mirsad_events::EventStage, EventType, Vec<GsrSentence>)> {
    let Some(shared) = shared_dir() else {
        println!("skipping: ../shared/data not found");
        return None;
    };
    let ty = match std::env::var("GSR_TYPE").as_deref() {
        Ok("PROTEST") => EventType::Protest,
        _ => EventType::Assault,
    };
    let data = load_gsr(&shared, ty).expect("gsr csv");
    Some((gsr_stage(), ty, data))
}

/// Dumps dev-train errors for curation (never dev-test).
#[test]
#[ignore]
fn gsr_dev_train_errors() {
    let Some((stage, ty, data)) = curation_setup() else {
        return;
    };
    // TP lines too (GSR_TP=1): what the rules rightly fire on matters when changing them
    let with_tp = std::env::var_os("GSR_TP").is_some();
    for s in data.iter().filter(|s| Split::of(&s.id) == Split::DevTrain) {
        if s.label == Label::Ambiguous {
            continue;
        }
        let (id, text) = (&s.id, &s.text);
        let l = match (s.label == Label::Yes, detects(&stage, s, ty)) {
            (true, true) if with_tp => "TP",
            (true, false) => "FN",
            (false, true) => "FP",
            _ => continue,
        };
        let doc = gsr_document(s);
        let found: Vec<String> = stage
            .extract(&doc)
            .iter()
            .filter(|e| e.event_type == ty)
            .map(|e| {
                format!(
                    "{}@{:.2}/{:?}{}",
                    e.trigger.text.as_deref().unwrap_or(""),
                    e.confidence,
                    e.factuality,
                    if e.historical == Some(true) {
                        "/hist"
                    } else {
                        ""
                    }
                )
            })
            .collect();
        println!("{l}\t{:?}\t{id}\t[{}]\t{text}", s.label, found.join(" "));
    }
}

/// Prints every event the GSR stage finds in `$GSR_TEXT` (for curation).
#[test]
#[ignore]
fn gsr_explain() {
    let Ok(text) = std::env::var("GSR_TEXT") else {
        println!("set GSR_TEXT");
        return;
    };
    let doc = Document::new(Metadata::default(), text, "ar");
    // GSR_RULES=1: the rules alone, without the confirmation model
    let stage = match std::env::var_os("GSR_RULES") {
        Some(_) => mirsad_events::eval::rule_stage(),
        None => gsr_stage(),
    };
    for e in stage.extract(&doc) {
        println!(
            "{} «{}» {:.2} {:?} hist={:?}",
            e.event_type.as_str(),
            e.trigger.text.as_deref().unwrap_or(""),
            e.confidence,
            e.factuality,
            e.historical
        );
    }
}

/// The detection threshold on dev-train (never dev-test): P/R/F1 of `$GSR_TYPE` for each
/// threshold, from the best qualifying confidence of each sentence.
#[test]
#[ignore]
fn gsr_dev_train_threshold_sweep() {
    let Some((stage, ty, data)) = curation_setup() else {
        return;
    };
    let scored: Vec<(bool, f32)> = data
        .iter()
        .filter(|s| Split::of(&s.id) == Split::DevTrain && s.label != Label::Ambiguous)
        .map(|s| {
            let doc = gsr_document(s);
            let best = stage
                .extract(&doc)
                .iter()
                .filter(|e| {
                    e.event_type == ty
                        && matches!(e.factuality, Factuality::Asserted | Factuality::Reported)
                        && e.historical != Some(true)
                })
                .map(|e| e.confidence)
                .fold(0.0f32, f32::max);
            (s.label == Label::Yes, best)
        })
        .collect();
    for th in [0.45f32, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8] {
        let tp = scored.iter().filter(|(y, c)| *y && *c >= th).count() as f64;
        let fp = scored.iter().filter(|(y, c)| !*y && *c >= th).count() as f64;
        let fn_ = scored.iter().filter(|(y, c)| *y && *c < th).count() as f64;
        let (p, r) = (tp / (tp + fp).max(1.0), tp / (tp + fn_).max(1.0));
        println!(
            "{} dev-train threshold {th:.2}: P {p:.3} R {r:.3} F1 {:.3}",
            ty.as_str(),
            2.0 * p * r / (p + r).max(1e-9)
        );
    }
}

/// Trains the confirmation model on dev-train (never dev-test): a 5-fold cross-validation inside
/// dev-train over a small grid of settings, then the best setting on all of dev-train, its bias
/// shifted so that the cross-validated best threshold becomes the stage's confidence floor.
/// `GSR_WRITE=1` writes `model/gsr_confirm.tsv`; `GSR_DROP=win:,prev1:` leaves feature groups
/// out (ablations).
#[test]
#[ignore]
fn gsr_train_confirmation() {
    use mirsad_events::confirm::{recenter, train, ConfirmModel, TrainOptions};
    use mirsad_events::eval::{
        best_confidence, best_threshold, confirmation_data, cross_validate, detection_threshold,
        prf_at, rule_stage, Targets,
    };
    let Some(shared) = shared_dir() else {
        println!("skipping: ../shared/data not found");
        return;
    };
    let drop: Vec<String> = std::env::var("GSR_DROP")
        .unwrap_or_default()
        .split(',')
        .filter(|p| !p.is_empty())
        .map(str::to_string)
        .collect();
    let stage = rule_stage();
    let mut model = ConfirmModel::default();
    let mut card = String::new();
    for ty in [EventType::Assault, EventType::Protest] {
        let data = load_gsr(&shared, ty).expect("gsr csv");
        let targets = match std::env::var("GSR_TARGETS").as_deref() {
            Ok("labels") => Targets::Labels,
            Ok("votes") => Targets::Votes,
            _ => Targets::Labels,
        };
        let mut sents = confirmation_data(&stage, &data, ty, Split::DevTrain, targets);
        for s in &mut sents {
            for e in &mut s.examples {
                e.features
                    .retain(|f| !drop.iter().any(|p| f.starts_with(p.as_str())));
            }
        }
        let rules: Vec<(bool, f32)> = data
            .iter()
            .filter(|s| Split::of(&s.id) == Split::DevTrain && s.label != Label::Ambiguous)
            .map(|s| (s.label == Label::Yes, best_confidence(&stage, s, ty)))
            .collect();
        let (rth, rf1) = best_threshold(&rules);
        let ceiling = sents
            .iter()
            .filter(|s| s.label && !s.examples.is_empty())
            .count();
        let positives = sents.iter().filter(|s| s.label).count();
        println!("targets {targets:?}");
        println!(
            "{} dev-train: {} sentences, {positives} yes, {ceiling} yes with a candidate, {} candidates; rules best F1 {rf1:.3} at {rth:.3}",
            ty.as_str(),
            sents.len(),
            sents.iter().map(|s| s.examples.len()).sum::<usize>()
        );
        let mut best: Option<(f64, TrainOptions, f32)> = None;
        let epochs: usize = std::env::var("GSR_EPOCHS")
            .ok()
            .and_then(|e| e.parse().ok())
            .unwrap_or(300);
        let min_count: usize = std::env::var("GSR_MIN_COUNT")
            .ok()
            .and_then(|e| e.parse().ok())
            .unwrap_or(2);
        for l2 in [0.003f32, 0.01, 0.03, 0.1] {
            for positive_weight in [1.0f32, 3.0] {
                let opts = TrainOptions {
                    l2,
                    positive_weight,
                    epochs,
                    min_count,
                    learn_rule_weight: std::env::var_os("GSR_LEARN_RULE").is_some(),
                };
                let scored = cross_validate(&data, &sents, ty, opts, 5);
                let (th, f1) = best_threshold(&scored);
                let (p, r, _) = prf_at(&scored, th);
                println!(
                    "  5-fold CV l2 {l2} positive weight {positive_weight}: P {p:.3} R {r:.3} F1 {f1:.3} at {th:.3}"
                );
                if best.as_ref().is_none_or(|b| f1 > b.0) {
                    best = Some((f1, opts, th));
                }
            }
        }
        let (f1, opts, th) = best.expect("a setting");
        // a type keeps its rules when the model does not beat them (their best F1 is even
        // chosen in-sample)
        if f1 <= rf1 {
            card.push_str(&format!(
                "{}: not confirmed (5-fold CV F1 {f1:.3} <= rules {rf1:.3}); the rules' confidence stands\n",
                ty.as_str()
            ));
            continue;
        }
        let examples: Vec<_> = sents
            .iter()
            .flat_map(|s| s.examples.iter().cloned())
            .collect();
        let mut tm = train(&examples, opts);
        let floor = detection_threshold(ty);
        recenter(&mut tm, th, floor);
        card.push_str(&format!(
            "{}: {} candidates from {} dev-train sentences; l2 {}, positive weight {}, {} epochs, features seen at least {} times; 5-fold CV F1 {f1:.3} at threshold {th:.3}, recentred to the rules' threshold {floor}\n",
            ty.as_str(),
            examples.len(),
            sents.len(),
            opts.l2,
            opts.positive_weight,
            opts.epochs,
            opts.min_count
        ));
        model.types.insert(ty, tm);
    }
    print!("{card}");
    if std::env::var_os("GSR_WRITE").is_some() {
        let header = format!(
            "Confirmation model for PROTEST and ASSAULT events (see crates/mirsad-events/MODEL_CARD.md).\nTrained by `cargo test -p mirsad-events --release --test gsr gsr_train_confirmation -- --ignored` on the dev-train half of the Arabic event GSR (OEDA, MIT).\n{card}"
        );
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("model/gsr_confirm.tsv");
        std::fs::write(&path, model.to_tsv(&header)).expect("write the model");
        println!("wrote {}", path.display());
    }
}

/// What one annotator would score against the GSR labels on dev-train: "yes" is a unanimous
/// accept, so an annotator drawn at random says yes to every "yes" sentence and to a "no"
/// sentence with the share of its votes that accepted it. Expected P = yes / (yes + Σ accepts /
/// votes over the "no" sentences), R = 1.
#[test]
#[ignore]
fn gsr_dev_train_annotator_agreement() {
    let Some(shared) = shared_dir() else {
        println!("skipping: ../shared/data not found");
        return;
    };
    for ty in [EventType::Assault, EventType::Protest] {
        let data = load_gsr(&shared, ty).expect("gsr csv");
        let train = data
            .iter()
            .filter(|s| Split::of(&s.id) == Split::DevTrain && s.label != Label::Ambiguous);
        let (mut yes, mut no_accepts, mut split_no) = (0.0f64, 0.0f64, 0usize);
        for s in train {
            if s.label == Label::Yes {
                yes += 1.0;
            } else if s.accepts > 0 {
                no_accepts += f64::from(s.accepts) / f64::from(s.votes.max(1));
                split_no += usize::from(2 * s.accepts >= s.votes);
            }
        }
        let p = yes / (yes + no_accepts);
        println!(
            "{} dev-train: one annotator's expected P {p:.3} R 1 F1 {:.3}; {split_no} \"no\" sentences had at least half of their votes accepting",
            ty.as_str(),
            2.0 * p / (p + 1.0)
        );
    }
}

#[test]
fn gigaword_ids_carry_the_publication_date() {
    use mirsad_events::eval::published_from_id;
    assert_eq!(
        published_from_id("AAW_ARB_20080110.0023-5").as_deref(),
        Some("2008-01-10")
    );
    assert_eq!(published_from_id("e6874d82b9c4d010_32"), None);
    assert_eq!(published_from_id("AAW_ARB_2008x110.0023-5"), None);
}
