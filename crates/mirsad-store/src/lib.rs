//! mirsad-store: where analysed documents live after `mirsad analyze`.
//!
//! * SQLite (`store.db`) is the system of record: documents with their full analysis JSON,
//!   actors, events, event clusters, mentions. Relational queries (events, actor profiles,
//!   graphs, timelines, statistics) run there.
//! * tantivy (`index/`) is a derived full-text index with an Arabic analyzer
//!   ([`analyzer`]); it can always be rebuilt from SQLite, and [`Store::open`] repairs it when a
//!   crash left it behind.
//! * [`export`] writes events and the actor graph in analyst formats.

pub mod analyzer;
pub mod bench;
pub mod dedup;
mod event_index;
pub mod export;
mod facets;
pub mod fixtures;
mod index;
pub mod query;
pub mod schema;
mod snippet;
mod store;

pub use export::{export, ExportFormat};
pub use query::{
    ActorName, ActorProfile, EventFilter, EventPage, EventRecord, Graph, GraphEdge, GraphNode,
    Page, Stats, TimelineBucket,
};
pub use store::{
    FacetCount, Facets, IngestReport, SearchFilters, SearchHit, SearchResults, Store, StoreOptions,
    DEFAULT_DIR,
};

/// Errors of the store. The server maps `Invalid` to 400 and `NotFound` to 404.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("sqlite: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("index: {0}")]
    Index(#[from] tantivy::TantivyError),
    #[error("io: {0}")]
    Io(#[from] std::io::Error),
    #[error("json: {0}")]
    Json(#[from] serde_json::Error),
    #[error("invalid request: {0}")]
    Invalid(String),
    #[error("not found: {0}")]
    NotFound(String),
    #[error("export: {0}")]
    Export(String),
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;
