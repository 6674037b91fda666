//! Timing probe for pathological nesting: `cargo run --release --example deep -- TAG DEPTH`.
fn main() {
    let a: Vec<String> = std::env::args().collect();
    let tag = a.get(1).cloned().unwrap_or_else(|| "div".into());
    let depth: usize = a.get(2).and_then(|d| d.parse().ok()).unwrap_or(10_000);
    let mut s = String::new();
    for _ in 0..depth {
        s.push_str(&format!("<{tag}>"));
    }
    s.push_str("نص عربي");
    let t = std::time::Instant::now();
    let x = mirsad_ingest::extract_html(&s, None);
    println!("{tag} {depth}: {:?} {} chars", t.elapsed(), x.text.len());
}
