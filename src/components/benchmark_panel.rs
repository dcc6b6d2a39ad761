//! The visitor beside the published survey figures.

use super::source_note::SourceNote;
use super::Ctx;
use crate::domain::benchmarks::format_percent;
use crate::domain::content::{BandBenchmark, Content, Finding, ProfileQuestion};
use crate::domain::{Answers, Locale, Report, Step};
use crate::i18n::{colon, t, Key};
use std::rc::Rc;
use yew::prelude::*;

/// Properties of [`BenchmarkPanel`].
#[derive(Debug, Clone, PartialEq, Properties)]
pub struct BenchmarkPanelProps {
    /// The report.
    pub report: Rc<Report>,
    /// The answers (a finding shows the visitor's answer to the check it bears on).
    pub answers: Answers,
    /// Whether to render the body under the summary line (see ReportView).
    #[prop_or(true)]
    pub full: bool,
}

/// Every benchmark, each with its source, year and the source's caveat.
#[function_component(BenchmarkPanel)]
pub fn benchmark_panel(props: &BenchmarkPanelProps) -> Html {
    let full = props.full;
    let Some(ctx) = use_context::<Ctx>() else { return html! {} };
    let (c, l) = (&ctx.content, ctx.locale);
    let r = &props.report;
    let b = &c.benchmarks;
    let summary = html! { <summary><h3>{ t(l, Key::Benchmarks) }</h3></summary> };
    // Folded (the report's first frame): the summary line only, nothing
    // computed for a body that is not there.
    if !full {
        return html! { <details class="b2ba-benchmarks b2ba-fold">{ summary }</details> };
    }

    let dedicated = r.dedicated_staff.as_ref().map(|d| {
        let band = c.profile.revenue.options.get(d.figure.band).map(|o| o.label.get(l)).unwrap_or("");
        let stance = if d.visitor_has { Key::YouHaveDedicated } else { Key::YouLackDedicated };
        html! {
            <div class="b2ba-bench b2ba-bench-dedicated">
                <h4>{ b.dedicated_staff.statement.get(l) }</h4>
                { figure(l, band, d.figure.percent, &b.dedicated_staff) }
                <p class="b2ba-stance">{ t(l, stance) }</p>
                { band_table(l, &b.dedicated_staff, &c.profile.revenue, Some(d.figure.band), None) }
                <SourceNote source={b.dedicated_staff.source.clone()} />
            </div>
        }
    });

    // A budget answered "don't know" has no band to compare.
    let known = |f: &&crate::domain::benchmarks::BandFigure| {
        c.profile.budget.options.get(f.band).is_some_and(|o| o.annual_jpy.is_some())
    };
    let budget = r.budget.as_ref().filter(known).map(|f| {
        let band = c.profile.budget.options.get(f.band).map(|o| o.label.get(l)).unwrap_or("");
        html! {
            <div class="b2ba-bench b2ba-bench-budget">
                <h4>{ b.budget.statement.get(l) }</h4>
                { figure(l, band, f.percent, &b.budget) }
                { band_table(l, &b.budget, &c.profile.budget, Some(f.band), r.budget_remainder) }
                if let Some(n) = &b.budget.note { <p class="b2ba-bench-note">{ n.get(l) }</p> }
                <SourceNote source={b.budget.source.clone()} />
            </div>
        }
    });

    html! {
        <details class="b2ba-benchmarks b2ba-fold">
            { summary }
            { dedicated }
            { budget }
            <div class="b2ba-bench b2ba-bench-team">{ finding(c, l, &b.team_size, &props.answers) }</div>
            <div class="b2ba-bench b2ba-bench-nurturing">{ finding(c, l, &b.nurturing, &props.answers) }</div>
        </details>
    }
}

/// The visitor's band and its figure, with what the figure is a share of
/// (the content's caption: a share within the band, or of all respondents).
fn figure(l: Locale, band: &str, percent: Option<f64>, bench: &BandBenchmark) -> Html {
    html! {
        <p class="b2ba-figure-line">
            <span class="b2ba-label">{ t(l, Key::YourBand) }{ colon(l) }{ band }</span>
            if let Some(p) = percent {
                <strong class="b2ba-figure">{ format_percent(p) }{ "%" }</strong>
                if let Some(caption) = &bench.caption {
                    <span class="b2ba-figure-caption">{ caption.get(l) }</span>
                }
            } else {
                <span class="b2ba-figure-missing">{ t(l, Key::NoFigureForBand) }</span>
            }
        </p>
    }
}

/// All bands the source gives, the visitor's marked, and the unexplained
/// remainder of a distribution with the source's note.
fn band_table(
    l: Locale,
    bench: &BandBenchmark,
    q: &ProfileQuestion,
    mine: Option<usize>,
    remainder: Option<f64>,
) -> Html {
    html! {
        <table class="b2ba-table b2ba-band-table">
            <tbody>
            { for bench.shares.iter().filter_map(|s| {
                let i = q.position(&s.band)?;
                let is_mine = mine == Some(i);
                Some(html! {
                    <tr data-mine={is_mine.then_some("true")}>
                        <th scope="row">
                            { q.options[i].label.get(l) }
                            if is_mine { <span class="b2ba-you">{ " ← " }{ t(l, Key::YourBand) }</span> }
                        </th>
                        <td class="b2ba-num">{ format_percent(s.percent) }{ "%" }</td>
                        <td class="b2ba-bar-col">
                            <svg class="b2ba-bar" viewBox="0 0 100 8" preserveAspectRatio="none" aria-hidden="true" focusable="false">
                                <rect class="b2ba-meter-track" x="0" y="0" width="100" height="8" rx="2" />
                                <rect class="b2ba-meter-fill" x="0" y="0" width={format_percent(s.percent)} height="8" rx="2" />
                            </svg>
                        </td>
                    </tr>
                })
            }) }
            if let (Some(rest), Some(note)) = (remainder, bench.remainder_note.as_ref()) {
                <tr class="b2ba-remainder">
                    <th scope="row">{ t(l, Key::BudgetRemainder) }</th>
                    <td class="b2ba-num">{ format_percent(rest) }{ "%" }</td>
                    <td class="b2ba-bar-col"></td>
                </tr>
                // The note across the table: in the bars' column a narrow
                // card wrapped it one character per line.
                <tr><td class="b2ba-remainder-note" colspan="3">{ note.get(l) }</td></tr>
            }
            </tbody>
        </table>
    }
}

/// A finding's statement, points, the check it bears on with the visitor's
/// answer, and its source (its box, with its class literal, is the caller's:
/// a computed class would bring Yew's `Classes`).
fn finding(c: &Content, l: Locale, f: &Finding, answers: &Answers) -> Html {
    let related = f.check.as_ref().and_then(|id| {
        let i = c.checks.iter().position(|k| &k.id == id)?;
        let answer = answers.get(Step::Check(i)).and_then(|a| c.answer_scale.get(a));
        Some((&c.checks[i], answer.map_or(t(l, Key::OrNotAnswered), |a| a.label.get(l))))
    });
    let sep = colon(l);
    html! {
        <>
            <h4>{ f.statement.get(l) }</h4>
            <ul>{ for f.points.iter().map(|p| html! { <li>{ p.get(l) }</li> }) }</ul>
            if let Some((check, answer)) = related {
                <p class="b2ba-related" data-check={check.id.clone()}>
                    <span>{ t(l, Key::RelatedCheck) }{ sep }{ check.text.get(l) }</span>
                    <span>{ t(l, Key::YourAnswer) }{ sep }<strong>{ answer }</strong></span>
                </p>
            }
            <SourceNote source={f.source.clone()} />
        </>
    }
}
