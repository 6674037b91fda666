//! Regression inputs for the public API, as byte literals, checked against the same invariants
//! the fuzz targets assert (`fuzz/fuzz_targets/*.rs`).
//!
//! Fuzz crashes go here verbatim (see FUZZING.md). The campaigns so far found none, so this file
//! holds the boundary cases written while building the fuzz targets: truncated UTF-8 and UTF-16,
//! meta tags straddling the 4 KB sniff window, invisible controls at token and sentence edges,
//! run-on caps at their minimum, and clitic words that reduce to nothing.

use mirsad_text::chars::{is_blank, is_format_control};
use mirsad_text::sentences::{split_sentences_capped, MIN_SENTENCE_CAP};
use mirsad_text::{clitic_splits, decode, strip_for_lookup, tokenize, DecodeHint};

const INPUTS: &[&[u8]] = &[
    b"",
    b"\x80",
    b"\xD8",
    b"\xFF\xFE\xD8",
    b"\xFE\xFF\x06",
    b"\xEF\xBB\xBF\xD9",
    b"\xEF\xBB\xBF",
    b"\xC7\xE4\xD9\xD1\xC8\xEA\xA1 \xC7\xE4",
    b"<meta charset='x-user-defined'>\xC7\xE4",
    b"<meta http-equiv=content-type content=\"text/html;charset=\"",
    b"<!-- <meta charset=koi8-r> -- ><meta charset=windows-1256>\xC7\xE4",
    // `.` and `؟` right before invisible controls and line separators
    "\u{0627}.\u{200F}\u{2028}\u{061F}\u{FEFF}".as_bytes(),
    "\u{200C}\u{0628}\u{200C}".as_bytes(),
    "ـ\u{064B}\u{0640}".as_bytes(),
    "1.\n2.\n...\n… ؟!؟!\u{85}".as_bytes(),
    "#_\u{200D}\u{0628}@_ a@b.c www.( http://) 1/2/2018/ 2018-1-1.5 ٢٢/٦/٢٠٠٨م".as_bytes(),
    "👨\u{200D}\u{200D}👩\u{200D}".as_bytes(),
    "وللل لل ال وال ف و سي ستت هما".as_bytes(),
];

fn hints() -> Vec<DecodeHint> {
    let mut v = Vec::new();
    for declared in [
        None,
        Some("windows-1256"),
        Some("text/html; charset="),
        Some("utf-16"),
        Some("replacement"),
    ] {
        for html in [false, true] {
            v.push(DecodeHint {
                declared: declared.map(str::to_string),
                html,
            });
        }
    }
    v
}

#[test]
fn decode_never_panics_and_reports_at_most_one_replacement_warning() {
    let mut inputs: Vec<Vec<u8>> = INPUTS.iter().map(|b| b.to_vec()).collect();
    // A meta tag straddling the 4 KB sniff window.
    let mut straddle = vec![b' '; 4090];
    straddle.extend_from_slice(b"<meta charset=\"windows-1256\">\xC7\xE4");
    inputs.push(straddle);
    for b in &inputs {
        for h in hints() {
            let d = decode(b, &h);
            assert!(!d.encoding.is_empty());
            let n = d
                .warnings
                .iter()
                .filter(|w| w.starts_with("invalid "))
                .count();
            assert!(n <= 1, "{b:?} {h:?}: {:?}", d.warnings);
        }
    }
}

#[test]
fn sentence_invariants() {
    for b in INPUTS {
        let text = String::from_utf8_lossy(b);
        for cap in [0, 1, MIN_SENTENCE_CAP, 17, 400] {
            let ranges = split_sentences_capped(&text, cap);
            let mut last = 0;
            for r in &ranges {
                assert!(r.start >= last && r.start < r.end, "{text:?}: {ranges:?}");
                let s = &text[r.clone()];
                assert_eq!(s.trim_matches(is_blank), s);
                assert!(s.chars().count() <= cap.max(MIN_SENTENCE_CAP));
                assert!(text[last..r.start].chars().all(is_blank));
                last = r.end;
            }
            assert!(text[last..].chars().all(is_blank));
        }
    }
}

#[test]
fn token_invariants() {
    for b in INPUTS {
        let text = String::from_utf8_lossy(b);
        let mut last = 0;
        for t in tokenize(&text) {
            assert!(t.start >= last && t.start < t.end);
            let s = &text[t.start..t.end];
            let (f, l) = (s.chars().next().unwrap(), s.chars().next_back().unwrap());
            assert!(!is_format_control(f) && !is_format_control(l), "{s:?}");
            assert!(!f.is_whitespace() && !l.is_whitespace());
            assert!(text[last..t.start].chars().all(is_blank), "{text:?}");
            last = t.end;
        }
        assert!(text[last..].chars().all(is_blank));
    }
}

#[test]
fn clitic_invariants() {
    for b in INPUTS {
        let text = String::from_utf8_lossy(b);
        for w in text.split(' ') {
            let splits = clitic_splits(w);
            assert_eq!(splits.is_empty(), w.is_empty());
            for s in &splits {
                assert!(w.is_char_boundary(s.stem.start) && w.is_char_boundary(s.stem.end));
                assert!(s.stem.start < s.stem.end);
            }
            if !w.is_empty() {
                assert_eq!(strip_for_lookup(w).next().as_deref(), Some(w));
            }
        }
    }
}
