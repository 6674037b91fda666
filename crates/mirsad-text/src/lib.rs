//! Arabic text layer: decoding, normalisation with offset maps, sentences, tokens, clitics.

pub mod normalize;

pub use normalize::{normalize, normalize_into, normalize_word, NormalizeOptions, Normalized};
