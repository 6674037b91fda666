//! The analysts' web UI: server-rendered HTML pages over the same store queries as the JSON API.
//!
//! Every page works without JavaScript (forms, links, SVG charts drawn here); `app.js` only adds
//! table sorting, the network's force layout and cleaner form URLs. All text from the store goes
//! through maud, which escapes it; the only pre-escaped HTML is the search snippet, which the
//! store escapes before wrapping matches in `<mark>`.
//!
//! Layout is right-to-left Arabic with English secondary labels. Latin names, ids, dates and
//! numbers sit in `<bdi>` so they never reorder the Arabic around them.

mod actor;
mod document;
mod events;
mod network;
mod search;
mod svg;
mod timeline;

use crate::{nonempty, ApiError, AppState, Params};
use axum::extract::{FromRequestParts, Query};
use axum::http::request::Parts;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use maud::{html, Markup, DOCTYPE};
use mirsad_core::EventType;
use mirsad_store::ActorName;
use std::collections::BTreeMap;
use svg::Series;

const STYLE: &str = include_str!("assets/style.css");
const SCRIPT: &str = include_str!("assets/app.js");

/// The UI routes, merged into the API router.
pub(crate) fn routes() -> Router<AppState> {
    Router::new()
        .route("/", get(search::handler))
        .route("/documents/{id}", get(document::handler))
        .route("/events", get(events::handler))
        .route("/events.csv", get(events::csv))
        .route("/actors/{id}", get(actor::handler))
        .route("/network", get(network::handler))
        .route("/timeline", get(timeline::handler))
        .route("/static/style.css", get(style))
        .route("/static/app.js", get(script))
}

async fn style() -> Response {
    asset("text/css; charset=utf-8", STYLE)
}

async fn script() -> Response {
    asset("text/javascript; charset=utf-8", SCRIPT)
}

fn asset(content_type: &'static str, body: &'static str) -> Response {
    (
        [
            (header::CONTENT_TYPE, content_type),
            // revalidated each time: the files are small, and a new build must never run old script
            (header::CACHE_CONTROL, "no-cache"),
        ],
        body,
    )
        .into_response()
}

/// A UI handler's result: a page, or an error rendered as an HTML page with its status.
type UiResult = Result<Response, UiError>;

pub(crate) struct UiError(ApiError);

impl<E: Into<ApiError>> From<E> for UiError {
    fn from(e: E) -> Self {
        UiError(e.into())
    }
}

impl IntoResponse for UiError {
    fn into_response(self) -> Response {
        error_page(self.0)
    }
}

/// An API error as an HTML page with the same status code.
pub(crate) fn error_page(e: ApiError) -> Response {
    let (ar, en) = match e.status {
        StatusCode::NOT_FOUND => ("غير موجود", "Not found"),
        StatusCode::BAD_REQUEST => ("طلب غير صالح", "Bad request"),
        StatusCode::TOO_MANY_REQUESTS => ("طلبات كثيرة", "Too many requests"),
        _ => ("خطأ", "Error"),
    };
    let body = html! {
        section.error {
            h1 { (bi(ar, en)) }
            p { bdi { (e.message) } }
            p { a href="/" { (bi("العودة إلى البحث", "Back to search")) } }
        }
    };
    let mut r = maud_response(page(ar, Nav::None, body));
    *r.status_mut() = e.status;
    r
}

/// The page a handler renders.
fn ok(m: Markup) -> UiResult {
    Ok(maud_response(m))
}

fn maud_response(m: Markup) -> Response {
    (
        [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
        m.into_string(),
    )
        .into_response()
}

/// Which navigation entry is current.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Nav {
    Search,
    Events,
    Network,
    Timeline,
    None,
}

const NAV: [(Nav, &str, &str, &str); 4] = [
    (Nav::Search, "/", "بحث", "Search"),
    (Nav::Events, "/events", "الأحداث", "Events"),
    (Nav::Network, "/network", "الشبكة", "Network"),
    (Nav::Timeline, "/timeline", "الخط الزمني", "Timeline"),
];

/// The page shell: RTL document, navigation, stylesheet and script.
fn page(title: &str, current: Nav, body: Markup) -> Markup {
    html! {
        (DOCTYPE)
        html lang="ar" dir="rtl" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) " · مرصاد mirsad" }
                // no favicon request (its 404 would be a console error on every page)
                link rel="icon" href="data:,";
                link rel="stylesheet" href="/static/style.css";
                script src="/static/app.js" defer {}
            }
            body {
                header.top {
                    a.brand href="/" { "مرصاد" span.en lang="en" { "mirsad" } }
                    nav aria-label="Main" {
                        @for (nav, href, ar, en) in NAV {
                            a href=(href) aria-current=[(nav == current).then_some("page")] {
                                (bi(ar, en))
                            }
                        }
                    }
                }
                main { (body) }
                footer.bottom {
                    a href="/api/openapi.json" { (bi("واجهة البرمجة", "JSON API")) }
                }
            }
        }
    }
}

/// An Arabic label with its English secondary label.
fn bi(ar: &str, en: &str) -> Markup {
    html! { span.ar { (ar) } " " bdi.en lang="en" { (en) } }
}

/// Arabic and English names of an event type.
fn event_type_names(t: &str) -> (&'static str, &'static str) {
    let Some(t) = EventType::parse(t) else {
        return ("؟", "unknown");
    };
    let ar = match t {
        EventType::Agree => "اتفاق",
        EventType::Consult => "تشاور",
        EventType::Support => "دعم",
        EventType::Concede => "تنازل",
        EventType::Cooperate => "تعاون",
        EventType::Aid => "مساعدة",
        EventType::Retreat => "تراجع",
        EventType::Request => "طلب",
        EventType::Accuse => "اتهام",
        EventType::Reject => "رفض",
        EventType::Threaten => "تهديد",
        EventType::Protest => "احتجاج",
        EventType::Sanction => "عقوبات",
        EventType::Mobilize => "تعبئة",
        EventType::Coerce => "إكراه",
        EventType::Assault => "اعتداء",
    };
    (ar, t.as_str())
}

fn event_type_label(t: &str) -> Markup {
    let (ar, en) = event_type_names(t);
    bi(ar, en)
}

/// The PLOVER quad classes, cooperation first; also the series of the quad charts.
const QUADS: [Series; 4] = [
    Series {
        class: "verbal_cooperation",
        ar: "تعاون لفظي",
        en: "Verbal cooperation",
    },
    Series {
        class: "material_cooperation",
        ar: "تعاون مادي",
        en: "Material cooperation",
    },
    Series {
        class: "verbal_conflict",
        ar: "نزاع لفظي",
        en: "Verbal conflict",
    },
    Series {
        class: "material_conflict",
        ar: "نزاع مادي",
        en: "Material conflict",
    },
];

fn quad_label(q: &str) -> Markup {
    match QUADS.iter().find(|s| s.class == q) {
        Some(s) => bi(s.ar, s.en),
        None => html! { bdi { (q) } },
    }
}

const FACTUALITIES: [(&str, &str, &str); 5] = [
    ("asserted", "مؤكد", "asserted"),
    ("reported", "منقول", "reported"),
    ("negated", "منفي", "negated"),
    ("future", "مستقبلي", "future"),
    ("hypothetical", "افتراضي", "hypothetical"),
];

fn factuality_label(f: &str) -> Markup {
    match FACTUALITIES.iter().find(|(key, _, _)| *key == f) {
        Some((_, ar, en)) => bi(ar, en),
        None => html! { bdi { (f) } },
    }
}

/// An actor's Arabic name first and its canonical name second (or `fallback` alone).
fn actor_name(id: &str, fallback: &str, names: &BTreeMap<String, ActorName>) -> Markup {
    let (ar, en) = match names.get(id) {
        Some(n) => (n.name_ar.as_deref(), n.name.as_str()),
        None => (None, fallback),
    };
    html! {
        @if let Some(ar) = ar {
            bdi { (ar) } " " bdi.en lang="en" { (en) }
        } @else {
            bdi { (en) }
        }
    }
}

/// A link to an actor page, named as [`actor_name`] does.
fn actor_link(id: &str, fallback: &str, names: &BTreeMap<String, ActorName>) -> Markup {
    html! {
        a.actor href={ "/actors/" (encode_path(id)) } title=(id) { (actor_name(id, fallback, names)) }
    }
}

fn encode_path(v: &str) -> String {
    crate::client::encode(v)
}

/// The non-empty query parameters of a page, for links that keep the current filters.
#[derive(Clone, Default)]
struct QueryString(Vec<(&'static str, String)>);

impl QueryString {
    fn from_params(p: &Params) -> Self {
        let fields: [(&'static str, &Option<String>); 14] = [
            ("q", &p.q),
            ("actor", &p.actor),
            ("recipient", &p.recipient),
            ("type", &p.event_type),
            ("quad", &p.quad),
            ("country", &p.country),
            ("from", &p.from),
            ("to", &p.to),
            ("factuality", &p.factuality),
            ("source", &p.source),
            ("page", &p.page),
            ("per_page", &p.per_page),
            ("interval", &p.interval),
            ("max_nodes", &p.max_nodes),
        ];
        QueryString(
            fields
                .into_iter()
                .filter_map(|(k, v)| nonempty(v).map(|v| (k, v)))
                .collect(),
        )
    }

    fn get(&self, key: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, v)| v.as_str())
    }

    /// A copy with `key` set (or removed); any other change than the page returns to page 1.
    fn with(&self, key: &'static str, value: Option<&str>) -> Self {
        let mut v: Vec<_> = self
            .0
            .iter()
            .filter(|(k, _)| *k != key && (key == "page" || *k != "page"))
            .cloned()
            .collect();
        if let Some(value) = value {
            v.push((key, value.to_string()));
        }
        QueryString(v)
    }

    fn href(&self, path: &str) -> String {
        if self.0.is_empty() {
            return path.to_string();
        }
        let qs: Vec<String> = self
            .0
            .iter()
            .map(|(k, v)| format!("{k}={}", crate::client::encode(v)))
            .collect();
        format!("{path}?{}", qs.join("&"))
    }
}

/// The query parameters of a UI page: as the API's, except that an empty field means "no
/// filter" (forms send the fields left blank).
struct UiQuery(Params);

impl<S: Send + Sync> FromRequestParts<S> for UiQuery {
    type Rejection = UiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, UiError> {
        let Query(p) = Query::<Params>::from_request_parts(parts, state).await?;
        Ok(UiQuery(without_empty(p)))
    }
}

fn without_empty(mut p: Params) -> Params {
    for v in [
        &mut p.q,
        &mut p.actor,
        &mut p.recipient,
        &mut p.event_type,
        &mut p.quad,
        &mut p.country,
        &mut p.from,
        &mut p.to,
        &mut p.factuality,
        &mut p.source,
        &mut p.page,
        &mut p.per_page,
        &mut p.interval,
        &mut p.max_nodes,
    ] {
        if v.as_deref().is_some_and(|s| s.trim().is_empty()) {
            *v = None;
        }
    }
    p
}

/// Previous / next links and the position, keeping the current filters.
fn pagination(qs: &QueryString, path: &str, page: usize, per_page: usize, total: u64) -> Markup {
    let pages = (total as usize).div_ceil(per_page.max(1)).max(1);
    html! {
        @if pages > 1 {
            nav.pages aria-label="Pages" {
                @if page > 1 {
                    a rel="prev" href=(qs.with("page", Some(&(page - 1).to_string())).href(path)) {
                        (bi("السابق", "Previous"))
                    }
                }
                span { (bi("صفحة", "page")) " " bdi { (page) " / " (pages) } }
                @if page < pages {
                    a rel="next" href=(qs.with("page", Some(&(page + 1).to_string())).href(path)) {
                        (bi("التالي", "Next"))
                    }
                }
            }
        }
    }
}

/// A filter form field: Arabic label, English secondary label, input.
fn field(name: &str, ar: &str, en: &str, kind: &str, value: Option<&str>) -> Markup {
    html! {
        label {
            span { (bi(ar, en)) }
            input type=(kind) name=(name) value=[value] dir=[(kind != "search").then_some("auto")];
        }
    }
}

/// A select of `(value, Arabic, English)` options, with an empty "all" option first.
fn select<'a>(
    name: &str,
    ar: &str,
    en: &str,
    options: impl IntoIterator<Item = (&'a str, &'a str, &'a str)>,
    selected: Option<&str>,
) -> Markup {
    html! {
        label {
            span { (bi(ar, en)) }
            select name=(name) {
                option value="" { "— الكل · all —" }
                @for (value, ar, en) in options {
                    option value=(value) selected[selected.is_some_and(|s| s.eq_ignore_ascii_case(value))] {
                        (ar) " · " (en)
                    }
                }
            }
        }
    }
}

fn type_select(selected: Option<&str>) -> Markup {
    let types = EventType::ALL.map(|t| {
        let (ar, en) = event_type_names(t.as_str());
        (en, ar, en)
    });
    select("type", "نوع الحدث", "Event type", types, selected)
}

fn quad_select(selected: Option<&str>) -> Markup {
    let quads = QUADS.iter().map(|q| (q.class, q.ar, q.en));
    select("quad", "الفئة", "Quad class", quads, selected)
}

/// The country and date range fields that most filter forms share.
fn country_and_dates(qs: &QueryString) -> Markup {
    html! {
        (field("country", "البلد", "Country code", "text", qs.get("country")))
        (field("from", "من تاريخ", "From", "date", qs.get("from")))
        (field("to", "إلى تاريخ", "To", "date", qs.get("to")))
    }
}

/// The head of a table that `app.js` sorts: `(sort kind, Arabic, English)` per column, the
/// kind being `text` or `number`.
fn sortable_head<'a>(columns: impl IntoIterator<Item = (&'a str, &'a str, &'a str)>) -> Markup {
    html! {
        thead {
            tr {
                @for (kind, ar, en) in columns { th data-sort=(kind) { (bi(ar, en)) } }
            }
        }
    }
}

/// Last day of a `YYYY-MM` month as `YYYY-MM-DD` (for month facets turned into date ranges).
fn month_end(month: &str) -> Option<String> {
    let (y, m) = month.split_once('-')?;
    let (y, m): (u32, u32) = (y.parse().ok()?, m.parse().ok()?);
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        _ => return None,
    };
    Some(format!("{y:04}-{m:02}-{days}"))
}

/// Only http(s) links from documents are made clickable.
fn safe_url(url: &str) -> Option<&str> {
    let lower = url.trim_start().to_ascii_lowercase();
    (lower.starts_with("http://") || lower.starts_with("https://")).then_some(url)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn month_ends_know_leap_years() {
        assert_eq!(month_end("2016-02").as_deref(), Some("2016-02-29"));
        assert_eq!(month_end("2015-02").as_deref(), Some("2015-02-28"));
        assert_eq!(month_end("2015-09").as_deref(), Some("2015-09-30"));
        assert_eq!(month_end("2015-13"), None);
    }

    #[test]
    fn query_strings_keep_filters_and_reset_the_page() {
        let p = Params {
            q: Some("سوريا".into()),
            page: Some("3".into()),
            actor: Some(String::new()),
            ..Default::default()
        };
        let qs = QueryString::from_params(&p);
        assert_eq!(qs.get("actor"), None);
        assert_eq!(
            qs.with("type", Some("AID")).href("/"),
            "/?q=%D8%B3%D9%88%D8%B1%D9%8A%D8%A7&type=AID"
        );
        assert_eq!(
            qs.with("page", Some("4")).href("/"),
            "/?q=%D8%B3%D9%88%D8%B1%D9%8A%D8%A7&page=4"
        );
    }

    #[test]
    fn only_web_links_are_clickable() {
        assert_eq!(safe_url("https://x.test/a"), Some("https://x.test/a"));
        assert_eq!(safe_url("javascript:alert(1)"), None);
    }
}
