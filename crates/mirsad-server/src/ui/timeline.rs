//! `/timeline`: counted events over time, stacked by quad class.

use super::svg::{fill_months, stacked_bars};
use super::{
    bi, country_and_dates, field, ok, page, sortable_head, type_select, Nav, QueryString, UiQuery,
    UiResult, QUADS,
};
use crate::{run_blocking, ApiError, AppState};
use axum::extract::State;
use maud::{html, Markup};
use mirsad_store::TimelineBucket;

pub(super) fn quad_values(b: &TimelineBucket) -> Vec<u64> {
    vec![
        b.verbal_cooperation,
        b.material_cooperation,
        b.verbal_conflict,
        b.material_conflict,
    ]
}

pub(super) async fn handler(State(s): State<AppState>, UiQuery(p): UiQuery) -> UiResult {
    // as in /api/timeline: `actor` means either side
    let f = p.participant_events()?;
    let by_month = match p.interval.as_deref().unwrap_or("month") {
        "day" => false,
        "month" => true,
        _ => return Err(ApiError::bad("interval must be day or month").into()),
    };
    let store = s.store.clone();
    let buckets = run_blocking(move || store.timeline(&f, by_month)).await?;
    ok(render(&QueryString::from_params(&p), by_month, &buckets))
}

fn render(qs: &QueryString, by_month: bool, buckets: &[TimelineBucket]) -> Markup {
    let periods: Vec<(String, Vec<u64>)> = buckets
        .iter()
        .map(|b| (b.period.clone(), quad_values(b)))
        .collect();
    let periods = if by_month {
        fill_months(periods, 4)
    } else {
        periods
    };
    let total: u64 = buckets.iter().map(|b| b.events).sum();
    let body = html! {
        h1 { (bi("الخط الزمني للأحداث", "Events over time")) }
        form.filters method="get" action="/timeline" {
            (field("actor", "الفاعل (أي طرف)", "Actor id (either side)", "text", qs.get("actor")))
            (type_select(qs.get("type")))
            (country_and_dates(qs))
            label {
                span { (bi("الفترة", "Interval")) }
                select name="interval" {
                    option value="month" selected[by_month] { "شهر · month" }
                    option value="day" selected[!by_month] { "يوم · day" }
                }
            }
            button type="submit" { (bi("اعرض", "Show")) }
        }
        p.count {
            bdi.num { (total) } " " (bi("حدثاً واقعياً", "counted events"))
            " " small { (bi("— المؤكدة والمنقولة، بلا المكررات", "asserted or reported, duplicates excluded")) }
        }
        @if periods.is_empty() {
            p.empty { (bi("لا أحداث بهذه المرشحات", "No events match these filters")) }
        } @else {
            (stacked_bars("الأحداث حسب الفئة · events by quad class", &QUADS, &periods))
            div.table-wrap {
                table.sortable.timeline {
                    (sortable_head(
                        std::iter::once(("text", "الفترة", "Period"))
                            .chain(QUADS.iter().map(|q| ("number", q.ar, q.en)))
                            .chain([("number", "المجموع", "Total")]),
                    ))
                    tbody {
                        @for b in buckets {
                            tr {
                                td data-value=(b.period) {
                                    a href=(period_link(qs, &b.period)) { bdi.num { (b.period) } }
                                }
                                @for v in quad_values(b) { td data-value=(v) { bdi.num { (v) } } }
                                td data-value=(b.events) { bdi.num { (b.events) } }
                            }
                        }
                    }
                }
            }
        }
    };
    page("الخط الزمني", Nav::Timeline, body)
}

/// The events of one period in the events table.
fn period_link(qs: &QueryString, period: &str) -> String {
    let (from, to) = if period.len() == 7 {
        (
            format!("{period}-01"),
            super::month_end(period).unwrap_or_default(),
        )
    } else {
        (period.to_string(), period.to_string())
    };
    let mut q = QueryString::default();
    // not `actor`: here it means either side, in the events table the acting side only
    for key in ["type", "country"] {
        if let Some(v) = qs.get(key) {
            q = q.with(key, Some(v));
        }
    }
    q.with("from", Some(&from))
        .with("to", Some(&to))
        .with("factuality", Some("asserted,reported"))
        .href("/events")
}
