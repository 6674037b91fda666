#![no_main]
//! JSON/JSONL readers (line mode, array splitter, value stream) must not panic on any bytes.
use libfuzzer_sys::fuzz_target;
use mirsad_ingest::{read_all, IngestOptions, InputSource};

fuzz_target!(|data: &[u8]| {
    let opts = IngestOptions {
        keep_non_arabic: true,
        max_doc_bytes: 64 * 1024,
        ..Default::default()
    };
    let name = match data.first().map(|b| b % 3) {
        Some(0) => "x.jsonl",
        Some(1) => "x.json",
        _ => "x.json.gz",
    };
    let src = InputSource::memory(name, data.to_vec());
    for item in read_all(vec![src], &opts) {
        let _ = item;
    }
});
