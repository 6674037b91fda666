//! `/`: full-text search with filters, facets, highlighted snippets and pagination.

use super::{
    actor_name, bi, event_type_label, field, month_end, ok, page, pagination, type_select, Nav,
    QueryString, UiQuery, UiResult,
};
use crate::{run_blocking, AppState};
use axum::extract::State;
use maud::{html, Markup, PreEscaped};
use mirsad_store::{ActorName, FacetCount, SearchResults};
use std::collections::BTreeMap;

pub(super) async fn handler(State(s): State<AppState>, UiQuery(p): UiQuery) -> UiResult {
    let pg = p.page(100)?;
    let filters = p.search()?;
    let query = p.q.clone().unwrap_or_default();
    if query.chars().count() > 1000 {
        return Err(crate::ApiError::bad("q is longer than 1000 characters").into());
    }
    let store = s.store.clone();
    let (r, names) = run_blocking(move || {
        let r = store.search(&query, &filters, pg.page, pg.per_page)?;
        let names = store.actor_names(r.facets.actors.iter().map(|a| a.key.as_str()))?;
        Ok((r, names))
    })
    .await?;
    let qs = QueryString::from_params(&p);
    ok(render(&qs, &r, &names))
}

fn render(qs: &QueryString, r: &SearchResults, names: &BTreeMap<String, ActorName>) -> Markup {
    let title = match qs.get("q") {
        Some(q) => format!("بحث: {q}"),
        None => "بحث".to_string(),
    };
    let body = html! {
        h1 { (bi("البحث في الأخبار", "Search the news")) }
        form.filters method="get" action="/" role="search" {
            label.wide {
                span { (bi("كلمات البحث", "Query")) }
                input type="search" name="q" value=[qs.get("q")] dir="auto"
                    placeholder="مثال: وقف إطلاق النار";
            }
            (field("actor", "الفاعل (المعرّف)", "Actor id", "text", qs.get("actor")))
            (type_select(qs.get("type")))
            (field("from", "من تاريخ", "From", "date", qs.get("from")))
            (field("to", "إلى تاريخ", "To", "date", qs.get("to")))
            (field("source", "المصدر", "Source", "text", qs.get("source")))
            button type="submit" { (bi("ابحث", "Search")) }
        }
        div.with-side {
            section.results aria-live="polite" {
                p.count {
                    bdi.num { (r.total) } " " (bi("نتيجة", "results"))
                }
                @if r.hits.is_empty() {
                    p.empty { (bi("لا نتائج. جرّب كلمات أخرى أو أزل بعض المرشحات.", "No results.")) }
                }
                ol.hits start=((r.page - 1) * r.per_page + 1) {
                    @for h in &r.hits {
                        li.hit data-id=(h.id) {
                            h2 {
                                a href={ "/documents/" (super::encode_path(&h.id)) } {
                                    bdi { (h.title.as_deref().unwrap_or(&h.id)) }
                                }
                            }
                            p.meta {
                                @if let Some(src) = &h.source { bdi { (src) } " · " }
                                @if let Some(d) = &h.published { bdi.num { (d) } }
                                @if h.near_dup_of.is_some() {
                                    " · " span.tag { (bi("نسخة مكررة تقريباً", "near-duplicate")) }
                                }
                            }
                            // escaped by the store; only its <mark> tags are markup
                            p.snippet dir="auto" { (PreEscaped(&h.snippet)) }
                        }
                    }
                }
                (pagination(qs, "/", r.page, r.per_page, r.total as u64))
            }
            aside.facets aria-label="Facets" {
                (facet(qs, "actor", "الفاعلون", "Actors", &r.facets.actors, |f| {
                    actor_name(&f.key, f.label.as_deref().unwrap_or(&f.key), names)
                }))
                (facet(qs, "type", "أنواع الأحداث", "Event types", &r.facets.types, |f| event_type_label(&f.key)))
                (facet(qs, "source", "المصادر", "Sources", &r.facets.sources, |f| html! { bdi { (f.key) } }))
                (month_facet(qs, &r.facets.months))
            }
        }
    };
    page(&title, Nav::Search, body)
}

/// One facet: each value links to the search narrowed to it; the active value links back out.
fn facet(
    qs: &QueryString,
    key: &'static str,
    ar: &str,
    en: &str,
    values: &[FacetCount],
    label: impl Fn(&FacetCount) -> Markup,
) -> Markup {
    let active = qs.get(key);
    html! {
        @if !values.is_empty() || active.is_some() {
            section.facet data-facet=(key) {
                h3 { (bi(ar, en)) }
                @if let Some(a) = active {
                    a.chip href=(qs.with(key, None).href("/")) title="إزالة المرشح · remove filter" {
                        bdi { (a) } " ×"
                    }
                }
                ul {
                    @for v in values {
                        li {
                            a href=(qs.with(key, Some(&v.key)).href("/")) { (label(v)) }
                            " " bdi.num { (v.count) }
                        }
                    }
                }
            }
        }
    }
}

/// Months become a publication date range.
fn month_facet(qs: &QueryString, months: &[FacetCount]) -> Markup {
    let narrowed = qs.get("from").is_some() || qs.get("to").is_some();
    html! {
        @if !months.is_empty() {
            section.facet data-facet="month" {
                h3 { (bi("الأشهر", "Months")) }
                @if narrowed {
                    a.chip href=(qs.with("from", None).with("to", None).href("/")) {
                        bdi { (qs.get("from").unwrap_or("…")) " – " (qs.get("to").unwrap_or("…")) } " ×"
                    }
                }
                ul.months {
                    @for m in months {
                        @if let Some(end) = month_end(&m.key) {
                            li {
                                a href=(qs.with("from", Some(&format!("{}-01", m.key))).with("to", Some(&end)).href("/")) {
                                    bdi.num { (m.key) }
                                }
                                " " bdi.num { (m.count) }
                            }
                        }
                    }
                }
            }
        }
    }
}
