//! BIO tags over the four labels the public Arabic corpora share (PER, LOC, ORG, MISC).

use mirsad_core::EntityLabel;

/// The labels the tagger predicts. GPE is not annotated in ANERcorp/AQMAR, so the model never
/// predicts it; [`crate::NerStage`] derives it afterwards from the country gazetteer.
pub const LABELS: [EntityLabel; 4] = [
    EntityLabel::PER,
    EntityLabel::LOC,
    EntityLabel::ORG,
    EntityLabel::MISC,
];

/// Number of tag classes: O plus B-/I- for each label.
pub const N_TAGS: usize = 1 + 2 * LABELS.len();

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BioTag {
    O,
    B(EntityLabel),
    I(EntityLabel),
}

fn label_index(l: EntityLabel) -> usize {
    match l {
        EntityLabel::PER => 0,
        // GPE is folded into LOC: the corpora annotate countries and cities as LOC.
        EntityLabel::LOC | EntityLabel::GPE => 1,
        EntityLabel::ORG => 2,
        EntityLabel::MISC => 3,
    }
}

pub fn label_name(l: EntityLabel) -> &'static str {
    match l {
        EntityLabel::PER => "PER",
        EntityLabel::LOC => "LOC",
        EntityLabel::ORG => "ORG",
        EntityLabel::MISC => "MISC",
        EntityLabel::GPE => "GPE",
    }
}

/// Maps the type names of the corpora we read onto our labels (ANERcorp `PERS`, AQMAR `MIS`,
/// `MIS0`..`MIS3`, WikiANN `PER`). Unknown types (typo tags in AQMAR) give `None`.
pub fn parse_label(t: &str) -> Option<EntityLabel> {
    Some(match t {
        "PER" | "PERS" => EntityLabel::PER,
        "LOC" => EntityLabel::LOC,
        "GPE" => EntityLabel::LOC,
        "ORG" => EntityLabel::ORG,
        "MISC" | "MIS" | "MIS0" | "MIS1" | "MIS2" | "MIS3" => EntityLabel::MISC,
        _ => return None,
    })
}

impl BioTag {
    /// Dense index 0..N_TAGS: 0 = O, 1 + 2k = B-label k, 2 + 2k = I-label k.
    pub fn index(self) -> usize {
        match self {
            BioTag::O => 0,
            BioTag::B(l) => 1 + 2 * label_index(l),
            BioTag::I(l) => 2 + 2 * label_index(l),
        }
    }

    pub fn from_index(i: usize) -> BioTag {
        if i == 0 {
            BioTag::O
        } else if i % 2 == 1 {
            BioTag::B(LABELS[(i - 1) / 2])
        } else {
            BioTag::I(LABELS[(i - 2) / 2])
        }
    }

    pub fn label(self) -> Option<EntityLabel> {
        match self {
            BioTag::O => None,
            BioTag::B(l) | BioTag::I(l) => Some(l),
        }
    }

    /// Parses `O`, `B-X`, `I-X` with the corpus type names of [`parse_label`]; malformed or unknown
    /// tags read as `O` (AQMAR has a few stray tags like `OO` or `B-ENGLISH`).
    pub fn parse(s: &str) -> BioTag {
        let s = s.trim();
        let Some((p, t)) = s.split_once('-') else {
            return BioTag::O;
        };
        match (p, parse_label(t)) {
            ("B", Some(l)) => BioTag::B(l),
            ("I", Some(l)) => BioTag::I(l),
            _ => BioTag::O,
        }
    }

    pub fn as_string(self) -> String {
        match self {
            BioTag::O => "O".to_string(),
            BioTag::B(l) => format!("B-{}", label_name(l)),
            BioTag::I(l) => format!("I-{}", label_name(l)),
        }
    }

    /// Whether `next` may follow `self` in well-formed BIO (I-X only after B-X or I-X).
    pub fn allows(self, next: BioTag) -> bool {
        match next {
            BioTag::I(l) => {
                matches!(self, BioTag::B(p) | BioTag::I(p) if label_index(p) == label_index(l))
            }
            _ => true,
        }
    }
}

/// Repairs ill-formed BIO in place: an I-X that does not continue an X chunk becomes B-X (the
/// conlleval reading of such a tag), so training data and outputs are always well formed.
pub fn repair_bio(tags: &mut [BioTag]) {
    let mut prev = BioTag::O;
    for t in tags.iter_mut() {
        if let BioTag::I(l) = *t {
            if !prev.allows(*t) {
                *t = BioTag::B(l);
            }
        }
        prev = *t;
    }
}

/// Entity spans `(start, end_exclusive, label)` in token indices of a (repaired) tag sequence.
pub fn spans(tags: &[BioTag]) -> Vec<(usize, usize, EntityLabel)> {
    let mut out = Vec::new();
    let mut open: Option<(usize, EntityLabel)> = None;
    for (i, &t) in tags.iter().enumerate() {
        match t {
            BioTag::I(l) if matches!(open, Some((_, o)) if label_index(o) == label_index(l)) => {}
            _ => {
                if let Some((s, l)) = open.take() {
                    out.push((s, i, l));
                }
                if let BioTag::B(l) | BioTag::I(l) = t {
                    open = Some((i, l));
                }
            }
        }
    }
    if let Some((s, l)) = open {
        out.push((s, tags.len(), l));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn index_round_trip() {
        for i in 0..N_TAGS {
            assert_eq!(BioTag::from_index(i).index(), i);
        }
        assert_eq!(BioTag::parse("B-PERS"), BioTag::B(EntityLabel::PER));
        assert_eq!(BioTag::parse("I-MIS2"), BioTag::I(EntityLabel::MISC));
        assert_eq!(BioTag::parse("OO"), BioTag::O);
        assert_eq!(BioTag::parse("B-ENGLISH"), BioTag::O);
        assert_eq!(BioTag::I(EntityLabel::ORG).as_string(), "I-ORG");
    }

    #[test]
    fn repair_turns_orphan_i_into_b() {
        use EntityLabel::*;
        let mut t = vec![
            BioTag::O,
            BioTag::I(PER),
            BioTag::I(PER),
            BioTag::I(LOC),
            BioTag::B(ORG),
            BioTag::I(ORG),
        ];
        repair_bio(&mut t);
        assert_eq!(
            t,
            vec![
                BioTag::O,
                BioTag::B(PER),
                BioTag::I(PER),
                BioTag::B(LOC),
                BioTag::B(ORG),
                BioTag::I(ORG)
            ]
        );
        let mut first = vec![BioTag::I(MISC)];
        repair_bio(&mut first);
        assert_eq!(first, vec![BioTag::B(MISC)]);
        assert_eq!(spans(&t), vec![(1, 3, PER), (3, 4, LOC), (4, 6, ORG)]);
    }
}
