//! A rough, stable romanisation of Arabic names, for the English name and id of an actor that
//! no dictionary spells in Latin letters (a document-local person, a generated KB entry).

use crate::chars::TATWEEL;
use crate::normalize::is_tashkeel;

/// Invisible format characters the sources carry inside names: bidi marks and embeddings
/// (`أحمد اويحيى` + LRM LRM in the PETRARCH dictionary), zero-width characters and the BOM.
/// Left in, they make a word of their own and the form matches no other spelling.
fn is_format_char(c: char) -> bool {
    matches!(c,
        '\u{061C}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2069}' | '\u{FEFF}')
}

/// The name without diacritics, tatweel, format characters and repeated spaces.
pub fn strip_marks(s: &str) -> String {
    let t: String = s
        .chars()
        .filter(|&c| !is_tashkeel(c) && c != TATWEEL && !is_format_char(c))
        .collect();
    t.split_whitespace().collect::<Vec<_>>().join(" ")
}

const TRANSLIT: &[(char, &str)] = &[
    ('ا', "a"),
    ('أ', "a"),
    ('إ', "i"),
    ('آ', "a"),
    ('ء', ""),
    ('ؤ', "u"),
    ('ئ', "i"),
    ('ب', "b"),
    ('ت', "t"),
    ('ث', "th"),
    ('ج', "j"),
    ('ح', "h"),
    ('خ', "kh"),
    ('د', "d"),
    ('ذ', "dh"),
    ('ر', "r"),
    ('ز', "z"),
    ('س', "s"),
    ('ش', "sh"),
    ('ص', "s"),
    ('ض', "d"),
    ('ط', "t"),
    ('ظ', "z"),
    ('ع', ""),
    ('غ', "gh"),
    ('ف', "f"),
    ('ق', "q"),
    ('ك', "k"),
    ('ل', "l"),
    ('م', "m"),
    ('ن', "n"),
    ('ه', "h"),
    ('ة', "a"),
    ('و', "w"),
    ('ي', "y"),
    ('ى', "a"),
];

/// A rough, stable romanisation for generated English names and ids.
pub fn transliterate(ar: &str) -> String {
    let mut out = String::new();
    for w in strip_marks(ar).split(' ') {
        if !out.is_empty() {
            out.push(' ');
        }
        let (article, rest) = match w.strip_prefix("ال") {
            Some(r) if r.chars().count() >= 2 => ("al-", r),
            _ => ("", w),
        };
        let mut word = String::from(article);
        for c in rest.chars() {
            match TRANSLIT.iter().find(|(a, _)| *a == c) {
                Some((_, l)) => word.push_str(l),
                None if c.is_ascii_alphanumeric() => word.push(c),
                None => {}
            }
        }
        let mut cs = word.chars();
        if let Some(f) = cs.next() {
            out.extend(f.to_uppercase());
            out.push_str(cs.as_str());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn romanises_words_with_the_article_and_capitals() {
        assert_eq!(transliterate("سالم المسلط"), "Salm Al-mslt");
        assert_eq!(transliterate("عَبْد  الله"), "Bd Al-lh");
        assert_eq!(strip_marks("\u{200F}بشار ـ  الأسد"), "بشار الأسد");
    }
}
