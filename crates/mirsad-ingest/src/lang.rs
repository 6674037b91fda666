//! Language identification tuned for an Arabic pipeline.
//!
//! whatlang alone confuses Arabic with Persian and Urdu on short or mixed pages because all three
//! use the Arabic script, and it is easily swayed by leftover Latin boilerplate. So the decision is
//! made in two steps: first the script share (is the text mostly Arabic-script letters?), then,
//! inside the Arabic script, letters that only Persian/Urdu use (پ چ ژ گ ک ی ٹ ڈ ں ے) against letters
//! that only Arabic uses in running text (ة ي ك ى ؤ), with whatlang as the tie-breaker.

use whatlang::{Lang, Script};

/// Result of [`identify`].
#[derive(Debug, Clone, PartialEq)]
pub struct LangGuess {
    /// ISO 639-1 where it exists, else ISO 639-3; `"und"` when there is nothing to judge.
    pub code: String,
    /// Share of letters that are Arabic-script, 0..=1.
    pub arabic_script_share: f64,
}

fn is_arabic_letter(c: char) -> bool {
    matches!(c, '\u{0620}'..='\u{064A}' | '\u{066E}'..='\u{06D3}' | '\u{06D5}' | '\u{06EE}'..='\u{06EF}'
        | '\u{06FA}'..='\u{06FC}' | '\u{06FF}' | '\u{0750}'..='\u{077F}' | '\u{08A0}'..='\u{08C9}'
        | '\u{FB50}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}')
}

/// Identify the main language of `text`.
pub fn identify(text: &str) -> LangGuess {
    // Only a prefix is needed; bounding it keeps identification O(1) per document.
    let sample: String = text.chars().take(20_000).collect();
    let mut letters = 0usize;
    let mut arabic = 0usize;
    let (mut fa, mut ur, mut ar) = (0usize, 0usize, 0usize);
    for c in sample.chars() {
        if c.is_alphabetic() {
            letters += 1;
            if is_arabic_letter(c) {
                arabic += 1;
                match c {
                    'پ' | 'چ' | 'ژ' | 'گ' | 'ک' | 'ی' => fa += 1,
                    'ٹ' | 'ڈ' | 'ڑ' | 'ں' | 'ے' | 'ھ' => ur += 1,
                    'ة' | 'ي' | 'ك' | 'ى' | 'ؤ' | 'إ' => ar += 1,
                    _ => {}
                }
            }
        }
    }
    if letters == 0 {
        return LangGuess {
            code: "und".into(),
            arabic_script_share: 0.0,
        };
    }
    let share = arabic as f64 / letters as f64;
    let code = if share >= 0.5 {
        if ur * 4 > arabic / 10 && ur > fa / 2 && ur > ar {
            "ur".to_string()
        } else if fa > ar {
            "fa".to_string()
        } else if ar > 0 && ar >= fa * 3 {
            "ar".to_string()
        } else {
            // Ambiguous (very short, or both letter sets): ask whatlang, restricted to the
            // Arabic-script languages it knows.
            let arabic_only: String = sample
                .chars()
                .filter(|c| !c.is_ascii_alphabetic())
                .collect();
            let det = whatlang::Detector::with_allowlist(vec![Lang::Ara, Lang::Pes, Lang::Urd]);
            match det.detect_lang(&arabic_only) {
                Some(Lang::Pes) => "fa".into(),
                Some(Lang::Urd) => "ur".into(),
                _ => "ar".into(),
            }
        }
    } else {
        match whatlang::detect(&sample) {
            Some(info) if info.script() == Script::Arabic => "ar".into(),
            Some(info) => iso639_1(info.lang()).to_string(),
            None => "und".into(),
        }
    };
    LangGuess {
        code,
        arabic_script_share: share,
    }
}

/// whatlang speaks ISO 639-3; the output schema wants 639-1 where one exists.
fn iso639_1(l: Lang) -> &'static str {
    use Lang::*;
    match l {
        Eng => "en",
        Fra => "fr",
        Deu => "de",
        Spa => "es",
        Por => "pt",
        Ita => "it",
        Nld => "nl",
        Rus => "ru",
        Ukr => "uk",
        Tur => "tr",
        Ara => "ar",
        Pes => "fa",
        Urd => "ur",
        Heb => "he",
        Hin => "hi",
        Ben => "bn",
        Cmn => "zh",
        Jpn => "ja",
        Kor => "ko",
        Ind => "id",
        Pol => "pl",
        Ces => "cs",
        Slk => "sk",
        Ron => "ro",
        Hun => "hu",
        Swe => "sv",
        Dan => "da",
        Nob => "nb",
        Fin => "fi",
        Ell => "el",
        Bul => "bg",
        Srp => "sr",
        Hrv => "hr",
        Slv => "sl",
        Lit => "lt",
        Lav => "lv",
        Est => "et",
        Vie => "vi",
        Tha => "th",
        Tgl => "tl",
        Zul => "zu",
        Afr => "af",
        Epo => "eo",
        Aze => "az",
        Kat => "ka",
        Hye => "hy",
        Bel => "be",
        Mkd => "mk",
        Yid => "yi",
        Amh => "am",
        Tam => "ta",
        Tel => "te",
        Kan => "kn",
        Mal => "ml",
        Mar => "mr",
        Guj => "gu",
        Pan => "pa",
        Ori => "or",
        Nep => "ne",
        Sin => "si",
        Khm => "km",
        Mya => "my",
        Jav => "jv",
        Uzb => "uz",
        Tuk => "tk",
        Lat => "la",
        Cat => "ca",
        Sna => "sn",
        Aka => "ak",
        other => other.code(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arabic_vs_persian_vs_english() {
        assert_eq!(identify("أكدت جهات سورية معارضة أن فصائل مسلحة معارضة لنظام الرئيس تمكنت من السيطرة على مستودعات للأسلحة").code, "ar");
        assert_eq!(
            identify(
                "تحلیل روزنامه اصولگرا از دعوت اصلاح طلبان به حضور مردم در انتخابات که این روزها"
            )
            .code,
            "fa"
        );
        assert_eq!(identify("The government said on Tuesday that it would announce new measures to support the economy").code, "en");
        assert_eq!(identify("").code, "und");
        assert_eq!(identify("12345 !!!").code, "und");
    }
}
