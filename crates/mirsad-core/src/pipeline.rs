use crate::Document;

/// Why a stage could not finish on a document. The pipeline records it as a document warning and
/// carries on with the next stage: one bad document or one weak stage never loses the output.
#[derive(Debug, thiserror::Error)]
#[error("{stage}: {message}")]
pub struct StageError {
    pub stage: &'static str,
    pub message: String,
}

impl StageError {
    pub fn new(stage: &'static str, message: impl Into<String>) -> Self {
        StageError {
            stage,
            message: message.into(),
        }
    }
}

/// One step of the analysis. Stages are shared across worker threads, so they hold only
/// read-only resources (models, dictionaries) and keep per-document state on the stack.
pub trait Stage: Send + Sync {
    fn name(&self) -> &'static str;
    fn process(&self, doc: &mut Document) -> Result<(), StageError>;
}

/// An ordered list of stages.
#[derive(Default)]
pub struct Pipeline {
    stages: Vec<Box<dyn Stage>>,
}

impl Pipeline {
    pub fn new() -> Self {
        Pipeline::default()
    }

    pub fn with(mut self, stage: impl Stage + 'static) -> Self {
        self.stages.push(Box::new(stage));
        self
    }

    pub fn push(&mut self, stage: Box<dyn Stage>) {
        self.stages.push(stage);
    }

    pub fn stage_names(&self) -> Vec<&'static str> {
        self.stages.iter().map(|s| s.name()).collect()
    }

    /// Runs every stage; a failing or panicking stage becomes a warning on the document.
    pub fn run(&self, doc: &mut Document) {
        for stage in &self.stages {
            let outcome =
                std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| stage.process(doc)));
            match outcome {
                Ok(Ok(())) => {}
                Ok(Err(e)) => doc.warnings.push(e.to_string()),
                Err(_) => doc
                    .warnings
                    .push(format!("{}: internal error, stage skipped", stage.name())),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Metadata;

    struct Upper;
    impl Stage for Upper {
        fn name(&self) -> &'static str {
            "upper"
        }
        fn process(&self, doc: &mut Document) -> Result<(), StageError> {
            doc.text = doc.text.to_uppercase();
            Ok(())
        }
    }
    struct Fails;
    impl Stage for Fails {
        fn name(&self) -> &'static str {
            "fails"
        }
        fn process(&self, _doc: &mut Document) -> Result<(), StageError> {
            Err(StageError::new("fails", "no model"))
        }
    }

    #[test]
    fn failing_stage_becomes_warning_and_later_stages_run() {
        let p = Pipeline::new().with(Fails).with(Upper);
        let mut doc = Document::new(Metadata::default(), "abc".into(), "en");
        p.run(&mut doc);
        assert_eq!(doc.text, "ABC");
        assert_eq!(doc.warnings, vec!["fails: no model".to_string()]);
        assert_eq!(p.stage_names(), vec!["fails", "upper"]);
    }
}
