//! Structured averaged perceptron (Collins 2002) over hashed features, plus the builders of the
//! lexical resources the model carries (gazetteers from shared/data/gazetteers).

use crate::data::Sentence;
use crate::eval::Scores;
use crate::features::{
    norm_phrase, Extractor, GazBits, Resources, GAZ_CITY, GAZ_COUNTRY, GAZ_FIRST, GAZ_KORG,
    GAZ_KPER, GAZ_LAST, GAZ_WLOC, GAZ_WORG, GAZ_WPER,
};
use crate::memory::memory_features;
use crate::model::{add_dense, decode, NerModel, Table};
use crate::tags::{bioes_from_bio, N_BIOES, N_TAGS};
use std::collections::HashMap;
use std::path::Path;

#[derive(Debug, Clone)]
pub struct TrainConfig {
    pub epochs: usize,
    /// log2 of the number of hash buckets.
    pub bucket_bits: u32,
    pub seed: u64,
    /// Train the second pass with document memory (see memory.rs); 0 = single pass.
    pub window: usize,
    /// Jackknife folds that produce the first-pass tags the second pass trains on.
    pub folds: usize,
    /// Perceptrons trained on differently seeded shuffles whose averaged weights are averaged
    /// again. The model is linear, so this is an ensemble at no tagging cost; it removes most of
    /// the ±1 F1 seed-to-seed variance we measured on the dev split.
    pub shuffles: usize,
    /// Train (and tag) in the BIOES encoding instead of BIO: a span's first, inner, last and
    /// only token get tags of their own, so the linear-chain model sees where names end.
    /// Outputs are BIO either way.
    pub bioes: bool,
    /// 0: perceptron updates (step 1). Above 0: passive-aggressive updates (PA-I, Crammer et
    /// al. 2006) capped at this step: each wrong path moves the weights just far enough for the
    /// gold path to win by its Hamming loss.
    pub pa_cap: f32,
}

impl TrainConfig {
    /// Tag classes of the encoding the perceptron is trained in.
    pub fn n_tags(&self) -> usize {
        if self.bioes {
            N_BIOES
        } else {
            N_TAGS
        }
    }
}

impl Default for TrainConfig {
    fn default() -> Self {
        TrainConfig {
            epochs: 12,
            bucket_bits: 20,
            seed: 20260521,
            window: 20,
            folds: 5,
            shuffles: 3,
            bioes: false,
            pa_cap: 0.0,
        }
    }
}

/// A block of training sentences with its update step: gold data 1.0, silver data less, so
/// noisy WikiANN anchors cannot outvote newswire annotation. Each set is one running text for
/// the document memory (windows never cross sets).
pub struct TrainSet<'a> {
    pub name: &'a str,
    pub sentences: &'a [Sentence],
    pub weight: f32,
}

/// splitmix64: a tiny seeded generator so shuffles are reproducible without a dependency.
pub struct Rng(u64);
impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    pub fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            let j = (self.next_u64() % (i as u64 + 1)) as usize;
            v.swap(i, j);
        }
    }
}

/// Called after each epoch with (epoch, sentences with errors, the averaged table so far).
type EpochHook<'a> = dyn FnMut(usize, usize, &dyn Fn() -> Table) + 'a;

#[derive(Clone)]
struct Encoded {
    feats: Vec<u32>,
    offsets: Vec<usize>,
    /// The second pass's base features when they differ from the first pass's (see
    /// `FEAT_POS_FIRST_PASS`); empty otherwise.
    feats2: Vec<u32>,
    offsets2: Vec<usize>,
    keys: Vec<(u64, u64)>,
    /// Real-valued inputs (`Extractor::dense_inputs`); empty without vectors.
    dense: Vec<i8>,
    gold: Vec<usize>,
    step: f32,
    set: usize,
}

/// The shape of one perceptron: hash buckets, tag classes, real-valued inputs a token and what
/// each quantised input is worth.
#[derive(Clone, Copy)]
struct Shape {
    nb: usize,
    nt: usize,
    dd: usize,
    value: f32,
    pa_cap: f32,
}

/// The passive-aggressive step (PA-I) for a wrong path `pred` of sentence `d` under emissions
/// `em` and transitions `tr`: (Hamming loss − margin) / ‖Δφ‖², capped at `shape.pa_cap`.
/// ‖Δφ‖² counts each differing feature twice (once for each tag), ignoring hash collisions.
fn pa_step(em: &[f32], tr: &[f32], d: &Encoded, pred: &[usize], shape: Shape) -> f32 {
    let Shape { nt, dd, value, .. } = shape;
    let (mut margin, mut loss, mut norm) = (0f32, 0f32, 0f32);
    for (i, (&g, &p)) in d.gold.iter().zip(pred).enumerate() {
        let (gp, pp) = if i == 0 {
            (nt, nt)
        } else {
            (d.gold[i - 1], pred[i - 1])
        };
        margin += em[i * nt + g] + tr[gp * nt + g] - em[i * nt + p] - tr[pp * nt + p];
        if g != p {
            loss += 1.0;
            norm += 2.0 * (d.offsets[i + 1] - d.offsets[i]) as f32;
            if dd > 0 {
                let x2: f32 = d.dense[i * dd..(i + 1) * dd]
                    .iter()
                    .map(|&q| (q as f32 * value).powi(2))
                    .sum();
                norm += 2.0 * x2;
            }
        }
        if (gp, g) != (pp, p) {
            norm += 2.0;
        }
    }
    ((loss - margin) / norm.max(1e-6)).clamp(0.0, shape.pa_cap)
}

/// `cfg.shuffles` averaged perceptrons (seeds `cfg.seed + k`), their weights averaged.
/// `on_epoch` sees the first one's progress only.
fn perceptron(
    data: &[Encoded],
    idx: &[usize],
    shape: Shape,
    cfg: &TrainConfig,
    mut on_epoch: impl FnMut(usize, usize, &dyn Fn() -> Table),
) -> Table {
    let n = cfg.shuffles.max(1);
    let mut sum = perceptron_one(data, idx, shape, cfg.epochs, cfg.seed, &mut on_epoch);
    for k in 1..n {
        let more = perceptron_one(
            data,
            idx,
            shape,
            cfg.epochs,
            cfg.seed + k as u64,
            &mut |_, _, _| {},
        );
        for (a, b) in sum.iter_mut().zip(&more) {
            a.iter_mut().zip(b).for_each(|(a, b)| *a += b);
        }
    }
    let inv = 1.0 / n as f32;
    for a in &mut sum {
        a.iter_mut().for_each(|a| *a *= inv);
    }
    Table::from_float(&sum[0], &sum[1], &sum[2])
}

/// One averaged structured perceptron over `data[idx]`; returns averaged [emission, transition,
/// real-valued input] weights.
fn perceptron_one(
    data: &[Encoded],
    idx: &[usize],
    shape: Shape,
    epochs: usize,
    seed: u64,
    on_epoch: &mut EpochHook,
) -> [Vec<f32>; 3] {
    let Shape {
        nb, nt, dd, value, ..
    } = shape;
    let tt = (nt + 1) * nt;
    let mut w = vec![0f32; nb * nt];
    let mut wa = vec![0f64; nb * nt];
    let mut tr = vec![0f32; tt];
    let mut tra = vec![0f64; tt];
    let mut dw = vec![0f32; dd * nt];
    let mut dwa = vec![0f64; dd * nt];
    let mut c: f64 = 1.0;
    let mut rng = Rng::new(seed);
    let mut order: Vec<usize> = idx.to_vec();
    let mut em = Vec::new();
    let avg = |x: &[f32], a: &[f64], c: f64| -> Vec<f32> {
        x.iter()
            .zip(a)
            .map(|(&v, &s)| (v as f64 - s / c) as f32)
            .collect()
    };
    for epoch in 1..=epochs {
        rng.shuffle(&mut order);
        let mut errors = 0usize;
        for &si in &order {
            let d = &data[si];
            let n = d.gold.len();
            em.clear();
            em.resize(n * nt, 0.0);
            // overlapping the cache misses first, as `model::touch` does for tagging
            let mut x = 0u32;
            for &f in &d.feats {
                x |= w[f as usize * nt].to_bits();
            }
            std::hint::black_box(x);
            for i in 0..n {
                for &f in &d.feats[d.offsets[i]..d.offsets[i + 1]] {
                    let row = &w[f as usize * nt..f as usize * nt + nt];
                    for k in 0..nt {
                        em[i * nt + k] += row[k];
                    }
                }
            }
            add_dense(&mut em, nt, &d.dense, dd, &dw, value);
            let pred = decode(&em, &tr, n, nt);
            if pred != d.gold {
                errors += 1;
                let s = if shape.pa_cap > 0.0 {
                    d.step * pa_step(&em, &tr, d, &pred, shape)
                } else {
                    d.step
                };
                let cs = c * s as f64;
                for i in 0..n {
                    let (g, p) = (d.gold[i], pred[i]);
                    if g != p && dd > 0 {
                        for (j, &q) in d.dense[i * dd..(i + 1) * dd].iter().enumerate() {
                            let x = q as f32 * value;
                            dw[j * nt + g] += s * x;
                            dwa[j * nt + g] += cs * x as f64;
                            dw[j * nt + p] -= s * x;
                            dwa[j * nt + p] -= cs * x as f64;
                        }
                    }
                    if g != p {
                        for &f in &d.feats[d.offsets[i]..d.offsets[i + 1]] {
                            let b = f as usize * nt;
                            w[b + g] += s;
                            wa[b + g] += cs;
                            w[b + p] -= s;
                            wa[b + p] -= cs;
                        }
                    }
                    let (gp, pp) = if i == 0 {
                        (nt, nt)
                    } else {
                        (d.gold[i - 1], pred[i - 1])
                    };
                    if (gp, g) != (pp, p) {
                        tr[gp * nt + g] += s;
                        tra[gp * nt + g] += cs;
                        tr[pp * nt + p] -= s;
                        tra[pp * nt + p] -= cs;
                    }
                }
            }
            c += 1.0;
        }
        on_epoch(epoch, errors, &|| {
            Table::from_float(&avg(&w, &wa, c), &avg(&tr, &tra, c), &avg(&dw, &dwa, c))
        });
    }
    [avg(&w, &wa, c), avg(&tr, &tra, c), avg(&dw, &dwa, c)]
}

/// First-pass tags of `data[idx]` under a single table.
fn predict(table: &Table, data: &[Encoded], idx: &[usize], value: f32) -> Vec<(usize, Vec<usize>)> {
    let m = NerModel::new(
        vec![table.clone()],
        1,
        0,
        Resources::default(),
        String::new(),
    );
    idx.iter()
        .map(|&i| {
            let d = &data[i];
            (i, m.decode_features(&d.feats, &d.offsets, &d.dense, value))
        })
        .collect()
}

/// Trains a model. `dev` (held-out sentences: the dev split or a validation slice), when given,
/// is only *evaluated* (logged), never trained on.
pub fn train(
    sets: &[TrainSet],
    resources: Resources,
    cfg: &TrainConfig,
    dev: Option<&[Sentence]>,
    trained_on: String,
    log: &mut dyn FnMut(&str),
) -> NerModel {
    let mut resources = resources;
    resources.prepare();
    let nb = 1usize << cfg.bucket_bits;
    let mask = nb as u64 - 1;
    let ex = Extractor::new(&resources, nb);
    // the second pass trained without the part-of-speech features: their buckets keep (nearly)
    // zero second-pass weights, so tagging extracts once for both passes as before
    let without_pos =
        (resources.feature_set & crate::features::FEAT_POS_FIRST_PASS != 0).then(|| Resources {
            pos: Default::default(),
            ..resources.clone()
        });
    let ex2 = without_pos.as_ref().map(|r| Extractor::new(r, nb));
    let mut data = Vec::new();
    for (si, set) in sets.iter().enumerate() {
        for s in set.sentences {
            let toks: Vec<&str> = s.tokens.iter().map(String::as_str).collect();
            let (mut feats, mut offsets, mut keys) = (Vec::new(), Vec::new(), Vec::new());
            ex.extract_keys(&toks, &mut feats, &mut offsets, &mut keys);
            let (mut feats2, mut offsets2) = (Vec::new(), Vec::new());
            if let Some(ex2) = &ex2 {
                ex2.extract(&toks, &mut feats2, &mut offsets2);
            }
            let mut dense = Vec::new();
            ex.dense_inputs(&toks, &mut dense);
            data.push(Encoded {
                feats,
                offsets,
                feats2,
                offsets2,
                keys,
                dense,
                gold: {
                    let bio: Vec<usize> = s.tags.iter().map(|t| t.index()).collect();
                    if cfg.bioes {
                        bioes_from_bio(&bio)
                    } else {
                        bio
                    }
                },
                step: set.weight,
                set: si,
            });
        }
    }
    log(&format!(
        "encoded {} sentences, {} feature occurrences",
        data.len(),
        data.iter().map(|d| d.feats.len()).sum::<usize>()
    ));
    let all: Vec<usize> = (0..data.len()).collect();
    let single =
        |t: &Table| NerModel::new(vec![t.clone()], nb, 0, resources.clone(), String::new());
    let shape = Shape {
        nb,
        nt: cfg.n_tags(),
        dd: resources.vectors.values().next().map_or(0, Vec::len)
            * crate::features::DENSE_POSITIONS,
        value: resources.vector_value,
        pa_cap: cfg.pa_cap,
    };
    let first = perceptron(&data, &all, shape, cfg, |epoch, errors, avg| {
        let mut msg = format!("pass 1 epoch {epoch}: {errors} sentences with errors");
        if let Some(dev) = dev {
            let sc = evaluate(&single(&avg()), dev);
            msg.push_str(&format!(
                "; held-out micro F1 {:.2}",
                100.0 * sc.micro().f1()
            ));
        }
        log(&msg);
    });
    if cfg.window == 0 {
        return NerModel::new(vec![first], nb, 0, resources, trained_on);
    }
    // jackknife: out-of-fold first-pass tags for every training sentence
    let k = cfg.folds.max(2);
    let mut oof: Vec<Vec<usize>> = vec![Vec::new(); data.len()];
    for f in 0..k {
        let (lo, hi) = (f * data.len() / k, (f + 1) * data.len() / k);
        let train_idx: Vec<usize> = all.iter().copied().filter(|&i| i < lo || i >= hi).collect();
        let held: Vec<usize> = (lo..hi).collect();
        let t = perceptron(&data, &train_idx, shape, cfg, |_, _, _| {});
        for (i, tags) in predict(&t, &data, &held, shape.value) {
            oof[i] = tags;
        }
        log(&format!("jackknife fold {}/{k} done", f + 1));
    }
    // second-pass data: base features + memory features, windows within each set
    let mut data2 = data.clone();
    for si in 0..sets.len() {
        let idx: Vec<usize> = all.iter().copied().filter(|&i| data[i].set == si).collect();
        let keys: Vec<Vec<(u64, u64)>> = idx.iter().map(|&i| data[i].keys.clone()).collect();
        let tags: Vec<Vec<usize>> = idx.iter().map(|&i| oof[i].clone()).collect();
        let mem = memory_features(&keys, &tags, cfg.window, mask, resources.feature_set);
        for (&i, (mf, mo)) in idx.iter().zip(mem) {
            let d = &data[i];
            let (base, base_offsets) = if d.offsets2.is_empty() {
                (&d.feats, &d.offsets)
            } else {
                (&d.feats2, &d.offsets2)
            };
            let mut feats = Vec::with_capacity(base.len() + mf.len());
            let mut offsets = Vec::with_capacity(base_offsets.len());
            for t in 0..d.gold.len() {
                offsets.push(feats.len());
                feats.extend_from_slice(&base[base_offsets[t]..base_offsets[t + 1]]);
                feats.extend_from_slice(&mf[mo[t]..mo[t + 1]]);
            }
            offsets.push(feats.len());
            data2[i].feats = feats;
            data2[i].offsets = offsets;
        }
    }
    let mut first = Some(first);
    let second = perceptron(&data2, &all, shape, cfg, |epoch, errors, avg| {
        let mut msg = format!("pass 2 epoch {epoch}: {errors} sentences with errors");
        if let (Some(dev), true) = (dev, epoch % 4 == 0 || epoch == cfg.epochs) {
            let m = NerModel::new(
                vec![first.as_ref().unwrap().clone(), avg()],
                nb,
                cfg.window,
                resources.clone(),
                String::new(),
            );
            let sc = evaluate(&m, dev);
            msg.push_str(&format!(
                "; held-out micro F1 {:.2}",
                100.0 * sc.micro().f1()
            ));
        }
        log(&msg);
    });
    NerModel::new(
        vec![first.take().unwrap(), second],
        nb,
        cfg.window,
        resources,
        trained_on,
    )
}

/// Tags the sentences as one running text (as the stage does with a document) and scores them
/// with the conlleval scorer.
pub fn evaluate(model: &NerModel, gold: &[Sentence]) -> Scores {
    let sents: Vec<Vec<&str>> = gold
        .iter()
        .map(|s| s.tokens.iter().map(String::as_str).collect())
        .collect();
    let pred = model.tag_sentences(&sents);
    let mut sc = Scores::default();
    for (s, p) in gold.iter().zip(pred) {
        let p: Vec<String> = p.iter().map(|t| t.as_string()).collect();
        let g: Vec<String> = s.tags.iter().map(|t| t.as_string()).collect();
        sc.add_sentence(&g, &p);
    }
    sc
}

fn lines(path: &Path) -> Vec<String> {
    std::fs::read_to_string(path)
        .map(|s| {
            s.lines()
                .map(|l| l.trim_start_matches('\u{feff}').trim().to_string())
                .collect()
        })
        .unwrap_or_default()
}

fn has_arabic(s: &str) -> bool {
    s.chars().any(|c| ('\u{0621}'..='\u{064A}').contains(&c))
}

/// Gazetteers from shared/data/gazetteers: Arabic first and last names (MIT), GeoNames city
/// names (CC BY 4.0), country names from CLDR (Unicode-3.0) and ISO 3166 (LGPL-2.1+ data, used
/// only as a lookup list). Missing files are skipped, so a partial shared/ still trains.
pub fn build_gazetteers(shared: &Path) -> Resources {
    let g = shared.join("data/gazetteers");
    let mut r = Resources::default();
    let names = g.join("arabic_names");
    for f in [
        "male-first--names-in-arabic.txt",
        "female-first-names-in-arabic.txt",
    ] {
        for l in lines(&names.join(f)) {
            r.add_gaz(&l, GAZ_FIRST);
        }
    }
    for l in lines(&names.join("last-names-in-arabic.txt")) {
        r.add_gaz(&l, GAZ_LAST);
    }
    for (i, l) in lines(&names.join("200-Arabic-Names-UTF8.csv"))
        .iter()
        .enumerate()
    {
        if i == 0 {
            continue;
        }
        let cols: Vec<&str> = l.split(',').collect();
        for (c, bit) in [(0, GAZ_FIRST), (1, GAZ_FIRST), (2, GAZ_LAST)] {
            if let Some(v) = cols.get(c).filter(|v| has_arabic(v)) {
                r.add_gaz(v, bit);
            }
        }
    }
    let geo = g.join("geonames_cities15000");
    for (file, col) in [
        ("cities15000_arabic_names.tsv", 5),
        ("capitals_arabic_names.tsv", 4),
    ] {
        for l in lines(&geo.join(file)).iter().skip(1) {
            if let Some(v) = l.split('\t').nth(col) {
                for name in v.split('|').filter(|n| has_arabic(n)) {
                    r.add_gaz(name, GAZ_CITY);
                }
            }
        }
    }
    for l in lines(&g.join("iso_codes_ar/iso_3166-1_ar.tsv"))
        .iter()
        .skip(1)
    {
        let cols: Vec<&str> = l.split('\t').collect();
        for c in [4, 6, 8] {
            if let Some(v) = cols.get(c).filter(|v| has_arabic(v)) {
                r.add_gaz(v, GAZ_COUNTRY);
            }
        }
    }
    let terr = g.join("cldr_ar/cldr-localenames-full/main/ar/territories.json");
    if let Ok(text) = std::fs::read_to_string(terr) {
        if let Ok(v) = serde_json::from_str::<serde_json::Value>(&text) {
            if let Some(obj) = v["main"]["ar"]["localeDisplayNames"]["territories"].as_object() {
                for (code, name) in obj {
                    // two-letter codes are countries; numeric codes are continents/regions (LOC too,
                    // but not countries, so they get no GPE reading)
                    let is_country =
                        code.len() == 2 || code.starts_with(|c: char| c.is_ascii_alphabetic());
                    if let Some(name) = name.as_str() {
                        r.add_gaz(name, if is_country { GAZ_COUNTRY } else { GAZ_CITY });
                    }
                }
            }
        }
    }
    r
}

/// Person and organisation names (Arabic name and aliases) from the project's actor KB: the
/// `*.jsonl` files of `kb_dir`'s `generated/` and `curated/` folders. The KB was built from
/// PETRARCH dictionaries, Wikidata and hand-curated public knowledge, not from ANERcorp, so it does
/// not carry the dev split's annotation. Returns the number of names added.
pub fn add_kb_gazetteer(res: &mut Resources, kb_dir: &Path) -> std::io::Result<usize> {
    let mut added = 0;
    for sub in ["generated", "curated"] {
        let dir = kb_dir.join(sub);
        let mut files: Vec<_> = std::fs::read_dir(&dir)?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "jsonl"))
            .collect();
        files.sort();
        for f in files {
            for l in lines(&f) {
                let Ok(v) = serde_json::from_str::<serde_json::Value>(&l) else {
                    continue;
                };
                let bit: GazBits = match v["kind"].as_str() {
                    Some("person") => GAZ_KPER,
                    Some("organization" | "igo" | "armed_group" | "opposition") => GAZ_KORG,
                    _ => continue,
                };
                // generated institution names ("the Aruban police") are descriptions, not names
                if v["source"]
                    .as_str()
                    .is_some_and(|s| s.starts_with("generated:"))
                {
                    continue;
                }
                let names = std::iter::once(&v["name_ar"])
                    .chain(v["aliases_ar"].as_array().into_iter().flatten())
                    .filter_map(|n| n.as_str());
                for n in names {
                    res.add_gaz(n, bit);
                    added += 1;
                }
            }
        }
    }
    Ok(added)
}

/// A silver gazetteer from WikiANN: a word gets the PER/LOC/ORG bit when it occurs inside
/// spans of that type at least `min_count` times and in at least half of all its occurrences;
/// whole spans of 2..=4 words seen `min_count` times become phrases. WikiANN's licence is
/// unstated (Wikipedia text is CC BY-SA); see MODEL_CARD.md.
pub fn add_wikiann_gazetteer(res: &mut Resources, sents: &[Sentence], min_count: u32) {
    let mut all: HashMap<String, u32> = HashMap::new();
    let mut typed: HashMap<(String, GazBits), u32> = HashMap::new();
    let mut phrases: HashMap<(String, GazBits), u32> = HashMap::new();
    let bit = |l: mirsad_core::EntityLabel| match l {
        mirsad_core::EntityLabel::PER => GAZ_WPER,
        mirsad_core::EntityLabel::ORG => GAZ_WORG,
        _ => GAZ_WLOC,
    };
    for s in sents {
        let norms: Vec<String> = s.tokens.iter().map(|t| norm_phrase(t)).collect();
        for n in &norms {
            *all.entry(n.clone()).or_default() += 1;
        }
        for (a, b, l) in crate::tags::spans(&s.tags) {
            for n in &norms[a..b] {
                *typed.entry((n.clone(), bit(l))).or_default() += 1;
            }
            if (2..=4).contains(&(b - a)) {
                *phrases.entry((norms[a..b].join(" "), bit(l))).or_default() += 1;
            }
        }
    }
    for ((w, b), c) in typed {
        if c >= min_count && 2 * c >= all[&w] && w.chars().count() >= 2 {
            *res.gaz.entry(w).or_insert(0) |= b;
        }
    }
    for ((p, b), c) in phrases {
        if c >= min_count {
            *res.gaz.entry(p).or_insert(0) |= b;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::parse_conll;

    #[test]
    fn rng_is_seeded() {
        let mut a = Rng::new(7);
        let mut b = Rng::new(7);
        let mut v: Vec<u32> = (0..20).collect();
        let mut u = v.clone();
        a.shuffle(&mut v);
        b.shuffle(&mut u);
        assert_eq!(v, u);
    }

    #[test]
    fn learns_a_toy_corpus_in_bio_and_bioes() {
        let text = "قال O\nبوتين B-PERS\nفي O\nموسكو B-LOC\n\nزار O\nبوتين B-PERS\nدمشق B-LOC\n\nقال O\nالأسد B-PERS\nفي O\nدمشق B-LOC\n\nقال O\nفلاديمير B-PERS\nبوتين I-PERS\n";
        let sents = parse_conll(text);
        for (bioes, pa_cap) in [(false, 0.0), (true, 0.0), (false, 1.0)] {
            let cfg = TrainConfig {
                epochs: 5,
                bucket_bits: 12,
                seed: 1,
                window: 2,
                folds: 3,
                shuffles: 2,
                bioes,
                pa_cap,
            };
            let sets = [TrainSet {
                name: "toy",
                sentences: &sents,
                weight: 1.0,
            }];
            let m = train(
                &sets,
                Resources::default(),
                &cfg,
                None,
                "toy".into(),
                &mut |_| {},
            );
            assert_eq!(m.info.n_tags, cfg.n_tags());
            let sc = evaluate(&m, &sents);
            assert!((sc.micro().f1() - 1.0).abs() < 1e-9, "{}", sc.report());
            let again = NerModel::load(&m.save().unwrap()).unwrap();
            assert_eq!(evaluate(&again, &sents).report(), sc.report());
        }
    }

    #[test]
    fn passive_aggressive_step_closes_the_margin_and_is_capped() {
        // two tokens, gold O O, predicted B-PER O; 3 features on token 0
        let nt = N_TAGS;
        let d = Encoded {
            feats: vec![1, 2, 3, 4],
            offsets: vec![0, 3, 4],
            feats2: Vec::new(),
            offsets2: Vec::new(),
            keys: Vec::new(),
            dense: Vec::new(),
            gold: vec![0, 0],
            step: 1.0,
            set: 0,
        };
        let mut em = vec![0f32; 2 * nt];
        em[1] = 2.0; // B-PER beats O by 2 at token 0
        let tr = vec![0f32; (nt + 1) * nt];
        let shape = Shape {
            nb: 8,
            nt,
            dd: 0,
            value: 0.0,
            pa_cap: 10.0,
        };
        // (loss 1 − margin −2) / (2·3 features + 2·2 transition cells) = 3 / 10
        let tau = pa_step(&em, &tr, &d, &[1, 0], shape);
        assert!((tau - 0.3).abs() < 1e-6, "{tau}");
        let capped = Shape {
            pa_cap: 0.1,
            ..shape
        };
        assert_eq!(pa_step(&em, &tr, &d, &[1, 0], capped), 0.1);
    }

    #[test]
    fn real_valued_vectors_train_save_and_tag() {
        // بوتين is never seen in training; its vector is the one الأسد has, so the real-valued
        // inputs carry the name over (the toy has no other feature that could)
        let text = "قال O\nالأسد B-PERS\nأمس O\n\nقال O\nالمتحدث O\nأمس O\n\nقال O\nالأسد B-PERS\n\nقال O\nالرجل O\n";
        let sents = parse_conll(text);
        let mut res = Resources::default();
        for (w, v) in [
            ("الأسد", [120i8, 0]),
            ("بوتين", [120, 0]),
            ("المتحدث", [0, 120]),
        ] {
            res.vectors
                .insert(mirsad_text::normalize_word(w), v.to_vec());
        }
        res.vector_value = 1.0 / 8.0;
        let cfg = TrainConfig {
            epochs: 5,
            bucket_bits: 10,
            seed: 1,
            window: 2,
            folds: 2,
            shuffles: 1,
            bioes: false,
            pa_cap: 0.0,
        };
        let sets = [TrainSet {
            name: "toy",
            sentences: &sents,
            weight: 1.0,
        }];
        let m = train(&sets, res, &cfg, None, "toy".into(), &mut |_| {});
        assert_eq!(m.info.dense_dims, 2 * crate::features::DENSE_POSITIONS);
        let again = NerModel::load(&m.save().unwrap()).unwrap();
        assert_eq!(again.info.dense_dims, m.info.dense_dims);
        for model in [&m, &again] {
            let tags = model.tag_sentences(&[vec!["قال", "بوتين", "أمس"]]);
            assert_eq!(tags[0][1], crate::BioTag::B(mirsad_core::EntityLabel::PER));
            assert_eq!(tags[0][0], crate::BioTag::O);
        }
    }
}
