//! `mirsad ud convert`: the PADT v1 files → clean UD v2 train/dev split.

use anyhow::Context;
use clap::{Args, Subcommand};
use mirsad_morph::{conllu, convert, eval};
use std::path::{Path, PathBuf};

#[derive(Args, Debug)]
pub struct UdArgs {
    #[command(subcommand)]
    pub what: UdCommand,
}

#[derive(Subcommand, Debug)]
pub enum UdCommand {
    /// Convert the legacy PADT (UD v1) files into UD v2 with written tokens, multiword-token
    /// lines and `# text`, split by document (index % 5 == 4 → dev): writes train.conllu,
    /// dev.conllu and dev.txt (raw dev text, one line per document)
    Convert {
        /// Folder holding ar-ud-dev.conllu and ar-ud-test.conllu (UD v1)
        #[arg(long, default_value = "../shared/data/ud/padt-v1")]
        padt: PathBuf,
        /// Output folder (created); the data is CC BY-NC-SA: keep it out of the repository
        #[arg(long, default_value = "target/ud")]
        out: PathBuf,
    },
    /// Print a seeded random sample of written tokens of the converted data with the vocalised
    /// words they were rebuilt from and their neighbours, for checking the reconstruction by hand
    Sample {
        /// Folder written by `mirsad ud convert` (train.conllu and dev.conllu are sampled)
        #[arg(long, default_value = "target/ud")]
        data: PathBuf,
        #[arg(long, default_value_t = 200)]
        n: usize,
        #[arg(long, default_value_t = 9)]
        seed: u64,
        /// Sample only tokens made of several words (the ones the rules had to build)
        #[arg(long)]
        multiword: bool,
    },
}

/// The PADT v1 files in the order the split numbers their documents.
pub const PADT_FILES: [&str; 2] = ["ar-ud-dev.conllu", "ar-ud-test.conllu"];

pub fn run(args: UdArgs) -> anyhow::Result<u8> {
    match args.what {
        UdCommand::Convert { padt, out } => run_convert(&padt, &out),
        UdCommand::Sample {
            data,
            n,
            seed,
            multiword,
        } => run_sample(&data, n, seed, multiword),
    }
}

fn run_convert(padt: &Path, out: &Path) -> anyhow::Result<u8> {
    let mut sources = Vec::new();
    for name in PADT_FILES {
        sources.extend(conllu::read_file(&padt.join(name))?);
    }
    let split = convert::convert_and_split(&sources).map_err(|e| anyhow::anyhow!("{e}"))?;
    std::fs::create_dir_all(out).with_context(|| format!("creating {}", out.display()))?;
    let write = |name: &str, text: &str| -> anyhow::Result<()> {
        let path = out.join(name);
        std::fs::write(&path, text).with_context(|| format!("writing {}", path.display()))
    };
    write("train.conllu", &conllu::to_string(&split.train))?;
    write("dev.conllu", &conllu::to_string(&split.dev))?;
    write("dev.txt", &split.dev_text)?;
    let count = |sentences: &[conllu::Sentence]| -> (usize, usize, usize) {
        let words = sentences.iter().map(|s| s.words.len()).sum();
        let tokens = sentences.iter().map(|s| s.surface_tokens().len()).sum();
        (sentences.len(), tokens, words)
    };
    for (name, documents, sentences) in [
        ("train", split.train_documents, &split.train),
        ("dev", split.dev_documents, &split.dev),
    ] {
        let (s, t, w) = count(sentences);
        println!("{name}: {documents} documents, {s} sentences, {t} tokens, {w} words");
    }
    println!("written to {}", out.display());
    Ok(0)
}

/// splitmix64: a seeded, dependency-free generator; the sample only needs to be reproducible.
fn next_random(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

fn run_sample(data: &Path, n: usize, seed: u64, multiword: bool) -> anyhow::Result<u8> {
    let mut sentences = conllu::read_file(&data.join("train.conllu"))?;
    sentences.extend(conllu::read_file(&data.join("dev.conllu"))?);
    let positions: Vec<(usize, usize)> = sentences
        .iter()
        .enumerate()
        .flat_map(|(s, sentence)| {
            sentence
                .surface_tokens()
                .into_iter()
                .enumerate()
                .filter(|(_, token)| !multiword || token.first < token.last)
                .map(move |(t, _)| (s, t))
        })
        .collect();
    anyhow::ensure!(!positions.is_empty(), "no tokens in {}", data.display());
    let mut state = seed;
    let mut chosen = std::collections::BTreeSet::new();
    while chosen.len() < n.min(positions.len()) {
        chosen.insert((next_random(&mut state) % positions.len() as u64) as usize);
    }
    println!("#\ttoken\tvocalised words\tUPOS\tcontext");
    for (k, &index) in chosen.iter().enumerate() {
        let (s, t) = positions[index];
        let sentence = &sentences[s];
        let tokens = sentence.surface_tokens();
        let token = tokens[t];
        let words = &sentence.words[token.first - 1..token.last];
        let vocalised: Vec<&str> = words
            .iter()
            .map(|w| {
                w.misc
                    .split('|')
                    .find_map(|f| f.strip_prefix("Vform="))
                    .unwrap_or(&w.form)
            })
            .collect();
        let upos: Vec<&str> = words.iter().map(|w| w.upos.as_str()).collect();
        // Neighbours as written, with the spacing the conversion chose.
        let gap = |misc: &str| {
            if conllu::Sentence::no_space_after(misc) {
                ""
            } else {
                " "
            }
        };
        let before = t.checked_sub(1).map_or(String::new(), |p| {
            format!("{}{}", tokens[p].form, gap(tokens[p].misc))
        });
        let after = tokens.get(t + 1).map_or(String::new(), |next| {
            format!("{}{}", gap(token.misc), next.form)
        });
        println!(
            "{}\t{}\t{}\t{}\t{before}[{}]{after}",
            k + 1,
            token.form,
            vocalised.join(" + "),
            upos.join("+"),
            token.form,
        );
    }
    Ok(0)
}

#[derive(Args, Debug)]
pub struct EvalUdArgs {
    /// Gold CoNLL-U (e.g. target/ud/dev.conllu from `mirsad ud convert`)
    #[arg(long)]
    pub gold: PathBuf,
    /// System CoNLL-U over the same text; without it, mirsad's own analyzer is run on the gold
    /// file's raw text (and, with `--gold-tokens`, on its gold words)
    #[arg(long)]
    pub system: Option<PathBuf>,
    /// Without `--system`: give the analyzer the gold tokenisation instead of raw text
    #[arg(long)]
    pub gold_tokens: bool,
    /// Print the scores as JSON instead of a table
    #[arg(long)]
    pub json: bool,
}

pub fn run_eval(args: &EvalUdArgs) -> anyhow::Result<u8> {
    let gold = conllu::read_file(&args.gold)?;
    let gold_name = args.gold.display().to_string();
    let (system, system_name) = match &args.system {
        Some(path) => (conllu::read_file(path)?, path.display().to_string()),
        None if args.gold_tokens => (analyze_gold_words(&gold)?, "mirsad (gold words)".into()),
        None => (
            analyze_raw_text(&eval::raw_text(&gold))?,
            "mirsad (raw text)".into(),
        ),
    };
    let scores = eval::evaluate(&gold, &system, &gold_name, &system_name)?;
    if args.json {
        let metrics: serde_json::Map<String, serde_json::Value> = scores
            .metrics
            .iter()
            .map(|(name, s)| {
                let value = serde_json::json!({
                    "gold": s.gold, "system": s.system, "correct": s.correct,
                    "precision": s.precision(), "recall": s.recall(), "f1": s.f1(),
                    "aligned_accuracy": s.aligned_accuracy(),
                });
                (name.clone(), value)
            })
            .collect();
        println!("{}", serde_json::Value::Object(metrics));
    } else {
        print!("{}", scores.table());
    }
    Ok(0)
}

/// Raw text → CoNLL-U by mirsad's own morphosyntax (sentences, tokens, segmentation, tags,
/// lemmas, parse): the embedded models of mirsad-morph.
pub fn analyze_raw_text(text: &str) -> anyhow::Result<Vec<conllu::Sentence>> {
    crate::cmd_morph::analyze_raw_text(text)
}

/// Gold sentences and words → the same words tagged, lemmatised and parsed by mirsad (the
/// gold-tokenisation setting).
pub fn analyze_gold_words(gold: &[conllu::Sentence]) -> anyhow::Result<Vec<conllu::Sentence>> {
    crate::cmd_morph::analyze_gold_words(gold)
}
