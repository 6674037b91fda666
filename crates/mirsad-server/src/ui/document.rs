//! `/documents/{id}`: the article right-to-left with actors and event triggers highlighted, and a
//! side panel of its events, each linked to its evidence span (`?ev=N` highlights it).

use super::{
    actor_link, bi, encode_path, event_type_label, factuality_label, ok, page, quad_label,
    safe_url, Nav, UiResult,
};
use crate::{run_blocking, ApiError, AppState};
use axum::extract::rejection::{PathRejection, QueryRejection};
use axum::extract::{Path, Query, State};
use maud::{html, Markup};
use mirsad_core::Document;
use mirsad_store::ActorName;
use serde::Deserialize;
use std::collections::BTreeMap;

#[derive(Debug, Default, Deserialize)]
pub(super) struct DocParams {
    /// The event whose evidence span is highlighted: its id, or its position in the document.
    ev: Option<String>,
}

pub(super) async fn handler(
    State(s): State<AppState>,
    id: Result<Path<String>, PathRejection>,
    q: Result<Query<DocParams>, QueryRejection>,
) -> UiResult {
    let Path(id) = id?;
    let Query(p) = q?;
    let store = s.store.clone();
    let doc = run_blocking(move || store.document(&id)).await?;
    let selected = match p.ev.as_deref().map(str::trim).filter(|v| !v.is_empty()) {
        None => None,
        Some(v) => Some(
            doc.events
                .iter()
                .position(|e| e.id.as_deref() == Some(v))
                .or_else(|| v.parse::<usize>().ok().filter(|&i| i < doc.events.len()))
                .ok_or_else(|| ApiError::bad(format!("this document has no event {v:?}")))?,
        ),
    };
    ok(render(&doc, selected))
}

/// A run of text with the same annotations.
#[derive(Default)]
struct Segment {
    text: String,
    /// Index into `doc.entities`.
    entity: Option<usize>,
    /// Index into `doc.events` whose trigger covers this run.
    trigger: Option<usize>,
    /// Inside the selected event's evidence span.
    evidence: bool,
    /// The selected evidence span starts here (the `#evidence` anchor).
    anchor: bool,
}

/// Paragraphs of segments. Offsets are code points; spans outside the text are clipped.
fn segments(doc: &Document, selected: Option<usize>) -> Vec<Vec<Segment>> {
    let chars: Vec<char> = doc.text.chars().collect();
    let n = chars.len();
    let clip = |s: usize, e: usize| (s.min(n), e.min(n));
    let mut entity = vec![None; n];
    for (i, e) in doc.entities.iter().enumerate() {
        let (s, end) = clip(e.start, e.end);
        for slot in entity.iter_mut().take(end).skip(s) {
            slot.get_or_insert(i);
        }
    }
    let mut trigger = vec![None; n];
    for (i, ev) in doc.events.iter().enumerate() {
        let (s, e) = clip(ev.trigger.start, ev.trigger.end);
        for slot in trigger.iter_mut().take(e).skip(s) {
            slot.get_or_insert(i);
        }
    }
    let mut evidence = vec![false; n];
    let mut anchor = None;
    if let Some(ev) = selected.and_then(|i| doc.events.get(i)) {
        let (s, e) = clip(ev.evidence.start, ev.evidence.end);
        evidence[s..e.max(s)].fill(true);
        anchor = Some(s);
    }
    let mut paragraphs = vec![Vec::new()];
    let mut cur = Segment::default();
    for (i, &c) in chars.iter().enumerate() {
        let here = anchor == Some(i);
        let same =
            cur.entity == entity[i] && cur.trigger == trigger[i] && cur.evidence == evidence[i];
        if !cur.text.is_empty() && (!same || here) {
            paragraphs
                .last_mut()
                .unwrap()
                .push(std::mem::take(&mut cur));
        }
        if cur.text.is_empty() {
            cur.entity = entity[i];
            cur.trigger = trigger[i];
            cur.evidence = evidence[i];
        }
        cur.anchor |= here;
        if c == '\n' {
            let seg = std::mem::take(&mut cur);
            if !seg.text.is_empty() || seg.anchor {
                paragraphs.last_mut().unwrap().push(seg);
            }
            paragraphs.push(Vec::new());
        } else {
            cur.text.push(c);
        }
    }
    if !cur.text.is_empty() || cur.anchor {
        paragraphs.last_mut().unwrap().push(cur);
    }
    paragraphs.retain(|p| p.iter().any(|s| !s.text.trim().is_empty()));
    paragraphs
}

fn render_segment(doc: &Document, s: &Segment) -> Markup {
    let inner = html! {
        @if let Some(i) = s.trigger {
            a.trigger href={ "#event-" (i) } data-event=(i)
                title=(doc.events[i].event_type.as_str()) { (s.text) }
        } @else if let Some(e) = s.entity.map(|i| &doc.entities[i]) {
            @if let Some(actor) = &e.actor_id {
                a.mention href={ "/actors/" (encode_path(actor)) } {
                    mark.actor data-actor=(actor) title=(actor) { (s.text) }
                }
            } @else {
                span.entity data-label=(format!("{:?}", e.label)) { (s.text) }
            }
        } @else {
            (s.text)
        }
    };
    html! {
        @if s.anchor { span.anchor id="evidence" {} }
        @if s.evidence { span.evidence { (inner) } } @else { (inner) }
    }
}

fn render(doc: &Document, selected: Option<usize>) -> Markup {
    let names: BTreeMap<String, ActorName> = doc
        .actors
        .iter()
        .map(|a| {
            (
                a.id.clone(),
                ActorName {
                    name: a.name.clone(),
                    name_ar: a.name_ar.clone(),
                },
            )
        })
        .collect();
    let title = doc.title.clone().unwrap_or_else(|| doc.id.clone());
    let body = html! {
        div.with-side.document {
            article.doc lang="ar" dir="rtl" {
                h1 { bdi { (title) } }
                p.meta {
                    @if let Some(src) = &doc.source { bdi { (src) } " · " }
                    @if let Some(d) = &doc.published { bdi.num { (d) } " · " }
                    bdi.id lang="en" { (doc.id) }
                    @if let Some(url) = doc.url.as_deref().and_then(safe_url) {
                        " · " a href=(url) rel="noopener noreferrer nofollow" { (bi("المصدر الأصلي", "original")) }
                    }
                    " · " a href={ "/api/documents/" (encode_path(&doc.id)) } { "JSON" }
                }
                p.legend {
                    mark.actor { (bi("فاعل", "actor")) } " "
                    span.trigger { (bi("محفّز حدث", "event trigger")) } " "
                    span.evidence { (bi("دليل الحدث المحدد", "selected evidence")) }
                }
                div.text {
                    @for para in segments(doc, selected) {
                        p { @for s in &para { (render_segment(doc, s)) } }
                    }
                }
            }
            aside.side {
                h2 { (bi("الأحداث", "Events")) " " bdi.num { (doc.events.len()) } }
                @if doc.events.is_empty() { p.empty { (bi("لا أحداث", "No events")) } }
                ol.events {
                    @for (i, ev) in doc.events.iter().enumerate() {
                        @let quad = ev.quad.unwrap_or(ev.event_type.quad());
                        @let quad = serde_json::to_value(quad).ok().and_then(|v| v.as_str().map(String::from)).unwrap_or_default();
                        li.event.(quad).selected[selected == Some(i)] id={ "event-" (i) } {
                            p.head {
                                strong { (event_type_label(ev.event_type.as_str())) }
                                " " span.quad { (quad_label(&quad)) }
                            }
                            p.parties {
                                @for (k, a) in ev.actor.iter().enumerate() {
                                    @if k > 0 { "، " }
                                    (actor_link(&a.id, &a.name, &names))
                                }
                                @if ev.actor.is_empty() { span.none { "—" } }
                                " " span.arrow aria-label="→" { "←" } " "
                                @for (k, a) in ev.recipient.iter().enumerate() {
                                    @if k > 0 { "، " }
                                    (actor_link(&a.id, &a.name, &names))
                                }
                                @if ev.recipient.is_empty() { span.none { "—" } }
                            }
                            dl {
                                dt { (bi("المحفّز", "trigger")) }
                                dd { bdi { (ev.trigger.text.clone().unwrap_or_else(|| doc.slice_chars(ev.trigger.start, ev.trigger.end))) } }
                                dt { (bi("التاريخ", "date")) }
                                dd { bdi.num { (ev.date.as_deref().unwrap_or("—")) } }
                                dt { (bi("الواقعية", "factuality")) }
                                dd { (factuality_label(&serde_json::to_value(ev.factuality).ok().and_then(|v| v.as_str().map(String::from)).unwrap_or_default())) }
                                dt { (bi("الثقة", "confidence")) }
                                dd { bdi.num { (format!("{:.0}%", ev.confidence * 100.0)) } }
                                @if let Some(loc) = &ev.location {
                                    dt { (bi("المكان", "location")) }
                                    dd { bdi { (loc.name_ar.as_deref().unwrap_or(&loc.name)) } }
                                }
                            }
                            a.evidence-link href={ "?ev=" (i) "#evidence" } {
                                (bi("اعرض الدليل في النص", "show evidence"))
                            }
                        }
                    }
                }
                h2 { (bi("الفاعلون", "Actors")) }
                ul.actors {
                    @for a in &doc.actors {
                        li {
                            (actor_link(&a.id, &a.name, &names))
                            @if let Some(m) = a.mentions { " " bdi.num { "×" (m) } }
                            @if let Some(r) = &a.role { br; small { bdi lang="en" { (r) } } }
                        }
                    }
                }
            }
        }
    };
    page(&title, Nav::None, body)
}

#[cfg(test)]
mod tests {
    use super::*;
    use mirsad_core::{Entity, EntityLabel, Metadata};

    fn doc() -> Document {
        let mut d = Document::new(
            Metadata {
                id: "d".into(),
                ..Default::default()
            },
            "زار لافروف دمشق\nثم عاد".into(),
            "ar",
        );
        d.entities.push(Entity {
            start: 4,
            end: 10,
            text: "لافروف".into(),
            label: EntityLabel::PER,
            actor_id: Some("P_SERGEY_LAVROV".into()),
            confidence: None,
        });
        // a span past the end of the text is clipped, not a panic
        d.entities.push(Entity {
            start: 20,
            end: 99,
            text: "x".into(),
            label: EntityLabel::LOC,
            actor_id: None,
            confidence: None,
        });
        d
    }

    #[test]
    fn segments_split_at_annotations_and_lines() {
        let paras = segments(&doc(), None);
        assert_eq!(paras.len(), 2);
        let texts: Vec<&str> = paras[0].iter().map(|s| s.text.as_str()).collect();
        assert_eq!(texts, ["زار ", "لافروف", " دمشق"]);
        assert_eq!(paras[0][1].entity, Some(0));
        let html = render(&doc(), None).into_string();
        assert!(html.contains(r#"data-actor="P_SERGEY_LAVROV""#));
    }
}
