//! The tantivy side: schema, analyzers, document conversion.

use crate::analyzer::{analyzer, exact_analyzer, Stemming, ANALYZER_EXACT, ANALYZER_STEMMED};
use crate::Result;
use mirsad_core::Document;
use std::collections::BTreeSet;
use std::path::Path;
use tantivy::schema::{
    Facet, FacetOptions, Field, IndexRecordOption, Schema, TextFieldIndexing, TextOptions, FAST,
    INDEXED, STORED, STRING,
};
use tantivy::{Index, TantivyDocument};

#[derive(Clone, Copy)]
pub(crate) struct Fields {
    pub seq: Field,
    pub title: Field,
    pub body: Field,
    pub title_exact: Field,
    pub body_exact: Field,
    pub source: Field,
    pub actor: Field,
    pub etype: Field,
    pub day: Field,
    pub facets: Field,
}

fn text(analyzer: &str) -> TextOptions {
    TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(analyzer)
            .set_index_option(IndexRecordOption::WithFreqsAndPositions),
    )
}

pub(crate) fn schema() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let f = Fields {
        seq: b.add_u64_field("seq", INDEXED | STORED | FAST),
        title: b.add_text_field("title", text(ANALYZER_STEMMED)),
        body: b.add_text_field("body", text(ANALYZER_STEMMED)),
        title_exact: b.add_text_field("title_exact", text(ANALYZER_EXACT)),
        body_exact: b.add_text_field("body_exact", text(ANALYZER_EXACT)),
        source: b.add_text_field("source", STRING),
        actor: b.add_text_field("actor", STRING),
        etype: b.add_text_field("etype", STRING),
        day: b.add_i64_field("day", INDEXED | FAST),
        facets: b.add_facet_field("facets", FacetOptions::default()),
    };
    (b.build(), f)
}

pub(crate) fn register(index: &Index, stemming: Stemming) {
    let m = index.tokenizers();
    m.register(ANALYZER_STEMMED, analyzer(stemming));
    m.register(ANALYZER_EXACT, exact_analyzer());
}

pub(crate) fn open_or_create(dir: &Path, stemming: Stemming) -> Result<(Index, Fields)> {
    std::fs::create_dir_all(dir)?;
    let (schema, fields) = schema();
    let index = if dir.join("meta.json").exists() {
        Index::open_in_dir(dir)?
    } else {
        Index::create_in_dir(dir, schema)?
    };
    register(&index, stemming);
    Ok((index, fields))
}

/// `YYYY-MM-DD` → `YYYYMMDD` as a sortable integer.
pub(crate) fn day_number(date: &str) -> Option<i64> {
    let d = date.get(..10)?;
    let digits: String = d.chars().filter(|c| *c != '-').collect();
    (digits.len() == 8 && d.as_bytes()[4] == b'-' && d.as_bytes()[7] == b'-')
        .then(|| digits.parse().ok())
        .flatten()
}

pub(crate) fn to_tantivy(f: &Fields, seq: u64, doc: &Document) -> TantivyDocument {
    let mut d = TantivyDocument::default();
    d.add_u64(f.seq, seq);
    let title = doc.title.as_deref().unwrap_or("");
    d.add_text(f.title, title);
    d.add_text(f.title_exact, title);
    d.add_text(f.body, &doc.text);
    d.add_text(f.body_exact, &doc.text);
    if let Some(s) = &doc.source {
        d.add_text(f.source, s);
        d.add_facet(f.facets, Facet::from_path(["source", s.as_str()]));
    }
    if let Some(date) = doc.published_date() {
        if let Some(n) = day_number(date) {
            d.add_i64(f.day, n);
        }
        d.add_facet(f.facets, Facet::from_path(["month", &date[..7]]));
    }
    let mut actors = BTreeSet::new();
    let mut types = BTreeSet::new();
    for a in &doc.actors {
        actors.insert(a.id.as_str());
    }
    for e in &doc.events {
        types.insert(e.event_type.as_str());
        for a in e.actor.iter().chain(&e.recipient) {
            actors.insert(a.id.as_str());
        }
    }
    for a in actors {
        d.add_text(f.actor, a);
        d.add_facet(f.facets, Facet::from_path(["actor", a]));
    }
    for t in types {
        d.add_text(f.etype, t);
        d.add_facet(f.facets, Facet::from_path(["type", t]));
    }
    d
}
