//! Arabic text layer for mirsad: bytes → text ([`mod@decode`]), normalisation with a map back to
//! the original ([`normalize`]), sentences ([`sentences`]), tokens ([`tokens`]), clitic analysis
//! for dictionary lookup ([`clitics`]) and the pipeline stage that writes sentences and tokens into
//! a [`mirsad_core::Document`] ([`stage`]).
//!
//! Everything works in byte offsets internally and converts to code points only when writing
//! the document, because code-point indexing of a `str` is O(n) and byte slicing is O(1).

pub mod chars;
pub mod clitics;
pub mod decode;
pub mod normalize;
pub mod sentences;
pub mod stage;
pub mod tokens;
pub mod translit;

pub use clitics::{clitic_splits, strip_for_lookup, CliticSplit};
pub use decode::{decode, sniff_html_charset, DecodeHint, Decoded};
pub use normalize::{normalize, normalize_into, normalize_word, NormalizeOptions, Normalized};
pub use sentences::{split_sentences, split_sentences_capped, DEFAULT_MAX_SENTENCE_CHARS};
pub use stage::TextStage;
pub use tokens::{tokenize, RawToken};
