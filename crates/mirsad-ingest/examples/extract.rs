//! Print what the extractor finds in an HTML file: `cargo run --example extract -- page.html [url]`.
fn main() {
    let args: Vec<String> = std::env::args().collect();
    let Some(path) = args.get(1) else {
        eprintln!("usage: extract PAGE.html [URL]");
        std::process::exit(2);
    };
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(1);
        }
    };
    let html = String::from_utf8_lossy(&bytes);
    let x = mirsad_ingest::extract_html(&html, args.get(2).map(String::as_str));
    println!(
        "title: {:?}\npublished: {:?}\nurl: {:?}\nsite: {:?}\n---",
        x.title, x.published, x.url, x.site_name
    );
    println!("{}", x.text);
}
