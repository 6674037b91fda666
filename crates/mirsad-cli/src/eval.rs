//! `mirsad eval`: quality measured on held-out data, printed as markdown tables.

use anyhow::Context;
use clap::{Args, Subcommand};
use std::path::PathBuf;

#[derive(Args, Debug)]
pub struct EvalArgs {
    #[command(subcommand)]
    pub what: EvalTarget,
}

#[derive(Subcommand, Debug)]
pub enum EvalTarget {
    /// Temporal expressions: accuracy by category on a hand-written suite (span, type and value
    /// must all match)
    Time {
        /// Suite files (TSV); default: the project's dev and held-out test suites
        #[arg(value_name = "SUITE")]
        suites: Vec<PathBuf>,
    },
    /// Named entities: CoNLL exact-match P/R/F1 per type and micro
    Ner(crate::cmd_ner::EvalNerArgs),
    /// HTML main-text extraction: word-level P/R/F1 against the expected text of the news
    /// fixtures, and publication-date accuracy where they give a gold date
    Extract {
        /// The news data folder holding `html_fixtures/`
        #[arg(long, default_value = "../shared/data/news")]
        news: PathBuf,
    },
}

fn repo_path(rel: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .join(rel)
}

pub fn run(args: EvalArgs) -> anyhow::Result<u8> {
    match args.what {
        EvalTarget::Time { suites } => {
            let suites = if suites.is_empty() {
                vec![
                    repo_path("crates/mirsad-time/eval/suite_dev.tsv"),
                    repo_path("crates/mirsad-time/eval/suite_test.tsv"),
                ]
            } else {
                suites
            };
            for suite in suites {
                let report = mirsad_time::eval_suite(&suite)
                    .with_context(|| format!("cannot read suite {}", suite.display()))?;
                println!("## {}\n\n{report}", suite.display());
            }
            Ok(0)
        }
        EvalTarget::Ner(args) => crate::cmd_ner::run_eval(args),
        EvalTarget::Extract { news } => {
            let report = mirsad_ingest::eval::extract_report(&news)
                .map_err(|e| anyhow::anyhow!("{}: {e}", news.display()))?;
            println!("{report}");
            Ok(0)
        }
    }
}
