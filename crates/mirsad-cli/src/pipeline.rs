//! The default analysis pipeline: every stage that `mirsad analyze` runs, in order. Later stages
//! read what earlier ones wrote: tokens before actors and names, actors and dates before events.

use mirsad_core::{Actor, Pipeline};
use mirsad_events::EventStage;
use mirsad_kb::{Kb, KbStage, Linker, NerPersonStage, NerPlaceStage};
use mirsad_morph::stage::MorphStage;
use mirsad_ner::NerStage;
use mirsad_text::TextStage;
use mirsad_time::TimeStage;
use std::sync::Arc;

pub fn default_pipeline() -> Pipeline {
    let linker = Arc::new(Linker::new(Kb::embedded()));
    let seats = seats_of_power(linker.kb());
    let mut pipeline = Pipeline::new()
        .with(TextStage::default())
        .with(KbStage::new(linker.clone()));
    // The linker's entities win; NER adds the names the KB does not know.
    let ner = match NerStage::with_default_model() {
        Ok(ner) => {
            pipeline.push(Box::new(ner));
            true
        }
        Err(e) => {
            eprintln!(
                "mirsad: warning: named-entity model unavailable ({e}); continuing without it"
            );
            false
        }
    };
    pipeline = pipeline
        .with(TimeStage::new())
        .with(EventStage::new().with_seats_of_power(seats));
    // A place the linker read as another word (بجازان) is linked when the NER tags it a place;
    // after the events, whose roles would take these places as actors (a protest "against"
    // the governorate it was held in front of).
    if ner {
        pipeline.push(Box::new(NerPlaceStage::new(linker.clone())));
        // persons the NER finds and no title introduced become document-local actors
        pipeline.push(Box::new(NerPersonStage::new(linker)));
    }
    pipeline
}

/// The KB's capitals with the government each stands for, for the event roles.
fn seats_of_power(kb: &Kb) -> Vec<(String, Actor)> {
    let by_id: std::collections::HashMap<&str, &mirsad_kb::Entry> =
        kb.entries().iter().map(|e| (e.id.as_str(), e)).collect();
    kb.entries()
        .iter()
        .filter_map(|seat| {
            let gov = by_id.get(seat.metonym_of.as_deref()?)?;
            let actor = Actor {
                id: gov.id.clone(),
                name: gov.name.clone(),
                name_ar: Some(gov.name_ar.clone()),
                kind: gov.kind,
                country: gov.country.clone(),
                sector: gov.sector.clone(),
                role: None,
                wikidata: gov.wikidata.clone(),
                in_kb: Some(true),
                mentions: None,
            };
            Some((seat.id.clone(), actor))
        })
        .collect()
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
