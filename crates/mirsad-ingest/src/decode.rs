//! The single place where bytes become text.
//!
//! Charset detection belongs to `mirsad-text`; this adapter only keeps the crate usable until that
//! lands, so it deliberately does the minimum: strip a UTF-8 BOM and decode lossily, warning when
//! bytes had to be replaced so the loss is visible downstream.

/// Decode `bytes`, honouring `declared` (an HTTP/meta charset label) once the real decoder is in.
///
/// Returns the text and the warnings produced while decoding.
// TODO(merge): call mirsad_text::decode::decode(bytes, DecodeHint { declared, html }) and map
// Decoded { text, warnings, .. } here; nothing else in the crate decodes bytes.
pub(crate) fn decode_bytes(
    bytes: &[u8],
    declared: Option<&str>,
    html: bool,
) -> (String, Vec<String>) {
    let _ = (declared, html);
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(body) {
        Ok(s) => (s.to_string(), Vec::new()),
        Err(e) => {
            let text = String::from_utf8_lossy(body).into_owned();
            let bad = text.chars().filter(|&c| c == '\u{FFFD}').count();
            let mut warning = format!(
                "invalid UTF-8 at byte {}: {bad} replacement character(s) inserted",
                e.valid_up_to()
            );
            if let Some(label) = declared {
                if !label.eq_ignore_ascii_case("utf-8") && !label.eq_ignore_ascii_case("utf8") {
                    warning.push_str(&format!(" (declared charset {label} not supported yet)"));
                }
            }
            (text, vec![warning])
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bom_and_invalid_bytes() {
        let (t, w) = decode_bytes(b"\xEF\xBB\xBFabc", None, false);
        assert_eq!(t, "abc");
        assert!(w.is_empty());
        let (t, w) = decode_bytes(b"a\xFFb", Some("windows-1256"), true);
        assert_eq!(t, "a\u{FFFD}b");
        assert_eq!(w.len(), 1);
        assert!(w[0].contains("byte 1"));
    }
}
