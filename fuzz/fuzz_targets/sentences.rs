//! Sentences are ordered, non-overlapping, non-empty, trimmed, on char boundaries, within the
//! cap, and cover every visible char exactly once.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mirsad_text::chars::is_blank;
use mirsad_text::sentences::{split_sentences_capped, MIN_SENTENCE_CAP};

fuzz_target!(|data: &[u8]| {
    let Some((&cap, body)) = data.split_first() else {
        return;
    };
    let text = String::from_utf8_lossy(body);
    let cap = cap as usize; // small caps exercise the run-on splitter hard
    let ranges = split_sentences_capped(&text, cap);
    let cap = cap.max(MIN_SENTENCE_CAP);
    let mut last = 0;
    let mut covered = 0;
    for r in &ranges {
        assert!(r.start >= last, "out of order: {ranges:?}");
        assert!(r.start < r.end, "empty: {ranges:?}");
        assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end));
        let s = &text[r.clone()];
        assert_eq!(s.trim_matches(is_blank), s, "untrimmed");
        assert!(
            s.chars().count() <= cap,
            "over cap {cap}: {}",
            s.chars().count()
        );
        covered += s.chars().filter(|&c| !is_blank(c)).count();
        // Gaps between sentences hold only blanks.
        assert!(text[last..r.start].chars().all(is_blank), "dropped text");
        last = r.end;
    }
    assert!(text[last..].chars().all(is_blank), "dropped tail");
    assert_eq!(covered, text.chars().filter(|&c| !is_blank(c)).count());
});
