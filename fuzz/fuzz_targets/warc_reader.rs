#![no_main]
//! The WARC reader must turn any bytes into docs/errors without panicking; half the inputs are
//! gzip-wrapped to exercise the decompression path.
use libfuzzer_sys::fuzz_target;
use mirsad_ingest::{read_all, IngestOptions, InputSource};

fuzz_target!(|data: &[u8]| {
    let opts = IngestOptions {
        keep_non_arabic: true,
        max_doc_bytes: 64 * 1024,
        ..Default::default()
    };
    let name = if data.first().is_some_and(|b| b & 1 == 1) {
        "x.warc.gz"
    } else {
        "x.warc"
    };
    let src = InputSource::memory(name, data.to_vec());
    for item in read_all(vec![src], &opts) {
        let _ = item;
    }
});
