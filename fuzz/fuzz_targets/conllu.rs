//! The CoNLL-U reader (`mirsad conllu`, `mirsad eval ud`, `mirsad train morph`) returns an error
//! or sentences on any input, never panics; what it accepts it writes back and reads again to
//! the same sentences.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mirsad_morph::conllu;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(sentences) = conllu::parse(text, "fuzz.conllu") else {
        return;
    };
    for s in &sentences {
        let _ = s.sent_id();
        let _ = s.text();
        let _ = s.surface_tokens();
    }
    let written = conllu::to_string(&sentences);
    let reread = conllu::parse(&written, "rewritten.conllu")
        .expect("what the writer produces, the reader accepts");
    assert_eq!(reread.len(), sentences.len());
});
