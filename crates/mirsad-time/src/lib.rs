//! Temporal expressions in Arabic news: detection and TIMEX3 normalisation.
//!
//! [`TimeTagger`] finds dates, times, durations and sets (Gregorian months in every regional
//! form, Hijri dates, weekdays, relative expressions, numeric dates, clock times) and normalises
//! them against the publication date; [`TimeStage`] fills `Document::timexes`;
//! [`governing_date`] tells the event extractor which date governs a clause. See README.md for
//! the value conventions.

pub mod eval;
pub mod governing;
pub mod hijri;
mod lexicon;
mod tagger;
#[rustfmt::skip]
mod ummalqura;

pub use eval::{eval_suite, EvalReport};
pub use governing::governing_date;
pub use tagger::TimeTagger;

use chrono::NaiveDate;
use mirsad_core::{Document, Stage, StageError};

/// The pipeline stage "time": tags `doc.text` against `doc.published_date()`.
pub struct TimeStage {
    tagger: TimeTagger,
}

impl TimeStage {
    pub fn new() -> Self {
        TimeStage {
            tagger: TimeTagger::new(),
        }
    }
}

impl Default for TimeStage {
    fn default() -> Self {
        Self::new()
    }
}

impl Stage for TimeStage {
    fn name(&self) -> &'static str {
        "time"
    }

    fn process(&self, doc: &mut Document) -> Result<(), StageError> {
        let published = doc
            .published_date()
            .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok());
        doc.timexes = self.tagger.tag(&doc.text, published);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use mirsad_core::{Metadata, Pipeline};

    #[test]
    fn stage_fills_timexes_from_published_date() {
        let mut doc = Document::new(
            Metadata {
                id: "d".into(),
                published: Some("2018-05-17T09:00:00Z".into()),
                ..Default::default()
            },
            "أعلنت الوزارة أمس خطة لمدة ثلاثة أيام".into(),
            "ar",
        );
        Pipeline::new().with(TimeStage::new()).run(&mut doc);
        assert!(doc.warnings.is_empty());
        let v: Vec<&str> = doc.timexes.iter().map(|t| t.value.as_str()).collect();
        assert_eq!(v, vec!["2018-05-16", "P3D"]);
    }

    #[test]
    fn tagger_is_send_sync() {
        fn ok<T: Send + Sync>() {}
        ok::<TimeTagger>();
        ok::<TimeStage>();
    }
}
