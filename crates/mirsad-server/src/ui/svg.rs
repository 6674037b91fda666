//! Charts drawn on the server as inline SVG: they need no script and print as they look.

use super::bi;
use maud::{html, Markup};

/// One stacked series: CSS class (its colour), Arabic and English names.
pub(super) struct Series {
    pub class: &'static str,
    pub ar: &'static str,
    pub en: &'static str,
}

const WIDTH: f64 = 800.0;
const HEIGHT: f64 = 260.0;
const LEFT: f64 = 44.0;
// room for half of the last period label
const RIGHT: f64 = 30.0;
const TOP: f64 = 10.0;
const BOTTOM: f64 = 46.0;

/// Stacked bars, one per period (`values[i]` per series), time running left to right as on
/// every calendar axis; each bar has a tooltip with its numbers.
pub(super) fn stacked_bars(
    label: &str,
    series: &[Series],
    periods: &[(String, Vec<u64>)],
) -> Markup {
    let max = periods
        .iter()
        .map(|(_, v)| v.iter().sum::<u64>())
        .max()
        .unwrap_or(0)
        .max(1);
    let top = nice_ceiling(max);
    let plot_w = WIDTH - LEFT - RIGHT;
    let plot_h = HEIGHT - TOP - BOTTOM;
    let slot = plot_w / periods.len().max(1) as f64;
    let bar = (slot * 0.8).max(1.0);
    let y = |v: f64| TOP + plot_h - v / top as f64 * plot_h;
    // about a dozen period labels at most, so they never overlap
    let every = periods.len().div_ceil(12).max(1);
    html! {
        figure.chart {
            svg viewBox={ "0 0 " (WIDTH) " " (HEIGHT) } role="img" aria-label=(label)
                direction="ltr" preserveAspectRatio="xMidYMid meet" {
                @for tick in [0, top / 2, top] {
                    line.grid x1=(LEFT) x2=(WIDTH - RIGHT) y1=(y(tick as f64)) y2=(y(tick as f64)) {}
                    text.axis x=(LEFT - 6.0) y=(y(tick as f64) + 4.0) text-anchor="end" { (tick) }
                }
                @for (i, (period, values)) in periods.iter().enumerate() {
                    @let x = LEFT + i as f64 * slot + (slot - bar) / 2.0;
                    @let total: u64 = values.iter().sum();
                    g.bar data-period=(period) data-count=(total) {
                        title {
                            (period) ": " (total)
                            @for (s, v) in series.iter().zip(values) {
                                @if *v > 0 { " · " (s.en) " " (v) }
                            }
                        }
                        @for (s, base, v) in stack(series, values) {
                            rect class=(s.class) x=(fmt(x)) width=(fmt(bar))
                                y=(fmt(y((base + v) as f64)))
                                height=(fmt(y(base as f64) - y((base + v) as f64))) {}
                        }
                    }
                    @if i % every == 0 {
                        text.axis x=(fmt(x + bar / 2.0)) y=(HEIGHT - BOTTOM + 16.0) text-anchor="middle" {
                            (period)
                        }
                    }
                }
                line.axis-line x1=(LEFT) x2=(WIDTH - RIGHT) y1=(y(0.0)) y2=(y(0.0)) {}
            }
            @if series.len() > 1 {
                figcaption.legend {
                    @for s in series {
                        span.key { i.(s.class) {} (bi(s.ar, s.en)) }
                    }
                }
            }
        }
    }
}

/// Each non-zero value with the total of the series below it.
fn stack<'a>(series: &'a [Series], values: &[u64]) -> Vec<(&'a Series, u64, u64)> {
    let mut base = 0;
    let mut out = Vec::new();
    for (s, &v) in series.iter().zip(values) {
        if v > 0 {
            out.push((s, base, v));
        }
        base += v;
    }
    out
}

pub(super) fn fmt(v: f64) -> String {
    format!("{v:.1}")
}

/// The axis top: the smallest of 2, 4, 6, 8, 10 × 10ⁿ at or above `v` (even, so the middle
/// tick is a whole number).
fn nice_ceiling(v: u64) -> u64 {
    let mut step = 1u64;
    loop {
        for m in [2, 4, 6, 8, 10] {
            if m * step >= v {
                return m * step;
            }
        }
        step *= 10;
    }
}

/// Every month from the first to the last period (so gaps show as gaps), when that is not
/// too many bars; otherwise the periods as they are.
pub(super) fn fill_months(
    periods: Vec<(String, Vec<u64>)>,
    width: usize,
) -> Vec<(String, Vec<u64>)> {
    let parse = |p: &str| -> Option<(i32, u32)> {
        let (y, m) = p.split_once('-')?;
        Some((y.parse().ok()?, m.parse().ok()?))
    };
    let (Some(first), Some(last)) = (
        periods.first().and_then(|p| parse(&p.0)),
        periods.last().and_then(|p| parse(&p.0)),
    ) else {
        return periods;
    };
    let span = (last.0 - first.0) * 12 + last.1 as i32 - first.1 as i32 + 1;
    if !(1..=240).contains(&span) || periods.iter().any(|p| p.0.len() != 7) {
        return periods;
    }
    let mut out = Vec::with_capacity(span as usize);
    let mut it = periods.into_iter().peekable();
    let (mut y, mut m) = first;
    for _ in 0..span {
        let key = format!("{y:04}-{m:02}");
        match it.peek() {
            Some(p) if p.0 == key => out.push(it.next().unwrap_or_default()),
            _ => out.push((key, vec![0; width])),
        }
        (y, m) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ceilings_are_round_and_even() {
        assert_eq!(nice_ceiling(1), 2);
        assert_eq!(nice_ceiling(3), 4);
        assert_eq!(nice_ceiling(7), 8);
        assert_eq!(nice_ceiling(11), 20);
        assert_eq!(nice_ceiling(120), 200);
    }

    #[test]
    fn months_are_filled_between_first_and_last() {
        let p = vec![
            ("2015-11".to_string(), vec![1]),
            ("2016-02".to_string(), vec![3]),
        ];
        let f = fill_months(p, 1);
        let keys: Vec<&str> = f.iter().map(|p| p.0.as_str()).collect();
        assert_eq!(keys, ["2015-11", "2015-12", "2016-01", "2016-02"]);
        assert_eq!(f[1].1, [0]);
        assert_eq!(f[3].1, [3]);
    }

    #[test]
    fn bars_stack_their_series() {
        let s = [
            Series {
                class: "a",
                ar: "أ",
                en: "a",
            },
            Series {
                class: "b",
                ar: "ب",
                en: "b",
            },
        ];
        let html = stacked_bars("t", &s, &[("2015-01".into(), vec![1, 2])]).into_string();
        assert!(html.contains(r#"data-count="3""#));
        assert_eq!(html.matches("<rect").count(), 2);
    }
}
