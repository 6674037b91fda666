//! Ingestion for mirsad: turns files on disk (or stdin) into [`RawDocument`]s ready for the
//! analysis pipeline.
//!
//! The crate owns everything between "a path the user typed" and "clean Arabic main text with
//! metadata": input discovery, format readers (txt, HTML, JSON/JSONL, WARC, optionally gzipped),
//! main-text extraction from HTML, date/title/URL metadata, boilerplate removal and language
//! identification. Everything streams: a reader holds at most one record (bounded by
//! [`IngestOptions::max_doc_bytes`]) in memory, so multi-gigabyte inputs are fine.
//!
//! Nothing here panics on malformed input; problems become [`IngestItem::Failed`] items that name
//! the file and the line, record or byte offset, and reading carries on with the next item.

pub mod boilerplate;
pub mod dates;
mod decode;
mod discover;
pub mod eval;
pub mod extract;
mod formats;
pub mod lang;
mod limits;
mod reader;

use std::fmt;

pub use boilerplate::BoilerplateTracker;
pub use discover::{expand_inputs, Format, InputSource, Location};
pub use extract::{extract_html, Extracted};
pub use mirsad_core::Metadata;
pub use reader::{read_all, IngestStats, Reader};

/// Where an item came from: the input path and, for multi-record inputs, where inside it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Origin {
    /// The path as discovered (`-` for stdin).
    pub path: String,
    /// `"line 12"`, `"record 3 at byte 1024"`, `"element 5 at byte 300"`; `None` for whole files.
    pub locator: Option<String>,
}

impl Origin {
    pub fn file(path: impl Into<String>) -> Self {
        Origin {
            path: path.into(),
            locator: None,
        }
    }
    pub fn at(path: impl Into<String>, locator: impl Into<String>) -> Self {
        Origin {
            path: path.into(),
            locator: Some(locator.into()),
        }
    }
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.locator {
            Some(loc) => write!(f, "{}:{}", self.path, loc),
            None => write!(f, "{}", self.path),
        }
    }
}

/// A problem with one input or one item of it. Displays as `path:line N: message` so that
/// editors and CI logs can jump to it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{origin}: {message}")]
pub struct IngestError {
    pub origin: Origin,
    pub message: String,
}

impl IngestError {
    pub fn new(origin: Origin, message: impl Into<String>) -> Self {
        IngestError {
            origin,
            message: message.into(),
        }
    }
}

/// A document as read from the input, before analysis.
#[derive(Debug, Clone, PartialEq)]
pub struct RawDocument {
    pub meta: Metadata,
    /// Main text, paragraphs separated by `\n`.
    pub text: String,
    /// ISO 639-1 code (or ISO 639-3 where no 639-1 code exists), `"und"` if undetermined.
    pub language: String,
    /// Non-fatal problems: lossy decoding, truncation, boilerplate lines removed, …
    pub warnings: Vec<String>,
    pub origin: Origin,
}

/// One step of the ingest stream. Order follows the inputs and the records inside them.
#[derive(Debug, Clone, PartialEq)]
pub enum IngestItem {
    Doc(RawDocument),
    Skipped { origin: Origin, reason: String },
    Failed(IngestError),
}

/// Knobs for [`read_all`].
#[derive(Debug, Clone, PartialEq)]
pub struct IngestOptions {
    /// Keep documents that are not mainly Arabic (they are skipped by default because every later
    /// stage is Arabic-only).
    pub keep_non_arabic: bool,
    /// Publication date used when neither the record nor the page gives one.
    pub default_published: Option<String>,
    /// Largest record (file, JSON line, array element, WARC block) read into memory. Larger ones
    /// become an error instead of an out-of-memory abort.
    pub max_doc_bytes: usize,
    /// Documents whose cleaned text has fewer characters are skipped (empty pages, image-only
    /// posts, scraping failures).
    pub min_chars: usize,
    /// A line seen in at least this many distinct earlier documents of the same source is
    /// treated as boilerplate; 0 disables cross-document removal.
    pub repeat_threshold: usize,
    /// Apply the rule-based line filters (copyright, share prompts, leaked ad code, …).
    pub line_filters: bool,
}

impl Default for IngestOptions {
    fn default() -> Self {
        IngestOptions {
            keep_non_arabic: false,
            default_published: None,
            max_doc_bytes: 50 * 1024 * 1024,
            min_chars: 1,
            repeat_threshold: 3,
            line_filters: true,
        }
    }
}
