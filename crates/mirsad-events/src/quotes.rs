//! Direct and indirect speech: who said what.
//!
//! Direct speech is text between quotation marks (“…” «…» "…") with a speech verb (the cue) in
//! the same sentence; indirect speech is a speech verb followed by a complementizer (قال … إن …)
//! whose clause runs to the end of the sentence. The speaker is the entity that is the cue's
//! subject (after the verb, or before it), else the last actor mentioned before (أضاف).

use crate::morph;
use crate::stage::Ctx;
use crate::text::{Brk, View};
use mirsad_core::{ActorKind, Document, Quote, Span};
use std::collections::HashSet;

/// Speech verbs, expanded like triggers. They are cues, never events.
pub struct SpeechLexicon {
    forms: HashSet<String>,
}

const SPEECH_VERBS: &[(&str, &str)] = &[
    ("قال", "يقول"),
    ("أكد", "يؤكد"),
    ("أضاف", "يضيف"),
    ("أوضح", "يوضح"),
    ("صرح", "يصرح"),
    ("أعلن", "يعلن"),
    ("ذكر", "يذكر"),
    ("أشار", "يشير"),
    ("تابع", "يتابع"),
    ("شدد", "يشدد"),
    ("اعتبر", "يعتبر"),
    ("لفت", "يلفت"),
    ("أفاد", "يفيد"),
    ("كشف", "يكشف"),
];

impl Default for SpeechLexicon {
    fn default() -> Self {
        SpeechLexicon::new()
    }
}

impl SpeechLexicon {
    pub fn new() -> Self {
        let mut forms = HashSet::new();
        for (p, i) in SPEECH_VERBS {
            for (f, _, _, encl) in morph::verb_forms(p, i) {
                if !encl {
                    forms.insert(f);
                }
            }
        }
        SpeechLexicon { forms }
    }

    pub fn is_cue(&self, tok: &str) -> bool {
        if self.forms.contains(tok) {
            return true;
        }
        for p in ["و", "ف"] {
            if let Some(r) = tok.strip_prefix(p) {
                if self.forms.contains(r) {
                    return true;
                }
            }
        }
        false
    }
}

/// Definite words after a speech verb that are not its subject (قال اليوم، أضاف الاثنين).
#[rustfmt::skip]
const SPEECH_ADJUNCTS: &[&str] = &[
    "اليوم", "الاحد", "الاثنين", "الثلاثاء", "الاربعاء", "الخميس", "الجمعه", "السبت", "الليله",
    "البارحه", "الان",
];

const COMPLEMENTIZERS: &[&str] = &["ان", "انه", "انها", "انهم", "بان", "بانه", "بانها"];

/// Extracts quotes. Direct quotes first; indirect ones only where no direct quote overlaps.
pub fn extract(doc: &Document, view: &View, speech: &SpeechLexicon) -> Vec<Quote> {
    let lex = crate::lexicon::Lexicon::default();
    let ctx = Ctx::new(doc, view, &lex);
    let mut out: Vec<Quote> = Vec::new();
    // direct speech: quotation mark pairs in the original text (char offsets)
    let mut open: Option<(char, usize)> = None;
    for (ci, c) in doc.text.chars().enumerate() {
        match (open, c) {
            (None, '«' | '“' | '"') => open = Some((c, ci)),
            (Some(('«', s)), '»') | (Some(('“', s)), '”') | (Some(('"', s)), '"') => {
                open = None;
                if ci > s + 1 {
                    if let Some(q) = direct(&ctx, speech, s + 1, ci) {
                        out.push(q);
                    }
                }
            }
            (Some(_), '\n') => open = None,
            _ => {}
        }
    }
    // indirect speech
    for k in 0..view.toks.len() {
        if !speech.is_cue(view.tok(k)) {
            continue;
        }
        let (_, s1) = view.sents[view.toks[k].sent];
        let Some(c) = (k + 1..s1.min(k + 8)).find(|&j| COMPLEMENTIZERS.contains(&view.tok(j)))
        else {
            continue;
        };
        if c + 1 >= s1 {
            continue;
        }
        let start = view.toks[c + 1].cs;
        let end = view.toks[s1 - 1].ce;
        if out.iter().any(|q| q.start < end && start < q.end) {
            continue;
        }
        let mut q = Quote {
            start,
            end,
            speaker: None,
            speaker_text: None,
            cue: Some(span(doc, view, k, k + 1)),
        };
        speaker(&ctx, k, c, &mut q);
        out.push(q);
    }
    out.sort_by_key(|q| q.start);
    out
}

fn span(doc: &Document, view: &View, a: usize, b: usize) -> Span {
    let (ta, tb) = (&view.toks[a], &view.toks[b - 1]);
    Span::with_text(ta.cs, tb.ce, &doc.text[ta.bs..tb.be])
}

/// A direct quote between chars `[qs, qe)`: its cue is the nearest speech verb before it in the
/// sentence (or right after it: «…» قال الوزير).
fn direct(ctx: &Ctx, speech: &SpeechLexicon, qs: usize, qe: usize) -> Option<Quote> {
    let view = ctx.view;
    let first_in = view.toks.iter().position(|t| t.cs >= qs)?;
    if view.toks[first_in].cs >= qe {
        return None;
    }
    let last_in = view.toks.iter().rposition(|t| t.ce <= qe)?;
    let (s0, _) = view.sents[view.toks[first_in].sent];
    let mut cue = None;
    let mut k = first_in;
    while k > s0.min(first_in) && first_in - k < 10 {
        k -= 1;
        if speech.is_cue(view.tok(k)) {
            cue = Some((k, first_in));
            break;
        }
    }
    if cue.is_none() {
        let (_, s1) = view.sents[view.toks[last_in.min(view.toks.len() - 1)].sent];
        for j in last_in + 1..(last_in + 4).min(s1.max(last_in + 1)).min(view.toks.len()) {
            if speech.is_cue(view.tok(j)) {
                let end = (j + 6).min(view.toks.len());
                cue = Some((j, end));
                break;
            }
        }
    }
    let (ck, until) = cue?;
    let mut q = Quote {
        start: qs,
        end: qe,
        speaker: None,
        speaker_text: None,
        cue: Some(span(ctx.doc, view, ck, ck + 1)),
    };
    speaker(ctx, ck, until, &mut q);
    Some(q)
}

/// The speaker of a cue at token `ck`: an entity between the cue and `until` (VSO), else one right
/// before the cue (SVO), else the last person mentioned before.
fn speaker(ctx: &Ctx, ck: usize, until: usize, q: &mut Quote) {
    let view = ctx.view;
    let doc = ctx.doc;
    let mut found: Option<(usize, usize)> = None;
    for j in ck + 1..until.min(view.toks.len()) {
        if j > ck + 1 && view.toks[j].brk >= Brk::Clause {
            break;
        }
        if let Some((_, end)) = ctx.group_at(j, until) {
            // a name the KB lacks is the subject only right after the verb and its title
            // (قال المتحدث باسم الهيئة سالم المسلط), not further on in the clause
            let e = view.toks[j].ent.unwrap();
            if j > ck + SUBJECT_REACH && unknown_to_kb(ctx, e) {
                break;
            }
            found = Some((j, end));
            // the office's organisation, then its holder (المتحدث باسم حماس فلان): the person
            if end < until.min(view.toks.len()) && view.toks[end].brk < Brk::Clause {
                if let Some((_, end2)) = ctx.group_at(end, until) {
                    let e2 = view.toks[end].ent.unwrap();
                    if is_person(ctx, e2) && !is_person(ctx, e) {
                        found = Some((end, end2));
                    }
                }
            }
            break;
        }
    }
    if found.is_none() && ck > 0 && view.toks[ck].brk < Brk::Clause {
        let k = ck - 1;
        if let Some(e) = view.toks[k].ent {
            if doc.entities[e].actor_id.is_some() {
                let mut s = k;
                while s > 0 && view.toks[s - 1].ent == Some(e) {
                    s -= 1;
                }
                found = Some((s, k + 1));
            }
        }
    }
    if let Some((a, b)) = found {
        let e = view.toks[a].ent.unwrap();
        q.speaker_text = Some(span(doc, view, a, b));
        q.speaker = actor_ref(ctx, e);
        return;
    }
    // a subject the linker does not know (قال المتحدث باسم الهيئة سالم المسلط): someone else
    // than the last person named
    if ck + 1 < until.min(view.toks.len()) && view.toks[ck + 1].brk < Brk::Clause {
        let w = view.tok(ck + 1);
        if w.starts_with("ال") && view.toks[ck + 1].ent.is_none() && !SPEECH_ADJUNCTS.contains(&w)
        {
            return;
        }
    }
    // pronoun: the last person before the cue
    let floor = ck.saturating_sub(80);
    for k in (floor..ck).rev() {
        if let Some(e) = view.toks[k].ent {
            // a name the KB lacks is too weak a guess for an unnamed speaker
            let person = ctx
                .actor_of(e)
                .is_some_and(|a| a.kind == ActorKind::Person && a.in_kb != Some(false));
            if person {
                q.speaker = actor_ref(ctx, e);
                return;
            }
        }
    }
}

/// How many tokens after a speech verb a subject unknown to the KB may start.
const SUBJECT_REACH: usize = 5;

fn is_person(ctx: &Ctx, e: usize) -> bool {
    ctx.actor_kind(e) == Some(ActorKind::Person)
}

fn unknown_to_kb(ctx: &Ctx, e: usize) -> bool {
    ctx.actor_of(e).is_none_or(|a| a.in_kb == Some(false))
}

fn actor_ref(ctx: &Ctx, e: usize) -> Option<mirsad_core::ActorRef> {
    let en = &ctx.doc.entities[e];
    let id = en.actor_id.as_deref()?;
    Some(match ctx.actors.get(id) {
        Some(a) => crate::stage::actor_ref(a),
        None => mirsad_core::ActorRef {
            id: id.to_string(),
            name: en.text.clone(),
            country: None,
            kind: None,
        },
    })
}
