//! Publication-date normalisation.
//!
//! News pages state dates in every imaginable way (ISO meta tags, `17/03/2020`, `Tue, 17 Mar
//! 2020`, `10 جوان 2019` with Maghrebi, Levantine or Egyptian month names, Eastern-Arabic
//! digits). Everything is normalised to ISO-8601 `YYYY-MM-DD`, keeping the time (and zone) only
//! when the source gave a full ISO timestamp, so that dates from different outlets compare as
//! strings.

/// Normalise a date string; `None` when no plausible calendar date is found.
pub fn normalize_date(raw: &str) -> Option<String> {
    let s: String = raw.trim().chars().map(ascii_digit).collect();
    let s = s.trim();
    if s.is_empty() || s.len() > 200 {
        return None;
    }
    iso_like(s)
        .or_else(|| numeric_dmy(s))
        .or_else(|| compact(s))
        .or_else(|| textual(s))
}

/// A date from a URL path such as `/2018/05/17/`, `/2020-06-03-1.38`, `/20180517` or
/// `/story/2020/8/24/`.
pub fn date_from_url(url: &str) -> Option<String> {
    let path = match url.find("://") {
        Some(i) => {
            let rest = &url[i + 3..];
            &rest[rest.find('/').unwrap_or(rest.len())..]
        }
        None => url,
    };
    let bytes = path.as_bytes();
    let segs: Vec<&str> = path.split(['/', '?', '&', '=']).collect();
    // /YYYY/MM/DD/
    for w in segs.windows(3) {
        if let (Some(y), Some(m), Some(d)) = (num(w[0], 4), num_1_2(w[1]), num_1_2_prefix(w[2])) {
            if let Some(v) = ymd(y, m, d) {
                return Some(v);
            }
        }
    }
    // YYYY-MM-DD or YYYY_MM_DD anywhere, digit-bounded.
    for i in 0..bytes.len() {
        if i > 0 && bytes[i - 1].is_ascii_digit() {
            continue;
        }
        if let Some(v) = sep_ymd_at(&bytes[i..]) {
            return Some(v);
        }
    }
    // A path segment that is (or starts with) YYYYMMDD.
    for seg in &segs {
        let b = seg.as_bytes();
        let n = b.iter().take_while(|c| c.is_ascii_digit()).count();
        if n == 8 {
            if let Some(v) = ymd(
                digits_at(b, 4)?,
                digits_at(&b[4..], 2)?,
                digits_at(&b[6..], 2)?,
            ) {
                return Some(v);
            }
        }
    }
    None
}

fn ascii_digit(c: char) -> char {
    match c {
        '\u{0660}'..='\u{0669}' => char::from(b'0' + (c as u32 - 0x0660) as u8),
        '\u{06F0}'..='\u{06F9}' => char::from(b'0' + (c as u32 - 0x06F0) as u8),
        _ => c,
    }
}

fn num(s: &str, len: usize) -> Option<u32> {
    if s.len() == len && s.bytes().all(|b| b.is_ascii_digit()) {
        s.parse().ok()
    } else {
        None
    }
}

fn num_1_2(s: &str) -> Option<u32> {
    if (1..=2).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit()) {
        s.parse().ok()
    } else {
        None
    }
}

/// `17` or `17-some-slug`.
fn num_1_2_prefix(s: &str) -> Option<u32> {
    let d: String = s.chars().take_while(|c| c.is_ascii_digit()).collect();
    let rest = &s[d.len()..];
    if !rest.is_empty() && !rest.starts_with(['-', '_', '.']) {
        return None;
    }
    num_1_2(&d)
}

fn leap(y: u32) -> bool {
    matches!((y % 4, y % 100, y % 400), (0, 1.., _) | (_, _, 0))
}

fn days_in_month(y: u32, m: u32) -> u32 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap(y) => 29,
        2 => 28,
        _ => 0,
    }
}

fn ymd(y: u32, m: u32, d: u32) -> Option<String> {
    if !(1900..=2100).contains(&y) || !(1..=12).contains(&m) || d == 0 || d > days_in_month(y, m) {
        return None;
    }
    Some(format!("{y:04}-{m:02}-{d:02}"))
}

fn digits_at(b: &[u8], n: usize) -> Option<u32> {
    if b.len() < n || !b[..n].iter().all(|c| c.is_ascii_digit()) {
        return None;
    }
    std::str::from_utf8(&b[..n]).ok()?.parse().ok()
}

/// `YYYY-MM-DD` / `YYYY/MM/DD` / `YYYY.MM.DD` / `YYYY_MM_DD` at the start of `b`, not followed by
/// another digit.
fn sep_ymd_at(b: &[u8]) -> Option<String> {
    let y = digits_at(b, 4)?;
    let sep = *b.get(4)?;
    if !matches!(sep, b'-' | b'/' | b'.' | b'_') {
        return None;
    }
    let (m, ml) = one_or_two(&b[5..])?;
    if b.get(5 + ml) != Some(&sep) {
        return None;
    }
    let (d, dl) = one_or_two(&b[6 + ml..])?;
    if b.get(6 + ml + dl).is_some_and(|c| c.is_ascii_digit()) {
        return None;
    }
    ymd(y, m, d)
}

fn one_or_two(b: &[u8]) -> Option<(u32, usize)> {
    if let Some(v) = digits_at(b, 2) {
        return Some((v, 2));
    }
    digits_at(b, 1).map(|v| (v, 1))
}

/// ISO forms. A `T`-separated timestamp is kept whole (normalised), a space-separated one too
/// (with `T`), a bare date is returned as `YYYY-MM-DD`.
fn iso_like(s: &str) -> Option<String> {
    let b = s.as_bytes();
    let start = (0..b.len().saturating_sub(7))
        .find(|&i| (i == 0 || !b[i - 1].is_ascii_digit()) && sep_ymd_at(&b[i..]).is_some())?;
    let b = &b[start..];
    let date = sep_ymd_at(b)?;
    // Length of the date part actually consumed.
    let mut i = 4 + 1;
    while i < b.len() && b[i].is_ascii_digit() {
        i += 1;
    }
    i += 1;
    while i < b.len() && b[i].is_ascii_digit() {
        i += 1;
    }
    if b.get(4) != Some(&b'-') {
        return Some(date);
    }
    match b.get(i) {
        Some(b'T') | Some(b't') | Some(b' ') => {}
        _ => return Some(date),
    }
    let t = &b[i + 1..];
    let (hh, mm) = (
        digits_at(t, 2),
        t.get(2)
            .filter(|&&c| c == b':')
            .and_then(|_| digits_at(t.get(3..)?, 2)),
    );
    let (Some(hh), Some(mm)) = (hh, mm) else {
        return Some(date);
    };
    if hh > 23 || mm > 59 {
        return Some(date);
    }
    let mut j = 5;
    let mut ss = 0;
    if t.get(5) == Some(&b':') {
        if let Some(v) = digits_at(&t[6..], 2) {
            if v <= 60 {
                ss = v;
            }
            j = 8;
            if t.get(8) == Some(&b'.') || t.get(8) == Some(&b',') {
                j = 9;
                while t.get(j).is_some_and(|c| c.is_ascii_digit()) {
                    j += 1;
                }
            }
        }
    }
    let tz = parse_zone(&t[j..]);
    Some(format!("{date}T{hh:02}:{mm:02}:{ss:02}{tz}"))
}

fn parse_zone(b: &[u8]) -> String {
    let b = if b.first() == Some(&b' ') { &b[1..] } else { b };
    match b.first() {
        Some(b'Z') | Some(b'z') => "Z".into(),
        Some(&c @ (b'+' | b'-')) => {
            let rest = &b[1..];
            let (h, m) = if let (Some(h), true, Some(m)) = (
                digits_at(rest, 2),
                rest.get(2) == Some(&b':'),
                digits_at(rest.get(3..).unwrap_or(&[]), 2),
            ) {
                (h, m)
            } else if let (Some(h), Some(m)) = (
                digits_at(rest, 2),
                digits_at(rest.get(2..).unwrap_or(&[]), 2),
            ) {
                (h, m)
            } else if let Some(h) = digits_at(rest, 2) {
                (h, 0)
            } else {
                return String::new();
            };
            if h > 14 || m > 59 {
                return String::new();
            }
            format!("{}{h:02}:{m:02}", c as char)
        }
        _ => String::new(),
    }
}

/// `17/03/2020`, `17-3-2020`, `17.03.2020`: day first, as everywhere in the Arab world.
fn numeric_dmy(s: &str) -> Option<String> {
    let b = s.as_bytes();
    for i in 0..b.len() {
        if i > 0 && b[i - 1].is_ascii_digit() {
            continue;
        }
        let Some((d, dl)) = one_or_two(&b[i..]) else {
            continue;
        };
        let sep = match b.get(i + dl) {
            Some(&c @ (b'/' | b'-' | b'.')) => c,
            _ => continue,
        };
        let Some((m, ml)) = one_or_two(&b[i + dl + 1..]) else {
            continue;
        };
        if b.get(i + dl + 1 + ml) != Some(&sep) {
            continue;
        }
        let k = i + dl + 2 + ml;
        let Some(y) = digits_at(&b[k..], 4) else {
            continue;
        };
        if b.get(k + 4).is_some_and(|c| c.is_ascii_digit()) {
            continue;
        }
        if let Some(v) = ymd(y, m, d) {
            return Some(v);
        }
    }
    None
}

/// A bare `YYYYMMDD`.
fn compact(s: &str) -> Option<String> {
    let t = s.trim();
    if t.len() == 8 {
        let b = t.as_bytes();
        return ymd(
            digits_at(b, 4)?,
            digits_at(&b[4..], 2)?,
            digits_at(&b[6..], 2)?,
        );
    }
    None
}

/// Month names: English (full and abbreviated), French, Egyptian/Gulf transliterations,
/// Maghrebi (Tunisia/Algeria/Morocco) and Levantine (Syriac) names.
const MONTHS: &[(&str, u32)] = &[
    ("january", 1),
    ("jan", 1),
    ("february", 2),
    ("feb", 2),
    ("march", 3),
    ("mar", 3),
    ("april", 4),
    ("apr", 4),
    ("may", 5),
    ("june", 6),
    ("jun", 6),
    ("july", 7),
    ("jul", 7),
    ("august", 8),
    ("aug", 8),
    ("september", 9),
    ("sep", 9),
    ("sept", 9),
    ("october", 10),
    ("oct", 10),
    ("november", 11),
    ("nov", 11),
    ("december", 12),
    ("dec", 12),
    ("janvier", 1),
    ("février", 2),
    ("fevrier", 2),
    ("mars", 3),
    ("avril", 4),
    ("mai", 5),
    ("juin", 6),
    ("juillet", 7),
    ("août", 8),
    ("aout", 8),
    ("septembre", 9),
    ("octobre", 10),
    ("novembre", 11),
    ("décembre", 12),
    ("decembre", 12),
    ("يناير", 1),
    ("فبراير", 2),
    ("مارس", 3),
    ("أبريل", 4),
    ("ابريل", 4),
    ("إبريل", 4),
    ("مايو", 5),
    ("يونيو", 6),
    ("يونيه", 6),
    ("يوليو", 7),
    ("يوليه", 7),
    ("أغسطس", 8),
    ("اغسطس", 8),
    ("سبتمبر", 9),
    ("أكتوبر", 10),
    ("اكتوبر", 10),
    ("نوفمبر", 11),
    ("ديسمبر", 12),
    ("جانفي", 1),
    ("فيفري", 2),
    ("أفريل", 4),
    ("افريل", 4),
    ("ماي", 5),
    ("جوان", 6),
    ("جويلية", 7),
    ("أوت", 8),
    ("اوت", 8),
    ("غشت", 8),
    ("يوليوز", 7),
    ("شتنبر", 9),
    ("أكتوبر", 10),
    ("نونبر", 11),
    ("دجنبر", 12),
    ("شباط", 2),
    ("آذار", 3),
    ("اذار", 3),
    ("نيسان", 4),
    ("أيار", 5),
    ("ايار", 5),
    ("حزيران", 6),
    ("تموز", 7),
    ("آب", 8),
    ("اب", 8),
    ("أيلول", 9),
    ("ايلول", 9),
];

fn month_at(toks: &[String], i: usize) -> Option<(u32, usize)> {
    let t = toks[i].as_str();
    let next = toks.get(i + 1).map(|s| s.as_str());
    let second = |n: Option<&str>| -> Option<u32> {
        match n? {
            "الثاني" | "الثانى" => Some(2),
            "الأول" | "الاول" => Some(1),
            _ => None,
        }
    };
    match t {
        "كانون" => match second(next)? {
            2 => Some((1, 2)),
            _ => Some((12, 2)),
        },
        "تشرين" => match second(next)? {
            1 => Some((10, 2)),
            _ => Some((11, 2)),
        },
        _ => MONTHS.iter().find(|(n, _)| *n == t).map(|&(_, m)| (m, 1)),
    }
}

fn textual(s: &str) -> Option<String> {
    let lower = s.to_lowercase();
    let toks: Vec<String> = lower
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | '،' | '.' | '-' | '/' | '|'))
        .filter(|t| !t.is_empty())
        .map(|t| t.trim_start_matches('ف').to_string())
        .map(|t| {
            if t.chars().count() > 3 {
                t.trim_start_matches("في").to_string()
            } else {
                t
            }
        })
        .collect();
    let day = |t: &str| -> Option<u32> {
        let t = t.trim_end_matches(|c: char| c.is_alphabetic());
        num_1_2(t)
    };
    for i in 0..toks.len() {
        let Some((m, len)) = month_at(&toks, i) else {
            continue;
        };
        let mut after = i + len;
        // "24 نيسان / أبريل 2020": Levantine and Egyptian names side by side.
        if after < toks.len() {
            if let Some((_, l2)) = month_at(&toks, after) {
                after += l2;
            }
        }
        // day month year
        if i > 0 {
            if let (Some(d), Some(y)) = (day(&toks[i - 1]), toks.get(after).and_then(|t| num(t, 4)))
            {
                if let Some(v) = ymd(y, m, d) {
                    return Some(v);
                }
            }
        }
        // month day year
        if let (Some(d), Some(y)) = (
            toks.get(after).and_then(|t| day(t)),
            toks.get(after + 1).and_then(|t| num(t, 4)),
        ) {
            if let Some(v) = ymd(y, m, d) {
                return Some(v);
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_forms() {
        assert_eq!(
            normalize_date("2017-01-20T21:43:00+01:00").unwrap(),
            "2017-01-20T21:43:00+01:00"
        );
        assert_eq!(
            normalize_date("2020-03-17T10:05Z").unwrap(),
            "2020-03-17T10:05:00Z"
        );
        assert_eq!(
            normalize_date("2015-08-01 08:00:57").unwrap(),
            "2015-08-01T08:00:57"
        );
        assert_eq!(normalize_date("2020-06-03").unwrap(), "2020-06-03");
        assert_eq!(normalize_date("2020/6/3").unwrap(), "2020-06-03");
        assert_eq!(
            normalize_date("2020-12-01T09:00:00.123+0300").unwrap(),
            "2020-12-01T09:00:00+03:00"
        );
        assert_eq!(normalize_date("2020-02-30"), None);
        // Fuzz regressions (cargo fuzz html_extract / warc_reader): a date followed by a
        // separator and fewer than three more bytes indexed past the end.
        assert_eq!(normalize_date("2020-03-17t").unwrap(), "2020-03-17");
        assert_eq!(normalize_date("+2020-03-17ty").unwrap(), "2020-03-17");
        assert_eq!(normalize_date("2020-03-17 1").unwrap(), "2020-03-17");
        assert_eq!(normalize_date("2020-03-17T12").unwrap(), "2020-03-17");
    }

    #[test]
    fn other_forms() {
        assert_eq!(normalize_date("18/12/2016").unwrap(), "2016-12-18");
        assert_eq!(normalize_date("٢٤/٠٨/٢٠٢٠").unwrap(), "2020-08-24");
        assert_eq!(normalize_date("20170302").unwrap(), "2017-03-02");
        assert_eq!(
            normalize_date("Tue, 17 Mar 2020 10:00:00 GMT").unwrap(),
            "2020-03-17"
        );
        assert_eq!(normalize_date("March 17, 2020").unwrap(), "2020-03-17");
        assert_eq!(normalize_date("الإثنين 10 جوان 2019").unwrap(), "2019-06-10");
        assert_eq!(normalize_date("3 كانون الثاني 2021").unwrap(), "2021-01-03");
        assert_eq!(
            normalize_date("الخميس، 24 أغسطس 2020 - 10:00 ص").unwrap(),
            "2020-08-24"
        );
        assert_eq!(
            normalize_date("تم نشره الجمعة 24 نيسان / أبريل 2020 09:22 مساءً").unwrap(),
            "2020-04-24"
        );
        assert_eq!(normalize_date("nothing here"), None);
        assert_eq!(normalize_date(""), None);
    }

    #[test]
    fn urls() {
        assert_eq!(
            date_from_url("https://x.com/2018/05/17/slug").unwrap(),
            "2018-05-17"
        );
        assert_eq!(
            date_from_url("https://www.youm7.com/story/2020/8/24/slug/4943459").unwrap(),
            "2020-08-24"
        );
        assert_eq!(
            date_from_url("https://www.albayan.ae/across/news/2020-06-03-1.3874341").unwrap(),
            "2020-06-03"
        );
        assert_eq!(
            date_from_url("https://x.com/news/20180517/x").unwrap(),
            "2018-05-17"
        );
        assert_eq!(
            date_from_url("https://www.beirutobserver.com/2020/11/2338761/"),
            None
        );
        assert_eq!(date_from_url("https://x.com/a/123456"), None);
    }
}
