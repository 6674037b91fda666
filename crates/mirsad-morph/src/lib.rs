//! Arabic morphosyntax: CoNLL-U data, clitic segmentation, POS tagging and dependency parsing.

pub mod analyzer;
pub mod conllu;
pub mod convert;
pub mod eval;
pub mod lemma;
pub mod parser;
pub mod perceptron;
pub mod segment;
pub mod stage;
pub mod tagger;
