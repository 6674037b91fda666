//! Links a text given on the command line: `cargo run -p mirsad-kb --example link_text -- 2015-10-21 "النص"`.
fn main() {
    let mut args = std::env::args().skip(1);
    let date = args.next().expect("date");
    let text: String = args.collect::<Vec<_>>().join(" ");
    let linker = mirsad_kb::Linker::new(mirsad_kb::Kb::embedded());
    let (entities, actors) = linker.link(&text, Some(&date));
    for e in entities {
        println!(
            "{:?} [{}] {}-{} -> {}",
            e.label,
            e.text,
            e.start,
            e.end,
            e.actor_id.unwrap_or_default()
        );
    }
    for a in actors {
        println!("{}", serde_json::to_string(&a).unwrap());
    }
}
