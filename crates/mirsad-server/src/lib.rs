//! mirsad-server: a read-mostly HTTP API over a [`mirsad_store::Store`].
//!
//! Safe defaults, because analysts run this on laptops and shared boxes: it binds 127.0.0.1,
//! it is read-only unless an ingest bearer token is configured, request bodies are size-limited,
//! and each client IP gets a token bucket. Every error is JSON `{"error": {...}}` with a proper
//! status code. Store calls are blocking (SQLite, tantivy) and run on tokio's blocking pool.

#![recursion_limit = "512"]

pub mod bench;
pub mod client;
mod openapi;
mod read_pool;
mod ui;

use axum::body::Bytes;
use axum::extract::rejection::{BytesRejection, PathRejection, QueryRejection};
use axum::extract::{ConnectInfo, DefaultBodyLimit, Path, Query, Request, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use mirsad_core::Document;
use mirsad_store::{EventFilter, Page, SearchFilters, Store, StoreError};
use serde::Deserialize;
use serde_json::json;
use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};
use std::sync::{Arc, Mutex};
use std::time::Instant;

/// Server configuration.
#[derive(Debug, Clone)]
pub struct ServeConfig {
    /// Address to bind. Default 127.0.0.1:8080: exposing the API is an explicit choice.
    pub addr: SocketAddr,
    /// Bearer token that enables `POST /api/documents`; `None` keeps the server read-only.
    pub ingest_token: Option<String>,
    /// Maximum request body in bytes (413 above it).
    pub body_limit: usize,
    /// Token bucket per client IP: sustained requests per second and burst size;
    /// `None` disables rate limiting (benchmarks).
    pub rate_limit: Option<(f64, f64)>,
}

impl Default for ServeConfig {
    fn default() -> Self {
        ServeConfig {
            addr: SocketAddr::from(([127, 0, 0, 1], 8080)),
            ingest_token: None,
            body_limit: 16 << 20,
            rate_limit: Some((50.0, 200.0)),
        }
    }
}

/// Shared state of the router.
#[derive(Clone)]
pub struct AppState {
    pub store: Arc<Store>,
    pub config: Arc<ServeConfig>,
    buckets: Arc<Mutex<HashMap<IpAddr, (f64, Instant)>>>,
}

impl AppState {
    pub fn new(store: Arc<Store>, config: ServeConfig) -> Self {
        AppState {
            store,
            config: Arc::new(config),
            buckets: Arc::default(),
        }
    }

    /// Takes one token from `ip`'s bucket; false when empty.
    fn allow(&self, ip: IpAddr) -> bool {
        let Some((rate, burst)) = self.config.rate_limit else {
            return true;
        };
        let now = Instant::now();
        let mut b = self.buckets.lock().unwrap_or_else(|e| e.into_inner());
        if b.len() > 10_000 {
            // forget clients whose bucket has refilled; bounds memory under many IPs
            b.retain(|_, (tokens, at)| {
                *tokens + now.duration_since(*at).as_secs_f64() * rate < burst
            });
        }
        let (tokens, at) = b.entry(ip).or_insert((burst, now));
        *tokens = (*tokens + now.duration_since(*at).as_secs_f64() * rate).min(burst);
        *at = now;
        if *tokens >= 1.0 {
            *tokens -= 1.0;
            true
        } else {
            false
        }
    }
}

/// An API error, rendered as `{"error": {"status", "code", "message"}}`.
#[derive(Debug)]
pub struct ApiError {
    pub status: StatusCode,
    pub message: String,
}

impl ApiError {
    pub fn new(status: StatusCode, message: impl Into<String>) -> Self {
        ApiError {
            status,
            message: message.into(),
        }
    }
    fn bad(message: impl Into<String>) -> Self {
        ApiError::new(StatusCode::BAD_REQUEST, message)
    }
}

fn code(status: StatusCode) -> &'static str {
    match status.as_u16() {
        400 => "bad_request",
        401 => "unauthorized",
        403 => "forbidden",
        404 => "not_found",
        405 => "method_not_allowed",
        413 => "payload_too_large",
        415 => "unsupported_media_type",
        429 => "too_many_requests",
        _ => "internal",
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = json!({"error": {
            "status": self.status.as_u16(),
            "code": code(self.status),
            "message": self.message,
        }});
        let mut r = (self.status, Json(body)).into_response();
        if self.status == StatusCode::TOO_MANY_REQUESTS {
            r.headers_mut()
                .insert(header::RETRY_AFTER, header::HeaderValue::from_static("1"));
        }
        if self.status == StatusCode::UNAUTHORIZED {
            r.headers_mut().insert(
                header::WWW_AUTHENTICATE,
                header::HeaderValue::from_static("Bearer"),
            );
        }
        r
    }
}

impl From<StoreError> for ApiError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::Invalid(m) => ApiError::bad(m),
            StoreError::NotFound(m) => ApiError::new(StatusCode::NOT_FOUND, m),
            other => ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, other.to_string()),
        }
    }
}

impl From<QueryRejection> for ApiError {
    fn from(e: QueryRejection) -> Self {
        ApiError::bad(e.body_text())
    }
}

impl From<PathRejection> for ApiError {
    fn from(e: PathRejection) -> Self {
        ApiError::bad(e.body_text())
    }
}

impl From<BytesRejection> for ApiError {
    fn from(e: BytesRejection) -> Self {
        ApiError::new(e.status(), e.body_text())
    }
}

type ApiResult = Result<Response, ApiError>;

/// Runs a blocking store read on the read threads ([`read_pool`]), in arrival order.
async fn run_blocking<T: Send + 'static>(
    f: impl FnOnce() -> Result<T, StoreError> + Send + 'static,
) -> Result<T, ApiError> {
    let internal = |e: &str| ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, e);
    match read_pool::run(f).await {
        Ok(r) => Ok(r?),
        Err(read_pool::ReadFailure::Panicked) => Err(internal("the store read failed")),
        Err(read_pool::ReadFailure::Stopped) => Err(internal("the server is stopping")),
    }
}

/// Runs a blocking store call and answers its result as JSON.
async fn blocking<T: serde::Serialize + Send + 'static>(
    f: impl FnOnce() -> Result<T, StoreError> + Send + 'static,
) -> ApiResult {
    Ok(Json(run_blocking(f).await?).into_response())
}

/// Query parameters shared by the endpoints (and the UI pages); each uses the ones it documents.
#[derive(Debug, Default, Clone, Deserialize)]
struct Params {
    q: Option<String>,
    actor: Option<String>,
    recipient: Option<String>,
    #[serde(rename = "type")]
    event_type: Option<String>,
    quad: Option<String>,
    country: Option<String>,
    from: Option<String>,
    to: Option<String>,
    factuality: Option<String>,
    source: Option<String>,
    page: Option<String>,
    per_page: Option<String>,
    interval: Option<String>,
    max_nodes: Option<String>,
}

fn nonempty(v: &Option<String>) -> Option<String> {
    v.as_ref().filter(|s| !s.trim().is_empty()).cloned()
}

fn number(v: &Option<String>, name: &str, default: usize, max: usize) -> Result<usize, ApiError> {
    match v.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok(default),
        Some(s) => match s.parse::<usize>() {
            Ok(n) if (1..=max).contains(&n) => Ok(n),
            _ => Err(ApiError::bad(format!(
                "{name} must be an integer between 1 and {max}"
            ))),
        },
    }
}

/// Validated parameters: present-but-empty is an error, not "no filter".
fn date(v: &Option<String>, name: &str) -> Result<Option<String>, ApiError> {
    match v.clone() {
        None => Ok(None),
        Some(d) => {
            let b = d.as_bytes();
            let ok = b.len() == 10
                && b[4] == b'-'
                && b[7] == b'-'
                && b.iter()
                    .enumerate()
                    .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
            if ok {
                Ok(Some(d))
            } else {
                Err(ApiError::bad(format!("{name} must be a date YYYY-MM-DD")))
            }
        }
    }
}

impl Params {
    /// The search filters of `/api/search`.
    fn search(&self) -> Result<SearchFilters, ApiError> {
        Ok(SearchFilters {
            actor: nonempty(&self.actor),
            event_type: self.event_type.clone(),
            from: date(&self.from, "from")?,
            to: date(&self.to, "to")?,
            source: nonempty(&self.source),
        })
    }
    /// Event filters where `actor` means either side (graphs and timelines: the networks and
    /// activity around an actor).
    fn participant_events(&self) -> Result<EventFilter, ApiError> {
        let mut f = self.events()?;
        f.participant = f.actor.take();
        Ok(f)
    }
    fn page(&self, max_per_page: usize) -> Result<Page, ApiError> {
        Ok(Page {
            page: number(&self.page, "page", 1, 1_000_000)?,
            per_page: number(&self.per_page, "per_page", 20, max_per_page)?,
        })
    }
    fn events(&self) -> Result<EventFilter, ApiError> {
        Ok(EventFilter {
            actor: nonempty(&self.actor),
            recipient: nonempty(&self.recipient),
            event_type: self.event_type.clone(),
            quad: self.quad.clone(),
            country: nonempty(&self.country),
            from: date(&self.from, "from")?,
            to: date(&self.to, "to")?,
            factuality: match &self.factuality {
                Some(f) if f.trim().is_empty() => {
                    return Err(ApiError::bad("factuality must not be empty"))
                }
                f => f.clone(),
            },
            source: nonempty(&self.source),
            ..Default::default()
        })
    }
}

async fn health(State(s): State<AppState>) -> ApiResult {
    let store = s.store.clone();
    blocking(move || {
        let (docs, indexed) = store.counts()?;
        Ok(
            json!({"status": "ok", "documents": docs, "indexed": indexed,
                  "read_only": s.config.ingest_token.is_none()}),
        )
    })
    .await
}

async fn search(State(s): State<AppState>, q: Result<Query<Params>, QueryRejection>) -> ApiResult {
    let Query(p) = q?;
    let page = p.page(100)?;
    let filters = p.search()?;
    let query = p.q.clone().unwrap_or_default();
    if query.chars().count() > 1000 {
        return Err(ApiError::bad("q is longer than 1000 characters"));
    }
    blocking(move || s.store.search(&query, &filters, page.page, page.per_page)).await
}

async fn document(State(s): State<AppState>, id: Result<Path<String>, PathRejection>) -> ApiResult {
    let Path(id) = id?;
    blocking(move || s.store.document_json(&id)).await
}

/// `POST /api/documents`: one analysed Document or an array of them. Needs the bearer token.
async fn post_documents(
    State(s): State<AppState>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> ApiResult {
    let Some(token) = s.config.ingest_token.as_deref() else {
        return Err(ApiError::new(
            StatusCode::FORBIDDEN,
            "this server is read-only (start it with an ingest token to enable POST)",
        ));
    };
    let given = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .unwrap_or("");
    if !constant_time_eq(given.as_bytes(), token.as_bytes()) {
        return Err(ApiError::new(
            StatusCode::UNAUTHORIZED,
            "missing or wrong bearer token",
        ));
    }
    let body = body?;
    let v: serde_json::Value = serde_json::from_slice(&body)
        .map_err(|e| ApiError::bad(format!("body is not JSON: {e}")))?;
    let docs: Vec<Document> = if v.is_array() {
        serde_json::from_value(v)
    } else {
        serde_json::from_value(v).map(|d| vec![d])
    }
    .map_err(|e| ApiError::bad(format!("body is not an analysed document: {e}")))?;
    if docs.iter().any(|d| d.id.trim().is_empty()) {
        return Err(ApiError::bad("every document needs a non-empty id"));
    }
    if docs
        .iter()
        .flat_map(|d| &d.events)
        .any(|e| !(0.0..=1.0).contains(&e.confidence))
    {
        return Err(ApiError::bad("event confidence must be between 0 and 1"));
    }
    let store = s.store.clone();
    let r = tokio::task::spawn_blocking(move || store.ingest(docs))
        .await
        .map_err(|e| ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()))??;
    // 201 when something new was stored; 200 when everything was already there
    let status = if r.added > 0 {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    Ok((status, Json(r)).into_response())
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

async fn events(State(s): State<AppState>, q: Result<Query<Params>, QueryRejection>) -> ApiResult {
    let Query(p) = q?;
    let (f, page) = (p.events()?, p.page(1000)?);
    blocking(move || s.store.events(&f, page)).await
}

async fn actor(State(s): State<AppState>, id: Result<Path<String>, PathRejection>) -> ApiResult {
    let Path(id) = id?;
    blocking(move || s.store.actor(&id)).await
}

async fn graph(State(s): State<AppState>, q: Result<Query<Params>, QueryRejection>) -> ApiResult {
    let Query(p) = q?;
    let f = p.participant_events()?;
    let max_nodes = number(&p.max_nodes, "max_nodes", 200, 5000)?;
    blocking(move || s.store.graph(&f, max_nodes)).await
}

async fn timeline(
    State(s): State<AppState>,
    q: Result<Query<Params>, QueryRejection>,
) -> ApiResult {
    let Query(p) = q?;
    let f = p.participant_events()?;
    let by_month = match p.interval.as_deref().unwrap_or("day") {
        "day" => false,
        "month" => true,
        _ => return Err(ApiError::bad("interval must be day or month")),
    };
    blocking(move || {
        let buckets = s.store.timeline(&f, by_month)?;
        Ok(json!({"interval": if by_month {"month"} else {"day"}, "buckets": buckets}))
    })
    .await
}

async fn stats(State(s): State<AppState>) -> ApiResult {
    blocking(move || s.store.stats()).await
}

async fn openapi_doc() -> Response {
    Json(openapi::document()).into_response()
}

/// Unknown paths: a JSON error under `/api/`, an HTML page elsewhere (a browser asked).
async fn not_found(uri: axum::http::Uri) -> Response {
    let e = ApiError::new(StatusCode::NOT_FOUND, "no such endpoint");
    if uri.path().starts_with("/api/") {
        e.into_response()
    } else {
        ui::error_page(e)
    }
}

async fn method_not_allowed() -> ApiError {
    ApiError::new(StatusCode::METHOD_NOT_ALLOWED, "method not allowed")
}

async fn rate_limit(State(s): State<AppState>, req: Request, next: Next) -> Response {
    let ip = req
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| c.0.ip())
        .unwrap_or(IpAddr::from([0, 0, 0, 0]));
    if !s.allow(ip) {
        return ApiError::new(StatusCode::TOO_MANY_REQUESTS, "rate limit exceeded").into_response();
    }
    next.run(req).await
}

/// The API router. Serve it with `into_make_service_with_connect_info::<SocketAddr>()` so the
/// rate limiter sees client IPs (without it all clients share one bucket).
pub fn router(state: AppState) -> Router {
    let limit = state.config.body_limit;
    Router::new()
        .route("/api/health", get(health))
        .route("/api/search", get(search))
        .route("/api/documents", axum::routing::post(post_documents))
        .route("/api/documents/{id}", get(document))
        .route("/api/events", get(events))
        .route("/api/actors/{id}", get(actor))
        .route("/api/graph", get(graph))
        .route("/api/timeline", get(timeline))
        .route("/api/stats", get(stats))
        .route("/api/openapi.json", get(openapi_doc))
        .merge(ui::routes())
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
        .layer(DefaultBodyLimit::max(limit))
        .layer(middleware::from_fn_with_state(state.clone(), rate_limit))
        .with_state(state)
}

/// Binds `config.addr` and serves until ctrl-c.
pub async fn serve(store: Arc<Store>, config: ServeConfig) -> std::io::Result<()> {
    let listener = tokio::net::TcpListener::bind(config.addr).await?;
    serve_on(listener, store, config, shutdown_signal()).await
}

/// Serves on an already bound listener until `shutdown` resolves (tests, benchmarks).
pub async fn serve_on(
    listener: tokio::net::TcpListener,
    store: Arc<Store>,
    config: ServeConfig,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    // the in-memory indexes are built before the first request rather than during it
    let warm = store.clone();
    tokio::task::spawn_blocking(move || warm.warm())
        .await
        .map_err(std::io::Error::other)?
        .map_err(std::io::Error::other)?;
    let app = router(AppState::new(store, config));
    axum::serve(
        listener,
        app.into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown)
    .await
}

/// A server on a loopback port, in its own thread with its own runtime; stopped when dropped.
/// For tests and tools that need a real server beside blocking code.
pub struct Spawned {
    pub addr: SocketAddr,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

/// Starts `store` on 127.0.0.1 with an ephemeral port.
pub fn spawn_on_loopback(store: Arc<Store>, config: ServeConfig) -> std::io::Result<Spawned> {
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()?;
    let listener = rt.block_on(tokio::net::TcpListener::bind("127.0.0.1:0"))?;
    let addr = listener.local_addr()?;
    let thread = std::thread::spawn(move || {
        let served = rt.block_on(serve_on(listener, store, config, async {
            let _ = stopped.await;
        }));
        if let Err(e) = served {
            eprintln!("mirsad-server: {e}");
        }
    });
    Ok(Spawned {
        addr,
        stop: Some(stop),
        thread: Some(thread),
    })
}

impl Drop for Spawned {
    fn drop(&mut self) {
        if let Some(s) = self.stop.take() {
            let _ = s.send(());
        }
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

async fn shutdown_signal() {
    let _ = tokio::signal::ctrl_c().await;
}
