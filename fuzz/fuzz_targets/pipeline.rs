//! The whole `mirsad analyze` pipeline (text, KB linking, NER, dates, events, morphosyntax) on
//! any text and any publication date: no panic, and every span it writes lies inside the text on
//! code-point offsets, with its quoted text equal to the slice it names.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mirsad_core::{Document, Metadata, Pipeline, Span};
use mirsad_events::EventStage;
use mirsad_kb::KbStage;
use mirsad_morph::stage::MorphStage;
use mirsad_ner::NerStage;
use mirsad_text::TextStage;
use mirsad_time::TimeStage;
use std::sync::OnceLock;

static PIPELINE: OnceLock<Pipeline> = OnceLock::new();

fn pipeline() -> &'static Pipeline {
    PIPELINE.get_or_init(|| {
        Pipeline::new()
            .with(TextStage::default())
            .with(KbStage::embedded())
            .with(NerStage::with_default_model().expect("shipped NER model"))
            .with(TimeStage::new())
            .with(EventStage::new())
            .with(MorphStage::with_embedded_model().expect("shipped morphology models"))
    })
}

fn check(start: usize, end: usize, text: Option<&str>, chars: &[char], what: &str) {
    assert!(
        start <= end && end <= chars.len(),
        "{what} span {start}..{end} outside a text of {} chars",
        chars.len()
    );
    if let Some(t) = text {
        let slice: String = chars[start..end].iter().collect();
        assert_eq!(t, slice, "{what} span text differs from the text it names");
    }
}

fn check_span(span: &Span, chars: &[char], what: &str) {
    check(span.start, span.end, span.text.as_deref(), chars, what);
}

fuzz_target!(|data: &[u8]| {
    // The first two bytes pick a publication date between 1990 and 2045, or none.
    let (published, body) = match data {
        [y, m, rest @ ..] if *y < 224 => (
            Some(format!(
                "{}-{:02}-{:02}",
                1990 + u32::from(y % 56),
                1 + m % 12,
                1 + m % 28
            )),
            rest,
        ),
        [_, rest @ ..] => (None, rest),
        [] => (None, data),
    };
    let text = String::from_utf8_lossy(body).into_owned();
    let chars: Vec<char> = text.chars().collect();
    let meta = Metadata {
        id: "fuzz".into(),
        published,
        ..Default::default()
    };
    let mut doc = Document::new(meta, text, "ar");
    pipeline().run(&mut doc);
    for s in &doc.sentences {
        check_span(s, &chars, "sentence");
    }
    for e in &doc.entities {
        check(e.start, e.end, Some(&e.text), &chars, "entity");
    }
    for t in &doc.timexes {
        check(t.start, t.end, Some(&t.text), &chars, "timex");
    }
    for e in &doc.events {
        check_span(&e.trigger, &chars, "event trigger");
        check_span(&e.evidence, &chars, "event evidence");
    }
    for q in &doc.quotes {
        check(q.start, q.end, None, &chars, "quote");
        for part in [&q.speaker_text, &q.cue].into_iter().flatten() {
            check_span(part, &chars, "quote speaker or cue");
        }
    }
    if let Some(tokens) = &doc.tokens {
        for t in tokens {
            assert!(
                t.start <= t.end && t.end <= chars.len(),
                "token outside the text"
            );
        }
    }
});
