//! A light morphological generator for Arabic trigger lemmas.
//!
//! News Arabic inflects a verb for person, gender and number (قصف قصفت قصفوا يقصف تقصف يقصفون)
//! and attaches pronouns (اعتقلته، انسحابه). Listing surface strings by hand misses forms and
//! drifts; generating them from two stems (perfect and imperfect 3ms) covers the paradigm that
//! news uses (third person above all). Everything works on the matching normalisation
//! ([`mirsad_text::normalize_word`]): alef variants folded, ى→ي, ة→ه, hamza seats folded.
//!
//! Weak verbs are handled by their final letter: a perfect ending in ا/ي (دعا، التقى) drops it
//! before -ت/-وا (دعت، التقوا); an imperfect ending in ي/و/ا has a jussive without it (لم يلتق)
//! and plurals on the shortened stem (يلتقون). Hollow and doubled verbs need nothing special for
//! third-person forms.

use mirsad_text::normalize_word;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FormKind {
    Perfect,
    Imperfect,
    Noun,
}

/// Object/possessive pronoun suffixes that news text attaches to triggers.
const ENCLITICS: &[&str] = &["ه", "ها", "هم", "هما", "هن", "كم", "نا"];

fn strip_last(s: &str) -> &str {
    match s.char_indices().last() {
        Some((i, _)) => &s[..i],
        None => s,
    }
}

/// Inflected forms of a verb: (form, kind, feminine agreement, has a pronoun suffix).
/// `perf` and `imperf` are the 3ms perfect and imperfect as written (`-` for none).
pub fn verb_forms(perf: &str, imperf: &str) -> Vec<(String, FormKind, bool, bool)> {
    let mut out = Vec::new();
    let p = normalize_word(perf);
    if perf != "-" && !p.is_empty() {
        let weak = p.ends_with('ي') || p.ends_with('ا');
        let b = if weak { strip_last(&p) } else { p.as_str() };
        // 3ms, 3fs, 3mp, 3md, 3fd, 3fp, 1p, 2mp, 1s/2s
        let push = |out: &mut Vec<(String, FormKind, bool, bool)>, f: String, fem: bool| {
            out.push((f.clone(), FormKind::Perfect, fem, false));
            for e in ENCLITICS {
                out.push((format!("{f}{e}"), FormKind::Perfect, fem, true));
            }
        };
        push(&mut out, p.clone(), false);
        push(&mut out, format!("{b}ت"), true);
        push(&mut out, format!("{b}و"), false); // before an enclitic: قتلوه
        out.push((format!("{b}وا"), FormKind::Perfect, false, false));
        if weak {
            push(&mut out, format!("{b}ا"), false); // التقاه، دعاه
            out.push((format!("{b}يا"), FormKind::Perfect, false, false));
            out.push((format!("{b}يتا"), FormKind::Perfect, true, false));
            out.push((format!("{b}ين"), FormKind::Perfect, true, false));
            out.push((format!("{b}ينا"), FormKind::Perfect, false, false));
            out.push((format!("{b}يت"), FormKind::Perfect, false, false));
            out.push((format!("{b}يتم"), FormKind::Perfect, false, false));
        } else {
            out.push((format!("{p}ا"), FormKind::Perfect, false, false));
            out.push((format!("{p}تا"), FormKind::Perfect, true, false));
            out.push((format!("{p}ن"), FormKind::Perfect, true, false));
            out.push((format!("{p}نا"), FormKind::Perfect, false, false));
            out.push((format!("{p}تم"), FormKind::Perfect, false, false));
        }
    }
    let i = normalize_word(imperf);
    if imperf != "-" && !i.is_empty() {
        // the stem after the person prefix
        let stem = i.strip_prefix('ي').unwrap_or(&i).to_string();
        let weak = stem.ends_with('ي') || stem.ends_with('و') || stem.ends_with('ا');
        let j = if weak {
            strip_last(&stem)
        } else {
            stem.as_str()
        };
        for pre in ["ي", "ت", "ن", "ا"] {
            let fem = pre == "ت";
            let mut forms: Vec<(String, bool)> = vec![(format!("{pre}{stem}"), true)];
            if weak {
                forms.push((format!("{pre}{j}"), false)); // jussive لم يلتق
                forms.push((format!("{pre}{j}ون"), false));
                forms.push((format!("{pre}{j}وا"), false));
                forms.push((format!("{pre}{j}ين"), false));
                forms.push((format!("{pre}{stem}ان"), false));
                forms.push((format!("{pre}{stem}ا"), false));
            } else {
                forms.push((format!("{pre}{stem}ون"), false));
                forms.push((format!("{pre}{stem}وا"), false));
                forms.push((format!("{pre}{stem}ان"), false));
                forms.push((format!("{pre}{stem}ا"), false));
                forms.push((format!("{pre}{stem}ين"), false));
                forms.push((format!("{pre}{stem}ن"), false));
                forms.push((format!("{pre}{stem}و"), true)); // before an enclitic: يقتلوه
            }
            for (f, takes_encl) in forms {
                out.push((f.clone(), FormKind::Imperfect, fem, false));
                if takes_encl {
                    for e in ENCLITICS {
                        out.push((format!("{f}{e}"), FormKind::Imperfect, fem, true));
                    }
                }
            }
        }
    }
    out.retain(|(f, ..)| f.chars().count() >= 2);
    out
}

/// The bare jussive forms of a verb whose imperfect ends in a weak letter (`يدعو` → `يدع، تدع، ندع،
/// ادع`): written like other verbs (`تدع` "leave"), they are this verb only after a jussive
/// particle (`لم تدع`).
pub fn bare_jussives(imperf: &str) -> Vec<String> {
    let i = normalize_word(imperf);
    if imperf == "-" || i.is_empty() {
        return Vec::new();
    }
    let stem = i.strip_prefix('ي').unwrap_or(&i);
    if !(stem.ends_with('ي') || stem.ends_with('و') || stem.ends_with('ا')) {
        return Vec::new();
    }
    let j = strip_last(stem);
    ["ي", "ت", "ن", "ا"]
        .iter()
        .map(|pre| format!("{pre}{j}"))
        .filter(|f| f.chars().count() >= 2)
        .collect()
}

/// Forms of a noun (a verbal noun or a participle): singular, dual, the sound feminine plural of
/// -ة nouns, accusative -ا, pronoun suffixes, and the given broken or sound plurals.
/// Returns (form, has a pronoun suffix).
pub fn noun_forms(singular: &str, plurals: &[&str]) -> Vec<(String, bool)> {
    let mut out = Vec::new();
    let raw_ta = singular.ends_with('ة');
    let s = normalize_word(singular);
    if s.is_empty() {
        return out;
    }
    // the construct stem before suffixes: -ة becomes -ت
    let t = if raw_ta {
        format!("{}ت", strip_last(&s))
    } else {
        s.clone()
    };
    out.push((s.clone(), false));
    if raw_ta {
        out.push((format!("{}ات", strip_last(&s)), false));
    } else {
        out.push((format!("{s}ا"), false));
    }
    out.push((format!("{t}ان"), false));
    out.push((format!("{t}ين"), false));
    for e in ENCLITICS {
        out.push((format!("{t}{e}"), true));
    }
    // a final hamza sits on ي or و before a suffix (لقائه، لقاؤه), folded to ي/و by matching
    if let Some(base) = t.strip_suffix('ء') {
        for seat in ['ي', 'و'] {
            for e in ENCLITICS {
                out.push((format!("{base}{seat}{e}"), true));
            }
        }
    }
    for p in plurals {
        let p = normalize_word(p);
        if p.is_empty() {
            continue;
        }
        out.push((p.clone(), false));
        let pt = if p.ends_with('ه') && !p.ends_with("اته") {
            format!("{}ت", strip_last(&p))
        } else {
            p.clone()
        };
        for e in ["ه", "ها", "هم"] {
            out.push((format!("{pt}{e}"), true));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn has(forms: &[(String, FormKind, bool, bool)], w: &str) -> bool {
        let w = normalize_word(w);
        forms.iter().any(|(f, ..)| *f == w)
    }

    #[test]
    fn strong_verb_paradigm() {
        let f = verb_forms("قصف", "يقصف");
        for w in [
            "قصف",
            "قصفت",
            "قصفوا",
            "يقصف",
            "تقصف",
            "يقصفون",
            "قصفتها",
            "يقصفوا",
            "نقصف",
        ] {
            assert!(has(&f, w), "{w}");
        }
    }

    #[test]
    fn weak_verbs() {
        let f = verb_forms("التقى", "يلتقي");
        for w in [
            "التقى",
            "التقت",
            "التقوا",
            "يلتقي",
            "يلتق",
            "يلتقون",
            "التقاه",
            "تلتقي",
        ] {
            assert!(has(&f, w), "{w}");
        }
        assert_eq!(bare_jussives("يدعو"), vec!["يدع", "تدع", "ندع", "ادع"]);
        assert!(bare_jussives("يقصف").is_empty());
        let f = verb_forms("دعا", "يدعو");
        for w in ["دعا", "دعت", "دعوا", "يدعو", "تدعو", "يدعون", "دعاه"]
        {
            assert!(has(&f, w), "{w}");
        }
        let f = verb_forms("زار", "يزور");
        for w in ["زار", "زارت", "زاروا", "يزور", "تزور", "يزورون", "زارها"]
        {
            assert!(has(&f, w), "{w}");
        }
    }

    #[test]
    fn noun_paradigm() {
        let f = noun_forms("زيارة", &[]);
        let has = |w: &str| f.iter().any(|(x, _)| *x == normalize_word(w));
        for w in ["زيارة", "زيارات", "زيارته", "زيارتها", "زيارتين"]
        {
            assert!(has(w), "{w}");
        }
        let f = noun_forms("انسحاب", &[]);
        assert!(f.iter().any(|(x, e)| x == "انسحابه" && *e));
    }
}
