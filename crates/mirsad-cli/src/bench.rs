//! `mirsad bench`: throughput of mirsad's stages next to reference implementations, measured in
//! the same run on the same bytes, single-threaded (figures are per core).

use anyhow::{bail, Context};
use clap::{Args, Subcommand};
use std::path::{Path, PathBuf};
use std::time::Instant;

#[derive(Args, Debug)]
pub struct BenchArgs {
    #[command(subcommand)]
    pub what: BenchTarget,
}

#[derive(Subcommand, Debug)]
pub enum BenchTarget {
    /// decode + normalise + sentences + tokens, against charabia and pyarabic
    Text(CorpusArgs),
    /// The text layer (decode + TextStage) against text layer + actor linking (KbStage):
    /// linking may add at most 20%
    Actors(CorpusArgs),
    /// Store: ingest throughput and bytes per 1,000 articles, then search and events latency
    /// under concurrent load from a second process on loopback
    Store(crate::cmd_store::BenchStoreArgs),
}

#[derive(Args, Debug)]
pub struct CorpusArgs {
    /// Corpus: a directory of SaudiNewsNet-style JSON arrays, or JSON Lines with a `text`/`content` field
    #[arg(long, default_value = "../shared/data/news/saudinewsnet/json")]
    pub input: PathBuf,
    /// Use only the first N MB of article text
    #[arg(long, default_value_t = 20)]
    pub limit_mb: usize,
    /// Timed passes over the corpus; the best pass is reported
    #[arg(long, default_value_t = 3)]
    pub passes: usize,
    /// Skip the Python anchor (pyarabic)
    #[arg(long)]
    pub no_python: bool,
    /// `actors` only: time just this layer (`text` or `actors`), for `perf stat` comparisons
    #[arg(long, hide = true)]
    pub only: Option<String>,
}

pub fn run(args: BenchArgs) -> anyhow::Result<u8> {
    match args.what {
        BenchTarget::Text(a) => bench_text(&a),
        BenchTarget::Actors(a) => bench_actors(&a),
        BenchTarget::Store(a) => {
            crate::cmd_store::run_bench_store(&a, &crate::analyze::document_stream)
        }
    }
}

/// The benchmark corpus and its size in MB, announced on stderr.
fn corpus(args: &CorpusArgs) -> anyhow::Result<(Vec<Vec<u8>>, f64)> {
    let docs = load_corpus(&args.input, args.limit_mb << 20)?;
    let mb = docs.iter().map(Vec::len).sum::<usize>() as f64 / 1e6;
    eprintln!(
        "corpus: {} documents, {:.1} MB from {}",
        docs.len(),
        mb,
        args.input.display()
    );
    Ok((docs, mb))
}

/// Loads article bodies as raw UTF-8 bytes (decoding is part of what is measured).
fn load_corpus(input: &Path, limit_bytes: usize) -> anyhow::Result<Vec<Vec<u8>>> {
    let mut files: Vec<PathBuf> = if input.is_dir() {
        std::fs::read_dir(input)
            .with_context(|| format!("cannot list {}", input.display()))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| {
                matches!(
                    p.extension().and_then(|e| e.to_str()),
                    Some("json" | "jsonl")
                )
            })
            .collect()
    } else {
        vec![input.to_path_buf()]
    };
    files.sort();
    if files.is_empty() {
        bail!("no .json/.jsonl files in {}", input.display());
    }
    let mut docs = Vec::new();
    let mut total = 0usize;
    'files: for file in files {
        let raw =
            std::fs::read(&file).with_context(|| format!("cannot read {}", file.display()))?;
        let values: Vec<serde_json::Value> = match serde_json::from_slice(&raw) {
            Ok(serde_json::Value::Array(a)) => a,
            Ok(v) => vec![v],
            Err(_) => raw
                .split(|&b| b == b'\n')
                .filter_map(|l| serde_json::from_slice(l).ok())
                .collect(),
        };
        for v in values {
            let body = v
                .get("content")
                .or_else(|| v.get("text"))
                .and_then(|t| t.as_str());
            if let Some(body) = body {
                total += body.len();
                docs.push(body.as_bytes().to_vec());
                if total >= limit_bytes {
                    break 'files;
                }
            }
        }
    }
    Ok(docs)
}

struct Row {
    name: String,
    what: String,
    timing: Timing,
}

/// Best pass of a single-threaded run: wall-clock seconds and the CPU seconds of the thread.
/// Per-core throughput is bytes over CPU time, which stays meaningful when other processes share
/// the cores; wall time is printed beside it so a quiet machine can be told from a busy one.
#[derive(Clone, Copy)]
struct Timing {
    wall: f64,
    cpu: f64,
}

fn thread_cpu_seconds() -> f64 {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: clock_gettime writes into the timespec we own; CLOCK_THREAD_CPUTIME_ID is always
    // available on Linux.
    unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) };
    ts.tv_sec as f64 + ts.tv_nsec as f64 * 1e-9
}

fn best_of<F: FnMut() -> usize>(passes: usize, mut f: F) -> Timing {
    let mut best = Timing {
        wall: f64::INFINITY,
        cpu: f64::INFINITY,
    };
    for _ in 0..passes.max(1) {
        let (t, c) = (Instant::now(), thread_cpu_seconds());
        std::hint::black_box(f());
        best.cpu = best.cpu.min(thread_cpu_seconds() - c);
        best.wall = best.wall.min(t.elapsed().as_secs_f64());
    }
    best
}

fn bench_text(args: &CorpusArgs) -> anyhow::Result<u8> {
    use mirsad_text::decode::{decode, DecodeHint};
    use mirsad_text::{normalize, split_sentences, tokenize, NormalizeOptions};

    let (docs, mb) = corpus(args)?;
    let mut rows = Vec::new();

    let hint = DecodeHint::default();
    let timing = best_of(args.passes, || {
        let mut n = 0;
        for d in &docs {
            let decoded = decode(d, &hint);
            let view = normalize(&decoded.text, &NormalizeOptions::default());
            n += view.text.len();
            n += split_sentences(&decoded.text).len();
            n += tokenize(&decoded.text).len();
        }
        n
    });
    rows.push(Row {
        name: "mirsad".into(),
        what: "decode + normalise (with offset map) + sentences + tokens".into(),
        timing,
    });

    let timing = best_of(args.passes, || {
        use charabia::Tokenize;
        let mut n = 0;
        for d in &docs {
            let text = String::from_utf8_lossy(d);
            n += text.as_ref().tokenize().count();
        }
        n
    });
    rows.push(Row {
        name: "charabia 0.10".into(),
        what: "UTF-8 + segment + normalise (its Arabic pipeline)".into(),
        timing,
    });

    if !args.no_python {
        match pyarabic_anchor(&docs, args.passes) {
            Ok(timing) => rows.push(Row {
                name: "pyarabic".into(),
                what: "UTF-8 + strip tashkeel/tatweel + normalise hamza/ligatures + sentences + tokenize".into(),
                timing,
            }),
            Err(e) => eprintln!("pyarabic anchor skipped: {e:#}"),
        }
    }

    println!(
        "| implementation | work | MB | wall s (best of {}) | CPU s (best of {}) | MB/s per core (CPU) |",
        args.passes, args.passes
    );
    println!("|---|---|---:|---:|---:|---:|");
    for r in &rows {
        println!(
            "| {} | {} | {:.1} | {:.3} | {:.3} | {:.1} |",
            r.name,
            r.what,
            mb,
            r.timing.wall,
            r.timing.cpu,
            mb / r.timing.cpu
        );
    }
    Ok(0)
}

fn bench_actors(args: &CorpusArgs) -> anyhow::Result<u8> {
    use mirsad_core::{Document, Metadata, Stage};
    use mirsad_text::decode::{decode, DecodeHint};
    use mirsad_text::TextStage;

    let (docs, mb) = corpus(args)?;
    let t = Instant::now();
    let kb_stage = mirsad_kb::KbStage::embedded();
    eprintln!(
        "KB and linker built in {:.2} s (once per process, not timed below)",
        t.elapsed().as_secs_f64()
    );
    let text_stage = TextStage::default();
    let hint = DecodeHint::default();
    let run = |with_kb: bool| {
        let mut n = 0;
        for (i, d) in docs.iter().enumerate() {
            let decoded = decode(d, &hint);
            let meta = Metadata {
                id: i.to_string(),
                title: None,
                url: None,
                source: None,
                published: Some("2015-08-01".into()),
            };
            let mut doc = Document::new(meta, decoded.text, "ar");
            text_stage.process(&mut doc).expect("text stage");
            if with_kb {
                kb_stage.process(&mut doc).expect("actors stage");
            }
            n += doc.sentences.len() + doc.tokens.as_ref().map_or(0, Vec::len);
            n += doc.entities.len() + doc.actors.len();
        }
        n
    };
    // Interleave the two so that load changes on a shared machine hit both alike.
    let (mut text, mut kb) = (
        Timing {
            wall: f64::INFINITY,
            cpu: f64::INFINITY,
        },
        Timing {
            wall: f64::INFINITY,
            cpu: f64::INFINITY,
        },
    );
    let (mut c_text, mut c_kb) = (0, 0);
    for _ in 0..args.passes.max(1) {
        for with_kb in [false, true] {
            if args
                .only
                .as_deref()
                .is_some_and(|o| (o == "actors") != with_kb)
            {
                continue;
            }
            let mut count = 0;
            let t = best_of(1, || {
                count = run(with_kb);
                count
            });
            let slot = if with_kb { &mut kb } else { &mut text };
            slot.wall = slot.wall.min(t.wall);
            slot.cpu = slot.cpu.min(t.cpu);
            if with_kb {
                c_kb = count;
            } else {
                c_text = count;
            }
        }
    }
    let (w_text, w_kb, t_text, t_kb) = (text.wall, kb.wall, text.cpu, kb.cpu);
    eprintln!(
        "wall clock, best of {}: text layer {w_text:.3} s, + linking {w_kb:.3} s ({:+.1}%)",
        args.passes,
        (w_kb - w_text) / w_text * 100.0
    );
    let entities = c_kb - c_text;
    println!(
        "| work | MB | best of {} (CPU s) | MB/s per core |",
        args.passes
    );
    println!("|---|---:|---:|---:|");
    println!(
        "| text layer: decode + TextStage (sentences, tokens) | {mb:.1} | {t_text:.3} | {:.1} |",
        mb / t_text
    );
    println!(
        "| text layer + KbStage (actor linking) | {mb:.1} | {t_kb:.3} | {:.1} |",
        mb / t_kb
    );
    println!(
        "\nlinking overhead: {:+.1}% of the text layer's time (target ≤ 20%); {entities} entities + actors",
        (t_kb - t_text) / t_text * 100.0
    );
    Ok(0)
}

/// Runs `scripts/bench_pyarabic.py` on the same documents and returns its best pass.
fn pyarabic_anchor(docs: &[Vec<u8>], passes: usize) -> anyhow::Result<Timing> {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../scripts/bench_pyarabic.py");
    let dir = std::env::temp_dir().join(format!("mirsad-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    let corpus = dir.join("corpus.jsonl");
    {
        use std::io::Write;
        let mut f = std::io::BufWriter::new(std::fs::File::create(&corpus)?);
        for d in docs {
            let text = String::from_utf8_lossy(d);
            serde_json::to_writer(&mut f, &serde_json::json!({ "text": text }))?;
            f.write_all(b"\n")?;
        }
    }
    let out = std::process::Command::new("python3")
        .arg(&script)
        .arg(&corpus)
        .arg(passes.to_string())
        .output()
        .context("cannot run python3")?;
    let _ = std::fs::remove_dir_all(&dir);
    if !out.status.success() {
        bail!("{}", String::from_utf8_lossy(&out.stderr).trim());
    }
    let stdout = String::from_utf8_lossy(&out.stdout);
    let field = |key: &str| -> anyhow::Result<f64> {
        stdout
            .lines()
            .find_map(|l| l.strip_prefix(key))
            .and_then(|v| v.trim().parse().ok())
            .with_context(|| format!("python anchor printed no `{key}` line"))
    };
    Ok(Timing {
        wall: field("best_wall ")?,
        cpu: field("best_cpu ")?,
    })
}
