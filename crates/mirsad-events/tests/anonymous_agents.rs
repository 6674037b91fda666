//! The missing-actor penalty (found on the GSR run with the KB, dev-train): it is for a document
//! whose linked agents do not act, not for one that names only places (or a state as the place
//! where it happened), and not for violence or protest by a named crowd the KB cannot link.

mod common;
use common::doc;
use mirsad_core::{EntityLabel::*, EventType};
use mirsad_events::EventStage;

fn confidence(d: &mirsad_core::Document, ty: EventType) -> f32 {
    let stage = EventStage::with_lexicon(
        mirsad_events::Lexicon::builtin(),
        mirsad_events::EventOptions {
            min_confidence: 0.05,
            ..Default::default()
        },
    );
    stage
        .extract(d)
        .iter()
        .filter(|e| e.event_type == ty)
        .map(|e| e.confidence)
        .fold(0.0, f32::max)
}

#[test]
fn a_place_is_not_an_agent_that_fails_to_act() {
    let text = "قتل أربعة أشخاص في انفجار سيارة مفخخة وسط إدلب أمس.";
    let bare = confidence(&doc(text, &[]), EventType::Assault);
    let place = confidence(&doc(text, &[("إدلب", "L-IDLIB", LOC)]), EventType::Assault);
    assert!(bare > 0.5 && (place - bare).abs() < 1e-6, "{bare} {place}");
    // nor is a state named as where it happened
    let text = "قتل أربعة أشخاص في انفجار سيارة مفخخة في تركيا، وانفجرت أخرى بتركيا أمس.";
    let bare = confidence(&doc(text, &[]), EventType::Assault);
    let states = confidence(
        &doc(text, &[("تركيا", "TUR", GPE), ("تركيا", "TUR", GPE)]),
        EventType::Assault,
    );
    assert!((states - bare).abs() < 1e-6, "{states} {bare}");
    // a state named in the sentence that does not act still lowers it
    let text = "قتل أربعة أشخاص في انفجار سيارة مفخخة أمس، وقالت تركيا إنها تتابع.";
    let state = confidence(&doc(text, &[("تركيا", "TUR", GPE)]), EventType::Assault);
    let bare = confidence(&doc(text, &[]), EventType::Assault);
    assert!(state < bare, "{state} {bare}");
}

#[test]
fn a_named_crowd_is_the_agent_of_its_protest() {
    let text = "وتجمع مئات المتظاهرين أمام مبنى المحافظة مطالبين تركيا بالتدخل.";
    let bare = confidence(&doc(text, &[]), EventType::Protest);
    let linked = confidence(&doc(text, &[("تركيا", "TUR", GPE)]), EventType::Protest);
    assert!(
        bare > 0.5 && (linked - bare).abs() < 1e-6,
        "{bare} {linked}"
    );
}
