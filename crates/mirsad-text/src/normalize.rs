//! Arabic normalisation for matching and search, with a map back to the original text.
//!
//! The original text is never changed: analysis offsets always refer to it. Normalisation builds a
//! derived view in which spelling variants that Arabic news uses interchangeably collapse to one
//! form, so dictionaries, patterns and the search index see one spelling. Every byte of the view
//! remembers which original char produced it, so a match found in the view maps back to an exact
//! span of the original.

use std::ops::Range;
use unicode_normalization::UnicodeNormalization;

/// Which folds to apply. The always-on folds (diacritics, tatweel, controls, presentation forms,
/// alef variants, Persian letters, digits, punctuation, spaces) are the ones no Arabic reader
/// distinguishes when matching names; the options are folds that merge words readers *can* tell
/// apart, so a caller opts into them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NormalizeOptions {
    /// ة → ه (taa marbuta written as haa is a very common spelling slip, but merges e.g. ة/ه
    /// pronoun-suffix pairs).
    pub teh_marbuta: bool,
    /// ؤ → و and ئ → ي (hamza seats vary by writer and era).
    pub hamza_seats: bool,
    /// ى → ي (alef maksura and yaa are swapped constantly, especially in Egyptian print).
    pub alef_maksura: bool,
    /// Arabic-Indic (٠-٩) and extended (۰-۹) digits → ASCII.
    pub digits: bool,
    /// Arabic punctuation (، ؛ ؟ ٪ ٫ ٬ ۔) → Latin equivalents.
    pub punctuation: bool,
    /// ASCII A–Z → a–z (Latin names inside Arabic text).
    pub ascii_lowercase: bool,
}

impl Default for NormalizeOptions {
    /// Conservative folds: what a human would call "the same spelling".
    fn default() -> Self {
        NormalizeOptions {
            teh_marbuta: false,
            hamza_seats: false,
            alef_maksura: true,
            digits: true,
            punctuation: true,
            ascii_lowercase: false,
        }
    }
}

impl NormalizeOptions {
    /// Aggressive folds for dictionary matching and the search index.
    pub fn matching() -> Self {
        NormalizeOptions {
            teh_marbuta: true,
            hamza_seats: true,
            ascii_lowercase: true,
            ..NormalizeOptions::default()
        }
    }
}

/// What one original char becomes.
enum Fold {
    Keep,
    Drop,
    To(char),
    /// Compatibility decomposition (presentation forms): may expand to several chars.
    Expand,
}

/// Combining marks that carry no letter identity: harakat, shadda, sukun, superscript alef,
/// Quranic annotation marks (and the disputed-end-of-ayah sign, which only decorates).
#[inline]
pub fn is_tashkeel(c: char) -> bool {
    crate::chars::is_arabic_mark(c) || c == '\u{08E2}'
}

/// Invisible characters that copy-paste and CMSs scatter through Arabic text: the in-word format
/// controls of [`crate::chars::is_format_control`] plus the zero-width space and the Mongolian
/// vowel separator, none of which a reader sees.
#[inline]
pub fn is_invisible_control(c: char) -> bool {
    crate::chars::is_format_control(c) || matches!(c, '\u{200B}' | '\u{180E}')
}

#[inline]
fn fold(c: char, o: &NormalizeOptions) -> Fold {
    if c.is_ascii() {
        return if o.ascii_lowercase && c.is_ascii_uppercase() {
            Fold::To(c.to_ascii_lowercase())
        } else {
            Fold::Keep
        };
    }
    match c {
        '\u{0640}' => Fold::Drop, // tatweel
        c if is_tashkeel(c) || is_invisible_control(c) => Fold::Drop,
        'أ' | 'إ' | 'آ' | 'ٱ' | 'ٲ' | 'ٳ' | 'ٵ' => Fold::To('ا'),
        'ى' if o.alef_maksura => Fold::To('ي'),
        'ة' if o.teh_marbuta => Fold::To('ه'),
        'ؤ' if o.hamza_seats => Fold::To('و'),
        'ئ' if o.hamza_seats => Fold::To('ي'),
        // Persian, Urdu and Kurdish letter shapes used for Arabic letters
        'ک' | 'ڪ' | 'گ' => Fold::To('ك'),
        'ی' | 'ې' | 'ۍ' | 'ے' => Fold::To('ي'),
        'ە' | 'ۀ' | 'ھ' | 'ہ' => Fold::To('ه'),
        'ۆ' | 'ۇ' => Fold::To('و'),
        '٠'..='٩' if o.digits => Fold::To(char::from(b'0' + (c as u32 - 0x0660) as u8)),
        '۰'..='۹' if o.digits => Fold::To(char::from(b'0' + (c as u32 - 0x06F0) as u8)),
        '،' | '٬' if o.punctuation => Fold::To(','),
        '؛' if o.punctuation => Fold::To(';'),
        '؟' if o.punctuation => Fold::To('?'),
        '٪' if o.punctuation => Fold::To('%'),
        '٫' | '۔' if o.punctuation => Fold::To('.'),
        '\u{00A0}'
        | '\u{1680}'
        | '\u{2000}'..='\u{200A}'
        | '\u{202F}'
        | '\u{205F}'
        | '\u{3000}' => Fold::To(' '),
        '\u{2028}' | '\u{2029}' => Fold::To('\n'),
        '\u{FB50}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFE}' => Fold::Expand,
        _ => Fold::Keep,
    }
}

/// A point of the offset map: from view byte `view` on, view and original advance together
/// (`atomic == 0`), or the next `atomic` view bytes all come from the one original char at `orig`
/// (a compatibility expansion such as the lam-alef ligature).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Anchor {
    view: u32,
    orig: u32,
    atomic: u32,
}

/// A normalised view of `original`, with a map from every byte of the view back to the original.
///
/// The map is sparse: most Arabic folds keep the byte length (أ→ا, ى→ي), so view and original
/// move in lockstep and only a dropped mark, a digit or punctuation fold, or an expansion needs an
/// anchor. That keeps normalisation at memory speed instead of writing 4 bytes of map per byte.
#[derive(Debug, Clone)]
pub struct Normalized<'a> {
    pub original: &'a str,
    pub text: String,
    /// Sorted by `view`, one anchor per view position, starting at (0, 0).
    anchors: Vec<Anchor>,
}

impl<'a> Normalized<'a> {
    /// Original byte offset of the char that produced the view char starting at byte `i`;
    /// `original.len()` at the end. `i` must be a char boundary of the view, as any offset found
    /// by searching the view is.
    pub fn to_original(&self, i: usize) -> usize {
        let i = i.min(self.text.len()) as u32;
        let k = self.anchors.partition_point(|a| a.view <= i) - 1;
        let a = self.anchors[k];
        if a.atomic > 0 && i < a.view + a.atomic {
            a.orig as usize
        } else {
            (a.orig + (i - a.view)) as usize
        }
    }

    /// The original byte range that a view range covers. The end extends over diacritics and
    /// tatweel that were dropped after the last char (they belong to the word), but not over
    /// dropped invisible controls or spaces.
    pub fn original_range(&self, view: Range<usize>) -> Range<usize> {
        let start = self.to_original(view.start);
        if view.end <= view.start {
            return start..start;
        }
        let end = self.to_original(view.end).max(start);
        let head = &self.original[start..end];
        // walk back over trailing invisible controls (never over letters or marks)
        let trimmed = head.trim_end_matches(is_invisible_control);
        start..start + trimmed.len()
    }
}

/// Normalises `text` and records the offset map.
pub fn normalize<'a>(text: &'a str, opts: &NormalizeOptions) -> Normalized<'a> {
    let mut out = String::with_capacity(text.len());
    let mut anchors = vec![Anchor {
        view: 0,
        orig: 0,
        atomic: 0,
    }];
    // Where the last anchor predicts the original to be for the current view position.
    let mut last = anchors[0];
    for (at, c) in text.char_indices() {
        let view_before = out.len() as u32;
        if is_stable(c, opts) {
            out.push(c);
        } else {
            push_folded(c, opts, &mut out);
        }
        let produced = out.len() as u32 - view_before;
        let consumed = c.len_utf8() as u32;
        if produced == consumed {
            continue; // lockstep: covered by the last anchor
        }
        let orig_before = at as u32;
        // An expansion (more view bytes than original ones) maps as one atomic unit.
        if produced > consumed {
            set_anchor(
                &mut anchors,
                &mut last,
                Anchor {
                    view: view_before,
                    orig: orig_before,
                    atomic: produced,
                },
            );
        } else if produced > 0 {
            // a shorter fold (٢ → 2, ، → ,) starts at its char like any lockstep char
            set_anchor(
                &mut anchors,
                &mut last,
                Anchor {
                    view: view_before,
                    orig: orig_before,
                    atomic: 0,
                },
            );
        }
        set_anchor(
            &mut anchors,
            &mut last,
            Anchor {
                view: out.len() as u32,
                orig: orig_before + consumed,
                atomic: 0,
            },
        );
    }
    Normalized {
        original: text,
        text: out,
        anchors,
    }
}

/// Chars that no option folds: ASCII (unless lowercasing) and the Arabic letters that have one
/// spelling. They are most of any Arabic text, so they skip the fold table.
#[inline(always)]
fn is_stable(c: char, opts: &NormalizeOptions) -> bool {
    match c {
        ' '..='@' | '['..='~' | '\n' => true,
        'A'..='Z' => !opts.ascii_lowercase,
        '\u{0627}'
        | '\u{0628}'
        | '\u{062A}'..='\u{063A}'
        | '\u{0641}'..='\u{0648}'
        | '\u{064A}' => true,
        '\u{0629}' => !opts.teh_marbuta,
        _ => false,
    }
}

/// Records `a` unless the previous anchor already predicts it; a later anchor at the same view
/// position replaces an earlier one (a run of dropped marks ends at the last one).
#[inline]
fn set_anchor(anchors: &mut Vec<Anchor>, last: &mut Anchor, a: Anchor) {
    let predicted = last.atomic == 0 && a.atomic == 0 && last.orig + (a.view - last.view) == a.orig;
    if predicted && a.view != last.view {
        return;
    }
    if last.view == a.view {
        *anchors.last_mut().expect("anchors start non-empty") = a;
    } else {
        anchors.push(a);
    }
    *last = a;
}

/// Normalises into `out` (cleared first) without building an offset map: the fast path for
/// search indexing and dictionary keys.
pub fn normalize_into(text: &str, opts: &NormalizeOptions, out: &mut String) {
    out.clear();
    out.reserve(text.len());
    for c in text.chars() {
        if is_stable(c, opts) {
            out.push(c);
        } else {
            push_folded(c, opts, out);
        }
    }
}

/// Normalises one word or name with [`NormalizeOptions::matching`]: the key used by every
/// dictionary in mirsad.
pub fn normalize_word(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    normalize_into(word, &NormalizeOptions::matching(), &mut out);
    out
}

#[inline]
fn push_folded(c: char, opts: &NormalizeOptions, out: &mut String) {
    match fold(c, opts) {
        Fold::Keep => out.push(c),
        Fold::Drop => {}
        Fold::To(r) => out.push(r),
        Fold::Expand => {
            // Isolated-harakat presentation forms decompose to a space plus the mark: drop both.
            if ('\u{FE70}'..='\u{FE7F}').contains(&c) {
                return;
            }
            for d in std::iter::once(c).nfkc() {
                match fold(d, opts) {
                    Fold::Keep | Fold::Expand => out.push(d),
                    Fold::Drop => {}
                    Fold::To(r) => out.push(r),
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n(s: &str) -> String {
        normalize(s, &NormalizeOptions::default()).text
    }

    #[test]
    fn removes_tashkeel_tatweel_and_folds_alef() {
        assert_eq!(n("أَعْلَنَ الرَّئِيسُ"), "اعلن الرئيس");
        assert_eq!(n("إيران وآسيا ٱلله"), "ايران واسيا الله");
        assert_eq!(n("الســـــلام"), "السلام");
        assert_eq!(n("مصطفى"), "مصطفي");
        // Quranic marks and superscript alef
        assert_eq!(n("هٰذا ۖ"), "هذا ");
    }

    #[test]
    fn options_fold_teh_marbuta_and_hamza_seats() {
        let m = NormalizeOptions::matching();
        assert_eq!(
            normalize("الحكومة مسؤول رئيس", &m).text,
            "الحكومه مسوول رييس"
        );
        assert_eq!(n("الحكومة مسؤول"), "الحكومة مسؤول");
        assert_eq!(normalize_word("أميركا"), "اميركا");
        assert_eq!(normalize_word("بوتِـــين"), "بوتين");
        assert_eq!(normalize_word("USA"), "usa");
    }

    #[test]
    fn digits_punctuation_persian_and_spaces() {
        assert_eq!(n("٢٠١٨ و۱۴۰۰"), "2018 و1400");
        assert_eq!(
            n("نعم، لا؛ لماذا؟ ٥٪ ٣٫٥ ١٬٠٠٠"),
            "نعم, لا; لماذا? 5% 3.5 1,000"
        );
        assert_eq!(n("کرد گاز یک ە"), "كرد كاز يك ه");
        assert_eq!(n("a\u{00A0}b\u{2009}c"), "a b c");
    }

    #[test]
    fn invisible_controls_are_dropped() {
        assert_eq!(
            n("\u{FEFF}مر\u{200C}حبا\u{200F} \u{061C}x\u{202B}y\u{202C}"),
            "مرحبا xy"
        );
    }

    #[test]
    fn presentation_forms_fold_to_letters() {
        // ﺃﻫﻼ (presentation forms) and the lam-alef ligature
        assert_eq!(n("ﺃﻫﻼ"), "اهلا");
        assert_eq!(n("ﻻ"), "لا");
        // isolated harakat forms vanish entirely
        assert_eq!(n("ب\u{FE76}"), "ب");
    }

    #[test]
    fn offsets_map_back_to_original() {
        let original = "قالَ الرَّئِيسُ ٢٠١٨";
        let v = normalize(original, &NormalizeOptions::default());
        assert_eq!(v.text, "قال الرئيس 2018");
        let start = v.text.find("الرئيس").unwrap();
        let r = v.original_range(start..start + "الرئيس".len());
        // the span includes the word's diacritics, including the final damma
        assert_eq!(&original[r], "الرَّئِيسُ");
        let d = v.text.find("2018").unwrap();
        assert_eq!(&original[v.original_range(d..d + 4)], "٢٠١٨");
        // a ligature expanded to two chars maps back to the one original char
        let lig = "ﻻ شيء";
        let v = normalize(lig, &NormalizeOptions::default());
        assert_eq!(&lig[v.original_range(0..v.text.find(' ').unwrap())], "ﻻ");
    }

    #[test]
    fn trailing_controls_are_not_part_of_a_span() {
        let original = "روسيا\u{200F} اليوم";
        let v = normalize(original, &NormalizeOptions::default());
        let end = v.text.find(' ').unwrap();
        assert_eq!(&original[v.original_range(0..end)], "روسيا");
    }

    #[test]
    fn map_is_total_and_monotonic() {
        let s = "ﻻ\u{FEFF}أَ ٣ ﷲ x\u{200D}";
        let v = normalize(s, &NormalizeOptions::matching());
        let mut last = 0;
        for i in (0..=v.text.len()).filter(|&i| v.text.is_char_boundary(i)) {
            let o = v.to_original(i);
            assert!(o >= last && o <= s.len() && s.is_char_boundary(o));
            last = o;
        }
        let mut fast = String::new();
        normalize_into(s, &NormalizeOptions::matching(), &mut fast);
        assert_eq!(fast, v.text);
    }
}

#[cfg(test)]
mod map_properties {
    use super::*;

    /// The sparse map must agree with the obvious dense one (each view char → the original char
    /// that produced it; the end → the end) on every view char boundary, over text mixing every
    /// kind of fold.
    #[test]
    fn sparse_map_equals_dense_map() {
        let samples = [
            "قالَ الرَّئِيسُ ٢٠١٨ ﻻ شيء، ﷲ \u{FEFF}x\u{200D}y ـــ  ۱۴ ABC",
            "\u{200F}\u{200F}أَإِآ\u{0670}ى ة ؤ ئ ﺃﻫﻼ ب\u{FE76} ٪٫٬ ۔",
            "",
            "\u{064B}\u{064B}",
            "abc",
        ];
        for opts in [NormalizeOptions::default(), NormalizeOptions::matching()] {
            for s in samples {
                let v = normalize(s, &opts);
                let mut dense = Vec::new();
                let mut out = String::new();
                for (at, c) in s.char_indices() {
                    let before = out.len();
                    push_folded(c, &opts, &mut out);
                    if out.len() > before {
                        dense.push((before, at));
                    }
                }
                dense.push((out.len(), s.len()));
                assert_eq!(out, v.text);
                for (view, orig) in dense {
                    assert_eq!(v.to_original(view), orig, "{s:?} view byte {view}");
                }
            }
        }
    }
}
