//! Tokens are ordered, non-empty, on char boundaries, never start or end with white space or
//! an invisible control, and leave only blanks uncovered.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mirsad_core::TokenKind;
use mirsad_text::chars::{is_blank, is_format_control};
use mirsad_text::tokenize;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let toks = tokenize(&text);
    let mut last = 0;
    for t in &toks {
        assert!(t.start >= last && t.start < t.end, "order: {toks:?}");
        assert!(text.is_char_boundary(t.start) && text.is_char_boundary(t.end));
        let s = &text[t.start..t.end];
        let first = s.chars().next().unwrap();
        let end = s.chars().next_back().unwrap();
        assert!(!first.is_whitespace() && !is_format_control(first), "{s:?}");
        assert!(!end.is_whitespace() && !is_format_control(end), "{s:?}");
        assert!(!s.contains(char::is_whitespace), "white space inside {s:?}");
        assert!(
            text[last..t.start].chars().all(is_blank),
            "skipped {:?}",
            &text[last..t.start]
        );
        if t.kind == TokenKind::Word {
            assert!(s.chars().any(mirsad_text::chars::is_arabic_letter));
        }
        last = t.end;
    }
    assert!(text[last..].chars().all(is_blank));
});
