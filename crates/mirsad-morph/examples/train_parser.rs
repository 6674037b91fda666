//! Trains the dependency parser and scores it on a dev set with gold tokenisation and gold tags.
//!
//! ```text
//! cargo run --release -p mirsad-morph --example train_parser -- \
//!     --train target/ud/train.conllu --dev target/ud/dev.conllu [--save model.bin.gz]
//!     [--epochs N] [--seed N] [--min-weight W]
//!     [--explore-from EPOCH] [--explore-probability P] [--progress] [--load model.bin.gz]
//!     [--write parsed-dev.conllu] [--dev-tags tagged-dev.conllu] [--train-tags tagged-train.conllu]
//!     [--tag-dev] [--jackknife K [--with-gold]]
//! ```
//! `--padt ../shared/data/ud/padt-v1` instead of `--train/--dev` converts and splits PADT in
//! memory exactly as `mirsad ud convert` does. Speed is words/s on one core, parsing the
//! dev set (tags given) after the model is loaded. `--dev-tags`/`--train-tags` take LEMMA, UPOS,
//! XPOS and FEATS from a tagger's output on the same words (e.g. jackknifed tags for training).
//! `--tag-dev` tags dev with the crate's embedded tagger and lemmatiser (trained on the same train
//! split); `--jackknife K` trains on tags predicted by K taggers, each trained without one K-th.

use std::path::{Path, PathBuf};
use std::time::Instant;

use mirsad_morph::analyzer::Analyzer;
use mirsad_morph::conllu::{self, Sentence};
use mirsad_morph::convert;
use mirsad_morph::lemma::{Lemmatizer, LemmatizerOptions};
use mirsad_morph::parser::{self, attachment_scores, Parser, ParserOptions};
use mirsad_morph::tagger::{Tagger, TaggerOptions};

struct Args {
    train: Vec<PathBuf>,
    dev: Option<PathBuf>,
    padt: Option<PathBuf>,
    save: Option<PathBuf>,
    load: Option<PathBuf>,
    write: Option<PathBuf>,
    train_tags: Option<PathBuf>,
    dev_tags: Option<PathBuf>,
    /// Tag dev with the crate's embedded tagger and lemmatiser.
    tag_dev: bool,
    /// Train on tags from a K-fold jackknife of the crate's tagger and lemmatiser.
    jackknife: usize,
    /// With `--jackknife`: train on the gold-tagged sentences as well as the jackknifed ones.
    with_gold: bool,
    options: ParserOptions,
    progress: bool,
}

fn parse_args() -> Result<Args, String> {
    let mut args = Args {
        train: Vec::new(),
        dev: None,
        padt: None,
        save: None,
        load: None,
        write: None,
        train_tags: None,
        dev_tags: None,
        tag_dev: false,
        jackknife: 0,
        with_gold: false,
        options: ParserOptions::default(),
        progress: false,
    };
    let mut iter = std::env::args().skip(1);
    while let Some(flag) = iter.next() {
        let mut value = || iter.next().ok_or(format!("{flag} needs a value"));
        let number = |text: String| text.parse::<u64>().map_err(|e| format!("{text}: {e}"));
        match flag.as_str() {
            "--train" => args.train.push(value()?.into()),
            "--dev" => args.dev = Some(value()?.into()),
            "--padt" => args.padt = Some(value()?.into()),
            "--save" => args.save = Some(value()?.into()),
            "--load" => args.load = Some(value()?.into()),
            "--write" => args.write = Some(value()?.into()),
            "--train-tags" => args.train_tags = Some(value()?.into()),
            "--dev-tags" => args.dev_tags = Some(value()?.into()),
            "--tag-dev" => args.tag_dev = true,
            "--jackknife" => args.jackknife = number(value()?)? as usize,
            "--with-gold" => args.with_gold = true,
            "--epochs" => args.options.epochs = number(value()?)? as usize,
            "--seed" => args.options.seed = number(value()?)?,
            "--progress" => args.progress = true,
            "--explore-from" => args.options.explore_from_epoch = number(value()?)? as usize,
            "--explore-probability" => {
                let text = value()?;
                args.options.explore_probability =
                    text.parse().map_err(|e| format!("{text}: {e}"))?;
            }
            "--min-weight" => {
                let text = value()?;
                args.options.min_weight = text.parse().map_err(|e| format!("{text}: {e}"))?;
            }
            other => return Err(format!("unknown argument {other}")),
        }
    }
    if args.padt.is_none() && (args.train.is_empty() || args.dev.is_none()) {
        return Err("need --train FILE --dev FILE, or --padt DIR".into());
    }
    Ok(args)
}

/// The project's split of PADT, converted to UD v2 in memory (as `mirsad ud convert` does).
fn padt_split(dir: &Path) -> Result<(Vec<Sentence>, Vec<Sentence>), String> {
    let mut sources = Vec::new();
    for name in ["ar-ud-dev.conllu", "ar-ud-test.conllu"] {
        sources.extend(conllu::read_file(&dir.join(name)).map_err(|e| e.to_string())?);
    }
    let split = convert::convert_and_split(&sources).map_err(|e| e.to_string())?;
    Ok((split.train, split.dev))
}

fn read_all(paths: &[PathBuf]) -> Result<Vec<Sentence>, String> {
    let mut sentences = Vec::new();
    for path in paths {
        sentences.extend(conllu::read_file(path).map_err(|e| e.to_string())?);
    }
    Ok(sentences)
}

/// `sentences` with LEMMA, UPOS, XPOS and FEATS taken from `tagged` (the same words, tagged by
/// some tagger), to train or score on predicted rather than gold tags.
fn with_tags_from(sentences: &[Sentence], tagged: &Path) -> Result<Vec<Sentence>, String> {
    let tagged = conllu::read_file(tagged).map_err(|e| e.to_string())?;
    if tagged.len() != sentences.len() {
        return Err(format!(
            "tags file has {} sentences, expected {}",
            tagged.len(),
            sentences.len()
        ));
    }
    let mut out = sentences.to_vec();
    for (index, (sentence, tags)) in out.iter_mut().zip(&tagged).enumerate() {
        if sentence.words.len() != tags.words.len() {
            return Err(format!(
                "tags file, sentence {}: {} words, expected {}",
                index + 1,
                tags.words.len(),
                sentence.words.len()
            ));
        }
        for (word, tag) in sentence.words.iter_mut().zip(&tags.words) {
            word.lemma.clone_from(&tag.lemma);
            word.upos.clone_from(&tag.upos);
            word.xpos.clone_from(&tag.xpos);
            word.feats.clone_from(&tag.feats);
        }
    }
    Ok(out)
}

/// An analyser with the embedded segmenter and a tagger and lemmatiser trained on `train`.
fn tagger_trained_on(train: &[Sentence], base: &Analyzer) -> Analyzer {
    Analyzer {
        segmenter: base.segmenter.clone(),
        tagger: Tagger::train(train, &TaggerOptions::default()),
        lemmatizer: Lemmatizer::train(train, &LemmatizerOptions::default()),
        parser: None,
    }
}

fn parse_all(parser: &Parser, gold: &[Sentence]) -> Vec<Sentence> {
    let mut predicted = gold.to_vec();
    for sentence in &mut predicted {
        for word in &mut sentence.words {
            word.head = None;
            word.deprel.clear();
        }
        parser.parse(sentence);
    }
    predicted
}

/// CPU seconds this thread has run (from /proc: the first field of schedstat is nanoseconds on
/// a CPU). The machine is shared, so wall-clock speed understates one core.
fn cpu_seconds() -> f64 {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|text| text.split_whitespace().next()?.parse::<f64>().ok())
        .map_or(f64::NAN, |nanoseconds| nanoseconds * 1e-9)
}

fn run() -> Result<(), String> {
    let args = parse_args()?;
    let (train, dev) = match &args.padt {
        Some(dir) => padt_split(dir)?,
        None => (
            read_all(&args.train)?,
            read_all(&[args.dev.clone().expect("checked")])?,
        ),
    };
    let embedded = || Analyzer::embedded().map_err(|e| e.to_string());
    let train = match &args.train_tags {
        Some(path) => with_tags_from(&train, path)?,
        None if args.jackknife > 1 => {
            let base = embedded()?;
            let mut retagged = parser::jackknife(&train, args.jackknife, |others, block| {
                let analyzer = tagger_trained_on(others, &base);
                block.iter_mut().for_each(|sentence| analyzer.tag(sentence));
            });
            if args.with_gold {
                retagged.extend(train);
            }
            retagged
        }
        None => train,
    };
    let mut dev_input = match &args.dev_tags {
        Some(path) => with_tags_from(&dev, path)?,
        None => dev.clone(),
    };
    if args.tag_dev {
        let analyzer = embedded()?;
        dev_input
            .iter_mut()
            .for_each(|sentence| analyzer.tag(sentence));
    }
    let predicted_train = args.train_tags.is_some() || args.jackknife > 1;
    let predicted_dev = args.dev_tags.is_some() || args.tag_dev;
    let tags = |predicted: bool| if predicted { "predicted" } else { "gold" };
    let count = |s: &[Sentence]| s.iter().map(|s| s.words.len()).sum::<usize>();
    eprintln!(
        "train: {} sentences, {} words; dev: {} sentences, {} words",
        train.len(),
        count(&train),
        dev.len(),
        count(&dev)
    );
    let started = Instant::now();
    let trained = |train: &[Sentence]| {
        Parser::train_with_progress(train, &args.options, |epoch, parser| {
            if args.progress {
                let scores = attachment_scores(&dev, &parse_all(parser, &dev_input));
                eprintln!(
                    "epoch {:2}: dev UAS {:.2} LAS {:.2} ({:.0} s)",
                    epoch + 1,
                    100.0 * scores.uas,
                    100.0 * scores.las,
                    started.elapsed().as_secs_f64()
                );
            }
        })
    };
    let parser = match &args.load {
        Some(path) => {
            let bytes = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
            let mut parser = Parser::load(&bytes).map_err(|e| e.to_string())?;
            parser.prune(args.options.min_weight);
            parser
        }
        None => trained(&train),
    };
    let training_seconds = started.elapsed().as_secs_f64();
    let bytes = parser.save();
    if let Some(path) = &args.save {
        std::fs::write(path, &bytes).map_err(|e| format!("{}: {e}", path.display()))?;
    }
    let parser = Parser::load(&bytes).map_err(|e| e.to_string())?;
    let (started, cpu_started) = (Instant::now(), cpu_seconds());
    let predicted = parse_all(&parser, &dev_input);
    let parse_seconds = started.elapsed().as_secs_f64();
    let parse_cpu_seconds = cpu_seconds() - cpu_started;
    let scores = attachment_scores(&dev, &predicted);
    if let Some(path) = &args.write {
        std::fs::write(path, conllu::to_string(&predicted))
            .map_err(|e| format!("{}: {e}", path.display()))?;
    }
    let (features, weights) = parser.size();
    println!(
        "dev (gold tokens, {} tags; model {}): UAS {:.2} LAS {:.2} over {} words",
        tags(predicted_dev),
        match (&args.load, predicted_train, args.with_gold) {
            (Some(path), _, _) => format!("loaded from {}", path.display()),
            (None, true, true) => "trained on predicted and gold tags".to_owned(),
            (None, predicted, _) => format!("trained on {} tags", tags(predicted)),
        },
        100.0 * scores.uas,
        100.0 * scores.las,
        scores.words
    );
    println!(
        "speed: {:.0} words/s per core (CPU time; {:.0} words/s wall clock); training {:.0} s; model {:.1} MB gzip, {} features, {} weights",
        scores.words as f64 / parse_cpu_seconds,
        scores.words as f64 / parse_seconds,
        training_seconds,
        bytes.len() as f64 / 1e6,
        features,
        weights
    );
    Ok(())
}

fn main() {
    if let Err(message) = run() {
        eprintln!("train_parser: {message}");
        std::process::exit(2);
    }
}
