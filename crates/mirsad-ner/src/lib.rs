//! Arabic named-entity recognition for mirsad.
//!
//! A first-order structured averaged perceptron over hashed features ([`features`]), trained by
//! this crate's own code on public corpora (ANERcorp, optionally AQMAR), decoded with Viterbi
//! under BIO constraints. The trained model ships inside the crate (`model/ner-ar.bin.gz`, see
//! MODEL_CARD.md) and [`NerStage`] adds its entities to documents.

pub mod clusters;
pub mod data;
pub mod embeddings;
pub mod eval;
pub mod features;
pub mod memory;
pub mod model;
pub mod news_lexicon;
pub mod pos_lexicon;
pub mod stage;
pub mod tags;
pub mod train;
pub mod triggers;

pub use model::{ModelError, NerModel};
pub use stage::NerStage;
pub use tags::{repair_bio, BioTag};
