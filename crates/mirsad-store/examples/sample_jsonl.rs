//! Prints the hand-built sample documents (`fixtures::sample_docs`) as analysis JSON Lines;
//! `tests/data/sample.jsonl` is its output, used by `scripts/schemathesis.sh`.
fn main() {
    for d in mirsad_store::fixtures::sample_docs() {
        println!("{}", serde_json::to_string(&d).unwrap());
    }
}
