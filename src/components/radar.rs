//! Scores per category as a radar chart (SVG drawn in Rust), in the
//! report's first block. A view function, not a component: it has no hooks
//! and no updates of its own, and each Yew component costs about 0.2 KB gzip
//! of lifecycle code. Until the report's first frame is painted (`full`
//! false) the chart is its empty box, the same size (the viewBox sets it) and
//! already named for a screen reader; its ~25 nodes come with the sections'
//! bodies (issue 21).

use super::Ctx;
use crate::domain::Report;
use crate::i18n::{t, Key};
use yew::prelude::*;

/// Radius of the radar chart in SVG units.
const RADIUS: f64 = 100.0;

/// The radar polygon's corners for `scores` (0–100 each): the first axis
/// points up, the rest follow clockwise.
pub fn radar_points(scores: &[u8], radius: f64) -> Vec<(f64, f64)> {
    let n = scores.len().max(1) as f64;
    scores
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let a = -std::f64::consts::FRAC_PI_2 + std::f64::consts::TAU * i as f64 / n;
            let r = radius * f64::from((*s).min(100)) / 100.0;
            (r * cos(a), r * sin(a))
        })
        .collect()
}

fn polygon(points: &[(f64, f64)]) -> String {
    points.iter().map(|(x, y)| format!("{x:.1},{y:.1}")).collect::<Vec<_>>().join(" ")
}

/// The radar chart, with the same numbers as its text alternative.
pub fn radar(ctx: &Ctx, report: &Report, full: bool) -> Html {
    let (c, l) = (&ctx.content, ctx.locale);
    let scores: Vec<u8> = report.score.categories.iter().map(|c| c.score).collect();
    let labels: Vec<&str> =
        report.score.categories.iter().map(|cs| c.categories.get(cs.category).map_or("", |k| k.label.get(l))).collect();
    let edge = vec![100u8; scores.len()];
    let outer = radar_points(&edge, RADIUS);
    let label_at = radar_points(&edge, RADIUS * 1.16);
    let alt = format!(
        "{}: {}",
        t(l, Key::RadarTitle),
        labels.iter().zip(&scores).map(|(n, s)| format!("{n} {s}")).collect::<Vec<_>>().join(", ")
    );
    let radar = (scores.len() >= 3).then(|| html! {
        // Wide enough for a side label of ~25 characters at 11 units (an
        // English category name): the e2e test measures that none is clipped.
        <svg class="b2ba-radar" viewBox="-270 -150 540 300" role="img" aria-label={alt}>
            if full {
                { for [25u8, 50, 75, 100].iter().map(|ring| html! {
                    <polygon class="b2ba-radar-grid" points={polygon(&radar_points(&vec![*ring; scores.len()], RADIUS))} />
                }) }
                { for outer.iter().map(|(x, y)| html! {
                    <line class="b2ba-radar-axis" x1="0" y1="0" x2={format!("{x:.1}")} y2={format!("{y:.1}")} />
                }) }
                <polygon class="b2ba-radar-area" points={polygon(&radar_points(&scores, RADIUS))} />
                { for label_at.iter().zip(&labels).zip(&scores).map(|(((x, y), name), score)| {
                    let anchor = if x.abs() < 1.0 { "middle" } else if *x > 0.0 { "start" } else { "end" };
                    // The name, and the score under it: two short lines fit beside
                    // the chart where one long one was cut off at its edge.
                    let dy = if *y < -RADIUS * 0.9 { "-1.35em" } else if *y > RADIUS * 0.9 { "0.9em" } else { "-0.25em" };
                    let x = format!("{x:.1}");
                    html! {
                        <text class="b2ba-radar-label" x={x.clone()} y={format!("{y:.1}")} text-anchor={anchor} dy={dy}>
                            <tspan>{ *name }</tspan>
                            <tspan x={x} dy="1.15em">{ score }</tspan>
                        </text>
                    }
                }) }
            }
        </svg>
    });
    html! {
        <section class="b2ba-radar-box">
            <h3>{ t(l, Key::CategoryScores) }</h3>
            { for radar }
        </section>
    }
}

// The browser's Math.sin/cos (fdlibm, as Rust's libm) instead of ~5 KB of
// libm in the wasm.
#[cfg(target_arch = "wasm32")]
fn sin(a: f64) -> f64 {
    js_sys::Math::sin(a)
}
#[cfg(target_arch = "wasm32")]
fn cos(a: f64) -> f64 {
    js_sys::Math::cos(a)
}
#[cfg(not(target_arch = "wasm32"))]
fn sin(a: f64) -> f64 {
    a.sin()
}
#[cfg(not(target_arch = "wasm32"))]
fn cos(a: f64) -> f64 {
    a.cos()
}
