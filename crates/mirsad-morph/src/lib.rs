//! Arabic morphosyntax: CoNLL-U data, clitic segmentation, POS tagging and dependency parsing.

pub mod conllu;
pub mod convert;
pub mod eval;
pub mod parser;
