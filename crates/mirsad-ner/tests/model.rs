//! Tests of the committed model (crates/mirsad-ner/model/ner-ar.bin.gz).

use mirsad_core::{Document, Entity, EntityLabel, Metadata, Stage};
use mirsad_ner::data::{anercorp_path, anercorp_split, read_conll, shared_dir};
use mirsad_ner::tags::spans;
use mirsad_ner::train::evaluate;
use mirsad_ner::{BioTag, NerModel, NerStage};
use std::sync::Arc;

/// Micro F1 floor on the ANERcorp dev split, a little below the committed model's measured
/// score (see MODEL_CARD.md), so a regression in features or model loading fails loudly.
const DEV_F1_FLOOR: f64 = 0.72;

#[test]
fn committed_model_tags_a_news_sentence() {
    let m = NerModel::load_default().expect("embedded model loads");
    let toks = [
        "التقى",
        "الرئيس",
        "الروسي",
        "فلاديمير",
        "بوتين",
        "في",
        "موسكو",
    ];
    let tags = m.tag(&toks);
    assert_eq!(tags.len(), toks.len());
    let sp = spans(&tags);
    assert!(
        sp.iter()
            .any(|&(s, e, l)| l == EntityLabel::PER && s <= 4 && 4 < e),
        "no PER over بوتين: {tags:?}"
    );
    assert!(
        sp.contains(&(6, 7, EntityLabel::LOC)),
        "no LOC on موسكو: {tags:?}"
    );
    assert_eq!(tags[1], BioTag::O);
    assert!(m.tag(&[]).is_empty());
}

#[test]
fn stage_adds_entities_with_offsets_and_keeps_linked_ones() {
    let stage = NerStage::new(Arc::new(NerModel::load_default().unwrap()));
    assert_eq!(stage.name(), "ner");
    let text = "التقى الرئيس الروسي فلاديمير بوتين في موسكو، ثم زار القاهرة.";
    let mut doc = Document::new(Metadata::default(), text.to_string(), "ar");
    // the KB linker already found موسكو: its entity must win
    let chars: Vec<char> = text.chars().collect();
    let ms = (0..chars.len())
        .find(|&i| chars[i..].starts_with(&['م', 'و', 'س', 'ك', 'و']))
        .unwrap();
    doc.entities.push(Entity {
        start: ms,
        end: ms + 5,
        text: "موسكو".into(),
        label: EntityLabel::GPE,
        actor_id: Some("RUS-capital".into()),
        confidence: Some(1.0),
    });
    stage.process(&mut doc).unwrap();
    for e in &doc.entities {
        let s: String = chars[e.start..e.end].iter().collect();
        assert_eq!(s, e.text, "offsets must be code points into the text");
    }
    let mosc: Vec<&Entity> = doc
        .entities
        .iter()
        .filter(|e| e.text.contains("موسكو"))
        .collect();
    assert_eq!(mosc.len(), 1);
    assert_eq!(mosc[0].actor_id.as_deref(), Some("RUS-capital"));
    let per = doc
        .entities
        .iter()
        .find(|e| e.label == EntityLabel::PER)
        .expect("a PER entity");
    assert!(per.text.contains("بوتين"));
    assert!(per.actor_id.is_none());
    let c = per.confidence.unwrap();
    assert!((0.0..=1.0).contains(&c));
    assert!(doc.entities.iter().any(|e| e.text == "القاهرة"));
}

#[test]
fn countries_become_gpe_in_the_stage() {
    let stage = NerStage::new(Arc::new(NerModel::load_default().unwrap()));
    let mut doc = Document::new(
        Metadata::default(),
        "وصل وزير الخارجية إلى فرنسا أمس .".to_string(),
        "ar",
    );
    stage.process(&mut doc).unwrap();
    let f = doc.entities.iter().find(|e| e.text == "فرنسا");
    assert_eq!(
        f.map(|e| e.label),
        Some(EntityLabel::GPE),
        "{:?}",
        doc.entities
    );
}

#[test]
fn committed_model_scores_on_anercorp_dev_split() {
    let shared = shared_dir();
    let path = anercorp_path(&shared);
    if !path.exists() {
        eprintln!("skipping: ../shared/data not found ({})", path.display());
        return;
    }
    let (_, dev) = anercorp_split(read_conll(&path).unwrap());
    assert_eq!(dev.len(), 397);
    let m = NerModel::load_default().unwrap();
    let sc = evaluate(&m, &dev);
    eprintln!("{}", sc.report());
    assert!(
        sc.micro().f1() >= DEV_F1_FLOOR,
        "dev micro F1 {:.4} below floor {DEV_F1_FLOOR}",
        sc.micro().f1()
    );
}

#[test]
fn stage_uses_text_stage_tokens_and_sentences() {
    use mirsad_core::{Span, Token, TokenKind};
    let stage = NerStage::new(Arc::new(NerModel::load_default().unwrap()));
    let text = "التقى الرئيس بوتين في موسكو. وصل الوفد إلى القاهرة.";
    let mut doc = Document::new(Metadata::default(), text.to_string(), "ar");
    // tokens as the text stage would give them: char offsets, punctuation split off
    let mut toks = Vec::new();
    let mut start = None;
    for (i, c) in text.chars().chain(std::iter::once(' ')).enumerate() {
        if c.is_alphabetic() {
            start.get_or_insert(i);
        } else {
            if let Some(s) = start.take() {
                let form: String = text.chars().skip(s).take(i - s).collect();
                toks.push(Token::new(s, i, form, TokenKind::Word));
            }
            if c == '.' {
                toks.push(Token::new(i, i + 1, ".", TokenKind::Punct));
            }
        }
    }
    let dot = text.chars().position(|c| c == '.').unwrap();
    doc.sentences = vec![
        Span::new(0, dot + 1),
        Span::new(dot + 2, text.chars().count()),
    ];
    doc.tokens = Some(toks);
    stage.process(&mut doc).unwrap();
    let found: Vec<(&str, EntityLabel)> = doc
        .entities
        .iter()
        .map(|e| (e.text.as_str(), e.label))
        .collect();
    assert!(found.contains(&("بوتين", EntityLabel::PER)), "{found:?}");
    assert!(found.contains(&("موسكو", EntityLabel::LOC)), "{found:?}");
    assert!(found.contains(&("القاهرة", EntityLabel::LOC)), "{found:?}");
}
