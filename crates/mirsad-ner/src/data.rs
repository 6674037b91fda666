//! Reading token-per-line BIO corpora and the ANERcorp train/dev split.

use crate::tags::{repair_bio, BioTag};
use std::path::{Path, PathBuf};

/// One sentence: tokens and (repaired) gold tags of equal length. Unlabelled input gets all `O`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Sentence {
    pub tokens: Vec<String>,
    pub tags: Vec<BioTag>,
    /// The raw tag strings as read (for scoring files without re-mapping).
    pub raw_tags: Vec<Option<String>>,
}

/// Parses `token TAG [TAG ...]` or `token<TAB>TAG` or just `token` lines, blank line between
/// sentences. A WikiANN `ar:` token prefix is stripped. Only the first tag column is used (Wojood
/// is nested; the outermost tag comes first).
pub fn parse_conll(text: &str) -> Vec<Sentence> {
    let mut out = Vec::new();
    let mut cur = Sentence::default();
    for line in text.lines() {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() {
            if !cur.tokens.is_empty() {
                out.push(finish(std::mem::take(&mut cur)));
            }
            continue;
        }
        let mut parts = line.split(['\t', ' ']).filter(|p| !p.is_empty());
        let Some(tok) = parts.next() else { continue };
        let tok = tok.strip_prefix("ar:").unwrap_or(tok);
        let tag = parts.next();
        cur.tokens.push(tok.to_string());
        cur.tags.push(tag.map(BioTag::parse).unwrap_or(BioTag::O));
        cur.raw_tags.push(tag.map(str::to_string));
    }
    if !cur.tokens.is_empty() {
        out.push(finish(cur));
    }
    out
}

fn finish(mut s: Sentence) -> Sentence {
    repair_bio(&mut s.tags);
    s
}

pub fn read_conll(path: &Path) -> std::io::Result<Vec<Sentence>> {
    Ok(parse_conll(&std::fs::read_to_string(path)?))
}

/// The project's dev split of ANERcorp CAMeL-Lab *train*: the last `n / 10` sentences (contiguous,
/// file order) are dev, the rest is training data. The official test split is never seen here.
/// `scripts/spacy_ner_anchor.py` implements the same rule.
pub fn anercorp_split(all: Vec<Sentence>) -> (Vec<Sentence>, Vec<Sentence>) {
    let n_dev = all.len() / 10;
    let mut train = all;
    let dev = train.split_off(train.len() - n_dev);
    (train, dev)
}

/// Where shared/ is: `$MIRSAD_SHARED`, else `<repo>/../shared` seen from this crate.
pub fn shared_dir() -> PathBuf {
    if let Ok(p) = std::env::var("MIRSAD_SHARED") {
        return PathBuf::from(p);
    }
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared")
}

pub fn anercorp_path(shared: &Path) -> PathBuf {
    shared.join("data/ner/anercorp/ANERCorp_CamelLab_train.txt")
}

#[cfg(test)]
mod tests {
    use super::*;
    use mirsad_core::EntityLabel;

    #[test]
    fn parses_formats_and_repairs() {
        let s = parse_conll("ar:باريس\tI-LOC\nفي O\n\n\nبوتين B-PERS x\nقال\n");
        assert_eq!(s.len(), 2);
        assert_eq!(s[0].tokens, vec!["باريس", "في"]);
        assert_eq!(s[0].tags, vec![BioTag::B(EntityLabel::LOC), BioTag::O]);
        assert_eq!(s[1].tags, vec![BioTag::B(EntityLabel::PER), BioTag::O]);
        assert_eq!(s[1].raw_tags[1], None);
    }

    #[test]
    fn split_is_last_tenth() {
        let all: Vec<Sentence> = (0..25)
            .map(|i| Sentence {
                tokens: vec![i.to_string()],
                tags: vec![BioTag::O],
                raw_tags: vec![None],
            })
            .collect();
        let (tr, dev) = anercorp_split(all);
        assert_eq!(tr.len(), 23);
        assert_eq!(dev[0].tokens[0], "23");
    }
}
