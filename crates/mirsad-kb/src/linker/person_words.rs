//! Word tests for `NerPersonStage` (`src/ner_persons.rs`): whether a normalised word is a given
//! name, and whether it rules a span out as a person's name (a stop word, a blocked form, or a
//! KB word that names a state, a place, a nationality or an organisation on its own: كوري in
//! `لكونسورتيوم كوري`, روسي in `أبي سمير روسي الجنسية`).

use super::{FormKind, Linker, NOT_NAME};
use mirsad_core::ActorKind;

impl Linker {
    /// A known given name (normalised): محمد، سمير.
    pub(crate) fn is_given_name(&self, norm: &str) -> bool {
        self.first_names.contains(norm)
    }

    /// A word no person's name contains.
    pub(crate) fn is_not_person_word(&self, norm: &str) -> bool {
        if NOT_NAME.contains(&norm) || self.blocked.contains(norm) {
            return true;
        }
        let id = self.word_id(norm);
        if id == 0 {
            return false;
        }
        let (node, _) = self.root_of(id);
        self.targets[node as usize].iter().any(|t| {
            matches!(t.kind, FormKind::Adjective { .. })
                // the dictionary's `other` entries are mostly persons' surnames (X_SLYMAN)
                || !matches!(
                    self.entry(t.entry as usize).kind,
                    ActorKind::Person | ActorKind::Other
                )
        })
    }
}

impl Linker {
    /// A head noun that names a place or an institution after a person (جامعة، طريق، مطار…),
    /// bare or behind a proclitic (بجامعة، لمستشفى).
    pub(crate) fn is_named_after_head(&self, norm: &str) -> bool {
        super::NAMED_AFTER.contains(&norm)
            || super::clitic_variants(norm)
                .iter()
                .any(|(_, stem)| super::NAMED_AFTER.contains(&stem.as_str()))
    }
}

impl Linker {
    /// A word that starts some KB form (صالح، يوسف، زيد start persons' names): with
    /// [`Linker::is_given_name`], what may remain of a name's first word behind a proclitic.
    pub(crate) fn starts_a_kb_form(&self, norm: &str) -> bool {
        let id = self.word_id(norm);
        id != 0 && self.root_of(id).0 != 0
    }
}
