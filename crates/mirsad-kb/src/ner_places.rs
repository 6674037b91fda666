//! Places that the NER found and the linker left unlinked.
//!
//! The linker reads a one-word place name behind a clitic (بجازان، لعدن) or a bare weak one
//! (جازان with no locative word before it) as something else, because alone it usually is
//! (فاتن is not ف + اتن). When the NER stage, which runs after it, tags the same word LOC or GPE,
//! the two together are enough: the entity gets the place's actor, its span loses the clitic
//! (the linker's own mentions never include one), and the place joins the document's actors.

use crate::linker::{base_letters_offset, Linker};
use mirsad_core::{Document, EntityLabel, Stage, StageError};
use std::sync::Arc;

pub struct NerPlaceStage {
    linker: Arc<Linker>,
}

impl NerPlaceStage {
    pub fn new(linker: Arc<Linker>) -> NerPlaceStage {
        NerPlaceStage { linker }
    }
}

impl Stage for NerPlaceStage {
    fn name(&self) -> &'static str {
        "ner-places"
    }

    fn process(&self, doc: &mut Document) -> Result<(), StageError> {
        let date = doc.published_date().map(str::to_string);
        for i in 0..doc.entities.len() {
            let e = &doc.entities[i];
            if e.actor_id.is_some() || !matches!(e.label, EntityLabel::LOC | EntityLabel::GPE) {
                continue;
            }
            let Some((clitics, actor)) = self.linker.place_named(&e.text, date.as_deref()) else {
                continue;
            };
            let skip = base_letters_offset(&e.text, clitics);
            let e = &mut doc.entities[i];
            e.start += skip;
            e.text = e.text.chars().skip(skip).collect();
            e.actor_id = Some(actor.id.clone());
            if actor.kind == mirsad_core::ActorKind::State {
                e.label = EntityLabel::GPE;
            }
            match doc.actors.iter_mut().find(|a| a.id == actor.id) {
                Some(a) => a.mentions = Some(a.mentions.unwrap_or(0) + 1),
                None => doc.actors.push(mirsad_core::Actor {
                    mentions: Some(1),
                    ..actor
                }),
            }
        }
        Ok(())
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::Kb;
    use mirsad_core::{Entity, Metadata};

    fn linker() -> Arc<Linker> {
        static L: std::sync::OnceLock<Arc<Linker>> = std::sync::OnceLock::new();
        L.get_or_init(|| Arc::new(Linker::new(Kb::embedded())))
            .clone()
    }

    /// A document with these NER entities, each found after the one before.
    pub(crate) fn doc_with(text: &str, names: &[(&str, EntityLabel)]) -> Document {
        let mut d = Document::new(
            Metadata {
                id: "t".into(),
                published: Some("2015-07-21T08:00:00Z".into()),
                ..Default::default()
            },
            text.to_string(),
            "ar",
        );
        let mut from = 0;
        for (name, label) in names {
            let at = from + text[from..].find(name).unwrap();
            from = at + name.len();
            let start = text[..at].chars().count();
            d.entities.push(Entity {
                start,
                end: start + name.chars().count(),
                text: name.to_string(),
                label: *label,
                actor_id: None,
                confidence: Some(0.9),
            });
        }
        d
    }

    #[test]
    fn a_place_the_ner_tags_behind_a_clitic_is_linked_without_the_clitic() {
        let mut d = doc_with(
            "سقطت قذيفة بِجازان أمس، وعقد اللقاء في فندق بجنيف.",
            &[("بِجازان", EntityLabel::LOC), ("بجنيف", EntityLabel::LOC)],
        );
        NerPlaceStage::new(linker()).process(&mut d).unwrap();
        let e = &d.entities[0];
        assert_eq!(e.actor_id.as_deref(), Some("LOC_SA_JIZAN"));
        assert_eq!(e.text, "جازان");
        assert_eq!(d.slice_chars(e.start, e.end), "جازان");
        let e = &d.entities[1];
        assert_eq!(e.actor_id.as_deref(), Some("LOC_CH_GENEVA"));
        assert_eq!(d.slice_chars(e.start, e.end), "جنيف");
        let geneva = d.actors.iter().find(|a| a.id == "LOC_CH_GENEVA").unwrap();
        assert_eq!(geneva.mentions, Some(1));
        assert_eq!(geneva.country.as_deref(), Some("CHE"));
    }

    #[test]
    fn a_person_or_an_unknown_word_stays_unlinked() {
        let mut d = doc_with(
            "قالت فاتن إن قرية الزبيرات هادئة.",
            &[("فاتن", EntityLabel::PER), ("الزبيرات", EntityLabel::LOC)],
        );
        NerPlaceStage::new(linker()).process(&mut d).unwrap();
        assert!(d.entities.iter().all(|e| e.actor_id.is_none()));
        assert!(d.actors.is_empty());
    }

    #[test]
    fn a_short_stem_behind_a_clitic_must_be_a_state() {
        let l = linker();
        assert!(l.place_named("لعدن", None).is_none());
        assert_eq!(l.place_named("عدن", None).unwrap().1.id, "LOC_YE_ADEN");
        assert_eq!(l.place_named("ومصر", None).unwrap().1.id, "EGY");
        // روم is Rome in GeoNames: فروم is the writer Fromm
        assert!(l.place_named("فروم", None).is_none());
    }

    #[test]
    fn marks_on_the_clitic_are_part_of_it() {
        assert_eq!(base_letters_offset("بِجازان", 1), 2);
        assert_eq!(base_letters_offset("وبجنيف", 2), 2);
        assert_eq!(base_letters_offset("جنيف", 0), 0);
    }
}
