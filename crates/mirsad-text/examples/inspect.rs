//! Prints what the text layer makes of a file: encoding, warnings, one sentence per line
//! (`--tokens` adds the tokens of each sentence as `form/kind`).
//!
//! `cargo run -p mirsad-text --example inspect -- FILE [--html] [--charset LABEL] [--tokens]`

use mirsad_text::{decode, split_sentences, tokenize, DecodeHint};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(path) = args.iter().find(|a| !a.starts_with("--")) else {
        eprintln!("usage: inspect FILE [--html] [--charset LABEL] [--tokens]");
        std::process::exit(2);
    };
    let charset = args
        .iter()
        .position(|a| a == "--charset")
        .and_then(|i| args.get(i + 1).cloned());
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let d = decode(
        &bytes,
        &DecodeHint {
            declared: charset,
            html: args.iter().any(|a| a == "--html"),
        },
    );
    println!("encoding: {}", d.encoding);
    for w in &d.warnings {
        println!("warning: {w}");
    }
    let show_tokens = args.iter().any(|a| a == "--tokens");
    let tokens = if show_tokens {
        tokenize(&d.text)
    } else {
        Vec::new()
    };
    let mut k = 0;
    for (n, r) in split_sentences(&d.text).into_iter().enumerate() {
        println!("[{n}] {}", &d.text[r.clone()]);
        if show_tokens {
            let mut line = String::new();
            while k < tokens.len() && tokens[k].start < r.end {
                let t = tokens[k];
                line.push_str(&format!(" {}/{:?}", t.text(&d.text), t.kind));
                k += 1;
            }
            println!("   {line}");
        }
    }
}
