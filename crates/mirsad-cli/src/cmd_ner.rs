//! `mirsad train ner`, `mirsad eval ner --gold FILE` and `mirsad ner --conll FILE`: the command-line
//! side of the mirsad-ner crate. The work is done in the library; this file parses arguments,
//! reads and writes files, and reports.

use anyhow::{bail, Context};
use mirsad_ner::data::{anercorp_path, anercorp_split, read_conll, shared_dir, Sentence};
use mirsad_ner::eval::Scores;
use mirsad_ner::train::{build_gazetteers, evaluate, train, TrainConfig, TrainSet};
use mirsad_ner::NerModel;
use std::io::Write;
use std::path::{Path, PathBuf};

#[derive(clap::Args, Debug, Clone)]
pub struct TrainNerArgs {
    /// shared/ directory (default: $MIRSAD_SHARED or ../shared beside the repository)
    #[arg(long)]
    pub shared: Option<PathBuf>,
    /// Where to write the model (gzip-compressed)
    #[arg(long, default_value = "crates/mirsad-ner/model/ner-ar.bin.gz")]
    pub out: PathBuf,
    /// Extra training data besides ANERcorp train: comma list of aqmar, aqmar-dev, wikiann, wikiann-extra
    #[arg(long, default_value = "")]
    pub extra: String,
    /// Update step for silver data (wikiann); gold data uses 1.0
    #[arg(long, default_value_t = 0.3)]
    pub silver_weight: f32,
    #[arg(long, default_value_t = 12)]
    pub epochs: usize,
    /// log2 of the hash table size
    #[arg(long, default_value_t = 20)]
    pub bucket_bits: u32,
    #[arg(long, default_value_t = 20260521)]
    pub seed: u64,
    /// Document-memory window (sentences either side) of the second pass; 0 trains one pass
    #[arg(long, default_value_t = 20)]
    pub window: usize,
    /// Jackknife folds for the second pass's training input
    #[arg(long, default_value_t = 5)]
    pub folds: usize,
    /// Differently seeded perceptrons averaged into each weight table
    #[arg(long, default_value_t = 3)]
    pub shuffles: usize,
    /// Leave the gazetteer features out (ablation)
    #[arg(long)]
    pub no_gazetteers: bool,
    /// Add a silver PER/LOC/ORG word gazetteer derived from WikiANN (train + extra)
    #[arg(long)]
    pub wikiann_gazetteer: bool,
    /// Also feed AQMAR train's entity spans into that silver gazetteer
    #[arg(long)]
    pub aqmar_gazetteer: bool,
    /// Add person/organisation names of the actor KB in this directory (e.g. `kb`) as gazetteer bits
    #[arg(long)]
    pub kb_gazetteer: Option<PathBuf>,
    /// Add words that follow person/organisation/place/product trigger words in shared/data/news
    #[arg(long)]
    pub trigger_gazetteer: bool,
    /// Minimum count for a silver gazetteer entry
    #[arg(long, default_value_t = 1)]
    pub gazetteer_min_count: u32,
    /// Word clusters file (from `--build-clusters`); none when absent
    #[arg(long)]
    pub clusters: Option<PathBuf>,
    /// Learn word clusters from shared/data/news first and write them to this file
    #[arg(long)]
    pub build_clusters: Option<PathBuf>,
    /// Cap on news tokens read when building clusters (keeps the run to minutes)
    #[arg(long, default_value_t = 15_000_000)]
    pub cluster_tokens: usize,
    /// Number of most frequent news words that get clusters
    #[arg(long, default_value_t = 50_000)]
    pub cluster_vocab: usize,
    /// Skip-gram word-vector clusters file (from `--build-embedding-clusters`); none when absent
    #[arg(long)]
    pub embedding_clusters: Option<PathBuf>,
    /// Learn skip-gram vectors on shared/data/news, cluster them, and write the clusters here
    #[arg(long)]
    pub build_embedding_clusters: Option<PathBuf>,
    /// Number of most frequent news words that get skip-gram vectors
    #[arg(long, default_value_t = 100_000)]
    pub embedding_vocab: usize,
    /// Passes of skip-gram training over the news tokens
    #[arg(long, default_value_t = 1)]
    pub embedding_epochs: usize,
    /// Skip-gram vector size
    #[arg(long, default_value_t = 64)]
    pub embedding_dims: usize,
    /// Also write the ANERcorp train/dev split as CoNLL files into this directory
    #[arg(long)]
    pub export_split: Option<PathBuf>,
    /// Feature selection without touching the dev split: train on the first 90% of the training
    /// part and report scores on its last 10% (the validation slice) instead of on dev
    #[arg(long)]
    pub validation_slice: bool,
    /// Do not score anything while or after training (e.g. to rebuild the committed model
    /// without looking at the dev split again)
    #[arg(long)]
    pub no_eval: bool,
    /// Optional feature templates: bit 1 = four-char stem affixes and finest neighbour clusters,
    /// bit 2 = wider second-pass memory (first-pass tags at ±2, neighbours' memory), bit 4 =
    /// the first pass's whole spans in the second pass, bit 8 = part-of-speech features in the
    /// first pass only
    #[arg(long, default_value_t = 0)]
    pub feature_set: u32,
    /// Penalty on the `O` score in the final pass, stored in the model (choose it on the
    /// validation slice with `eval ner --o-penalty`)
    #[arg(long, default_value_t = 0.0)]
    pub o_penalty: f32,
    /// Self-trained news lexicon: first train a model on the same data without it, tag
    /// shared/data/news with that model, and give the final model each word's pooled labels
    #[arg(long)]
    pub news_lexicon: bool,
    /// Build the news lexicon with this already trained model instead of training one first
    #[arg(long)]
    pub news_lexicon_from: Option<PathBuf>,
    /// Minimum news occurrences of a word for a lexicon entry
    #[arg(long, default_value_t = 3)]
    pub news_lexicon_min_count: u32,
    /// Part-of-speech lexicon: tag shared/data/news with mirsad-morph's segmenter and tagger and
    /// give the model each word's pooled part of speech (inherits PADT's CC BY-NC-SA licence)
    #[arg(long)]
    pub pos_lexicon: bool,
    /// Cap on news tokens tagged for the part-of-speech lexicon (the morphological tagger is
    /// far slower than the NER tagger)
    #[arg(long, default_value_t = 3_000_000)]
    pub pos_lexicon_tokens: usize,
    /// Minimum news occurrences of a word for a part-of-speech lexicon entry
    #[arg(long, default_value_t = 3)]
    pub pos_lexicon_min_count: u32,
    /// Take the gazetteers, clusters and lexicons stored in this model instead of building them
    /// (a shortcut for feature experiments; the flags above still add or rebuild lexicons)
    #[arg(long)]
    pub resources_from: Option<PathBuf>,
    /// Train in the BIOES encoding (begin/inside/end/single) instead of BIO; outputs stay BIO
    #[arg(long)]
    pub bioes: bool,
    /// Learn skip-gram vectors on shared/data/news (same settings and seed as
    /// `--build-embedding-clusters`), write them quantised to this file, and use them as
    /// real-valued features
    #[arg(long)]
    pub build_embedding_vectors: Option<PathBuf>,
    /// Skip-gram vectors file (from `--build-embedding-vectors`): the vectors of each token and
    /// its ±1 neighbours become real-valued features; none when absent
    #[arg(long)]
    pub embedding_vectors: Option<PathBuf>,
    /// What a unit-length vector's components are multiplied by as feature values
    #[arg(long, default_value_t = 1.0)]
    pub vector_scale: f32,
    /// Passive-aggressive updates capped at this step instead of perceptron updates (0)
    #[arg(long, default_value_t = 0.0)]
    pub pa_cap: f32,
}

#[derive(clap::Args, Debug, Clone)]
pub struct EvalNerArgs {
    /// Gold token-per-line BIO file, or `anercorp-dev` for the project's ANERcorp dev split
    #[arg(long)]
    pub gold: String,
    /// Score this prediction file (token TAG per line, same tokens) instead of running the model
    #[arg(long)]
    pub pred: Option<PathBuf>,
    /// Model file (default: the embedded model)
    #[arg(long)]
    pub model: Option<PathBuf>,
    #[arg(long)]
    pub shared: Option<PathBuf>,
    /// Override the model's `O` penalty (for choosing it on a validation slice)
    #[arg(long)]
    pub o_penalty: Option<f32>,
}

#[derive(clap::Args, Debug, Clone)]
pub struct NerArgs {
    /// Token-per-line input (`token` or `token TAG`, blank line between sentences)
    #[arg(long)]
    pub conll: PathBuf,
    /// Model file (default: the embedded model)
    #[arg(long)]
    pub model: Option<PathBuf>,
    /// Output file (default: stdout)
    #[arg(long)]
    pub output: Option<PathBuf>,
    /// Measure speed instead: tag the input this many times, print tokens/s to stderr, write nothing
    #[arg(long)]
    pub bench: Option<usize>,
}

fn load_model(path: Option<&Path>) -> anyhow::Result<NerModel> {
    Ok(match path {
        Some(p) => {
            NerModel::load(&std::fs::read(p).with_context(|| format!("reading {}", p.display()))?)?
        }
        None => NerModel::load_default()?,
    })
}

fn read(path: &Path) -> anyhow::Result<Vec<Sentence>> {
    read_conll(path).with_context(|| format!("reading {}", path.display()))
}

fn write_conll(path: &Path, sents: &[Sentence]) -> anyhow::Result<()> {
    let mut f = std::io::BufWriter::new(std::fs::File::create(path)?);
    for s in sents {
        for (t, g) in s.tokens.iter().zip(&s.tags) {
            writeln!(f, "{t}\t{}", g.as_string())?;
        }
        writeln!(f)?;
    }
    Ok(())
}

pub fn run_train(args: TrainNerArgs) -> anyhow::Result<u8> {
    let shared = args.shared.clone().unwrap_or_else(shared_dir);
    let all = read(&anercorp_path(&shared))?;
    let (train_s, dev) = anercorp_split(all);
    eprintln!(
        "ANERcorp train split: {} sentences; dev split (last 10%, held out): {} sentences",
        train_s.len(),
        dev.len()
    );
    if let Some(dir) = &args.export_split {
        std::fs::create_dir_all(dir)?;
        write_conll(&dir.join("anercorp_train.conll"), &train_s)?;
        write_conll(&dir.join("anercorp_dev.conll"), &dev)?;
    }
    let (train_s, dev) = if args.validation_slice {
        let (t, v) = anercorp_split(train_s);
        eprintln!(
            "validation slice: training on {} sentences, scoring on the last {} of the training part (dev split not used)",
            t.len(),
            v.len()
        );
        (t, v)
    } else {
        (train_s, dev)
    };
    let scored_on = if args.validation_slice {
        "validation slice (last 10% of the training part)"
    } else {
        "ANERcorp dev split"
    };
    let ner = shared.join("data/ner");
    let mut extra: Vec<(String, Vec<Sentence>, f32)> = Vec::new();
    for name in args
        .extra
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        let (path, w) = match name {
            "aqmar" => (ner.join("aqmar/train.txt"), 1.0),
            "aqmar-dev" => (ner.join("aqmar/dev.txt"), 1.0),
            "wikiann" => (ner.join("wikiann/train"), args.silver_weight),
            "wikiann-extra" => (ner.join("wikiann/extra"), args.silver_weight),
            other => {
                bail!("unknown extra data set {other:?} (aqmar, aqmar-dev, wikiann, wikiann-extra)")
            }
        };
        extra.push((name.to_string(), read(&path)?, w));
    }
    let mut res = if args.no_gazetteers {
        Default::default()
    } else {
        build_gazetteers(&shared)
    };
    if args.wikiann_gazetteer {
        let mut w = read(&ner.join("wikiann/train"))?;
        w.extend(read(&ner.join("wikiann/extra"))?);
        if args.aqmar_gazetteer {
            w.extend(read(&ner.join("aqmar/train.txt"))?);
        }
        mirsad_ner::train::add_wikiann_gazetteer(&mut res, &w, args.gazetteer_min_count);
    }
    if let Some(kb) = &args.kb_gazetteer {
        let n = mirsad_ner::train::add_kb_gazetteer(&mut res, kb)
            .with_context(|| format!("reading the KB in {}", kb.display()))?;
        eprintln!("KB gazetteer: {n} person/organisation names");
    }
    let news = shared.join("data/news");
    if args.trigger_gazetteer {
        let n = mirsad_ner::triggers::add_trigger_gazetteer(
            &mut res,
            &news,
            args.cluster_tokens,
            &mut |m| eprintln!("triggers: {m}"),
        );
        eprintln!("trigger gazetteer: {n} words");
    }
    eprintln!("gazetteer entries: {}", res.gaz.len());
    res.feature_set = args.feature_set;
    if let Some(out) = &args.build_clusters {
        build_clusters(out, "clusters", |log| {
            mirsad_ner::clusters::learn(
                &news,
                &mirsad_ner::clusters::ClusterConfig {
                    max_tokens: args.cluster_tokens,
                    vocab: args.cluster_vocab,
                    seed: args.seed,
                    ..Default::default()
                },
                log,
            )
        })?;
    }
    if let Some(p) = args.clusters.as_ref().or(args.build_clusters.as_ref()) {
        res.clusters = mirsad_ner::clusters::load(p)?.into_iter().collect();
        eprintln!("cluster vocabulary: {}", res.clusters.len());
    }
    if let Some(out) = &args.build_embedding_clusters {
        build_clusters(out, "embedding clusters", |log| {
            mirsad_ner::embeddings::learn_embedding_clusters(&news, &embedding_config(&args), log)
        })?;
    }
    if let Some(p) = args
        .embedding_clusters
        .as_ref()
        .or(args.build_embedding_clusters.as_ref())
    {
        let emb = mirsad_ner::clusters::load(p)?;
        res.clusters = mirsad_ner::embeddings::merge_clusters(&res.clusters, &emb)
            .into_iter()
            .collect();
        eprintln!(
            "cluster vocabulary with skip-gram clusters: {}",
            res.clusters.len()
        );
    }
    if let Some(p) = &args.resources_from {
        let feature_set = res.feature_set;
        res = load_model(Some(p))?.info.resources;
        res.feature_set = feature_set;
        eprintln!(
            "resources from {}: {} gazetteer entries, {} cluster words, {} news-lexicon and {} part-of-speech entries",
            p.display(),
            res.gaz.len(),
            res.clusters.len(),
            res.news.len(),
            res.pos.len()
        );
    }
    if let Some(out) = &args.build_embedding_vectors {
        build_clusters(out, "embedding vectors", |log| {
            mirsad_ner::embeddings::learn_embedding_vectors(&news, &embedding_config(&args), log)
                .iter()
                .map(|(w, v)| (w.clone(), mirsad_ner::embeddings::quantise(v)))
                .collect()
        })?;
    }
    if let Some(p) = args
        .embedding_vectors
        .as_ref()
        .or(args.build_embedding_vectors.as_ref())
    {
        res.vectors = mirsad_ner::clusters::load(p)
            .with_context(|| format!("reading {}", p.display()))?
            .into_iter()
            .collect();
        res.vector_value = args.vector_scale / mirsad_ner::embeddings::QUANT_SCALE;
        eprintln!("embedding vectors: {} words", res.vectors.len());
    }
    if args.pos_lexicon {
        let t = std::time::Instant::now();
        res.pos = mirsad_ner::pos_lexicon::build(
            &news,
            args.pos_lexicon_tokens,
            args.pos_lexicon_min_count,
            &mut |m| eprintln!("part-of-speech lexicon: {m}"),
        )?;
        eprintln!(
            "part-of-speech lexicon built in {:.0}s",
            t.elapsed().as_secs_f64()
        );
    }
    let mut sets = vec![TrainSet {
        name: "anercorp-train",
        sentences: &train_s,
        weight: 1.0,
    }];
    for (name, s, w) in &extra {
        sets.push(TrainSet {
            name,
            sentences: s,
            weight: *w,
        });
    }
    let cfg = TrainConfig {
        epochs: args.epochs,
        bucket_bits: args.bucket_bits,
        seed: args.seed,
        window: args.window,
        folds: args.folds,
        shuffles: args.shuffles,
        bioes: args.bioes,
        pa_cap: args.pa_cap,
    };
    let trained_on = format!(
        "ANERcorp CAMeL train minus its last 10% of sentences{}; epochs {}; 2^{} buckets; seed {}; shuffles {}; window {}; folds {}; clusters {}; wikiann gazetteer {}",
        sets.iter()
            .skip(1)
            .map(|s| format!(" + {} (step {})", s.name, s.weight))
            .collect::<String>(),
        cfg.epochs,
        cfg.bucket_bits,
        cfg.seed,
        cfg.shuffles,
        cfg.window,
        cfg.folds,
        res.clusters.len(),
        args.wikiann_gazetteer
    );
    let trained_on = match (args.feature_set, args.validation_slice) {
        (0, false) => trained_on,
        (f, v) => format!(
            "{trained_on}; feature set {f}{}",
            if v {
                "; validation-slice run (last 10% of the training part held out)"
            } else {
                ""
            }
        ),
    };
    let trained_on = if args.embedding_vectors.is_some() || args.build_embedding_vectors.is_some() {
        format!(
            "{trained_on}; skip-gram vectors of ±1 as real-valued features (scale {})",
            args.vector_scale
        )
    } else {
        trained_on
    };
    let trained_on = if args.pa_cap > 0.0 {
        format!(
            "{trained_on}; passive-aggressive updates (cap {})",
            args.pa_cap
        )
    } else {
        trained_on
    };
    let trained_on = if args.bioes {
        format!("{trained_on}; BIOES tags")
    } else {
        trained_on
    };
    let trained_on = match &args.resources_from {
        Some(p) => format!(
            "{trained_on}; gazetteers, clusters and lexicons from {}",
            p.display()
        ),
        None => trained_on,
    };
    let t = std::time::Instant::now();
    let scored = (!args.no_eval).then_some(dev.as_slice());
    let lexicon_model = if let Some(p) = &args.news_lexicon_from {
        Some(load_model(Some(p))?)
    } else if args.news_lexicon {
        eprintln!("news lexicon: training the first model (same data and settings, no lexicon)");
        // the first model is the recipe without lexicons, so the news lexicon does not depend on
        // whether a part-of-speech lexicon is added to the final model
        let mut base_res = res.clone();
        base_res.pos.clear();
        base_res.news.clear();
        let mut base = train(&sets, base_res, &cfg, None, String::new(), &mut |m| {
            eprintln!("news lexicon base: {m}")
        });
        base.info.o_penalty = args.o_penalty;
        Some(base)
    } else {
        None
    };
    if let Some(base) = lexicon_model {
        res.news = mirsad_ner::news_lexicon::build(
            &base,
            &news,
            args.cluster_tokens,
            args.news_lexicon_min_count,
            &mut |m| eprintln!("news lexicon: {m}"),
        );
    }
    let mut trained_on = trained_on;
    for (what, len, min_count) in [
        ("news", res.news.len(), args.news_lexicon_min_count),
        ("part-of-speech", res.pos.len(), args.pos_lexicon_min_count),
    ] {
        if len > 0 {
            trained_on =
                format!("{trained_on}; {what} lexicon {len} entries (min count {min_count})");
        }
    }
    let mut model = train(&sets, res, &cfg, scored, trained_on, &mut |m| {
        eprintln!("{m}")
    });
    eprintln!("trained in {:.1}s", t.elapsed().as_secs_f64());
    model.info.o_penalty = args.o_penalty;
    if let Some(dev) = scored {
        let sc = evaluate(&model, dev);
        eprint!("{scored_on}:\n{}", sc.report());
    }
    let bytes = model.save()?;
    if let Some(dir) = args.out.parent() {
        std::fs::create_dir_all(dir).ok();
    }
    std::fs::write(&args.out, &bytes)?;
    eprintln!("wrote {} ({} bytes)", args.out.display(), bytes.len());
    Ok(0)
}

/// The skip-gram settings of the clusters and of the real-valued vectors (the same vectors).
fn embedding_config(args: &TrainNerArgs) -> mirsad_ner::embeddings::EmbeddingConfig {
    mirsad_ner::embeddings::EmbeddingConfig {
        max_tokens: args.cluster_tokens,
        vocab: args.embedding_vocab,
        epochs: args.embedding_epochs,
        dims: args.embedding_dims,
        seed: args.seed,
        ..Default::default()
    }
}

/// Learns word clusters (or quantised vectors) with `learn` (given a progress logger), writes
/// them to `out`, and reports.
fn build_clusters<V: std::fmt::Display>(
    out: &Path,
    what: &str,
    learn: impl FnOnce(&mut dyn FnMut(&str)) -> std::collections::HashMap<String, Vec<V>>,
) -> anyhow::Result<()> {
    let t = std::time::Instant::now();
    let cl = learn(&mut |m| eprintln!("{what}: {m}"));
    mirsad_ner::clusters::save(&cl, out).with_context(|| format!("writing {}", out.display()))?;
    eprintln!(
        "{what}: {} words in {:.0}s",
        cl.len(),
        t.elapsed().as_secs_f64()
    );
    Ok(())
}

pub fn run_eval(args: EvalNerArgs) -> anyhow::Result<u8> {
    let gold = if args.gold == "anercorp-dev" {
        let shared = args.shared.clone().unwrap_or_else(shared_dir);
        anercorp_split(read(&anercorp_path(&shared))?).1
    } else {
        read(Path::new(&args.gold))?
    };
    let g_tags = |s: &Sentence| -> Vec<String> { s.tags.iter().map(|t| t.as_string()).collect() };
    let scores = if let Some(pred_path) = &args.pred {
        let pred = read(pred_path)?;
        if pred.len() != gold.len() {
            bail!("{} gold sentences but {} predicted", gold.len(), pred.len());
        }
        let mut sc = Scores::default();
        for (i, (g, p)) in gold.iter().zip(&pred).enumerate() {
            if g.tokens.len() != p.tokens.len() {
                bail!(
                    "sentence {}: {} gold tokens, {} predicted",
                    i + 1,
                    g.tokens.len(),
                    p.tokens.len()
                );
            }
            // predictions are scored as written (no repair): conlleval semantics apply to both sides
            let pt: Vec<String> = p
                .raw_tags
                .iter()
                .map(|t| {
                    t.as_deref()
                        .map(normalise_type)
                        .unwrap_or_else(|| "O".into())
                })
                .collect();
            sc.add_sentence(&g_tags(g), &pt);
        }
        sc
    } else {
        let mut model = load_model(args.model.as_deref())?;
        if let Some(p) = args.o_penalty {
            model.info.o_penalty = p;
        }
        evaluate(&model, &gold)
    };
    print!("{}", scores.report());
    Ok(0)
}

/// Prediction files from other systems may use corpus type names (PERS); score them as ours.
fn normalise_type(tag: &str) -> String {
    match tag.split_once('-') {
        Some((p, t)) => match mirsad_ner::tags::parse_label(t) {
            Some(l) => format!("{p}-{}", mirsad_ner::tags::label_name(l)),
            None => "O".into(),
        },
        None => tag.to_string(),
    }
}

/// Sentences per call of the document-mode tagger: the file is one running text for the
/// second pass's memory, cut into blocks so memory use stays flat on large inputs.
const BLOCK: usize = 1000;

pub fn run_tag(args: NerArgs) -> anyhow::Result<u8> {
    let model = load_model(args.model.as_deref())?;
    let sents = read(&args.conll)?;
    let toks: Vec<Vec<&str>> = sents
        .iter()
        .map(|s| s.tokens.iter().map(String::as_str).collect())
        .collect();
    if let Some(n) = args.bench {
        let n = n.max(1);
        let tokens: usize = toks.iter().map(Vec::len).sum::<usize>() * n;
        let cpu0 = thread_cpu_ns();
        let t = std::time::Instant::now();
        let mut ents = 0usize;
        for _ in 0..n {
            for block in toks.chunks(BLOCK) {
                for s in model.tag_sentences(block) {
                    ents += s
                        .iter()
                        .filter(|t| matches!(t, mirsad_ner::BioTag::B(_)))
                        .count();
                }
            }
        }
        let secs = t.elapsed().as_secs_f64();
        eprintln!(
            "tagged {tokens} tokens in {secs:.3}s wall on one thread: {:.0} tokens/s ({ents} entities)",
            tokens as f64 / secs
        );
        // On a shared machine wall time includes waiting for a core; the thread's own CPU time
        // gives the per-core rate.
        if let (Some(c0), Some(c1)) = (cpu0, thread_cpu_ns()) {
            let cpu = (c1 - c0) as f64 / 1e9;
            eprintln!(
                "thread CPU time {cpu:.3}s: {:.0} tokens per CPU-second",
                tokens as f64 / cpu
            );
        }
        return Ok(0);
    }
    let mut out: Box<dyn Write> = match &args.output {
        Some(p) => Box::new(std::io::BufWriter::new(std::fs::File::create(p)?)),
        None => Box::new(std::io::BufWriter::new(std::io::stdout().lock())),
    };
    for block in toks.chunks(BLOCK) {
        for (s, tags) in block.iter().zip(model.tag_sentences(block)) {
            for (t, tag) in s.iter().zip(tags) {
                writeln!(out, "{t}\t{}", tag.as_string())?;
            }
            writeln!(out)?;
        }
    }
    out.flush()?;
    Ok(0)
}

/// CPU time this thread has run, in ns (Linux `/proc/thread-self/schedstat`), when available.
fn thread_cpu_ns() -> Option<u64> {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()?
        .split_whitespace()
        .next()?
        .parse()
        .ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tag_keeps_sentence_breaks_and_eval_scores_a_prediction_file() {
        let dir = std::env::temp_dir().join(format!("mirsad-cmd-ner-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let input = dir.join("in.conll");
        std::fs::write(&input, "التقى O\nبوتين B-PERS\n\nفي\nموسكو\n").unwrap();
        let out = dir.join("out.tsv");
        let code = run_tag(NerArgs {
            conll: input.clone(),
            model: None,
            output: Some(out.clone()),
            bench: None,
        })
        .unwrap();
        assert_eq!(code, 0);
        let text = std::fs::read_to_string(&out).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 6, "{text}");
        assert!(lines[0].starts_with("التقى\t"));
        assert_eq!(lines[2], "");
        assert!(lines[4].starts_with("موسكو\t"));
        // a prediction file scored against the gold input
        let pred = dir.join("pred.conll");
        std::fs::write(&pred, "التقى\tO\nبوتين\tB-PER\n\nفي\tO\nموسكو\tO\n").unwrap();
        let code = run_eval(EvalNerArgs {
            gold: input.to_string_lossy().into_owned(),
            pred: Some(pred),
            model: None,
            shared: None,
            o_penalty: None,
        })
        .unwrap();
        assert_eq!(code, 0);
        std::fs::remove_dir_all(&dir).ok();
    }
}
