//! Bytes → text, for news as it is actually served.
//!
//! Order of trust: a byte-order mark, then the charset the transport declared (HTTP header,
//! WARC record, caller), then an HTML `<meta>` declaration, then detection. Declarations are
//! overridden only where the content clearly contradicts them (valid non-ASCII UTF-8 declared as
//! something else; one of the two Arabic legacy code pages declared as the other, or as Latin-1),
//! because mislabelled Arabic pages are common and a wrong label turns a whole article into
//! mojibake, while a right label is almost never contradicted that strongly.
//!
//! The hard case is windows-1256 vs ISO-8859-6: both decode every Arabic byte without error in
//! windows-1256 (which maps all 256 bytes), so "decodes cleanly" proves nothing. We decode a
//! sample both ways and score how much the result looks like Arabic (see `arabic_score`).
//!
//! Nothing here panics on any input; malformed bytes become U+FFFD and one warning per document.

use encoding_rs::{DecoderResult, Encoding, ISO_8859_6, UTF_16BE, UTF_16LE, UTF_8, WINDOWS_1256};

/// What the caller knows about the bytes before looking at them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DecodeHint {
    /// A charset from an HTTP `Content-Type` header, a WARC record, or a caller: either a bare
    /// label (`windows-1256`) or a full header value (`text/html; charset="windows-1256"`).
    pub declared: Option<String>,
    /// The bytes are an HTML page: look for `<meta charset>` in its first 4 KB.
    pub html: bool,
}

/// Decoded text and how it was obtained.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    /// WHATWG name of the encoding used (`"UTF-8"`, `"windows-1256"`, `"ISO-8859-6"`, …).
    pub encoding: &'static str,
    /// Human-readable notes for the document's warning list (guessed encoding, replaced bytes,
    /// overridden declarations).
    pub warnings: Vec<String>,
}

/// How many bytes detection looks at. Large enough for statistics, small enough that detection
/// cost does not grow with a 200 MB dump.
const SAMPLE_LEN: usize = 64 * 1024;
/// WHATWG's prescan window for `<meta charset>`.
const META_SCAN_LEN: usize = 4096;

/// Decodes `bytes` to text. See the module documentation for the order of evidence.
pub fn decode(bytes: &[u8], hint: &DecodeHint) -> Decoded {
    let mut warnings = Vec::new();

    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        return finish(enc, bytes, bom_len, warnings);
    }

    if let Some(label) = hint.declared.as_deref() {
        match declared_encoding(label) {
            Some(enc) => {
                let enc = reconsider_declared(enc, bytes, "declared", &mut warnings);
                return finish(enc, bytes, 0, warnings);
            }
            None => {
                // A bare MIME type (`text/html`) declares no charset: nothing to warn about.
                let names_a_charset =
                    !label.contains('/') || label.to_ascii_lowercase().contains("charset");
                if names_a_charset && !label.trim().is_empty() {
                    warnings.push(format!(
                        "unknown declared charset {:?}; detecting instead",
                        label.trim()
                    ));
                }
            }
        }
    }

    if hint.html || looks_like_html(bytes) {
        if let Some(enc) = sniff_html_charset(bytes) {
            let enc = reconsider_declared(enc, bytes, "<meta>", &mut warnings);
            return finish(enc, bytes, 0, warnings);
        }
    }

    let enc = detect(bytes);
    // Valid UTF-8 (or plain ASCII) is not a guess in any useful sense: legacy-encoded text with
    // more than a few non-ASCII bytes is essentially never valid UTF-8.
    if enc != UTF_8 {
        warnings.push(format!("encoding guessed: {}", enc.name()));
    }
    finish(enc, bytes, 0, warnings)
}

/// The encoding an HTML page declares in a `<meta charset=…>` or
/// `<meta http-equiv="Content-Type" content="…; charset=…">` within its first 4 KB, following
/// the WHATWG prescan rules closely enough for real pages (comments skipped, quoted and unquoted
/// attribute values, any attribute order). UTF-16 declarations are answered as UTF-8, as browsers
/// do: a page that could be read as ASCII to find the tag is not UTF-16.
pub fn sniff_html_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let window = &bytes[..bytes.len().min(META_SCAN_LEN)];
    // Let a tag that starts inside the window finish just outside it.
    let tail = &bytes[..bytes.len().min(META_SCAN_LEN + 1024)];
    let mut i = 0;
    while i < window.len() {
        let Some(off) = memchr_lt(&window[i..]) else {
            break;
        };
        i += off;
        let rest = &tail[i..];
        if rest.starts_with(b"<!--") {
            i = match find(&tail[i + 4..], b"-->") {
                Some(end) => i + 4 + end + 3,
                None => return None,
            };
            continue;
        }
        if rest.len() > 5
            && rest[1..5].eq_ignore_ascii_case(b"meta")
            && (rest[5].is_ascii_whitespace() || rest[5] == b'/')
        {
            let (enc, consumed) = parse_meta(&rest[5..]);
            if let Some(enc) = enc {
                return Some(match enc.name() {
                    "UTF-16LE" | "UTF-16BE" => UTF_8,
                    "x-user-defined" => encoding_rs::WINDOWS_1252,
                    _ => enc,
                });
            }
            i += 5 + consumed;
            continue;
        }
        i += 1;
    }
    None
}

fn memchr_lt(hay: &[u8]) -> Option<usize> {
    hay.iter().position(|&b| b == b'<')
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// Parses the attributes of one `<meta` tag (starting just after `<meta`). Returns the declared
/// encoding, if any, and how many bytes the tag took.
fn parse_meta(s: &[u8]) -> (Option<&'static Encoding>, usize) {
    let mut i = 0;
    let mut charset: Option<&'static Encoding> = None;
    let mut content_charset: Option<&'static Encoding> = None;
    let mut http_equiv_content_type = false;
    loop {
        while i < s.len() && (s[i].is_ascii_whitespace() || s[i] == b'/') {
            i += 1;
        }
        if i >= s.len() || s[i] == b'>' {
            break;
        }
        let name_start = i;
        while i < s.len() && !matches!(s[i], b'=' | b'>' | b'/') && !s[i].is_ascii_whitespace() {
            i += 1;
        }
        let name = &s[name_start..i];
        while i < s.len() && s[i].is_ascii_whitespace() {
            i += 1;
        }
        let mut value: &[u8] = b"";
        if i < s.len() && s[i] == b'=' {
            i += 1;
            while i < s.len() && s[i].is_ascii_whitespace() {
                i += 1;
            }
            if i < s.len() && (s[i] == b'"' || s[i] == b'\'') {
                let q = s[i];
                let start = i + 1;
                let end = s[start..]
                    .iter()
                    .position(|&b| b == q)
                    .map_or(s.len(), |p| start + p);
                value = &s[start..end];
                i = (end + 1).min(s.len());
            } else {
                let start = i;
                while i < s.len() && s[i] != b'>' && !s[i].is_ascii_whitespace() {
                    i += 1;
                }
                value = &s[start..i];
            }
        }
        if name.eq_ignore_ascii_case(b"charset") && charset.is_none() {
            charset = Encoding::for_label(trim_ascii(value));
        } else if name.eq_ignore_ascii_case(b"content") && content_charset.is_none() {
            content_charset = charset_param(value).and_then(Encoding::for_label);
        } else if name.eq_ignore_ascii_case(b"http-equiv") {
            http_equiv_content_type = trim_ascii(value).eq_ignore_ascii_case(b"content-type");
        }
    }
    let enc = charset.or(if http_equiv_content_type || content_charset.is_some() {
        content_charset
    } else {
        None
    });
    (enc, i)
}

fn trim_ascii(v: &[u8]) -> &[u8] {
    let start = v
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(v.len());
    let end = v
        .iter()
        .rposition(|b| !b.is_ascii_whitespace())
        .map_or(start, |p| p + 1);
    &v[start..end.max(start)]
}

/// The value of a `charset=` parameter in a MIME type such as `text/html; charset="utf-8"`.
fn charset_param(v: &[u8]) -> Option<&[u8]> {
    let lower: Vec<u8> = v.to_ascii_lowercase();
    let pos = find(&lower, b"charset")?;
    let mut i = pos + 7;
    while i < v.len() && v[i].is_ascii_whitespace() {
        i += 1;
    }
    if i >= v.len() || v[i] != b'=' {
        return None;
    }
    i += 1;
    while i < v.len() && v[i].is_ascii_whitespace() {
        i += 1;
    }
    let (start, end) = if i < v.len() && (v[i] == b'"' || v[i] == b'\'') {
        let q = v[i];
        let start = i + 1;
        let end = v[start..]
            .iter()
            .position(|&b| b == q)
            .map_or(v.len(), |p| start + p);
        (start, end)
    } else {
        let start = i;
        let end = v[start..]
            .iter()
            .position(|&b| b == b';' || b.is_ascii_whitespace())
            .map_or(v.len(), |p| start + p);
        (start, end)
    };
    let value = &v[start..end];
    (!value.is_empty()).then_some(value)
}

/// Resolves a declared charset: a full `Content-Type` value or a bare label.
fn declared_encoding(label: &str) -> Option<&'static Encoding> {
    let bytes = label.trim().as_bytes();
    if let Some(value) = charset_param(bytes) {
        return Encoding::for_label(value);
    }
    if bytes.contains(&b'/') || bytes.contains(&b';') {
        // A MIME type without a charset parameter declares nothing.
        return None;
    }
    Encoding::for_label(bytes)
}

fn looks_like_html(bytes: &[u8]) -> bool {
    let start = bytes
        .iter()
        .take(1024)
        .position(|b| !b.is_ascii_whitespace());
    matches!(start, Some(i) if bytes[i] == b'<')
}

/// Second opinion on a declared encoding, applied only where a mislabel is both common and
/// detectable with near certainty.
fn reconsider_declared(
    enc: &'static Encoding,
    bytes: &[u8],
    source: &str,
    warnings: &mut Vec<String>,
) -> &'static Encoding {
    if enc == UTF_8 || enc == UTF_16LE || enc == UTF_16BE {
        return enc;
    }
    let sample = &bytes[..bytes.len().min(SAMPLE_LEN)];
    let sample = trim_to_utf8_boundary(sample, bytes.len());
    let non_ascii = sample.iter().filter(|b| !b.is_ascii()).count();
    if non_ascii >= 4 && std::str::from_utf8(sample).is_ok() {
        warnings.push(format!(
            "{source} charset {} contradicted by content; decoded as UTF-8",
            enc.name()
        ));
        return UTF_8;
    }
    let arabic_pair = enc == WINDOWS_1256 || enc == ISO_8859_6;
    let latin1 = enc.name() == "windows-1252";
    if arabic_pair || latin1 {
        let best = better_arabic(sample);
        if let Some((best, margin)) = best {
            let convincing = if arabic_pair { margin > 0 } else { margin > 20 };
            if best != enc && convincing {
                warnings.push(format!(
                    "{source} charset {} contradicted by content; decoded as {}",
                    enc.name(),
                    best.name()
                ));
                return best;
            }
        }
    }
    enc
}

/// A sample cut at `SAMPLE_LEN` may end inside a UTF-8 sequence; drop up to 3 trailing bytes so
/// that a valid document is not judged invalid because of where we cut it.
fn trim_to_utf8_boundary(sample: &[u8], full_len: usize) -> &[u8] {
    if sample.len() == full_len {
        return sample;
    }
    let mut end = sample.len();
    let mut back = 0;
    while end > 0 && back < 3 && (sample[end - 1] & 0b1100_0000) == 0b1000_0000 {
        end -= 1;
        back += 1;
    }
    if end > 0 && sample[end - 1] >= 0xC0 {
        end -= 1;
    }
    &sample[..end]
}

/// Picks an encoding for undeclared bytes.
fn detect(bytes: &[u8]) -> &'static Encoding {
    let sample = &bytes[..bytes.len().min(SAMPLE_LEN)];
    if let Some(enc) = detect_utf16_without_bom(sample) {
        return enc;
    }
    let utf8_sample = trim_to_utf8_boundary(sample, bytes.len());
    let stats = utf8_stats(utf8_sample);
    if stats.invalid_bytes == 0 {
        return UTF_8;
    }
    // UTF-8 with a few damaged bytes (a truncated download, one bad copy-paste) is still UTF-8.
    // Legacy Arabic produces invalid sequences at nearly every letter pair, so a large majority
    // of valid multi-byte sequences cannot come from windows-1256 / ISO-8859-6.
    if stats.valid_multibyte >= 8 && stats.valid_multibyte >= 10 * stats.invalid_bytes {
        return UTF_8;
    }

    let mut det = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    det.feed(sample, sample.len() == bytes.len());
    let guess = det.guess(None, chardetng::Utf8Detection::Deny);
    match better_arabic(sample) {
        Some((best, _)) if guess == WINDOWS_1256 || guess == ISO_8859_6 => best,
        Some((best, margin)) if margin > 0 && looks_arabic(best, sample) => best,
        _ => guess,
    }
}

/// Arabic UTF-16 without a BOM: every other byte is the high byte 0x06 (Arabic block) or 0x00
/// (ASCII spaces, digits, punctuation). Neither byte occurs in UTF-8 Arabic or in legacy
/// single-byte text, so the pattern is unambiguous once there is enough of it.
fn detect_utf16_without_bom(sample: &[u8]) -> Option<&'static Encoding> {
    let pairs = sample.len() / 2;
    if pairs < 8 {
        return None;
    }
    let mut hi_even = 0usize; // pattern at even indices → big endian
    let mut hi_odd = 0usize;
    let mut nul_even = 0usize;
    let mut nul_odd = 0usize;
    for p in sample.chunks_exact(2) {
        hi_even += matches!(p[0], 0x00 | 0x06) as usize;
        hi_odd += matches!(p[1], 0x00 | 0x06) as usize;
        nul_even += (p[0] == 0) as usize;
        nul_odd += (p[1] == 0) as usize;
    }
    let strong = |hi: usize, other_hi: usize, nul: usize| {
        hi * 10 >= pairs * 9 && other_hi * 5 < pairs && nul > 0
    };
    if strong(hi_odd, hi_even, nul_odd) {
        Some(UTF_16LE)
    } else if strong(hi_even, hi_odd, nul_even) {
        Some(UTF_16BE)
    } else {
        None
    }
}

struct Utf8Stats {
    valid_multibyte: usize,
    invalid_bytes: usize,
}

fn utf8_stats(mut s: &[u8]) -> Utf8Stats {
    let mut st = Utf8Stats {
        valid_multibyte: 0,
        invalid_bytes: 0,
    };
    loop {
        match std::str::from_utf8(s) {
            Ok(v) => {
                st.valid_multibyte += v.bytes().filter(|&b| b >= 0xC0).count();
                return st;
            }
            Err(e) => {
                let good = e.valid_up_to();
                st.valid_multibyte += s[..good].iter().filter(|&&b| b >= 0xC0).count();
                let bad = e.error_len().unwrap_or(s.len() - good);
                st.invalid_bytes += bad;
                s = &s[good + bad..];
            }
        }
    }
}

/// Decodes the sample as windows-1256 and as ISO-8859-6 and returns the more Arabic-looking of
/// the two with its score margin over the other; `None` when neither looks Arabic at all.
fn better_arabic(sample: &[u8]) -> Option<(&'static Encoding, i64)> {
    let a = arabic_score(WINDOWS_1256, sample);
    let b = arabic_score(ISO_8859_6, sample);
    if a <= 0 && b <= 0 {
        return None;
    }
    // Ties go to windows-1256, by far the more common of the two on the web.
    if a >= b {
        Some((WINDOWS_1256, a - b))
    } else {
        Some((ISO_8859_6, b - a))
    }
}

/// Whether decoding with `enc` gives mostly Arabic letters among the non-ASCII characters,
/// as opposed to e.g. French or Persian-free Latin-1 text that merely decodes.
fn looks_arabic(enc: &'static Encoding, sample: &[u8]) -> bool {
    let (text, _) = enc.decode_without_bom_handling(sample);
    let mut arabic = 0usize;
    let mut other = 0usize;
    for c in text.chars().filter(|c| !c.is_ascii()) {
        if crate::chars::is_arabic_letter(c) {
            arabic += 1;
        } else {
            other += 1;
        }
    }
    arabic >= 8 && arabic >= 2 * other
}

/// How plausible the sample is as Arabic text when decoded with `enc`.
///
/// Rewards the frequent Arabic letters (ا ل ي و ن م ه ر ت ب ة ع) and the article/bigram "ال",
/// which a wrong decoding scrambles (ISO-8859-6 "ال" read as windows-1256 is "ان"; its ي and و
/// become ê and è). Penalises Latin-1 letters and symbols appearing next to Arabic letters,
/// Arabic vowel marks that follow no letter (windows-1256 ي read as ISO-8859-6 is a kasratan),
/// and bytes the encoding cannot map at all.
pub(crate) fn arabic_score(enc: &'static Encoding, sample: &[u8]) -> i64 {
    let (text, _) = enc.decode_without_bom_handling(sample);
    let mut score: i64 = 0;
    let mut prev = ' ';
    for c in text.chars() {
        match c {
            'ا' | 'ل' | 'ي' | 'و' | 'ن' | 'م' | 'ه' | 'ر' | 'ت' | 'ب' | 'ة' | 'ع' => {
                score += 1
            }
            '\u{FFFD}' => score -= 8,
            '\u{064B}'..='\u{0652}'
                if !crate::chars::is_arabic_letter(prev) && prev != '\u{0651}' =>
            {
                score -= 3
            }
            '\u{00C0}'..='\u{00FF}' | '\u{0152}' | '\u{0153}' | '\u{0192}' | '\u{02C6}' => {
                if crate::chars::is_arabic_letter(prev) {
                    score -= 4;
                } else {
                    score -= 1;
                }
            }
            _ => {}
        }
        if prev == 'ا' && c == 'ل' {
            score += 3;
        }
        if crate::chars::is_arabic_letter(c) && matches!(prev, '\u{00C0}'..='\u{00FF}') {
            score -= 4;
        }
        prev = c;
    }
    score
}

/// Decodes everything after `skip` bytes (a BOM) with `enc`, counting malformed bytes.
fn finish(enc: &'static Encoding, bytes: &[u8], skip: usize, mut warnings: Vec<String>) -> Decoded {
    let body = &bytes[skip.min(bytes.len())..];
    let (text, bad, first) = if enc == UTF_8 {
        decode_utf8(body)
    } else {
        decode_with(enc, body)
    };
    if bad > 0 {
        warnings.push(format!(
            "invalid {}: {} {} replaced, first at byte {}",
            enc.name(),
            bad,
            if bad == 1 { "byte" } else { "bytes" },
            first + skip
        ));
    }
    Decoded {
        text,
        encoding: enc.name(),
        warnings,
    }
}

/// UTF-8 via std: the valid case (nearly all input) is one validation pass and one copy.
fn decode_utf8(bytes: &[u8]) -> (String, usize, usize) {
    if let Ok(s) = std::str::from_utf8(bytes) {
        return (s.to_owned(), 0, 0);
    }
    let mut out = String::with_capacity(bytes.len() + 16);
    let mut bad = 0usize;
    let mut first = None;
    let mut pos = 0usize;
    let mut s = bytes;
    loop {
        match std::str::from_utf8(s) {
            Ok(v) => {
                out.push_str(v);
                break;
            }
            Err(e) => {
                let good = e.valid_up_to();
                // SAFETY-free: from_utf8 just validated this prefix.
                out.push_str(std::str::from_utf8(&s[..good]).unwrap_or_default());
                let len = e.error_len().unwrap_or(s.len() - good);
                out.push('\u{FFFD}');
                bad += len;
                first.get_or_insert(pos + good);
                pos += good + len;
                s = &s[good + len..];
            }
        }
    }
    (out, bad, first.unwrap_or(0))
}

/// Any other encoding through encoding_rs's streaming decoder, which reports where each
/// malformed sequence is so that we can count bytes and locate the first one.
fn decode_with(enc: &'static Encoding, bytes: &[u8]) -> (String, usize, usize) {
    let mut decoder = enc.new_decoder_without_bom_handling();
    let cap = decoder
        .max_utf8_buffer_length_without_replacement(bytes.len())
        .unwrap_or(bytes.len().saturating_mul(3))
        .saturating_add(16);
    let mut out = String::with_capacity(cap.min(bytes.len().saturating_mul(3) + 16));
    let mut bad = 0usize;
    let mut first = None;
    let mut pos = 0usize;
    loop {
        let (result, read) =
            decoder.decode_to_string_without_replacement(&bytes[pos..], &mut out, true);
        pos += read;
        match result {
            DecoderResult::InputEmpty => break,
            DecoderResult::OutputFull => {
                out.reserve(4096.max(bytes.len() - pos));
            }
            DecoderResult::Malformed(len, after) => {
                let len = len as usize;
                let at = pos.saturating_sub(after as usize + len);
                first.get_or_insert(at);
                bad += len;
                if out.capacity() - out.len() < 3 {
                    out.reserve(16);
                }
                out.push('\u{FFFD}');
            }
        }
    }
    (out, bad, first.unwrap_or(0))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn undeclared() -> DecodeHint {
        DecodeHint::default()
    }

    fn cp1256(s: &str) -> Vec<u8> {
        WINDOWS_1256.encode(s).0.into_owned()
    }

    fn iso(s: &str) -> Vec<u8> {
        ISO_8859_6.encode(s).0.into_owned()
    }

    const NEWS: &str = "أعلنت الحكومة العراقية اليوم عن خطة جديدة لإعادة الإعمار في المدن التي \
                        تضررت من الحرب، وقال المتحدث باسم الوزارة إن العمل سيبدأ الشهر المقبل.";

    #[test]
    fn utf8_plain_and_with_bom() {
        let d = decode("قال الوزير".as_bytes(), &undeclared());
        assert_eq!(d.text, "قال الوزير");
        assert_eq!(d.encoding, "UTF-8");
        assert!(d.warnings.is_empty(), "{:?}", d.warnings);

        let mut b = vec![0xEF, 0xBB, 0xBF];
        b.extend_from_slice("مرصد".as_bytes());
        let d = decode(&b, &undeclared());
        assert_eq!(d.text, "مرصد");
        assert_eq!(d.encoding, "UTF-8");
    }

    #[test]
    fn utf16_with_bom_both_orders() {
        let mut le = vec![0xFF, 0xFE];
        let mut be = vec![0xFE, 0xFF];
        for u in "سوريا 2018".encode_utf16() {
            le.extend_from_slice(&u.to_le_bytes());
            be.extend_from_slice(&u.to_be_bytes());
        }
        let d = decode(&le, &undeclared());
        assert_eq!((d.text.as_str(), d.encoding), ("سوريا 2018", "UTF-16LE"));
        let d = decode(&be, &undeclared());
        assert_eq!((d.text.as_str(), d.encoding), ("سوريا 2018", "UTF-16BE"));
    }

    #[test]
    fn utf16_without_bom_detected() {
        let mut le = Vec::new();
        for u in NEWS.encode_utf16() {
            le.extend_from_slice(&u.to_le_bytes());
        }
        let d = decode(&le, &undeclared());
        assert_eq!(d.encoding, "UTF-16LE");
        assert_eq!(d.text, NEWS);
    }

    #[test]
    fn declared_header_value_and_bare_label() {
        let bytes = cp1256(NEWS);
        let hint = DecodeHint {
            declared: Some("text/html; charset=windows-1256".into()),
            html: false,
        };
        let d = decode(&bytes, &hint);
        assert_eq!(d.encoding, "windows-1256");
        assert_eq!(d.text, NEWS);
        assert!(d.warnings.is_empty(), "{:?}", d.warnings);

        let hint = DecodeHint {
            declared: Some("  CP1256 ".into()),
            html: false,
        };
        assert_eq!(decode(&bytes, &hint).text, NEWS);

        let hint = DecodeHint {
            declared: Some("text/html; charset=\"iso-8859-6\"".into()),
            html: false,
        };
        let d = decode(&iso(NEWS), &hint);
        assert_eq!(d.encoding, "ISO-8859-6");
        assert_eq!(d.text, NEWS);
    }

    #[test]
    fn wrong_declaration_overridden_with_warning() {
        // Declared ISO-8859-6, actually windows-1256.
        let hint = DecodeHint {
            declared: Some("iso-8859-6".into()),
            html: false,
        };
        let d = decode(&cp1256(NEWS), &hint);
        assert_eq!(d.encoding, "windows-1256");
        assert_eq!(d.text, NEWS);
        assert_eq!(
            d.warnings,
            vec!["declared charset ISO-8859-6 contradicted by content; decoded as windows-1256"]
        );
        // Declared Latin-1, actually UTF-8.
        let hint = DecodeHint {
            declared: Some("text/html; charset=ISO-8859-1".into()),
            html: true,
        };
        let d = decode(NEWS.as_bytes(), &hint);
        assert_eq!(d.encoding, "UTF-8");
        assert_eq!(d.text, NEWS);
    }

    #[test]
    fn unknown_declared_label_falls_back_to_detection() {
        let hint = DecodeHint {
            declared: Some("x-klingon".into()),
            html: false,
        };
        let d = decode(NEWS.as_bytes(), &hint);
        assert_eq!(d.encoding, "UTF-8");
        assert_eq!(
            d.warnings,
            vec!["unknown declared charset \"x-klingon\"; detecting instead"]
        );
    }

    #[test]
    fn mime_type_without_charset_is_not_a_declaration() {
        let hint = DecodeHint {
            declared: Some("text/html".into()),
            html: false,
        };
        let d = decode(NEWS.as_bytes(), &hint);
        assert_eq!(d.encoding, "UTF-8");
        assert!(d.warnings.is_empty(), "{:?}", d.warnings);
        let d = decode(&cp1256(NEWS), &hint);
        assert_eq!(d.encoding, "windows-1256");
        assert_eq!(d.warnings, vec!["encoding guessed: windows-1256"]);
    }

    #[test]
    fn meta_charset_sniffing() {
        let page = |head: &str| {
            let mut b = format!("<!DOCTYPE html><html><head>{head}</head><body>").into_bytes();
            b.extend(cp1256(NEWS));
            b
        };
        for head in [
            "<meta charset=\"windows-1256\">",
            "<meta charset=windows-1256>",
            "<META HTTP-EQUIV=\"Content-Type\" CONTENT=\"text/html; charset=windows-1256\">",
            "<meta content='text/html; charset=windows-1256' http-equiv='content-type' />",
        ] {
            let b = page(head);
            assert_eq!(sniff_html_charset(&b), Some(WINDOWS_1256), "{head}");
            let d = decode(
                &b,
                &DecodeHint {
                    declared: None,
                    html: true,
                },
            );
            assert_eq!(d.encoding, "windows-1256");
            assert!(d.text.ends_with(NEWS));
            assert!(d.warnings.is_empty(), "{:?}", d.warnings);
        }
        // Inside a comment: ignored.
        assert_eq!(
            sniff_html_charset(b"<!-- <meta charset=\"koi8-r\"> --><p>x</p>"),
            None
        );
        // Beyond the first 4 KB: ignored.
        let mut far = vec![b' '; 5000];
        far.extend_from_slice(b"<meta charset=\"windows-1256\">");
        assert_eq!(sniff_html_charset(&far), None);
        // UTF-16 in a meta tag means UTF-8.
        assert_eq!(sniff_html_charset(b"<meta charset=utf-16>"), Some(UTF_8));
        // Unterminated junk does not panic.
        assert_eq!(sniff_html_charset(b"<meta charset=\""), None);
        assert_eq!(sniff_html_charset(b"<meta"), None);
        assert_eq!(sniff_html_charset(b"<!--"), None);
    }

    #[test]
    fn guesses_between_the_two_arabic_code_pages() {
        let d = decode(&cp1256(NEWS), &undeclared());
        assert_eq!(d.encoding, "windows-1256");
        assert_eq!(d.text, NEWS);
        assert_eq!(d.warnings, vec!["encoding guessed: windows-1256"]);

        let d = decode(&iso(NEWS), &undeclared());
        assert_eq!(d.encoding, "ISO-8859-6");
        assert_eq!(d.text, NEWS);
        assert_eq!(d.warnings, vec!["encoding guessed: ISO-8859-6"]);
    }

    #[test]
    fn iso_bytes_score_worse_as_windows_1256() {
        let b = iso(NEWS);
        assert!(arabic_score(ISO_8859_6, &b) > arabic_score(WINDOWS_1256, &b) + 50);
        let b = cp1256(NEWS);
        assert!(arabic_score(WINDOWS_1256, &b) > arabic_score(ISO_8859_6, &b) + 50);
    }

    #[test]
    fn invalid_utf8_reported_once_with_count_and_offset() {
        let mut b = NEWS.as_bytes().to_vec();
        let at = b.len();
        b.extend_from_slice(&[0xFF, 0xFE, 0xFD]);
        b.extend_from_slice(" نهاية".as_bytes());
        let d = decode(
            &b,
            &DecodeHint {
                declared: Some("utf-8".into()),
                html: false,
            },
        );
        assert_eq!(d.encoding, "UTF-8");
        assert!(d.text.contains("\u{FFFD}"));
        assert!(d.text.ends_with(" نهاية"));
        assert_eq!(
            d.warnings,
            vec![format!(
                "invalid UTF-8: 3 bytes replaced, first at byte {at}"
            )]
        );
        // Undeclared but mostly valid UTF-8 (truncated mid-character): still UTF-8.
        let mut t = NEWS.as_bytes().to_vec();
        t.push(0xD8);
        let d = decode(&t, &undeclared());
        assert_eq!(d.encoding, "UTF-8");
        assert_eq!(
            d.warnings,
            vec![format!(
                "invalid UTF-8: 1 byte replaced, first at byte {}",
                NEWS.len()
            )]
        );
    }

    #[test]
    fn invalid_legacy_bytes_counted() {
        // 0xA1 is unmapped in ISO-8859-6.
        let mut b = iso("في بيان");
        b.insert(2, 0xA1);
        let (text, bad, first) = decode_with(ISO_8859_6, &b);
        assert_eq!((bad, first), (1, 2));
        assert_eq!(text, "في\u{FFFD} بيان");
    }

    #[test]
    fn never_panics_on_odd_input() {
        let inputs: [&[u8]; 9] = [
            b"",
            b"\xFF",
            b"\xFE",
            b"\xFF\xFE\x00",
            b"\xEF\xBB",
            b"\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00",
            b"<meta charset=",
            b"<meta http-equiv=content-type content=\"charset=",
            b"\xC7\xE4\xD9\xD1\xC8\xEA\xA1",
        ];
        for b in inputs {
            for html in [false, true] {
                for declared in [None, Some("utf-16".to_string()), Some("replacement".into())] {
                    let d = decode(b, &DecodeHint { declared, html });
                    assert!(!d.encoding.is_empty());
                }
            }
        }
    }

    #[test]
    fn ascii_is_utf8_without_warnings() {
        let d = decode(b"Reuters - Moscow", &undeclared());
        assert_eq!(d.encoding, "UTF-8");
        assert!(d.warnings.is_empty());
    }
}
