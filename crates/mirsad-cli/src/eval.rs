//! `mirsad eval`: quality measured on held-out data, printed as markdown tables.

use anyhow::Context;
use clap::{Args, Subcommand};
use std::path::{Path, PathBuf};

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
    /// Morphosyntax: the CoNLL 2018 shared-task metrics of a system CoNLL-U file against gold
    Ud(crate::cmd_ud::EvalUdArgs),
    /// HTML main-text extraction: word-level P/R/F1 against the expected text of the news
    /// fixtures, and publication-date accuracy where they give a gold date
    Extract {
        /// The news data folder holding `html_fixtures/`
        #[arg(long, default_value = "../shared/data/news")]
        news: PathBuf,
    },
    /// Actor linking on the annotated dev set: per-document actor P/R (micro and macro),
    /// mention linking accuracy and mention-span P/R/F1, on the `tune` and `heldout` halves;
    /// with `--gsr`, country + sector accuracy in the Arabic event GSR's actor spans
    Actors {
        /// The annotated dev set
        #[arg(long, default_value = "devset/articles.dev.jsonl")]
        devset: PathBuf,
        /// The shared data folder (corpora under `data/news`, GSR under `data/events`)
        #[arg(long, default_value = "../shared")]
        shared: PathBuf,
        /// Also score country + sector against `data/events/arabic_event_gsr/*_spans.json`
        #[arg(long)]
        gsr: bool,
        /// Print the mention-level errors of every `tune` document (never of `heldout`)
        #[arg(long)]
        errors: bool,
    },
    /// Events: with `--gsr` (the default) the Arabic event GSR's sentence-level PROTEST/ASSAULT
    /// detection on dev-test; with `--devset [FILE]` document-level event P/R/F1 (strict and
    /// lenient), per-type counts and factuality on the annotated dev set, full default pipeline
    Events {
        /// Score sentence-level detection on the GSR (default when `--devset` is not given)
        #[arg(long)]
        gsr: bool,
        /// Score events on the annotated dev set
        #[arg(long, value_name = "FILE", num_args = 0..=1,
              default_missing_value = "devset/articles.dev.jsonl")]
        devset: Option<PathBuf>,
        /// The shared data folder (corpora under `data/news`, GSR under `data/events`)
        #[arg(long, default_value = "../shared")]
        shared: PathBuf,
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
        EvalTarget::Ud(args) => crate::cmd_ud::run_eval(&args),
        EvalTarget::Extract { news } => {
            let report = mirsad_ingest::eval::extract_report(&news)
                .map_err(|e| anyhow::anyhow!("{}: {e}", news.display()))?;
            println!("{report}");
            Ok(0)
        }
        EvalTarget::Actors {
            devset,
            shared,
            gsr,
            errors,
        } => eval_actors(&devset, &shared, gsr, errors),
        EvalTarget::Events {
            gsr,
            devset,
            shared,
        } => eval_events(gsr || devset.is_none(), devset.as_deref(), &shared),
    }
}

fn eval_events(gsr: bool, devset: Option<&Path>, shared: &Path) -> anyhow::Result<u8> {
    if !shared.join("data").is_dir() {
        println!("skipping: {}/data not found", shared.display());
        return Ok(0);
    }
    if gsr {
        let dir = shared.join("data/events/arabic_event_gsr");
        println!(
            "## Sentence-level detection, Arabic event GSR dev-test ({})\n",
            dir.display()
        );
        println!("{}", crate::eval_events::gsr_table(shared)?);
    }
    if let Some(devset) = devset {
        let articles = mirsad_kb::eval::load_devset(devset).map_err(anyhow::Error::msg)?;
        let report =
            crate::eval_events::evaluate_devset_events(&articles, &shared.join("data/news"));
        for s in &report.skipped {
            eprintln!("skipped {s}");
        }
        println!("## Events, dev set ({})\n", devset.display());
        println!("{}", report.table());
        println!("### Per document\n\n{}", report.doc_lines());
    }
    Ok(0)
}

fn eval_actors(devset: &Path, shared: &Path, gsr: bool, errors: bool) -> anyhow::Result<u8> {
    use mirsad_kb::eval::{evaluate_devset, evaluate_gsr, load_devset, Split};
    use std::sync::Arc;
    let news = shared.join("data/news");
    if !news.is_dir() {
        println!(
            "skipping: {} not found (the dev set's texts live in the shared corpora)",
            news.display()
        );
        return Ok(0);
    }
    let articles = load_devset(devset).map_err(anyhow::Error::msg)?;
    let linker = Arc::new(mirsad_kb::Linker::new(mirsad_kb::Kb::embedded()));
    let report = evaluate_devset(&articles, &news, linker.clone());
    for s in &report.skipped {
        eprintln!("skipped {s}");
    }
    println!(
        "## Actor linking, dev set ({}): text layer + linker\n",
        devset.display()
    );
    println!("{}", report.table());
    // What `mirsad analyze` writes: the NER's names, the events' local subjects and the NER
    // stages after the events add actors the linker alone does not make.
    let pipeline = crate::pipeline::default_pipeline();
    let analyzed = mirsad_kb::eval::evaluate_devset_with(&articles, &news, |doc| {
        pipeline.run(doc);
        Ok(())
    });
    println!(
        "## Actors in `mirsad analyze` output, dev set ({}): the whole pipeline\n",
        devset.display()
    );
    println!("{}", analyzed.table());
    let (fneg, fpos) = report.split(Split::Tune).top_errors(25);
    println!("### tune: most frequent false negatives (gold actors not found)\n");
    for (id, n) in &fneg {
        println!("- {n} × {id}");
    }
    println!("\n### tune: most frequent false positives (predicted, not in gold)\n");
    for (id, n) in &fpos {
        println!("- {n} × {id}");
    }
    if errors {
        println!("\n### tune: mention-level errors\n");
        for d in &report.split(Split::Tune).docs {
            println!("#### {}", d.id);
            for e in &d.mention_errors {
                println!("- {e}");
            }
        }
    }
    if gsr {
        let dir = shared.join("data/events/arabic_event_gsr");
        let rep = evaluate_gsr(&dir, &linker).map_err(anyhow::Error::msg)?;
        println!(
            "\n## Country + sector in the Arabic event GSR ({})\n",
            dir.display()
        );
        println!("{}", rep.table());
        if errors {
            for (gold, toks, got) in &rep.errors {
                println!("- gold {gold} «{toks}» got {got}");
            }
        }
    }
    Ok(0)
}
