//! `mirsad eval events`: the GSR sentence-level detection (mirsad-events' `eval` module) and the
//! document-level event evaluation on the annotated dev set (`devset/articles.dev.jsonl`).
//!
//! # Dev-set matching
//!
//! Every dev article is read from the shared corpora (SHA-1 checked, `mirsad_kb::eval::load_body`),
//! given its `published` date and run through [`crate::pipeline::default_pipeline`], so the events
//! see the real actors, names and timexes. Predicted events (all factualities) are compared with
//! the gold events of the same document, one to one, greedily in gold order; among the candidates
//! a predicted event whose trigger overlaps the gold trigger is preferred, then the nearest one.
//!
//! * **Lenient**: same PLOVER type and the actor sides overlap by country: an actor's key is its
//!   country, or, for an actor without a country, its identity (two such actors match when
//!   `mirsad_kb::eval::same_identity` holds). Recipients are ignored.
//! * **Strict**: same type, some gold actor and some predicted actor are the same identity
//!   (`same_identity`: states by country + sector, Wikidata, the org table, names) and, when gold
//!   has recipients, some gold recipient and some predicted recipient are the same identity.
//!
//! P = matched / predicted, R = matched / gold, micro over documents. Factuality accuracy is
//! taken on the lenient pairs. "Negated/hypothetical as asserted" counts gold negated or
//! hypothetical events that have a predicted *asserted* event of the same type either matched
//! to them (lenient) or with an overlapping trigger.

use crate::pipeline::default_pipeline;
use mirsad_core::{Actor, ActorKind, ActorRef, Document, Event, EventType, Factuality};
use mirsad_kb::eval::{load_body, same_identity, GoldActor, GoldArticle, GoldEvent, Split};
use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;
use std::path::Path;

/// Counts for one document.
#[derive(Debug, Clone, Default)]
pub struct EventDocScore {
    pub id: String,
    pub gold: usize,
    pub pred: usize,
    pub strict: usize,
    pub lenient: usize,
    /// Lenient pairs, and of them those with the same factuality.
    pub fact_pairs: usize,
    pub fact_right: usize,
    /// Gold negated or hypothetical events.
    pub gold_nonfactual: usize,
    /// Of them, those predicted as asserted.
    pub nonfactual_as_asserted: usize,
    /// Per type: (gold, predicted, strict matches, lenient matches).
    pub per_type: BTreeMap<EventType, [usize; 4]>,
}

/// Scores for a set of documents.
#[derive(Debug, Clone, Default)]
pub struct EventSplitScore {
    pub docs: Vec<EventDocScore>,
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

fn f1(p: f64, r: f64) -> f64 {
    if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    }
}

impl EventSplitScore {
    pub fn sum(&self, f: impl Fn(&EventDocScore) -> usize) -> usize {
        self.docs.iter().map(f).sum()
    }
    /// (P, R, F1) of strict matching, micro over documents.
    pub fn strict_prf(&self) -> (f64, f64, f64) {
        let m = self.sum(|d| d.strict);
        let (p, r) = (
            ratio(m, self.sum(|d| d.pred)),
            ratio(m, self.sum(|d| d.gold)),
        );
        (p, r, f1(p, r))
    }
    /// (P, R, F1) of lenient matching, micro over documents.
    pub fn lenient_prf(&self) -> (f64, f64, f64) {
        let m = self.sum(|d| d.lenient);
        let (p, r) = (
            ratio(m, self.sum(|d| d.pred)),
            ratio(m, self.sum(|d| d.gold)),
        );
        (p, r, f1(p, r))
    }
    /// The split's row of the markdown table printed by [`EventDevReport::table`].
    pub fn row(&self, name: &str) -> String {
        let (sp, sr, sf) = self.strict_prf();
        let (lp, lr, lf) = self.lenient_prf();
        format!(
            "| {name} | {} | {} | {} | {} | {sp:.3} | {sr:.3} | {sf:.3} | {} | {lp:.3} | {lr:.3} | {lf:.3} | {:.3} ({}/{}) | {}/{} |",
            self.docs.len(),
            self.sum(|d| d.gold),
            self.sum(|d| d.pred),
            self.sum(|d| d.strict),
            self.sum(|d| d.lenient),
            self.factuality_accuracy(),
            self.sum(|d| d.fact_right),
            self.sum(|d| d.fact_pairs),
            self.sum(|d| d.nonfactual_as_asserted),
            self.sum(|d| d.gold_nonfactual),
        )
    }
    pub fn factuality_accuracy(&self) -> f64 {
        ratio(self.sum(|d| d.fact_right), self.sum(|d| d.fact_pairs))
    }
    pub fn per_type(&self) -> BTreeMap<EventType, [usize; 4]> {
        let mut m: BTreeMap<EventType, [usize; 4]> = BTreeMap::new();
        for d in &self.docs {
            for (t, c) in &d.per_type {
                let e = m.entry(*t).or_default();
                for i in 0..4 {
                    e[i] += c[i];
                }
            }
        }
        m
    }
}

/// The result of a dev-set run.
#[derive(Debug, Clone, Default)]
pub struct EventDevReport {
    pub tune: EventSplitScore,
    pub heldout: EventSplitScore,
    pub skipped: Vec<String>,
}

impl EventDevReport {
    pub fn all(&self) -> EventSplitScore {
        let mut all = self.tune.clone();
        all.docs.extend(self.heldout.docs.iter().cloned());
        all
    }

    /// The markdown tables: scores per half, then counts per type (whole set).
    pub fn table(&self) -> String {
        let all = self.all();
        let mut s = String::new();
        s.push_str("| split | docs | gold | predicted | strict match | strict P | strict R | strict F1 | lenient match | lenient P | lenient R | lenient F1 | factuality acc. (lenient pairs) | gold negated/hypothetical predicted asserted |\n");
        s.push_str("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (name, sc) in [
            ("tune", &self.tune),
            ("heldout", &self.heldout),
            ("all", &all),
        ] {
            let _ = writeln!(s, "{}", sc.row(name));
        }
        s.push('\n');
        s.push_str(
            "| type | gold | predicted | strict match | lenient match | lenient P | lenient R |\n",
        );
        s.push_str("|---|---:|---:|---:|---:|---:|---:|\n");
        for (t, c) in all.per_type() {
            let _ = writeln!(
                s,
                "| {} | {} | {} | {} | {} | {:.2} | {:.2} |",
                t.as_str(),
                c[0],
                c[1],
                c[2],
                c[3],
                ratio(c[3], c[1]),
                ratio(c[3], c[0])
            );
        }
        s
    }

    /// One line per document: id, split, gold, predicted, strict and lenient matches.
    pub fn doc_lines(&self) -> String {
        let mut s = String::new();
        for (split, sc) in [("tune", &self.tune), ("heldout", &self.heldout)] {
            for d in &sc.docs {
                let _ = writeln!(
                    s,
                    "- {} ({split}): gold {}, predicted {}, strict {}, lenient {}",
                    d.id, d.gold, d.pred, d.strict, d.lenient
                );
            }
        }
        s
    }
}

/// The predicted actor behind an event's `ActorRef`: the document's actor entry when there is
/// one, else an actor built from the reference.
fn resolve(doc: &Document, r: &ActorRef) -> Actor {
    if let Some(a) = doc.actors.iter().find(|a| a.id == r.id) {
        return a.clone();
    }
    let kind = match r.kind.as_deref() {
        Some("state") => ActorKind::State,
        Some("person") => ActorKind::Person,
        _ => ActorKind::Organization,
    };
    Actor {
        id: r.id.clone(),
        name: r.name.clone(),
        name_ar: None,
        kind,
        country: r.country.clone(),
        sector: None,
        role: None,
        wikidata: None,
        in_kb: None,
        mentions: None,
    }
}

/// Lenient actor match: equal countries, or, where either side has no country, same identity.
fn same_country_or_identity(g: &GoldActor, p: &Actor) -> bool {
    match (&g.country, &p.country) {
        (Some(gc), Some(pc)) => gc == pc,
        _ => same_identity(g, p),
    }
}

fn any_pair(gold: &[&GoldActor], pred: &[Actor], f: impl Fn(&GoldActor, &Actor) -> bool) -> bool {
    gold.iter().any(|g| pred.iter().any(|p| f(g, p)))
}

fn overlaps(a: (usize, usize), b: (usize, usize)) -> bool {
    a.0 < b.1 && b.0 < a.1
}

struct Pred<'a> {
    event: &'a Event,
    actor: Vec<Actor>,
    recipient: Vec<Actor>,
}

/// Greedy one-to-one matching: for each gold event in order, the first unused predicted event
/// satisfying `ok`, preferring trigger overlap, then the nearest trigger. Returns, per gold
/// event, the index of its predicted event.
fn match_events(
    gold: &[GoldEvent],
    preds: &[Pred],
    ok: impl Fn(&GoldEvent, &Pred) -> bool,
) -> Vec<Option<usize>> {
    let mut used = vec![false; preds.len()];
    gold.iter()
        .map(|g| {
            let gt = (g.trigger.start, g.trigger.end);
            let best = preds
                .iter()
                .enumerate()
                .filter(|(i, p)| !used[*i] && ok(g, p))
                .min_by_key(|(_, p)| {
                    let pt = (p.event.trigger.start, p.event.trigger.end);
                    (!overlaps(gt, pt), gt.0.abs_diff(pt.0))
                })
                .map(|(i, _)| i);
            if let Some(i) = best {
                used[i] = true;
            }
            best
        })
        .collect()
}

fn predictions(doc: &Document) -> Vec<Pred<'_>> {
    doc.events
        .iter()
        .map(|e| Pred {
            event: e,
            actor: e.actor.iter().map(|r| resolve(doc, r)).collect(),
            recipient: e.recipient.iter().map(|r| resolve(doc, r)).collect(),
        })
        .collect()
}

fn lenient_ok(by_id: &HashMap<&str, &GoldActor>, g: &GoldEvent, p: &Pred) -> bool {
    let gold_side: Vec<&GoldActor> = g
        .actor
        .iter()
        .filter_map(|id| by_id.get(id.as_str()).copied())
        .collect();
    g.event_type == p.event.event_type && any_pair(&gold_side, &p.actor, same_country_or_identity)
}

/// Scores the events of one analysed document against its gold record.
pub fn score_events(gold: &GoldArticle, doc: &Document) -> EventDocScore {
    let by_id: HashMap<&str, &GoldActor> = gold.actors.iter().map(|a| (a.id.as_str(), a)).collect();
    let gold_side = |ids: &[String]| -> Vec<&GoldActor> {
        ids.iter()
            .filter_map(|id| by_id.get(id.as_str()).copied())
            .collect()
    };
    let preds = predictions(doc);
    let lenient = match_events(&gold.events, &preds, |g, p| lenient_ok(&by_id, g, p));
    let strict = match_events(&gold.events, &preds, |g, p| {
        g.event_type == p.event.event_type
            && any_pair(&gold_side(&g.actor), &p.actor, same_identity)
            && (g.recipient.is_empty()
                || any_pair(&gold_side(&g.recipient), &p.recipient, same_identity))
    });
    let mut s = EventDocScore {
        id: gold.id.clone(),
        gold: gold.events.len(),
        pred: preds.len(),
        ..Default::default()
    };
    for g in &gold.events {
        s.per_type.entry(g.event_type).or_default()[0] += 1;
    }
    for p in &preds {
        s.per_type.entry(p.event.event_type).or_default()[1] += 1;
    }
    for (g, m) in gold.events.iter().zip(&strict) {
        if m.is_some() {
            s.strict += 1;
            s.per_type.entry(g.event_type).or_default()[2] += 1;
        }
    }
    for (g, m) in gold.events.iter().zip(&lenient) {
        let nonfactual = matches!(g.factuality, Factuality::Negated | Factuality::Hypothetical);
        s.gold_nonfactual += usize::from(nonfactual);
        if let Some(i) = m {
            s.lenient += 1;
            s.per_type.entry(g.event_type).or_default()[3] += 1;
            s.fact_pairs += 1;
            s.fact_right += usize::from(preds[*i].event.factuality == g.factuality);
        }
        if nonfactual {
            let gt = (g.trigger.start, g.trigger.end);
            let matched_asserted =
                m.is_some_and(|i| preds[i].event.factuality == Factuality::Asserted);
            let overlapping_asserted = preds.iter().any(|p| {
                p.event.event_type == g.event_type
                    && p.event.factuality == Factuality::Asserted
                    && overlaps(gt, (p.event.trigger.start, p.event.trigger.end))
            });
            if matched_asserted || overlapping_asserted {
                s.nonfactual_as_asserted += 1;
            }
        }
    }
    s
}

/// Runs the default pipeline on every dev article of `split` (all when `None`) found under
/// `news_dir`, calling `visit` with the gold record and the analysed document. Returns the
/// articles whose text could not be loaded.
fn analyse_devset(
    articles: &[GoldArticle],
    news_dir: &Path,
    split: Option<Split>,
    mut visit: impl FnMut(&GoldArticle, &Document),
) -> Vec<String> {
    let pipeline = default_pipeline();
    let mut cache = Default::default();
    let mut skipped = Vec::new();
    for a in articles {
        if split.is_some_and(|s| Split::of(&a.id) != s) {
            continue;
        }
        let body = match load_body(news_dir, a, &mut cache) {
            Ok(b) => b,
            Err(e) => {
                skipped.push(format!("{}: {e}", a.id));
                continue;
            }
        };
        let mut doc = mirsad_kb::eval::gold_document(a, body);
        pipeline.run(&mut doc);
        visit(a, &doc);
    }
    skipped
}

/// Runs the default pipeline on every dev article found under `news_dir` and scores its events.
pub fn evaluate_devset_events(articles: &[GoldArticle], news_dir: &Path) -> EventDevReport {
    let mut report = EventDevReport::default();
    let mut tune = Vec::new();
    let mut heldout = Vec::new();
    report.skipped = analyse_devset(articles, news_dir, None, |a, doc| {
        let score = score_events(a, doc);
        match Split::of(&a.id) {
            Split::Tune => tune.push(score),
            Split::Heldout => heldout.push(score),
        }
    });
    report.tune.docs = tune;
    report.heldout.docs = heldout;
    report
}

/// The lenient errors of the `tune` half, for curation (never the held-out half): per
/// document, every gold event without a lenient match (FN) and every predicted event without
/// one (FP), each with its trigger, roles, factuality and sentence.
#[cfg(test)]
pub fn devset_tune_errors(articles: &[GoldArticle], news_dir: &Path) -> String {
    let mut out = String::new();
    analyse_devset(articles, news_dir, Some(Split::Tune), |a, doc| {
        let by_id: HashMap<&str, &GoldActor> =
            a.actors.iter().map(|x| (x.id.as_str(), x)).collect();
        let preds = predictions(doc);
        let lenient = match_events(&a.events, &preds, |g, p| lenient_ok(&by_id, g, p));
        let sentence = |at: usize| -> String {
            let chars: Vec<char> = doc.text.chars().collect();
            let stop = |c: &char| matches!(c, '.' | '\n' | '؟' | '!');
            let mut s = at.min(chars.len());
            while s > 0 && !stop(&chars[s - 1]) {
                s -= 1;
            }
            let mut e = at.min(chars.len());
            while e < chars.len() && !stop(&chars[e]) {
                e += 1;
            }
            chars[s..e].iter().collect::<String>().trim().to_string()
        };
        let _ = writeln!(out, "## {}", a.id);
        let mut used = vec![false; preds.len()];
        for (g, m) in a.events.iter().zip(&lenient) {
            let trig: String = doc
                .text
                .chars()
                .skip(g.trigger.start)
                .take(g.trigger.end - g.trigger.start)
                .collect();
            match m {
                Some(i) => {
                    used[*i] = true;
                    let p = preds[*i].event;
                    let _ = writeln!(
                        out,
                        "TP {} «{trig}» pred «{}» conf {:.2}",
                        g.event_type.as_str(),
                        p.trigger.text.as_deref().unwrap_or(""),
                        p.confidence
                    );
                    if p.factuality != g.factuality {
                        let _ = writeln!(
                            out,
                            "FACT {} «{trig}» gold {:?} pred {:?}",
                            g.event_type.as_str(),
                            g.factuality,
                            p.factuality
                        );
                    }
                }
                None => {
                    let _ = writeln!(
                        out,
                        "FN {} «{trig}» actor {:?} recip {:?} {:?}\n    {}",
                        g.event_type.as_str(),
                        g.actor,
                        g.recipient,
                        g.factuality,
                        sentence(g.trigger.start)
                    );
                }
            }
        }
        for (p, u) in preds.iter().zip(&used) {
            if *u {
                continue;
            }
            let e = p.event;
            let ids = |v: &[ActorRef]| v.iter().map(|r| r.id.clone()).collect::<Vec<_>>();
            let _ = writeln!(
                out,
                "FP {} «{}» actor {:?} recip {:?} {:?} conf {:.2}\n    {}",
                e.event_type.as_str(),
                e.trigger.text.as_deref().unwrap_or(""),
                ids(&e.actor),
                ids(&e.recipient),
                e.factuality,
                e.confidence,
                sentence(e.trigger.start)
            );
        }
    });
    out
}

/// The GSR sentence-level detection table (dev-test), as in `crates/mirsad-events/EVAL.md`.
pub fn gsr_table(shared: &Path) -> anyhow::Result<String> {
    use mirsad_events::eval::{evaluate_detection, gsr_stage, load_gsr, Split as GsrSplit};
    let stage = gsr_stage();
    let mut s = String::from(
        "| type / split | TP | FP | FN | TN | P | R | F1 | ambiguous predicted yes |\n|---|---|---|---|---|---|---|---|---|\n",
    );
    for ty in [EventType::Assault, EventType::Protest] {
        let data = load_gsr(shared, ty)?;
        let r = evaluate_detection(&stage, &data, ty, GsrSplit::DevTest);
        s.push_str(&r.table_row(&format!("{} dev-test", ty.as_str())));
        s.push('\n');
    }
    Ok(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The dev-set event evaluation end to end (needs `../shared/data`); the floors sit slightly
    /// below the scores recorded in `crates/mirsad-events/EVAL.md`.
    /// The dev set and the news folder, or `None` (with a message) when `../shared` is absent.
    fn devset_and_news() -> Option<(Vec<GoldArticle>, std::path::PathBuf)> {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
        let news = root.join("../shared/data/news");
        if !news.is_dir() {
            println!("skipping: ../shared/data not found");
            return None;
        }
        let articles =
            mirsad_kb::eval::load_devset(&root.join("devset/articles.dev.jsonl")).unwrap();
        Some((articles, news))
    }

    #[test]
    fn devset_events() {
        let Some((articles, news)) = devset_and_news() else {
            return;
        };
        let report = evaluate_devset_events(&articles, &news);
        println!("{}", report.table());
        assert!(report.skipped.is_empty(), "{:?}", report.skipped);
        let all = report.all();
        assert_eq!(all.docs.len(), articles.len());
        assert!(!report.tune.docs.is_empty() && !report.heldout.docs.is_empty());
        assert!(all.sum(|d| d.gold) > 100);
        assert!(all.sum(|d| d.pred) > 0);
        assert!(all.sum(|d| d.gold_nonfactual) > 0);
        let (sp, sr, sf) = all.strict_prf();
        let (lp, lr, lf) = all.lenient_prf();
        for x in [sp, sr, sf, lp, lr, lf, all.factuality_accuracy()] {
            assert!((0.0..=1.0).contains(&x), "{x}");
        }
        // regression floors
        assert!(lp >= FLOOR_LENIENT_P, "lenient P {lp:.3}");
        assert!(lr >= FLOOR_LENIENT_R, "lenient R {lr:.3}");
        assert!(lf >= FLOOR_LENIENT_F1, "lenient F1 {lf:.3}");
        assert!(sf >= FLOOR_STRICT_F1, "strict F1 {sf:.3}");
        assert!(all.factuality_accuracy() >= 0.75);
    }

    /// Prints the `tune` half's errors for curation: `cargo test -p mirsad-cli --release
    /// devset_tune_errors -- --ignored --nocapture`.
    #[test]
    #[ignore]
    fn devset_tune_errors_dump() {
        let Some((articles, news)) = devset_and_news() else {
            return;
        };
        println!("{}", devset_tune_errors(&articles, &news));
        // the confidence threshold: lenient P/R/F1 on tune when only events at or above it count
        let mut docs = Vec::new();
        analyse_devset(&articles, &news, Some(Split::Tune), |a, d| {
            docs.push((a.clone(), d.clone()))
        });
        for th in [0.3f32, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7] {
            let mut split = EventSplitScore::default();
            for (a, d) in &docs {
                let mut d = d.clone();
                d.events.retain(|e| e.confidence >= th);
                split.docs.push(score_events(a, &d));
            }
            let (p, r, f) = split.lenient_prf();
            println!(
                "threshold {th:.2}: predicted {} lenient P {p:.3} R {r:.3} F1 {f:.3}, nonfactual as asserted {}/{}",
                split.sum(|d| d.pred),
                split.sum(|d| d.nonfactual_as_asserted),
                split.sum(|d| d.gold_nonfactual)
            );
            // the tune row of the EVAL.md table, without running heldout
            if (th - mirsad_events::EventOptions::default().min_confidence).abs() < 1e-6 {
                println!("tune row at the default threshold:\n{}", split.row("tune"));
            }
        }
    }

    // measured on the whole set: lenient P 0.733, R 0.423, F1 0.536; strict F1 0.233
    const FLOOR_LENIENT_P: f64 = 0.68;
    const FLOOR_LENIENT_R: f64 = 0.38;
    const FLOOR_LENIENT_F1: f64 = 0.49;
    const FLOOR_STRICT_F1: f64 = 0.2;
}
