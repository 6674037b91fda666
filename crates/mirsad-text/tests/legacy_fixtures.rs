//! Encoding detection against real legacy-encoded Arabic from the shared fixtures
//! (`shared/data/news/legacy_encoding_fixtures`, see its README.txt). Skips when the shared
//! data is not mounted, so the crate still tests on a bare checkout.

use mirsad_text::{decode, DecodeHint};
use std::path::PathBuf;

fn fixtures() -> Option<PathBuf> {
    let shared = std::env::var_os("MIRSAD_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared"));
    let dir = shared.join("data/news/legacy_encoding_fixtures");
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!(
            "skipping: ../shared/data not found ({} missing; set MIRSAD_SHARED)",
            dir.display()
        );
        None
    }
}

fn read(dir: &std::path::Path, rel: &str) -> Vec<u8> {
    std::fs::read(dir.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

fn undeclared(html: bool) -> DecodeHint {
    DecodeHint {
        declared: None,
        html,
    }
}

#[test]
fn uchardet_paragraph_in_three_encodings_decodes_identically() {
    let Some(dir) = fixtures() else { return };
    let expected = String::from_utf8(read(&dir, "uchardet/ar_utf-8.txt")).unwrap();

    let d = decode(&read(&dir, "uchardet/ar_utf-8.txt"), &undeclared(false));
    assert_eq!(d.encoding, "UTF-8");
    assert_eq!(d.text, expected);

    let d = decode(
        &read(&dir, "uchardet/ar_windows-1256.txt"),
        &undeclared(false),
    );
    assert_eq!(d.encoding, "windows-1256");
    assert_eq!(d.text, expected);
    assert_eq!(d.warnings, vec!["encoding guessed: windows-1256"]);

    let d = decode(
        &read(&dir, "uchardet/ar_iso-8859-6.txt"),
        &undeclared(false),
    );
    assert_eq!(d.encoding, "ISO-8859-6");
    assert_eq!(d.text, expected);
    assert_eq!(d.warnings, vec!["encoding guessed: ISO-8859-6"]);
    assert!(d.text.contains("صفحة كود تستخدم في كتابة اللغة العربية"));
}

#[test]
fn chromium_pages_without_declared_charset() {
    let Some(dir) = fixtures() else { return };
    let d = decode(
        &read(
            &dir,
            "chardet/_chromium_windows-1256_with_no_encoding_specified.html",
        ),
        &undeclared(true),
    );
    assert_eq!(d.encoding, "windows-1256");
    assert!(
        d.text.contains("أعلنت كتائب الشهيد عز الدين القسام"),
        "{}",
        d.text
    );
    assert!(d.text.contains("شمال قطاع غزة"));

    let iso = decode(
        &read(
            &dir,
            "chardet/_chromium_ISO-8859-6_with_no_encoding_specified.html",
        ),
        &undeclared(true),
    );
    assert_eq!(iso.encoding, "ISO-8859-6");
    assert!(iso
        .text
        .contains("تمكنت كتائب الشهيد عز الدين القسام في الساعة 16:20"));
    // Same article in both pages: identical once the <title> naming the encoding is skipped.
    let body = |t: &str| t[t.find("<body").unwrap()..].to_string();
    assert_eq!(body(&iso.text), body(&d.text));
}

#[test]
fn charset_normalizer_sample_matches_its_utf8_twin() {
    let Some(dir) = fixtures() else { return };
    let expected = String::from_utf8(read(&dir, "charset_normalizer/sample-arabic.txt")).unwrap();
    let d = decode(
        &read(&dir, "charset_normalizer/sample-arabic-1.txt"),
        &undeclared(false),
    );
    assert_eq!(d.encoding, "windows-1256");
    assert_eq!(d.text, expected);
}

#[test]
fn every_legacy_fixture_survives_a_wrong_declaration() {
    let Some(dir) = fixtures() else { return };
    for (rel, truth, wrong) in [
        ("uchardet/ar_windows-1256.txt", "windows-1256", "iso-8859-6"),
        ("uchardet/ar_iso-8859-6.txt", "ISO-8859-6", "windows-1256"),
        (
            "charset_normalizer/sample-arabic-1.txt",
            "windows-1256",
            "iso-8859-1",
        ),
    ] {
        let hint = DecodeHint {
            declared: Some(format!("text/plain; charset={wrong}")),
            html: false,
        };
        let d = decode(&read(&dir, rel), &hint);
        assert_eq!(d.encoding, truth, "{rel}");
        assert_eq!(d.warnings.len(), 1, "{rel}: {:?}", d.warnings);
    }
}
