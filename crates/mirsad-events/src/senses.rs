//! Senses of trigger words that are not political events, read from the words around them
//! (EVAL.md, round 7): sport, a telephone as a device, an interview given to the press.
//! PLOVER codes interactions between political actors; a match lost, a club's complaint to its
//! federation or a minister's statement on a radio station are none.

use crate::text::View;

/// Words (on the matching-normalised view, without proclitics) that only sport uses: match,
/// national team, championship, FIFA, penalty shoot-out, cup, Olympics, World Cup, medal, top
/// scorer, half-time. Left out for their other senses: الفريق (a general's rank), النادي (نادي
/// الأسير), الجولة (a minister's tour), الحكم (rule, verdict), المقابلة (interview), الدوري
/// (periodic), مدرب (military trainers), لاعب (a regional player), ملعب (a stadium shelled).
const SPORT_WORDS: &[&str] = &[
    "مباراه",
    "مباريات",
    "منتخب",
    "منتخبات",
    "بطوله",
    "فيفا",
    "ترجيح",
    "كاس",
    "اولمبي",
    "اولمبيه",
    "اولمبياد",
    "مونديال",
    "ميداليه",
    "هداف",
    "شوط",
];

/// The games named by `كرة` (كرة القدم، كرة السلة، كرة اليد، الكرة الطائرة).
const BALL_GAMES: &[&str] = &["القدم", "السله", "اليد", "الطائره"];

/// Proclitic combinations a sport word may carry, longest first.
const PROCLITICS: &[&str] = &[
    "وبال", "وال", "فال", "بال", "كال", "ولل", "لل", "ال", "و", "ف", "ب", "ل",
];

fn sport_word(w: &str) -> bool {
    SPORT_WORDS.contains(&w)
        || PROCLITICS.iter().any(|p| {
            w.strip_prefix(p)
                .is_some_and(|r| r.chars().count() >= 3 && SPORT_WORDS.contains(&r))
        })
}

/// For each sentence of the view, whether it speaks of sport: a sport word, or `كرة` with its
/// game.
pub(crate) fn sport_sentences(view: &View) -> Vec<bool> {
    view.sents
        .iter()
        .map(|&(s0, s1)| {
            (s0..s1).any(|k| {
                let w = view.tok(k);
                sport_word(w)
                    || (matches!(w, "كره" | "الكره" | "لكره" | "بكره" | "والكره")
                        && k + 1 < s1
                        && BALL_GAMES.contains(&view.tok(k + 1)))
            })
        })
        .collect()
}

/// Adjectives of a telephone set (هاتفه الجوال، هاتفها الذكي).
pub(crate) const DEVICE_ADJECTIVES: &[&str] = &[
    "الجوال",
    "المحمول",
    "الذكي",
    "النقال",
    "الخلوي",
    "الخاص",
    "الشخصي",
];

/// Nouns of the press: a consultation "with" or "to" one of them is an interview, the frame
/// of a statement (قال في اتصال هاتفي لإذاعة …، في حوار مع قناة …), not a meeting of parties.
const MEDIA_NOUNS: &[&str] = &[
    "قناه",
    "قنوات",
    "اذاعه",
    "صحيفه",
    "جريده",
    "وكاله",
    "مجله",
    "موقع",
    "تلفزيون",
    "التلفزيون",
    "فضائيه",
    "راديو",
    "مراسل",
    "صحفيين",
    "الصحفيين",
    "صحافيين",
    "الصحافيين",
    "وسائل",
];

/// The word after `لـ`/`مع` (attached or apart) names the press.
pub(crate) fn press_after_preposition(w: &str, next: Option<&str>) -> bool {
    let object = match w {
        "ل" | "مع" | "لـ" => match next {
            Some(n) => n,
            None => return false,
        },
        _ => match w.strip_prefix("لل").or_else(|| w.strip_prefix('ل')) {
            Some(r) => r,
            None => return false,
        },
    };
    let object = object.strip_prefix("ال").unwrap_or(object);
    MEDIA_NOUNS.contains(&object)
        || MEDIA_NOUNS
            .iter()
            .any(|m| m.strip_prefix("ال").is_some_and(|b| b == object))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn press_words_after_their_prepositions() {
        assert!(press_after_preposition("لاذاعه", None));
        assert!(press_after_preposition("مع", Some("قناه")));
        assert!(press_after_preposition("للصحفيين", None));
        assert!(press_after_preposition("ل", Some("التلفزيون")));
        assert!(!press_after_preposition("مع", Some("نظيره")));
        assert!(!press_after_preposition("لبنان", None));
    }

    #[test]
    fn sport_words_with_their_clitics() {
        assert!(sport_word("والمنتخب"));
        assert!(sport_word("بالبطوله"));
        assert!(sport_word("مباراه"));
        assert!(!sport_word("الفريق"));
        assert!(!sport_word("لاعب"));
        assert!(!sport_word("بال"));
    }
}
