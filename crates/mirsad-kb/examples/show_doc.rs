//! Prints the links of one SaudiNewsNet article in context, for reviewing precision:
//! `cargo run -p mirsad-kb --example show_doc -- ../shared/data/news/saudinewsnet/json/2015-07-21.json 59`
use mirsad_kb::{Kb, Linker};

fn main() {
    let path = std::env::args().nth(1).expect("json file");
    let idx: usize = std::env::args()
        .nth(2)
        .and_then(|n| n.parse().ok())
        .unwrap_or(0);
    let docs: Vec<serde_json::Value> =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let d = &docs[idx];
    let text = d["content"].as_str().unwrap_or("");
    let date = d["date_extracted"]
        .as_str()
        .unwrap_or("")
        .get(..10)
        .map(str::to_string);
    let linker = Linker::new(Kb::embedded());
    let (ents, actors) = linker.link(text, date.as_deref());
    let chars: Vec<char> = text.chars().collect();
    for e in &ents {
        let a = e.start.saturating_sub(25);
        let b = (e.end + 25).min(chars.len());
        let ctx: String = chars[a..b].iter().collect::<String>().replace('\n', " ");
        println!(
            "{:?} {:<22} [{}]  …{}…",
            e.label,
            e.actor_id.as_deref().unwrap_or(""),
            e.text,
            ctx
        );
    }
    for a in &actors {
        println!(
            "{} | {} | {:?} | {:?} | {:?} | {:?} | {}",
            a.id,
            a.name,
            a.kind,
            a.country,
            a.sector,
            a.role,
            a.mentions.unwrap_or(0)
        );
    }
}
