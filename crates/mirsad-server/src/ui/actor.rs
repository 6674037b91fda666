//! `/actors/{id}`: an actor's profile, its roles (acting / receiving) over time, events per month,
//! and its top partners split into cooperation and conflict.

use super::svg::{fill_months, stacked_bars, Series};
use super::timeline::quad_values;
use super::{actor_link, bi, encode_path, ok, page, Nav, QueryString, UiResult};
use crate::{run_blocking, AppState};
use axum::extract::rejection::PathRejection;
use axum::extract::{Path, State};
use maud::{html, Markup};
use mirsad_store::query::PartnerCount;
use mirsad_store::{ActorName, ActorProfile, EventFilter, TimelineBucket};
use std::collections::BTreeMap;

const ROLE_SERIES: [Series; 2] = [
    Series {
        class: "as-actor",
        ar: "فاعلاً",
        en: "as actor",
    },
    Series {
        class: "as-recipient",
        ar: "متلقياً",
        en: "as recipient",
    },
];

struct ActorView {
    profile: ActorProfile,
    as_actor: Vec<TimelineBucket>,
    as_recipient: Vec<TimelineBucket>,
    by_quad: Vec<TimelineBucket>,
    names: BTreeMap<String, ActorName>,
}

pub(super) async fn handler(
    State(s): State<AppState>,
    id: Result<Path<String>, PathRejection>,
) -> UiResult {
    let Path(id) = id?;
    let store = s.store.clone();
    let v = run_blocking(move || {
        let profile = store.actor(&id)?;
        let side = |f: EventFilter| store.timeline(&f, true);
        let as_actor = side(EventFilter {
            actor: Some(id.clone()),
            ..Default::default()
        })?;
        let as_recipient = side(EventFilter {
            recipient: Some(id.clone()),
            ..Default::default()
        })?;
        let by_quad = side(EventFilter {
            participant: Some(id.clone()),
            ..Default::default()
        })?;
        let names = store.actor_names(profile.top_partners.iter().map(|p| p.id.as_str()))?;
        Ok(ActorView {
            profile,
            as_actor,
            as_recipient,
            by_quad,
            names,
        })
    })
    .await?;
    ok(render(&v))
}

/// Months with events on either side, as (acting, receiving) counts.
fn roles_by_month(v: &ActorView) -> Vec<(String, Vec<u64>)> {
    let mut months: BTreeMap<String, Vec<u64>> = BTreeMap::new();
    for (i, side) in [&v.as_actor, &v.as_recipient].into_iter().enumerate() {
        for b in side {
            months.entry(b.period.clone()).or_insert_with(|| vec![0, 0])[i] += b.events;
        }
    }
    fill_months(months.into_iter().collect(), 2)
}

fn partners(v: &ActorView, count: impl Fn(&PartnerCount) -> u64, class: &str) -> Markup {
    let mut list: Vec<&PartnerCount> = v
        .profile
        .top_partners
        .iter()
        .filter(|p| count(p) > 0)
        .collect();
    list.sort_by(|a, b| count(b).cmp(&count(a)).then(a.id.cmp(&b.id)));
    let max = list.first().map(|p| count(p)).unwrap_or(1).max(1);
    html! {
        @if list.is_empty() {
            p.empty { "—" }
        } @else {
            ol.partners.(class) {
                @for p in list {
                    li data-partner=(p.id) {
                        (actor_link(&p.id, &p.name, &v.names))
                        " " bdi.num { (count(p)) }
                        span.meter style={ "inline-size:" (count(p) * 100 / max) "%" } {}
                    }
                }
            }
        }
    }
}

fn render(v: &ActorView) -> Markup {
    let p = &v.profile;
    let title = p.name_ar.clone().unwrap_or_else(|| p.name.clone());
    let id_qs = QueryString::default().with("actor", Some(&p.id));
    let per_month: Vec<(String, Vec<u64>)> = v
        .by_quad
        .iter()
        .map(|b| (b.period.clone(), quad_values(b)))
        .collect();
    let unknown_month = p.events_per_month.get("unknown").copied().unwrap_or(0);
    let body = html! {
        header.profile {
            h1 {
                bdi { (title) }
                @if p.name_ar.is_some() { " " bdi.en lang="en" { (p.name) } }
            }
            p.meta {
                bdi.id lang="en" { (p.id) }
                @if let Some(k) = &p.kind { " · " bdi lang="en" { (k) } }
                @if let Some(c) = &p.country { " · " (bi("البلد", "country")) " " bdi { (c) } }
                @if let Some(s) = &p.sector { " · " (bi("القطاع", "sector")) " " bdi { (s) } }
                @if let Some(r) = &p.role { " · " (bi("الدور", "role")) " " bdi lang="en" { (r) } }
                @if let Some(w) = &p.wikidata {
                    " · " a href={ "https://www.wikidata.org/wiki/" (encode_path(w)) } rel="noopener noreferrer" { bdi { (w) } }
                }
            }
            dl.stats {
                div { dt { (bi("مقالات", "documents")) } dd { bdi.num { (p.documents) } } }
                div { dt { (bi("فاعلاً", "as actor")) } dd { bdi.num { (p.as_actor) } } }
                div { dt { (bi("متلقياً", "as recipient")) } dd { bdi.num { (p.as_recipient) } } }
            }
            p.links {
                a href=(id_qs.href("/events")) { (bi("أحداثه فاعلاً", "events as actor")) }
                " · "
                a href=(QueryString::default().with("recipient", Some(&p.id)).href("/events")) { (bi("أحداثه متلقياً", "events as recipient")) }
                " · "
                a href=(id_qs.href("/network")) { (bi("شبكته", "network")) }
                " · "
                a href=(id_qs.href("/timeline")) { (bi("خطه الزمني", "timeline")) }
                " · "
                a href=(id_qs.href("/")) { (bi("مقالاته", "articles")) }
            }
        }
        section.roles {
            h2 { (bi("الأدوار عبر الزمن", "Roles over time")) }
            @let roles = roles_by_month(v);
            @if roles.is_empty() {
                p.empty { (bi("لا أحداث واقعية مؤرخة", "No dated counted events")) }
            } @else {
                (stacked_bars("الأدوار شهرياً · roles per month", &ROLE_SERIES, &roles))
            }
        }
        section.per-month {
            h2 { (bi("الأحداث شهرياً", "Events per month")) }
            @if per_month.is_empty() {
                p.empty { (bi("لا أحداث واقعية مؤرخة", "No dated counted events")) }
            } @else {
                (stacked_bars("الأحداث شهرياً حسب الفئة · events per month by quad", &super::QUADS, &fill_months(per_month, 4)))
            }
            @if unknown_month > 0 {
                p.note { bdi.num { (unknown_month) } " " (bi("حدثاً بلا تاريخ", "undated events")) }
            }
        }
        section.partners {
            h2 { (bi("أبرز الشركاء", "Top partners")) }
            div.two {
                div {
                    h3.coop { (bi("تعاون", "Cooperation")) }
                    (partners(v, |p| p.cooperation, "cooperation"))
                }
                div {
                    h3.conf { (bi("نزاع", "Conflict")) }
                    (partners(v, |p| p.conflict, "conflict"))
                }
            }
        }
    };
    page(&title, Nav::None, body)
}
