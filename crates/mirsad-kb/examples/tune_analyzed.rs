//! The dev set's tune half scored on `mirsad analyze` output (the whole pipeline: NER, events and
//! the NER stages included), where `mirsad eval actors` runs the text layer and the linker only.
//! Never reads the heldout half.
//!
//! ```text
//! cargo run -p mirsad-kb --example tune_analyzed -- write tune.jsonl
//! mirsad analyze -q tune.jsonl -o tune.out.jsonl
//! cargo run -p mirsad-kb --example tune_analyzed -- score tune.out.jsonl
//! ```
//! `score` prints micro P/R with every actor, and without the persons `NerPersonStage` made
//! (local, no role, no sector).
use mirsad_core::Document;
use mirsad_kb::eval::{load_body, load_devset, score_document, Split};
use std::io::{BufRead, Write};
use std::path::Path;

fn main() {
    let news = Path::new("../shared/data/news");
    if !news.is_dir() {
        println!("skipping: {} not found", news.display());
        return;
    }
    let tune: Vec<_> = load_devset(Path::new("devset/articles.dev.jsonl"))
        .unwrap_or_else(|e| panic!("devset/articles.dev.jsonl: {e}"))
        .into_iter()
        .filter(|a| Split::of(&a.id) == Split::Tune)
        .collect();
    let args: Vec<String> = std::env::args().skip(1).collect();
    match (args.first().map(String::as_str), args.get(1)) {
        (Some("write"), Some(out)) => {
            let mut f = std::fs::File::create(out).unwrap_or_else(|e| panic!("{out}: {e}"));
            let mut cache = Default::default();
            for a in &tune {
                let body = load_body(news, a, &mut cache).unwrap_or_else(|e| panic!("{e}"));
                let line = serde_json::json!({"id": a.id, "text": body, "published": a.published});
                writeln!(f, "{line}").unwrap();
            }
        }
        (Some("score"), Some(input)) => {
            let f = std::fs::File::open(input).unwrap_or_else(|e| panic!("{input}: {e}"));
            let docs: Vec<Document> = std::io::BufReader::new(f)
                .lines()
                .map(|l| serde_json::from_str(&l.unwrap()).unwrap())
                .collect();
            for without_ner_persons in [false, true] {
                let (mut g, mut gf, mut p, mut pc) = (0, 0, 0, 0);
                for a in &tune {
                    let Some(d) = docs.iter().find(|d| d.id == a.id) else {
                        println!("missing in the analyzed output: {}", a.id);
                        continue;
                    };
                    let mut d = d.clone();
                    if without_ner_persons {
                        let made = |x: &mirsad_core::Actor| {
                            x.in_kb == Some(false) && x.role.is_none() && x.sector.is_none()
                        };
                        let ids: Vec<String> = d
                            .actors
                            .iter()
                            .filter(|x| made(x))
                            .map(|x| x.id.clone())
                            .collect();
                        d.actors.retain(|x| !ids.contains(&x.id));
                        for e in d.entities.iter_mut() {
                            if e.actor_id.as_ref().is_some_and(|i| ids.contains(i)) {
                                e.actor_id = None;
                            }
                        }
                    }
                    let s = score_document(a, &d);
                    g += s.gold_actors;
                    gf += s.gold_found;
                    p += s.pred_actors;
                    pc += s.pred_correct;
                }
                println!(
                    "tune (analyze{}) docs {} P {:.3} R {:.3}",
                    if without_ner_persons {
                        ", without NER persons"
                    } else {
                        ""
                    },
                    tune.len(),
                    pc as f64 / p.max(1) as f64,
                    gf as f64 / g.max(1) as f64
                );
            }
        }
        _ => eprintln!("usage: tune_analyzed write OUT.jsonl | score ANALYZED.jsonl"),
    }
}
