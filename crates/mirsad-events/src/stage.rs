//! The events stage: one pass over the tokens for triggers, then roles, factuality, date and
//! location read only around each trigger.

use crate::confirm::{self, ConfirmModel};
use crate::lexicon::{word_matches, Entry, Hit, Homograph, Lexicon, PatTok, Pos, WEAK};
use crate::local_names::{self, LocalNames};
use crate::morph::FormKind;
use crate::quotes::{self, SpeechLexicon};
use crate::senses::{press_after_preposition, sport_sentences, DEVICE_ADJECTIVES};
use crate::text::{Brk, View};
use mirsad_core::{
    Actor, ActorKind, ActorRef, DateSource, Document, EntityLabel, Event, EventType, Factuality,
    Location, Span, Stage, StageError,
};
use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

/// Tunables of the stage. The defaults favour precision.
#[derive(Debug, Clone)]
pub struct EventOptions {
    /// Events below this confidence are dropped.
    pub min_confidence: f32,
    /// Keep only events with at least one actor or recipient.
    pub require_role: bool,
    /// Fill `doc.quotes`.
    pub quotes: bool,
}

impl Default for EventOptions {
    fn default() -> Self {
        EventOptions {
            // chosen on the dev set's `tune` half (EVAL.md): the best lenient F1 over 0.5–0.7,
            // at precision 0.79; the GSR evaluation uses its own per-type thresholds
            // (`eval::gsr_stage`)
            min_confidence: 0.55,
            require_role: false,
            quotes: true,
        }
    }
}

/// The PLOVER event stage. Built once (lexicon expansion), then shared read-only across threads.
pub struct EventStage {
    pub(crate) lex: Lexicon,
    pub(crate) speech: SpeechLexicon,
    pub opts: EventOptions,
    /// Seats of power (a capital's actor id) → the government they stand for in a role.
    seats: HashMap<String, Actor>,
    /// The learned confirmation of PROTEST and ASSAULT events (`confirm.rs`); without it the
    /// rules' confidence stands.
    confirm: Option<ConfirmModel>,
}

impl Default for EventStage {
    fn default() -> Self {
        EventStage::new()
    }
}

impl EventStage {
    pub fn new() -> Self {
        EventStage::with_lexicon(Lexicon::builtin(), EventOptions::default())
            .with_confirmation(Some(ConfirmModel::builtin()))
    }

    pub fn with_lexicon(lex: Lexicon, opts: EventOptions) -> Self {
        EventStage {
            lex,
            speech: SpeechLexicon::new(),
            opts,
            seats: HashMap::new(),
            confirm: None,
        }
    }

    /// Sets (or, with `None`, removes) the model that confirms PROTEST and ASSAULT events.
    pub fn with_confirmation(mut self, model: Option<ConfirmModel>) -> Self {
        self.confirm = model;
        self
    }

    /// Capitals and other seats of power with the government each stands for (the KB's
    /// `metonym_of`). A seat that fills a role of a state-level event is that government: one
    /// visits, accuses or calls on Tehran's government, not the city (`سيزور أردوغان طهران`,
    /// `اتهم الائتلاف موسكو`, `أنقرة وطهران قد اتفقتا`). The linker already does this for a
    /// capital right next to its verb; roles reach further (objects, coordination).
    pub fn with_seats_of_power(mut self, seats: impl IntoIterator<Item = (String, Actor)>) -> Self {
        self.seats = seats.into_iter().collect();
        self
    }

    pub fn lexicon(&self) -> &Lexicon {
        &self.lex
    }

    /// Extracts the events of a document without touching it (the stage's `process` stores them).
    pub fn extract(&self, doc: &Document) -> Vec<Event> {
        let view = View::build(doc);
        self.extract_in(doc, &view)
            .into_iter()
            .map(|c| c.event)
            .collect()
    }

    pub(crate) fn extract_in(&self, doc: &Document, view: &View) -> Vec<Candidate> {
        let mut ctx = Ctx::new(doc, view, &self.lex);
        ctx.seats = Some(&self.seats);
        ctx.confirm = self.confirm.as_ref();
        ctx.speech = Some(&self.speech);
        // only the events' confidence reads it (not the quotes, which build their own Ctx)
        ctx.agents_in_doc = ctx.names_an_agent();
        let trigs = scan(view, &self.lex);
        // a sentence about sport, or every sentence of an article whose lead is about sport:
        // a match lost, a club's complaint or a player's refusal are no political events
        let sport = sport_sentences(view);
        let sport_article = sport.first().copied().unwrap_or(false);
        let mut out: Vec<Candidate> = Vec::new();
        // the actors of the last verb event of each sentence, for coordinated verbs that share
        // its subject (وأدانت الخارجية السعودية الهجوم، واتهمت إيران بتزويد الحوثيين)
        // (sentence, feminine agreement, actors)
        let mut last_subject: Option<(usize, bool, Vec<ActorRef>)> = None;
        // the agent of the last verbal noun that took it from the verb on its left
        let mut clause_subject: Option<(usize, bool, Vec<ActorRef>)> = None;
        for t in &trigs {
            if sport_article || sport[view.toks[t.start].sent] {
                continue;
            }
            if let Some(mut c) = ctx.build(t) {
                if c.event.event_type == EventType::Consult
                    && c.kind == FormKind::Noun
                    && c.event.recipient.is_empty()
                    && self.frames_a_statement(view, t)
                {
                    continue;
                }
                // a reception is a meeting of a host and a guest: a border post receiving
                // travellers, a port a ship, a city the displaced are none. Without a linked
                // guest it counts only when a person hosts or the guest has a title (استقبل
                // الأمير رئيس فرع الإفتاء)
                if c.event.event_type == EventType::Consult
                    && c.event.recipient.is_empty()
                    && matches!(
                        self.lex.entries[t.entry as usize].lemma.as_str(),
                        "استقبل" | "استقبال"
                    )
                    && !c
                        .event
                        .actor
                        .iter()
                        .any(|a| a.kind.as_deref() == Some("person"))
                    && !self.titled_guest(view, t)
                {
                    continue;
                }
                // the subject of the previous verb of this sentence, when this verb agrees with it
                let agreeing_subject = last_subject
                    .as_ref()
                    .filter(|(s, fem, _)| *s == c.sent && *fem == t.hit.fem)
                    .map(|(_, _, actors)| actors);
                // a coordinated verb whose subject was left implicit shares the previous verb's
                // (ودان غوتيريش الهجوم، ودعا جميع الأطراف) rather than a pronoun's antecedent
                // (also when no antecedent was found at all: ورحب غوتيريش بالهدنة، ودعا الطرفين
                // إلى الالتزام بها)
                if c.coordinated && (c.pronoun_actor || c.implicit_subject_unresolved > 0.0) {
                    if let Some(actors) = agreeing_subject {
                        if !actors
                            .iter()
                            .any(|a| c.event.recipient.iter().any(|r| r.id == a.id))
                        {
                            c.event.actor = actors.clone();
                            // the missing-actor penalty no longer applies
                            let conf = (c.event.confidence + c.implicit_subject_unresolved)
                                .clamp(0.05, 1.0);
                            c.event.confidence = (conf * 100.0).round() / 100.0;
                        }
                    }
                }
                // a verb agreeing with the previous one shares its subject when the name after
                // it is followed by its complement: the name is the object
                if c.coordinated_object {
                    if let Some(actors) = agreeing_subject {
                        if !actors
                            .iter()
                            .any(|a| c.event.actor.iter().any(|b| a.id == b.id))
                        {
                            c.event.recipient =
                                std::mem::replace(&mut c.event.actor, actors.clone());
                        }
                    }
                }
                // a circumstantial participle shares the subject of its sentence's verb (also
                // when that verb's object is the event: أعلنت الجزائر قطع علاقاتها …، متهمة)
                if c.circumstantial {
                    if let Some((_, _, actors)) = last_subject
                        .as_ref()
                        .filter(|(s, _, _)| *s == c.sent)
                        .or(clause_subject.as_ref().filter(|(s, _, _)| *s == c.sent))
                    {
                        if !actors
                            .iter()
                            .any(|a| c.event.recipient.iter().any(|r| r.id == a.id))
                        {
                            c.event.actor = actors.clone();
                        }
                    }
                    if c.event.actor.is_empty() {
                        continue;
                    }
                }
                if c.parties_subject {
                    // the two sides of the last event with two sides, in this sentence or the
                    // one before; of the same type it is that event told again
                    let Some(prev) = out.last().filter(|p| {
                        c.sent <= p.sent + 1 && p.event.actor.len() + p.event.recipient.len() >= 2
                    }) else {
                        continue;
                    };
                    if prev.event.event_type == c.event.event_type {
                        continue;
                    }
                    c.event.actor = prev.event.actor.clone();
                    c.event.actor.extend(prev.event.recipient.iter().cloned());
                }
                if c.kind != FormKind::Noun && !c.event.actor.is_empty() {
                    last_subject = Some((c.sent, t.hit.fem, c.event.actor.clone()));
                } else if c.left_agent {
                    clause_subject = Some((c.sent, t.hit.fem, c.event.actor.clone()));
                }
                if c.event.confidence >= self.opts.min_confidence
                    && !(self.opts.require_role
                        && c.event.actor.is_empty()
                        && c.event.recipient.is_empty())
                {
                    if let Some(second) = ctx.split_dual(t, &mut c) {
                        out.push(c);
                        out.push(second);
                    } else {
                        out.push(c);
                    }
                }
            }
        }
        dedup(&mut out);
        if headline_sentence(doc, view) {
            drop_headline_repeats(&mut out);
        }
        out
    }

    /// A title, an office or an honorific among the eight words after a reception (its host
    /// or its guest: a person).
    fn titled_guest(&self, view: &View, t: &Trig) -> bool {
        let end = view.clause_end(t.end.saturating_sub(1)).min(t.end + 8);
        (t.end..end).any(|k| {
            let w = bare_conj(view.tok(k));
            HOST_TITLES.contains(&w) || HUMAN_SUBJECTS.contains(&w)
        })
    }

    /// A call or an interview in which a statement was made (وقال في اتصال هاتفي …، أكد خلال
    /// حوار …، أوضح باتصال هاتفي): a speech verb earlier in the clause, the noun after `في`,
    /// `خلال` or `بـ`. With no party named (the caller took the press's call), the statement is
    /// what happened, as the guidelines code plain statements: no CONSULT.
    fn frames_a_statement(&self, view: &View, t: &Trig) -> bool {
        let framed = t.proclitic.ends_with('ب')
            || (t.start > 0
                && matches!(
                    bare_conj(view.tok(t.start - 1)),
                    "في" | "خلال" | "وفي" | "وخلال"
                ));
        let c0 = view.clause_start(t.start);
        // (after the speech verb's أن the noun is part of what was said: قال إننا نأمل في
        // اجتماع بين روسيا والولايات المتحدة)
        framed
            && (c0.max(t.start.saturating_sub(12))..t.start).any(|k| {
                self.speech.is_cue(view.tok(k))
                    && !(k + 1..t.start).any(|j| CONTENT_OPENERS.contains(&view.tok(j)))
            })
    }
}

impl Stage for EventStage {
    fn name(&self) -> &'static str {
        "events"
    }

    fn process(&self, doc: &mut Document) -> Result<(), StageError> {
        let view = View::build(doc);
        let mut cands = self.extract_in(doc, &view);
        // Names the KB lacks (NER's people and organisations) become document-local actors only
        // after the roles are read: let in before, any name turned a weak trigger into an event.
        let mut locals = LocalNames::plan(doc, &view.offs);
        locals.promote(doc);
        local_names::fill_verb_subjects(doc, &view, &mut cands);
        let mut events: Vec<Event> = cands.into_iter().map(|c| c.event).collect();
        // a government that a seat of power stood for joins the document's actors
        for r in events
            .iter()
            .flat_map(|e| e.actor.iter().chain(&e.recipient))
        {
            if !doc.actors.iter().any(|a| a.id == r.id) {
                if let Some(gov) = self.seats.values().find(|g| g.id == r.id) {
                    doc.actors.push(gov.clone());
                }
            }
        }
        for (n, e) in events.iter_mut().enumerate() {
            e.id = Some(format!("{}#e{}", doc.id, n + 1));
        }
        doc.events = events;
        if self.opts.quotes {
            // such a name may also be a quote's speaker (قال المتحدث باسم الهيئة سالم المسلط)
            doc.quotes = quotes::extract(doc, &view, &self.speech);
        }
        locals.retire_unused(doc);
        Ok(())
    }
}

/// A trigger found by the scan: tokens `[start, end)`.
#[derive(Debug, Clone)]
pub(crate) struct Trig {
    pub start: usize,
    pub end: usize,
    pub entry: u32,
    pub hit: Hit,
    pub proclitic: &'static str,
}

/// The single pass: one hash lookup per token (plus clitic stripping); multi-word patterns are
/// checked only where their first word matched, and the longest match wins.
pub(crate) fn scan(view: &View, lex: &Lexicon) -> Vec<Trig> {
    let n = view.toks.len();
    let mut out = Vec::new();
    let mut i = 0;
    while i < n {
        let Some(lk) = lex.lookup(view.tok(i)) else {
            i += 1;
            continue;
        };
        // a word written with ة is a noun: ة→ه folding makes وزارة look like و+زاره ("visited
        // him") and طلبة like طلبه ("requested it")
        let mut lk = lk;
        if view.toks[i].ends_with_ta {
            lk.hits.retain(|h| h.kind == FormKind::Noun);
            if lk.hits.is_empty() {
                i += 1;
                continue;
            }
        }
        // a form that is both a perfect verb and its verbal noun (خطف، قتل، قصف) is the noun
        // after a preposition or a governing noun (في قتل، قضية خطف، عملية خطف): a finite verb
        // cannot stand there
        // and before an adjective of degree (دعمها التام، رفضه القاطع: not "he supported her")
        let before_degree = i + 1 < n && DEGREE_ADJECTIVES.contains(&view.tok(i + 1));
        // and after a verbal noun it is coordinated with (عملية خطف وقتل الطفل)
        let after_noun_trigger = view.tok(i).starts_with('و')
            && out
                .last()
                .is_some_and(|p: &Trig| p.end == i && p.hit.kind == FormKind::Noun);
        let governed = i > 0
            && view.toks[i].brk < Brk::Comma
            && (in_list(NOMINAL_GOVERNORS, view.tok(i - 1))
                || NON_EVENT_GOVERNORS.contains(&view.tok(i - 1))
                || after_noun_trigger);
        // and as what a stance verb declares, before any أن (أكدت تونس دعمها، جدد رفضه; a
        // possessed one also further on: أكدت تونس تضامنها …، ودعمها)
        let reach = if lk.hits.iter().any(|h| h.enclitic) {
            20
        } else {
            4
        };
        let declared = view.toks[i].brk < Brk::Clause
            && (i.saturating_sub(reach)..i)
                .rev()
                .take_while(|&k| {
                    view.toks[k + 1].brk < Brk::Clause
                        && (reach > 4 || view.toks[k + 1].brk < Brk::Comma)
                        && !matches!(view.tok(k), "ان" | "انه" | "بان")
                })
                .any(|k| in_list(DECLARING_VERBS, view.tok(k)));
        // and after a verb of continuing or starting (ستواصل دعم دمشق، بدأت تطبيق)
        let after_aspectual =
            i > 0 && view.toks[i].brk < Brk::Comma && is_aspectual(view.tok(i - 1));
        if (governed || before_degree || declared || after_aspectual)
            && lk.hits.iter().any(|h| h.kind == FormKind::Noun)
            && lk.hits.iter().any(|h| h.kind != FormKind::Noun)
        {
            lk.hits.retain(|h| h.kind == FormKind::Noun);
        }
        let curated = lk
            .hits
            .iter()
            .any(|h| lex.entries[h.entry as usize].source == "curated");
        let sent_end = view.sents[view.toks[i].sent].1;
        let mut best: Option<(usize, f32, Hit)> = None;
        for h in &lk.hits {
            let e = &lex.entries[h.entry as usize];
            if curated && e.source != "curated" {
                continue;
            }
            let end = if e.pos == Pos::MultiWord {
                // a verb head may be followed by its subject before the rest (فرضت واشنطن عقوبات),
                // a long one when a name opens it (وقع وزير الكهرباء المصري محمد شاكر ونظيره
                // السوداني في القاهرة اليوم مذكرة تفاهم), unless the verb took another object
                // first
                // (a verbal noun's genitive subject may stand between too: بعد توصل إيران
                // ومجموعة 5+1 في الرابع عشر من الشهر الماضي اتفاقا)
                let gap = if h.kind == FormKind::Noun {
                    if i + 1 < n
                        && view.toks[i + 1].ent.is_some()
                        && long_subject_gap(view, i, &e.rest)
                    {
                        LONG_SUBJECT_GAP
                    } else {
                        0
                    }
                } else if long_subject_gap(view, i, &e.rest) {
                    LONG_SUBJECT_GAP
                } else {
                    4
                };
                let mut found = None;
                for g in 0..=gap {
                    let j = i + 1 + g;
                    if j > sent_end || (g > 0 && view.toks[j - 1].brk >= Brk::Clause) {
                        break;
                    }
                    if g > 4 && is_accusative_object(view, j - 1) {
                        break;
                    }
                    if let Some(end) = match_rest(view, j, &e.rest, sent_end) {
                        found = Some(end);
                        break;
                    }
                }
                match found {
                    Some(end) => end,
                    None => continue,
                }
            } else {
                i + 1
            };
            let better = match best {
                None => true,
                Some((be, bs, _)) => end > be || (end == be && e.strength > bs),
            };
            if better {
                best = Some((end, e.strength, *h));
            }
        }
        if let Some((end, _, hit)) = best {
            out.push(Trig {
                start: i,
                end,
                entry: hit.entry,
                hit,
                proclitic: lk.proclitic,
            });
            i = end;
        } else {
            i += 1;
        }
    }
    out
}

/// How far the rest of a verb-headed pattern may stand from its verb when a named subject
/// comes between.
const LONG_SUBJECT_GAP: usize = 10;

/// A verb followed by a name within four words (its subject, perhaps after a title), and a
/// pattern that goes on with a noun rather than a preposition (a preposition may attach to
/// anything in between: وقع انفجار … على).
fn long_subject_gap(view: &View, i: usize, rest: &[PatTok]) -> bool {
    let noun_next = match rest.first() {
        Some(PatTok::Words(alts)) => !alts.iter().any(|a| {
            let a = a.as_str();
            prep_word(a).is_some() || matches!(a, "الي" | "علي" | "عن" | "ب" | "ل")
        }),
        _ => false,
    };
    noun_next
        && (i + 1..(i + 5).min(view.toks.len()))
            .take_while(|&k| view.toks[k].brk < Brk::Comma)
            .any(|k| view.toks[k].ent.is_some())
}

/// An indefinite accusative noun (تقريرا، بيانا): the verb's object, so a pattern noun after it
/// belongs to something else (نشرت الوكالة تقريرا عن قوات).
fn is_accusative_object(view: &View, k: usize) -> bool {
    let w = view.tok(k);
    view.toks[k].ent.is_none() && w.chars().count() > 3 && w.ends_with('ا') && !w.starts_with("ال")
}

fn match_rest(view: &View, j: usize, rest: &[PatTok], lim: usize) -> Option<usize> {
    let Some(first) = rest.first() else {
        return Some(j);
    };
    match first {
        PatTok::Words(alts) => {
            if j < lim
                && view.toks[j].brk < Brk::Clause
                && alts.iter().any(|a| word_matches(view.tok(j), a))
            {
                match_rest(view, j + 1, &rest[1..], lim)
            } else {
                None
            }
        }
        PatTok::Gap(k) => {
            for g in 0..=*k {
                if j + g > lim || (g > 0 && view.toks[j + g - 1].brk >= Brk::Clause) {
                    break;
                }
                if let Some(e) = match_rest(view, j + g, &rest[1..], lim) {
                    return Some(e);
                }
            }
            None
        }
    }
}

/// An event with the working data that deduplication and quotes need.
#[derive(Debug, Clone)]
pub(crate) struct Candidate {
    pub event: Event,
    pub sent: usize,
    /// Token of the trigger.
    pub tok: usize,
    pub kind: FormKind,
    /// The verb agrees with a feminine subject (3fs -ت / ت-).
    pub fem: bool,
    pub entry: u32,
    /// A definite verbal noun without its own agent (الزيارة، خلال اللقاء): a reference back to
    /// an event already mentioned when one of its type precedes it.
    pub anaphoric: bool,
    /// A verb opening a coordinated clause whose first name (read as its subject) is followed by
    /// a complement (واتهمت إيران بتزويد): the name may be the object of a shared subject.
    pub coordinated_object: bool,
    /// A verb opening a coordinated clause (، و+verb).
    pub coordinated: bool,
    /// The subject is `الجانبان`/`الطرفان`: the participants of the previous event.
    pub parties_subject: bool,
    /// What a threat threatens with (هدد بشن عملية).
    pub threatened: bool,
    /// A circumstantial participle (، داعية المجتمع الدولي إلى): the clause's subject acts.
    pub circumstantial: bool,
    /// A verb whose implicit subject found no antecedent: what its confidence lost for that
    /// (given back when a coordinated verb shares the previous verb's subject).
    pub implicit_subject_unresolved: f32,
    /// The actor was resolved like a pronoun (the last compatible actor before the clause).
    pub pronoun_actor: bool,
    /// A verbal noun whose agent is the subject of the verb on its left (أعلنت الجزائر قطع
    /// علاقاتها).
    pub left_agent: bool,
    /// A stance its possessor declares (أكدت تونس دعمها).
    pub declared: bool,
    /// In a condition (إذا لم تنسحب، ما لم، لو).
    pub condition: bool,
    /// A verbal noun in a prepositional phrase (في أول لقاء، في هجوم انتحاري): it describes an
    /// event of its type stated earlier in the same sentence, when there is one.
    pub described: bool,
    /// The confidence the rules gave without what the roles added, and the features the
    /// confirmation model reads (empty for types it does not confirm): what
    /// `gsr_train_confirmation` trains on.
    pub rule_confidence: f32,
    pub confirm_features: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Prep {
    With,
    To,
    On,
    From,
    Between,
    In,
    By,
    About,
}

fn prep_word(w: &str) -> Option<Prep> {
    Some(match w {
        "مع" | "ومع" => Prep::With,
        "الي" | "لدي" | "نحو" | "والي" | "باتجاه" | "اتجاه" => Prep::To,
        "علي" | "ضد" | "وعلي" | "وضد" => Prep::On,
        "من" | "ومن" => Prep::From,
        "بين" | "وبين" => Prep::Between,
        "في" | "داخل" | "وفي" => Prep::In,
        "بواسطه" => Prep::By,
        "عن" => Prep::About,
        _ => return None,
    })
}

/// Particles before a jussive (لم يلتق، لا تدع، إن يدع).
const JUSSIVE_PARTICLES: &[&str] = &[
    "لم", "ولم", "فلم", "الم", "لما", "ولما", "لا", "ولا", "فلا", "ان", "وان", "فان",
];

/// Words after which a word is a noun: numerals, quantifiers, prepositions, pronouns.
/// (Not demonstratives: في غضون ذلك التقى; not من, which is also "who": من قتل.)
fn governs_a_noun(w: &str) -> bool {
    // (not a year: وفي عام 2013 قتل)
    let year = w.parse::<u32>().is_ok_and(|y| (1800..=2100).contains(&y));
    w.chars().all(|c| c.is_numeric()) && !year
        || matches!(
            w,
            "الف"
                | "الاف"
                | "مليون"
                | "ملايين"
                | "مئات"
                | "عشرات"
                | "كل"
                | "اي"
                | "بعض"
                | "عده"
                | "في"
                | "علي"
                | "عن"
                | "مع"
                | "مثل"
                | "لدي"
                | "عبر"
                | "حول"
                | "ضد"
                | "الي"
                | "هو"
                | "هي"
                | "وهو"
                | "وهي"
        )
}

/// Words that may stand between a preverbal subject and its verb.
const TRANSPARENT: &[&str] = &[
    "انه",
    "انها",
    "انهم",
    "انهما",
    "قد",
    "وقد",
    "فقد",
    "لم",
    "ولم",
    "لن",
    "ولن",
    "لا",
    "سوف",
    "الذي",
    "التي",
    "الذين",
    "اللذين",
    "اللتين",
    "وكان",
    "وكانت",
    "امس",
    "اليوم",
    "بدوره",
    "بدورها",
    "ايضا",
    "اول",
    "يتم",
    "تم",
];
/// Words that end the search for arguments to the right of a trigger.
const STOP_RIGHT: &[&str] = &[
    "ان",
    "انه",
    "انها",
    "الذي",
    "التي",
    "الذين",
    "حيث",
    "بينما",
    "فيما",
    "كما",
    "لكن",
    "ولكن",
    "قال",
    "وقال",
    "اضاف",
    "واضاف",
    "مما",
    "ما",
    "بعد",
    "قبل",
    "عندما",
    "اذ",
    "لان",
    "وان",
    "بان",
    "اذا",
    "لو",
    "حتي",
];
/// Subordinating conjunctions and complementizers: a clause they open may refer back into the
/// main clause (نفت وزارة الدفاع الروسية أن تكون طائراتها قد استهدفت).
#[rustfmt::skip]
const SUBORDINATORS: &[&str] = &[
    "اذا", "لو", "حتي", "عندما", "لكي", "كي", "لان", "فيما", "بينما", "ان", "بان", "وان",
];

/// The case or matter a unit takes in charge (تعهدت الوحدات بالموضوع): no pledge.
#[rustfmt::skip]
const TAKEN_IN_CHARGE: &[&str] = &[
    "بالموضوع", "بالقضيه", "بالملف", "بالبحث", "بالتحقيق", "بالابحاث", "بالامر", "بالمساله",
    "بالحادثه", "بالواقعه", "بالشكايه", "بالشكوي",
];

/// Words before an imperfect that are no indefinite noun it could describe (particles,
/// adverbs, verbs of being and becoming).
#[rustfmt::skip]
const NOT_DESCRIBED: &[&str] = &[
    "قد", "لا", "لم", "لن", "ما", "سوف", "ثم", "او", "ام", "بل", "لكن", "ولكن", "حين", "حينما",
    "عندما", "بعدما", "كلما", "لكي", "كي", "لعل", "ربما", "هو", "هي", "هم", "نحن", "انت", "انا",
    "وهو", "وهي", "وهم", "فهو", "فهي", "ولا", "ولم", "ولن", "وقد", "فقد", "لقد", "بينما", "فيما", "مما", "بما",
    "وما", "كذلك", "ايضا", "غدا", "الان", "حاليا", "مازال", "لازال", "يزال", "تزال", "ظل",
    "ظلت", "بات", "باتت", "اصبح", "اصبحت", "صار", "صارت", "راح", "اخذ", "عاد", "عادت", "جعل",
    "كاد", "كادت", "ليس", "ليست", "اذ", "اذا", "ان", "لو", "منذ", "مثلما", "كما", "لما", "الا",
    "عاما", "حيث", "يوم", "صباح", "مساء", "ليلة", "ليله", "اليوم", "بدوره", "بدورها", "ذلك",
    "هذا", "هذه", "هذه", "تلك", "هناك", "هنا", "كل", "جميع", "بعض", "عدة", "عده",
];

/// Forces and units named by a common noun in construct (قوات البيشمركة، عناصر الأمن): a
/// subject, even when the linker does not know it.
#[rustfmt::skip]
const FORCE_NOUNS: &[&str] = &[
    "قوات", "عناصر", "وحدات", "مسلحو", "اعوان", "دوريات", "دوريه", "افراد", "رجال", "فرق",
    "فرقه", "كتايب", "مقاتلو", "ميليشيات", "مليشيات", "طايرات", "مروحيات",
];

/// What opens a speech verb's content when its subject is a pronoun (وأضاف أن …).
#[rustfmt::skip]
const SPEECH_COMPLEMENTS: &[&str] = &[
    "ان", "انه", "انها", "انهم", "بان", "بانه", "بانها", "قائلا", "قائله",
];

/// Words that stop the leftward search for an agent of a verbal noun (a complementizer or a
/// speech verb separates the reporter from the reported event).
const STOP_LEFT: &[&str] = &[
    "ان",
    "انه",
    "انها",
    "بان",
    "وان",
    "قال",
    "وقال",
    "اكد",
    "واكد",
    "اعلن",
    "واعلن",
    "اضاف",
    "واضاف",
    "ذكر",
    "ذكرت",
    "اعلنت",
    "اكدت",
    "قالت",
    "وقالت",
    "حيث",
    "بينما",
    "فيما",
];

pub(crate) struct Ctx<'a> {
    pub doc: &'a Document,
    pub view: &'a View,
    pub lex: &'a Lexicon,
    pub actors: HashMap<&'a str, &'a Actor>,
    seats: Option<&'a HashMap<String, Actor>>,
    confirm: Option<&'a ConfirmModel>,
    /// Speech verbs, whose subject a circumstantial participle shares (قال …، مطالبا).
    speech: Option<&'a SpeechLexicon>,
    /// The document names an actor that could have acted (see [`Ctx::names_an_agent`]).
    agents_in_doc: bool,
}

/// What `doc.tokens` says about a trigger.
#[derive(Debug, Default, Clone)]
struct Syntax {
    upos: Option<String>,
    subj: Vec<usize>,
    subj_passive: bool,
    obj: Vec<usize>,
}

/// Where the actor of an event was found.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
enum ActorFrom {
    #[default]
    Nowhere,
    /// The subject of a verb trigger (SVO, VSO, a parser's nsubj).
    Subject,
    /// The genitive of a verbal noun.
    Genitive,
    /// من قبل، على يد، بين X وY.
    Preposition,
    /// The clause left of a verbal noun (شنت القوات غارات).
    Left,
    /// The last compatible actor before the clause.
    Pronoun,
}

/// A role filler: entity indices and where they were found.
#[derive(Debug, Default, Clone)]
struct Roles {
    /// «بلاده»: the country of the person it refers to, acting as the subject or genitive.
    own_country: Option<ActorRef>,
    actors: Vec<usize>,
    recips: Vec<usize>,
    pronoun: bool,
    actor_from: ActorFrom,
}

impl<'a> Ctx<'a> {
    pub fn new(doc: &'a Document, view: &'a View, lex: &'a Lexicon) -> Self {
        Ctx {
            doc,
            view,
            lex,
            actors: doc.actors.iter().map(|a| (a.id.as_str(), a)).collect(),
            seats: None,
            confirm: None,
            speech: None,
            agents_in_doc: false,
        }
    }

    /// Whether some linked mention could be an agent, so that an event without one lacks it:
    /// places, news outlets and a state named as where something happened (`في العراق`,
    /// `بباكستان`) are not (a sentence naming only Baghdad, AFP or Iraq has no actor that could
    /// have done it).
    fn names_an_agent(&self) -> bool {
        let v = self.view;
        (0..v.toks.len()).any(|k| {
            let Some(e) = self.actor_ent(k) else {
                return false;
            };
            if self.is_place(e) || self.is_media(e) {
                return false;
            }
            // (the entity's first token only)
            if k > 0 && v.toks[k - 1].ent == Some(e) {
                return false;
            }
            let clitic = self.clitic(e, k);
            let locative = clitic.ends_with('ب')
                || (clitic.is_empty() && k > 0 && matches!(v.tok(k - 1), "في" | "وفي"));
            !(locative && self.actor_kind(e) == Some(ActorKind::State))
        })
    }

    fn tok(&self, i: usize) -> &str {
        self.view.tok(i)
    }

    /// An entity usable as an actor (linked to the KB or a document-local actor).
    fn actor_ent(&self, k: usize) -> Option<usize> {
        let e = self.view.toks[k].ent?;
        self.doc.entities[e].actor_id.as_ref()?;
        Some(e)
    }

    /// Whether an entity begins with token `k` itself (not after a proclitic of the token).
    fn name_starts_at(&self, k: usize) -> bool {
        let t = &self.view.toks[k];
        t.ent.is_some_and(|e| self.doc.entities[e].start == t.cs)
    }

    /// The normalised clitic that precedes entity `e` inside token `k` ("" if none).
    fn clitic(&self, e: usize, k: usize) -> String {
        let t = &self.view.toks[k];
        let en = &self.doc.entities[e];
        if en.start <= t.cs {
            return String::new();
        }
        let b = self.view.offs.to_byte(en.start).min(t.be);
        mirsad_text::normalize_word(&self.doc.text[t.bs..b])
    }

    /// The entity group (with coordination) starting at token `k`: entity indices and the token
    /// after the group.
    pub fn group_at(&self, k: usize, lim: usize) -> Option<(Vec<usize>, usize)> {
        let e = self.actor_ent(k)?;
        let mut ents = vec![e];
        let mut j = k;
        while j < lim && self.view.toks[j].ent == Some(e) {
            j += 1;
        }
        loop {
            if j >= lim || self.view.toks[j].brk > Brk::Comma {
                break;
            }
            let last = *ents.last().unwrap();
            if let Some(e2) = self.actor_ent(j) {
                if e2 != last
                    && (self.clitic(e2, j) == "و" || self.view.toks[j].brk == Brk::Comma)
                    && !ents.contains(&e2)
                {
                    ents.push(e2);
                    while j < lim && self.view.toks[j].ent == Some(e2) {
                        j += 1;
                    }
                    continue;
                }
            } else if let Some((e2, k2)) = self
                .counterpart_after(j, lim)
                .or_else(|| self.coordinated_name_after(j, lim, TITLE_WORDS, 5))
            {
                // X ونظيره الروسي Y: the counterpart is coordinated with X; so is a name with
                // its own title (X، ووزير الخارجية الأمريكي Y)
                if !ents.contains(&e2) {
                    ents.push(e2);
                    j = k2;
                    while j < lim && self.view.toks[j].ent == Some(e2) {
                        j += 1;
                    }
                    continue;
                }
            } else if self.tok(j) == "و" && j + 1 < lim {
                if let Some(e2) = self.actor_ent(j + 1) {
                    if !ents.contains(&e2) {
                        ents.push(e2);
                        j += 1;
                        while j < lim && self.view.toks[j].ent == Some(e2) {
                            j += 1;
                        }
                        continue;
                    }
                }
            }
            break;
        }
        Some((ents, j))
    }

    /// A dual verbal noun with two agents (`تلقى اتصالين هاتفيين من X، وY`) is two events, one
    /// for each: the dual counts the acts and each agent did one. Gives the second (the first
    /// keeps the first agent).
    fn split_dual(&self, t: &Trig, c: &mut Candidate) -> Option<Candidate> {
        let e = &self.lex.entries[t.entry as usize];
        if c.kind != FormKind::Noun
            || c.event.actor.len() != 2
            || c.event.event_type != EventType::Consult
            || e.participant
            || e.instrument
        {
            return None;
        }
        let w = self.tok(t.start);
        let w = w.strip_prefix(t.proclitic).unwrap_or(w);
        let stem = w.strip_suffix("ين").or_else(|| w.strip_suffix("ان"))?;
        // a feminine noun's ة is written ت before the dual ending (زيارتين)
        let fem = stem.strip_suffix('ت').map(|s| format!("{s}ه"));
        let known = |x: &str| x.chars().count() >= 3 && self.lex.lookup(x).is_some();
        if !known(stem) && !fem.as_deref().is_some_and(known) {
            return None;
        }
        let mut second = c.clone();
        second.event.actor = vec![c.event.actor.pop()?];
        Some(second)
    }

    /// `ونظيره [adjective] Y` at token `j`: Y's entity and its first token.
    fn counterpart_after(&self, j: usize, lim: usize) -> Option<(usize, usize)> {
        self.coordinated_name_after(j, lim, COUNTERPARTS, 4)
    }

    /// `و` + one of `heads` at token `j` and a name before `j + reach` in its clause (`ونظيره
    /// الروسي Y`، `ووزير الخارجية الأمريكي جون كيري`): the name's entity and its first token.
    fn coordinated_name_after(
        &self,
        j: usize,
        lim: usize,
        heads: &[&str],
        reach: usize,
    ) -> Option<(usize, usize)> {
        let w = self.tok(j).strip_prefix('و')?;
        if !heads.contains(&w) || self.view.toks[j].ent.is_some() {
            return None;
        }
        (j + 1..lim.min(j + reach))
            .take_while(|&k| self.view.toks[k].brk < Brk::Comma)
            .find_map(|k| self.actor_ent(k).map(|e| (e, k)))
    }

    /// The entity group ending at token `k` (inclusive), scanning back over coordination.
    fn group_ending_at(&self, k: usize, lim: usize) -> Option<(Vec<usize>, usize)> {
        let e = self.actor_ent(k)?;
        let mut s = k;
        while s > lim && self.view.toks[s - 1].ent == Some(e) {
            s -= 1;
        }
        let mut ents = vec![e];
        // X وY: the group continues backwards while the current head carries و (or follows a
        // detached و: بين إيران و دول الخليج)
        loop {
            let before = if s > lim && self.clitic(*ents.last().unwrap(), s) == "و" {
                s - 1
            } else if s > lim + 1 && self.tok(s - 1) == "و" {
                s - 2
            } else {
                break;
            };
            let Some(e2) = self.actor_ent(before) else {
                break;
            };
            let mut s2 = before;
            while s2 > lim && self.view.toks[s2 - 1].ent == Some(e2) {
                s2 -= 1;
            }
            ents.push(e2);
            s = s2;
        }
        ents.reverse();
        Some((ents, s))
    }

    /// The preposition governing a group that starts at token `k`.
    fn prep_of(&self, e: usize, k: usize, floor: usize, ty: EventType) -> Option<Prep> {
        let c = self.clitic(e, k);
        let c = c.strip_prefix('و').unwrap_or(&c);
        match c {
            "ب" => {
                return Some(if ty == EventType::Consult {
                    Prep::With
                } else {
                    Prep::In
                })
            }
            "ل" | "لل" => return Some(Prep::To),
            _ => {}
        }
        // a preposition word in the one or two tokens before (على مواقع كردية)
        for back in 1..=2 {
            if k < floor + back {
                break;
            }
            let w = self.tok(k - back);
            if w == "قبل" && k > floor + back && self.tok(k - back - 1) == "من" {
                return Some(Prep::By);
            }
            if matches!(w, "يد" | "ايدي") && k > floor + back && self.tok(k - back - 1) == "علي"
            {
                return Some(Prep::By);
            }
            if let Some(p) = prep_word(w) {
                return Some(p);
            }
            if self.view.toks[k - back].ent.is_some() {
                break;
            }
        }
        None
    }

    fn build(&self, t: &Trig) -> Option<Candidate> {
        let e: &Entry = &self.lex.entries[t.entry as usize];
        let view = self.view;
        let tk = &view.toks[t.start];
        let (s0, s1) = view.sents[tk.sent];
        let c0 = view.clause_start(t.start);
        let c1 = view.clause_end(t.end - 1).max(t.end);
        let is_verb = t.hit.kind != FormKind::Noun;
        if !self.trigger_sense_ok(t, s0, s1, is_verb) {
            return None;
        }
        // a participant noun (المتظاهرون) reports the event only as the subject of what the
        // crowd does (تجمع مئات المتظاهرين، المحتجون قطعوا الطريق); as an object or after a
        // preposition (فرقت الشرطة المتظاهرين، النار على المتظاهرين) the event is something else
        let crowd = if e.participant {
            Some(self.crowd_verb(t, c0, c1)?)
        } else {
            None
        };
        // an instrument (سيارة مفخخة) is an event only as the means of an attack (هجوم بسيارة
        // مفخخة) or when the sentence says it went off
        if e.instrument && !t.proclitic.ends_with('ب') && !self.explosion_near(t, s0, s1) {
            return None;
        }
        // a circumstantial participle follows its clause after a comma (، متهمة الرباط بـ):
        // elsewhere متهم and مطالبة are nouns (المتهم، مطالبة الشعب)
        if e.circumstantial && !self.comma_before(t.start) {
            return None;
        }
        // what the trigger reads as: a crowd verb with its participant subject is a finite verb
        let verbal = is_verb || crowd.is_some();
        let (span_s, span_e) = match crowd {
            Some(k) => (k.min(t.start), (k + 1).max(t.end)),
            None => (t.start, t.end),
        };
        let agent_phrase =
            is_verb && t.hit.kind == FormKind::Perfect && self.agent_phrase_after(t, s1);
        let passive = agent_phrase
            || is_verb
                && t.hit.kind == FormKind::Perfect
                && (self.is_passive(t) || self.objectless_patient_verb(t, e, s1));
        let mut roles = Roles::default();
        let syn = self.syntax(t);
        if let Some(s) = &syn {
            // a tagger that calls the word an adjective or a name knows better (الاجتماعي)
            if !matches!(
                s.upos.as_deref(),
                None | Some("VERB" | "NOUN" | "X" | "AUX")
            ) {
                return None;
            }
        }

        // 1. a preverbal subject (SVO, or the antecedent of a relative pronoun)
        let mut svo = false;
        if is_verb {
            let mut k = t.start;
            let mut relative = false;
            loop {
                if k > c0
                    && (TRANSPARENT.contains(&self.tok(k - 1))
                        || DEICTIC.contains(&self.tok(k - 1)))
                {
                    relative |= RELATIVES.contains(&self.tok(k - 1));
                    k -= 1;
                } else if let Some(start) = self.name_tail_before(k, c0) {
                    k = start;
                } else {
                    break;
                }
            }
            if k > c0 && OWN_COUNTRY.contains(&self.tok(k - 1)) {
                roles.own_country = self.own_country(k - 1);
                svo = roles.own_country.is_some();
            } else if k > c0 {
                if let Some((g, gs)) = self.group_ending_at(k - 1, c0) {
                    // (a place before a relative pronoun names its antecedent: اتفاق ستوكهولم
                    // الذي توصلت إليه الحكومة)
                    let place_antecedent = relative && g.iter().all(|x| self.is_place(*x));
                    if self.prep_of(g[0], gs, c0, e.event_type).is_none() && !place_antecedent {
                        // a verb with an object pronoun in a relative clause has its antecedent
                        // as the object, and its subject after it (الاستفتاء الذي ترفضه أنقرة)
                        if (relative && t.hit.enclitic) || passive {
                            roles.recips = g;
                        } else {
                            roles.actors = g;
                            roles.actor_from = ActorFrom::Subject;
                        }
                        svo = !(relative && t.hit.enclitic);
                    }
                }
            }
        }

        // the noun after إنّ/أنّ is the subject of the verb that follows it (إن وزير الخارجية
        // ديديي ريندرز يهنئ المملكة المغربية): what comes after the verb is its object, even
        // when the linker does not know the subject
        let inna_subject = is_verb
            && !svo
            && roles.actors.is_empty()
            && roles.own_country.is_none()
            && !t.hit.enclitic
            // (a coordinated verb shares the subject of the clause before: وقالت الولايات
            // المتحدة إن التقرير أثار غضبها وطالبت بسحبه)
            && !t.proclitic.starts_with(['و', 'ف']);
        let inna = if inna_subject {
            self.inna_subject_before(t, c0)
        } else {
            None
        };
        svo |= inna.is_some();
        // an unknown subject stops the pronoun fallback; a possessed one leads to it
        let inna_subject = inna == Some(false);

        // تلقى اتصالا من X: X is the caller, the receiver is the recipient
        let received = !is_verb
            && (c0.max(t.start.saturating_sub(8))..t.start)
                .any(|k| RECEIVE_VERBS.contains(&bare(self.tok(k))));

        // a verb right after a relative pronoun, with no object pronoun of its own and no
        // resumptive preposition after it (الذي توصلت إليه الحكومة), has the antecedent as its
        // subject: the name after it is its object (الهجمات التي استهدفت فرنسا، الوفد الذي زار
        // العراق)
        let relative_object = is_verb
            && !passive
            && !t.hit.enclitic
            && t.start > c0
            && RELATIVES.contains(&bare_conj(self.tok(t.start - 1)))
            && !(t.start + 1..(t.end + 1).min(c1)).any(|x| is_resumptive_preposition(self.tok(x)));
        // a first-person verb (ندعو، أطالب) has its subject in its prefix: a name after it is
        // its object (ندعو كوريا الشمالية رسميا إلى تقديم اعتذاراتها)
        let first_person = t.hit.kind == FormKind::Imperfect && {
            let w = self.tok(t.start);
            let stem = w.strip_prefix(t.proclitic).unwrap_or(w);
            stem.starts_with(['ا', 'ن'])
        };

        // 2. arguments to the right
        let mut k = t.start + 1;
        let mut pending: Option<Prep> = None;
        let mut skipped = 0usize;
        let mut first_group = true;
        // نظيره ("his counterpart") before a name makes the name the object: the subject is
        // someone mentioned before (سيزور أردوغان طهران حيث سيلتقي نظيره الإيراني حسن روحاني)
        let mut counterpart = false;
        let lim = c1.min(t.end + 14);
        let ends_in_clause_verb = !is_verb
            && e.pos == Pos::MultiWord
            && t.end - t.start >= 2
            && !view.toks[t.end - 1].ends_with_ta
            && {
                let w = self.tok(t.end - 1);
                w.chars().count() >= 4 && (w.ends_with('ه') || w.ends_with("ها"))
            };
        while k < lim {
            if k > t.end && view.toks[k].brk >= Brk::Comma {
                break;
            }
            let w = self.tok(k);
            if k < t.end && self.actor_ent(k).is_none() {
                // a word of the pattern itself
                k += 1;
                continue;
            }
            // (not the first word of a name: علي السيستاني is Ali, not على)
            if let Some(p) = prep_word(w).filter(|_| !self.name_starts_at(k)) {
                pending = Some(p);
                k += 1;
                continue;
            }
            if (w == "قبل" && pending == Some(Prep::From))
                || (matches!(w, "يد" | "ايدي") && pending == Some(Prep::On))
            {
                pending = Some(Prep::By);
                k += 1;
                continue;
            }
            if STOP_RIGHT.contains(&w) {
                break;
            }
            if let Some((g, end)) = self.group_at(k, lim) {
                // the people of a place act as the place (تظاهر سكان البصرة)
                if is_verb && k > t.end && POPULATION.contains(&self.tok(k - 1)) {
                    skipped = 0;
                }
                // the complement of a title is not a role (الأمين العام للأمم المتحدة), also
                // inside a pattern (وحمّل الأمين العام للأمم المتحدة غوتيريش إسرائيل المسؤولية)
                let clitic = self.clitic(g[0], k);
                if k > t.start
                    && matches!(clitic.trim_start_matches('و'), "ل" | "لل")
                    && TITLE_WORDS.contains(&self.tok(k - 1))
                {
                    k = end;
                    continue;
                }
                // (a name between a verb head and the rest of its pattern looks back only to the
                // verb: في القاهرة inside وقع … في القاهرة اليوم مذكرة تفاهم)
                let floor = if k < t.end { t.start + 1 } else { t.end };
                let prep = self.prep_of(g[0], k, floor, e.event_type).or(pending);
                // a pattern ending in a verb that refers back to its noun (الضربات التي
                // وجهتها القاهرة): the name right after it is that verb's subject, a capital too
                if k == t.end && prep.is_none() && roles.actors.is_empty() && ends_in_clause_verb {
                    roles.actors = g;
                    roles.actor_from = ActorFrom::Subject;
                    first_group = false;
                    k = end;
                    continue;
                }
                if counterpart && is_verb && prep.is_none() && !passive {
                    if roles.recips.is_empty() {
                        roles.recips = g;
                    }
                    first_group = false;
                    k = end;
                    continue;
                }
                // a sound plural or dual in -ين is accusative or genitive, never a verb's
                // subject (that reads -ون، -ان): انتقد المهاجرين المكسيكيين، هاجم الحوثيين
                let oblique = is_verb
                    && prep.is_none()
                    && ((t.end..k)
                        .any(|x| view.toks[x].ent.is_none() && oblique_plural(self.tok(x)))
                        || oblique_plural(self.tok(k)));
                // a verbal noun in construct between the verb and the name is the verb's object
                // and the name its genitive (رفض طلب الشرطة، أدان هجوم داعش): a masdar does
                // not act
                let object_genitive =
                    is_verb && prep.is_none() && k > t.end && self.verbal_noun_in_construct(k - 1);
                // (not when the pronoun referring back comes later: الأمر الذي رفض الرئيس
                // أوباما إقراره، الدول التي دعت … ومعها كينيا)
                let relative_object_here = relative_object
                    && !(t.end..k).any(|x| is_resumptive_preposition(bare_conj(self.tok(x))))
                    && !(end..c1.min(end + 3)).any(|x| {
                        let w = self.tok(x);
                        w.chars().count() > 3
                            && (w.ends_with("ها")
                                || w.ends_with("هم")
                                || w.ends_with('ه') && !view.toks[x].ends_with_ta)
                    });
                self.assign(
                    &mut roles,
                    e,
                    g,
                    prep,
                    is_verb,
                    passive,
                    svo || oblique || first_person || object_genitive || relative_object_here,
                    // a possessive suffix is the noun's genitive already (زيارته الرئيس)
                    first_group && !t.hit.enclitic,
                    skipped,
                    received,
                );
                first_group = false;
                pending = None;
                k = end;
                skipped = 0;
                continue;
            }
            // titles and honorifics before a name do not count (التقى معالي وزير الخارجية
            // الأستاذ عادل الجبير)
            if !TITLE_WORDS.contains(&w) && !DEICTIC.contains(&w) {
                skipped += 1;
            }
            // (so does a focus adverb: حيث سيلتقي خصوصا الرئيس حسن روحاني)
            counterpart |= COUNTERPARTS.contains(&w) || FOCUS_ADVERBS.contains(&w);
            // a place without an actor was the preposition's object (إلى سوريا ستافان دي
            // ميستورا: the name after it is not "to" anyone)
            if view.toks[k].ent.is_some() {
                pending = None;
            }
            if pending.is_none() && skipped > 3 {
                break;
            }
            k += 1;
        }

        // a verb opening a coordinated clause (، و+verb) whose first name is followed by its
        // complement (واتهمت إيران بتزويد، وطالبت المجتمع الدولي بمحاسبة، ودعت الطرفين إلى)
        // shares the previous verb's subject: the name is the object
        let coordinated_clause =
            is_verb && !passive && t.proclitic.starts_with('و') && self.comma_before(t.start);
        let coordinated = coordinated_clause && !svo && roles.actor_from == ActorFrom::Subject;
        let coordinated_object = coordinated
            && self.group_at(t.end, c1).is_some_and(|(_, end)| {
                end < c1 && {
                    let w = self.tok(end);
                    matches!(w, "الي" | "علي") || (w.starts_with('ب') && w.chars().count() > 3)
                }
            });

        // 2b. dependency arcs, when a parser ran, override the word-order guesses
        if let Some(s) = &syn {
            if !s.subj.is_empty() {
                if s.subj_passive {
                    roles.recips = s.subj.clone();
                } else {
                    roles.actors = s.subj.clone();
                    roles.actor_from = ActorFrom::Subject;
                }
            }
            if !s.obj.is_empty() {
                roles.recips = s.obj.clone();
            }
        }

        // the participle's first name is its object (a capital too: متهمة الرباط); its subject
        // is the clause's
        if e.circumstantial {
            // (after a title: متهما الرئيس المعزول علي عبد الله صالح)
            let first_name = std::mem::take(&mut roles.actors);
            roles.actor_from = ActorFrom::Nowhere;
            if roles.recips.is_empty() {
                roles.recips = match self.group_at(t.end, c1) {
                    Some((g, _)) => g,
                    None => first_name,
                };
            }
        }

        // (a verbal noun's genitive «بلاده»: دعم بلاده)
        if !is_verb
            && roles.actors.is_empty()
            && !e.genitive_patient
            && t.end < c1
            && OWN_COUNTRY.contains(&self.tok(t.end))
        {
            roles.own_country = self.own_country(t.end);
        }

        // (aid given in a country goes to it: قدم … 50 مليون دولار لدعم برامج التغذية في اليمن;
        // a state, not a town where it is handed out)
        if e.event_type == EventType::Aid && roles.recips.is_empty() {
            roles.recips = (t.end..c1)
                .find(|&k| {
                    self.tok(k) == "في"
                        && k + 1 < c1
                        && self
                            .actor_ent(k + 1)
                            .is_some_and(|en| self.actor_kind(en) == Some(ActorKind::State))
                })
                .and_then(|k| self.group_at(k + 1, c1))
                .map(|(g, _)| g)
                .unwrap_or_default();
        }

        // 2c. a relative clause whose verb refers back to the noun names its agent (اتفاق سوتشي
        // الذي وقعه الرئيسان، الاتفاق الذي توسطت فيه موسكو)
        // (a finite verb then says the event took place: confidence as for a verb)
        let mut relative_agent = false;
        if !is_verb && roles.actors.is_empty() && !e.circumstantial {
            if let Some(g) = self.relative_clause_agent(t, c1) {
                if !g.iter().any(|x| roles.recips.contains(x)) {
                    roles.actors = g;
                    roles.actor_from = ActorFrom::Subject;
                    relative_agent = true;
                }
            }
        }

        // a verbal noun in construct with a people noun the linker does not know has its agent
        // there (علق رئيس الحكومة على إضراب المعلمين، هجمات المتشددين): not the subject on its
        // left. Only for acts whose genitive is their agent (a strike, a withdrawal, an attack
        // named by a noun of its own: هجمات); the genitive of a transitive verb's masdar is who
        // undergoes it (قصف المدنيين، حشد المواطنين، زيارة المحتجزين، رفض المعلمين).
        let unlinked_genitive_agent = !is_verb
            && !e.genitive_patient
            && (matches!(e.event_type, EventType::Protest | EventType::Retreat)
                || AGENT_GENITIVE_ATTACKS.contains(&e.lemma.as_str()))
            && !t.hit.enclitic
            && t.end < c1
            && view.toks[t.end].ent.is_none()
            && view.toks[t.end].brk == Brk::None
            && {
                let w = self.tok(t.end);
                oblique_plural(w) || GENERIC_PARTIES.contains(&w)
            };

        // an attack or an arrest after إثر، بعد، عقب، جراء is what befell the clause on its left
        // (أصيب البغدادي إثر غارة جوية، استباحة سيادة تونس بعد اغتيال الزواري): its subject is
        // the victim, not the agent
        let adjunct_of_suffering = matches!(e.event_type, EventType::Assault | EventType::Coerce)
            && t.start > c0
            && t.proclitic.is_empty()
            && matches!(
                bare_conj(self.tok(t.start - 1)),
                "اثر" | "بعد" | "عقب" | "جراء" | "بسبب" | "اعقاب"
            );
        // 3. the agent of a verbal noun from the clause to its left (شنت القوات الروسية غارات)
        if (roles.actors.is_empty() || received)
            && roles.own_country.is_none()
            && !is_verb
            && !e.circumstantial
            && !unlinked_genitive_agent
            && !adjunct_of_suffering
        {
            let mut k = t.start;
            // (a date in between adds no distance: وكانت روسيا قد بدأت في 30 أيلول/سبتمبر
            // الماضي حملة ضربات جوية)
            let dated = self.timex_tokens(c0.max(t.start.saturating_sub(14)), t.start);
            let floor = c0.max(t.start.saturating_sub(7 + dated));
            while k > floor {
                let w = self.tok(k - 1);
                // (nor past a verb of calling for it: who calls is not who would act, الاتحاد
                // دعا الحكومة إلى فتح حوار)
                if STOP_LEFT.contains(&w) || in_list(REQUEST_FRAMES, w) {
                    break;
                }
                if let Some((g, gs)) = self.group_ending_at(k - 1, floor) {
                    if received && roles.actor_from == ActorFrom::Preposition {
                        if roles.recips.is_empty() && !g.iter().any(|x| roles.actors.contains(x)) {
                            roles.recips = g;
                        }
                        break;
                    }
                    // (X تابعة لـ Y: the affiliation names who acts, شنت مروحيات تابعة للجيش
                    // السوري غارات)
                    let affiliated = gs > floor && AFFILIATION.contains(&self.tok(gs - 1));
                    // (a named body the affiliation qualifies acts itself: برنامج الأغذية
                    // العالمي التابع للأمم المتحدة)
                    let (g, gs) = match (affiliated && gs >= 2)
                        .then(|| self.group_ending_at(gs - 2, floor))
                        .flatten()
                    {
                        Some(named) => named,
                        None => (g, gs),
                    };
                    // (the subject of a verb of calling for it: دعا الاتحاد الحكومة إلى فتح حوار)
                    let requester = (gs.saturating_sub(2).max(c0)..gs)
                        .any(|j| in_list(REQUEST_FRAMES, self.tok(j)));
                    // (nor the genitive of a purpose noun: لإخراج اليمن من أزمته وتكثيف الجهود
                    // لتوفير المساعدات)
                    let purpose_genitive = gs > floor && {
                        let w = self.tok(gs - 1);
                        w.starts_with('ل')
                            && w.chars().count() > 4
                            && self.view.toks[gs - 1].ent.is_none()
                            && !AFFILIATION.contains(&w)
                    };
                    if purpose_genitive {
                        break;
                    }
                    if (affiliated || self.prep_of(g[0], gs, floor, e.event_type).is_none())
                        && !requester
                        && !g
                            .iter()
                            .any(|x| roles.recips.contains(x) || self.is_place(*x))
                    {
                        roles.actors = g;
                        roles.actor_from = ActorFrom::Left;
                    }
                    break;
                }
                k -= 1;
            }
        }

        // an imperfect describing a document just issued (أصدر مجلس الأمن قرارا بالإجماع يطلب
        // من): the issuer acts
        if roles.actors.is_empty() && t.hit.kind == FormKind::Imperfect {
            let doc_noun = (c0.max(t.start.saturating_sub(2))..t.start)
                .find(|&k| DOCUMENT_NOUNS.contains(&self.tok(k)) && self.tok(k).ends_with('ا'));
            if let Some(dn) = doc_noun {
                let issuer = (c0.max(dn.saturating_sub(6))..dn)
                    .rev()
                    .find_map(|k| self.group_ending_at(k, c0))
                    .filter(|(g, gs)| {
                        self.prep_of(g[0], *gs, c0, e.event_type).is_none()
                            && !g.iter().any(|x| self.is_place(*x))
                    });
                if let Some((g, _)) = issuer {
                    roles.actors = g;
                    roles.actor_from = ActorFrom::Subject;
                }
            }
        }

        // a circumstantial participle (حال) shares the subject of its sentence's main verb, most
        // often a speech verb: a name after it (كشف صالح قدح …، مطالبا) is that subject, one the
        // linker does not know leaves the participle without an actor, and a pronoun subject
        // (وأضاف أن الحكومة …، مطالبا) is found from the verb, not from inside what was said
        let mut speech_subject_unknown = false;
        let mut speech_verb = None;
        if e.circumstantial && roles.actors.is_empty() && roles.own_country.is_none() {
            if let Some(sv) =
                (s0..t.start).find(|&k| self.speech.is_some_and(|sp| sp.is_cue(self.tok(k))))
            {
                // (titles and unknown words before a linked name do not count: قال وزير
                // الخارجية عادل الجبير)
                let mut words_before = false;
                let mut found = false;
                // (a subject before the verb: وكان العبادي أعلن التزامه …، داعيا)
                if let Some((g, _)) = (sv.saturating_sub(2).max(s0)..sv)
                    .rev()
                    .find_map(|k| self.group_ending_at(k, s0))
                    .filter(|(g, _)| !g.iter().any(|x| self.is_place(*x) || self.is_media(*x)))
                {
                    roles.actors = g;
                    roles.actor_from = ActorFrom::Subject;
                    found = true;
                }
                for j in sv + 1..t.start.min(sv + 7) {
                    if found {
                        break;
                    }
                    let w = self.tok(j);
                    if let Some((g, _)) = self.group_at(j, t.start) {
                        if !g.iter().any(|x| self.is_place(*x) || self.is_media(*x)) {
                            roles.actors = g;
                            roles.actor_from = ActorFrom::Subject;
                            found = true;
                            break;
                        }
                    }
                    // (what was said opens after a colon or a quotation mark; a possessed noun
                    // is the verb's object: أعلن التزامه)
                    let opens_content = self.view.toks[j].brk >= Brk::Comma
                        || w.chars().count() > 4
                            && (w.ends_with("ها")
                                || w.ends_with("هم")
                                || w.ends_with('ه') && !self.view.toks[j].ends_with_ta);
                    if SPEECH_COMPLEMENTS.contains(&w)
                        || prep_word(w).is_some()
                        || matches!(w, "في" | "خلال" | "امام" | "عبر" | "اثناء")
                        || opens_content && !words_before
                    {
                        found = true;
                        if words_before {
                            speech_subject_unknown = true;
                        } else {
                            speech_verb = Some(sv);
                        }
                        break;
                    }
                    words_before |= !DEICTIC.contains(&w);
                }
                speech_subject_unknown |= !found && words_before;
            }
        }

        let mut possessor_is_topic = false;
        // 4. an implicit or pronominal subject: the last compatible actor before the clause
        // (not when the verb names its subject with a noun the linker does not know: واتفق
        // الجانبان، تظاهر السكان)
        // الجانبان، الطرفان، البلدان: the two parties of the event just reported
        // (a verb that heads a pattern has its subject right after it, inside the pattern:
        // وأطلق الجنود قنابل الغاز المسيل للدموع)
        let subj = if is_verb && e.pos == Pos::MultiWord {
            t.start + 1
        } else {
            t.end
        };
        let parties_subject = is_verb
            && !passive
            && subj < s1
            && view.toks[subj].ent.is_none()
            && PARTY_PAIRS.contains(&self.tok(subj));
        // a plural verb agrees with a subject before it (a verb after its subject agrees in
        // number, one before it stays singular): جنود الاحتلال أطلقوا, an unlinked crowd
        let preverbal_crowd = is_verb
            && self.tok(t.start).ends_with("وا")
            && (c0.max(t.start.saturating_sub(3))..t.start)
                .any(|k| GENERIC_PARTIES.contains(&self.tok(k)))
            && !(c0.max(t.start.saturating_sub(3))..t.start).any(|k| self.actor_ent(k).is_some());
        // a verb right after a relative pronoun has the antecedent as its subject: one the linker
        // does not know (الأطراف التي انتقدت زيارة الوفد) is no pronoun to resolve
        let unlinked_antecedent = is_verb
            && !t.hit.enclitic
            && !passive
            && t.start >= c0 + 2
            && RELATIVES.contains(&bare_conj(self.tok(t.start - 1)))
            && self.actor_ent(t.start - 2).is_none();
        let unlinked_subject = preverbal_crowd
            || inna_subject
            || unlinked_antecedent
            || is_verb
                && subj < s1
                && view.toks[subj].ent.is_none()
                && (GENERIC_PARTIES.contains(&self.tok(subj))
                    || PARTY_PAIRS.contains(&self.tok(subj))
                    || HUMAN_SUBJECTS.contains(&self.tok(subj))
                        && !(subj..c1.min(subj + 5)).any(|k| self.actor_ent(k).is_some())
                    // (a force or a unit the linker does not know: دمرت قوات البيشمركة)
                    || FORCE_NOUNS.contains(&self.tok(subj))
                        && !(subj..c1.min(subj + 3)).any(|k| self.actor_ent(k).is_some()));
        if roles.actors.is_empty()
            && roles.own_country.is_none()
            && !passive
            && !unlinked_subject
            && !speech_subject_unknown
            && (is_verb || t.hit.enclitic || e.circumstantial)
        {
            let floor = if tk.sent > 0 {
                view.sents[tk.sent - 1].0
            } else {
                0
            };
            // feminine agreement excludes persons (states and organisations are feminine);
            // masculine agreement prefers a person and falls back to the last actor
            // a possessive ها on a verbal noun is feminine too (دعمها)
            let fem = t.hit.fem
                || (!is_verb && t.hit.enclitic && self.tok(t.start).ends_with("ها"))
                || (e.circumstantial && self.tok(t.start).ends_with('ه'));
            let mut fallback = None;
            let mut fallback_tok = 0;
            // (with a counterpart object, the subject may stand earlier in the same clause; a
            // subordinate clause's pronoun points into its main clause: هدد … ضد وحدات حماية
            // الشعب إذا لم تنسحب)
            let subordinate = (c0..t.start)
                .rev()
                .find(|&k| SUBORDINATORS.contains(&bare(self.tok(k))));
            // a possessive on a verbal noun points to its own clause first (أكدت دول المجلس
            // … دعمها التام لمصر)
            let mut k = if counterpart || (!is_verb && t.hit.enclitic) {
                t.start
            } else if let Some(sv) = speech_verb {
                sv
            } else {
                subordinate.unwrap_or(c0)
            };
            while k > floor {
                k -= 1;
                let Some(en) = self.actor_ent(k) else {
                    continue;
                };
                if roles.recips.contains(&en) || self.is_place(en) || self.is_media(en) {
                    continue;
                }
                // (nor another mention of the object: ودعت جميع اليمنيين is not Yemen calling)
                let id = self.doc.entities[en].actor_id.as_deref();
                if id.is_some()
                    && roles
                        .recips
                        .iter()
                        .any(|&r| self.doc.entities[r].actor_id.as_deref() == id)
                {
                    continue;
                }
                let person = self.actor_kind(en) == Some(ActorKind::Person);
                if fem && person {
                    continue;
                }
                if fem || person {
                    fallback = Some(en);
                    fallback_tok = k;
                    break;
                }
                if fallback.is_none() {
                    fallback = Some(en);
                    fallback_tok = k;
                }
            }
            // the topic of the sentence the antecedent was found in (the subject opening it:
            // وأكدت تونس … تضامنها الكامل مع الشعب المصري، ودعمها للإجراءات التي تتخذها الحكومة
            // المصرية. كما شددت على شجبها) is preferred over a nearer mention
            if let Some(found) = fallback {
                let sent = view.toks[fallback_tok].sent;
                let (a, _) = view.sents[sent];
                let opening = (a..(a + 3).min(t.start))
                    .filter_map(|j| self.actor_ent(j))
                    .next();
                let topic = opening.filter(|&en| {
                    let bad_person = fem && self.actor_kind(en) == Some(ActorKind::Person);
                    !(en == found
                        || roles.recips.contains(&en)
                        || self.is_place(en)
                        || self.is_media(en)
                        || bad_person)
                        && (fem
                            || self.actor_kind(en) == Some(ActorKind::Person)
                            || self.actor_kind(found) != Some(ActorKind::Person))
                });
                if let Some(en) = topic {
                    fallback = Some(en);
                }
                // a possessive pointing to the subject opening its own sentence is as good as
                // a genitive (أكدت دول المجلس … في نهاية قمتها)
                possessor_is_topic =
                    !is_verb && t.hit.enclitic && sent == tk.sent && opening == fallback;
            }
            if let Some(en) = fallback {
                roles.actors = vec![en];
                roles.pronoun = true;
                roles.actor_from = ActorFrom::Pronoun;
            }
        }

        // a first-person verb (سأجري محادثات، نتفق) is the speaker's, who is not a pronoun's
        // antecedent
        if roles.actor_from == ActorFrom::Pronoun && t.hit.kind == FormKind::Imperfect && {
            let w = self.tok(t.start);
            let stem = w.strip_prefix(t.proclitic).unwrap_or(w);
            stem.starts_with(['ا', 'ن'])
        } {
            roles.actors.clear();
            roles.pronoun = false;
            roles.actor_from = ActorFrom::Nowhere;
        }
        // (هاتف، طالب: without a named subject the word is the phone, the student)
        if let Some(homograph) = e.noun_homograph {
            let bare_lemma = t.hit.kind == FormKind::Perfect
                && t.proclitic.is_empty()
                && self.tok(t.start) == mirsad_text::normalize_word(&e.lemma);
            let subject = roles.actor_from == ActorFrom::Subject || roles.own_country.is_some();
            let complement = homograph == Homograph::NeedsSubjectOrComplement
                && (t.end..c1.min(t.end + 10)).any(|k| {
                    let w = self.tok(k);
                    w.starts_with('ب') && w.chars().count() > 3 && w != "بلا"
                });
            if bare_lemma && !subject && !complement {
                return None;
            }
        }
        let mut actors = self.refs(&roles.actors);
        if actors.is_empty() {
            actors.extend(roles.own_country.clone());
        }
        let mut recipient = self.refs(&roles.recips);
        // a seat of power in a role is its government; a strike, a protest, a deployment or a
        // siege in a capital targets the city
        self.seat_to_government(&mut actors);
        if !matches!(
            e.event_type,
            EventType::Assault | EventType::Protest | EventType::Mobilize | EventType::Coerce
        ) {
            self.seat_to_government(&mut recipient);
        }
        recipient.retain(|r| !actors.iter().any(|a| a.id == r.id));
        let has_role = !actors.is_empty() || !recipient.is_empty();
        // Bare verbal nouns of most types are talk about an activity (زيارة المعالم، التعاون) unless
        // someone does it; violence, protest, coercion and mobilisation are news even when the
        // agent is unnamed (قتل خمسة أشخاص).
        let anonymous_ok = matches!(
            e.event_type,
            EventType::Assault | EventType::Protest | EventType::Coerce | EventType::Mobilize
        );
        let noun_only = !is_verb && e.pos != Pos::MultiWord;
        if (e.strength < WEAK || e.source != "curated" || (noun_only && !anonymous_ok)) && !has_role
        {
            return None;
        }

        let mut factuality = factuality(self, t, s0, c0, c1);
        let (date, date_source, timex_year) = self.date(t, s0, s1, c0, c1, relative_agent);
        // a present-tense report of a dated event still to come (يعقد … الاثنين المقبل)
        // (only for a present-tense verb: a verbal noun's governing date is too loosely attached)
        if factuality == Factuality::Asserted
            && date_source == DateSource::Timex
            && t.hit.kind == FormKind::Imperfect
        {
            if let (Some(d), Some(p)) = (date.as_deref(), self.doc.published_date()) {
                let n = d.len().min(p.len());
                if !d.contains('W') && d.get(..n) > p.get(..n) {
                    factuality = Factuality::Future;
                }
            }
        }
        let mut historical = historical(self, t, s0, c0);
        if let (Some(y), Some(p)) = (
            timex_year,
            self.doc
                .published_date()
                .and_then(|d| d[..4].parse::<i32>().ok()),
        ) {
            if y < p {
                historical = true;
            }
        }
        // a relative clause presents its event as known (اتفاق سوتشي الذي وقعه الرئيسان في 17
        // سبتمبر الماضي): not what a source reports, and background when dated in an earlier
        // month than the article
        if relative_agent {
            if factuality == Factuality::Reported {
                factuality = Factuality::Asserted;
            }
            if let (Some(d), Some(p), DateSource::Timex) =
                (date.as_deref(), self.doc.published_date(), date_source)
            {
                if d.len() >= 7 && p.len() >= 7 && !d.contains('W') && d[..7] < p[..7] {
                    historical = true;
                }
            }
        }
        let location = self.location(t, s0, s1, &roles);

        // Confidence (documented in README.md): the trigger's strength, scaled by role
        // completeness, and by how much the sentence reads as news of one concrete event rather
        // than talk about such events: a finite verb, casualty counts and deictic times
        // (أمس، الخميس) raise it; a bare verbal noun, a definite one (الاغتيال: usually a
        // reference back), or one in a list of nouns (جرائم القتل والخطف) lowers it.
        let mut conf = e.strength
            * (0.75
                + if actors.is_empty() { 0.0 } else { 0.15 }
                + if recipient.is_empty() { 0.0 } else { 0.10 });
        // a stance declared by its possessor (أكدت تونس … دعمها للإجراءات، جدد الوزير رفضه):
        // the declaration is the event, as with a verb
        // (its object, not a phrase after a preposition: في نهاية قمتها)
        let after_preposition = t.proclitic.contains(['ب', 'ل'])
            || t.start > s0 && {
                let p = self.tok(t.start - 1);
                prep_word(p).is_some() || in_list(NOMINAL_GOVERNORS, p) || p == "نهايه"
            };
        let declared = !is_verb
            && t.hit.enclitic
            && !after_preposition
            && (s0..t.start).any(|k| in_list(DECLARING_VERBS, self.tok(k)));
        if possessor_is_topic {
            conf += if declared { 0.25 } else { 0.1 };
        } else if roles.pronoun {
            conf -= 0.1;
        } else if declared && roles.actor_from == ActorFrom::Left {
            conf += 0.25;
        }
        // the linker found the document's actors, yet none does this: weak evidence of an event
        // (less for a finite verb of violence or protest: their agents often go unnamed, تظاهر
        // مئات الشبان)
        let mut implicit_subject_unresolved = 0.0;
        // violence and protest by a named crowd or armed men (تجمع مئات المتظاهرين، اختطف مسلحون)
        // have their agent, unlinked as it is
        let unlinked_agent = anonymous_ok && (crowd.is_some() || unlinked_subject);
        if actors.is_empty()
            && self.agents_in_doc
            && !unlinked_agent
            && !parties_subject
            && !e.circumstantial
        {
            // (an agent phrase the linker does not know is an agent all the same: على أيدي
            // مستوطنين)
            let penalty = if verbal && anonymous_ok && !agent_phrase {
                NO_ACTOR_PENALTY_ANONYMOUS_VERB
            } else {
                NO_ACTOR_PENALTY
            };
            conf -= penalty;
            if is_verb && !passive && !unlinked_subject {
                implicit_subject_unresolved = penalty + 0.15 * e.strength;
            }
        }
        // what the roles found (or failed to find) added: the confirmation model judges the
        // rest, as in its training, where no KB fills roles
        let roles_part = conf - e.strength * 0.75;
        if e.pos == Pos::MultiWord {
            conf += 0.05;
        }
        if relative_agent {
            conf += 0.15;
        }
        // a verbal noun with both its parties named (الحوار الأخير بين مصر والولايات المتحدة)
        if !verbal && roles.actor_from == ActorFrom::Preposition && actors.len() >= 2 {
            conf += 0.1;
        }
        let span = Trig {
            start: span_s,
            end: span_e,
            ..t.clone()
        };
        conf += specificity(self, &span, s0, s1, verbal, e.pos == Pos::MultiWord);
        // (declared stances coordinated with one another are no list of topics: تضامنها …،
        // ودعمها)
        if declared && t.proclitic.starts_with('و') {
            conf += 0.15;
        }
        let rule_confidence = conf.clamp(0.05, 1.0);
        let unroled_confidence = (conf - roles_part).clamp(0.05, 1.0);
        // the model judges what the roles cannot vouch for: an event without a linked actor or
        // recipient (in its GSR training no KB fills roles, and a sentence about a condemnation
        // of an attack is "no" there, while a named agent makes the attack news here); without
        // a model the features are kept for training
        let judged = match self.confirm {
            Some(m) => !has_role && m.types.contains_key(&e.event_type),
            None => true,
        };
        let confirm_features = if judged {
            confirm::features(&confirm::Site {
                view,
                lex: self.lex,
                trig: &span,
                entry: e,
                s0,
                s1,
                verbal,
                factuality,
                historical,
            })
        } else {
            Vec::new()
        };
        let conf = self
            .confirm
            .filter(|_| !confirm_features.is_empty())
            .and_then(|m| m.score(e.event_type, unroled_confidence, &confirm_features))
            .map_or(rule_confidence, |p| (p + roles_part).clamp(0.05, 1.0));

        let trig_cs = view.toks[span_s].cs;
        let trig_ce = view.toks[span_e - 1].ce;
        let (ev_s, ev_e) = view.sent_spans[tk.sent];
        let event = Event {
            id: None,
            event_type: e.event_type,
            mode: e.mode.clone(),
            cameo: e.cameo.clone(),
            quad: Some(e.event_type.quad()),
            actor: actors,
            recipient,
            date,
            date_source: Some(date_source),
            location,
            factuality,
            historical: historical.then_some(true),
            trigger: Span::with_text(
                trig_cs,
                trig_ce,
                &self.doc.text[view.toks[span_s].bs..view.toks[span_e - 1].be],
            ),
            evidence: Span::new(ev_s, ev_e),
            confidence: (conf * 100.0).round() / 100.0,
            cluster: None,
        };
        Some(Candidate {
            event,
            sent: tk.sent,
            tok: t.start,
            kind: t.hit.kind,
            fem: t.hit.fem,
            entry: t.entry,
            coordinated_object,
            coordinated: coordinated_clause,
            parties_subject: parties_subject && roles.actors.is_empty(),
            circumstantial: e.circumstantial,
            implicit_subject_unresolved,
            threatened: threat_complement(view, t, s0),
            pronoun_actor: roles.pronoun,
            left_agent: !is_verb && roles.actor_from == ActorFrom::Left,
            declared,
            condition: (c0.max(t.start.saturating_sub(3))..t.start).any(|k| {
                matches!(bare(view.tok(k)), "اذا" | "لو" | "طالما")
                    || (view.tok(k) == "ما" && k + 1 < t.start && view.tok(k + 1) == "لم")
            }),
            // (not a noun coordinated after a comma: في اليمن، ودعمها)
            described: !(is_verb
                || t.proclitic.starts_with('و') && view.toks[t.start].brk >= Brk::Comma)
                && (s0..t.start)
                    .rev()
                    .take(2)
                    .any(|k| matches!(view.tok(k), "في" | "خلال" | "وخلال")),
            // (a stance declared now is not a reference back: أكدت تونس تضامنها …، ودعمها)
            anaphoric: !is_verb
                && !declared
                && (t.proclitic.contains("ال") || t.hit.enclitic)
                && !matches!(
                    roles.actor_from,
                    ActorFrom::Genitive | ActorFrom::Preposition
                ),
            rule_confidence: unroled_confidence,
            confirm_features,
        })
    }

    /// Where a name ends that the linker's entity stopped short of: a family name (`آل ثاني`,
    /// `بن سلمان`) after an entity, right before token `k`. Returns the token after the entity.
    fn name_tail_before(&self, k: usize, floor: usize) -> Option<usize> {
        (k >= floor + 3
            && NAME_LINKS.contains(&self.tok(k - 2))
            && self.view.toks[k - 1].ent.is_none()
            && self.view.toks[k - 2].ent.is_none()
            && self.view.toks[k - 3].ent.is_some()
            && self.view.toks[k - 2].brk < Brk::Comma
            && self.view.toks[k - 1].brk < Brk::Comma)
            .then(|| k - 2)
    }

    /// The subject of a relative clause right after a noun trigger whose verb refers back to
    /// the noun with a pronoun (`الذي وقعه X`, `التي وجهتها X`, `الذي توسطت فيه X`): X made
    /// the event the noun names. The relative pronoun agrees with the trigger noun.
    fn relative_clause_agent(&self, t: &Trig, c1: usize) -> Option<Vec<usize>> {
        let view = self.view;
        let noun = self.tok(t.end - 1);
        let feminine = noun.ends_with('ه') || noun.ends_with("ات");
        let rel = (t.end..c1.min(t.end + 5))
            .take_while(|&k| k == t.end || view.toks[k].brk < Brk::Comma)
            .find(|&k| RELATIVES.contains(&self.tok(k)))?;
        let agrees = match self.tok(rel) {
            "التي" => feminine,
            "الذي" => !feminine,
            _ => false,
        };
        // (no actor between the noun and the pronoun: the clause would describe that one)
        if !agrees || (t.end..rel).any(|k| self.actor_ent(k).is_some() && !self.is_place_tok(k)) {
            return None;
        }
        let verb = rel + 1;
        if verb + 1 >= c1 || view.toks[verb].ent.is_some() || view.toks[verb].ends_with_ta {
            return None;
        }
        let w = self.tok(verb);
        let suffixed = w.chars().count() >= 4 && (w.ends_with('ه') || w.ends_with("ها"));
        let subj = if suffixed {
            verb + 1
        } else if RESUMPTIVE_PREPS.contains(&self.tok(verb + 1)) {
            verb + 2
        } else {
            return None;
        };
        for j in subj..c1.min(subj + 4) {
            if j > subj && view.toks[j].brk >= Brk::Comma {
                break;
            }
            // (a title and its adjective may come first: وقعه الرئيس التركي رجب طيب أردوغان)
            if let Some((g, _)) = self.group_at(j, c1) {
                return (self.prep_of(g[0], j, subj, EventType::Agree).is_none()).then_some(g);
            }
            if prep_word(self.tok(j)).is_some() || STOP_RIGHT.contains(&self.tok(j)) {
                return None;
            }
        }
        None
    }

    /// «بلاده» at token `k`: the state of the person (or, for بلادها, the person or body) it
    /// refers to, the nearest before it in this sentence or the one before (أكد المعلم أن
    /// بلاده ترحب → Syria).
    fn own_country(&self, k: usize) -> Option<ActorRef> {
        let sent = self.view.toks[k].sent;
        let floor = self.view.sents[sent.saturating_sub(1)].0;
        let feminine = self.tok(k).ends_with("ها");
        let country = (floor..k).rev().find_map(|j| {
            let en = self.actor_ent(j)?;
            let id = self.doc.entities[en].actor_id.as_deref()?;
            let a = self.actors.get(id)?;
            let fits = a.kind == ActorKind::Person || feminine;
            if !fits || self.is_place(en) || self.is_media(en) {
                return None;
            }
            a.country.clone()
        })?;
        // the state actor when the document has it, else its government, else a bare reference
        if let Some(a) = self.actors.get(country.as_str()) {
            return Some(actor_ref(a));
        }
        let gov = self.seats.and_then(|seats| {
            seats
                .values()
                .find(|g| g.country.as_deref() == Some(country.as_str()))
        });
        Some(match gov {
            Some(g) => actor_ref(g),
            None => ActorRef {
                id: country.clone(),
                name: country.clone(),
                country: Some(country),
                kind: Some("state".into()),
            },
        })
    }

    /// How many tokens of `[a, b)` lie inside a time expression.
    fn timex_tokens(&self, a: usize, b: usize) -> usize {
        (a..b)
            .filter(|&k| {
                let t = &self.view.toks[k];
                self.doc
                    .timexes
                    .iter()
                    .any(|x| x.start <= t.cs && t.ce <= x.end)
            })
            .count()
    }

    fn is_place_tok(&self, k: usize) -> bool {
        self.view.toks[k].ent.is_some_and(|e| self.is_place(e))
    }

    /// A comma before token `k`, also after a closing quote (بارتكاب "جرائم حرب"، وطالب).
    fn comma_before(&self, k: usize) -> bool {
        let v = self.view;
        match v.toks[k].brk {
            Brk::Comma => true,
            Brk::Clause if k > 0 => self.doc.text[v.toks[k - 1].be..v.toks[k].bs]
                .chars()
                .any(|c| matches!(c, '،' | ',')),
            _ => false,
        }
    }

    /// Rejects trigger words used in another sense: inside a name (منظمة حظر الأسلحة، مجلس
    /// التعاون), a participle qualifying a document (بيان صادر عن: "issued", not "confiscated"),
    /// and fixed phrases (بما لا يدع مجالا للشك، طلب عدم الكشف عن هويته).
    fn trigger_sense_ok(&self, t: &Trig, s0: usize, s1: usize, is_verb: bool) -> bool {
        let v = self.view;
        if v.toks[t.start].ent.is_some() {
            return false;
        }
        let prev = (t.start > s0).then(|| v.tok(t.start - 1));
        let next = |k: usize| (t.end + k < s1).then(|| v.tok(t.end + k));
        // (a perfect form there is a participle: بيان صادر; an imperfect describes the
        // document: بيانا يدين)
        if is_verb
            && t.hit.kind != FormKind::Imperfect
            && prev.is_some_and(|w| DOCUMENT_NOUNS.contains(&w))
        {
            return false;
        }
        if next(0) == Some("مجالا") || (next(0) == Some("عدم") && next(1) == Some("الكشف"))
        {
            return false;
        }
        // a weak verb's jussive without its particle is another verb (تدع "leave", not تدعو)
        if t.hit.kind == FormKind::Imperfect
            && !t.proclitic.ends_with('ل')
            && {
                let w = v.tok(t.start);
                let stem = w.strip_prefix(t.proclitic).unwrap_or(w);
                self.lex.is_bare_jussive(stem, t.entry)
            }
            && !prev.is_some_and(|p| JUSSIVE_PARTICLES.contains(&p))
        {
            return false;
        }
        // a numeral, a quantifier, a preposition or a pronoun governs a noun, not a finite verb
        // (سبعة آلاف طالب، كل طالب، في هاتف، وهو طالب): a perfect form there is a noun, and an
        // event only when it is also the verbal noun (في قتل، مع رفض)
        let ty = self.lex.entries[t.entry as usize].event_type;
        if t.hit.kind == FormKind::Perfect
            && t.proclitic.is_empty()
            && v.toks[t.start].brk == Brk::None
            && prev.is_some_and(governs_a_noun)
            && !self.lex.lookup(v.tok(t.start)).is_some_and(|l| {
                l.hits.iter().any(|h| {
                    h.kind == FormKind::Noun && self.lex.entries[h.entry as usize].event_type == ty
                })
            })
        {
            return false;
        }
        let e = &self.lex.entries[t.entry as usize];
        // هاتفه، هاتفها الجوال: the telephone set, not the verb "phoned" (the `hn` verb of the
        // lexicon, whose bare form is checked with its subject in `build`)
        if is_verb
            && e.noun_homograph == Some(Homograph::NeedsSubject)
            && (t.hit.enclitic || next(0).is_some_and(|w| DEVICE_ADJECTIVES.contains(&w)))
        {
            return false;
        }
        // a consultation with the press is an interview, the frame of a statement
        if e.event_type == EventType::Consult && self.press_partner(t, s1) {
            return false;
        }
        // killing oneself (قبل أن يقتل المسلح نفسه) is a suicide, no attack on anyone; a
        // suicide attack has its own patterns (فجر نفسه)
        if is_verb
            && e.event_type == EventType::Assault
            && e.genitive_patient
            && (0..3).any(|k| next(k).is_some_and(|w| REFLEXIVES.contains(&w)))
        {
            return false;
        }
        // a sharp or strong "attack" is verbal (شن هجوما حادا على، هاجم بشدة)
        if e.event_type == EventType::Assault
            && (0..2).any(|k| next(k).is_some_and(|w| VERBAL_ATTACK.contains(&w)))
        {
            return false;
        }
        // صادر before a preposition is the participle of صدر "issued" (صادر في شأنه 3 مناشير،
        // تعميما صادرا من الوزارة): the verb "confiscated" takes its object directly
        if is_verb
            && e.lemma == "صادر"
            && matches!(v.tok(t.start), "صادر" | "صادرا")
            && next(0).is_some_and(|w| {
                prep_word(w).is_some() || matches!(w, "في" | "بحق" | "بشان" | "منه" | "عنه")
            })
        {
            return false;
        }
        // تعهد is a pledge only with what is pledged (تعهد بالانسحاب، تعهد بأن): bare, or with
        // the case (تعهدت الوحدات الأمنية بالموضوع)، it is taking charge of a matter
        if is_verb && e.lemma == "تعهد" && !self.pledge_complement(t, s1) {
            return false;
        }
        // an imperfect right after an indefinite noun is an adjectival clause describing it
        // (رسائل تدين التحركات، تهديد يستهدف القطاع، مليشيات إرهابية تدعمها طهران), and after
        // the relative من "whoever" a generic statement (ومن يلقى القبض عليه يسلم): what such
        // things do, not an event that took place
        if is_verb && t.hit.kind == FormKind::Imperfect && t.proclitic.is_empty() {
            if let Some(p) = prev {
                if matches!(p, "من" | "ومن" | "فمن" | "لمن")
                    || self.describes_indefinite_noun(t.start - 1, s0)
                {
                    return false;
                }
            }
        }
        // (so is an imperfect coordinated with such a clause: منظمة إرهابية تهدد مصالحنا،
        // وتهدد أصدقاءنا)
        if is_verb && t.hit.kind == FormKind::Imperfect && t.proclitic == "و" {
            for j in (s0.max(t.start.saturating_sub(8))..t.start).rev() {
                if v.toks[j + 1].brk >= Brk::Clause {
                    break;
                }
                let imperfect = self.lex.lookup(v.tok(j)).is_some_and(|lk| {
                    lk.proclitic.is_empty() && lk.hits.iter().any(|h| h.kind == FormKind::Imperfect)
                });
                if imperfect {
                    if j > s0 && self.describes_indefinite_noun(j - 1, s0) {
                        return false;
                    }
                    break;
                }
            }
        }
        // agreeing that something is so is an opinion, not an agreement (نتفق جميعا على أن،
        // نتفق على الحاجة إلى)
        if e.event_type == EventType::Agree
            && is_verb
            && (0..3).any(|k| matches!(next(k), Some("ان" | "بان" | "علي" | "جميعا")))
            && (0..4).any(|k| {
                matches!(
                    next(k),
                    Some("ان" | "بان" | "الحاجه" | "ضروره" | "اهميه" | "اولويه")
                )
            })
        {
            return false;
        }
        true
    }

    /// A bare verbal noun at `k`, in construct with what follows it (طلب الشرطة، هجوم داعش).
    fn verbal_noun_in_construct(&self, k: usize) -> bool {
        let v = self.view;
        let w = v.tok(k);
        v.toks[k].ent.is_none()
            && !TITLE_WORDS.contains(&w)
            && !w.starts_with("ال")
            && self.lex.lookup(w).is_some_and(|lk| {
                lk.proclitic.is_empty() && lk.hits.iter().any(|h| h.kind == FormKind::Noun)
            })
    }

    /// What a pledge pledges, in its clause after it: a بـ complement that is not the case or
    /// matter taken in charge, or أن.
    fn pledge_complement(&self, t: &Trig, s1: usize) -> bool {
        let v = self.view;
        let c1 = v.clause_end(t.end - 1).max(t.end).min(s1);
        (t.end..c1.min(t.end + 12)).any(|k| {
            let w = v.tok(k);
            matches!(
                w,
                "ان" | "بان" | "بانه" | "بانها" | "انه" | "انها" | "له" | "لها" | "لهم"
            ) || w.starts_with('ب')
                && w.chars().count() > 3
                && v.toks[k].ent.is_none()
                && !TAKEN_IN_CHARGE.contains(&w)
        })
    }

    /// The word at `k` is an indefinite noun (or adjective) that an imperfect right after it
    /// describes: no name, no article, no pronoun suffix, no particle, verb or adverb, not the
    /// sentence's first word, not the subject of إنّ/أنّ or كان, and not the object of a
    /// trigger verb just before (شنت غارات تستهدف).
    fn describes_indefinite_noun(&self, k: usize, s0: usize) -> bool {
        let v = self.view;
        let w = v.tok(k);
        let n = w.chars().count();
        if k <= s0 || v.toks[k].ent.is_some() || v.toks[k + 1].brk != Brk::None || n < 3 {
            return false;
        }
        // an indefinite phrase opening its sentence or clause is the subject, as in a headline
        // (غارة جوية أمريكية تقتل قياديا، داعشي يقتل 3 أطفال)
        let mut np = k;
        while np > s0
            && k - np < 2
            && v.toks[np].brk < Brk::Clause
            && v.toks[np - 1].ent.is_none()
            && !v.tok(np - 1).starts_with("ال")
            && !in_list(NOT_DESCRIBED, v.tok(np - 1))
            && prep_word(v.tok(np - 1)).is_none()
            && !governs_a_noun(v.tok(np - 1))
            && !self
                .lex
                .lookup(v.tok(np - 1))
                .is_some_and(|lk| lk.hits.iter().any(|h| h.kind != FormKind::Noun))
        {
            np -= 1;
        }
        // (after a comma it is an apposition: أول رئيس أميركي يزور كينيا describes Obama)
        if np <= s0 || v.toks[np].brk >= Brk::Clause {
            return false;
        }
        let definite = ["ال", "وال", "بال", "فال", "كال", "لل"]
            .iter()
            .any(|p| w.starts_with(p));
        let possessed = ["ها", "هم", "هما", "هن", "كم", "نا"]
            .iter()
            .any(|x| w.ends_with(x))
            || w.ends_with('ه') && !v.toks[k].ends_with_ta;
        if definite
            || possessed
            || w.ends_with('ا')
            || w.ends_with("وا")
            || w.chars().any(|c| c.is_numeric())
            // (also with a conjunction: وسوف يجري الوزير محادثات)
            || in_list(NOT_DESCRIBED, w)
            || in_list(TRANSPARENT, w)
            || DEICTIC.contains(&w)
            || TITLE_WORDS.contains(&w)
            || STOP_RIGHT.contains(&w)
            || GENERIC_PARTIES.contains(&w)
            || KANA.contains(&w)
            || is_aspectual(w)
            || prep_word(w).is_some()
            || governs_a_noun(w)
        {
            return false;
        }
        let is_verb_form = |x: &str| {
            self.lex
                .lookup(x)
                .is_some_and(|lk| lk.hits.iter().any(|h| h.kind != FormKind::Noun))
        };
        if is_verb_form(w) {
            return false;
        }
        // (back to a comma only: what stands before it is another clause)
        for j in (s0.max(k.saturating_sub(4))..k).rev() {
            if v.toks[j + 1].brk >= Brk::Comma {
                break;
            }
            let x = v.tok(j);
            if matches!(x, "ان" | "بان" | "وان" | "فان" | "لان")
                || KANA.contains(&x)
                || is_verb_form(x)
            {
                return false;
            }
        }
        true
    }

    /// A consultation whose partner is the press (في اتصال هاتفي لإذاعة …، في حوار مع قناة …، in
    /// a news outlet's own name too): up to eight words after the trigger, in its clause.
    fn press_partner(&self, t: &Trig, s1: usize) -> bool {
        let v = self.view;
        let end = s1.min(t.end + 8);
        for k in t.end..end {
            // (a quotation mark around the outlet's name does not end the clause: لـ "الجوهرة")
            if k > t.end && v.toks[k].brk >= Brk::Clause && !matches!(self.tok(k - 1), "ل" | "مع")
            {
                break;
            }
            let w = self.tok(k);
            let next = (k + 1 < end).then(|| self.tok(k + 1));
            if press_after_preposition(w, next) {
                return true;
            }
            let outlet = |j: usize| self.actor_ent(j).is_some_and(|x| self.is_media(x));
            if (matches!(w, "ل" | "مع") && k + 1 < end && outlet(k + 1))
                || (w.starts_with('ل') && outlet(k))
            {
                return true;
            }
        }
        false
    }

    /// A subject noun between a complementizer `إن/أن` and the verb `t` (`أن` + noun + verb):
    /// up to twelve words back in the clause (titles and names are long), none of them a relative pronoun or a verb
    /// trigger, and the first not a preposition or an adverb (`أن في الحادث قتل`).
    ///
    /// Returns whether the subject's head carries a possessive pronoun (أن طائراتها قد
    /// استهدفت): its possessor is then who acts, found like a pronoun's antecedent.
    fn inna_subject_before(&self, t: &Trig, c0: usize) -> Option<bool> {
        let floor = c0.max(t.start.saturating_sub(12));
        let j = (floor..t.start)
            .rev()
            .find(|&k| matches!(self.tok(k), "ان" | "بان" | "لان" | "وان" | "فان"))?;
        // (كان and its forms stand between أن and the subject: أن تكون طائراتها قد استهدفت)
        let mut j = j;
        while j + 1 < t.start && KANA.contains(&self.tok(j + 1)) {
            j += 1;
        }
        if t.start - j < 2 {
            return None;
        }
        let first = self.tok(j + 1);
        if prep_word(first).is_some()
            || NOT_A_SUBJECT.contains(&first)
            || DEICTIC.contains(&first)
            || first.starts_with('ب')
                && self.actor_ent(j + 1).is_none()
                && first.chars().count() > 3
        {
            return None;
        }
        let possessed = first.chars().count() > 4
            && (first.ends_with("ها")
                || first.ends_with("هم")
                || first.ends_with('ه') && !self.view.toks[j + 1].ends_with_ta);
        (j + 1..t.start)
            .all(|k| {
                let w = self.tok(k);
                !RELATIVES.contains(&w)
                    && self.view.toks[k].brk < Brk::Comma
                    && self
                        .lex
                        .lookup(w)
                        .is_none_or(|lk| lk.hits.iter().all(|h| h.kind == FormKind::Noun))
            })
            .then_some(possessed)
    }

    /// A patient verb (قتل، اغتال، خطف: flag `gp`) in the unvocalised perfect with no object
    /// after it reads as a passive: a transitive verb keeps its object, so `قتلوا في عمليات`،
    /// `قتلوا أثناء محاولتهم`، `قتل في الحادث` report who was killed, not who killed.
    /// (A comma may separate the verb from its object: قتلت، في سوريا …، محسن الفضلي; a day
    /// word may too: قتلت اليوم مسلحا.)
    fn objectless_patient_verb(&self, t: &Trig, e: &Entry, s1: usize) -> bool {
        if !e.genitive_patient || e.event_type != EventType::Assault || t.hit.enclitic {
            return false;
        }
        t.end >= s1
            || (self.view.toks[t.end].brk == Brk::None
                && OBJECTLESS_NEXT.contains(&self.tok(t.end)))
    }

    /// The crowd verb whose subject the participant noun at `t` is: before it with only
    /// quantities and time words between (خرج أمس آلاف المتظاهرين), or after it in the clause
    /// (مليون متظاهر خرجوا، المحتجون من البدو تجمعوا).
    fn crowd_verb(&self, t: &Trig, c0: usize, c1: usize) -> Option<usize> {
        let v = self.view;
        let is_crowd = |k: usize| {
            let w = v.tok(k);
            let set = crowd_verbs();
            set.contains(w)
                || ['و', 'ف']
                    .iter()
                    .any(|c| w.strip_prefix(*c).is_some_and(|r| set.contains(r)))
        };
        let mut k = t.start;
        while k > c0 && v.toks[k].brk < Brk::Comma {
            let w = v.tok(k - 1);
            if is_crowd(k - 1) {
                return Some(k - 1);
            }
            let quantity = w.bytes().next().is_some_and(|b| b.is_ascii_digit())
                || CROWD_QUANTITIES.contains(&w)
                || DEICTIC.contains(&w);
            if !quantity || t.start - k >= 4 {
                break;
            }
            k -= 1;
        }
        // (a relative clause describes the participants of something else: فرقت المتظاهرين
        // الذين خرجوا)
        (t.end..c1.min(t.end + 4))
            .take_while(|&k| {
                v.toks[k].brk < Brk::Comma
                    && !matches!(
                        v.tok(k),
                        "الذين" | "الذي" | "التي" | "كانوا" | "وهم" | "وهو"
                    )
            })
            .find(|&k| is_crowd(k))
    }

    /// Does the sentence say that an explosive went off or was planted (انفجرت، فجر، تفجير،
    /// زرعت) within eight words of the trigger?
    fn explosion_near(&self, t: &Trig, s0: usize, s1: usize) -> bool {
        let lo = s0.max(t.start.saturating_sub(8));
        let hi = s1.min(t.end + 8);
        (lo..hi).filter(|k| !(t.start..t.end).contains(k)).any(|k| {
            let w = self.view.tok(k);
            EXPLOSION_WORDS.contains(&bare_conj(w))
                || self.lex.lookup(w).is_some_and(|lk| {
                    lk.hits.iter().any(|h| {
                        let x = &self.lex.entries[h.entry as usize];
                        x.mode.as_deref() == Some("explosives")
                            && !x.instrument
                            && x.pos != Pos::MultiWord
                    })
                })
        })
    }

    /// Reads `doc.tokens` (when a tagger/parser ran) around a trigger: the syntactic word of its
    /// stem, and the entities of its subject and object dependents.
    fn syntax(&self, t: &Trig) -> Option<Syntax> {
        let toks = self.doc.tokens.as_ref()?;
        let (cs, ce) = (self.view.toks[t.start].cs, self.view.toks[t.start].ce);
        // the longest syntactic word inside the trigger's first word (the stem, not و or ال)
        let (hi, h) = toks
            .iter()
            .enumerate()
            .filter(|(_, x)| x.start < ce && x.end > cs)
            .max_by_key(|(_, x)| x.end - x.start)?;
        let mut out = Syntax {
            upos: h.upos.clone(),
            ..Default::default()
        };
        for d in toks.iter().filter(|d| d.head == Some(hi as i64)) {
            let rel = d.deprel.as_deref().unwrap_or("");
            let Some(ent) = self.entity_at_char(d.start, d.end) else {
                continue;
            };
            let base = rel.split(':').next().unwrap_or(rel);
            match base {
                "nsubj" => {
                    out.subj_passive = rel.ends_with("pass");
                    out.subj.push(ent);
                }
                "obj" | "iobj" => out.obj.push(ent),
                _ => {}
            }
        }
        Some(out)
    }

    fn entity_at_char(&self, s: usize, e: usize) -> Option<usize> {
        self.doc
            .entities
            .iter()
            .position(|en| en.start < e && en.end > s && en.actor_id.is_some())
    }

    #[allow(clippy::too_many_arguments)]
    fn assign(
        &self,
        roles: &mut Roles,
        e: &Entry,
        g: Vec<usize>,
        prep: Option<Prep>,
        is_verb: bool,
        passive: bool,
        svo: bool,
        first_group: bool,
        skipped: usize,
        received: bool,
    ) {
        match prep {
            None => {
                if is_verb {
                    if passive {
                        if roles.recips.is_empty() && skipped == 0 {
                            roles.recips = g;
                        }
                    } else if roles.actors.is_empty()
                        && !svo
                        && (skipped == 0 || !g.iter().any(|x| self.is_place(*x)))
                    {
                        // (a place acts only right after the verb: ردت واشنطن، not قصفت سوق
                        // بلدة جسر الشغور)
                        roles.actors = g;
                        roles.actor_from = ActorFrom::Subject;
                    } else if roles.recips.is_empty() {
                        roles.recips = g;
                    }
                } else if first_group && skipped <= 2 {
                    // the genitive of a verbal noun (of a visit, a country is where one goes:
                    // بزيارة سوريا)
                    // (a country itself, not its government, army or delegation: زيارة الوفد
                    // التونسي، وفد سوري; and right after the noun)
                    // (a reception's genitive is its host: استقبال المملكة لجعجع)
                    let destination = matches!(e.lemma.as_str(), "زار" | "زيارة")
                        && skipped == 0
                        && g.iter().all(|x| {
                            self.is_place(*x)
                                || self.actor_of(*x).is_some_and(|a| {
                                    a.kind == ActorKind::State && a.sector.is_none()
                                })
                        });
                    if e.genitive_patient || destination {
                        if roles.recips.is_empty() {
                            roles.recips = g;
                        }
                    } else if roles.actors.is_empty() && !g.iter().any(|x| self.is_place(*x)) {
                        roles.actors = g;
                        roles.actor_from = ActorFrom::Genitive;
                    }
                }
            }
            Some(Prep::With | Prep::To | Prep::On | Prep::About) => {
                if roles.recips.is_empty() {
                    roles.recips = g;
                }
            }
            Some(Prep::By | Prep::Between) => {
                if roles.actors.is_empty() {
                    roles.actors = g;
                    roles.actor_from = ActorFrom::Preposition;
                }
            }
            Some(Prep::From) => {
                if (e.event_type == EventType::Aid || received) && roles.actors.is_empty() {
                    roles.actors = g;
                    roles.actor_from = ActorFrom::Preposition;
                }
            }
            Some(Prep::In) => {}
        }
    }

    /// An agent phrase later in the sentence (على يد، على أيدي) makes an unvocalised perfect
    /// passive when no subject follows the verb (كان قد خطف وعذب … على أيدي مستوطنين).
    fn agent_phrase_after(&self, t: &Trig, s1: usize) -> bool {
        if self.actor_ent(t.end.min(s1.saturating_sub(1))).is_some() {
            return false;
        }
        (t.end..s1.min(t.end + 25).saturating_sub(1))
            .any(|k| self.tok(k) == "علي" && matches!(self.tok(k + 1), "يد" | "ايدي"))
    }

    /// A perfect verb written with a damma on its first letter (قُتل، اُعتقل) is passive.
    fn is_passive(&self, t: &Trig) -> bool {
        let tk = &self.view.toks[t.start];
        let orig = &self.doc.text[tk.bs..tk.be];
        let skip = t.proclitic.chars().count();
        let mut letters = 0;
        let mut it = orig.chars().peekable();
        while let Some(c) = it.next() {
            if mirsad_text::normalize::is_tashkeel(c) {
                continue;
            }
            letters += 1;
            if letters == skip + 1 {
                // the first letter of the stem (a prosthetic alef counts: اُعتُقل)
                return it.peek() == Some(&'\u{064F}');
            }
        }
        false
    }

    /// A place (a KB location or a LOC entity): it can act only as the subject of a verb (a
    /// capital standing for its government: انتقدت موسكو), never as the agent of a verbal noun
    /// (مباحثات القاهرة is a venue) or as a pronoun's antecedent.
    fn is_place(&self, ent: usize) -> bool {
        self.doc.entities[ent].label == EntityLabel::LOC
            || self.actor_kind(ent) == Some(ActorKind::Location)
    }

    /// A news outlet (a byline, a source): it reports, it is not what a pronoun points back to.
    fn is_media(&self, ent: usize) -> bool {
        let id = self.doc.entities[ent].actor_id.as_deref();
        id.and_then(|id| self.actors.get(id))
            .is_some_and(|a| a.sector.as_deref() == Some("MED"))
    }

    pub(crate) fn actor_kind(&self, ent: usize) -> Option<ActorKind> {
        self.actor_of(ent).map(|a| a.kind)
    }

    /// The document actor entity `ent` is linked to.
    pub(crate) fn actor_of(&self, ent: usize) -> Option<&'a Actor> {
        let id = self.doc.entities[ent].actor_id.as_deref()?;
        self.actors.get(id).copied()
    }

    fn seat_to_government(&self, refs: &mut Vec<ActorRef>) {
        let Some(seats) = self.seats else {
            return;
        };
        let mut seen: HashSet<String> = HashSet::new();
        refs.retain_mut(|r| {
            if let Some(gov) = seats.get(&r.id) {
                *r = actor_ref(gov);
            }
            seen.insert(r.id.clone())
        });
    }

    fn refs(&self, ents: &[usize]) -> Vec<ActorRef> {
        let mut out: Vec<ActorRef> = Vec::new();
        for &e in ents {
            let en = &self.doc.entities[e];
            let Some(id) = en.actor_id.as_deref() else {
                continue;
            };
            if out.iter().any(|r| r.id == id) {
                continue;
            }
            let r = match self.actors.get(id) {
                Some(a) => actor_ref(a),
                None => ActorRef {
                    id: id.to_string(),
                    name: en.text.clone(),
                    country: None,
                    kind: None,
                },
            };
            out.push(r);
        }
        out
    }

    /// The event date: the governing time expression, else the publication date.
    fn date(
        &self,
        t: &Trig,
        s0: usize,
        s1: usize,
        c0: usize,
        c1: usize,
        relative_agent: bool,
    ) -> (Option<String>, DateSource, Option<i32>) {
        let v = self.view;
        let trig = v.toks[t.start].cs;
        let sent = (v.toks[s0].cs, v.toks[s1 - 1].ce);
        let clause = (v.toks[c0].cs, v.toks[c1 - 1].ce);
        // a date after the trigger that follows a relative pronoun or a participle dates what
        // they qualify (بانتهاك الاتفاق النووي الموقع عام 2015), not the event (unless that
        // relative clause names the event's agent: the date is the event's, الاتفاق الذي وقعه
        // الرئيسان في 17 سبتمبر)
        let qualifies_other = |tx: &mirsad_core::Timex| {
            tx.start > trig && tx.start < sent.1 && {
                let mut k = t.end;
                let mut other = false;
                while k < s1 && v.toks[k].ce <= tx.start {
                    let w = v.tok(k);
                    other |= (!relative_agent && RELATIVES.contains(&w))
                        || (v.toks[k].ce + 1 >= tx.start && QUALIFYING_PARTICIPLES.contains(&w));
                    k += 1;
                }
                other
            }
        };
        let found = if self.doc.timexes.iter().any(&qualifies_other) {
            let kept: Vec<mirsad_core::Timex> = self
                .doc
                .timexes
                .iter()
                .filter(|tx| !qualifies_other(tx))
                .cloned()
                .collect();
            governing_date_in(&kept, trig, sent, clause)
        } else {
            governing_date(self.doc, trig, sent, clause)
        };
        if let Some(d) = found {
            let y = d.get(..4).and_then(|y| y.parse().ok());
            return (Some(d), DateSource::Timex, y);
        }
        // without a time layer, an explicit year in the clause (عام 2012) still dates the event
        if self.doc.timexes.is_empty() {
            for k in c0..c1.saturating_sub(1) {
                if matches!(bare(v.tok(k)), "عام" | "العام" | "سنه" | "السنه" | "منذ")
                {
                    let y = v.tok(k + 1);
                    if y.len() == 4
                        && y.bytes().all(|b| b.is_ascii_digit())
                        && y.starts_with(['1', '2'])
                    {
                        return (Some(y.to_string()), DateSource::Timex, y.parse().ok());
                    }
                }
            }
        }
        match self.doc.published_date() {
            Some(p) => (Some(p.to_string()), DateSource::Published, None),
            None => (None, DateSource::Unknown, None),
        }
    }

    /// A place introduced by في or ب in the sentence, not used as a role, nearest the trigger.
    fn location(&self, t: &Trig, s0: usize, s1: usize, roles: &Roles) -> Option<Location> {
        let mut best: Option<(usize, usize)> = None;
        for k in s0..s1 {
            let Some(e) = self.view.toks[k].ent else {
                continue;
            };
            if k > s0 && self.view.toks[k - 1].ent == Some(e) {
                continue;
            }
            let en = &self.doc.entities[e];
            if !matches!(en.label, EntityLabel::LOC | EntityLabel::GPE)
                || roles.actors.contains(&e)
                || roles.recips.contains(&e)
            {
                continue;
            }
            let c = self.clitic(e, k);
            let c = c.strip_prefix('و').unwrap_or(&c);
            let intro = c == "ب" || (k > s0 && matches!(self.tok(k - 1), "في" | "وفي"));
            if !intro {
                continue;
            }
            let d = k.abs_diff(t.start);
            if best.is_none_or(|(bd, _)| d < bd) {
                best = Some((d, e));
            }
        }
        let (_, e) = best?;
        let en = &self.doc.entities[e];
        let actor = en.actor_id.as_deref().and_then(|id| self.actors.get(id));
        Some(Location {
            name: actor
                .map(|a| a.name.clone())
                .unwrap_or_else(|| en.text.clone()),
            name_ar: Some(en.text.clone()),
            country: actor.and_then(|a| a.country.clone()),
            lat: None,
            lon: None,
            geonames: None,
        })
    }
}

/// The reference an event or a quote makes to a document actor.
pub(crate) fn actor_ref(a: &Actor) -> ActorRef {
    ActorRef {
        id: a.id.clone(),
        name: a.name.clone(),
        country: a.country.clone(),
        kind: serde_json::to_value(a.kind)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string)),
    }
}

/// How concrete the event mention is (a confidence adjustment, about -0.3..+0.2).
fn specificity(ctx: &Ctx, t: &Trig, s0: usize, s1: usize, verb: bool, mw: bool) -> f32 {
    let v = ctx.view;
    let mut adj = 0.0;
    if !verb && !mw {
        adj -= 0.15;
        // the article, also inside لل (li + al, its alif dropped): a definite verbal noun is
        // often a reference back or a generic mention. Until round 6 the article cost 0.05 and
        // the purpose penalty below also fired on the ل of the article (0.15 in all, but لل
        // only 0.1); with the purpose penalty on the preposition alone and the article at 0.05,
        // tune P fell 0.953 -> 0.912 (F1 0.748 -> 0.743 at 0.55) and GSR dev-train ASSAULT F1
        // 0.715 -> 0.711, PROTEST 0.619 -> 0.602: both sets prefer 0.15 (EVAL.md, round 6)
        let article = t.proclitic.contains("ال") || t.proclitic.ends_with("لل");
        if article {
            adj -= 0.15;
        }
        // تعرض لـ + verbal noun: the patient suffered it (تعرض لهجوم), strong evidence;
        // otherwise لـ + verbal noun is a purpose (دعا للتظاهر), not an event
        let suffered = t.start > s0 && {
            let w = v.tok(t.start - 1);
            ["تعرض", "يتعرض", "تتعرض", "تعرضت", "تعرضوا", "يتعرضون"]
                .iter()
                .any(|f| {
                    w == *f || w.strip_prefix('و') == Some(*f) || w.strip_prefix('ف') == Some(*f)
                })
        };
        // the preposition لـ, not the ل of the article (وال، بال)
        let purpose = t.proclitic.ends_with('ل') && !t.proclitic.ends_with("ال");
        if suffered {
            adj += 0.25;
        } else if purpose {
            adj -= 0.1;
        }
        // governed by a word that makes it a topic, a charge or a thwarted plan
        // (قضية خطف، بتهمة تفجير، فككت سيارة مفخخة)
        for k in s0.max(t.start.saturating_sub(2))..t.start {
            if NON_EVENT_GOVERNORS.contains(&v.tok(k)) {
                adj -= 0.3;
                break;
            }
        }
        // a trigger noun as the complement of a noun naming an institution (شرطة مكافحة الشغب)
        if t.start > s0 && matches!(v.tok(t.start - 1), "مكافحه" | "لمكافحه" | "ضحايا" | "ذكري")
        {
            adj -= 0.3;
        }
        // a list of nouns: X وY or X، Y next to the trigger
        let next = v.toks.get(t.end).filter(|n| n.sent == v.toks[t.start].sent);
        let prev_list = t.start > s0 && {
            let w = v.tok(t.start - 1);
            matches!(
                w,
                "جرايم" | "اعمال" | "عمليات" | "مسلسل" | "ظاهره" | "محاوله" | "محاولات"
            )
        };
        let coord = t.proclitic.starts_with('و')
            || next.is_some_and(|n| {
                n.brk == Brk::None
                    && v.norm[n.vs..n.ve].starts_with('و')
                    && ctx.lex.lookup(&v.norm[n.vs..n.ve]).is_some()
            });
        if coord || prev_list {
            adj -= 0.15;
        }
    }
    // a consequence or a generic clause after ما (بما يهدد كيان الدول، مما يعني)
    if verb && t.start > s0 && matches!(v.tok(t.start - 1), "ما" | "بما" | "مما" | "لما")
    {
        adj -= 0.2;
    }
    // a relative clause describes a participant (الرهائن الذين اختطفتهم طالبان): background
    if t.start > s0
        && matches!(
            v.tok(t.start - 1),
            "الذي" | "التي" | "الذين" | "اللذين" | "اللتين"
        )
    {
        adj -= 0.1;
    }
    let lo = s0.max(t.start.saturating_sub(6));
    let hi = s1.min(t.end + 6);
    let mut count = false;
    for k in (lo..hi).filter(|k| !(t.start..t.end).contains(k)) {
        let w = v.tok(k);
        if w.bytes().next().is_some_and(|b| b.is_ascii_digit())
            || NUMBER_WORDS.contains(&w)
            || CASUALTY_NOUNS.contains(&w)
        {
            count = true;
            break;
        }
    }
    if count {
        adj += 0.15;
    }
    if (s0..s1).any(|k| DEICTIC.contains(&v.tok(k))) {
        adj += 0.05;
    }
    if count && is_tally(v, t, s0) {
        adj -= 0.3;
    }
    adj
}

/// A count over a period is a tally, not one event (the caller checks the count) (قتل 76 صحافيا منذ الغزو، 13 جنديا قتلوا
/// حتى الآن، خلال السنوات الست الماضية).
fn is_tally(v: &View, t: &Trig, s0: usize) -> bool {
    let c0 = v.clause_start(t.start).max(s0);
    let c1 = v.clause_end(t.end - 1);
    let after = (t.start + 1..c1.min(t.end + 10)).any(|k| {
        let w = bare_conj(v.tok(k));
        w == "منذ" || (w == "حتي" && k + 1 < c1 && v.tok(k + 1) == "الان")
    });
    let before = (c0.max(t.start.saturating_sub(8))..t.start).any(|k| {
        bare_conj(v.tok(k)) == "خلال"
            && (k + 1..(k + 3).min(t.start)).any(|j| PERIOD_PLURALS.contains(&v.tok(j)))
    });
    after || before
}

/// Plural periods that make a tally (خلال السنوات الماضية).
const PERIOD_PLURALS: &[&str] = &[
    "السنوات",
    "الاعوام",
    "الاشهر",
    "الشهور",
    "الاسابيع",
    "العقود",
    "الايام",
];

/// A preposition carrying a pronoun that refers back to a relative's antecedent (إليه، فيها،
/// عليه، به).
fn is_resumptive_preposition(w: &str) -> bool {
    [
        "اليه",
        "اليها",
        "فيه",
        "فيها",
        "عليه",
        "عليها",
        "عنه",
        "عنها",
        "منه",
        "منها",
        "معه",
        "معها",
        "به",
        "بها",
        "له",
        "لها",
        "لهم",
        "بهم",
        "عليهم",
        "فيهم",
        "منهم",
        "معهم",
    ]
    .contains(&w)
}

/// A conjunction و/ف stripped from any word of three letters or more (ومنذ → منذ).
fn bare_conj(w: &str) -> &str {
    for p in ["و", "ف"] {
        if let Some(r) = w.strip_prefix(p) {
            if r.chars().count() >= 3 {
                return r;
            }
        }
    }
    w
}

/// An oblique sound plural or dual (case endings are not written, but the -ين of these
/// plurals is): a nisba plural (`المكسيكيين`، `السوريين`), a participle plural (`المهاجرين`،
/// `المتظاهرين`), or one of the two parties (`الطرفين`، `الجانبين`).
fn oblique_plural(w: &str) -> bool {
    let w = bare_conj(w);
    let n = w.chars().count();
    (w.ends_with("يين") && n >= 6)
        || (w.starts_with("الم") && w.ends_with("ين") && n >= 7)
        || matches!(
            w,
            "الطرفين" | "الجانبين" | "البلدين" | "الوزيرين" | "الرئيسين" | "الزعيمين"
        )
}

/// Words of a person's title or office, for a reception's host or guest (not the words that
/// qualify an office: العام، الخارجية).
#[rustfmt::skip]
const HOST_TITLES: &[&str] = &[
    "معالي", "فخامه", "سمو", "السمو", "صاحب", "الامير", "الشيخ", "الاستاذ", "الدكتور", "السيد",
    "السيده", "الرييس", "رييس", "وزير", "وزيره", "وزراء", "الوزير", "نايب", "الامين", "المبعوث",
    "مبعوث", "السفير", "سفير", "وفد", "وفدا", "سموه", "معاليه", "فخامته", "سعادته", "مدير", "وكيل",
    "محافظ", "المحافظ", "قايد", "امير",
];

/// The reflexive object (نفسه: "himself").
const REFLEXIVES: &[&str] = &["نفسه", "نفسها", "انفسهم", "نفسيهما", "انفسهن"];

/// Attack nouns whose genitive is the attacker (هجمات المتشددين، اعتداءات المستوطنين).
#[rustfmt::skip]
const AGENT_GENITIVE_ATTACKS: &[&str] = &[
    "هجوم", "اعتداء", "اعتداءات", "اشتباك", "اشتباكات", "عدوان", "مجزرة", "مذبحة", "غارة",
];

/// Complementizers that open what a speech verb says.
#[rustfmt::skip]
const CONTENT_OPENERS: &[&str] = &[
    "ان", "انه", "انها", "اننا", "انهم", "انني", "بان", "بانه", "بانها", "باننا", "بانهم",
];

/// كان and its forms (between أن and its subject).
const KANA: &[&str] = &["كان", "كانت", "يكون", "تكون", "يكونوا", "تكونا", "يكونا"];

/// Words after `أن` that open no subject: adverbs, `هناك`, `ذلك`, a fronted pronoun.
#[rustfmt::skip]
const NOT_A_SUBJECT: &[&str] = &[
    "هناك", "هنالك", "ثمه", "ذلك", "هذا", "هذه", "قد", "لم", "لن", "لا", "ما", "عددا", "اكثر",
    "اقل", "نحو", "حوالي", "امس", "اليوم",
];

/// Words that cannot open the object of a verb: prepositions and adverbs of time and manner
/// (قتلوا في، قتل خلال، قتلوا كما).
const OBJECTLESS_NEXT: &[&str] = &[
    "في",
    "خلال",
    "اثناء",
    "جراء",
    "اثر",
    "عقب",
    "منذ",
    "بعد",
    "كما",
    "برصاص",
    "بنيران",
    "ايضا",
    // (a resumptive pronoun: هجوم قتل فيه أربعة، في وقت قتل فيه ثلاثة)
    "فيه",
    "فيها",
    "خلاله",
    "خلالها",
    "جراءه",
    "جراءها",
];

/// Verbs of a crowd gathering or going out: with a participant noun as subject (تجمع مئات
/// المتظاهرين، خرج المحتجون) they report a protest. What the crowd did there (رفع المتظاهرون
/// لافتات، ردد، أحرق) describes a protest already reported, and the GSR annotators do not count
/// it as one.
const CROWD_VERBS: &[(&str, &str)] = &[
    ("تجمع", "يتجمع"),
    ("تجمهر", "يتجمهر"),
    ("احتشد", "يحتشد"),
    ("خرج", "يخرج"),
    ("نزل", "ينزل"),
    ("تدفق", "يتدفق"),
    ("زحف", "يزحف"),
    ("اعتصم", "يعتصم"),
    ("تظاهر", "يتظاهر"),
    ("احتج", "يحتج"),
];

fn crowd_verbs() -> &'static HashSet<String> {
    static SET: OnceLock<HashSet<String>> = OnceLock::new();
    SET.get_or_init(|| {
        CROWD_VERBS
            .iter()
            .flat_map(|(p, i)| crate::morph::verb_forms(p, i))
            .filter(|(_, _, _, enclitic)| !enclitic)
            .map(|(f, ..)| f)
            .collect()
    })
}

/// Quantities and words that stand between a crowd verb and its participant subject (خرج أمس
/// آلاف المتظاهرين، تجمع عدد من المحتجين).
const CROWD_QUANTITIES: &[&str] = &[
    "عشرات",
    "ميات",
    "الاف",
    "الالاف",
    "الوف",
    "مليون",
    "ملايين",
    "الف",
    "عدد",
    "من",
    "حشود",
    "جموع",
    "بضع",
    "بضعه",
    "ايضا",
    "مجددا",
    "مساء",
    "صباح",
];

/// Words saying that an explosive went off or was planted (with the lexicon's explosion
/// entries; فجر alone is a stop form, "dawn").
const EXPLOSION_WORDS: &[&str] = &[
    "فجر",
    "فجرت",
    "فجروا",
    "زرع",
    "زرعت",
    "زرعوا",
    "زراعه",
    "زراعتها",
    "زرعها",
];

/// Adjectives and adverbs that make an "attack" verbal.
const VERBAL_ATTACK: &[&str] = &[
    "حادا",
    "حاد",
    "حاده",
    "لاذعا",
    "لاذع",
    "لاذعه",
    "قويا",
    "شديدا",
    "شديده",
    "كلاميا",
    "اعلاميا",
    "بشده",
];

/// Prepositions and nouns after which a verb-or-verbal-noun form is the noun (في قتل، حملة
/// خطف); من and ما are left out: before a verb they are relatives (من اغتالوا).
const NOMINAL_GOVERNORS: &[&str] = &[
    "في",
    "علي",
    "عن",
    "الي",
    "بعد",
    "قبل",
    "خلال",
    "اثر",
    "عقب",
    "منذ",
    "حول",
    "بشان",
    "ضد",
    "عند",
    "لدي",
    "عمليه",
    "عمليات",
    "محاوله",
    "محاولات",
    "حادث",
    "حادثه",
    "حمله",
    "جريمه",
    "جرايم",
    "اعمال",
    "سلسله",
    "وقف",
];

/// How much an event without an actor loses in a document with linked actors (chosen on the
/// dev set's `tune` half, see EVAL.md).
const NO_ACTOR_PENALTY: f32 = 0.35;
const NO_ACTOR_PENALTY_ANONYMOUS_VERB: f32 = 0.15;

/// Verbs of receiving: the noun after them comes from someone else (تلقى اتصالا من).
const RECEIVE_VERBS: &[&str] = &["تلقي", "يتلقي", "تلقت", "تتلقي", "تلقوا", "استلم", "تسلم"];

/// Titles and honorifics that stand between a verb and the name of its subject or object.
const TITLE_WORDS: &[&str] = &[
    "معالي",
    "فخامه",
    "سمو",
    "السمو",
    "صاحب",
    "الملكي",
    "الامير",
    "الشيخ",
    "الاستاذ",
    "الدكتور",
    "السيد",
    "السيده",
    "الرييس",
    "رييس",
    "وزير",
    "وزيره",
    "وزراء",
    "الوزير",
    "خارجيه",
    "الخارجيه",
    "الدفاع",
    "نايب",
    "الامين",
    "العام",
    "ولي",
    "العهد",
    "المبعوث",
    "مبعوث",
    "السفير",
    "سفير",
    "الملك",
    "نظيره",
    "نظيرته",
    "نظيريه",
    "نظراءه",
    "نظيرهم",
    "خادم",
    "الحرمين",
    "الشريفين",
];

/// Nouns for the people of a place (سكان البصرة): the place after them is the actor.
const POPULATION: &[&str] = &["سكان", "اهالي", "اهل", "مواطني", "ابناء", "شعب"];

/// "The two sides" in the nominative, as a subject: the participants of the event reported just
/// before (the -ين forms are objects: ودعا الطرفين إلى الالتزام).
const PARTY_PAIRS: &[&str] = &["الجانبان", "الطرفان", "البلدان"];

/// Nouns that name a verb's subject without naming it (الجانبان، السكان): no pronoun behind them.
/// (besides [`PARTY_PAIRS`])
const GENERIC_PARTIES: &[&str] = &[
    "السكان",
    "الاهالي",
    "سكان",
    "اهالي",
    "مسلحون",
    "مجهولون",
    "الجنود",
    "جنود",
];

/// Definite nouns for a person by role (دعا المرجع الشيعي علي السيستاني، قال المتحدث): when no
/// linked name follows, the subject is someone the linker does not know.
#[rustfmt::skip]
const HUMAN_SUBJECTS: &[&str] = &[
    "المتحدث", "الناطق", "المرجع", "المسوول", "القايد", "المدير", "الزعيم", "النايب", "الناشط",
    "الرييس", "الوزير", "السفير", "المبعوث", "الامين", "الشيخ", "الامير", "الملك", "السيد",
    "الدكتور", "المستشار", "المحافظ", "العقيد", "اللواء", "العميد",
];

/// Participles that date the noun before them (الاتفاق الموقع عام 2015، البيان الصادر أمس).
#[rustfmt::skip]
const QUALIFYING_PARTICIPLES: &[&str] = &[
    "الموقع", "الموقعه", "المبرم", "المبرمه", "الصادر", "الصادره", "المعلن", "المعلنه",
    "المنعقد", "المنعقده", "المورخ", "المورخه", "المقرر", "المقرره",
];

/// Verbs of continuing and starting, whose complement is a verbal noun (ستواصل دعم، بدأت
/// انسحابها), with the future prefix and و/ف stripped.
fn is_aspectual(w: &str) -> bool {
    #[rustfmt::skip]
    const ASPECTUAL: &[&str] = &[
        "واصل", "واصلت", "واصلوا", "يواصل", "تواصل", "يواصلون", "نواصل", "استمر", "استمرت",
        "يستمر", "تستمر", "بدا", "بدات", "بداوا", "يبدا", "تبدا", "يبدون", "اكمل", "اكملت",
        "يكمل", "تكمل", "استانف", "استانفت", "يستانف", "تستانف",
    ];
    let w = w.strip_prefix(['و', 'ف']).unwrap_or(w);
    ASPECTUAL.contains(&w) || w.strip_prefix('س').is_some_and(|r| ASPECTUAL.contains(&r))
}

/// «His/her country»: the state of the person the pronoun refers to.
const OWN_COUNTRY: &[&str] = &["بلاده", "بلادها", "بلده", "بلدها"];

/// Verbs that declare a stance (أكدت تونس دعمها، جدد رفضه، أعرب عن تضامنه).
#[rustfmt::skip]
const DECLARING_VERBS: &[&str] = &[
    "اكد", "اكدت", "يوكد", "توكد", "جدد", "جددت", "يجدد", "تجدد", "اعلن", "اعلنت", "يعلن",
    "تعلن", "عبر", "عبرت", "يعبر", "تعبر", "اعرب", "اعربت", "يعرب", "تعرب", "ابدي", "ابدت",
];

/// Words that join a family name to a given name (`تميم بن حمد آل ثاني`), normalised (`آل` →
/// `ال`).
const NAME_LINKS: &[&str] = &["ال", "بن", "ابن", "بنت"];

/// A preposition with a pronoun that refers back to a relative pronoun's antecedent (الاتفاق
/// الذي توسطت فيه موسكو).
#[rustfmt::skip]
const RESUMPTIVE_PREPS: &[&str] = &[
    "فيه", "فيها", "عليه", "عليها", "اليه", "اليها", "به", "بها", "له", "لها", "عنه", "عنها",
];

/// Relative pronouns: what precedes them is the antecedent of the verb after them.
const RELATIVES: &[&str] = &["الذي", "التي", "الذين", "اللذين", "اللتين"];

/// Adjectives of degree that follow a verbal noun (دعمها التام، رفضهم القطعي).
#[rustfmt::skip]
const DEGREE_ADJECTIVES: &[&str] = &[
    "التام", "التامه", "الكامل", "الكامله", "المطلق", "المطلقه", "القاطع", "القطعي", "الشديد",
    "الشديده", "القوي", "القويه", "الكبير", "الكبيره", "الثابت", "الراسخ",
];

/// "Belonging to": the name after it is the one the noun before it acts for.
const AFFILIATION: &[&str] = &["تابعه", "التابعه", "تابع", "التابع", "تابعين", "التابعين"];

/// "Especially": the name after it is an object; the subject was left implicit.
const FOCUS_ADVERBS: &[&str] = &["خصوصا", "خاصه", "بخاصه", "سيما", "تحديدا", "بالخصوص"];

/// "His/her/their counterpart": the name after it is the object of the verb before it.
const COUNTERPARTS: &[&str] = &["نظيره", "نظيرته", "نظيريه", "نظراءه", "نظيرهم", "نظيرها"];

/// Nouns that a following participle qualifies (بيان صادر، قرار صادر).
const DOCUMENT_NOUNS: &[&str] = &[
    "بيان",
    "البيان",
    "بيانا",
    "قرار",
    "القرار",
    "قرارا",
    "تصريح",
    "تصريحات",
    "بلاغ",
    "وثيقه",
    "تقرير",
];

/// Counts and counted people: shared by the casualty cue here and the GSR fallback spans in
/// `eval`, so both read "عشرات الاشخاص" the same way.
pub(crate) const NUMBER_WORDS: &[&str] = &[
    "اثنين",
    "اثنان",
    "ثلاثه",
    "اربعه",
    "خمسه",
    "سته",
    "سبعه",
    "ثمانيه",
    "تسعه",
    "عشره",
    "عشرات",
    "ميات",
    "الاف",
    "شخصا",
    "اشخاص",
    "شخصين",
];
const CASUALTY_NOUNS: &[&str] = &[
    "مدنيا",
    "مدنيين",
    "جنود",
    "جنديا",
    "جنديين",
    "قتلي",
    "جرحي",
    "بجروح",
    "واصيب",
    "وجرح",
    "واصابه",
    "شرطيا",
    "مسلحين",
    "متظاهرين",
];
const NON_EVENT_GOVERNORS: &[&str] = &[
    "قضيه",
    "تهمه",
    "بتهمه",
    "محاكمه",
    "عثرت",
    "عثر",
    "فككت",
    "فكك",
    "تفكيك",
    "ضبط",
    "ضبطت",
    "احبطت",
    "احباط",
    "حيازه",
    "سياسه",
    "مبدا",
    "المسووليه",
    "مسووليه",
    "المسوولين",
    "ذكري",
    "خطه",
    "لتنفيذ",
];
const DEICTIC: &[&str] = &[
    "امس",
    "اليوم",
    "الليله",
    "السبت",
    "الاحد",
    "الاثنين",
    "الثلاثاء",
    "الاربعاء",
    "الخميس",
    "الجمعه",
];

/// The date of the time expression that governs an event at char `trigger`: the time layer's
/// choice within the trigger's clause, else within its sentence. Returns an ISO date, a partial
/// date or a week (2015-W34), without a clock time.
pub fn governing_date(
    doc: &Document,
    trigger: usize,
    sentence: (usize, usize),
    clause: (usize, usize),
) -> Option<String> {
    governing_date_in(&doc.timexes, trigger, sentence, clause)
}

fn governing_date_in(
    timexes: &[mirsad_core::Timex],
    trigger: usize,
    sentence: (usize, usize),
    clause: (usize, usize),
) -> Option<String> {
    let at = trigger..trigger + 1;
    mirsad_time::governing_date(timexes, clause.0..clause.1, at.clone())
        .or_else(|| mirsad_time::governing_date(timexes, sentence.0..sentence.1, at))
        .map(|tx| {
            let day = tx.value.split('T').next().unwrap_or(&tx.value);
            day.chars().take(10).collect()
        })
}

/// Strips a conjunction proclitic from a function word (ولم → لم).
fn bare(w: &str) -> &str {
    for p in ["و", "ف"] {
        if let Some(r) = w.strip_prefix(p) {
            if r.chars().count() >= 2 && FUNCTION.contains(&r) {
                return r;
            }
        }
    }
    w
}
const FUNCTION: &[&str] = &[
    "لم", "لن", "لا", "ليس", "ليست", "قد", "كان", "كانت", "منذ", "عقب", "اثر", "سوف", "ربما", "اذا",
    "لو", "عدم", "دون",
];

/// Negation, then hypothesis, then future, then reported speech; asserted otherwise.
fn factuality(ctx: &Ctx, t: &Trig, s0: usize, c0: usize, c1: usize) -> Factuality {
    let v = ctx.view;
    let s = t.start;
    let w = |k: usize| bare(v.tok(k));
    // negators right before the trigger (لم يتم التوقيع: skip the light verb), or further back
    // when only verbs of ability, will or doing stand between (لم تتمكنا من التوصل، ولا
    // يريدون التعاون، لعدم قيامها بالتنسيق)
    for k in (c0.max(s.saturating_sub(6))..s).rev() {
        if k + 3 < s && !(k + 1..s).all(|j| NEGATION_BRIDGES.contains(&bare(v.tok(j)))) {
            break;
        }
        // لم يجد إلا دعما: the exception makes it affirmative
        if (k + 1..s).any(|j| matches!(v.tok(j), "الا" | "سوي")) {
            continue;
        }
        match w(k) {
            // إذا لم تنسحب، ما لم: a negated condition is a hypothesis, not a denial
            "لم" if k > c0 && matches!(w(k - 1), "اذا" | "لو" | "ما") => {
                return Factuality::Hypothetical
            }
            "لم" | "لن" | "ليس" | "ليست" | "عدم" | "لعدم" | "بعدم" | "دون" => {
                return Factuality::Negated
            }
            "لا" => {
                let next = v.tok(k + 1);
                if !matches!(next, "يزال" | "تزال" | "زال" | "زالت" | "سيما" | "بد")
                {
                    return Factuality::Negated;
                }
            }
            _ => {}
        }
    }
    // prevented or foiled: it did not take place (منعت قوات الأمن تظاهرة، أحبطت هجوما)
    for k in c0.max(s.saturating_sub(8))..s {
        if in_list(PREVENTION, v.tok(k)) {
            return Factuality::Negated;
        }
    }
    // denial verbs earlier in the sentence (نفى أن يكون قد التقى), also as a circumstantial
    // participle (، نافية أن يكون الوزير قد التقى)
    for k in s0..s {
        if matches!(
            v.tok(k),
            "نفي"
                | "ونفي"
                | "نفت"
                | "ونفت"
                | "ينفي"
                | "تنفي"
                | "نفوا"
                | "وينفي"
                | "وتنفي"
                | "نافيا"
                | "نافيه"
                | "نافين"
        ) {
            return Factuality::Negated;
        }
    }
    // hypothesis: قد + imperfect, conditionals and modal phrases before the trigger
    if s > c0 && w(s - 1) == "قد" && t.hit.kind == FormKind::Imperfect {
        return Factuality::Hypothetical;
    }
    // قد + an imperfect verb whose object is the trigger (قد تشمل فرض عقوبات)
    for k in c0.max(s.saturating_sub(3))..s.saturating_sub(1) {
        // (not a perfect of the forms تفعّل/تفاعل, whose feminine also starts with ت: وأن قوات
        // الأمن قد تدخلت عبر استعمال الغاز is what happened)
        let next = v.tok(k + 1);
        let perfect_v = next.starts_with('ت') && next.ends_with('ت') && next.chars().count() >= 5;
        if w(k) == "قد" && next.starts_with(['ي', 'ت']) && next != "تم" && !perfect_v {
            return Factuality::Hypothetical;
        }
    }
    // wishes, obligations and judgements of what should happen govern the clause after them
    // (نأمل في حوار، أرى من الطبيعي أن تستأنف، يجب أن، أعرب عن أمله في أن يقوم بزيارة)
    for k in s0.max(s.saturating_sub(8))..s {
        if in_list(MODAL_FRAMES, v.tok(k)) {
            return Factuality::Hypothetical;
        }
        // من الطبيعي / الضروري / المهم / المفترض أن (not اللقاء المهم)
        if k > s0 && v.tok(k - 1) == "من" && MODAL_ADJECTIVES.contains(&v.tok(k)) {
            return Factuality::Hypothetical;
        }
    }
    // what someone demands or calls for has not happened (طالب الحوثيين باحترام الهدنة)
    // (only for the request's own complement, right after إلى، على، أن or with بـ/لـ)
    let complement = t.proclitic.contains(['ب', 'ل'])
        || (s > s0 && {
            let p = v.tok(s - 1);
            matches!(p, "الي" | "علي" | "ان" | "بان" | "وقف" | "ووقف" | "لوقف")
                || (p.starts_with('ب') && p.len() > 6)
        })
        // (also through a light verbal noun: دعا الحكومة إلى فتح حوار، إلى إجراء مفاوضات)
        || (s > s0 + 1 && matches!(v.tok(s - 2), "الي" | "علي" | "ان" | "بان"));
    for k in s0.max(s.saturating_sub(20))..s {
        if complement && in_list(REQUEST_FRAMES, v.tok(k)) {
            return Factuality::Hypothetical;
        }
    }
    if threat_complement(v, t, s0) {
        return Factuality::Hypothetical;
    }
    for k in s0.max(s.saturating_sub(8))..s {
        if matches!(
            w(k),
            "ربما"
                | "اذا"
                | "لو"
                | "لولا"
                | "حال"
                | "يمكن"
                | "احتمال"
                | "المحتمل"
                | "المستبعد"
                | "يحتمل"
                | "تحسبا"
        ) {
            return Factuality::Hypothetical;
        }
    }
    // an attempt or an effort states no outcome (محاولة إلقاء القبض عليه قبل أن يلوذ بالفرار،
    // المساعي حثيثة لإلقاء القبض): not for an attack, which CAMEO codes attempted too
    // (محاولة اغتيال)
    if ctx.lex.entries[t.entry as usize].event_type != EventType::Assault
        && (s > c0 && in_list(ATTEMPT_NOUNS, v.tok(s - 1))
            || s > c0 + 1
                && in_list(ATTEMPT_NOUNS, v.tok(s - 2))
                && matches!(v.tok(s - 1), "حثيثه" | "جاريه" | "متواصله"))
    {
        return Factuality::Hypothetical;
    }
    // a draft or a proposed agreement is not yet one (مشروع اتفاقية عامة للتعاون، مسودة اتفاق)
    if s > c0
        && in_list(DRAFT_NOUNS, v.tok(s - 1))
        && ctx.lex.entries[t.entry as usize].event_type == EventType::Agree
    {
        return Factuality::Hypothetical;
    }
    // readiness and striving state no outcome (أبدى استعداده للقاء، مستعدة لاستقبال، تسعى إلى
    // عقد مؤتمر): the event they govern closely may never happen
    if governed_by(ctx, t, c0, READINESS_FRAMES) {
        return Factuality::Hypothetical;
    }
    // "any attack" is no attack in particular (تحسبا لأي ضربة)
    if s > c0 && matches!(v.tok(s - 1), "اي" | "لاي" | "باي") {
        return Factuality::Hypothetical;
    }
    // future
    if t.proclitic.contains('س') {
        return Factuality::Future;
    }
    // a purpose is still to come (لتوفير غطاء جوي، تهدف إلى ضمان وصول المساعدات)
    for k in c0.max(s.saturating_sub(3))..s {
        if in_list(PURPOSE_FRAMES, v.tok(k)) {
            return Factuality::Future;
        }
    }
    for k in c0.max(s.saturating_sub(10))..s {
        if matches!(
            w(k),
            "سوف"
                | "المقرر"
                | "يعتزم"
                | "تعتزم"
                | "يعتزمون"
                | "اعتزام"
                | "المتوقع"
                | "يتوقع"
        ) {
            return Factuality::Future;
        }
    }
    // an intention, a plan or a preparation is still to come (تنوي إجراء محادثات، خطة
    // لاستهداف، تستعد لاستقبال، من المنتظر أن يلتقي، يرتقب أن يزور)
    if governed_by(ctx, t, c0, INTENTION_FRAMES) {
        return Factuality::Future;
    }
    for k in t.end..c1.min(t.end + 5) {
        if matches!(
            v.tok(k),
            "مرتقب"
                | "مرتقبه"
                | "المرتقب"
                | "المرتقبه"
                | "المقبل"
                | "المقبله"
                | "القادم"
                | "القادمه"
                | "وشيك"
                | "وشيكه"
        ) {
            return Factuality::Future;
        }
    }
    // reported by unnamed sources
    let (_, s1) = v.sents[v.toks[s].sent];
    for k in s0..s1 {
        if matches!(
            v.tok(k),
            "بحسب" | "وبحسب" | "حسب" | "مصادر" | "مصدر" | "تقارير" | "افادت" | "وافادت"
        ) {
            return Factuality::Reported;
        }
    }
    Factuality::Asserted
}

/// Is the trigger the close complement of a word of `frames` (at most four words back, no
/// comma between: يعتزم زيارة، على استعداد للقاء، تسعى إلى عقد مؤتمر)? A noun of `frames`
/// (خطة، نية، استعداد) governs it only through ل/بـ or أن (خطة لاستهداف, not خطة تأمين).
fn governed_by(ctx: &Ctx, t: &Trig, c0: usize, frames: &[&str]) -> bool {
    let (v, s) = (ctx.view, t.start);
    // (a verb with و/ف is coordinated, not governed: جاهزة ومستعدة لأي طارئ، وأشاد بالتعاون)
    if t.proclitic.starts_with(['و', 'ف']) {
        return false;
    }
    let linked = t.proclitic.contains(['ل', 'ب'])
        || (s > c0 && {
            let p = v.tok(s - 1);
            matches!(p, "ان" | "الي") || p.starts_with('ل') && p.chars().count() >= 4
        });
    (c0.max(s.saturating_sub(4))..s).any(|k| {
        let w = bare_conj(v.tok(k));
        in_list(frames, w)
            && (linked || w.starts_with(['ي', 'ت', 'ن', 'ا']) && !w.starts_with("استعداد"))
            && !ctx.doc.text[v.toks[k].be..v.toks[s].bs].contains(['،', ',', '.', ':'])
    })
}

/// Words of readiness and striving (the event they govern is a possibility).
#[rustfmt::skip]
const READINESS_FRAMES: &[&str] = &[
    "مستعد", "مستعده", "مستعدون", "مستعدين", "استعداد", "استعداده", "استعدادها", "استعدادهم",
    "استعدادنا", "يسعي", "تسعي", "يسعون", "نسعي", "اسعي", "سعيه", "سعيها", "سعيهم",
];

/// Words of intention, plan, preparation and expectation (the event they govern is to come).
#[rustfmt::skip]
const INTENTION_FRAMES: &[&str] = &[
    "ينوي", "تنوي", "ينوون", "ننوي", "انوي", "نيه", "نيته", "نيتها", "نيتهم", "بنيه", "خطه",
    "خطط", "خطته", "خطتها", "خططه", "خططها", "لخطه", "يستعد", "تستعد", "يستعدون", "نستعد",
    "يتهيا", "تتهيا", "المنتظر", "ينتظر", "يرتقب", "يترقب", "ترتقب", "تترقب",
];

/// Verbs of preventing and foiling (perfect and verbal noun): what they govern did not happen.
const PREVENTION: &[&str] = &[
    "منع",
    "منعت",
    "منعوا",
    "لمنع",
    "احبط",
    "احبطت",
    "احبطوا",
    "احباط",
    "حظر",
    "حظرت",
];

/// Words a negator may govern the trigger through (لم تتمكن من، لا يريدون، عدم قيامها بـ).
const NEGATION_BRIDGES: &[&str] = &[
    "يتم",
    "تم",
    "من",
    "يريد",
    "تريد",
    "يريدون",
    "نريد",
    "يرغب",
    "ترغب",
    "يرغبون",
    "يتمكن",
    "تتمكن",
    "تتمكنا",
    "يتمكنا",
    "يتمكنوا",
    "يستطيع",
    "تستطيع",
    "يستطيعون",
    "قيام",
    "قيامها",
    "قيامه",
    "قيامهم",
    "يقوم",
    "تقوم",
    "ب",
];

/// Is `w`, with or without a conjunction و/ف, in `list` (ودعت → دعت)?
/// What someone threatens with (هدد بشن عملية عسكرية، توعد بالرد): it has not happened.
fn threat_complement(v: &View, t: &Trig, s0: usize) -> bool {
    let s = t.start;
    let with = t.proclitic.contains('ب')
        || (s > s0 && {
            let p = v.tok(s - 1);
            p.starts_with('ب') && p.chars().count() >= 3
        });
    with && (s0.max(s.saturating_sub(8))..s).any(|k| in_list(THREAT_FRAMES, v.tok(k)))
}

fn in_list(list: &[&str], w: &str) -> bool {
    list.contains(&w)
        || ['و', 'ف'].iter().any(|c| {
            w.strip_prefix(*c)
                .is_some_and(|r| r.chars().count() >= 2 && list.contains(&r))
        })
}

/// Nouns of an attempt or an effort (the event they govern may not have happened).
#[rustfmt::skip]
const ATTEMPT_NOUNS: &[&str] = &[
    "محاوله", "المحاوله", "محاولات", "لمحاوله", "بمحاوله", "مساعي", "المساعي", "مساع", "جهود",
    "الجهود", "سعي",
];

/// Nouns of a text not yet agreed (مشروع اتفاقية، مسودة اتفاق، مقترح هدنة).
#[rustfmt::skip]
const DRAFT_NOUNS: &[&str] = &[
    "مشروع", "مسوده", "مقترح", "اقتراح", "لمشروع", "بمشروع",
];

/// Adjectives that make a modal frame after من (من الضروري أن).
const MODAL_ADJECTIVES: &[&str] = &["الطبيعي", "الضروري", "المهم", "المفترض", "الافضل"];

/// Verbs of demanding and calling for: the event they govern is not asserted.
const REQUEST_FRAMES: &[&str] = &[
    "طالب",
    "يطالب",
    "طالبت",
    "تطالب",
    "طالبوا",
    "يطالبون",
    "مطالبا",
    "مطالبه",
    "دعا",
    "يدعو",
    "دعت",
    "تدعو",
    "دعوا",
    "يدعون",
    "داعيا",
    "داعيه",
    "حث",
    "يحث",
    "حثت",
    "تحث",
    "ناشد",
    "يناشد",
    "ناشدت",
    "تناشد",
];

/// Verbs of threatening with something (هدد بـ، توعد بـ، لوح بـ): the threatened act is a
/// hypothesis.
#[rustfmt::skip]
const THREAT_FRAMES: &[&str] = &[
    "هدد", "يهدد", "هددت", "تهدد", "هددوا", "يهددون", "مهددا", "مهدده", "توعد", "يتوعد",
    "توعدت", "تتوعد", "متوعدا", "لوح", "يلوح", "لوحت", "تلوح", "ملوحا",
];

/// Words of purpose: what they govern is still to come.
const PURPOSE_FRAMES: &[&str] = &[
    "لتوفير",
    "لضمان",
    "ضمان",
    "لتحقيق",
    "لتعزيز",
    "بهدف",
    "تهدف",
    "يهدف",
    "تمهيدا",
    "سعيا",
    "لمنع",
    "للدفاع",
    "لتقديم",
    "لاطلاق",
];

/// Predicates of wish, obligation or expectation: the event under them has not happened.
const MODAL_FRAMES: &[&str] = &[
    "نامل",
    "يامل",
    "تامل",
    "امل",
    "امله",
    "املها",
    "املهم",
    "نتمني",
    "يتمني",
    "تتمني",
    "اتمني",
    "اري",
    "يجب",
    "ينبغي",
    "يتعين",
    "يتوجب",
    "يفترض",
    "نتطلع",
    "يتطلع",
    "تتطلع",
];

/// Background events: كان … قد + perfect, or منذ / عقب / إثر / في أعقاب right before the trigger.
fn historical(ctx: &Ctx, t: &Trig, s0: usize, c0: usize) -> bool {
    let v = ctx.view;
    let s = t.start;
    // (a perfect coordinated with it shares it: كان قد خطف وعذب)
    let qad = if s > c0 && bare(v.tok(s - 1)) == "قد" {
        Some(s - 1)
    } else if s > c0 + 1 && t.proclitic.starts_with('و') && bare(v.tok(s - 2)) == "قد" {
        Some(s - 2)
    } else {
        None
    };
    if let (Some(q), FormKind::Perfect) = (qad, t.hit.kind) {
        for k in s0.max(q.saturating_sub(6))..q {
            if matches!(bare(v.tok(k)), "كان" | "كانت") {
                return true;
            }
        }
    }
    // a verbal noun that a pluperfect governs (وكانت روسيا قد بدأت … حملة ضربات جوية)
    if t.hit.kind == FormKind::Noun {
        let lo = c0.max(s.saturating_sub(12));
        if let Some(q) = (lo..s).find(|&k| bare(v.tok(k)) == "قد") {
            if (lo..q).any(|k| matches!(bare(v.tok(k)), "كان" | "كانت" | "كانوا"))
                && q + 1 < s
                && !v.toks[q + 1].ends_with_ta
            {
                return true;
            }
        }
    }
    for k in c0.max(s.saturating_sub(2))..s {
        if matches!(bare(v.tok(k)), "منذ" | "عقب" | "اثر" | "اعقاب") {
            return true;
        }
    }
    // سبق أن / سبق لـ + a perfect recalls an earlier event (وسبق أن زار الرئيس الجزائر، سبق
    // للوزير أن التقى)
    for k in c0.max(s.saturating_sub(5))..s {
        if bare_conj(v.tok(k)) == "سبق" && k + 1 < s && {
            let next = v.tok(k + 1);
            next == "ان" || next.starts_with('ل') && next.chars().count() >= 3
        } {
            return true;
        }
    }
    // يذكر أن / يشار إلى أن open a sentence of background, unless it is dated today or
    // yesterday (يذكر أن رئيس المجلس التقى اليوم)
    let (_, s1) = v.sents[v.toks[s].sent];
    !(s0..s1).any(|k| DEICTIC.contains(&v.tok(k)))
        && (s0..(s0 + 2).min(s)).any(|k| matches!(bare_conj(v.tok(k)), "يذكر" | "يشار" | "يجدر"))
}

/// The first sentence is a headline: a line of its own, without closing punctuation, before
/// the body (`غارات جوية على ريف إدلب ومقتل 12 مدنيا` + a blank line + the dateline).
fn headline_sentence(doc: &Document, view: &View) -> bool {
    let (Some(&(_, end)), true) = (view.sents.first(), view.sents.len() > 1) else {
        return false;
    };
    if end == 0 || end >= view.toks.len() {
        return false;
    }
    let gap = &doc.text[view.toks[end - 1].be..view.toks[end].bs];
    gap.contains('\n') && !gap.contains(['.', '!', '?', '؟', ':'])
}

/// A headline event that the body tells again (same type, roles that agree by country) is the
/// body's event: the body's mention, with its date, roles and factuality, is kept.
fn drop_headline_repeats(cands: &mut Vec<Candidate>) {
    let countries = |v: &[ActorRef]| -> Vec<String> {
        v.iter()
            .map(|a| a.country.clone().unwrap_or_else(|| a.id.clone()))
            .collect()
    };
    let agree = |a: &[ActorRef], b: &[ActorRef]| {
        let (x, y) = (countries(a), countries(b));
        x.is_empty() || y.is_empty() || x.iter().any(|c| y.contains(c))
    };
    let repeats: Vec<bool> = cands
        .iter()
        .map(|h| {
            h.sent == 0
                && cands.iter().any(|b| {
                    b.sent > 0
                        && b.event.event_type == h.event.event_type
                        && agree(&h.event.actor, &b.event.actor)
                        && agree(&h.event.recipient, &b.event.recipient)
                })
        })
        .collect();
    let mut i = 0;
    cands.retain(|_| {
        i += 1;
        !repeats[i - 1]
    });
}

/// One event told twice: the kept mention takes the other's roles where it has none, and the
/// higher confidence.
fn absorb(kept: &mut Event, other: &Event) {
    kept.confidence = kept.confidence.max(other.confidence);
    if kept.actor.is_empty() {
        kept.actor = other.actor.clone();
    }
    if kept.recipient.is_empty() {
        kept.recipient = other.recipient.clone();
    }
}

/// Merges repeated mentions of the same event in one document: same type, actors, recipients,
/// factuality and date. Events with no role at all merge only within a sentence (two anonymous
/// attacks in different paragraphs may be different attacks). The first mention is kept.
fn dedup(cands: &mut Vec<Candidate>) {
    let ids = |v: &[ActorRef]| {
        let mut x: Vec<&str> = v.iter().map(|a| a.id.as_str()).collect();
        x.sort_unstable();
        x.join(",")
    };
    let mut keep: Vec<Candidate> = Vec::with_capacity(cands.len());
    for c in cands.drain(..) {
        // two triggers of one type a few words apart describe one event when their roles agree
        // (قتل خمسة مدنيين بغارة روسية): the first keeps the union of the roles; two finite
        // verbs are two predications (أدانت الهجوم، واتهمت إيران)
        if let Some(k) = keep.iter_mut().rev().find(|k| {
            k.sent == c.sent
                && (k.kind == FormKind::Noun || c.kind == FormKind::Noun)
                && k.event.event_type == c.event.event_type
                && c.tok.saturating_sub(k.tok) <= 5
                && k.event.factuality == c.event.factuality
                && k.event.historical == c.event.historical
                // (two stances declared together are two: ترحيبها بالهدنة، ودعمها للمبعوث)
                && !(k.declared && c.declared && k.entry != c.entry)
        }) {
            let (a, b) = (&k.event, &c.event);
            let fits = |x: &[ActorRef], y: &[ActorRef]| x.is_empty() || y.is_empty() || x == y;
            if fits(&a.actor, &b.actor) && fits(&a.recipient, &b.recipient) {
                absorb(&mut k.event, &c.event);
                continue;
            }
        }
        // what a threat threatens (هدد بشن عملية عسكرية ضد X) is part of the threat: its
        // target is the threat's recipient (so is a hypothetical event a little further on:
        // هدد المجلس بعواقب لمثل هذه الهجمات قد تشمل فرض عقوبات)
        let hypothetical = c.event.factuality == Factuality::Hypothetical;
        if c.threatened || hypothetical {
            let reach = if c.threatened { 8 } else { 12 };
            if let Some(k) = keep.iter_mut().rev().find(|k| {
                k.sent == c.sent
                    && k.event.event_type == EventType::Threaten
                    && c.tok > k.tok
                    && c.tok - k.tok <= reach
            }) {
                if k.event.recipient.is_empty() {
                    k.event.recipient = c.event.recipient.clone();
                }
                continue;
            }
        }
        // the condition of a threat (هدد بشن عملية … إذا لم تنسحب) is part of the threat
        if c.condition
            && keep
                .iter()
                .any(|k| k.sent == c.sent && k.event.event_type == EventType::Threaten)
        {
            continue;
        }
        if c.described {
            if let Some(k) = keep
                .iter_mut()
                .rev()
                .find(|k| k.sent == c.sent && k.event.event_type == c.event.event_type)
            {
                absorb(&mut k.event, &c.event);
                continue;
            }
        }
        // a definite noun pointing back at an event of its type mentioned earlier
        if c.anaphoric
            && keep
                .iter()
                .any(|k| k.event.event_type == c.event.event_type)
        {
            continue;
        }
        // (the mode too: arrests and a curfew by the same forces are two events)
        let e = &c.event;
        let key = (
            e.event_type,
            &e.mode,
            ids(&e.actor),
            ids(&e.recipient),
            e.factuality,
        );
        let anon = e.actor.is_empty() && e.recipient.is_empty();
        let dup = keep.iter_mut().find(|k| {
            let ke = &k.event;
            (
                ke.event_type,
                &ke.mode,
                ids(&ke.actor),
                ids(&ke.recipient),
                ke.factuality,
            ) == key
                && ke.date == e.date
                && ke.historical == e.historical
                && (!anon || k.sent == c.sent)
        });
        match dup {
            Some(k) => {
                if c.event.confidence > k.event.confidence {
                    k.event.confidence = c.event.confidence;
                }
            }
            None => keep.push(c),
        }
    }
    *cands = keep;
}
