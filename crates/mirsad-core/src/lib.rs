//! Document model and pipeline traits for mirsad.
//!
//! Every later stage plugs into [`Pipeline`] and writes into the layers of [`Document`]. Offsets in
//! the model are Unicode code points into `Document::text` (the output contract); use
//! [`CharOffsets`] to convert from the byte offsets Rust string handling produces.

mod cache;
mod model;
mod offsets;
mod pipeline;

pub use cache::prefetch;
pub use model::*;
pub use offsets::CharOffsets;
pub use pipeline::{Pipeline, Stage, StageError};
