//! `mirsad`: the Arabic news observatory on the command line.

use clap::{Parser, Subcommand};
use std::process::ExitCode;

mod analyze;
mod bench;
mod cmd_kb;
mod cmd_morph;
mod cmd_ner;
mod cmd_store;
mod cmd_ud;
mod eval;
mod eval_events;
mod eval_gsr_kb;
mod pipeline;

#[derive(Parser)]
#[command(
    name = "mirsad",
    version,
    about = "Arabic-native news observatory: who did what to whom, when and where — with the source span for every record",
    propagate_version = true
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Analyse documents (txt, HTML, JSON/JSONL[.gz], WARC[.gz], directories, globs, `-` for
    /// stdin) and write one JSON line per document
    Analyze(analyze::AnalyzeArgs),
    /// Analyse inputs and store them (SQLite + full-text index), skipping duplicates
    Ingest(cmd_store::IngestArgs),
    /// Full-text search over the store, with filters and facets
    Search(cmd_store::SearchArgs),
    /// Serve the JSON API (loopback by default)
    Serve(cmd_store::ServeArgs),
    /// Export events (JSON Lines, CSV, Parquet) or the actor graph (GraphML, GEXF)
    Export(cmd_store::ExportArgs),
    /// Tag a token-per-line (CoNLL/BIO) file with the named-entity model
    Ner(cmd_ner::NerArgs),
    /// Train a statistical model from the corpora in ../shared/data
    Train(TrainArgs),
    /// Measure throughput against reference implementations on the same input
    Bench(bench::BenchArgs),
    /// Search, inspect, validate, import and rebuild the actor knowledge base
    Kb(cmd_kb::KbArgs),
    /// Measure quality on held-out evaluation data
    Eval(eval::EvalArgs),
    /// Raw Arabic text → CoNLL-U (sentences, clitic segmentation, tags, lemmas)
    Conllu(cmd_morph::ConlluArgs),
    /// Universal Dependencies data: convert the PADT treebank into the project's UD v2 split
    Ud(cmd_ud::UdArgs),
}

#[derive(clap::Args)]
struct TrainArgs {
    #[command(subcommand)]
    what: TrainTarget,
}

#[derive(Subcommand)]
enum TrainTarget {
    /// The Arabic named-entity model (averaged perceptron, seeded and reproducible)
    Ner(Box<cmd_ner::TrainNerArgs>),
    /// The morphology models (segmenter, tagger, lemmatiser) from converted UD CoNLL-U
    Morph(cmd_morph::TrainMorphArgs),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let outcome = match cli.command {
        Command::Analyze(args) => analyze::run(args),
        Command::Ingest(args) => cmd_store::run_ingest(&args, &analyze::document_stream),
        Command::Search(args) => cmd_store::run_search(&args),
        Command::Serve(args) => cmd_store::run_serve(&args),
        Command::Export(args) => cmd_store::run_export(&args),
        Command::Ner(args) => cmd_ner::run_tag(args),
        Command::Train(TrainArgs {
            what: TrainTarget::Ner(args),
        }) => cmd_ner::run_train(*args),
        Command::Train(TrainArgs {
            what: TrainTarget::Morph(args),
        }) => cmd_morph::run_train(args),
        Command::Conllu(args) => cmd_morph::run_conllu(args),
        Command::Bench(args) => bench::run(args),
        Command::Eval(args) => eval::run(args),
        Command::Ud(args) => cmd_ud::run(args),
        Command::Kb(args) => cmd_kb::run(&args).map(|code| code.clamp(0, 255) as u8),
    };
    match outcome {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            eprintln!("mirsad: error: {e:#}");
            ExitCode::from(1)
        }
    }
}
