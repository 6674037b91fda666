//! `mirsad conllu [FILES]` (raw text → CoNLL-U) and `mirsad train morph`: the command-line side
//! of mirsad-morph's analyzer. The work is done in the library.

use anyhow::{bail, Context};
use mirsad_morph::analyzer::{Analyzer, TrainOptions};
use mirsad_morph::conllu::{self, Sentence};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::time::Instant;

#[derive(clap::Args, Debug, Clone)]
pub struct ConlluArgs {
    /// Raw UTF-8 text files (one paragraph per line or free text); none or `-` reads stdin.
    /// With --gold-tokens: CoNLL-U files whose written tokens are re-analysed.
    pub files: Vec<PathBuf>,
    /// Model directory written by `mirsad train morph` (default: the embedded models)
    #[arg(long)]
    pub model: Option<PathBuf>,
    /// Read CoNLL-U and keep its sentences and written tokens; predict everything else
    #[arg(long)]
    pub gold_tokens: bool,
    /// Print throughput (words per CPU-second, single thread) to stderr
    #[arg(long)]
    pub bench: bool,
    /// With --bench: analyse the input this many times (the report covers all passes)
    #[arg(long, default_value_t = 1)]
    pub repeat: usize,
}

#[derive(clap::Args, Debug, Clone)]
pub struct TrainMorphArgs {
    /// Training data: converted UD v2 CoNLL-U with multiword-token lines (`mirsad ud convert`)
    #[arg(long)]
    pub train: PathBuf,
    /// Directory for the model files
    #[arg(long, default_value = "crates/mirsad-morph/model")]
    pub out: PathBuf,
    #[arg(long, default_value_t = 20260521)]
    pub seed: u64,
    /// Train only the segmenter, tagger and lemmatiser (keep the parser model in --out as it is)
    #[arg(long)]
    pub skip_parser: bool,
}

pub fn load_analyzer(model: Option<&Path>) -> anyhow::Result<Analyzer> {
    match model {
        Some(dir) => {
            Analyzer::load(dir).with_context(|| format!("loading models from {}", dir.display()))
        }
        None => Analyzer::embedded().context("loading the embedded morphology models"),
    }
}

fn read_input(path: &Path) -> anyhow::Result<String> {
    let mut bytes = Vec::new();
    if path.as_os_str() == "-" {
        std::io::stdin()
            .read_to_end(&mut bytes)
            .context("reading stdin")?;
    } else {
        bytes = std::fs::read(path).with_context(|| format!("{}: cannot read", path.display()))?;
    }
    match String::from_utf8(bytes) {
        Ok(s) => Ok(s),
        Err(e) => bail!(
            "{}: not UTF-8 (invalid byte at offset {})",
            path.display(),
            e.utf8_error().valid_up_to()
        ),
    }
}

/// CPU time of this process (user + system), for per-core throughput.
fn cpu_seconds() -> f64 {
    // SAFETY: getrusage only writes into the struct we pass.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let rc = unsafe { libc::getrusage(libc::RUSAGE_SELF, &mut usage) };
    if rc != 0 {
        return 0.0;
    }
    let t = |tv: libc::timeval| tv.tv_sec as f64 + tv.tv_usec as f64 / 1e6;
    t(usage.ru_utime) + t(usage.ru_stime)
}

/// Raw text → CoNLL-U with the embedded models (the `mirsad eval ud` hook).
pub fn analyze_raw_text(text: &str) -> anyhow::Result<Vec<Sentence>> {
    let analyzer = load_analyzer(None)?;
    Ok(analyzer
        .analyze_text(text)
        .into_iter()
        .map(|a| a.sentence)
        .collect())
}

/// Gold sentences and words → tagged, lemmatised and parsed by the embedded models (the
/// gold-tokenisation hook of `mirsad eval ud`).
pub fn analyze_gold_words(gold: &[Sentence]) -> anyhow::Result<Vec<Sentence>> {
    let analyzer = load_analyzer(None)?;
    Ok(gold
        .iter()
        .map(|g| {
            let mut s = g.clone();
            for w in &mut s.words {
                w.lemma.clear();
                w.upos.clear();
                w.xpos.clear();
                w.feats.clear();
                w.head = None;
                w.deprel.clear();
                w.deps.clear();
            }
            analyzer.tag(&mut s);
            s
        })
        .collect())
}

pub fn run_conllu(args: ConlluArgs) -> anyhow::Result<u8> {
    let load_start = Instant::now();
    let analyzer = load_analyzer(args.model.as_deref())?;
    let load_seconds = load_start.elapsed().as_secs_f64();
    let files = if args.files.is_empty() {
        vec![PathBuf::from("-")]
    } else {
        args.files.clone()
    };
    let inputs: Vec<String> = files
        .iter()
        .map(|f| read_input(f))
        .collect::<Result<_, _>>()?;
    let gold: Vec<Vec<Sentence>> = if args.gold_tokens {
        inputs
            .iter()
            .zip(&files)
            .map(|(text, f)| conllu::parse(text, &f.display().to_string()))
            .collect::<Result<_, _>>()?
    } else {
        Vec::new()
    };
    let passes = if args.bench { args.repeat.max(1) } else { 1 };
    let cpu_start = cpu_seconds();
    let wall_start = Instant::now();
    let mut out = String::new();
    let (mut words, mut tokens, mut sentences) = (0usize, 0usize, 0usize);
    for pass in 0..passes {
        out.clear();
        let analysed: Vec<Sentence> = if args.gold_tokens {
            gold.iter()
                .flatten()
                .map(|s| analyzer.analyze_gold_tokens(s))
                .collect()
        } else {
            let mut all = Vec::new();
            for text in &inputs {
                for mut a in analyzer.analyze_text(text) {
                    a.sentence
                        .set_comment_value("sent_id", &(all.len() + 1).to_string());
                    all.push(a.sentence);
                }
            }
            all
        };
        if pass == 0 {
            sentences = analysed.len();
            words = analysed.iter().map(|s| s.words.len()).sum();
            tokens = analysed.iter().map(|s| s.surface_tokens().len()).sum();
        }
        for s in &analysed {
            s.write_to(&mut out);
        }
    }
    let cpu = cpu_seconds() - cpu_start;
    let wall = wall_start.elapsed().as_secs_f64();
    if args.bench {
        let n = passes as f64;
        eprintln!(
            "mirsad conllu: {sentences} sentences, {tokens} written tokens, {words} syntactic words per pass; \
             {passes} pass(es) in {cpu:.3} CPU-s ({wall:.3} s wall), model load {load_seconds:.3} s; \
             {:.0} tokens/CPU-s, {:.0} words/CPU-s (one thread)",
            tokens as f64 * n / cpu.max(1e-9),
            words as f64 * n / cpu.max(1e-9)
        );
    }
    let stdout = std::io::stdout();
    let mut lock = stdout.lock();
    lock.write_all(out.as_bytes()).context("writing stdout")?;
    Ok(0)
}

pub fn run_train(args: TrainMorphArgs) -> anyhow::Result<u8> {
    let train = conllu::read_file(&args.train)?;
    if train.is_empty() {
        bail!("{}: no sentences", args.train.display());
    }
    let start = Instant::now();
    let mut options = TrainOptions::seeded(args.seed);
    if args.skip_parser {
        options.parser = None;
    }
    let analyzer = Analyzer::train(&train, &options);
    analyzer
        .save(&args.out)
        .with_context(|| format!("writing models into {}", args.out.display()))?;
    eprintln!(
        "mirsad train morph: {} sentences, {} segmentation patterns, {} tag bundles, {:.1} s; models in {}",
        train.len(),
        analyzer.segmenter.pattern_count(),
        analyzer.tagger.tag_count(),
        start.elapsed().as_secs_f64(),
        args.out.display()
    );
    Ok(0)
}
