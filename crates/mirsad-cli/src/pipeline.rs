//! The default analysis pipeline: every stage that `mirsad analyze` runs, in order. Later stages
//! read what earlier ones wrote: actors and dates before events.

use mirsad_core::Pipeline;
use mirsad_events::EventStage;
use mirsad_kb::KbStage;
use mirsad_text::TextStage;
use mirsad_time::TimeStage;

pub fn default_pipeline() -> Pipeline {
    Pipeline::new()
        .with(TextStage::default())
        .with(KbStage::embedded())
        .with(TimeStage::new())
        .with(EventStage::new())
}
