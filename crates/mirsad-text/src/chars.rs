//! Character classes shared by the tokenizer, the sentence splitter and the decoder.
//!
//! Hand-written ranges rather than Unicode property tables: the tokenizer calls these for every
//! char of every document, and a `match` on ranges compiles to a few comparisons.

/// Arabic-script letters, including Persian/Urdu additions and presentation forms (which old
/// PDFs and some CMSes still emit). Excludes tatweel, marks, digits and punctuation.
#[inline]
pub fn is_arabic_letter(c: char) -> bool {
    matches!(c,
        '\u{0620}'..='\u{063F}'
        | '\u{0641}'..='\u{064A}'
        | '\u{066E}'..='\u{066F}'
        | '\u{0671}'..='\u{06D3}'
        | '\u{06D5}'
        | '\u{06EE}'..='\u{06EF}'
        | '\u{06FA}'..='\u{06FC}'
        | '\u{06FF}'
        | '\u{0750}'..='\u{077F}'
        | '\u{08A0}'..='\u{08C9}'
        | '\u{FB50}'..='\u{FD3D}'
        | '\u{FD50}'..='\u{FDC7}'
        | '\u{FDF0}'..='\u{FDFB}'
        | '\u{FE70}'..='\u{FE74}'
        | '\u{FE76}'..='\u{FEFC}')
}

/// Arabic combining marks: tashkeel, Quranic annotation signs, superscript alef.
#[inline]
pub fn is_arabic_mark(c: char) -> bool {
    matches!(c,
        '\u{0610}'..='\u{061A}'
        | '\u{064B}'..='\u{065F}'
        | '\u{0670}'
        | '\u{06D6}'..='\u{06DC}'
        | '\u{06DF}'..='\u{06E4}'
        | '\u{06E7}'..='\u{06E8}'
        | '\u{06EA}'..='\u{06ED}'
        | '\u{08CA}'..='\u{08E1}'
        | '\u{08E3}'..='\u{08FF}')
}

pub const TATWEEL: char = '\u{0640}';

/// Invisible format controls that may sit inside a word without splitting it: ZWNJ, ZWJ, the
/// bidi marks and embeddings/isolates, word joiner, soft hyphen, and a stray BOM. ZWSP is not
/// here: it marks a word break.
#[inline]
pub fn is_format_control(c: char) -> bool {
    matches!(c,
        '\u{00AD}'
        | '\u{061C}'
        | '\u{200C}'..='\u{200F}'
        | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{2064}'
        | '\u{2066}'..='\u{2069}'
        | '\u{FEFF}')
}

/// White space plus invisible controls: what may surround a sentence without belonging to it.
#[inline]
pub fn is_blank(c: char) -> bool {
    c.is_whitespace() || c == '\u{200B}' || is_format_control(c)
}

/// Decimal digits in the scripts Arabic news uses: ASCII, Arabic-Indic, Extended (Persian/Urdu).
#[inline]
pub fn is_digit(c: char) -> bool {
    matches!(c, '0'..='9' | '\u{0660}'..='\u{0669}' | '\u{06F0}'..='\u{06F9}')
}

/// Numeric value of a digit accepted by [`is_digit`].
#[inline]
pub fn digit_value(c: char) -> Option<u32> {
    match c {
        '0'..='9' => Some(c as u32 - '0' as u32),
        '\u{0660}'..='\u{0669}' => Some(c as u32 - 0x0660),
        '\u{06F0}'..='\u{06F9}' => Some(c as u32 - 0x06F0),
        _ => None,
    }
}

/// Letters of other scripts (Latin, Cyrillic, …): Rust's alphabetic property minus Arabic.
#[inline]
pub fn is_other_letter(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphabetic();
    }
    c.is_alphabetic() && !is_arabic_letter(c) && !is_arabic_mark(c) && c != TATWEEL
}

/// Non-Arabic combining marks and emoji modifiers that belong to the preceding character.
#[inline]
pub fn is_other_mark(c: char) -> bool {
    matches!(c,
        '\u{0300}'..='\u{036F}'
        | '\u{1AB0}'..='\u{1AFF}'
        | '\u{1DC0}'..='\u{1DFF}'
        | '\u{20D0}'..='\u{20FF}'
        | '\u{FE00}'..='\u{FE0F}'
        | '\u{FE20}'..='\u{FE2F}'
        | '\u{1F3FB}'..='\u{1F3FF}'
        | '\u{E0020}'..='\u{E007F}'
        | '\u{E0100}'..='\u{E01EF}')
}

/// Punctuation (as opposed to symbols such as `$ + = ©`): ASCII punctuation, the Arabic marks
/// ، ؛ ؟ ٭ ۔, Latin-1 quotes, the General Punctuation block, CJK and small/fullwidth forms.
#[inline]
pub fn is_punct(c: char) -> bool {
    if c.is_ascii() {
        return matches!(
            c,
            '!' | '"'
                | '#'
                | '%'
                | '&'
                | '\''
                | '('
                | ')'
                | '*'
                | ','
                | '-'
                | '.'
                | '/'
                | ':'
                | ';'
                | '?'
                | '@'
                | '['
                | '\\'
                | ']'
                | '_'
                | '{'
                | '}'
        );
    }
    matches!(c,
        '\u{00A1}' | '\u{00A7}' | '\u{00AB}' | '\u{00B6}' | '\u{00B7}' | '\u{00BB}' | '\u{00BF}'
        | '\u{0609}'..='\u{060D}'
        | '\u{061B}'
        | '\u{061D}'..='\u{061F}'
        | '\u{066A}'..='\u{066D}'
        | '\u{06D4}'
        | '\u{2010}'..='\u{2027}'
        | '\u{2030}'..='\u{205E}'
        | '\u{2E00}'..='\u{2E4F}'
        | '\u{3001}'..='\u{3003}'
        | '\u{3008}'..='\u{3011}'
        | '\u{3014}'..='\u{301F}'
        | '\u{FD3E}'..='\u{FD3F}'
        | '\u{FE10}'..='\u{FE19}'
        | '\u{FE30}'..='\u{FE4F}'
        | '\u{FE50}'..='\u{FE6B}'
        | '\u{FF01}'..='\u{FF0F}'
        | '\u{FF1A}'..='\u{FF1B}'
        | '\u{FF1F}'..='\u{FF20}')
}
