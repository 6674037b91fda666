//! Persons the NER finds and the linker does not know: document-local actors.
//!
//! The guidelines make unknown people actors too (kind person, a document-local id). The
//! linker makes them only after a title it reads (`الرئيس الفنزويلي …`); a person named with a
//! description it does not read (`عضو المكتب السياسي لحزب …`, `المدير العام لهيئة …`) or with
//! none was no actor at all. The NER's PER label is the evidence the scan lacks, as it is for
//! places in `NerPlaceStage`. Only names of two words or more, none of them a word that names
//! something else in the KB (`لكونسورتيوم كوري`), become actors; a one-word PER mention that is
//! the surname of such a person (`الطاير` after `مطر الطاير`) is linked to them.

use crate::linker::{base_letters_offset, is_mark, Linker};
use mirsad_core::{Actor, ActorKind, Document, EntityLabel, Stage, StageError};
use mirsad_text::normalize_word;
use std::sync::Arc;

/// Honorifics the NER sometimes includes in the span; they are no part of the name.
#[rustfmt::skip]
const HONORIFICS: &[&str] = &[
    "السيد", "السيده", "الشيخ", "الدكتور", "الدكتوره", "المهندس", "الاستاذ", "الاستاذه", "اللواء",
    "العميد", "العقيد", "الفريق", "المشير", "الامير", "الاميره", "الحاج", "الشهيد", "المدعو",
    "الامام", "النايب", "النايبه", "الوزير", "الوزيره", "المحامي", "القاضي", "الصحفي", "الكاتب",
];

/// Nouns after حسن "good" in set phrases the NER reads as a person (حسن الجوار، حسن النية).
#[rustfmt::skip]
const GOOD_PHRASES: &[&str] = &[
    "الجوار", "النيه", "السير", "الظن", "التعامل", "الاداء", "الخلق", "التنظيم", "الادب", "الحظ",
];

/// Heads of a place name (a Moroccan commune, a village) that the NER reads as a person.
const PLACE_HEADS: &[&str] = &["جماعه", "دوار", "قريه", "بلده", "منطقه", "محافظه", "ولايه"];

pub struct NerPersonStage {
    linker: Arc<Linker>,
}

impl NerPersonStage {
    pub fn new(linker: Arc<Linker>) -> NerPersonStage {
        NerPersonStage { linker }
    }

    /// The name a PER span writes, normalised, without honorifics and without the proclitic of
    /// its first word when what remains is a given name, a kunya or an عبد compound (وصالح،
    /// بأبي، وعبد); `None` unless every word may be part of a person's name. Also returns the
    /// number of letters dropped from the front of the span.
    fn name_of(&self, text: &str) -> Option<(String, usize)> {
        let words: Vec<&str> = text.split_whitespace().collect();
        let mut dropped = 0;
        let mut k = 0;
        let mut norm: Vec<String> = words.iter().map(|w| normalize_word(w)).collect();
        // للسيد، وللشيخ: the article folded into the preposition
        let honorific = |w: &str| {
            let w = w.strip_prefix(['و', 'ف']).unwrap_or(w);
            let bare = match w.strip_prefix("لل") {
                Some(rest) => format!("ال{rest}"),
                None => w.strip_prefix(['ب', 'ك']).unwrap_or(w).to_string(),
            };
            HONORIFICS.contains(&w) || HONORIFICS.contains(&bare.as_str())
        };
        while k < norm.len() && honorific(&norm[k]) {
            // base letters, as `base_letters_offset` counts them, and the space
            dropped += words[k].chars().filter(|&c| !is_mark(c)).count() + 1;
            k += 1;
        }
        let mut norm = norm.split_off(k);
        let first = norm.first()?.clone();
        if !self.linker.is_given_name(&first) {
            for pre in ["وب", "ول", "فب", "و", "ف", "ب", "ل", "ك"] {
                if let Some(rest) = first.strip_prefix(pre) {
                    let kunya = ["اب", "عبد"].iter().any(|p| rest.starts_with(p));
                    // a word that starts a KB name only when long enough: فؤاد is no ف + واد
                    let name_start = self.linker.is_given_name(rest)
                        || rest.chars().count() >= 4
                            && self.linker.starts_a_kb_form(rest)
                            && !self.linker.is_not_person_word(rest);
                    if rest.chars().count() >= 3 && (kunya || name_start) {
                        dropped += pre.chars().count();
                        norm[0] = rest.to_string();
                        break;
                    }
                }
            }
        }
        // عيدروس عبد العزيز وزيد: a conjunction starts the next name
        if let Some(cut) = (1..norm.len()).find(|&j| {
            norm[j].starts_with('و')
                && norm[j].chars().count() >= 4
                && !self.linker.is_given_name(&norm[j])
        }) {
            norm.truncate(cut);
        }
        // حسن الجوار "good neighbourliness", حسن النية: a noun phrase, not حسن + a family name
        if norm.len() == 2 && norm[0] == "حسن" && GOOD_PHRASES.contains(&norm[1].as_str()) {
            return None;
        }
        let usable = norm.len() >= 2
            && norm[0].chars().count() >= 3
            && norm.iter().enumerate().all(|(j, w)| {
                w.chars().count() >= 2
                    && w.chars().all(char::is_alphabetic)
                    // عبد الله، نور الدين: the second half of a compound given name
                    && (j > 0 && ["الله", "الدين", "الاحد"].contains(&w.as_str())
                        || !self.linker.is_not_person_word(w))
            });
        usable.then(|| (norm.join(" "), dropped))
    }
}

impl Stage for NerPersonStage {
    fn name(&self) -> &'static str {
        "ner-persons"
    }

    fn process(&self, doc: &mut Document) -> Result<(), StageError> {
        let linked: Vec<(usize, usize)> = doc
            .entities
            .iter()
            .filter(|e| e.actor_id.is_some())
            .map(|e| (e.start, e.end))
            .collect();
        let overlaps_link = |s: usize, e: usize| linked.iter().any(|&(a, b)| s < b && a < e);
        // surname → local id, of the names made here and of the linker's local persons
        let mut surnames: Vec<(String, String)> = doc
            .actors
            .iter()
            .filter(|a| a.id.starts_with("local:") && a.kind == ActorKind::Person)
            .filter_map(|a| {
                let n = a.name_ar.as_deref()?;
                let last = n.rsplit(' ').next()?;
                (n.contains(' ') && last.chars().count() >= 3)
                    .then(|| (normalize_word(last), a.id.clone()))
            })
            .collect();
        // the last two words of every person linked by a name of three words or more: the NER
        // reads `أبو زيد` after `أحمد أبو زيد` as a name of its own
        let tails: Vec<(String, String)> = doc
            .entities
            .iter()
            .filter(|e| e.label == EntityLabel::PER)
            .filter_map(|e| {
                let words: Vec<String> = e.text.split_whitespace().map(normalize_word).collect();
                let id = e.actor_id.clone()?;
                (words.len() >= 3).then(|| (words[words.len() - 2..].join(" "), id))
            })
            .collect();
        let mut singles: Vec<usize> = Vec::new();
        let mut cursor = (0, 0);
        for i in 0..doc.entities.len() {
            let e = &doc.entities[i];
            if e.actor_id.is_some() || e.label != EntityLabel::PER || overlaps_link(e.start, e.end)
            {
                continue;
            }
            if !e.text.trim().contains(' ') {
                singles.push(i);
                continue;
            }
            if self.named_after(doc, e.start, &mut cursor) {
                continue;
            }
            let Some((name, dropped)) = self.name_of(&e.text) else {
                continue;
            };
            let skip = base_letters_offset(&e.text, dropped);
            let text: String = e.text.chars().skip(skip).collect();
            // the id as the events' local names write it: the original spelling, marks stripped
            let words = name.split(' ').count();
            let written = mirsad_text::translit::strip_marks(
                &text
                    .split_whitespace()
                    .take(words)
                    .collect::<Vec<_>>()
                    .join(" "),
            );
            let id = match tails.iter().find(|(t, _)| *t == name) {
                Some((_, linked)) => linked.clone(),
                None => format!("local:{}", written.replace(' ', "_")),
            };
            let e = &mut doc.entities[i];
            e.start += skip;
            e.text = text;
            e.actor_id = Some(id.clone());
            self.count_mention(doc, &id, &written);
            if let Some(last) = name.rsplit(' ').next() {
                if last.chars().count() >= 3 && !self.linker.is_given_name(last) {
                    surnames.push((last.to_string(), id));
                }
            }
        }
        for i in singles {
            let word = normalize_word(doc.entities[i].text.trim());
            let Some((_, id)) = surnames.iter().find(|(s, _)| *s == word) else {
                continue;
            };
            let id = id.clone();
            doc.entities[i].actor_id = Some(id.clone());
            self.count_mention(doc, &id, &word);
        }
        Ok(())
    }
}

impl NerPersonStage {
    /// Whether one of the two words before code point `start` makes the name that of a place or
    /// an institution: جامعة الإمام محمد بن سعود، طريق حورس، بجماعة تاغزوت.
    fn named_after(&self, doc: &Document, start: usize, cursor: &mut (usize, usize)) -> bool {
        // the byte of code point `start`, walking on from the last entity's (entities come in
        // order; a walk starts over only when one does not), then 60 code points back
        if start < cursor.0 {
            *cursor = (0, 0);
        }
        let rest = &doc.text[cursor.1..];
        let head = cursor.1
            + rest
                .char_indices()
                .nth(start - cursor.0)
                .map_or(rest.len(), |(b, _)| b);
        *cursor = (start, head);
        let from = doc.text[..head]
            .char_indices()
            .rev()
            .take(60)
            .last()
            .map_or(head, |(b, _)| b);
        doc.text[from..head]
            .split(|c: char| !c.is_alphabetic())
            .filter(|w| !w.is_empty())
            .rev()
            .take(2)
            .map(normalize_word)
            .any(|w| {
                self.linker.is_named_after_head(&w)
                    || PLACE_HEADS.iter().any(|h| {
                        w == *h || w.ends_with(h) && w.chars().count() <= h.chars().count() + 2
                    })
            })
    }

    fn count_mention(&self, doc: &mut Document, id: &str, name: &str) {
        match doc.actors.iter_mut().find(|a| a.id == id) {
            Some(a) => a.mentions = Some(a.mentions.unwrap_or(0) + 1),
            // a KB actor is in the list when an entity links it; only local ones are made here
            None if !id.starts_with("local:") => {}
            None => doc.actors.push(Actor {
                id: id.to_string(),
                name: mirsad_text::translit::transliterate(name),
                name_ar: Some(name.to_string()),
                kind: ActorKind::Person,
                country: None,
                sector: None,
                role: None,
                wikidata: None,
                in_kb: Some(false),
                mentions: Some(1),
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ner_places::tests::doc_with;
    use crate::Kb;

    #[test]
    fn unknown_persons_the_ner_finds_become_local_actors() {
        let linker = Arc::new(Linker::new(Kb::embedded()));
        let text = "وقال مطر الطاير، المدير العام للهيئة، إن المركبة آمنة. وأشار الطاير إلى التجربة، وحضر وعبد الله حمود والسيد شي.";
        let mut d = doc_with(
            text,
            &[
                ("مطر الطاير", EntityLabel::PER),
                ("الطاير", EntityLabel::PER),
                ("وعبد الله حمود", EntityLabel::PER),
                ("والسيد شي", EntityLabel::PER),
            ],
        );
        NerPersonStage::new(linker).process(&mut d).unwrap();
        let id = |i: usize| d.entities[i].actor_id.as_deref();
        assert_eq!(id(0), Some("local:مطر_الطاير"));
        // the surname alone is the same person
        assert_eq!(id(1), Some("local:مطر_الطاير"));
        // the conjunction is no part of the name, in the id or in the span
        assert_eq!(id(2), Some("local:عبد_الله_حمود"));
        assert_eq!(
            d.slice_chars(d.entities[2].start, d.entities[2].end),
            "عبد الله حمود"
        );
        // an honorific and one word: no name
        assert_eq!(id(3), None);
        let a = d
            .actors
            .iter()
            .find(|a| a.id == "local:مطر_الطاير")
            .unwrap();
        assert_eq!(a.mentions, Some(2));
        assert_eq!(a.kind, ActorKind::Person);
        assert_eq!(a.in_kb, Some(false));
    }

    #[test]
    fn the_tail_of_a_linked_name_is_that_person_and_set_phrases_are_none() {
        let linker = Arc::new(Linker::new(Kb::embedded()));
        let mut d = doc_with(
            "وأوضح المتحدث المستشار أحمد أبو زيد ذلك. وأضاف أبو زيد أن مبادئ حسن الجوار واضحة.",
            &[
                ("أحمد أبو زيد", EntityLabel::PER),
                ("أبو زيد", EntityLabel::PER),
                ("حسن الجوار", EntityLabel::PER),
            ],
        );
        d.entities[0].actor_id = Some("P_AHMED_ABU_ZEID".into());
        NerPersonStage::new(linker).process(&mut d).unwrap();
        assert_eq!(d.entities[1].actor_id.as_deref(), Some("P_AHMED_ABU_ZEID"));
        assert_eq!(d.entities[2].actor_id, None);
    }

    #[test]
    fn a_span_with_a_word_that_names_something_else_is_no_person() {
        let linker = Arc::new(Linker::new(Kb::embedded()));
        let mut d = doc_with(
            "القتلى هم أبي سمير روسي الجنسية.",
            &[("أبي سمير روسي", EntityLabel::PER)],
        );
        NerPersonStage::new(linker).process(&mut d).unwrap();
        assert!(d.entities[0].actor_id.is_none());
        assert!(d.actors.is_empty());
    }
}
