//! The default analysis pipeline: every stage that `mirsad analyze` runs, in order. Later stages
//! read what earlier ones wrote: tokens before actors and names, actors and dates before events.

use mirsad_core::Pipeline;
use mirsad_events::EventStage;
use mirsad_kb::KbStage;
use mirsad_morph::stage::MorphStage;
use mirsad_ner::NerStage;
use mirsad_text::TextStage;
use mirsad_time::TimeStage;

pub fn default_pipeline() -> Pipeline {
    let mut pipeline = Pipeline::new()
        .with(TextStage::default())
        .with(KbStage::embedded());
    // The linker's entities win; NER adds the names the KB does not know.
    match NerStage::with_default_model() {
        Ok(ner) => pipeline.push(Box::new(ner)),
        Err(e) => eprintln!(
            "mirsad: warning: named-entity model unavailable ({e}); continuing without it"
        ),
    }
    pipeline.with(TimeStage::new()).with(EventStage::new())
}

/// The default pipeline, and when the token layer is wanted, the morphology stage after every
/// other: it replaces the surface tokens the other stages read with syntactic words.
pub fn pipeline_with_tokens(tokens: bool) -> Pipeline {
    let mut pipeline = default_pipeline();
    if tokens {
        match MorphStage::with_embedded_model() {
            Ok(morph) => pipeline.push(Box::new(morph)),
            Err(e) => eprintln!(
                "mirsad: warning: morphology models unavailable ({e}); tokens stay surface tokens"
            ),
        }
    }
    pipeline
}
