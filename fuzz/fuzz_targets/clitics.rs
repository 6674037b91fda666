//! Every clitic analysis has an in-bounds, char-aligned, non-empty stem, and the first
//! analysis is the word itself; lookup keys start with the word.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mirsad_text::clitics::{clitic_splits, strip_for_lookup};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    for word in text.split(char::is_whitespace).take(64) {
        let splits = clitic_splits(word);
        if word.is_empty() {
            assert!(splits.is_empty());
            continue;
        }
        assert_eq!(splits[0].stem, 0..word.len());
        assert_eq!(splits[0].stem_str, word);
        for s in &splits {
            assert!(s.stem.start < s.stem.end && s.stem.end <= word.len());
            assert!(word.is_char_boundary(s.stem.start) && word.is_char_boundary(s.stem.end));
            assert!(!s.stem_str.is_empty());
        }
        let keys: Vec<String> = strip_for_lookup(word).collect();
        assert_eq!(keys.first().map(String::as_str), Some(word));
    }
});
