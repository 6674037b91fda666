//! Rule-based clitic analysis for dictionary matching.
//!
//! Arabic writes conjunctions, prepositions, the future particle, the article and object/
//! possessive pronouns attached to the word: وبموسكو = و + ب + موسكو, حكومته = حكومة + ه.
//! A gazetteer or lexicon stores the bare form, so lookups need the candidate stems. We do not
//! try to pick the right analysis here: we enumerate the orthographically possible ones,
//! most literal first, and let the caller keep the first one its dictionary knows. That keeps
//! this module small, predictable and free of a lexicon.
//!
//! **Input must already be normalised** (`crate::normalize::normalize_word`: no tashkeel or
//! tatweel, alef variants folded to ا, ى→ي). Unnormalised words still work where the clitic
//! letters themselves are plain (they usually are), but "ٱل" or a vowelled "وَ" will not be
//! recognised.
//!
//! Grammar (one optional slot each, in this order):
//! `[و|ف] ( [ب|ل|ك] [ال] | س‹before ي ت ن ا أ› ) STEM [ه ها هم هما هن ك كم كما كن ي ني نا]`,
//! where ل + ال is written لل (and ل + ال + لX is written للX), and a stem with the article takes
//! no pronoun suffix. A stem keeps at least 2 letters, and at least 3 when more than one clitic
//! is removed, so short words are not shredded into implausible analyses (بلد is never ب+لد+…
//! with a suffix, and never ب+لد before بلد itself).

use std::ops::Range;

/// One analysis of a word into clitics and a stem.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CliticSplit {
    /// Proclitics in reading order, e.g. `["و", "ب", "ال"]`; لل appears as `["ل", "ال"]`.
    pub proclitics: Vec<&'static str>,
    /// Byte range of the stem in the analysed word.
    pub stem: Range<usize>,
    /// The stem as a dictionary would list it: equal to `word[stem]` except that a ت before a
    /// pronoun suffix is restored to ة (حكومته → حكومة).
    pub stem_str: String,
    /// Pronoun suffix, if any.
    pub enclitic: Option<&'static str>,
}

impl CliticSplit {
    /// Number of clitics removed (لل counts as two).
    pub fn clitic_count(&self) -> usize {
        self.proclitics.len() + usize::from(self.enclitic.is_some())
    }
}

const CONJUNCTIONS: [&str; 2] = ["و", "ف"];
const PREPOSITIONS: [&str; 3] = ["ب", "ل", "ك"];
/// Longest first, so that هما is tried before هم and ه.
const ENCLITICS: [&str; 11] = [
    "هما", "كما", "ها", "هم", "هن", "كم", "كن", "ني", "نا", "ه", "ك",
];
/// The 1st-person ي, tried separately: it is also the last letter of countless stems (nisba
/// adjectives, defective verbs), so its analyses come last.
const ENCLITIC_YA: &str = "ي";

/// All analyses of `word`, the word itself first, then by number of proclitics removed, then
/// with a pronoun suffix removed; within that, the literal stem before a ة-restored one.
/// Empty for an empty word; just the word itself for non-Arabic or unanalysable words.
pub fn clitic_splits(word: &str) -> Vec<CliticSplit> {
    if word.is_empty() {
        return Vec::new();
    }
    let mut out = vec![CliticSplit {
        proclitics: Vec::new(),
        stem: 0..word.len(),
        stem_str: word.to_string(),
        enclitic: None,
    }];
    if !word.chars().any(crate::chars::is_arabic_letter) {
        return out;
    }
    // Proclitic analyses: (proclitics, byte offset where the stem starts).
    let mut prefixes: Vec<(Vec<&'static str>, usize)> = vec![(Vec::new(), 0)];
    let conj_options: Vec<(Option<&'static str>, usize)> = {
        let mut v = vec![(None, 0)];
        for c in CONJUNCTIONS {
            if word.starts_with(c) {
                v.push((Some(c), c.len()));
            }
        }
        v
    };
    for (conj, at) in conj_options {
        let base: Vec<&'static str> = conj.into_iter().collect();
        let rest = &word[at..];
        if conj.is_some() {
            prefixes.push((base.clone(), at));
        }
        // Future س before an imperfect prefix.
        if let Some(after) = rest.strip_prefix('س') {
            if after.starts_with(['ي', 'ت', 'ن', 'ا', 'أ']) {
                let mut p = base.clone();
                p.push("س");
                prefixes.push((p, at + 'س'.len_utf8()));
            }
        }
        // Preposition + article written لل, and ل + ال + لX written للX.
        if let Some(after) = rest.strip_prefix("لل") {
            if !after.is_empty() {
                let mut p = base.clone();
                p.extend(["ل", "ال"]);
                prefixes.push((p.clone(), at + "لل".len()));
                prefixes.push((p, at + "ل".len())); // stem keeps its own ل
            }
        }
        for prep in PREPOSITIONS {
            if let Some(after) = rest.strip_prefix(prep) {
                let mut p = base.clone();
                p.push(prep);
                prefixes.push((p.clone(), at + prep.len()));
                if prep != "ل" && after.starts_with("ال") {
                    p.push("ال");
                    prefixes.push((p, at + prep.len() + "ال".len()));
                }
            }
        }
        if rest.starts_with("ال") {
            let mut p = base.clone();
            p.push("ال");
            prefixes.push((p, at + "ال".len()));
        }
    }

    let mut analyses: Vec<CliticSplit> = Vec::new();
    for (procl, start) in &prefixes {
        let has_article = procl.last() == Some(&"ال");
        let stem = &word[*start..];
        if !procl.is_empty() {
            push_if_plausible(&mut analyses, word, procl, *start, word.len(), None);
        }
        if has_article {
            continue;
        }
        for enc in ENCLITICS.iter().chain(std::iter::once(&ENCLITIC_YA)) {
            if let Some(s) = stem.strip_suffix(enc) {
                let end = *start + s.len();
                push_if_plausible(&mut analyses, word, procl, *start, end, Some(enc));
            }
        }
    }
    // Stable sort: suffix analyses after suffix-free ones, fewer proclitics first, ي last.
    analyses.sort_by_key(|a| {
        (
            a.enclitic.is_some(),
            a.enclitic == Some(ENCLITIC_YA),
            a.proclitics.len(),
        )
    });
    for a in analyses {
        if !out.contains(&a) {
            out.push(a);
        }
    }
    out
}

fn push_if_plausible(
    out: &mut Vec<CliticSplit>,
    word: &str,
    procl: &[&'static str],
    start: usize,
    end: usize,
    enclitic: Option<&'static str>,
) {
    if start >= end {
        return;
    }
    let stem = &word[start..end];
    let letters = stem.chars().count();
    let clitics = procl.len() + usize::from(enclitic.is_some());
    let min = if clitics > 1 { 3 } else { 2 };
    if letters < min || !stem.chars().all(crate::chars::is_arabic_letter) {
        return;
    }
    let base = CliticSplit {
        proclitics: procl.to_vec(),
        stem: start..end,
        stem_str: stem.to_string(),
        enclitic,
    };
    if enclitic.is_some() {
        if let Some(t) = stem.strip_suffix('ت') {
            out.push(base.clone());
            out.push(CliticSplit {
                stem_str: format!("{t}ة"),
                ..base
            });
            return;
        }
    }
    out.push(base);
}

/// Dictionary keys for `word` in priority order: the word itself, then without conjunction,
/// then without preposition/article/future particle, then without pronoun suffix. Duplicates
/// are removed; the first key the dictionary knows is the one to use.
pub fn strip_for_lookup(word: &str) -> impl Iterator<Item = String> {
    let mut keys: Vec<String> = Vec::new();
    for s in clitic_splits(word) {
        if !keys.contains(&s.stem_str) {
            keys.push(s.stem_str);
        }
    }
    keys.into_iter()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (proclitics joined with +, stem_str, enclitic) for compact exact assertions.
    fn show(word: &str) -> Vec<String> {
        clitic_splits(word)
            .into_iter()
            .map(|s| {
                let mut v = s.proclitics.join("+");
                if !v.is_empty() {
                    v.push('+');
                }
                v.push_str(&s.stem_str);
                assert!(word.is_char_boundary(s.stem.start) && word.is_char_boundary(s.stem.end));
                if let Some(e) = s.enclitic {
                    v.push('+');
                    v.push_str(e);
                }
                v
            })
            .collect()
    }

    fn keys(word: &str) -> Vec<String> {
        strip_for_lookup(word).collect()
    }

    #[test]
    fn conjunction_and_article() {
        assert_eq!(show("والروس"), vec!["والروس", "و+الروس", "و+ال+روس"]);
        assert_eq!(show("فالأسد"), vec!["فالأسد", "ف+الأسد", "ف+ال+أسد"]);
        assert_eq!(keys("والروس"), vec!["والروس", "الروس", "روس"]);
    }

    #[test]
    fn conjunction_and_preposition() {
        assert_eq!(show("وبموسكو"), vec!["وبموسكو", "و+بموسكو", "و+ب+موسكو"]);
        assert_eq!(keys("وبموسكو"), vec!["وبموسكو", "بموسكو", "موسكو"]);
    }

    #[test]
    fn preposition_alone_and_with_article() {
        assert_eq!(show("لروسيا"), vec!["لروسيا", "ل+روسيا"]);
        assert_eq!(
            show("بالعاصمة"),
            vec!["بالعاصمة", "ب+العاصمة", "ب+ال+عاصمة"]
        );
        assert_eq!(show("كالعادة"), vec!["كالعادة", "ك+العادة", "ك+ال+عادة"]);
    }

    #[test]
    fn lil_is_preposition_plus_article() {
        let s = clitic_splits("للأمم");
        let full = s
            .iter()
            .find(|a| a.proclitics == ["ل", "ال"] && a.stem_str == "أمم")
            .expect("ل+ال+أمم");
        assert_eq!(&"للأمم"[full.stem.clone()], "أمم");
        assert_eq!(show("للأمم"), vec!["للأمم", "ل+لأمم", "ل+ال+أمم", "ل+ال+لأمم"]);
        assert_eq!(keys("للأمم"), vec!["للأمم", "لأمم", "أمم"]);
        // ل + ال + لجنة is written للجنة: the stem keeps its ل in one analysis.
        assert!(keys("للجنة").contains(&"لجنة".to_string()));
    }

    #[test]
    fn pronoun_suffixes_and_ta_marbuta_restoration() {
        assert_eq!(
            show("وزيرها"),
            vec!["وزيرها", "و+زيرها", "وزير+ها", "و+زير+ها"]
        );
        assert_eq!(keys("وزيرها")[..3], ["وزيرها", "زيرها", "وزير"]);
        assert_eq!(show("حكومته"), vec!["حكومته", "حكومت+ه", "حكومة+ه"]);
        assert_eq!(keys("حكومته"), vec!["حكومته", "حكومت", "حكومة"]);
        let s = &clitic_splits("حكومته")[2];
        assert_eq!(&"حكومته"[s.stem.clone()], "حكومت");
        // Feminine plurals get a (wrong) restored candidate too; the dictionary rejects it.
        assert_eq!(show("قواتهم"), vec!["قواتهم", "قوات+هم", "قواة+هم"]);
        assert_eq!(show("حياته"), vec!["حياته", "حيات+ه", "حياة+ه"]);
    }

    #[test]
    fn future_particle_only_before_imperfect_prefix() {
        assert_eq!(show("سيزور"), vec!["سيزور", "س+يزور"]);
        assert_eq!(
            show("وسيلتقي"),
            vec![
                "وسيلتقي",
                "و+سيلتقي",
                "و+س+يلتقي",
                "وسيلتق+ي",
                "و+سيلتق+ي",
                "و+س+يلتق+ي"
            ]
        );
        // سلام: no imperfect prefix after س.
        assert_eq!(show("سلام"), vec!["سلام"]);
    }

    #[test]
    fn minimum_stem_length() {
        // بلد: the word itself first; ب+لد only as a later candidate.
        assert_eq!(show("بلد"), vec!["بلد", "ب+لد"]);
        // Two clitics need a 3-letter stem: وله is not و+ل+ه.
        assert_eq!(show("وله"), vec!["وله", "و+له", "ول+ه"]);
        assert_eq!(show("في"), vec!["في"]);
        assert_eq!(show("و"), vec!["و"]);
    }

    #[test]
    fn non_arabic_and_empty() {
        assert!(clitic_splits("").is_empty());
        assert_eq!(show("Moscow"), vec!["Moscow"]);
        assert_eq!(show("2018"), vec!["2018"]);
        assert_eq!(keys("Moscow"), vec!["Moscow"]);
    }
}
