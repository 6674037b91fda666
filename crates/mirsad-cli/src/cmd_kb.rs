//! `mirsad kb`: look up, check, extend and rebuild the actor knowledge base.

use anyhow::{bail, Context};
use clap::{Args, Subcommand};
use mirsad_kb::{Kb, Severity};
use std::io::Write;
use std::path::{Path, PathBuf};

#[derive(Args, Debug, Clone)]
pub struct KbArgs {
    /// Read the KB from this directory (with generated/ and curated/) instead of the copy built
    /// into the binary.
    #[arg(long, global = true, value_name = "DIR")]
    pub kb_dir: Option<PathBuf>,
    #[command(subcommand)]
    pub command: KbCommand,
}

#[derive(Subcommand, Debug, Clone)]
pub enum KbCommand {
    /// Actors with a name form equal to NAME (after normalisation), then those containing it.
    Find {
        name: String,
        /// At most this many results.
        #[arg(long, default_value_t = 20)]
        limit: usize,
        /// One JSON object a line instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// One actor as JSON.
    Show { id: String },
    /// Check ids, dates, country codes, office terms and shared forms; exit 1 on errors.
    Validate {
        /// Also print warnings (forms shared by two actors).
        #[arg(long)]
        warnings: bool,
    },
    /// Merge a UniversalPetrarch-format actor dictionary: prints what it adds and extends, and
    /// writes those entries as JSON Lines to --out for review (e.g. into kb/curated/).
    Import {
        dictionary: PathBuf,
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
    /// Regenerate kb/generated from the shared data; --check compares instead of writing.
    Build {
        /// The shared data root (containing data/); default ../shared next to the workspace.
        #[arg(long, value_name = "DIR")]
        shared: Option<PathBuf>,
        /// The KB directory to write (its generated/ is replaced); default ./kb.
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
        /// Build into a temporary directory and fail if it differs from the committed files.
        #[arg(long)]
        check: bool,
    },
}

fn load(args: &KbArgs) -> anyhow::Result<Kb> {
    Ok(match &args.kb_dir {
        Some(d) => Kb::load_dir(d).with_context(|| format!("loading KB from {}", d.display()))?,
        None => Kb::embedded(),
    })
}

/// Runs a `kb` subcommand; returns the process exit code. A reader that stops early
/// (`mirsad kb find … | head -1`) ends the command quietly instead of failing on the closed pipe.
pub fn run(args: &KbArgs) -> anyhow::Result<i32> {
    match run_command(args, &mut std::io::stdout().lock()) {
        Err(e) if is_broken_pipe(&e) => Ok(0),
        r => r,
    }
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

fn run_command(args: &KbArgs, out: &mut impl Write) -> anyhow::Result<i32> {
    match &args.command {
        KbCommand::Find { name, limit, json } => {
            let kb = load(args)?;
            let hits = kb.find(name);
            for (e, form) in hits.iter().take(*limit) {
                if *json {
                    writeln!(out, "{}", serde_json::to_string(e)?)?;
                } else {
                    writeln!(
                        out,
                        "{:<28} {:<14} {:<4} {:<40} {}",
                        e.id,
                        serde_json::to_value(e.kind)?.as_str().unwrap_or(""),
                        e.country.as_deref().unwrap_or("-"),
                        e.name,
                        form
                    )?;
                }
            }
            out.flush()?;
            Ok(if hits.is_empty() { 1 } else { 0 })
        }
        KbCommand::Show { id } => {
            let kb = load(args)?;
            match kb.show(id) {
                Some(e) => {
                    writeln!(out, "{}", serde_json::to_string_pretty(e)?)?;
                    out.flush()?;
                    Ok(0)
                }
                None => {
                    eprintln!("no actor with id {id}");
                    Ok(1)
                }
            }
        }
        KbCommand::Validate { warnings } => {
            let kb = load(args)?;
            let issues = kb.validate();
            let errors = issues
                .iter()
                .filter(|i| i.severity == Severity::Error)
                .count();
            for i in &issues {
                if i.severity == Severity::Error || *warnings {
                    writeln!(out, "{i}")?;
                }
            }
            out.flush()?;
            eprintln!(
                "{} actors, {} name forms: {} errors, {} warnings",
                kb.len(),
                kb.name_form_count(),
                errors,
                issues.len() - errors
            );
            Ok(if errors > 0 { 1 } else { 0 })
        }
        KbCommand::Import { dictionary, out } => {
            let mut kb = load(args)?;
            let incoming = kb.petrarch_entries(dictionary)?;
            let mut lines = String::new();
            for e in &incoming {
                lines.push_str(&serde_json::to_string(e)?);
                lines.push('\n');
            }
            let (added, merged) = kb.merge(incoming);
            eprintln!("{added} new actors, {merged} merged into existing ones");
            if let Some(out) = out {
                std::fs::write(out, lines).with_context(|| format!("writing {}", out.display()))?;
            }
            Ok(0)
        }
        KbCommand::Build { shared, out, check } => {
            let shared = shared.clone().unwrap_or_else(|| PathBuf::from("../shared"));
            if !shared.join("data").is_dir() {
                bail!("{}: no data/ directory (pass --shared)", shared.display());
            }
            let kb_dir = out.clone().unwrap_or_else(|| PathBuf::from("kb"));
            if *check {
                let tmp =
                    std::env::temp_dir().join(format!("mirsad-kb-check-{}", std::process::id()));
                let gen = tmp.join("generated");
                std::fs::create_dir_all(&gen)?;
                // the generator reads curated entries from ../curated of its output
                copy_dir(&kb_dir.join("curated"), &tmp.join("curated"))?;
                mirsad_kb::build::build_from_shared(&shared, &gen)?;
                let mut differ = Vec::new();
                for f in ["actors.jsonl", "build_log.txt", "first_names.txt"] {
                    let a = std::fs::read(gen.join(f))?;
                    let b = std::fs::read(kb_dir.join("generated").join(f)).unwrap_or_default();
                    if a != b {
                        differ.push(f);
                    }
                }
                std::fs::remove_dir_all(&tmp).ok();
                if differ.is_empty() {
                    eprintln!("kb/generated is up to date");
                    Ok(0)
                } else {
                    eprintln!(
                        "kb/generated differs from a fresh build: {}",
                        differ.join(", ")
                    );
                    Ok(1)
                }
            } else {
                let r = mirsad_kb::build::build_from_shared(&shared, &kb_dir.join("generated"))?;
                eprintln!(
                    "{} generated actors ({} lines of build log)",
                    r.actors, r.log_lines
                );
                Ok(0)
            }
        }
    }
}

fn copy_dir(from: &Path, to: &Path) -> anyhow::Result<()> {
    std::fs::create_dir_all(to)?;
    if from.is_dir() {
        for e in std::fs::read_dir(from)? {
            let p = e?.path();
            if p.is_file() {
                std::fs::copy(&p, to.join(p.file_name().unwrap_or_default()))?;
            }
        }
    }
    Ok(())
}
