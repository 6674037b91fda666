//! Measures the stemming choices of the search analyzer on the silver relevance set.
//!
//! cargo run --release -p mirsad-store --example eval_stemming -- \
//!     /work/shared/data/news/saudinewsnet/json crates/mirsad-store/eval
//!
//! For each variant (none / light / snowball) it builds an in-RAM tantivy index over the same
//! SaudiNewsNet files the judgments cover, with the *production* analyzer chain (tokenizer,
//! mirsad normalisation, stop words, stemmer) on title (boost 2) and body, runs the queries in
//! `queries.tsv`, and prints MAP (top 1000) and nDCG@10 (gains 2^grade - 1).

use mirsad_store::analyzer::{analyzer, exact_analyzer, Stemming};
use std::collections::HashMap;
use tantivy::collector::TopDocs;
use tantivy::query::QueryParser;
use tantivy::schema::{
    IndexRecordOption, Schema, TextFieldIndexing, TextOptions, Value, STORED, STRING,
};
use tantivy::{doc, Index, TantivyDocument};

const FILES: [&str; 4] = ["2015-08-01", "2015-08-02", "2015-08-03", "2015-08-04"];

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let corpus = args
        .get(1)
        .map(String::as_str)
        .unwrap_or("/work/shared/data/news/saudinewsnet/json");
    let eval = args
        .get(2)
        .map(String::as_str)
        .unwrap_or("crates/mirsad-store/eval");
    let queries: Vec<(String, String)> = std::fs::read_to_string(format!("{eval}/queries.tsv"))?
        .lines()
        .filter_map(|l| {
            l.split_once('\t')
                .map(|(a, b)| (a.to_string(), b.to_string()))
        })
        .collect();
    let mut qrels: HashMap<String, HashMap<String, u32>> = HashMap::new();
    for l in std::fs::read_to_string(format!("{eval}/relevance.tsv"))?.lines() {
        if l.starts_with('#') {
            continue;
        }
        let f: Vec<&str> = l.split('\t').collect();
        if f.len() == 3 {
            qrels
                .entry(f[0].into())
                .or_default()
                .insert(f[1].into(), f[2].parse()?);
        }
    }
    let mut docs = Vec::new();
    for f in FILES {
        let arr: Vec<serde_json::Value> =
            serde_json::from_str(&std::fs::read_to_string(format!("{corpus}/{f}.json"))?)?;
        for (i, a) in arr.iter().enumerate() {
            let s = |k: &str| a[k].as_str().unwrap_or("").to_string();
            docs.push((format!("snn:{f}:{i}"), s("title"), s("content")));
        }
    }
    println!(
        "{} documents, {} queries, {} judgments",
        docs.len(),
        queries.len(),
        qrels.values().map(|m| m.len()).sum::<usize>()
    );
    println!("| stemming | MAP | nDCG@10 | P@10 | index terms (body) | index+query secs |");
    println!("|---|---|---|---|---|---|");
    // "+exact": the production field set (stemmed title/body plus unstemmed exact fields)
    for (name, st, exact) in [
        ("none", Stemming::None, false),
        ("light", Stemming::Light, false),
        ("snowball", Stemming::Snowball, false),
        ("light+exact (production)", Stemming::Light, true),
    ] {
        let t0 = std::time::Instant::now();
        let mut sb = Schema::builder();
        let opts = TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer("ar")
                .set_index_option(IndexRecordOption::WithFreqsAndPositions),
        );
        let id = sb.add_text_field("id", STRING | STORED);
        let title = sb.add_text_field("title", opts.clone());
        let body = sb.add_text_field("body", opts.clone());
        let exact_opts = TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer("ar_exact")
                .set_index_option(IndexRecordOption::WithFreqsAndPositions),
        );
        let title_x = sb.add_text_field("title_exact", exact_opts.clone());
        let body_x = sb.add_text_field("body_exact", exact_opts);
        let index = Index::create_in_ram(sb.build());
        index.tokenizers().register("ar", analyzer(st));
        index.tokenizers().register("ar_exact", exact_analyzer());
        let mut w = index.writer_with_num_threads(1, 100_000_000)?;
        for (d, t, b) in &docs {
            if exact {
                w.add_document(
                    doc!(id => d.as_str(), title => t.as_str(), body => b.as_str(),
                    title_x => t.as_str(), body_x => b.as_str()),
                )?;
            } else {
                w.add_document(doc!(id => d.as_str(), title => t.as_str(), body => b.as_str()))?;
            }
        }
        w.commit()?;
        let reader = index.reader()?;
        let searcher = reader.searcher();
        let terms: u64 = searcher
            .segment_readers()
            .iter()
            .map(|r| {
                r.inverted_index(body)
                    .map(|i| i.terms().num_terms() as u64)
                    .unwrap_or(0)
            })
            .sum();
        let fields = if exact {
            vec![title, body, title_x, body_x]
        } else {
            vec![title, body]
        };
        let mut parser = QueryParser::for_index(&index, fields);
        parser.set_field_boost(title, 2.0);
        parser.set_field_boost(title_x, 2.0);
        parser.set_field_boost(body_x, 0.5);
        let (mut map, mut ndcg, mut p10) = (0.0, 0.0, 0.0);
        let mut per_query = Vec::new();
        for (qid, q) in &queries {
            let rel = qrels.get(qid).cloned().unwrap_or_default();
            let query = parser.parse_query_lenient(q).0;
            let top = searcher.search(&query, &TopDocs::with_limit(1000).order_by_score())?;
            let ranked: Vec<String> = top
                .iter()
                .map(|(_, a)| {
                    let d: TantivyDocument = searcher.doc(*a).unwrap();
                    d.get_first(id)
                        .and_then(|v| v.as_str())
                        .unwrap_or("")
                        .to_string()
                })
                .collect();
            // average precision
            let (mut hits, mut ap) = (0.0, 0.0);
            for (i, d) in ranked.iter().enumerate() {
                if rel.contains_key(d) {
                    hits += 1.0;
                    ap += hits / (i as f64 + 1.0);
                }
            }
            let ap = if rel.is_empty() {
                0.0
            } else {
                ap / rel.len() as f64
            };
            let gain = |g: u32| (2f64.powi(g as i32)) - 1.0;
            let dcg: f64 = ranked
                .iter()
                .take(10)
                .enumerate()
                .map(|(i, d)| gain(*rel.get(d).unwrap_or(&0)) / (i as f64 + 2.0).log2())
                .sum();
            let mut ideal: Vec<u32> = rel.values().cloned().collect();
            ideal.sort_unstable_by(|a, b| b.cmp(a));
            let idcg: f64 = ideal
                .iter()
                .take(10)
                .enumerate()
                .map(|(i, g)| gain(*g) / (i as f64 + 2.0).log2())
                .sum();
            let nd = if idcg > 0.0 { dcg / idcg } else { 0.0 };
            let p = ranked
                .iter()
                .take(10)
                .filter(|d| rel.contains_key(*d))
                .count() as f64
                / 10.0;
            per_query.push(format!("{qid}:{ap:.3}/{nd:.3}"));
            map += ap;
            ndcg += nd;
            p10 += p;
        }
        let n = queries.len() as f64;
        println!(
            "| {name} | {:.4} | {:.4} | {:.4} | {terms} | {:.1} |",
            map / n,
            ndcg / n,
            p10 / n,
            t0.elapsed().as_secs_f64()
        );
        eprintln!("{name} per query (AP/nDCG@10): {}", per_query.join(" "));
    }
    Ok(())
}
