//! PLOVER events, roles, factuality and quotes for Arabic news.
//!
//! The stage is rule-based on purpose: the KB (actors) and the time tagger (dates) are separate
//! stages, and event coding must stay explainable (every event has a trigger span and a
//! lexicon entry with a CAMEO code). Precision comes first: a missed event costs less than an
//! invented one, so weak triggers need a filled role and unknown words never become triggers.
//!
//! - [`EventStage`] — the pipeline stage (`"events"`): fills `doc.events` and `doc.quotes`.
//! - [`Lexicon`] — lemmas and patterns expanded by [`morph`] into surface forms.
//! - [`EventClusterer`] / [`cluster_events`] — cross-article deduplication.
//! - [`eval`] — scores on the Arabic event GSR.

pub mod cluster;
pub mod confirm;
pub mod eval;
pub mod lexicon;
mod local_names;
pub mod morph;
pub mod quotes;
mod senses;
mod stage;
mod text;
pub mod upetrarch;

pub use cluster::{cluster_events, ClusterInfo, EventClusterer};
pub use confirm::ConfirmModel;
pub use lexicon::{Lexicon, LexiconStats};
pub use stage::{governing_date, EventOptions, EventStage};
