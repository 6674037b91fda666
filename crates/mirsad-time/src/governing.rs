//! Which date governs a clause: the hook the event extractor uses to date an event.

use mirsad_core::{Timex, TimexType};
use std::ops::Range;

/// How many code points may precede a timex for it to count as a sentence-initial adverbial
/// ("وفي 17 مايو، …", "أمس، …"): room for a conjunction and a preposition.
const INITIAL_SLACK: usize = 4;

fn dates(v: &str) -> bool {
    // PRESENT_REF and fully underspecified values date nothing
    v.as_bytes().first().is_some_and(|b| b.is_ascii_digit())
}

/// The DATE (or day-anchored TIME) timex that governs an event whose trigger is `trigger`,
/// inside the sentence (or clause) `sentence`; all ranges are code-point offsets.
///
/// Heuristic, in order:
/// 1. A timex that opens the sentence (at most a conjunction and a preposition before it) and
///    precedes the trigger is a fronted adverbial and scopes over the whole sentence.
/// 2. Otherwise the nearest timex *after* the trigger: Arabic news is verb-initial (VSO), and the
///    time adverbial follows the verb and its arguments ("أعلنت الوزارة أمس …").
/// 3. Otherwise the nearest timex before the trigger.
///
/// Only timexes that carry a calendar value take part (DATE/TIME whose value starts with a digit):
/// durations, sets, PRESENT_REF and `XXXX-…` values say nothing about when the event happened.
/// The caller narrows `sentence` to a clause when it has clause boundaries.
pub fn governing_date(
    timexes: &[Timex],
    sentence: Range<usize>,
    trigger: Range<usize>,
) -> Option<&Timex> {
    let inside = |t: &&Timex| {
        matches!(t.timex_type, TimexType::DATE | TimexType::TIME)
            && t.start >= sentence.start
            && t.end <= sentence.end
            && dates(&t.value)
            && (t.end <= trigger.start || t.start >= trigger.end)
    };
    let cands: Vec<&Timex> = timexes.iter().filter(inside).collect();
    if let Some(t) = cands
        .iter()
        .find(|t| t.end <= trigger.start && t.start <= sentence.start + INITIAL_SLACK)
    {
        return Some(t);
    }
    if let Some(t) = cands
        .iter()
        .filter(|t| t.start >= trigger.end)
        .min_by_key(|t| t.start - trigger.end)
    {
        return Some(t);
    }
    cands
        .iter()
        .filter(|t| t.end <= trigger.start)
        .min_by_key(|t| trigger.start - t.end)
        .copied()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::TimeTagger;
    use chrono::NaiveDate;

    fn find(text: &str, word: &str) -> Range<usize> {
        let b = text.find(word).unwrap();
        let s = text[..b].chars().count();
        s..s + word.chars().count()
    }

    fn tag(text: &str) -> Vec<Timex> {
        TimeTagger::new().tag(text, NaiveDate::from_ymd_opt(2018, 5, 17))
    }

    #[test]
    fn vso_prefers_date_after_trigger() {
        let text = "أعلنت الوزارة أمس أن الاجتماع الذي عقد في 3 مايو كان ناجحا";
        let t = tag(text);
        let all = 0..text.chars().count();
        let g = governing_date(&t, all.clone(), find(text, "أعلنت")).unwrap();
        assert_eq!(g.value, "2018-05-16");
        let g = governing_date(&t, all, find(text, "عقد")).unwrap();
        assert_eq!(g.value, "2018-05-03");
    }

    #[test]
    fn fronted_adverbial_governs() {
        let text = "وفي 3 مايو، وقعت الحكومة اتفاقا مع المعارضة ينفذ العام المقبل";
        let t = tag(text);
        let g = governing_date(&t, 0..text.chars().count(), find(text, "وقعت")).unwrap();
        assert_eq!(g.value, "2018-05-03");
    }

    #[test]
    fn falls_back_to_before_and_ignores_durations() {
        let text = "بعد أن وصل الوفد يوم الأحد استمرت المحادثات ثلاثة أيام";
        let t = tag(text);
        let g = governing_date(&t, 0..text.chars().count(), find(text, "استمرت")).unwrap();
        assert_eq!(g.value, "2018-05-13");
        let none = "استمرت المحادثات ثلاثة أيام";
        let t = tag(none);
        assert!(governing_date(&t, 0..none.chars().count(), find(none, "استمرت")).is_none());
    }

    #[test]
    fn other_sentences_do_not_count() {
        let text = "قتل جنديان أمس. وتواصل القصف";
        let t = tag(text);
        let s2 = find(text, "وتواصل القصف");
        assert!(governing_date(&t, s2, find(text, "القصف")).is_none());
    }
}
