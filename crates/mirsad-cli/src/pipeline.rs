//! The default analysis pipeline: every stage that `mirsad analyze` runs, in order.

use mirsad_core::Pipeline;
use mirsad_text::TextStage;
use mirsad_time::TimeStage;

pub fn default_pipeline() -> Pipeline {
    Pipeline::new()
        .with(TextStage::default())
        .with(TimeStage::new())
}
