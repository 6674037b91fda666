//! Tokens for Arabic news: words, numbers in three digit sets, dates, URLs, e-mails, hashtags,
//! mentions, punctuation and symbols.
//!
//! Design points:
//! * A word keeps its tashkeel, tatweel and presentation forms: offsets must point at what the
//!   journalist sees, and folding is the normaliser's job, not the tokenizer's.
//! * Invisible controls (ZWNJ, ZWJ, LRM, RLM, ALM, BOM, …) never become tokens and never split
//!   the word they sit in; a word never ends on one. ZWSP is a word break.
//! * A number with its separators and an attached percent sign is one token (`٣٫٥٪`,
//!   `1,250.75`), because entity and event extraction want the quantity whole.
//! * Numeric dates (`17/5/2018`, `٢٢/٦/٢٠٠٨`, `2018-05-17`) are one `Date` token so the timex
//!   stage can read them without re-assembling punctuation.
//! * Every decision looks a bounded distance ahead, except e-mail detection, which remembers
//!   how far a failed attempt scanned so that no byte is scanned twice: linear time overall.

use crate::chars::{
    digit_value, is_arabic_letter, is_arabic_mark, is_blank, is_digit, is_format_control,
    is_other_letter, is_other_mark, is_punct, TATWEEL,
};
use mirsad_core::TokenKind;

/// A token as byte offsets into the tokenized text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct RawToken {
    pub start: usize,
    pub end: usize,
    pub kind: TokenKind,
}

impl RawToken {
    /// The token's text. `text` must be the string that was tokenized.
    pub fn text<'a>(&self, text: &'a str) -> &'a str {
        &text[self.start..self.end]
    }
}

/// Splits `text` into tokens, in order, non-overlapping, on char boundaries. White space and
/// invisible controls between tokens are skipped.
pub fn tokenize(text: &str) -> Vec<RawToken> {
    let mut t = Tokenizer {
        text,
        out: Vec::with_capacity(text.len() / 6 + 1),
        email_fail_until: 0,
    };
    t.run();
    t.out
}

struct Tokenizer<'a> {
    text: &'a str,
    out: Vec<RawToken>,
    /// A failed e-mail scan from an earlier start reached this offset; later starts before it
    /// would scan the same local part to the same failure.
    email_fail_until: usize,
}

#[inline]
fn char_at(text: &str, i: usize) -> Option<char> {
    text.get(i..).and_then(|s| s.chars().next())
}

#[inline]
fn is_word_char(c: char) -> bool {
    is_arabic_letter(c) || is_other_letter(c) || is_digit(c)
}

impl<'a> Tokenizer<'a> {
    fn push(&mut self, start: usize, end: usize, kind: TokenKind) {
        self.out.push(RawToken { start, end, kind });
    }

    fn prev_char(&self, i: usize) -> Option<char> {
        self.text[..i].chars().next_back()
    }

    fn run(&mut self) {
        let text = self.text;
        let bytes = text.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            // ASCII white space is the commonest byte after letters.
            if matches!(b, b' ' | b'\n' | b'\t' | b'\r') {
                i += 1;
                continue;
            }
            let Some(c) = char_at(text, i) else {
                break;
            };
            i = if is_arabic_letter(c) || c == TATWEEL || is_arabic_mark(c) {
                self.arabic_word(i)
            } else if is_digit(c) {
                self.number_or_date(i, c)
            } else if c.is_ascii_alphanumeric() {
                self.ascii_start(i)
            } else if is_other_letter(c) {
                self.latin_word(i)
            } else if is_blank(c) {
                i + c.len_utf8()
            } else if c == '#' {
                self.hashtag(i)
            } else if c == '@' {
                self.mention(i)
            } else if is_punct(c) {
                self.punct(i, c)
            } else {
                self.symbol(i, c)
            };
        }
    }

    /// Arabic letters with their marks, tatweel and inner invisible controls. A run of only
    /// marks/tatweel (a stray kasra, a decorative ـــ) is a Symbol.
    fn arabic_word(&mut self, start: usize) -> usize {
        let mut end = start;
        let mut has_letter = false;
        for (off, c) in self.text[start..].char_indices() {
            if is_arabic_letter(c) {
                has_letter = true;
            } else if !(is_arabic_mark(c) || c == TATWEEL || is_other_mark(c)) {
                if is_format_control(c) {
                    continue; // included only if more of the word follows
                }
                break;
            }
            end = start + off + c.len_utf8();
        }
        let kind = if has_letter {
            TokenKind::Word
        } else {
            TokenKind::Symbol
        };
        self.push(start, end, kind);
        end
    }

    fn ascii_start(&mut self, i: usize) -> usize {
        let rest = &self.text.as_bytes()[i..];
        let starts_ci = |p: &[u8]| rest.len() >= p.len() && rest[..p.len()].eq_ignore_ascii_case(p);
        if starts_ci(b"http://") || starts_ci(b"https://") || starts_ci(b"www.") {
            if let Some(end) = self.url(i) {
                self.push(i, end, TokenKind::Url);
                return end;
            }
        }
        if i >= self.email_fail_until {
            match self.email(i) {
                Ok(end) => {
                    self.push(i, end, TokenKind::Email);
                    return end;
                }
                Err(reached) => self.email_fail_until = reached,
            }
        }
        self.latin_word(i)
    }

    /// Latin (or other non-Arabic script) letters and digits, with inner apostrophes and
    /// hyphens (`don't`, `al-Assad`, `COVID-19`).
    fn latin_word(&mut self, start: usize) -> usize {
        let text = self.text;
        let mut end = start;
        let mut iter = text[start..].char_indices().peekable();
        while let Some((off, c)) = iter.next() {
            let ok = if is_other_letter(c) || c.is_ascii_digit() || is_other_mark(c) {
                true
            } else if matches!(c, '\'' | '’' | '-' | '‐' | '‑') {
                matches!(iter.peek(), Some(&(_, n)) if is_other_letter(n) || n.is_ascii_digit())
            } else if is_format_control(c) {
                continue;
            } else {
                false
            };
            if !ok {
                break;
            }
            end = start + off + c.len_utf8();
        }
        self.push(start, end, TokenKind::Latin);
        end
    }

    /// `http(s)://…` or `www.…` up to white space or a delimiter that cannot end a URL in
    /// running text; trailing sentence punctuation and an unbalanced `)` are left out.
    fn url(&self, start: usize) -> Option<usize> {
        let text = self.text;
        let mut end = start;
        for (off, c) in text[start..].char_indices() {
            if is_blank(c)
                || matches!(
                    c,
                    '<' | '>'
                        | '"'
                        | '«'
                        | '»'
                        | '“'
                        | '”'
                        | '‘'
                        | '’'
                        | '`'
                        | '{'
                        | '}'
                        | '|'
                        | '\\'
                        | '^'
                        | '،'
                        | '؛'
                        | '؟'
                )
            {
                break;
            }
            end = start + off + c.len_utf8();
        }
        let mut url = &text[start..end];
        let count = |b: u8| url.bytes().filter(|&x| x == b).count() as isize;
        let mut parens = count(b'(') - count(b')');
        let mut brackets = count(b'[') - count(b']');
        while let Some(last) = url.chars().next_back() {
            let trim = match last {
                ')' => parens < 0,
                ']' => brackets < 0,
                '.' | ',' | ':' | ';' | '!' | '?' | '\'' | '*' => true,
                _ => false,
            };
            if !trim {
                break;
            }
            match last {
                ')' => parens += 1,
                ']' => brackets += 1,
                _ => {}
            }
            url = &url[..url.len() - last.len_utf8()];
        }
        let body = url
            .split_once("://")
            .map(|(_, b)| b)
            .unwrap_or_else(|| &url[4.min(url.len())..]);
        body.chars()
            .any(|c| c.is_alphanumeric())
            .then_some(start + url.len())
    }

    /// `local@domain.tld`. On failure returns how far the local part reached, for the memo.
    fn email(&self, start: usize) -> Result<usize, usize> {
        let b = self.text.as_bytes();
        let mut i = start;
        while i < b.len()
            && (b[i].is_ascii_alphanumeric() || matches!(b[i], b'.' | b'_' | b'%' | b'+' | b'-'))
        {
            i += 1;
        }
        let local_end = i;
        if i >= b.len() || b[i] != b'@' || b[i - 1] == b'.' {
            return Err(local_end.max(start + 1));
        }
        i += 1;
        let mut labels = 0;
        let mut last_label_alpha = false;
        let mut end = i;
        loop {
            let ls = i;
            while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'-') {
                i += 1;
            }
            if i == ls {
                break;
            }
            labels += 1;
            last_label_alpha = i - ls >= 2 && b[ls..i].iter().all(u8::is_ascii_alphabetic);
            end = i;
            if i + 1 < b.len() && b[i] == b'.' && b[i + 1].is_ascii_alphanumeric() {
                i += 1;
            } else {
                break;
            }
        }
        if labels >= 2 && last_label_alpha {
            Ok(end)
        } else {
            Err(local_end.max(start + 1))
        }
    }

    fn number_or_date(&mut self, start: usize, first: char) -> usize {
        if let Some(end) = self.date(start) {
            self.push(start, end, TokenKind::Date);
            return end;
        }
        let text = self.text;
        let mut i = start + first.len_utf8();
        // A separator belongs to the number only when a digit follows it.
        while let Some(c) = char_at(text, i) {
            let part_of_number = is_digit(c)
                || (matches!(c, '.' | ',' | '٫' | '٬')
                    && char_at(text, i + c.len_utf8()).is_some_and(is_digit));
            if !part_of_number {
                break;
            }
            i += c.len_utf8();
        }
        if let Some(c) = char_at(text, i) {
            if matches!(c, '%' | '٪' | '‰' | '؉' | '؊') {
                i += c.len_utf8();
            }
        }
        self.push(start, i, TokenKind::Number);
        i
    }

    /// `d/m/y`, `m/d/y`, `y-m-d`, with `/`, `-` or `.` (the last only with a 4-digit year),
    /// digits in any of the three digit sets. Dates that cannot exist (month 13) are numbers.
    fn date(&self, start: usize) -> Option<usize> {
        let text = self.text;
        let (a, la, i) = read_digits(text, start, 4)?;
        let sep = char_at(text, i)?;
        if !matches!(sep, '/' | '-' | '.') {
            return None;
        }
        let (b, _, j) = read_digits(text, i + 1, 2)?;
        if char_at(text, j)? != sep {
            return None;
        }
        let (c, lc, k) = read_digits(text, j + 1, 4)?;
        // Not a date if the digits run on (1/2/2018/5) or into a Latin word or a decimal. An
        // Arabic letter may follow: era and time suffixes are often written solid (2018م).
        if let Some(n) = char_at(text, k) {
            if is_word_char(n) && !is_arabic_letter(n) {
                return None;
            }
            if matches!(n, '/' | '-' | '.' | ',' | '٫')
                && char_at(text, k + 1).is_some_and(is_digit)
            {
                return None;
            }
        }
        let day = |d: u32| (1..=31).contains(&d);
        let month = |m: u32| (1..=12).contains(&m);
        let ok = if la == 4 {
            lc <= 2 && month(b) && day(c)
        } else {
            (lc == 4 || (lc == 2 && sep != '.'))
                && la <= 2
                && ((day(a) && month(b)) || (month(a) && day(b)))
        };
        ok.then_some(k)
    }

    fn hashtag(&mut self, start: usize) -> usize {
        let text = self.text;
        let after_word = self.prev_char(start).is_some_and(is_word_char);
        let mut end = start + 1;
        let mut letters = false;
        if !after_word {
            for (off, c) in text[start + 1..].char_indices() {
                if is_arabic_letter(c) || is_other_letter(c) {
                    letters = true;
                } else if !(is_digit(c)
                    || c == '_'
                    || is_arabic_mark(c)
                    || c == TATWEEL
                    || is_other_mark(c))
                {
                    if is_format_control(c) {
                        continue;
                    }
                    break;
                }
                end = start + 1 + off + c.len_utf8();
            }
        }
        if letters {
            self.push(start, end, TokenKind::Hashtag);
            end
        } else {
            self.punct(start, '#')
        }
    }

    fn mention(&mut self, start: usize) -> usize {
        let b = self.text.as_bytes();
        let after_word = self.prev_char(start).is_some_and(is_word_char);
        let mut i = start + 1;
        while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'_') {
            i += 1;
        }
        if !after_word && i > start + 1 {
            self.push(start, i, TokenKind::Mention);
            i
        } else {
            self.punct(start, '@')
        }
    }

    /// One mark, or a run of the same mark (`...`, `!!`, `--`), or a mixed `?!` / `؟!` run.
    fn punct(&mut self, start: usize, c: char) -> usize {
        let text = self.text;
        let mut end = start + c.len_utf8();
        let interro = |x: char| matches!(x, '!' | '?' | '؟' | '‼' | '⁉' | '⁈' | '⁇');
        let repeatable = matches!(c, '.' | '-' | '—' | '–' | '_' | '*' | '…') || interro(c);
        if repeatable {
            while let Some(n) = char_at(text, end) {
                if n == c || (interro(c) && interro(n)) {
                    end += n.len_utf8();
                } else {
                    break;
                }
            }
        }
        self.push(start, end, TokenKind::Punct);
        end
    }

    /// Anything else visible: currency, math, emoji (with modifiers and ZWJ sequences).
    fn symbol(&mut self, start: usize, c: char) -> usize {
        let text = self.text;
        let mut end = start + c.len_utf8();
        while let Some(n) = char_at(text, end) {
            if is_other_mark(n) {
                end += n.len_utf8();
            } else if n == '\u{200D}' {
                match char_at(text, end + 3) {
                    Some(m)
                        if !is_blank(m)
                            && !is_word_char(m)
                            && !is_punct(m)
                            && !is_arabic_mark(m)
                            && m != TATWEEL =>
                    {
                        end += 3 + m.len_utf8();
                    }
                    _ => break,
                }
            } else {
                break;
            }
        }
        self.push(start, end, TokenKind::Symbol);
        end
    }
}

/// Up to `max` digits at `i`: (value, count, end). `None` when there is no digit.
fn read_digits(text: &str, i: usize, max: usize) -> Option<(u32, usize, usize)> {
    let mut value = 0u32;
    let mut n = 0;
    let mut end = i;
    for c in text.get(i..)?.chars() {
        let Some(d) = digit_value(c) else { break };
        if n == max {
            return None; // too many digits for a date field
        }
        value = value * 10 + d;
        n += 1;
        end += c.len_utf8();
    }
    (n > 0).then_some((value, n, end))
}

#[cfg(test)]
mod tests {
    use super::*;
    use TokenKind::*;

    fn toks(text: &str) -> Vec<(&str, TokenKind)> {
        tokenize(text)
            .into_iter()
            .map(|t| (t.text(text), t.kind))
            .collect()
    }

    #[test]
    fn arabic_words_and_punctuation() {
        assert_eq!(
            toks("قال الرئيس، إن «الحوار» مستمر؛ أليس كذلك؟"),
            vec![
                ("قال", Word),
                ("الرئيس", Word),
                ("،", Punct),
                ("إن", Word),
                ("«", Punct),
                ("الحوار", Word),
                ("»", Punct),
                ("مستمر", Word),
                ("؛", Punct),
                ("أليس", Word),
                ("كذلك", Word),
                ("؟", Punct),
            ]
        );
    }

    #[test]
    fn tashkeel_tatweel_and_presentation_forms_stay_inside_words() {
        assert_eq!(
            toks("مُحَمَّدٌ جـــديد ﻻ ﷺ"),
            vec![("مُحَمَّدٌ", Word), ("جـــديد", Word), ("ﻻ", Word), ("ﷺ", Word)]
        );
        assert_eq!(toks("ـــ ِ"), vec![("ـــ", Symbol), ("ِ", Symbol)]);
    }

    #[test]
    fn invisible_controls_do_not_split_or_become_tokens() {
        let text = "\u{FEFF}\u{200F}مي\u{200C}خواهم\u{200E} ال\u{200D}قدس\u{061C} test\u{200B}word";
        assert_eq!(
            toks(text),
            vec![
                ("مي\u{200C}خواهم", Word),
                ("ال\u{200D}قدس", Word),
                ("test", Latin),
                ("word", Latin)
            ]
        );
    }

    #[test]
    fn numbers_in_three_digit_sets_with_separators_and_percent() {
        assert_eq!(
            toks("ارتفع 3.5% و٣٫٥٪ و۱۲۳ و1,250,000 و١٬٢٥٠ و12.5 مليار 2018م"),
            vec![
                ("ارتفع", Word),
                ("3.5%", Number),
                ("و", Word),
                ("٣٫٥٪", Number),
                ("و", Word),
                ("۱۲۳", Number),
                ("و", Word),
                ("1,250,000", Number),
                ("و", Word),
                ("١٬٢٥٠", Number),
                ("و", Word),
                ("12.5", Number),
                ("مليار", Word),
                ("2018", Number),
                ("م", Word),
            ]
        );
        // A trailing separator is punctuation, not part of the number.
        assert_eq!(
            toks("عام 2018. و5,"),
            vec![
                ("عام", Word),
                ("2018", Number),
                (".", Punct),
                ("و", Word),
                ("5", Number),
                (",", Punct)
            ]
        );
    }

    #[test]
    fn numeric_dates() {
        assert_eq!(
            toks("في 17/5/2018 و٢٢/٦/٢٠٠٨ و2018-05-17 و17-5-2018 و17.5.2018"),
            vec![
                ("في", Word),
                ("17/5/2018", Date),
                ("و", Word),
                ("٢٢/٦/٢٠٠٨", Date),
                ("و", Word),
                ("2018-05-17", Date),
                ("و", Word),
                ("17-5-2018", Date),
                ("و", Word),
                ("17.5.2018", Date),
            ]
        );
        assert_eq!(
            toks("17/5/2018م ٢٠١٨/٥/١٧هـ"),
            vec![
                ("17/5/2018", Date),
                ("م", Word),
                ("٢٠١٨/٥/١٧", Date),
                ("هـ", Word)
            ]
        );
        // Not dates: impossible month, version numbers, fractions, IP addresses.
        for s in ["45/13/2018", "1.2.3", "3/4", "10.0.0.1", "2018-13-01"] {
            assert!(
                toks(s).iter().all(|(_, k)| *k != Date),
                "{s}: {:?}",
                toks(s)
            );
        }
    }

    #[test]
    fn urls_emails_hashtags_mentions() {
        assert_eq!(
            toks("المصدر: https://www.aljazeera.net/news/2018/5/17/روسيا?x=1. راسلونا news@bbc.co.uk أو www.sana.sy) #سوريا_الآن @UN_News"),
            vec![
                ("المصدر", Word),
                (":", Punct),
                ("https://www.aljazeera.net/news/2018/5/17/روسيا?x=1", Url),
                (".", Punct),
                ("راسلونا", Word),
                ("news@bbc.co.uk", Email),
                ("أو", Word),
                ("www.sana.sy", Url),
                (")", Punct),
                ("#سوريا_الآن", Hashtag),
                ("@UN_News", Mention),
            ]
        );
        assert_eq!(
            toks("(see http://en.wikipedia.org/wiki/Homs_(city))"),
            vec![
                ("(", Punct),
                ("see", Latin),
                ("http://en.wikipedia.org/wiki/Homs_(city)", Url),
                (")", Punct)
            ]
        );
        // Not an e-mail, not a mention, not a hashtag.
        assert_eq!(
            toks("a@b x@y.z C# #2 http://"),
            vec![
                ("a", Latin),
                ("@", Punct),
                ("b", Latin),
                ("x", Latin),
                ("@", Punct),
                ("y", Latin),
                (".", Punct),
                ("z", Latin),
                ("C", Latin),
                ("#", Punct),
                ("#", Punct),
                ("2", Number),
                ("http", Latin),
                (":", Punct),
                ("/", Punct),
                ("/", Punct),
            ]
        );
    }

    #[test]
    fn latin_words_with_apostrophes_and_hyphens() {
        assert_eq!(
            toks("Bashar al-Assad's COVID-19 don't -x y- G20"),
            vec![
                ("Bashar", Latin),
                ("al-Assad's", Latin),
                ("COVID-19", Latin),
                ("don't", Latin),
                ("-", Punct),
                ("x", Latin),
                ("y", Latin),
                ("-", Punct),
                ("G20", Latin),
            ]
        );
    }

    #[test]
    fn repeated_and_mixed_punctuation() {
        assert_eq!(
            toks("حقاً؟! لا... نعم!! (أ)"),
            vec![
                ("حقاً", Word),
                ("؟!", Punct),
                ("لا", Word),
                ("...", Punct),
                ("نعم", Word),
                ("!!", Punct),
                ("(", Punct),
                ("أ", Word),
                (")", Punct),
            ]
        );
    }

    #[test]
    fn symbols_and_emoji() {
        assert_eq!(
            toks("$5 € ﷼ 👍🏽 👨‍👩‍👧"),
            vec![
                ("$", Symbol),
                ("5", Number),
                ("€", Symbol),
                ("﷼", Symbol),
                ("👍🏽", Symbol),
                ("👨‍👩‍👧", Symbol),
            ]
        );
    }

    #[test]
    fn mixed_scripts_split() {
        assert_eq!(
            toks("قناةCNN الروسيةRT"),
            vec![
                ("قناة", Word),
                ("CNN", Latin),
                ("الروسية", Word),
                ("RT", Latin)
            ]
        );
    }

    #[test]
    fn invariants_and_linearity_on_pathological_input() {
        let text = "a.".repeat(100_000)
            + &"#".repeat(50_000)
            + &"@_".repeat(50_000)
            + &"1/".repeat(50_000)
            + &"www.".repeat(10_000)
            + &"\u{200D}".repeat(10_000);
        let t = std::time::Instant::now();
        let toks = tokenize(&text);
        assert!(t.elapsed().as_secs() < 5);
        let mut last = 0;
        for tok in &toks {
            assert!(tok.start >= last && tok.start < tok.end);
            assert!(text.is_char_boundary(tok.start) && text.is_char_boundary(tok.end));
            last = tok.end;
        }
    }
}
