//! Merges an existing store's search index into one segment (what `mirsad ingest` now does at
//! the end), for comparing query costs before and after on a copy of a store.
//!
//! `cargo run --release -p mirsad-store --example merge_segments -- STORE_DIR`

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = std::env::args()
        .nth(1)
        .ok_or("usage: merge_segments STORE_DIR")?;
    let store = mirsad_store::Store::open(&dir)?;
    let t = std::time::Instant::now();
    let n = store.merge_segments()?;
    println!("merged {n} segments in {:.1} s", t.elapsed().as_secs_f64());
    Ok(())
}
