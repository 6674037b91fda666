//! Names the KB does not know, as actors of this document only.
//!
//! The NER stage adds people and organisations that the linker could not link, with no actor.
//! Before the quotes are read each of them becomes a document-local actor, so that «قال المتحدث
//! باسم الهيئة سالم المسلط» has a speaker; afterwards the ones that no quote (or event) uses go
//! back to being plain entities (`actor_id` null), as the output contract asks of names that
//! take part in nothing.

use crate::morph::FormKind;
use crate::stage::{actor_ref, Candidate};
use crate::text::{Brk, View};
use mirsad_core::{Actor, ActorKind, CharOffsets, Document, EntityLabel, EventType};
use mirsad_text::normalize_word;
use std::collections::{HashMap, HashSet};

/// Words that put the name after them in an organisation or a state: «المتحدث باسم حماس فلان»,
/// «رئيس حزب الغد فلان», «سفير البحرين فلان». The office word comes right before that actor;
/// `true` marks the offices that belong to a government when the actor is a state.
#[rustfmt::skip]
const AFFILIATION_WORDS: &[(&str, bool)] = &[
    ("باسم", false), ("رئيس", true), ("زعيم", false), ("قائد", false), ("عضو", false),
    ("نائب", true), ("وزير", true), ("سفير", true), ("مبعوث", true), ("مندوب", true),
    ("ممثل", true), ("مراسل", false), ("مدير", false), ("امين", false), ("مستشار", true),
    ("مسؤول", false), ("قيادي", false), ("رئيسه", false), ("مؤسس", false), ("منسق", false),
];

/// The local actors a document's unlinked names stand for, and which entity names which.
pub(crate) struct LocalNames {
    actors: Vec<Actor>,
    mentions: Vec<(usize, Mention)>,
}

/// Who an unlinked entity names.
enum Mention {
    /// `LocalNames::actors[k]`.
    Planned(usize),
    /// The linker's own local actor of the same name (a titled minister the KB lacks).
    Linker(String),
}

impl LocalNames {
    /// Reads every unlinked PER / ORG entity; changes nothing yet.
    pub(crate) fn plan(doc: &Document, offsets: &CharOffsets) -> LocalNames {
        let mut by_key: HashMap<String, usize> = HashMap::new();
        let mut surnames: HashMap<String, usize> = HashMap::new();
        let mut actors: Vec<Actor> = Vec::new();
        let mut mentions = Vec::new();
        for (i, e) in doc.entities.iter().enumerate() {
            let kind = match e.label {
                EntityLabel::PER => ActorKind::Person,
                EntityLabel::ORG => ActorKind::Organization,
                _ => continue,
            };
            if e.actor_id.is_some() {
                continue;
            }
            let name = mirsad_text::translit::strip_marks(&e.text);
            let key = normalize_word(&name);
            if key.chars().filter(|c| c.is_alphabetic()).count() < 3 {
                continue;
            }
            let id = format!("local:{}", name.replace(' ', "_"));
            // the linker's own local actor of the same name (a titled minister the KB lacks)
            if doc.actors.iter().any(|a| a.id == id) {
                mentions.push((i, Mention::Linker(id)));
                continue;
            }
            // a surname after the full name is the same person (سالم المسلط … المسلط)
            let same_person = (kind == ActorKind::Person)
                .then(|| surnames.get(&key))
                .flatten();
            let k = match same_person.or_else(|| by_key.get(&key)) {
                Some(&k) => k,
                None => {
                    let (country, sector) = affiliation(doc, offsets, i);
                    by_key.insert(key.clone(), actors.len());
                    if kind == ActorKind::Person {
                        if let Some((_, last)) = key.rsplit_once(' ') {
                            surnames.entry(last.to_string()).or_insert(actors.len());
                        }
                    }
                    actors.push(Actor {
                        id,
                        name: mirsad_text::translit::transliterate(&name),
                        name_ar: Some(name),
                        kind,
                        country,
                        sector,
                        role: None,
                        wikidata: None,
                        in_kb: Some(false),
                        mentions: Some(0),
                    });
                    actors.len() - 1
                }
            };
            mentions.push((i, Mention::Planned(k)));
        }
        LocalNames { actors, mentions }
    }

    /// Links the planned names to their local actors.
    pub(crate) fn promote(&mut self, doc: &mut Document) {
        for (i, m) in &self.mentions {
            let id = match m {
                Mention::Planned(k) => {
                    let actor = &mut self.actors[*k];
                    actor.mentions = Some(actor.mentions.unwrap_or(0) + 1);
                    actor.id.clone()
                }
                Mention::Linker(id) => id.clone(),
            };
            doc.entities[*i].actor_id = Some(id);
        }
        doc.actors.extend(self.actors.iter().cloned());
    }

    /// Puts back as plain entities the local actors that no event or quote uses.
    pub(crate) fn retire_unused(&self, doc: &mut Document) {
        let used: HashSet<&str> = doc
            .events
            .iter()
            .flat_map(|e| e.actor.iter().chain(&e.recipient))
            .chain(doc.quotes.iter().filter_map(|q| q.speaker.as_ref()))
            .map(|r| r.id.as_str())
            .collect();
        let idle: HashSet<String> = self
            .actors
            .iter()
            .filter(|a| !used.contains(a.id.as_str()))
            .map(|a| a.id.clone())
            .collect();
        if idle.is_empty() {
            return;
        }
        doc.actors.retain(|a| !idle.contains(&a.id));
        for e in &mut doc.entities {
            if e.actor_id.as_ref().is_some_and(|id| idle.contains(id)) {
                e.actor_id = None;
            }
        }
    }
}

/// The country (and sector) a name takes from the actor right before it, when an office word
/// ties the two: «المتحدث باسم [حماس] سامي أبو زهري», «سفير [البحرين] فلان».
fn affiliation(
    doc: &Document,
    offsets: &CharOffsets,
    i: usize,
) -> (Option<String>, Option<String>) {
    let name = &doc.entities[i];
    let Some(prev) = doc.entities[..i]
        .iter()
        .rev()
        .find(|p| p.end <= name.start && p.actor_id.is_some())
    else {
        return (None, None);
    };
    let between = &doc.text[offsets.to_byte(prev.end)..offsets.to_byte(name.start)];
    if !between.chars().all(char::is_whitespace) {
        return (None, None);
    }
    let before = &doc.text[..offsets.to_byte(prev.start)];
    let Some(word) = before.split_whitespace().next_back() else {
        return (None, None);
    };
    // the office word may carry the actor's own clitic (باسم ل…) or the article (الرئيس)
    let word = normalize_word(word);
    let word = word.strip_prefix('و').unwrap_or(&word);
    let word = word.strip_prefix("ال").unwrap_or(word);
    let Some(&(_, government_office)) = AFFILIATION_WORDS.iter().find(|(w, _)| *w == word) else {
        return (None, None);
    };
    let Some(actor) = doc
        .actors
        .iter()
        .find(|a| Some(&a.id) == prev.actor_id.as_ref())
    else {
        return (None, None);
    };
    let sector = match actor.kind {
        ActorKind::State if government_office => Some("GOV".to_string()),
        ActorKind::State | ActorKind::Location => None,
        _ => actor.sector.clone(),
    };
    (actor.country.clone(), sector)
}

/// Gives an event whose verb found no actor the name the KB lacks that follows the verb right
/// away, as its subject (verb–subject order: «واتهم سالم المسلط النظام», «ورفض حزب الغد»).
///
/// Only that position: filling the empty roles with whatever the role rules would take was right
/// about half the time. Violent, coercive and similar verbs are left out, because unvocalised
/// they are as often passives whose following name is the victim (قتل فلان، اعتقل فلان).
///
/// When the role rules took a name after it as the actor (واتهم سالم المسلط إيران), that name is
/// the object: it becomes the recipient.
pub(crate) fn fill_verb_subjects(doc: &Document, view: &View, cands: &mut [Candidate]) {
    for c in cands.iter_mut() {
        if c.kind == FormKind::Noun || !names_its_doer(c.event.event_type) {
            continue;
        }
        let Some(next) = view.toks[c.tok..]
            .iter()
            .find(|t| t.cs >= c.event.trigger.end)
        else {
            continue;
        };
        let Some(ent) = next.ent.map(|i| &doc.entities[i]) else {
            continue;
        };
        if next.sent != c.sent || next.brk != Brk::None || ent.start != next.cs {
            continue;
        }
        // (one word is too often a fragment: «جامعة» of جامعة جدة, جدة linked apart)
        let subject = ent.text.split_whitespace().count() >= 2
            && match ent.label {
                // a feminine verb before a man's name has another subject (استقبلت الوزارة فلان)
                EntityLabel::PER => !c.fem,
                EntityLabel::ORG => true,
                _ => false,
            };
        let Some(actor) = ent
            .actor_id
            .as_ref()
            .and_then(|id| doc.actors.iter().find(|a| &a.id == id))
            .filter(|a| subject && a.in_kb == Some(false))
        else {
            continue;
        };
        if c.event.recipient.iter().any(|r| r.id == actor.id) {
            continue;
        }
        if !c.event.actor.is_empty() {
            // only an actor named after this name (not a preverbal subject, not a pronoun's
            // antecedent) was its object
            let (sent_start, sent_end) = view.sent_spans[c.sent];
            let after_the_name = c.event.actor.iter().all(|a| {
                let mut mentions = doc
                    .entities
                    .iter()
                    .filter(|x| x.actor_id.as_ref() == Some(&a.id));
                let before = |x: &&mirsad_core::Entity| {
                    x.start >= sent_start && x.start < c.event.trigger.start
                };
                let after = |x: &&mirsad_core::Entity| x.start >= ent.end && x.start < sent_end;
                !mentions.clone().any(|x| before(&x)) && mentions.any(|x| after(&x))
            });
            if c.pronoun_actor || !after_the_name {
                continue;
            }
            let object = std::mem::take(&mut c.event.actor);
            if c.event.recipient.is_empty() {
                c.event.recipient = object;
            }
        }
        c.event.actor = vec![actor_ref(actor)];
    }
}

/// Types whose verb, followed by a name, has that name as its doer.
fn names_its_doer(ty: EventType) -> bool {
    !matches!(
        ty,
        EventType::Assault
            | EventType::Coerce
            | EventType::Mobilize
            | EventType::Retreat
            | EventType::Sanction
    )
}
