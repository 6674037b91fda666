//! Input readers (being built).
