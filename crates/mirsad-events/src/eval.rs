//! Evaluation on the Arabic event gold standard records (`events/arabic_event_gsr`, MIT,
//! Open Event Data Alliance): sentence-level PROTEST and ASSAULT detection, and span overlap of
//! actors and targets.
//!
//! The shared files are already the development half of the GSR; they are split again,
//! deterministically by FNV-1a of the sentence id, into dev-train (even hash: used for curating
//! the lexicon) and dev-test (odd hash: reported, never tuned on).

use crate::cluster::fnv1a;
use crate::stage::{scan, EventStage};
use crate::text::{Brk, View};
use mirsad_core::{Document, EventType, Factuality, Metadata};
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Split {
    DevTrain,
    DevTest,
    All,
}

impl Split {
    pub fn of(id: &str) -> Split {
        if fnv1a(id).is_multiple_of(2) {
            Split::DevTrain
        } else {
            Split::DevTest
        }
    }
    fn contains(self, id: &str) -> bool {
        self == Split::All || Split::of(id) == self
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Label {
    Yes,
    EasyNo,
    DifficultNo,
    Ambiguous,
}

#[derive(Debug, Clone)]
pub struct GsrSentence {
    pub id: String,
    pub label: Label,
    pub text: String,
    /// Annotators who accepted the sentence as an event of the type, out of `votes` ("yes" is
    /// unanimous; "difficult no" and "ambiguous" are split votes).
    pub accepts: u32,
    pub votes: u32,
}

/// Locates the shared data folder: `$MIRSAD_SHARED`, else `<crate>/../../../shared`.
pub fn shared_dir() -> Option<PathBuf> {
    let p = match std::env::var_os("MIRSAD_SHARED") {
        Some(p) => PathBuf::from(p),
        None => Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared"),
    };
    p.join("data").is_dir().then_some(p)
}

/// Parses RFC-4180-style CSV (quoted fields with "" escapes and embedded newlines).
pub fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut it = text.chars().peekable();
    while let Some(c) = it.next() {
        if quoted {
            if c == '"' {
                if it.peek() == Some(&'"') {
                    field.push('"');
                    it.next();
                } else {
                    quoted = false;
                }
            } else {
                field.push(c);
            }
            continue;
        }
        match c {
            '"' if field.is_empty() => quoted = true,
            ',' => row.push(std::mem::take(&mut field)),
            '\n' => {
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            '\r' => {}
            _ => field.push(c),
        }
    }
    if !field.is_empty() || !row.is_empty() {
        row.push(field);
        rows.push(row);
    }
    rows
}

/// Loads `{assault,protest}_gsr.csv`.
pub fn load_gsr(shared: &Path, ty: EventType) -> std::io::Result<Vec<GsrSentence>> {
    let name = format!("{}_gsr.csv", ty.as_str().to_ascii_lowercase());
    let text = std::fs::read_to_string(shared.join("data/events/arabic_event_gsr").join(name))?;
    let rows = parse_csv(&text);
    let Some(header) = rows.first() else {
        return Ok(Vec::new());
    };
    let col = |n: &str| header.iter().position(|h| h == n);
    let (Some(ci), Some(cl), Some(ct)) = (col("id"), col("label"), col("text")) else {
        return Err(std::io::Error::other("missing columns"));
    };
    let (ca, cv) = (col("accept"), col("total"));
    let count = |r: &[String], c: Option<usize>| {
        c.and_then(|c| r.get(c))
            .and_then(|x| x.parse::<u32>().ok())
            .unwrap_or(0)
    };
    let mut out = Vec::new();
    for r in rows.iter().skip(1) {
        if r.len() <= ci.max(cl).max(ct) {
            continue;
        }
        let label = match r[cl].as_str() {
            "yes" => Label::Yes,
            "easy no" => Label::EasyNo,
            "difficult no" | "hard no" => Label::DifficultNo,
            _ => Label::Ambiguous,
        };
        out.push(GsrSentence {
            id: r[ci].clone(),
            label,
            text: r[ct].clone(),
            accepts: count(r, ca),
            votes: count(r, cv),
        });
    }
    Ok(out)
}

/// Sentence-level scores.
#[derive(Debug, Clone, Default)]
pub struct DetectionReport {
    pub tp: usize,
    pub fp: usize,
    pub fn_: usize,
    pub tn: usize,
    /// Of the false positives, how many were "difficult no".
    pub fp_difficult: usize,
    pub ambiguous: usize,
    pub ambiguous_predicted: usize,
}

impl DetectionReport {
    pub fn precision(&self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }
    pub fn recall(&self) -> f64 {
        ratio(self.tp, self.tp + self.fn_)
    }
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
    pub fn table_row(&self, name: &str) -> String {
        format!(
            "| {name} | {} | {} | {} | {} | {:.3} | {:.3} | {:.3} | {}/{} |",
            self.tp,
            self.fp,
            self.fn_,
            self.tn,
            self.precision(),
            self.recall(),
            self.f1(),
            self.ambiguous_predicted,
            self.ambiguous
        )
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

fn sentence_doc(id: &str, text: &str) -> Document {
    Document::new(
        Metadata {
            id: id.to_string(),
            published: published_from_id(id),
            ..Default::default()
        },
        text.to_string(),
        "ar",
    )
}

/// The publication date a Gigaword-style id carries (`AAW_ARB_20080110.0023-5` → 2008-01-10), as
/// a news reader would have it: it dates background years (`عام 2002`) as historical.
pub fn published_from_id(id: &str) -> Option<String> {
    let d = id.split('_').nth(2)?.get(..8)?;
    d.bytes()
        .all(|b| b.is_ascii_digit())
        .then(|| format!("{}-{}-{}", &d[..4], &d[4..6], &d[6..8]))
}

/// A GSR sentence as a document: its id's publication date and, as `mirsad analyze` runs it
/// before events, the time layer (a year or a month long past dates the event as background).
/// No KB: events may not import it (see `mirsad-cli`'s `gsr_dev_train_with_kb`).
pub fn gsr_document(s: &GsrSentence) -> Document {
    static TIME: std::sync::OnceLock<mirsad_time::TimeStage> = std::sync::OnceLock::new();
    let mut doc = sentence_doc(&s.id, &s.text);
    if std::env::var_os("GSR_NO_TIME").is_none() {
        // (the time stage never fails: it only reads the text)
        let _ =
            mirsad_core::Stage::process(TIME.get_or_init(mirsad_time::TimeStage::new), &mut doc);
    }
    doc
}

/// The confidence an event needs to count as a sentence-level detection. Chosen on dev-train
/// only (best F1 of the rules over 0.3..0.9 in steps of 0.05); the GSR's "no" sentences are full
/// of assault vocabulary used as a topic (قضية خطف، سياسة الاغتيالات), so only concrete mentions
/// should count. The confirmation model keeps this scale: its bias puts its own cross-validated
/// best threshold here.
pub fn detection_threshold(ty: EventType) -> f32 {
    match ty {
        EventType::Assault => 0.7,
        _ => 0.55,
    }
}

/// The stage as the GSR evaluation runs it: everything above 0.3 is extracted (the rules'
/// candidates the confirmation model rescores), and [`detection_threshold`] decides per type.
pub fn gsr_stage() -> EventStage {
    EventStage::with_lexicon(
        crate::Lexicon::builtin(),
        crate::EventOptions {
            min_confidence: crate::confirm::MIN_RULE_CONFIDENCE,
            ..Default::default()
        },
    )
    .with_confirmation(Some(crate::ConfirmModel::builtin()))
}

/// Does the stage find an event of type `ty` in `text` (without entities: the KB is not run)?
/// Negated events do not count: the sentence says the event did not happen.
pub fn detects(stage: &EventStage, s: &GsrSentence, ty: EventType) -> bool {
    best_confidence(stage, s, ty) >= detection_threshold(ty)
}

/// Sentence-level detection scores of type `ty` on a split.
pub fn evaluate_detection(
    stage: &EventStage,
    data: &[GsrSentence],
    ty: EventType,
    split: Split,
) -> DetectionReport {
    let mut r = DetectionReport::default();
    for s in data.iter().filter(|s| split.contains(&s.id)) {
        let p = detects(stage, s, ty);
        match (s.label, p) {
            (Label::Ambiguous, p) => {
                r.ambiguous += 1;
                r.ambiguous_predicted += usize::from(p);
            }
            (Label::Yes, true) => r.tp += 1,
            (Label::Yes, false) => r.fn_ += 1,
            (l, true) => {
                r.fp += 1;
                r.fp_difficult += usize::from(l == Label::DifficultNo);
            }
            (_, false) => r.tn += 1,
        }
    }
    r
}

/// Errors on a split, for curation on dev-train: (id, label, predicted, text).
pub fn detection_errors(
    stage: &EventStage,
    data: &[GsrSentence],
    ty: EventType,
    split: Split,
) -> Vec<(String, Label, bool, String)> {
    data.iter()
        .filter(|s| split.contains(&s.id) && s.label != Label::Ambiguous)
        .filter_map(|s| {
            let p = detects(stage, s, ty);
            ((s.label == Label::Yes) != p).then(|| (s.id.clone(), s.label, p, s.text.clone()))
        })
        .collect()
}

/// Candidate argument spans without a KB: the noun phrase after a verb trigger (its VSO subject)
/// or after a verbal noun (its genitive) is the actor — the patient for nouns flagged `gp` and
/// for passives — and the noun phrase after على / ضد / إلى / مع / ل- is the target. Returns
/// normalised words (actor, target) for each trigger of type `ty`.
pub fn fallback_arguments(
    stage: &EventStage,
    text: &str,
    ty: EventType,
) -> Vec<(Vec<String>, Vec<String>)> {
    let doc = sentence_doc("gsr", text);
    let view = View::build(&doc);
    let lex = stage.lexicon();
    let mut out = Vec::new();
    for t in scan(&view, lex) {
        let e = &lex.entries[t.entry as usize];
        if e.event_type != ty || (e.strength < crate::lexicon::WEAK) || e.source != "curated" {
            continue;
        }
        let (s0, s1) = view.sents[view.toks[t.start].sent];
        let np = |from: usize| -> (Vec<String>, usize) {
            let mut w = Vec::new();
            let mut k = from;
            while k < s1 && w.len() < 3 {
                if k > from && view.toks[k].brk >= Brk::Comma {
                    break;
                }
                let x = view.tok(k);
                if is_target_prep(x) || NP_STOP.contains(&x) || lex.lookup(x).is_some() {
                    break;
                }
                w.push(x.to_string());
                k += 1;
            }
            (w, k)
        };
        let (first, after) = np(t.end);
        // "قتل ثلاثة أشخاص" is read as "three people were killed": a counted noun phrase after
        // the trigger is the patient (unvocalised passives look like actives)
        let counted = first.first().is_some_and(|w| {
            w.bytes().next().is_some_and(|b| b.is_ascii_digit())
                || crate::stage::NUMBER_WORDS.contains(&w.as_str())
                || QUANTIFIERS.contains(&w.as_str())
        });
        // a preverbal subject (مسلحون مجهولون اغتالوا العميد): up to two content words right
        // before a verb trigger, in the same clause
        let mut before = Vec::new();
        if t.hit.kind != crate::morph::FormKind::Noun {
            let mut k = t.start;
            while k > s0 && before.len() < 2 && view.toks[k].brk < Brk::Comma {
                let w = view.tok(k - 1);
                if NP_STOP.contains(&w) || is_target_prep(w) || w == "ان" || lex.lookup(w).is_some()
                {
                    break;
                }
                before.insert(0, w.to_string());
                k -= 1;
            }
        }
        let (actor, mut target) = if e.genitive_patient || counted || !before.is_empty() {
            (before, first)
        } else {
            (first, Vec::new())
        };
        // a target after a preposition
        let mut k = after;
        while k < s1 && k < after + 4 {
            if view.toks[k].brk >= Brk::Clause {
                break;
            }
            if is_target_prep(view.tok(k)) {
                let (w, _) = np(k + 1);
                if target.is_empty() {
                    target = w;
                }
                break;
            }
            k += 1;
        }
        out.push((actor, target));
    }
    out
}

fn is_target_prep(w: &str) -> bool {
    matches!(w, "علي" | "ضد" | "الي" | "مع")
}

/// Quantifiers the fallback span takes in besides the shared number words.
const QUANTIFIERS: &[&str] = &["احد", "عدد", "نحو"];

const NP_STOP: &[&str] = &[
    "في",
    "من",
    "ان",
    "انه",
    "الذي",
    "التي",
    "امس",
    "اليوم",
    "قد",
    "و",
    "عن",
    "ما",
    "لا",
    "بعد",
    "قبل",
    "خلال",
    "حيث",
];

/// Span overlap against `{assault,protest}_spans.json`.
#[derive(Debug, Clone, Default)]
pub struct SpanReport {
    pub sentences: usize,
    pub detected: usize,
    pub gold_source: usize,
    pub pred_source: usize,
    pub source_overlap: usize,
    pub gold_target: usize,
    pub pred_target: usize,
    pub target_overlap: usize,
}

impl SpanReport {
    pub fn table(&self, name: &str) -> String {
        format!(
            "| {name} | {} | {} | {}/{} ({:.2}) | {}/{} ({:.2}) | {}/{} ({:.2}) | {}/{} ({:.2}) |",
            self.sentences,
            self.detected,
            self.source_overlap,
            self.pred_source,
            ratio(self.source_overlap, self.pred_source),
            self.source_overlap,
            self.gold_source,
            ratio(self.source_overlap, self.gold_source),
            self.target_overlap,
            self.pred_target,
            ratio(self.target_overlap, self.pred_target),
            self.target_overlap,
            self.gold_target,
            ratio(self.target_overlap, self.gold_target),
        )
    }
}

/// Word-overlap of fallback argument spans with the gold source/target spans. A prediction counts
/// when one of its words (normalised, clitics kept) is among the gold words of any annotator's span.
pub fn evaluate_spans(
    stage: &EventStage,
    shared: &Path,
    ty: EventType,
    split: Split,
) -> SpanReport {
    let name = format!("{}_spans.json", ty.as_str().to_ascii_lowercase());
    let path = shared.join("data/events/arabic_event_gsr").join(name);
    let Ok(text) = std::fs::read_to_string(path) else {
        return SpanReport::default();
    };
    let Ok(serde_json::Value::Array(recs)) = serde_json::from_str::<serde_json::Value>(&text)
    else {
        return SpanReport::default();
    };
    let mut r = SpanReport::default();
    let words = |v: &serde_json::Value, k: &str| -> Vec<String> {
        v[k].as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|w| w.as_str())
                    .map(mirsad_text::normalize_word)
                    .collect()
            })
            .unwrap_or_default()
    };
    for rec in recs {
        let id = rec["source"].as_str().unwrap_or("");
        if !split.contains(id) {
            continue;
        }
        let Some(sent) = rec["text"].as_str() else {
            continue;
        };
        r.sentences += 1;
        let mut gs: Vec<String> = Vec::new();
        let mut gt: Vec<String> = Vec::new();
        for sp in rec["spans"].as_array().into_iter().flatten() {
            gs.extend(words(sp, "source_actor"));
            gt.extend(words(sp, "target_actor"));
        }
        let preds = fallback_arguments(stage, sent, ty);
        if preds.is_empty() {
            if !gs.is_empty() {
                r.gold_source += 1;
            }
            if !gt.is_empty() {
                r.gold_target += 1;
            }
            continue;
        }
        r.detected += 1;
        let pa: Vec<String> = preds.iter().flat_map(|p| p.0.clone()).collect();
        let pt: Vec<String> = preds.iter().flat_map(|p| p.1.clone()).collect();
        if !gs.is_empty() {
            r.gold_source += 1;
        }
        if !gt.is_empty() {
            r.gold_target += 1;
        }
        if !pa.is_empty() {
            r.pred_source += 1;
            if !gs.is_empty() && pa.iter().any(|w| gs.contains(w)) {
                r.source_overlap += 1;
            }
        }
        if !pt.is_empty() {
            r.pred_target += 1;
            if !gt.is_empty() && pt.iter().any(|w| gt.contains(w)) {
                r.target_overlap += 1;
            }
        }
    }
    r
}

/// Per-trigger features of the events found in a sentence (for curation on dev-train).
#[derive(Debug, Clone)]
pub struct TriggerInfo {
    pub event_type: EventType,
    pub verb: bool,
    pub multiword: bool,
    pub lemma: String,
    pub factuality: Factuality,
    pub historical: bool,
    pub trigger: String,
}

pub fn trigger_infos(stage: &EventStage, text: &str) -> Vec<TriggerInfo> {
    let doc = sentence_doc("gsr", text);
    let view = View::build(&doc);
    stage
        .extract_in(&doc, &view)
        .into_iter()
        .map(|c| {
            let e = &stage.lexicon().entries[c.entry as usize];
            TriggerInfo {
                event_type: c.event.event_type,
                verb: c.kind != crate::morph::FormKind::Noun,
                multiword: e.pos == crate::lexicon::Pos::MultiWord,
                lemma: e.lemma.clone(),
                factuality: c.event.factuality,
                historical: c.event.historical == Some(true),
                trigger: c.event.trigger.text.unwrap_or_default(),
            }
        })
        .collect()
}

/// The candidates of one GSR sentence, for training the confirmation model.
#[derive(Debug, Clone)]
pub struct SentenceExamples {
    pub id: String,
    /// "yes" (what the evaluation counts).
    pub label: bool,
    /// "ambiguous": trained on with vote targets, left out of the scores.
    pub ambiguous: bool,
    /// Candidates of the type that can count as a detection (asserted or reported, not
    /// historical), each with its sentence's target.
    pub examples: Vec<crate::confirm::Example>,
}

/// What the confirmation model learns for a sentence's candidates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Targets {
    /// 1 for "yes", 0 for "no"; "ambiguous" sentences are left out.
    Labels,
    /// The share of annotators who accepted the sentence ("yes" is unanimous; a "difficult
    /// no" is often 1 of 3 or 2 of 4), "ambiguous" sentences included.
    Votes,
}

/// The GSR stage without the confirmation model: the rule candidates the model is trained on.
pub fn rule_stage() -> EventStage {
    gsr_stage().with_confirmation(None)
}

/// Training data for the confirmation model from the sentences of a split.
pub fn confirmation_data(
    stage: &EventStage,
    data: &[GsrSentence],
    ty: EventType,
    split: Split,
    targets: Targets,
) -> Vec<SentenceExamples> {
    data.iter()
        .filter(|s| split.contains(&s.id))
        .filter(|s| targets == Targets::Votes || s.label != Label::Ambiguous)
        .map(|s| {
            let doc = gsr_document(s);
            let view = View::build(&doc);
            let label = s.label == Label::Yes;
            let target = match targets {
                Targets::Labels => f32::from(u8::from(label)),
                Targets::Votes if label => 1.0,
                Targets::Votes => s.accepts as f32 / s.votes.max(1) as f32,
            };
            let examples = stage
                .extract_in(&doc, &view)
                .into_iter()
                .filter(|c| {
                    c.event.event_type == ty
                        && counts_as_detection(&c.event)
                        && !c.confirm_features.is_empty()
                })
                .map(|c| crate::confirm::Example {
                    features: c.confirm_features,
                    rule_confidence: c.rule_confidence,
                    target,
                })
                .collect();
            SentenceExamples {
                id: s.id.clone(),
                label,
                ambiguous: s.label == Label::Ambiguous,
                examples,
            }
        })
        .collect()
}

/// Asserted or reported, and not historical: only such events are sentence-level detections.
fn counts_as_detection(e: &mirsad_core::Event) -> bool {
    matches!(e.factuality, Factuality::Asserted | Factuality::Reported)
        && e.historical != Some(true)
}

/// The cross-validation fold of a sentence (dev-train ids all have an even hash, so the fold
/// reads the bits above it).
pub fn fold_of(id: &str, folds: u64) -> u64 {
    (fnv1a(id) >> 1) % folds
}

/// Out-of-fold sentence scores of a `folds`-fold cross-validation of the confirmation model
/// inside `sents`: for each fold, a model trained on the other folds runs in the GSR stage over
/// the fold's sentences exactly as the evaluation does. Each score is the sentence's best
/// confidence of an event that counts as a detection (0 without one).
pub fn cross_validate(
    data: &[GsrSentence],
    sents: &[SentenceExamples],
    ty: EventType,
    opts: crate::confirm::TrainOptions,
    folds: u64,
) -> Vec<(bool, f32)> {
    let by_id: std::collections::HashMap<&str, &GsrSentence> =
        data.iter().map(|s| (s.id.as_str(), s)).collect();
    let mut out = Vec::with_capacity(sents.len());
    for f in 0..folds {
        let train: Vec<crate::confirm::Example> = sents
            .iter()
            .filter(|s| fold_of(&s.id, folds) != f)
            .flat_map(|s| s.examples.iter().cloned())
            .collect();
        let mut model = crate::ConfirmModel::default();
        model.types.insert(ty, crate::confirm::train(&train, opts));
        let stage = gsr_stage().with_confirmation(Some(model));
        for s in sents
            .iter()
            .filter(|s| fold_of(&s.id, folds) == f && !s.ambiguous)
        {
            let Some(g) = by_id.get(s.id.as_str()) else {
                continue;
            };
            out.push((s.label, best_confidence(&stage, g, ty)));
        }
    }
    out
}

/// The best confidence of an event of type `ty` in a sentence that counts as a detection (0
/// without one).
pub fn best_confidence(stage: &EventStage, s: &GsrSentence, ty: EventType) -> f32 {
    best_confidence_in(stage, &gsr_document(s), ty)
}

/// [`best_confidence`] on a document that earlier stages (the KB, NER, time) have filled.
pub fn best_confidence_in(stage: &EventStage, doc: &Document, ty: EventType) -> f32 {
    stage
        .extract(doc)
        .iter()
        .filter(|e| e.event_type == ty && counts_as_detection(e))
        .map(|e| e.confidence)
        .fold(0.0f32, f32::max)
}

/// P, R, F1 of sentence scores at a threshold.
pub fn prf_at(scored: &[(bool, f32)], th: f32) -> (f64, f64, f64) {
    let tp = scored.iter().filter(|(y, c)| *y && *c >= th).count() as f64;
    let fp = scored.iter().filter(|(y, c)| !*y && *c >= th).count() as f64;
    let fn_ = scored.iter().filter(|(y, c)| *y && *c < th).count() as f64;
    let (p, r) = (tp / (tp + fp).max(1.0), tp / (tp + fn_).max(1.0));
    (p, r, 2.0 * p * r / (p + r).max(1e-9))
}

/// The threshold (0.05..0.95 in steps of 0.025) with the best F1, and that F1.
pub fn best_threshold(scored: &[(bool, f32)]) -> (f32, f64) {
    (2..=38)
        .map(|i| i as f32 * 0.025)
        .map(|th| (th, prf_at(scored, th).2))
        .fold((0.5, -1.0), |b, x| if x.1 > b.1 { x } else { b })
}
