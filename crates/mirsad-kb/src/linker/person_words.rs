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
                || self.entry(t.entry as usize).kind != ActorKind::Person
        })
    }
}
