//! `/events`: a filterable table of events (sortable in the browser) and `/events.csv`, the same
//! filters exported with the columns of `mirsad export --format csv`.

use super::{
    actor_link, bi, encode_path, event_type_label, factuality_label, field, ok, page, pagination,
    quad_select, type_select, without_empty, Nav, QueryString, UiResult, FACTUALITIES,
};
use crate::{run_blocking, AppState, Params};
use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::http::header;
use axum::response::IntoResponse;
use maud::{html, Markup};
use mirsad_store::export::export_filtered;
use mirsad_store::{ActorName, EventPage, ExportFormat};
use std::collections::BTreeMap;

pub(super) async fn handler(
    State(s): State<AppState>,
    q: Result<Query<Params>, QueryRejection>,
) -> UiResult {
    let Query(p) = q?;
    let p = without_empty(p);
    let (f, pg) = (p.events()?, p.page(1000)?);
    let pg = mirsad_store::Page {
        per_page: if p.per_page.is_some() {
            pg.per_page
        } else {
            50
        },
        ..pg
    };
    let store = s.store.clone();
    let (events, names) = run_blocking(move || {
        let events = store.events(&f, pg)?;
        let ids = events
            .items
            .iter()
            .flat_map(|e| e.actors.iter().chain(&e.recipients))
            .map(|a| a.id.as_str());
        let names = store.actor_names(ids)?;
        Ok((events, names))
    })
    .await?;
    ok(render(&QueryString::from_params(&p), &events, &names))
}

/// The current view (all pages) as CSV.
pub(super) async fn csv(
    State(s): State<AppState>,
    q: Result<Query<Params>, QueryRejection>,
) -> UiResult {
    let Query(p) = q?;
    let f = without_empty(p).events()?;
    let store = s.store.clone();
    let body = run_blocking(move || {
        let mut out = Vec::new();
        export_filtered(&store, ExportFormat::Csv, &f, &mut out)?;
        Ok(out)
    })
    .await?;
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"mirsad-events.csv\"",
            ),
        ],
        body,
    )
        .into_response())
}

fn render(qs: &QueryString, r: &EventPage, names: &BTreeMap<String, ActorName>) -> Markup {
    let body = html! {
        h1 { (bi("الأحداث", "Events")) }
        form.filters method="get" action="/events" {
            (field("actor", "الفاعل", "Actor id", "text", qs.get("actor")))
            (field("recipient", "المتلقي", "Recipient id", "text", qs.get("recipient")))
            (type_select(qs.get("type")))
            (quad_select(qs.get("quad")))
            label {
                span { (bi("الواقعية", "Factuality")) }
                select name="factuality" {
                    option value="" { "— الكل · all —" }
                    option value="asserted,reported" selected[qs.get("factuality") == Some("asserted,reported")] {
                        "وقائع · facts"
                    }
                    @for (key, ar, en) in FACTUALITIES {
                        option value=(key) selected[qs.get("factuality") == Some(key)] { (ar) " · " (en) }
                    }
                }
            }
            (field("country", "البلد", "Country code", "text", qs.get("country")))
            (field("from", "من تاريخ", "From", "date", qs.get("from")))
            (field("to", "إلى تاريخ", "To", "date", qs.get("to")))
            (field("source", "المصدر", "Source", "text", qs.get("source")))
            button type="submit" { (bi("صفّ", "Filter")) }
        }
        p.count {
            bdi.num { (r.total) } " " (bi("حدث", "events"))
            " · "
            a.csv href=(qs.with("page", None).with("per_page", None).href("/events.csv")) download {
                (bi("تنزيل CSV", "Download CSV"))
            }
        }
        div.table-wrap {
            table.sortable.events {
                thead {
                    tr {
                        th data-sort="text" { (bi("التاريخ", "Date")) }
                        th data-sort="text" { (bi("النوع", "Type")) }
                        th data-sort="text" { (bi("الفاعل", "Actor")) }
                        th data-sort="text" { (bi("المتلقي", "Recipient")) }
                        th data-sort="text" { (bi("الواقعية", "Factuality")) }
                        th data-sort="number" { (bi("الثقة", "Conf.")) }
                        th data-sort="text" { (bi("المقال", "Article")) }
                    }
                }
                tbody {
                    @for e in &r.items {
                        tr.(e.quad) data-type=(e.event_type) {
                            td data-value=(e.date.as_deref().unwrap_or("")) { bdi.num { (e.date.as_deref().unwrap_or("—")) } }
                            td data-value=(e.event_type) { (event_type_label(&e.event_type)) }
                            td data-value=(e.actors.first().map(|a| a.id.as_str()).unwrap_or("")) {
                                @for a in &e.actors { (actor_link(&a.id, &a.name, names)) " " }
                            }
                            td data-value=(e.recipients.first().map(|a| a.id.as_str()).unwrap_or("")) {
                                @for a in &e.recipients { (actor_link(&a.id, &a.name, names)) " " }
                            }
                            td data-value=(e.factuality) { (factuality_label(&e.factuality)) }
                            td data-value=(e.confidence) { bdi.num { (format!("{:.0}%", e.confidence * 100.0)) } }
                            td data-value=(e.title.as_deref().unwrap_or(&e.doc_id)) {
                                a href={ "/documents/" (encode_path(&e.doc_id)) "?ev=" (encode_path(&e.id)) "#evidence" } {
                                    bdi { (e.title.as_deref().unwrap_or(&e.doc_id)) }
                                }
                            }
                        }
                    }
                }
            }
        }
        @if r.items.is_empty() { p.empty { (bi("لا أحداث بهذه المرشحات", "No events match these filters")) } }
        (pagination(qs, "/events", r.page, r.per_page, r.total))
    };
    page("الأحداث", Nav::Events, body)
}
