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

/// Number of tag classes of the BIOES (BILOU) encoding the perceptron can be trained in instead
/// (`--bioes`): O plus B-/I-/E-/S- for each label. Tags outside the model are always BIO; the
/// BIOES indices live only inside a BIOES model's tables and Viterbi.
pub const N_BIOES: usize = 1 + 4 * LABELS.len();

/// Dense BIOES index of the BIO tag `bio[i]` (BIO indices of a well-formed sequence): a B that
/// no I of its label follows is a single (S), an I that none follows ends its span (E).
/// Layout: 0 = O, 1 + 4k = B, 2 + 4k = I, 3 + 4k = E, 4 + 4k = S of label k.
pub fn bioes_from_bio(bio: &[usize]) -> Vec<usize> {
    (0..bio.len())
        .map(|i| {
            let t = bio[i];
            if t == 0 {
                return 0;
            }
            let k = (t - 1) / 2;
            let continued = bio.get(i + 1) == Some(&(2 + 2 * k));
            let begins = t % 2 == 1;
            1 + 4 * k
                + match (begins, continued) {
                    (true, true) => 0,
                    (false, true) => 1,
                    (false, false) => 2,
                    (true, false) => 3,
                }
        })
        .collect()
}

/// BIO index of a BIOES index: S reads as B, E as I.
pub fn bio_from_bioes(t: usize) -> usize {
    if t == 0 {
        return 0;
    }
    let (k, part) = ((t - 1) / 4, (t - 1) % 4);
    if part == 0 || part == 3 {
        1 + 2 * k
    } else {
        2 + 2 * k
    }
}

/// `allowed[prev][next]` of BIOES (prev = N_BIOES is the sentence start): after O, E or S (or
/// at the start) only O, B or S; after B-X or I-X only I-X or E-X.
pub fn bioes_allows(prev: usize, next: usize) -> bool {
    let inside = |t: usize| t != 0 && t < N_BIOES && (t - 1) % 4 < 2;
    let continues = |t: usize| t != 0 && matches!((t - 1) % 4, 1 | 2);
    if inside(prev) {
        continues(next) && (next - 1) / 4 == (prev - 1) / 4
    } else {
        !continues(next)
    }
}

/// Whether a BIOES tag may end a sentence (not inside an open span).
pub fn bioes_may_end(t: usize) -> bool {
    t == 0 || (t - 1) % 4 >= 2
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
    #[test]
    fn bioes_round_trips_bio_and_constrains_paths() {
        use EntityLabel::*;
        let bio: Vec<usize> = [
            BioTag::B(PER),
            BioTag::I(PER),
            BioTag::I(PER),
            BioTag::O,
            BioTag::B(LOC),
            BioTag::B(LOC),
            BioTag::B(ORG),
            BioTag::I(ORG),
        ]
        .iter()
        .map(|t| t.index())
        .collect();
        let bioes = bioes_from_bio(&bio);
        // B I E O S S B E
        assert_eq!(bioes, vec![1, 2, 3, 0, 8, 8, 9, 11]);
        assert_eq!(
            bioes.iter().map(|&t| bio_from_bioes(t)).collect::<Vec<_>>(),
            bio
        );
        for w in bioes.windows(2) {
            assert!(bioes_allows(w[0], w[1]), "{w:?}");
        }
        assert!(bioes_allows(N_BIOES, 1) && bioes_allows(N_BIOES, 4));
        assert!(!bioes_allows(N_BIOES, 2) && !bioes_allows(N_BIOES, 3));
        // B-PER may not be followed by O, B-PER, or I-LOC; S-PER by I-PER
        assert!(!bioes_allows(1, 0) && !bioes_allows(1, 1) && !bioes_allows(1, 6));
        assert!(!bioes_allows(4, 2) && bioes_allows(4, 5));
        assert!(bioes_may_end(0) && bioes_may_end(3) && bioes_may_end(4));
        assert!(!bioes_may_end(1) && !bioes_may_end(2));
    }
}
