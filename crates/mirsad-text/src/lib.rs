//! Arabic text layer for mirsad: bytes → text ([`decode`]), sentences ([`sentences`]), tokens
//! ([`tokens`]), clitic analysis for dictionary lookup ([`clitics`]) and the pipeline stage that
//! writes sentences and tokens into a [`mirsad_core::Document`] ([`stage`]).
//!
//! Everything works in byte offsets internally and converts to code points only when writing
//! the document, because code-point indexing of a `str` is O(n) and byte slicing is O(1).

pub mod chars;
pub mod decode;

pub use decode::{decode, sniff_html_charset, DecodeHint, Decoded};
