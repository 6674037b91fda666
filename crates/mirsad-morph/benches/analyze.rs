//! Throughput of the whole analyzer (sentences, tokens, segmentation, tags, lemmas, parse) on
//! raw text, in syntactic words per CPU-second on one thread: the figure to compare with UDPipe 1
//! on the same input (`scripts/udpipe_anchor.sh`).
//!
//! `cargo bench -p mirsad-morph --bench analyze -- [FILE] [PASSES]` (default: target/ud/dev.txt
//! from `mirsad ud convert`, 3 passes); prints a message and exits when the file is absent.

use mirsad_morph::analyzer::Analyzer;
use std::time::Instant;

/// CPU time of this thread (user + system), so that other load on a shared machine does not count.
fn thread_cpu_seconds() -> f64 {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: clock_gettime only writes into the struct we pass.
    let rc = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) };
    if rc != 0 {
        return 0.0;
    }
    ts.tv_sec as f64 + ts.tv_nsec as f64 / 1e9
}

fn main() {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .collect();
    let path = args
        .first()
        .cloned()
        .unwrap_or_else(|| "../../target/ud/dev.txt".to_owned());
    let passes: usize = args.get(1).and_then(|p| p.parse().ok()).unwrap_or(3);
    let Ok(text) = std::fs::read_to_string(&path) else {
        println!("skipping: {path} not found (run `mirsad ud convert --out target/ud` first)");
        return;
    };
    let load = Instant::now();
    let analyzer = Analyzer::embedded().expect("embedded models load");
    let load_s = load.elapsed().as_secs_f64();
    let mut words = 0;
    let mut tokens = 0;
    let start = thread_cpu_seconds();
    for _ in 0..passes {
        for a in analyzer.analyze_text(&text) {
            words += a.sentence.words.len();
            tokens += a.sentence.surface_tokens().len();
        }
    }
    let cpu = thread_cpu_seconds() - start;
    println!(
        "analyze {path}: {passes} passes, {tokens} written tokens, {words} syntactic words in {cpu:.3} CPU-s \
         (model load {load_s:.2} s): {:.0} tokens/CPU-s, {:.0} words/CPU-s, one thread",
        tokens as f64 / cpu,
        words as f64 / cpu
    );
}
