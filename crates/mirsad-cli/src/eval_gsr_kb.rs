//! The GSR sentence-level detection with the actor KB, NER and time layers run first, as
//! `mirsad analyze` does (the events crate's own evaluation runs without them: events may not
//! import the KB). Dev-train: `cargo test -p mirsad-cli --release gsr_dev_train_with_kb --
//! --ignored --nocapture`; `GSR_KB_SPLIT=dev-test` prints the reported split's rows instead (a
//! look at dev-test: note it in EVAL.md; its sentences are never printed).

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
        let (split, split_name) = match std::env::var("GSR_KB_SPLIT").as_deref() {
            Ok("dev-test") => (Split::DevTest, "dev-test"),
            _ => (Split::DevTrain, "dev-train"),
        };
        let pipeline = default_pipeline();
        let stages = [("rules", rule_stage()), ("rules + model", gsr_stage())];
        for ty in [EventType::Assault, EventType::Protest] {
            let data = load_gsr(&shared, ty).expect("gsr csv");
            let sents: Vec<_> = data
                .iter()
                .filter(|s| Split::of(&s.id) == split && s.label != Label::Ambiguous)
                .collect();
            let linked: Vec<_> = sents
                .iter()
                .map(|s| {
                    let mut doc = gsr_document(s);
                    pipeline.run(&mut doc);
                    doc
                })
                .collect();
            // GSR_KB_LOST=1: the dev-train "yes" sentences the rules find without the KB and
            // lose with it, with the events found and their roles (curation, dev-train only)
            if split == Split::DevTrain && std::env::var_os("GSR_KB_LOST").is_some() {
                let th = detection_threshold(ty);
                for (i, s) in sents.iter().enumerate() {
                    let without = best_confidence_in(&stages[0].1, &gsr_document(s), ty);
                    let with = best_confidence_in(&stages[0].1, &linked[i], ty);
                    if s.label == Label::Yes && without >= th && with < th {
                        let evs: Vec<String> = stages[0]
                            .1
                            .extract(&linked[i])
                            .iter()
                            .filter(|e| e.event_type == ty)
                            .map(|e| {
                                format!(
                                    "{}@{:.2} A={:?} R={:?}",
                                    e.trigger.text.as_deref().unwrap_or(""),
                                    e.confidence,
                                    e.actor.iter().map(|a| a.id.as_str()).collect::<Vec<_>>(),
                                    e.recipient
                                        .iter()
                                        .map(|a| a.id.as_str())
                                        .collect::<Vec<_>>()
                                )
                            })
                            .collect();
                        let actors: Vec<&str> =
                            linked[i].actors.iter().map(|a| a.id.as_str()).collect();
                        println!(
                            "LOST {without:.2}->{with:.2} [{}] doc actors {actors:?}\t{}",
                            evs.join(" "),
                            s.text
                        );
                    }
                }
            }
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
                    let th = detection_threshold(ty);
                    let (p, r, f1) = prf_at(&scored, th);
                    let (bth, bf1) = best_threshold(&scored);
                    println!(
                        "{} {split_name} {name} {kb}: at {th:.2} P {p:.3} R {r:.3} F1 {f1:.3}; best F1 {bf1:.3} at {bth:.3}",
                        ty.as_str()
                    );
                }
            }
        }
    }
}
