//! `mirsad analyze`: inputs → documents → pipeline → JSON Lines, in input order, on all cores,
//! with memory bounded by a fixed window of documents in flight.

use crate::pipeline::{default_pipeline, pipeline_with_tokens};
use anyhow::Context;
use clap::Args;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use mirsad_core::Document;
use mirsad_ingest::{expand_inputs, read_all, IngestItem, IngestOptions};
use rayon::prelude::*;
use std::io::{BufWriter, IsTerminal, Write};
use std::path::PathBuf;
use std::sync::mpsc::{sync_channel, Receiver};
use std::thread::JoinHandle;

/// How many errors (and skipped inputs) are listed; the rest are counted.
const ERRORS_SHOWN: usize = 10;

#[derive(Args, Debug)]
pub struct AnalyzeArgs {
    /// Input files, directories (recursive), glob patterns, or `-` for standard input
    #[arg(value_name = "PATHS")]
    pub paths: Vec<String>,
    /// Publication date (YYYY-MM-DD) for documents whose input carries none
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub published: Option<String>,
    /// Write JSON Lines here instead of standard output
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Include the token layer in the output
    #[arg(long)]
    pub tokens: bool,
    /// Keep documents that are not mainly Arabic instead of skipping them
    #[arg(long)]
    pub keep_non_arabic: bool,
    /// Worker threads (default: all cores)
    #[arg(long, short = 'j')]
    pub threads: Option<usize>,
    /// Documents in flight at once; bounds memory independently of corpus size
    #[arg(long, default_value_t = 512)]
    pub window: usize,
    /// Largest document accepted, in MB
    #[arg(long, default_value_t = 50)]
    pub max_doc_mb: usize,
    /// No progress bar
    #[arg(long, short)]
    pub quiet: bool,
}

fn parse_date(s: &str) -> Result<String, String> {
    let b = s.as_bytes();
    let shape = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    let month: u32 = s.get(5..7).and_then(|m| m.parse().ok()).unwrap_or(0);
    let day: u32 = s.get(8..10).and_then(|d| d.parse().ok()).unwrap_or(0);
    if shape && (1..=12).contains(&month) && (1..=31).contains(&day) {
        Ok(s.to_string())
    } else {
        Err(format!("`{s}` is not a date of the form YYYY-MM-DD"))
    }
}

/// What one input item became.
enum Outcome {
    Line(String),
    Skipped(String),
    Failed(String),
}

#[derive(Default)]
struct Tally {
    ok: usize,
    skipped: usize,
    failed: usize,
    errors: Vec<String>,
}

impl Tally {
    fn fail(&mut self, message: String) {
        self.failed += 1;
        if self.errors.len() < ERRORS_SHOWN {
            self.errors.push(message);
        }
    }
}

pub fn run(args: AnalyzeArgs) -> anyhow::Result<u8> {
    let mut paths = args.paths.clone();
    if paths.is_empty() {
        if std::io::stdin().is_terminal() {
            eprintln!("mirsad analyze: no input given (pass PATHS, or `-` to read standard input); see --help");
            return Ok(2);
        }
        paths.push("-".into());
    }
    if let Some(n) = args.threads {
        // a second call (tests in one process) keeps the first pool; that is fine
        let _ = rayon::ThreadPoolBuilder::new()
            .num_threads(n)
            .build_global();
    }
    let window = args.window.max(1);
    let opts = IngestOptions {
        keep_non_arabic: args.keep_non_arabic,
        default_published: args.published.clone(),
        max_doc_bytes: args.max_doc_mb.saturating_mul(1 << 20),
        ..IngestOptions::default()
    };
    let pipeline = pipeline_with_tokens(args.tokens);

    let mut out: Box<dyn Write> = match &args.output {
        Some(p) => Box::new(BufWriter::new(
            std::fs::File::create(p).with_context(|| format!("cannot create {}", p.display()))?,
        )),
        None => Box::new(BufWriter::new(std::io::stdout().lock())),
    };

    let progress = if !args.quiet && std::io::stderr().is_terminal() {
        let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
        bar.set_style(
            ProgressStyle::with_template("{spinner} {pos} documents  {per_sec}  {elapsed}  {msg}")
                .expect("static template"),
        );
        bar
    } else {
        ProgressBar::hidden()
    };

    let mut tally = Tally::default();
    let (sources, discovery_errors) = expand_inputs(&paths);
    for e in discovery_errors {
        tally.fail(e.to_string());
    }

    let (rx, reader) = spawn_reader(sources, opts, window);
    let include_tokens = args.tokens;
    for batch in rx {
        let outcomes: Vec<Outcome> = batch
            .into_par_iter()
            .map(|item| analyse_item(item, &pipeline, include_tokens))
            .collect();
        for outcome in outcomes {
            match outcome {
                Outcome::Line(line) => {
                    out.write_all(line.as_bytes())?;
                    out.write_all(b"\n")?;
                    tally.ok += 1;
                }
                Outcome::Skipped(why) => {
                    tally.skipped += 1;
                    if tally.skipped <= ERRORS_SHOWN {
                        progress.suspend(|| eprintln!("mirsad analyze: skipped {why}"));
                    } else if tally.skipped == ERRORS_SHOWN + 1 {
                        progress.suspend(|| {
                            eprintln!("mirsad analyze: further skipped inputs are only counted")
                        });
                    }
                }
                Outcome::Failed(message) => tally.fail(message),
            }
            progress.inc(1);
        }
    }
    reader
        .join()
        .map_err(|_| anyhow::anyhow!("input reader thread failed"))?;
    out.flush()?;
    progress.finish_and_clear();

    eprintln!(
        "mirsad analyze: {} ok, {} failed, {} skipped",
        tally.ok, tally.failed, tally.skipped
    );
    for e in &tally.errors {
        eprintln!("  error: {e}");
    }
    if tally.failed > tally.errors.len() {
        eprintln!("  … and {} more errors", tally.failed - tally.errors.len());
    }
    Ok(if tally.failed > 0 { 1 } else { 0 })
}

/// Reading (I/O, decompression, extraction) runs on its own thread, one window ahead of the
/// workers; the bounded channel is what keeps memory independent of corpus size.
fn spawn_reader(
    sources: Vec<mirsad_ingest::InputSource>,
    opts: IngestOptions,
    window: usize,
) -> (Receiver<Vec<IngestItem>>, JoinHandle<()>) {
    let (tx, rx) = sync_channel::<Vec<IngestItem>>(1);
    let handle = std::thread::spawn(move || {
        let mut batch = Vec::with_capacity(window);
        for item in read_all(sources, &opts) {
            batch.push(item);
            if batch.len() == window && tx.send(std::mem::take(&mut batch)).is_err() {
                return;
            }
        }
        if !batch.is_empty() {
            let _ = tx.send(batch);
        }
    });
    (rx, handle)
}

/// Raw inputs → analysed documents, lazily and in input order, for `mirsad ingest`: the same
/// reader thread and parallel windows as `analyze`, with failures and skips reported on stderr
/// as they happen (the store keeps going with the next document).
pub fn document_stream(
    paths: &[String],
) -> anyhow::Result<Box<dyn Iterator<Item = Document> + Send>> {
    const WINDOW: usize = 512;
    let (sources, discovery_errors) = expand_inputs(paths);
    for e in discovery_errors {
        eprintln!("mirsad: error: {e}");
    }
    let (rx, _reader) = spawn_reader(sources, IngestOptions::default(), WINDOW);
    let pipeline = std::sync::Arc::new(default_pipeline());
    let docs = rx.into_iter().flat_map(move |batch| {
        let pipeline = pipeline.clone();
        let analysed: Vec<Option<Document>> = batch
            .into_par_iter()
            .map(|item| match item {
                IngestItem::Doc(raw) => {
                    let mut doc = analyse_raw(raw, &pipeline);
                    doc.tokens = None;
                    Some(doc)
                }
                IngestItem::Skipped { origin, reason } => {
                    eprintln!("mirsad: skipped {origin}: {reason}");
                    None
                }
                IngestItem::Failed(e) => {
                    eprintln!("mirsad: error: {e}");
                    None
                }
            })
            .collect();
        analysed.into_iter().flatten()
    });
    Ok(Box::new(docs))
}

/// One document read by the ingest layer, through every stage.
fn analyse_raw(raw: mirsad_ingest::RawDocument, pipeline: &mirsad_core::Pipeline) -> Document {
    let mut doc = Document::new(raw.meta, raw.text, raw.language);
    doc.warnings = raw.warnings;
    pipeline.run(&mut doc);
    doc
}

fn analyse_item(item: IngestItem, pipeline: &mirsad_core::Pipeline, tokens: bool) -> Outcome {
    match item {
        IngestItem::Doc(raw) => {
            let mut doc = analyse_raw(raw, pipeline);
            if !tokens {
                doc.tokens = None;
            }
            match serde_json::to_string(&doc) {
                Ok(line) => Outcome::Line(line),
                Err(e) => Outcome::Failed(format!("{}: cannot serialise: {e}", doc.id)),
            }
        }
        IngestItem::Skipped { origin, reason } => Outcome::Skipped(format!("{origin}: {reason}")),
        IngestItem::Failed(e) => Outcome::Failed(e.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::parse_date;

    #[test]
    fn dates_are_validated() {
        assert!(parse_date("2018-05-17").is_ok());
        assert!(parse_date("2018-13-01").is_err());
        assert!(parse_date("17/5/2018").is_err());
    }
}
