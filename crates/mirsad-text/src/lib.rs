//! Arabic text layer (being built).
