//! A learned confirmation of PROTEST and ASSAULT events: a logistic regression over features of
//! each candidate the rules produce (trigger lemma and form, factuality, the words around it,
//! counts and casualty words, where it sits in the sentence) that sets the event's confidence.
//!
//! Why learned: the rules find violence and protest vocabulary reliably, but whether a mention
//! reports one concrete event or talks about such events (threats, condemnations, trials, old
//! attacks, protests announced or dispersed) depends on many weak cues at once. The weights are
//! trained on the dev-train half of the Arabic event GSR only (`tests/gsr.rs`,
//! `gsr_train_confirmation`); the model file is `model/gsr_confirm.tsv`, its card `MODEL_CARD.md` (this crate's root).
//!
//! The model is a residual on the rules: `p = σ(b + a·logit(rule confidence) + Σ wᵢ)`, so an
//! unknown feature leaves the rule's judgement in charge. Its bias is shifted so that the
//! cross-validated best detection threshold lands on the stage's default confidence floor:
//! one threshold serves the GSR evaluation and `mirsad analyze`.

use crate::lexicon::{Entry, Lexicon, Pos};
use crate::morph::FormKind;
use crate::stage::Trig;
use crate::text::{Brk, View};
use mirsad_core::{EventType, Factuality};
use std::collections::HashMap;

/// The event types the model confirms.
pub fn confirms(ty: EventType) -> bool {
    matches!(ty, EventType::Assault | EventType::Protest)
}

/// The least rule confidence of a candidate the model rescores (and is trained on): the GSR
/// evaluation's extraction floor.
pub const MIN_RULE_CONFIDENCE: f32 = 0.3;

/// Where a candidate sits and what the rules made of it.
pub(crate) struct Site<'a> {
    pub view: &'a View,
    pub lex: &'a Lexicon,
    pub trig: &'a Trig,
    pub entry: &'a Entry,
    pub s0: usize,
    pub s1: usize,
    /// A finite verb, or a participant noun with its gathering verb.
    pub verbal: bool,
    pub factuality: Factuality,
    pub historical: bool,
}

/// Words around the trigger whose presence is a feature.
const WINDOW: usize = 6;

/// Number words and casualty nouns that make a count (one concrete event has a toll).
const COUNT_WORDS: &[&str] = &[
    "قتيل",
    "قتلي",
    "جريح",
    "جرحي",
    "مصرع",
    "مقتل",
    "اصابه",
    "بجروح",
    "شخصا",
    "اشخاص",
    "مئات",
    "الاف",
    "عشرات",
    "الالاف",
    "المئات",
    "العشرات",
];

fn strip_conj(w: &str) -> &str {
    match w.strip_prefix('و').or_else(|| w.strip_prefix('ف')) {
        Some(r) if r.chars().count() >= 2 => r,
        _ => w,
    }
}

/// The feature names of a candidate (empty for types the model does not confirm).
pub(crate) fn features(s: &Site) -> Vec<String> {
    if !confirms(s.entry.event_type) {
        return Vec::new();
    }
    let v = s.view;
    let t = s.trig;
    let e = s.entry;
    let mut f: Vec<String> = Vec::with_capacity(48);
    f.push(format!("lemma:{}", e.lemma));
    f.push(format!(
        "kind:{}",
        match t.hit.kind {
            FormKind::Perfect => "perfect",
            FormKind::Imperfect => "imperfect",
            FormKind::Noun => "noun",
        }
    ));
    if e.pos == Pos::MultiWord {
        f.push("multiword".into());
    }
    if s.verbal {
        f.push("verbal".into());
    }
    if let Some(m) = &e.mode {
        f.push(format!("mode:{m}"));
    }
    f.push(format!("fact:{:?}", s.factuality));
    if s.historical {
        f.push("historical".into());
    }
    f.push(format!("proclitic:{}", t.proclitic));
    if t.hit.enclitic {
        f.push("enclitic".into());
    }
    // the two words before and after (^ and $ past the sentence's edges)
    for d in 1..=2 {
        let prev = (t.start >= s.s0 + d).then(|| v.tok(t.start - d));
        let next = (t.end + d - 1 < s.s1).then(|| v.tok(t.end + d - 1));
        f.push(format!("prev{d}:{}", prev.map_or("^", strip_conj)));
        f.push(format!("next{d}:{}", next.map_or("$", strip_conj)));
    }
    let lo = s.s0.max(t.start.saturating_sub(WINDOW));
    let hi = s.s1.min(t.end + WINDOW);
    let mut count = false;
    for k in (lo..hi).filter(|k| !(t.start..t.end).contains(k)) {
        let w = strip_conj(v.tok(k));
        f.push(format!("win:{w}"));
        if w.bytes().next().is_some_and(|b| b.is_ascii_digit()) || COUNT_WORDS.contains(&w) {
            count = true;
        }
    }
    if count {
        f.push("count".into());
    }
    // other triggers of the sentence: a second violence word makes a concrete report likelier,
    // one of another type (a threat, a condemnation) a report about it
    for k in s.s0..s.s1 {
        if (t.start..t.end).contains(&k) {
            continue;
        }
        for h in s.lex.lookup(v.tok(k)).into_iter().flat_map(|l| l.hits) {
            let other = &s.lex.entries[h.entry as usize];
            f.push(format!("sent_type:{}", other.event_type.as_str()));
        }
    }
    // position: the lead clause of a news sentence states its event
    let c0 = v.clause_start(t.start).max(s.s0);
    if c0 == s.s0 {
        f.push("first_clause".into());
    }
    f.push(bucket(
        "position",
        t.start - s.s0,
        &[(1, "0"), (4, "1"), (10, "2")],
        "3",
    ));
    let commas = (c0..t.start)
        .filter(|&k| v.toks[k].brk >= Brk::Comma)
        .count();
    if commas > 0 {
        f.push("after_break".into());
    }
    f.push(bucket("length", s.s1 - s.s0, &[(12, "s"), (30, "m")], "l"));
    f.sort();
    f.dedup();
    f
}

/// `name:label` of the first `(upper bound, label)` that `x` does not exceed, else `name:last`.
fn bucket(name: &str, x: usize, bounds: &[(usize, &str)], last: &str) -> String {
    let label = bounds
        .iter()
        .find(|(upper, _)| x <= *upper)
        .map_or(last, |(_, l)| l);
    format!("{name}:{label}")
}

/// The weights of one event type.
#[derive(Debug, Clone, Default)]
pub struct TypeModel {
    pub bias: f32,
    /// Weight of the rules' confidence (as a logit).
    pub rule: f32,
    pub weights: HashMap<String, f32>,
}

impl TypeModel {
    /// The probability that the candidate is a concrete event of its type.
    pub fn score(&self, rule_confidence: f32, features: &[String]) -> f32 {
        let z = self.bias
            + self.rule * logit(rule_confidence)
            + features
                .iter()
                .filter_map(|f| self.weights.get(f))
                .sum::<f32>();
        sigmoid(z)
    }
}

/// The confirmation models of the types in [`confirms`].
#[derive(Debug, Clone, Default)]
pub struct ConfirmModel {
    pub types: HashMap<EventType, TypeModel>,
}

/// The model trained on the GSR's dev-train half (`model/gsr_confirm.tsv`).
const BUILTIN: &str = include_str!("../model/gsr_confirm.tsv");

impl ConfirmModel {
    pub fn builtin() -> ConfirmModel {
        ConfirmModel::parse(BUILTIN).expect("the builtin confirmation model parses")
    }

    /// The event's confidence from the rules' one and its features; `None` when the type has no
    /// model.
    /// Candidates the rules rate below [`MIN_RULE_CONFIDENCE`] keep their confidence: the model
    /// never saw them.
    pub fn score(&self, ty: EventType, rule_confidence: f32, features: &[String]) -> Option<f32> {
        if rule_confidence < MIN_RULE_CONFIDENCE {
            return None;
        }
        Some(self.types.get(&ty)?.score(rule_confidence, features))
    }

    /// Reads the TSV written by [`ConfirmModel::to_tsv`]: `# comment` lines, then
    /// `TYPE<TAB>feature<TAB>weight` rows (`@bias` and `@rule` are the two fixed weights).
    pub fn parse(text: &str) -> Result<ConfirmModel, String> {
        let mut m = ConfirmModel::default();
        for (n, line) in text.lines().enumerate() {
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let mut cols = line.split('\t');
            let (Some(ty), Some(name), Some(w), None) =
                (cols.next(), cols.next(), cols.next(), cols.next())
            else {
                return Err(format!(
                    "line {}: expected TYPE<TAB>feature<TAB>weight",
                    n + 1
                ));
            };
            let ty = EventType::parse(ty)
                .ok_or_else(|| format!("line {}: unknown event type {ty:?}", n + 1))?;
            let w: f32 = w
                .parse()
                .map_err(|_| format!("line {}: bad weight {w:?}", n + 1))?;
            let tm = m.types.entry(ty).or_default();
            match name {
                "@bias" => tm.bias = w,
                "@rule" => tm.rule = w,
                _ => {
                    tm.weights.insert(name.to_string(), w);
                }
            }
        }
        Ok(m)
    }

    /// The model as TSV, features sorted (a stable file for review and diffs).
    pub fn to_tsv(&self, header: &str) -> String {
        let mut out = String::new();
        for l in header.lines() {
            out.push_str("# ");
            out.push_str(l);
            out.push('\n');
        }
        let mut types: Vec<_> = self.types.iter().collect();
        types.sort_by_key(|(t, _)| t.as_str());
        for (ty, tm) in types {
            let ty = ty.as_str();
            out.push_str(&format!("{ty}\t@bias\t{:.5}\n", tm.bias));
            out.push_str(&format!("{ty}\t@rule\t{:.5}\n", tm.rule));
            let mut ws: Vec<_> = tm.weights.iter().filter(|(_, w)| w.abs() >= 5e-4).collect();
            ws.sort_by(|a, b| a.0.cmp(b.0));
            for (f, w) in ws {
                out.push_str(&format!("{ty}\t{f}\t{w:.4}\n"));
            }
        }
        out
    }
}

fn logit(p: f32) -> f32 {
    let p = p.clamp(0.02, 0.98);
    (p / (1.0 - p)).ln()
}

fn sigmoid(z: f32) -> f32 {
    1.0 / (1.0 + (-z).exp())
}

/// One training candidate.
#[derive(Debug, Clone)]
pub struct Example {
    pub features: Vec<String>,
    pub rule_confidence: f32,
    /// The probability to learn: 1 or 0, or the share of annotators who accepted the sentence.
    pub target: f32,
}

/// Training settings: L2 strength, epochs, the least count of a kept feature.
#[derive(Debug, Clone, Copy)]
pub struct TrainOptions {
    pub l2: f32,
    pub epochs: usize,
    pub min_count: usize,
    /// Weight of a positive example relative to a negative one.
    pub positive_weight: f32,
    /// Learn the weight of the rules' logit (else it stays 1: the model is a residual on the
    /// rules' scale, which the roles' additive part and the stage's floor were tuned for).
    pub learn_rule_weight: bool,
}

impl Default for TrainOptions {
    fn default() -> Self {
        TrainOptions {
            l2: 0.02,
            epochs: 300,
            min_count: 2,
            positive_weight: 1.0,
            learn_rule_weight: false,
        }
    }
}

/// Fits the logistic regression by full-batch AdaGrad on the weighted mean log-loss plus L2 (the
/// bias and the rule weight are not penalised). Deterministic: no sampling, features in sorted
/// order.
pub fn train(examples: &[Example], opts: TrainOptions) -> TypeModel {
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for ex in examples {
        for f in &ex.features {
            *counts.entry(f.as_str()).or_default() += 1;
        }
    }
    let mut names: Vec<&str> = counts
        .iter()
        .filter(|(_, c)| **c >= opts.min_count)
        .map(|(f, _)| *f)
        .collect();
    names.sort_unstable();
    let index: HashMap<&str, usize> = names.iter().enumerate().map(|(i, f)| (*f, i)).collect();
    let rows: Vec<(Vec<usize>, f32, f32, f32)> = examples
        .iter()
        .map(|ex| {
            let mut ids: Vec<usize> = ex
                .features
                .iter()
                .filter_map(|f| index.get(f.as_str()).copied())
                .collect();
            ids.sort_unstable();
            ids.dedup();
            let y = ex.target.clamp(0.0, 1.0);
            let weight = 1.0 + (opts.positive_weight - 1.0) * y;
            (ids, logit(ex.rule_confidence), y, weight)
        })
        .collect();
    let total_weight: f32 = rows.iter().map(|r| r.3).sum::<f32>().max(1.0);
    let n = names.len();
    let (mut w, mut bias, mut rule) = (vec![0.0f32; n], 0.0f32, 1.0f32);
    let (mut gw2, mut gb2, mut gr2) = (vec![1e-8f32; n], 1e-8f32, 1e-8f32);
    let lr = 0.3f32;
    let mut grad = vec![0.0f32; n];
    for _ in 0..opts.epochs {
        grad.iter_mut().for_each(|g| *g = 0.0);
        let (mut gb, mut gr) = (0.0f32, 0.0f32);
        for (ids, rl, y, wt) in &rows {
            let z = bias + rule * rl + ids.iter().map(|&i| w[i]).sum::<f32>();
            let d = (sigmoid(z) - y) * wt / total_weight;
            gb += d;
            gr += d * rl;
            for &i in ids {
                grad[i] += d;
            }
        }
        for i in 0..n {
            let g = grad[i] + opts.l2 * w[i];
            gw2[i] += g * g;
            w[i] -= lr * g / gw2[i].sqrt();
        }
        gb2 += gb * gb;
        bias -= lr * gb / gb2.sqrt();
        if opts.learn_rule_weight {
            gr2 += gr * gr;
            rule -= lr * gr / gr2.sqrt();
        }
    }
    TypeModel {
        bias,
        rule,
        weights: names
            .into_iter()
            .zip(w)
            .map(|(f, x)| (f.to_string(), x))
            .collect(),
    }
}

/// Shifts a model's bias so that probability `from` becomes `to` (the cross-validated best
/// threshold becomes the stage's confidence floor).
pub fn recenter(m: &mut TypeModel, from: f32, to: f32) {
    m.bias += logit(to) - logit(from);
}
