//! The offset map is total, monotonic and lands on char boundaries of the original; mapped spans
//! slice the original safely; the map-free fast path gives the same text.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mirsad_text::normalize::{normalize, normalize_into, NormalizeOptions};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    for opts in [NormalizeOptions::default(), NormalizeOptions::matching()] {
        let view = normalize(&text, &opts);
        let mut last = 0;
        for i in (0..=view.text.len()).filter(|&i| view.text.is_char_boundary(i)) {
            let o = view.to_original(i);
            assert!(o >= last && o <= text.len() && text.is_char_boundary(o));
            last = o;
        }
        let bounds: Vec<usize> = (0..=view.text.len())
            .filter(|&i| view.text.is_char_boundary(i))
            .collect();
        for w in bounds.windows(2).step_by(3) {
            let r = view.original_range(w[0]..w[1]);
            assert!(r.start <= r.end && r.end <= text.len());
            let _ = &text[r];
        }
        let mut fast = String::new();
        normalize_into(&text, &opts, &mut fast);
        assert_eq!(fast, view.text);
    }
});
