//! Runs the `mirsad` NER subcommands before they are wired into the CLI binary. It compiles the
//! CLI's own `cmd_ner.rs`, so what is measured here is what `mirsad train ner` / `eval ner` /
//! `ner` will run:
//!
//!     cargo run --release -p mirsad-ner --example ner -- train --extra aqmar
//!     cargo run --release -p mirsad-ner --example ner -- eval --gold anercorp-dev
//!     cargo run --release -p mirsad-ner --example ner -- tag --conll FILE

#[path = "../../mirsad-cli/src/cmd_ner.rs"]
mod cmd_ner;

use clap::{Parser, Subcommand};

#[derive(Parser)]
struct Cli {
    #[command(subcommand)]
    cmd: Cmd,
}

#[derive(Subcommand)]
enum Cmd {
    Train(Box<cmd_ner::TrainNerArgs>),
    Eval(cmd_ner::EvalNerArgs),
    Tag(cmd_ner::NerArgs),
}

fn main() -> std::process::ExitCode {
    let r = match Cli::parse().cmd {
        Cmd::Train(a) => cmd_ner::run_train(*a),
        Cmd::Eval(a) => cmd_ner::run_eval(a),
        Cmd::Tag(a) => cmd_ner::run_tag(a),
    };
    match r {
        Ok(c) => std::process::ExitCode::from(c),
        Err(e) => {
            eprintln!("ner: error: {e:#}");
            std::process::ExitCode::from(1)
        }
    }
}
