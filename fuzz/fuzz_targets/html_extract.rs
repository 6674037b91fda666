#![no_main]
//! Main-text extraction must not panic, hang or overflow the stack on any HTML.
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let html = String::from_utf8_lossy(data);
    let x = mirsad_ingest::extract_html(&html, Some("https://example.com/2020/01/02/x"));
    // Paragraphs are non-empty and trimmed.
    for line in x.text.lines() {
        assert!(!line.is_empty());
        assert_eq!(line, line.trim());
    }
    let _ = mirsad_ingest::dates::normalize_date(&html);
});
