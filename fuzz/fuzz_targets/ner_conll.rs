//! `mirsad ner --conll FILE`: any token-per-line text is read into sentences and tagged with the
//! shipped model, one well-formed BIO tag per token, without panicking.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mirsad_ner::data::parse_conll;
use mirsad_ner::NerModel;
use std::sync::OnceLock;

static MODEL: OnceLock<NerModel> = OnceLock::new();

fuzz_target!(|data: &[u8]| {
    let model = MODEL.get_or_init(|| NerModel::load_default().expect("shipped NER model loads"));
    let text = String::from_utf8_lossy(data);
    let sentences = parse_conll(&text);
    let tokens: Vec<Vec<&str>> = sentences
        .iter()
        .map(|s| s.tokens.iter().map(String::as_str).collect())
        .collect();
    let tags = model.tag_sentences(&tokens);
    assert_eq!(tags.len(), tokens.len());
    for (sent, sent_tags) in tokens.iter().zip(&tags) {
        assert_eq!(sent.len(), sent_tags.len());
    }
    // Model files are parsed too (`--model`): arbitrary bytes are an error, not a crash.
    let _ = NerModel::load(data);
});
