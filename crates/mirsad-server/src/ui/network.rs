//! `/network`: the actor graph of a period and filters. The server draws it on a circle (usable
//! without script); `app.js` then runs a force layout on the same SVG. Nodes link to actors.

use super::svg::fmt;
use super::{
    bi, country_and_dates, encode_path, field, ok, page, quad_select, sortable_head, type_select,
    Nav, QueryString, UiQuery, UiResult,
};
use crate::{number, run_blocking, AppState};
use axum::extract::State;
use maud::{html, Markup};
use mirsad_store::{ActorName, Graph};
use std::collections::{BTreeMap, HashMap};

/// The drawing's size in SVG units (wider than tall, like a laptop screen).
const WIDTH: f64 = 900.0;
const HEIGHT: f64 = 600.0;

pub(super) async fn handler(State(s): State<AppState>, UiQuery(p): UiQuery) -> UiResult {
    // as in /api/graph: `actor` means networks around this actor
    let f = p.participant_events()?;
    let max_nodes = number(&p.max_nodes, "max_nodes", 60, 500)?;
    let store = s.store.clone();
    let (graph, names) = run_blocking(move || {
        let g = store.graph(&f, max_nodes)?;
        let names = store.actor_names(g.nodes.iter().map(|n| n.id.as_str()))?;
        Ok((g, names))
    })
    .await?;
    ok(render(&QueryString::from_params(&p), &graph, &names))
}

/// Edge colour class: which side of the quad split dominates.
fn edge_class(cooperation: u64, conflict: u64) -> &'static str {
    match cooperation.cmp(&conflict) {
        std::cmp::Ordering::Greater => "coop",
        std::cmp::Ordering::Less => "conf",
        std::cmp::Ordering::Equal => "mixed",
    }
}

fn render(qs: &QueryString, g: &Graph, names: &BTreeMap<String, ActorName>) -> Markup {
    let n = g.nodes.len().max(1) as f64;
    let max_events = g.nodes.iter().map(|n| n.events).max().unwrap_or(1).max(1) as f64;
    let pos: HashMap<&str, (f64, f64)> = g
        .nodes
        .iter()
        .enumerate()
        .map(|(i, node)| {
            let a = i as f64 / n * std::f64::consts::TAU;
            (
                node.id.as_str(),
                (
                    WIDTH / 2.0 + WIDTH * 0.4 * a.cos(),
                    HEIGHT / 2.0 + HEIGHT * 0.4 * a.sin(),
                ),
            )
        })
        .collect();
    let label = |id: &str, fallback: &str| -> String {
        names
            .get(id)
            .map(|n| n.name_ar.clone().unwrap_or_else(|| n.name.clone()))
            .unwrap_or_else(|| fallback.to_string())
    };
    let body = html! {
        h1 { (bi("شبكة الفاعلين", "Actor network")) }
        form.filters method="get" action="/network" {
            (field("actor", "حول الفاعل", "Around actor id", "text", qs.get("actor")))
            (type_select(qs.get("type")))
            (quad_select(qs.get("quad")))
            (country_and_dates(qs))
            (field("max_nodes", "أقصى عدد للعقد", "Max nodes", "number", qs.get("max_nodes")))
            button type="submit" { (bi("اعرض", "Show")) }
        }
        p.count {
            bdi.num { (g.nodes.len()) } " " (bi("فاعلاً", "actors")) " · "
            bdi.num { (g.edges.len()) } " " (bi("علاقة", "links"))
            " " small { (bi("— الأحداث الواقعية فقط", "counted events only")) }
        }
        @if g.nodes.is_empty() {
            p.empty { (bi("لا علاقات بهذه المرشحات", "No links match these filters")) }
        } @else {
            figure.network {
                svg #network viewBox={ "0 0 " (WIDTH) " " (HEIGHT) } role="img"
                    aria-label="شبكة الفاعلين · actor network" direction="ltr" {
                    defs {
                        marker #arrow viewBox="0 0 10 10" refX="10" refY="5" markerWidth="6"
                            markerHeight="6" orient="auto-start-reverse" {
                            path d="M 0 0 L 10 5 L 0 10 z" {}
                        }
                    }
                    g.edges {
                        @for e in &g.edges {
                            @if let (Some(a), Some(b)) = (pos.get(e.source.as_str()), pos.get(e.target.as_str())) {
                                line class=(edge_class(e.cooperation, e.conflict))
                                    data-source=(e.source) data-target=(e.target)
                                    x1=(fmt(a.0)) y1=(fmt(a.1)) x2=(fmt(b.0)) y2=(fmt(b.1))
                                    stroke-width=(fmt(1.0 + (e.events as f64).sqrt()))
                                    marker-end="url(#arrow)" {
                                    title {
                                        (label(&e.source, &e.source)) " ← " (label(&e.target, &e.target))
                                        ": " (e.events) " (cooperation " (e.cooperation) ", conflict " (e.conflict) ")"
                                    }
                                }
                            }
                        }
                    }
                    g.nodes {
                        @for node in &g.nodes {
                            @let (x, y) = pos[node.id.as_str()];
                            @let r = 5.0 + 10.0 * (node.events as f64 / max_events).sqrt();
                            a.node href={ "/actors/" (encode_path(&node.id)) } data-id=(node.id)
                                transform={ "translate(" (fmt(x)) "," (fmt(y)) ")" } {
                                title { (label(&node.id, &node.name)) " · " (node.name) ": " (node.events) }
                                circle r=(fmt(r)) {}
                                text y=(fmt(r + 13.0)) text-anchor="middle" { (label(&node.id, &node.name)) }
                            }
                        }
                    }
                }
                figcaption.legend {
                    span.key { i.coop {} (bi("تعاون غالب", "mostly cooperation")) }
                    span.key { i.conf {} (bi("نزاع غالب", "mostly conflict")) }
                    span.key { i.mixed {} (bi("متعادل", "even")) }
                }
            }
            div.table-wrap {
                table.sortable.nodes {
                    (sortable_head([
                        ("text", "الفاعل", "Actor"),
                        ("text", "البلد", "Country"),
                        ("number", "الأحداث", "Events"),
                    ]))
                    tbody {
                        @for node in &g.nodes {
                            tr {
                                td data-value=(label(&node.id, &node.name)) {
                                    (super::actor_link(&node.id, &node.name, names))
                                }
                                td data-value=(node.country.as_deref().unwrap_or("")) { bdi { (node.country.as_deref().unwrap_or("—")) } }
                                td data-value=(node.events) { bdi.num { (node.events) } }
                            }
                        }
                    }
                }
            }
        }
    };
    page("شبكة الفاعلين", Nav::Network, body)
}
