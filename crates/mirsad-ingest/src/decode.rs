//! The single place where the readers turn bytes into text: everything goes through
//! `mirsad_text::decode`, which owns charset detection (BOMs, declared charsets, `<meta>`,
//! windows-1256 vs ISO-8859-6).

use mirsad_text::decode::{decode, DecodeHint};

/// Decodes `bytes`, honouring `declared` (an HTTP header / WARC / meta charset label) when it is
/// consistent with the bytes. Returns the text and the warnings produced while decoding.
pub(crate) fn decode_bytes(
    bytes: &[u8],
    declared: Option<&str>,
    html: bool,
) -> (String, Vec<String>) {
    let decoded = decode(
        bytes,
        &DecodeHint {
            declared: declared.map(str::to_string),
            html,
        },
    );
    (decoded.text, decoded.warnings)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bom_invalid_bytes_and_legacy_charsets() {
        let (t, w) = decode_bytes(b"\xEF\xBB\xBFabc", None, false);
        assert_eq!(t, "abc");
        assert!(w.is_empty());
        let (t, w) = decode_bytes(b"a\xFFb", Some("utf-8"), false);
        assert_eq!(t, "a\u{FFFD}b");
        assert_eq!(w.len(), 1);
        assert!(w[0].contains("byte 1"), "{w:?}");
        // "مرحبا بكم في الموقع" in windows-1256, declared by the server
        let cp1256 = encoding_rs::WINDOWS_1256.encode("مرحبا بكم في الموقع").0;
        let (t, _) = decode_bytes(&cp1256, Some("text/html; charset=windows-1256"), true);
        assert_eq!(t, "مرحبا بكم في الموقع");
    }
}
