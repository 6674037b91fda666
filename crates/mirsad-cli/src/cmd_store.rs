//! `mirsad ingest | search | serve | export | bench store`: the store-side subcommands.
//!
//! Wiring (main.rs): `mod cmd_store;` and subcommands
//!   Ingest(cmd_store::IngestArgs)   => cmd_store::run_ingest(&a, &analyse)
//!   Search(cmd_store::SearchArgs)   => cmd_store::run_search(&a)
//!   Serve(cmd_store::ServeArgs)     => cmd_store::run_serve(&a)
//!   Export(cmd_store::ExportArgs)   => cmd_store::run_export(&a)
//!   bench store (cmd_store::BenchStoreArgs) => cmd_store::run_bench_store(&a, &analyse)
//! where `analyse(paths)` runs the analysis pipeline over raw inputs and yields Documents.

use anyhow::{bail, Context};
use clap::Args;
use mirsad_core::Document;
use mirsad_server::ServeConfig;
use mirsad_store::export::export_filtered;
use mirsad_store::{EventFilter, ExportFormat, SearchFilters, Store, StoreOptions};
use std::io::{BufRead, BufWriter, Write};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;

/// The CLI's analysis pipeline as the store commands see it: raw input paths in, analysed
/// documents out (lazily, so ingest streams with bounded memory).
pub type Analyse<'a> =
    dyn Fn(&[String]) -> anyhow::Result<Box<dyn Iterator<Item = Document> + Send>> + 'a;

#[derive(Args, Debug, Clone)]
pub struct StoreDir {
    /// Store directory (SQLite database and search index)
    #[arg(long, default_value = mirsad_store::DEFAULT_DIR)]
    pub store: PathBuf,
}

#[derive(Args, Debug)]
pub struct IngestArgs {
    /// Inputs: raw documents to analyse, or with --analysed, analysis JSON Lines (`-` = stdin)
    #[arg(value_name = "PATHS", required = true)]
    pub paths: Vec<String>,
    #[command(flatten)]
    pub dir: StoreDir,
    /// Inputs are already analysed (`mirsad analyze` output): store them as they are
    #[arg(long)]
    pub analysed: bool,
    /// Documents per transaction (and per index commit)
    #[arg(long, default_value_t = 256)]
    pub batch_size: usize,
    /// Print the report as JSON
    #[arg(long)]
    pub json: bool,
}

#[derive(Args, Debug)]
pub struct SearchArgs {
    /// Query text (empty: everything matching the filters)
    #[arg(default_value = "")]
    pub query: String,
    #[command(flatten)]
    pub dir: StoreDir,
    /// Actor id
    #[arg(long)]
    pub actor: Option<String>,
    /// PLOVER event type
    #[arg(long = "type")]
    pub event_type: Option<String>,
    /// First publication date (YYYY-MM-DD)
    #[arg(long)]
    pub from: Option<String>,
    /// Last publication date (YYYY-MM-DD)
    #[arg(long)]
    pub to: Option<String>,
    /// Source name
    #[arg(long)]
    pub source: Option<String>,
    #[arg(long, default_value_t = 1)]
    pub page: usize,
    #[arg(long, default_value_t = 10)]
    pub per_page: usize,
    /// Print the full result (hits, snippets, facets) as JSON
    #[arg(long)]
    pub json: bool,
}

#[derive(Args, Debug)]
pub struct ServeArgs {
    #[command(flatten)]
    pub dir: StoreDir,
    /// Address to bind; loopback by default, so exposing the API is a deliberate choice
    #[arg(long, default_value = "127.0.0.1:8080")]
    pub addr: SocketAddr,
    /// Bearer token enabling POST /api/documents (default: read-only server). Prefer the
    /// MIRSAD_INGEST_TOKEN environment variable: command lines are visible to other users
    #[arg(long)]
    pub ingest_token: Option<String>,
    /// Request body limit in MiB
    #[arg(long, default_value_t = 16)]
    pub body_limit_mb: usize,
    /// Sustained requests per second per client IP (0 disables rate limiting)
    #[arg(long, default_value_t = 50.0)]
    pub rate: f64,
    /// Burst size of the per-IP token bucket
    #[arg(long, default_value_t = 200.0)]
    pub burst: f64,
}

#[derive(Args, Debug)]
pub struct ExportArgs {
    #[command(flatten)]
    pub dir: StoreDir,
    /// jsonl (PLOVER-style), csv, parquet, graphml, gexf
    #[arg(long, short, default_value = "jsonl")]
    pub format: String,
    /// Output file (default: standard output; parquet needs a file)
    #[arg(long, short)]
    pub output: Option<PathBuf>,
    #[arg(long)]
    pub actor: Option<String>,
    #[arg(long)]
    pub recipient: Option<String>,
    #[arg(long = "type")]
    pub event_type: Option<String>,
    #[arg(long)]
    pub quad: Option<String>,
    #[arg(long)]
    pub country: Option<String>,
    #[arg(long)]
    pub from: Option<String>,
    #[arg(long)]
    pub to: Option<String>,
    /// Comma-separated factuality values
    #[arg(long)]
    pub factuality: Option<String>,
    /// Only counted facts (asserted/reported, not near-duplicates)
    #[arg(long)]
    pub facts_only: bool,
}

#[derive(Args, Debug)]
pub struct BenchStoreArgs {
    /// Analysis JSON Lines to ingest (default: synthetic documents)
    #[arg(long)]
    pub analysed: Option<String>,
    /// Raw inputs to analyse and ingest (the CLI pipeline runs first, untimed)
    #[arg(long, num_args = 1..)]
    pub inputs: Vec<String>,
    /// Synthetic documents when no input is given
    #[arg(long, default_value_t = 5000)]
    pub docs: usize,
    /// Concurrent HTTP clients
    #[arg(long, default_value_t = 50)]
    pub concurrency: usize,
    /// Seconds of load per endpoint (search, events)
    #[arg(long, default_value_t = 10)]
    pub seconds: u64,
    /// Use `wrk` (Debian package) as the load generator when it is installed
    #[arg(long)]
    pub wrk: bool,
    /// Keep the benchmark store here instead of a temporary directory
    #[arg(long)]
    pub keep: Option<PathBuf>,
    /// Load-test an existing store as it is, skipping analysis and ingest (for iterating on
    /// the query path; the reported benchmark is the full command)
    #[arg(long, hide = true)]
    pub reuse: Option<PathBuf>,
}

/// Reads analysis JSON Lines (files or `-`), one Document per line.
pub fn read_analysed(
    paths: &[String],
) -> anyhow::Result<Box<dyn Iterator<Item = anyhow::Result<Document>> + Send>> {
    let mut readers: Vec<(String, Box<dyn BufRead + Send>)> = Vec::new();
    for p in paths {
        if p == "-" {
            readers.push((
                p.clone(),
                Box::new(std::io::BufReader::new(std::io::stdin())),
            ));
        } else {
            let f = std::fs::File::open(p).with_context(|| format!("opening {p}"))?;
            readers.push((p.clone(), Box::new(std::io::BufReader::new(f))));
        }
    }
    Ok(Box::new(readers.into_iter().flat_map(|(name, r)| {
        r.lines()
            .enumerate()
            .filter_map(move |(i, line)| match line {
                Err(e) => Some(Err(
                    anyhow::Error::new(e).context(format!("{name}:{}", i + 1))
                )),
                Ok(l) if l.trim().is_empty() => None,
                Ok(l) => Some(
                    serde_json::from_str::<Document>(&l)
                        .with_context(|| format!("{name}:{}: not an analysed document", i + 1)),
                ),
            })
    })))
}

fn open_store(dir: &StoreDir, batch_size: usize) -> anyhow::Result<Store> {
    Store::open_with(
        &dir.store,
        StoreOptions {
            batch_size: batch_size.max(1),
            ..Default::default()
        },
    )
    .with_context(|| format!("opening store {}", dir.store.display()))
}

/// `mirsad ingest`: analyse (or read analysed) documents and store them. Exit code 0, or 2 when
/// some input lines could not be read (the rest is stored).
pub fn run_ingest(a: &IngestArgs, analyse: &Analyse) -> anyhow::Result<u8> {
    let store = open_store(&a.dir, a.batch_size)?;
    let mut bad = 0usize;
    let report = if a.analysed {
        let docs = read_analysed(&a.paths)?.filter_map(|d| match d {
            Ok(d) => Some(d),
            Err(e) => {
                bad += 1;
                eprintln!("mirsad: skipped: {e:#}");
                None
            }
        });
        store.ingest(docs)?
    } else {
        store.ingest(analyse(&a.paths)?)?
    };
    // one index segment per batch would make every later search look each term up that many
    // times; a bulk ingest ends with them merged
    store
        .merge_segments()
        .with_context(|| format!("merging the index of {}", a.dir.store.display()))?;
    if a.json {
        println!("{}", serde_json::to_string(&report)?);
    } else {
        eprintln!(
            "stored {} documents ({} near-duplicates linked), {} events; skipped {} duplicates{}",
            report.added,
            report.near_duplicates,
            report.events,
            report.duplicates,
            if bad > 0 {
                format!(", {bad} unreadable lines")
            } else {
                String::new()
            }
        );
    }
    Ok(if bad > 0 { 2 } else { 0 })
}

/// `mirsad search`.
pub fn run_search(a: &SearchArgs) -> anyhow::Result<u8> {
    let store = open_store(&a.dir, 256)?;
    let f = SearchFilters {
        actor: a.actor.clone(),
        event_type: a.event_type.clone(),
        from: a.from.clone(),
        to: a.to.clone(),
        source: a.source.clone(),
    };
    let r = store.search(&a.query, &f, a.page, a.per_page)?;
    let out = std::io::stdout();
    let mut out = out.lock();
    if a.json {
        serde_json::to_writer_pretty(&mut out, &r)?;
        writeln!(out)?;
    } else {
        writeln!(out, "{} results", r.total)?;
        for h in &r.hits {
            writeln!(
                out,
                "{:>7.3}  {}  {}  {}\n         {}",
                h.score,
                h.id,
                h.published.as_deref().unwrap_or("-"),
                h.title.as_deref().unwrap_or(""),
                h.snippet.replace("<mark>", "[").replace("</mark>", "]")
            )?;
        }
    }
    Ok(0)
}

/// `mirsad serve`: blocks until ctrl-c.
pub fn run_serve(a: &ServeArgs) -> anyhow::Result<u8> {
    let store = Arc::new(open_store(&a.dir, 256)?);
    let config = ServeConfig {
        addr: a.addr,
        ingest_token: a
            .ingest_token
            .clone()
            .or_else(|| std::env::var("MIRSAD_INGEST_TOKEN").ok())
            .filter(|t| !t.is_empty()),
        body_limit: a.body_limit_mb.max(1) << 20,
        rate_limit: (a.rate > 0.0).then_some((a.rate, a.burst.max(1.0))),
    };
    if !a.addr.ip().is_loopback() {
        eprintln!("mirsad: warning: serving on {} (not loopback)", a.addr);
    }
    eprintln!(
        "mirsad: serving {} on http://{} ({})",
        a.dir.store.display(),
        a.addr,
        if config.ingest_token.is_some() {
            "ingest enabled"
        } else {
            "read-only"
        }
    );
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?
        .block_on(mirsad_server::serve(store, config))?;
    Ok(0)
}

/// `mirsad export`.
pub fn run_export(a: &ExportArgs) -> anyhow::Result<u8> {
    let format = ExportFormat::parse(&a.format).with_context(|| {
        format!(
            "unknown format {:?} (jsonl, csv, parquet, graphml, gexf)",
            a.format
        )
    })?;
    if format == ExportFormat::Parquet && a.output.is_none() {
        bail!("parquet export needs --output FILE");
    }
    let store = open_store(&a.dir, 256)?;
    let f = EventFilter {
        actor: a.actor.clone(),
        recipient: a.recipient.clone(),
        event_type: a.event_type.clone(),
        quad: a.quad.clone(),
        country: a.country.clone(),
        from: a.from.clone(),
        to: a.to.clone(),
        factuality: a.factuality.clone(),
        facts_only: a.facts_only,
        ..Default::default()
    };
    let n = match &a.output {
        Some(p) => {
            let file =
                std::fs::File::create(p).with_context(|| format!("creating {}", p.display()))?;
            export_filtered(&store, format, &f, BufWriter::new(file))?
        }
        None => export_filtered(&store, format, &f, BufWriter::new(std::io::stdout().lock()))?,
    };
    eprintln!("mirsad: exported {n} records");
    Ok(0)
}

const LOADGEN_ENV: &str = "MIRSAD_BENCH_LOADGEN";
/// Distinct request paths per endpoint: more than a 10 s run sends, so repeats are rare.
const MIX_SIZE: usize = 20_000;

/// `mirsad bench store`: ingest throughput and store size, then search and events latency under
/// `concurrency` clients from a second process on loopback. Prints one JSON object.
pub fn run_bench_store(a: &BenchStoreArgs, analyse: &Analyse) -> anyhow::Result<u8> {
    // the second process: this same command line, re-invoked with the env var set
    if let Ok(spec) = std::env::var(LOADGEN_ENV) {
        let Some((addr, paths_file)) = spec.split_once(' ') else {
            bail!("bad loadgen spec {spec:?}");
        };
        let paths: Vec<String> = std::fs::read_to_string(paths_file)
            .with_context(|| format!("reading {paths_file}"))?
            .lines()
            .map(str::to_string)
            .collect();
        let cpu = mirsad_store::bench::process_cpu_seconds();
        let r = mirsad_server::bench::load(
            addr.parse()?,
            &paths,
            a.concurrency,
            std::time::Duration::from_secs(a.seconds),
        );
        let mut v = serde_json::to_value(&r)?;
        v["client_cpu_seconds"] = (mirsad_store::bench::process_cpu_seconds() - cpu).into();
        println!("{}", serde_json::to_string(&v)?);
        return Ok(0);
    }
    let tmp = tempfile_dir()?;
    let (ingest, dir) = match &a.reuse {
        Some(dir) => (serde_json::Value::Null, dir.clone()),
        None => {
            let dir = a.keep.clone().unwrap_or_else(|| tmp.clone());
            let ingest = bench_ingest(a, analyse, &dir)?;
            (serde_json::to_value(ingest)?, dir)
        }
    };
    let store = Arc::new(Store::open(&dir)?);
    let mut mixes = Vec::new();
    for kind in ["search", "events"] {
        mixes.push((
            kind,
            mirsad_server::bench::mix_paths(&store, kind, MIX_SIZE)?,
        ));
    }
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    let listener = rt.block_on(tokio::net::TcpListener::bind("127.0.0.1:0"))?;
    let addr = listener.local_addr()?;
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let config = ServeConfig {
        rate_limit: None,
        ..Default::default()
    };
    let server = rt.spawn(mirsad_server::serve_on(listener, store, config, async {
        let _ = stopped.await;
    }));
    let mut results = serde_json::Map::new();
    for (kind, paths) in mixes {
        let r = if a.wrk && which("wrk") {
            run_wrk(addr, &paths[0], a)?
        } else {
            let paths_file = tmp.join(format!("{kind}-paths.txt"));
            std::fs::write(&paths_file, paths.join("\n"))?;
            let load_average = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
            // this process does nothing but serve while the second process runs, so its CPU
            // time over that span is the server's: a figure that other jobs on the machine
            // disturb far less than latency
            let server_cpu = mirsad_store::bench::process_cpu_seconds();
            let out = std::process::Command::new(std::env::current_exe()?)
                .args(std::env::args().skip(1))
                .env(LOADGEN_ENV, format!("{addr} {}", paths_file.display()))
                .output()?;
            let server_cpu = mirsad_store::bench::process_cpu_seconds() - server_cpu;
            if !out.status.success() {
                bail!(
                    "load generator failed: {}",
                    String::from_utf8_lossy(&out.stderr)
                );
            }
            let mut r: serde_json::Value = serde_json::from_slice(&out.stdout)?;
            let requests = r["requests"].as_f64().unwrap_or(0.0).max(1.0);
            let client_cpu = r["client_cpu_seconds"].as_f64().unwrap_or(0.0);
            r["server_cpu_seconds"] = server_cpu.into();
            r["server_cpu_ms_per_request"] = (server_cpu * 1000.0 / requests).into();
            r["client_cpu_ms_per_request"] = (client_cpu * 1000.0 / requests).into();
            r["load_average_before"] = load_average.trim().into();
            r
        };
        results.insert(kind.into(), r);
    }
    results.insert(
        "mix".into(),
        serde_json::json!({"distinct_paths_per_endpoint": MIX_SIZE, "seed": 7}),
    );
    let _ = stop.send(());
    let _ = rt.block_on(server);
    let report = serde_json::json!({
        "ingest": ingest,
        "load": results,
        "targets": {"ingest_articles_per_second": 80, "search_p99_ms": 50, "concurrency": a.concurrency},
    });
    println!("{}", serde_json::to_string_pretty(&report)?);
    if a.keep.is_none() {
        let _ = std::fs::remove_dir_all(&tmp);
    }
    Ok(0)
}

/// The timed ingest of `mirsad bench store` into `dir`: analysed JSON Lines, raw inputs
/// (analysed first, untimed) or synthetic documents.
fn bench_ingest(
    a: &BenchStoreArgs,
    analyse: &Analyse,
    dir: &std::path::Path,
) -> anyhow::Result<mirsad_store::bench::IngestBench> {
    let docs: Vec<Document> = if let Some(p) = &a.analysed {
        read_analysed(std::slice::from_ref(p))?.collect::<anyhow::Result<_>>()?
    } else if !a.inputs.is_empty() {
        analyse(&a.inputs)?.collect()
    } else {
        mirsad_store::fixtures::synthetic_docs(a.docs, 1)
    };
    Ok(mirsad_store::bench::bench_ingest(
        dir,
        docs,
        StoreOptions::default(),
    )?)
}

fn tempfile_dir() -> anyhow::Result<PathBuf> {
    let d = std::env::temp_dir().join(format!("mirsad-bench-{}", std::process::id()));
    std::fs::create_dir_all(&d)?;
    Ok(d)
}

fn which(cmd: &str) -> bool {
    std::process::Command::new(cmd)
        .arg("--version")
        .output()
        .is_ok()
}

/// Runs `wrk` over one path (wrk takes a single URL) and parses its latency distribution.
fn run_wrk(addr: SocketAddr, path: &str, a: &BenchStoreArgs) -> anyhow::Result<serde_json::Value> {
    let out = std::process::Command::new("wrk")
        .args([
            "-t2",
            &format!("-c{}", a.concurrency),
            &format!("-d{}s", a.seconds),
            "--latency",
            &format!("http://{addr}{path}"),
        ])
        .output()?;
    let text = String::from_utf8_lossy(&out.stdout).to_string();
    let pct = |p: &str| {
        text.lines()
            .find(|l| l.trim_start().starts_with(p))
            .and_then(|l| l.split_whitespace().nth(1))
            .map(str::to_string)
    };
    Ok(serde_json::json!({
        "tool": "wrk", "path": path, "p50": pct("50%"), "p99": pct("99%"),
        "non_2xx": text.lines().find(|l| l.contains("Non-2xx")).map(str::trim),
        "raw": text,
    }))
}
