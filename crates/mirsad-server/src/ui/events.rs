//! `/events`: a filterable table of events (sortable in the browser) and `/events.csv`, the same
//! filters exported with the columns of `mirsad export --format csv`.

use super::{
    actor_link, bi, country_and_dates, encode_path, event_type_label, factuality_label, field, ok,
    page, pagination, quad_select, select, sortable_head, type_select, Nav, QueryString, UiQuery,
    UiResult, FACTUALITIES,
};
use crate::{run_blocking, AppState};
use axum::extract::State;
use axum::http::header;
use axum::response::IntoResponse;
use maud::{html, Markup};
use mirsad_store::export::export_filtered;
use mirsad_store::{ActorName, EventPage, ExportFormat};
use std::collections::BTreeMap;

pub(super) async fn handler(State(s): State<AppState>, UiQuery(p): UiQuery) -> UiResult {
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
pub(super) async fn csv(State(s): State<AppState>, UiQuery(p): UiQuery) -> UiResult {
    let f = p.events()?;
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
    let factualities = std::iter::once(("asserted,reported", "وقائع", "facts")).chain(FACTUALITIES);
    let body = html! {
        h1 { (bi("الأحداث", "Events")) }
        form.filters method="get" action="/events" {
            (field("actor", "الفاعل", "Actor id", "text", qs.get("actor")))
            (field("recipient", "المتلقي", "Recipient id", "text", qs.get("recipient")))
            (type_select(qs.get("type")))
            (quad_select(qs.get("quad")))
            (select("factuality", "الواقعية", "Factuality", factualities, qs.get("factuality")))
            (country_and_dates(qs))
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
                (sortable_head([
                    ("text", "التاريخ", "Date"),
                    ("text", "النوع", "Type"),
                    ("text", "الفاعل", "Actor"),
                    ("text", "المتلقي", "Recipient"),
                    ("text", "الواقعية", "Factuality"),
                    ("number", "الثقة", "Conf."),
                    ("text", "المقال", "Article"),
                ]))
                tbody {
                    @for e in &r.items {
                        tr.(e.quad) data-type=(e.event_type) {
                            td data-label="التاريخ · Date" data-value=(e.date.as_deref().unwrap_or("")) { bdi.num { (e.date.as_deref().unwrap_or("—")) } }
                            td data-label="النوع · Type" data-value=(e.event_type) { (event_type_label(&e.event_type)) }
                            td data-label="الفاعل · Actor" data-value=(e.actors.first().map(|a| a.id.as_str()).unwrap_or("")) {
                                @for a in &e.actors { (actor_link(&a.id, &a.name, names)) " " }
                            }
                            td data-label="المتلقي · Recipient" data-value=(e.recipients.first().map(|a| a.id.as_str()).unwrap_or("")) {
                                @for a in &e.recipients { (actor_link(&a.id, &a.name, names)) " " }
                            }
                            td data-label="الواقعية · Factuality" data-value=(e.factuality) { (factuality_label(&e.factuality)) }
                            td data-label="الثقة · Confidence" data-value=(e.confidence) { bdi.num { (format!("{:.0}%", e.confidence * 100.0)) } }
                            td data-label="المقال · Article" data-value=(e.title.as_deref().unwrap_or(&e.doc_id)) {
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
