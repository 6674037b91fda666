//! mirsad-kb: the actor knowledge base (`kb/` at the workspace root) and the time-aware actor
//! linker that fills `Document::entities` and `Document::actors`.
//!
//! ```no_run
//! use mirsad_kb::{Kb, Linker};
//! let linker = Linker::new(Kb::embedded());
//! let (entities, actors) = linker.link("أعلنت واشنطن", Some("2015-10-21"));
//! ```

pub mod build;
mod entry;
pub mod eval;
mod kb;
mod linker;
mod names;
mod ner_persons;
mod ner_places;

pub use entry::{office_label, Entry, Role};
pub use kb::{Issue, Kb, KbError, Severity};
pub use linker::{KbStage, Linker};
pub use ner_persons::NerPersonStage;
pub use ner_places::NerPlaceStage;
