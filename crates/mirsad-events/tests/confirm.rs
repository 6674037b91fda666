//! The learned confirmation of PROTEST and ASSAULT events (`confirm.rs`).

use mirsad_core::{Document, EventType, Metadata};
use mirsad_events::confirm::{recenter, train, ConfirmModel, Example, TrainOptions};
use mirsad_events::EventStage;

fn example(features: &[&str], rule_confidence: f32, target: f32) -> Example {
    Example {
        features: features.iter().map(|f| f.to_string()).collect(),
        rule_confidence,
        target,
    }
}

#[test]
fn training_learns_which_cues_confirm_an_event() {
    // same rule confidence: only the cue tells the reports from the talk about attacks
    let mut data = Vec::new();
    for i in 0..20 {
        let other = if i % 2 == 0 { "win:امس" } else { "win:في" };
        data.push(example(&["count", other], 0.6, 1.0));
        data.push(example(&["sent_type:THREATEN", other], 0.6, 0.0));
    }
    let m = train(&data, TrainOptions::default());
    let report = m.score(0.6, &["count".to_string()]);
    let threat = m.score(0.6, &["sent_type:THREATEN".to_string()]);
    assert!(report > 0.8 && threat < 0.2, "{report} {threat}");
    // deterministic: the same data gives the same weights
    let again = train(&data, TrainOptions::default());
    assert_eq!(again.weights["count"], m.weights["count"]);
    // a cue seen once is not kept (min_count 2)
    data.push(example(&["rare"], 0.6, 1.0));
    assert!(!train(&data, TrainOptions::default())
        .weights
        .contains_key("rare"));
}

#[test]
fn recentring_moves_the_threshold_onto_the_floor() {
    let mut m = train(
        &[example(&["a"], 0.5, 1.0), example(&["b"], 0.5, 0.0)],
        TrainOptions::default(),
    );
    let f = vec!["zzz".to_string()];
    let before = m.score(0.5, &f);
    recenter(&mut m, before, 0.55);
    assert!((m.score(0.5, &f) - 0.55).abs() < 1e-3);
}

#[test]
fn the_model_file_round_trips_and_bad_rows_name_their_line() {
    let m = ConfirmModel::builtin();
    let tm = &m.types[&EventType::Assault];
    assert!(tm.weights.len() > 100 && tm.rule > 0.0);
    let again = ConfirmModel::parse(&m.to_tsv("header")).unwrap();
    let f = vec!["count".to_string(), "lemma:قتل".to_string()];
    let (a, b) = (
        m.score(EventType::Assault, 0.7, &f).unwrap(),
        again.score(EventType::Assault, 0.7, &f).unwrap(),
    );
    assert!((a - b).abs() < 1e-3);
    // below the rules' floor the model does not speak
    assert!(m.score(EventType::Assault, 0.2, &f).is_none());
    let err = ConfirmModel::parse("# x\nASSAULT\t@bias\t0.1\nASSAULT\tcount\n").unwrap_err();
    assert!(err.starts_with("line 3:"), "{err}");
    let err = ConfirmModel::parse("FOO\tcount\t1\n").unwrap_err();
    assert!(err.contains("unknown event type"), "{err}");
}

fn assault_confidence(stage: &EventStage, text: &str) -> f32 {
    let doc = Document::new(Metadata::default(), text.to_string(), "ar");
    stage
        .extract(&doc)
        .iter()
        .filter(|e| e.event_type == EventType::Assault)
        .map(|e| e.confidence)
        .fold(0.0, f32::max)
}

#[test]
fn the_default_stage_confirms_a_report_over_talk_about_strikes() {
    let stage = EventStage::new();
    let report = assault_confidence(
        &stage,
        "قتل ثلاثة أشخاص وأصيب عشرة آخرون بجروح في انفجار سيارة مفخخة استهدف دورية للشرطة أمس.",
    );
    let option = assault_confidence(
        &stage,
        "وهدد المسؤول بأن الخيارات تشمل شن ضربات جوية ضد معسكرات المتمردين.",
    );
    assert!(report >= 0.55, "report {report}");
    assert!(option < report, "option {option} report {report}");
}
