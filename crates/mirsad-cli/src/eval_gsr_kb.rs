//! The GSR sentence-level detection with the actor KB, NER and time layers run first, as
//! `mirsad analyze` does (the events crate's own evaluation runs without them: events may not
//! import the KB). Dev-train only: `cargo test -p mirsad-cli --release gsr_dev_train_with_kb --
//! --ignored --nocapture`.

#[cfg(test)]
mod tests {
    use crate::pipeline::default_pipeline;
    use mirsad_core::EventType;
    use mirsad_events::eval::{
        best_confidence_in, best_threshold, detection_threshold, gsr_document, gsr_stage, load_gsr,
        prf_at, rule_stage, shared_dir, Label, Split,
    };

    #[test]
    #[ignore]
    fn gsr_dev_train_with_kb() {
        let Some(shared) = shared_dir() else {
            println!("skipping: ../shared/data not found");
            return;
        };
        let pipeline = default_pipeline();
        let stages = [("rules", rule_stage()), ("rules + model", gsr_stage())];
        for ty in [EventType::Assault, EventType::Protest] {
            let data = load_gsr(&shared, ty).expect("gsr csv");
            let sents: Vec<_> = data
                .iter()
                .filter(|s| Split::of(&s.id) == Split::DevTrain && s.label != Label::Ambiguous)
                .collect();
            let linked: Vec<_> = sents
                .iter()
                .map(|s| {
                    let mut doc = gsr_document(s);
                    pipeline.run(&mut doc);
                    doc
                })
                .collect();
            for (name, stage) in &stages {
                for (kb, docs) in [("without KB", None), ("with KB", Some(&linked))] {
                    let scored: Vec<(bool, f32)> = sents
                        .iter()
                        .enumerate()
                        .map(|(i, s)| {
                            let doc = match docs {
                                Some(d) => d[i].clone(),
                                None => gsr_document(s),
                            };
                            (s.label == Label::Yes, best_confidence_in(stage, &doc, ty))
                        })
                        .collect();
                    let th = if *name == "rules" {
                        match ty {
                            EventType::Assault => 0.7,
                            _ => 0.55,
                        }
                    } else {
                        detection_threshold(ty)
                    };
                    let (p, r, f1) = prf_at(&scored, th);
                    let (bth, bf1) = best_threshold(&scored);
                    println!(
                        "{} dev-train {name} {kb}: at {th:.2} P {p:.3} R {r:.3} F1 {f1:.3}; best F1 {bf1:.3} at {bth:.3}",
                        ty.as_str()
                    );
                }
            }
        }
    }
}
