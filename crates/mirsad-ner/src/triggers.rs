//! A silver gazetteer mined from raw news with trigger words: the word right after حزب / نادي /
//! شركة is usually an organisation, after اللاعب / الفنان / الوزير a person, after مدينة / محافظة a
//! place, after سيارة / فيلم / مسلسل a product or work (ANERcorp's MISC).
//!
//! The tagger already sees a trigger when it stands next to the token; what this adds is the
//! corpus-wide evidence: الليكود follows حزب hundreds of times in 11M tokens of news, so it carries
//! an organisation bit even in a sentence that never says حزب. Built by our own code from
//! shared/data/news; nothing annotated is used.

use crate::clusters::{read_corpus, GAP};
use crate::features::{GazBits, Resources, GAZ_TLOC, GAZ_TMISC, GAZ_TORG, GAZ_TPER};
use mirsad_text::normalize_word;
use std::collections::HashMap;
use std::path::Path;

const PER_TRIGGERS: &[&str] = &[
    "الرئيس",
    "اللاعب",
    "المدرب",
    "الفنان",
    "الفنانة",
    "النجم",
    "الكاتب",
    "الشيخ",
    "الأمير",
    "الملك",
    "الوزير",
    "السيد",
    "السيدة",
    "الدكتور",
    "المهندس",
    "المخرج",
    "الممثل",
    "الممثلة",
    "المطرب",
    "المطربة",
    "الشاعر",
    "العقيد",
    "اللواء",
    "الجنرال",
    "المستشار",
    "النائب",
    "الزميل",
];
const ORG_TRIGGERS: &[&str] = &[
    "حزب",
    "نادي",
    "النادي",
    "فريق",
    "شركة",
    "منظمة",
    "جمعية",
    "بنك",
    "صحيفة",
    "وكالة",
    "مجموعة",
    "حركة",
    "جبهة",
    "مصرف",
    "قناة",
    "جامعة",
    "هيئة",
    "مؤسسة",
];
const LOC_TRIGGERS: &[&str] = &[
    "مدينة",
    "بلدة",
    "قرية",
    "محافظة",
    "ولاية",
    "منطقة",
    "إقليم",
    "عاصمة",
    "جزيرة",
    "نهر",
    "جبل",
    "حي",
    "مخيم",
];
const MISC_TRIGGERS: &[&str] = &[
    "سيارة",
    "سيارات",
    "طراز",
    "فيلم",
    "مسلسل",
    "برنامج",
    "ألبوم",
    "مسرحية",
    "عملة",
];

/// Minimum number of trigger occurrences, and minimum share of the word's occurrences that
/// follow a trigger of the type, for the word to get the type's bit.
const MIN_COUNT: u32 = 3;
const MIN_SHARE: f64 = 0.05;

/// Mines the trigger gazetteer from `news` (at most `max_tokens` tokens) into `res`. Returns the
/// number of words that got a bit.
pub fn add_trigger_gazetteer(
    res: &mut Resources,
    news: &Path,
    max_tokens: usize,
    log: &mut dyn FnMut(&str),
) -> usize {
    let corpus = read_corpus(news, max_tokens, log);
    let by_name: HashMap<&str, u32> = corpus
        .names
        .iter()
        .enumerate()
        .map(|(i, n)| (n.as_str(), i as u32))
        .collect();
    let mut trigger_bit: HashMap<u32, GazBits> = HashMap::new();
    for (list, bit) in [
        (PER_TRIGGERS, GAZ_TPER),
        (ORG_TRIGGERS, GAZ_TORG),
        (LOC_TRIGGERS, GAZ_TLOC),
        (MISC_TRIGGERS, GAZ_TMISC),
    ] {
        for t in list {
            if let Some(&id) = by_name.get(normalize_word(t).as_str()) {
                *trigger_bit.entry(id).or_default() |= bit;
            }
        }
    }
    let mut after: HashMap<(u32, GazBits), u32> = HashMap::new();
    for w in corpus.stream.windows(2) {
        if w[0] == GAP || w[1] == GAP || trigger_bit.contains_key(&w[1]) {
            continue;
        }
        if let Some(&bits) = trigger_bit.get(&w[0]) {
            for b in [GAZ_TPER, GAZ_TORG, GAZ_TLOC, GAZ_TMISC] {
                if bits & b != 0 {
                    *after.entry((w[1], b)).or_default() += 1;
                }
            }
        }
    }
    let mut added = 0;
    let mut keys: Vec<_> = after.into_iter().collect();
    keys.sort_unstable();
    for ((id, bit), c) in keys {
        let freq = corpus.freq[id as usize] as f64;
        if c >= MIN_COUNT && c as f64 >= MIN_SHARE * freq {
            res.add_gaz(&corpus.names[id as usize], bit);
            added += 1;
        }
    }
    added
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::features::gaz_bits;

    #[test]
    fn words_after_triggers_get_their_type() {
        let dir = std::env::temp_dir().join(format!("mirsad-ner-trig-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let mut text = String::new();
        for _ in 0..10 {
            text.push_str("أعلن حزب الليكود أن اللاعب تريكة سافر إلى مدينة طنطا . ");
            // a frequent word that follows a trigger only rarely gets no bit
            text.push_str("قال إن الوضع صعب وإن الوضع يتحسن والوضع هادئ . ");
        }
        text.push_str("وصف حزب الوضع بأنه صعب . ");
        std::fs::write(dir.join("a.txt"), text).unwrap();
        let mut r = Resources::default();
        let n = add_trigger_gazetteer(&mut r, &dir, 1_000_000, &mut |_| {});
        assert_eq!(n, 3);
        let bits = |w: &str| gaz_bits(&r, &normalize_word(w), &normalize_word(w), "");
        assert_eq!(bits("الليكود"), GAZ_TORG);
        assert_eq!(bits("تريكة"), GAZ_TPER);
        assert_eq!(bits("طنطا"), GAZ_TLOC);
        assert_eq!(bits("الوضع"), 0);
        std::fs::remove_dir_all(&dir).ok();
    }
}
