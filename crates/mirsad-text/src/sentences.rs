//! Sentence boundaries for news text as scraped: Arabic and Latin punctuation, headlines and
//! captions without a final stop, list lines, markdown residue, and run-on paragraphs.
//!
//! Rules, in the order they matter:
//! * A line break always ends a sentence. Scraped articles put headlines, captions, bylines and
//!   list items on their own lines without final punctuation, and joining them to the next line
//!   would glue a headline to the lede.
//! * `. ! ? ؟ … ‼ ⁉ ⁈ ⁇ ۔` and runs of them end a sentence when followed by white space or the
//!   end of the line; closing quotes and brackets right after them (`».` `."` `”` `)`) stay with
//!   the sentence. `؟` and `!` also end a sentence directly before an Arabic letter (a missing
//!   space is a common typo in Arabic copy); `.` does so only between two Arabic words.
//! * `؛` and `;` do not end a sentence (Arabic uses ؛ for causal clauses inside one).
//! * A period does not end a sentence after a single letter (initials, `U.S.`, and the Arabic
//!   abbreviations `د.` doctor, `م.` `هـ.` calendar eras, `ص.` page/a.m.), after a title
//!   abbreviation (`Mr.` `Dr.` …), after a number-taking abbreviation before a digit
//!   (`No. 5`, `Art. 3`), after a list number at the start of a line (`1. …`), before a
//!   lower-case Latin word, or inside a number (`3.5`; `٣٫٥` uses a separate decimal mark).
//! * An ellipsis ends a sentence unless what follows is lower-case Latin or a comma-like mark,
//!   or it opens the line.
//! * Anything longer than the cap is cut at the best safe point in the last half of the cap:
//!   after `؛`/`;`, else after `،`/`,`, else before a word starting with the conjunction `و`,
//!   else at a space, else (one giant token) at the cap itself.
//!
//! One pass over the text, constant look-back/look-ahead per candidate boundary, and a
//! cap-splitting pass that touches each char at most once more: linear time.

use crate::chars::{is_arabic_letter, is_arabic_mark, is_blank, is_digit, TATWEEL};
use std::ops::Range;

/// Longest sentence, in code points, that [`split_sentences`] emits. Run-on paragraphs longer
/// than this (machine-translated or scraped without stops) are cut at a safe point before it.
/// 400 code points is about 70 Arabic words: above nearly all real news sentences, below the
/// point where downstream taggers slow down and evidence spans stop being readable.
pub const DEFAULT_MAX_SENTENCE_CHARS: usize = 400;

/// Smallest cap [`split_sentences_capped`] accepts; smaller values are raised to it.
pub const MIN_SENTENCE_CAP: usize = 16;

/// Byte ranges of the sentences of `text`, in order, trimmed of surrounding white space and
/// invisible controls, never empty, non-overlapping, covering every other char exactly once.
/// No sentence exceeds [`DEFAULT_MAX_SENTENCE_CHARS`] code points.
pub fn split_sentences(text: &str) -> Vec<Range<usize>> {
    split_sentences_capped(text, DEFAULT_MAX_SENTENCE_CHARS)
}

/// [`split_sentences`] with a different cap on sentence length (code points).
pub fn split_sentences_capped(text: &str, max_chars: usize) -> Vec<Range<usize>> {
    let cap = max_chars.max(MIN_SENTENCE_CAP);
    let mut out = Vec::with_capacity(text.len() / 120 + 1);
    let bytes = text.as_bytes();
    let mut seg_start = 0usize;
    // Start of the current line: list markers and leading ellipses are judged against it.
    let mut line_start = 0usize;
    let mut i = 0usize;
    while i < bytes.len() {
        // Fast path: skip every byte that cannot start a line break or a terminal mark. This
        // also skips continuation bytes, so `i` is on a char boundary whenever we decode.
        let b = bytes[i];
        if !MAY_MATTER[b as usize] {
            i += 1;
            continue;
        }
        // Two-byte leads: only NEL (C2 85), ؟ (D8 9F) and ۔ (DB 94) matter; skip the rest
        // (most Arabic letters) without decoding.
        let second = bytes.get(i + 1).copied();
        if (b == 0xC2 && second != Some(0x85))
            || (b == 0xD8 && second != Some(0x9F))
            || (b == 0xDB && second != Some(0x94))
        {
            i += 2;
            continue;
        }
        let Some(c) = text[i..].chars().next() else {
            break;
        };
        let len = c.len_utf8();
        if is_line_break(c) {
            emit(text, seg_start, i, cap, &mut out);
            i += len;
            seg_start = i;
            line_start = i;
            continue;
        }
        if !is_terminal(c) {
            i += len;
            continue;
        }
        let run = scan_terminal_run(text, i);
        if is_boundary(text, line_start, i, &run) {
            emit(text, seg_start, run.end, cap, &mut out);
            seg_start = run.end;
        }
        i = run.end;
    }
    emit(text, seg_start, text.len(), cap, &mut out);
    out
}

/// Bytes that can start a char [`is_line_break`] or [`is_terminal`] accepts: the ASCII ones and
/// the UTF-8 lead bytes of NEL, ؟ and ۔ (C2 D8 DB) and of the 3-byte marks (E2 E3 EF). D8 is
/// also the lead byte of half the Arabic letters; those are rejected after decoding.
static MAY_MATTER: [bool; 256] = {
    let mut t = [false; 256];
    let bytes: [u8; 13] = [
        b'\n', b'\r', 0x0B, 0x0C, b'.', b'!', b'?', 0xC2, 0xD8, 0xDB, 0xE2, 0xE3, 0xEF,
    ];
    let mut k = 0;
    while k < bytes.len() {
        t[bytes[k] as usize] = true;
        k += 1;
    }
    t
};

fn is_line_break(c: char) -> bool {
    matches!(
        c,
        '\n' | '\r' | '\u{0B}' | '\u{0C}' | '\u{85}' | '\u{2028}' | '\u{2029}'
    )
}

fn is_terminal(c: char) -> bool {
    matches!(
        c,
        '.' | '!' | '?' | '؟' | '…' | '‼' | '⁉' | '⁈' | '⁇' | '۔' | '？' | '！' | '。'
    )
}

fn is_closing(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '»' | '”' | '’' | '›' | ')' | ']' | '}' | '〉' | '》' | '」' | '』' | '）'
    )
}

/// A run of terminal punctuation with the closing quotes/brackets that follow it.
struct TerminalRun {
    /// Byte offset just after the run (and its closers).
    end: usize,
    /// Number of `.` in the run.
    periods: usize,
    /// Any `! ? ؟ ‼ …` style mark (not a plain period).
    strong: bool,
    ellipsis: bool,
    /// Whether closing quotes/brackets were absorbed.
    closed: bool,
}

fn scan_terminal_run(text: &str, start: usize) -> TerminalRun {
    let mut run = TerminalRun {
        end: start,
        periods: 0,
        strong: false,
        ellipsis: false,
        closed: false,
    };
    for (off, c) in text[start..].char_indices() {
        if is_terminal(c) {
            match c {
                '.' => run.periods += 1,
                '…' => run.ellipsis = true,
                _ => run.strong = true,
            }
        } else if is_closing(c) {
            run.closed = true;
        } else {
            break;
        }
        run.end = start + off + c.len_utf8();
    }
    if run.periods >= 2 {
        run.ellipsis = true;
    }
    run
}

/// Whether `text[from..to]` is only blanks; spans over 64 bytes count as content, which keeps
/// the check constant-time on long lines (a list marker is never indented that far).
fn only_blank(text: &str, from: usize, to: usize) -> bool {
    to.saturating_sub(from) <= 64 && text[from..to].chars().all(is_blank)
}

fn is_boundary(text: &str, line_start: usize, at: usize, run: &TerminalRun) -> bool {
    let next = text[run.end..].chars().next();
    let prev = text[..at].chars().next_back();
    let followed_by_space = next.is_none_or(|c| is_blank(c) || is_line_break(c));

    if !followed_by_space {
        let n = next.unwrap_or(' ');
        // An opening quote or bracket right after the stop starts the next sentence
        // (انتهى.«وقال); anything else glued on (a digit, a Latin letter, `/`) is a number,
        // an abbreviation or a URL.
        let opens = matches!(n, '«' | '“' | '(' | '[');
        if !is_arabic_letter(n) && !opens {
            return false;
        }
        // Missing space before an Arabic letter: trust ؟ and !, and a period between two
        // Arabic words that is not an abbreviation.
        if run.strong {
            return true;
        }
        if run.ellipsis || run.closed {
            return true;
        }
        return prev.is_some_and(is_arabic_letter) && word_before(text, at).chars().count() >= 2;
    }

    let next_word = next_nonblank(text, run.end);
    if run.strong {
        return true;
    }
    if run.ellipsis {
        if only_blank(text, line_start, at) {
            return false; // "… continued" at the start of a line
        }
        return !matches!(next_word, Some(c) if c.is_lowercase() || matches!(c, ',' | '،' | ';' | '؛' | ':'));
    }
    if run.closed {
        // `."` `.»` `.)`: the quote or bracket closes after the stop, so the stop is final.
        return true;
    }

    // A single period followed by space.
    if next_word.is_some_and(|c| c.is_lowercase()) {
        return false; // "e.g. the", "approx. five"
    }
    let Some(p) = prev else {
        return true;
    };
    if is_digit(p) {
        // "1. " opening a list line is a marker, not a sentence.
        let digits = text[..at]
            .chars()
            .rev()
            .take(8)
            .take_while(|&c| is_digit(c))
            .map(char::len_utf8)
            .sum::<usize>();
        return !only_blank(text, line_start, at - digits);
    }
    let word = word_before(text, at);
    if word.is_empty() {
        return true;
    }
    let letters = word.chars().filter(|&c| c != TATWEEL).count();
    if letters == 1 {
        return false; // initials, U.S., د. م. هـ. ص.
    }
    if TITLES.contains(&word) {
        return false;
    }
    if NUMBERED.contains(&word) && next_word.is_some_and(is_digit) {
        return false;
    }
    true
}

/// Abbreviations that precede a name and never end a sentence.
const TITLES: &[&str] = &[
    "Mr", "Mrs", "Ms", "Dr", "Prof", "Sr", "Jr", "St", "Gen", "Col", "Lt", "Sgt", "Capt", "Cpt",
    "Maj", "Adm", "Gov", "Sen", "Rep", "Rev", "Hon", "Pres", "Amb", "Messrs", "Mme", "Mlle", "vs",
    "Mt", "Ft", "cf", "Fr", "Brig", "Cmdr",
];

/// Abbreviations that precede a number: `No. 5`, `Art. 3`, `Jan. 6`.
const NUMBERED: &[&str] = &[
    "No", "Nos", "no", "Art", "art", "Fig", "fig", "Vol", "vol", "p", "pp", "Nr", "nr", "Sec",
    "sec", "Ch", "ch", "Para", "para", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep",
    "Sept", "Oct", "Nov", "Dec", "Ref", "ref", "Tel", "tel", "Ext", "ext", "approx",
];

/// The run of letters (Arabic with marks/tatweel, or other scripts) ending at byte `at`,
/// at most 24 chars long so that look-back stays constant-time.
fn word_before(text: &str, at: usize) -> &str {
    let mut start = at;
    for (n, (i, c)) in text[..at].char_indices().rev().enumerate() {
        if n >= 24 || !(c.is_alphabetic() || is_arabic_mark(c) || c == TATWEEL) {
            break;
        }
        start = i;
    }
    &text[start..at]
}

/// First char after `from` that is not blank, within the same line.
fn next_nonblank(text: &str, from: usize) -> Option<char> {
    for (n, c) in text[from..].chars().enumerate() {
        if is_line_break(c) || n > 32 {
            return None;
        }
        if !is_blank(c) {
            return Some(c);
        }
    }
    None
}

/// Trims a candidate sentence and appends it, cut into pieces of at most `cap` chars.
fn emit(text: &str, start: usize, end: usize, cap: usize, out: &mut Vec<Range<usize>>) {
    let Some((s, e)) = trim(text, start, end) else {
        return;
    };
    // Cheap bound first: a sentence of at most `cap` bytes has at most `cap` chars.
    if e - s <= cap || char_count(&text[s..e]) <= cap {
        out.push(s..e);
        return;
    }
    split_long(text, s, e, cap, out);
}

/// Code points in `s`: bytes that are not UTF-8 continuation bytes (vectorises well).
fn char_count(s: &str) -> usize {
    s.bytes().filter(|&b| (b as i8) >= -0x40).count()
}

fn trim(text: &str, start: usize, end: usize) -> Option<(usize, usize)> {
    let piece = &text[start..end];
    let lead = piece.len() - piece.trim_start_matches(is_blank).len();
    let trimmed = piece.trim_matches(is_blank);
    if trimmed.is_empty() {
        return None;
    }
    let s = start + lead;
    Some((s, s + trimmed.len()))
}

/// Cuts a trimmed over-long sentence into pieces of at most `cap` chars at safe points.
fn split_long(text: &str, mut s: usize, e: usize, cap: usize, out: &mut Vec<Range<usize>>) {
    let min_piece = cap / 2;
    loop {
        // Walk at most `cap` chars, remembering the last safe point of each class seen after
        // `min_piece` chars. The walk ends at the cap or at `e`.
        let mut semicolon = None;
        let mut comma = None;
        let mut before_wa = None;
        let mut space = None;
        let mut hard = e;
        let mut reached_end = true;
        let mut prev = '\0';
        for (n, (off, c)) in text[s..e].char_indices().enumerate() {
            let i = s + off;
            if n == cap {
                hard = i;
                reached_end = false;
                break;
            }
            if n >= min_piece {
                let after = i + c.len_utf8();
                match c {
                    '؛' | ';' => semicolon = Some(after),
                    '،' => comma = Some(after),
                    ',' if text[after..].starts_with(char::is_whitespace) => comma = Some(after),
                    'و' if prev == ' ' => before_wa = Some(i),
                    _ if is_blank(c) => space = Some(i),
                    _ => {}
                }
            }
            prev = c;
        }
        if reached_end {
            if let Some((a, b)) = trim(text, s, e) {
                out.push(a..b);
            }
            return;
        }
        let cut = semicolon
            .or(comma)
            .or(before_wa)
            .or(space)
            .filter(|&c| c > s)
            .unwrap_or(hard);
        if let Some((a, b)) = trim(text, s, cut) {
            out.push(a..b);
        }
        match trim(text, cut, e) {
            Some((a, _)) => s = a,
            None => return,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sents(text: &str) -> Vec<&str> {
        split_sentences(text)
            .into_iter()
            .map(|r| &text[r])
            .collect()
    }

    #[test]
    fn arabic_punctuation() {
        assert_eq!(
            sents("قال الوزير إن المحادثات ستستمر. وأضاف أن الوفد سيعود غداً؟ نعم! انتهى"),
            vec![
                "قال الوزير إن المحادثات ستستمر.",
                "وأضاف أن الوفد سيعود غداً؟",
                "نعم!",
                "انتهى"
            ]
        );
    }

    #[test]
    fn arabic_semicolon_does_not_end_a_sentence() {
        assert_eq!(
            sents("تأجل الاجتماع؛ لأن الوفد لم يصل. ثم عقد لاحقاً."),
            vec!["تأجل الاجتماع؛ لأن الوفد لم يصل.", "ثم عقد لاحقاً."]
        );
    }

    #[test]
    fn closing_quotes_stay_with_the_sentence() {
        assert_eq!(
            sents("وقال: «لن نتراجع». وتابع \"سنواصل.\" ثم غادر (دون تعليق.) وانتهى”"),
            vec![
                "وقال: «لن نتراجع».",
                "وتابع \"سنواصل.\"",
                "ثم غادر (دون تعليق.)",
                "وانتهى”"
            ]
        );
        assert_eq!(
            sents("He said: “We will stay.” Then he left."),
            vec!["He said: “We will stay.”", "Then he left."]
        );
    }

    #[test]
    fn line_breaks_headlines_and_lists() {
        let text = "**روسيا تحذر من التصعيد**\n\
                    موسكو - رويترز\n\
                    \n\
                    حذرت موسكو اليوم من التصعيد. وقالت الخارجية:\n\
                    - وقف إطلاق النار\n\
                    • انسحاب القوات\n\
                    * تبادل الأسرى\n\
                    1. البند الأول\n\
                    2. البند الثاني\r\n\
                    صورة: أرشيفية";
        assert_eq!(
            sents(text),
            vec![
                "**روسيا تحذر من التصعيد**",
                "موسكو - رويترز",
                "حذرت موسكو اليوم من التصعيد.",
                "وقالت الخارجية:",
                "- وقف إطلاق النار",
                "• انسحاب القوات",
                "* تبادل الأسرى",
                "1. البند الأول",
                "2. البند الثاني",
                "صورة: أرشيفية"
            ]
        );
    }

    #[test]
    fn decimals_and_numbers() {
        assert_eq!(
            sents("ارتفع النمو إلى 3.5 في المئة و٣٫٥ بالمئة عام 2018. وتراجع التضخم."),
            vec![
                "ارتفع النمو إلى 3.5 في المئة و٣٫٥ بالمئة عام 2018.",
                "وتراجع التضخم."
            ]
        );
        assert_eq!(
            sents("See No. 5 and Art. 12 of the text. Then Jan. 6 came."),
            vec!["See No. 5 and Art. 12 of the text.", "Then Jan. 6 came."]
        );
    }

    #[test]
    fn latin_abbreviations() {
        assert_eq!(
            sents(
                "Mr. Smith met Dr. Jones in the U.S. capital, e.g. at the White House. It rained."
            ),
            vec![
                "Mr. Smith met Dr. Jones in the U.S. capital, e.g. at the White House.",
                "It rained."
            ]
        );
    }

    #[test]
    fn arabic_single_letter_abbreviations() {
        assert_eq!(
            sents("التقى د. محمد البرادعي عام 1441 هـ. الموافق 2020 م. في القاهرة ص. 12. ثم عاد."),
            vec![
                "التقى د. محمد البرادعي عام 1441 هـ. الموافق 2020 م. في القاهرة ص. 12.",
                "ثم عاد."
            ]
        );
    }

    #[test]
    fn ellipsis() {
        assert_eq!(
            sents("وانتظر الجميع... ثم جاء الرد… وكان حاسماً. He paused... and went on."),
            vec![
                "وانتظر الجميع...",
                "ثم جاء الرد…",
                "وكان حاسماً.",
                "He paused... and went on."
            ]
        );
        assert_eq!(sents("... تابع الوزير"), vec!["... تابع الوزير"]);
    }

    #[test]
    fn missing_space_after_arabic_stop() {
        assert_eq!(
            sents("انتهى الاجتماع.وبدأ المؤتمر الصحفي؟وكان"),
            vec!["انتهى الاجتماع.", "وبدأ المؤتمر الصحفي؟", "وكان"]
        );
        assert_eq!(
            sents("انتهى الاجتماع.«وقال» الوزير؟(لا)"),
            vec!["انتهى الاجتماع.", "«وقال» الوزير؟", "(لا)"]
        );
        assert_eq!(
            sents("see Fig.(3) and f.(x)"),
            vec!["see Fig.(3) and f.(x)"]
        );
        // Not in URLs, e-mails or numbers.
        assert_eq!(
            sents("زوروا www.example.com/a?b=1 أو 3.14"),
            vec!["زوروا www.example.com/a?b=1 أو 3.14"]
        );
    }

    #[test]
    fn interrobangs() {
        assert_eq!(
            sents("هل هذا معقول؟! لا‼ ربما?! Yes."),
            vec!["هل هذا معقول؟!", "لا‼", "ربما?!", "Yes."]
        );
    }

    #[test]
    fn whitespace_only_and_empty() {
        assert!(sents("").is_empty());
        assert!(sents(" \n\t\r\n \u{200F}\u{FEFF} ").is_empty());
        assert_eq!(sents("  \u{200F}نص\u{200E}  "), vec!["نص"]);
    }

    #[test]
    fn run_on_paragraph_is_cut_at_safe_points() {
        let clause = "وقال المسؤول إن الوضع الأمني في المنطقة مستقر نسبياً، ";
        let text = clause.repeat(30);
        let pieces = sents(&text);
        assert!(pieces.len() > 1);
        for p in &pieces {
            assert!(
                p.chars().count() <= DEFAULT_MAX_SENTENCE_CHARS,
                "{}",
                p.len()
            );
            assert!(p.ends_with('،'), "cut at a comma: {p}");
            assert!(p.starts_with('و'));
        }
        assert_eq!(pieces.concat().replace(' ', ""), text.replace(' ', ""));
    }

    #[test]
    fn run_on_prefers_semicolon_then_wa() {
        let mut text = "كلمة ".repeat(50);
        text.push_str("؛ ");
        text.push_str(&"كلمة ".repeat(100));
        let r = split_sentences(&text);
        assert!(text[r[0].clone()].ends_with('؛'));

        let text = "كلمة وكلمة ".repeat(60);
        let r = split_sentences(&text);
        assert!(text[r[0].clone()].ends_with("كلمة"));
        assert!(text[r[1].clone()].starts_with("وكلمة"));
        assert!(r
            .iter()
            .all(|x| text[x.clone()].chars().count() <= DEFAULT_MAX_SENTENCE_CHARS));
    }

    #[test]
    fn giant_token_is_hard_cut_on_char_boundaries() {
        let text = "ب".repeat(1000);
        let r = split_sentences_capped(&text, 100);
        assert_eq!(r.len(), 10);
        assert!(r.iter().all(|x| text[x.clone()].chars().count() == 100));
    }

    #[test]
    fn cap_is_clamped() {
        let r = split_sentences_capped("abcdefghijklmnopqrstuvwxyz", 0);
        assert_eq!(r, vec![0..16, 16..26]);
    }

    #[test]
    fn invariants_on_mixed_text() {
        let text = "  «خبر» عاجل!!\n\n(أ ف ب) - قال U.S. officials... \u{200F}الجمعة 17/5/2018.   ";
        let r = split_sentences(text);
        let mut last = 0;
        for x in &r {
            assert!(x.start >= last && x.start < x.end);
            assert!(text.is_char_boundary(x.start) && text.is_char_boundary(x.end));
            assert_eq!(text[x.clone()].trim_matches(is_blank), &text[x.clone()]);
            last = x.end;
        }
        // every non-blank char is covered
        let covered: usize = r
            .iter()
            .map(|x| text[x.clone()].chars().filter(|c| !is_blank(*c)).count())
            .sum();
        assert_eq!(covered, text.chars().filter(|c| !is_blank(*c)).count());
    }

    #[test]
    fn linear_on_pathological_input() {
        // Many periods and closers: each boundary decision must be O(1).
        let text = ". ".repeat(200_000) + &"a.".repeat(200_000) + &"ـ".repeat(100_000);
        let t = std::time::Instant::now();
        let r = split_sentences(&text);
        assert!(!r.is_empty());
        assert!(t.elapsed().as_secs() < 5);
    }
}
