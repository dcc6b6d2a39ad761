//! Ranked next steps: the first few in the report's first block, the rest
//! collapsed below it.

use super::Ctx;
use crate::domain::recommend::{self, ActionStatus, NextAction};
use crate::domain::{Answers, Content, Locale, Report};
use crate::i18n::{bracket, colon, t, Key};
use std::rc::Rc;
use yew::prelude::*;

/// Properties of [`NextActions`].
#[derive(Debug, Clone, PartialEq, Properties)]
pub struct NextActionsProps {
    /// The report.
    pub report: Rc<Report>,
    /// The answers (the team size picks the step's wording).
    pub answers: Answers,
    /// First action shown (0: the top of the list, under its own heading).
    #[prop_or(0)]
    pub start: usize,
    /// One past the last action shown; `None`: to the end.
    #[prop_or_default]
    pub end: Option<usize>,
    /// Whether to render the body under the summary line (see ReportView).
    #[prop_or(true)]
    pub full: bool,
}

/// The actions `start..end`, each with its category, where it stands and a
/// concrete first step; the top ones as a section, the rest collapsed.
#[function_component(NextActions)]
pub fn next_actions(props: &NextActionsProps) -> Html {
    let full = props.full;
    let Some(ctx) = use_context::<Ctx>() else { return html! {} };
    let (c, l) = (&ctx.content, ctx.locale);
    let all = &props.report.actions;
    let end = props.end.unwrap_or(all.len()).min(all.len());
    let shown = all.get(props.start..end).unwrap_or(&[]);
    let items = || {
        html! {
            <ol start={(props.start + 1).to_string()}>
                { for shown.iter().filter_map(|a| item(c, l, &props.answers, a)) }
            </ol>
        }
    };
    if props.start == 0 {
        html! {
            <section class="b2ba-actions b2ba-top">
                <h3>{ t(l, Key::TopThree) }</h3>
                if all.is_empty() { <p>{ t(l, Key::AllInPlace) }</p> } else { { items() } }
            </section>
        }
    } else if shown.is_empty() {
        html! {}
    } else {
        html! {
            <details class="b2ba-actions b2ba-more b2ba-fold">
                <summary><h3>{ t(l, Key::MoreActions) }{ bracket(l, &shown.len().to_string()) }</h3></summary>
                if full { { items() } }
            </details>
        }
    }
}

fn item(c: &Content, l: Locale, answers: &Answers, a: &NextAction) -> Option<Html> {
    let check = c.checks.get(a.check)?;
    let cat = c.categories.get(a.category)?;
    let status = match a.status {
        ActionStatus::Partly => Key::PartlyInPlace,
        ActionStatus::NotYet => Key::NotInPlace,
        ActionStatus::ToConfirm => Key::ToConfirm,
    };
    let step = recommend::step_for(c, answers, a.check)?;
    // A survey finding that bears on this check, next to it.
    let b = &c.benchmarks;
    let finding = [&b.team_size, &b.nurturing].into_iter().find(|f| f.check.as_deref() == Some(check.id.as_str()));
    Some(html! {
        <li data-check={check.id.clone()} data-status={status_name(a.status)}>
            <p class="b2ba-action-title">{ check.action.title.get(l) }</p>
            <p class="b2ba-action-meta">
                <span class="b2ba-tag">{ cat.label.get(l) }</span>
                <span class="b2ba-tag b2ba-tag-status">{ t(l, status) }</span>
            </p>
            <p class="b2ba-action-step">{ step.get(l) }</p>
            if let Some(f) = finding.filter(|f| !f.points.is_empty()) {
                <p class="b2ba-action-ref">
                    { t(l, Key::ForReference) }{ colon(l) }{ f.points[0].get(l) }
                    { bracket(l, &match l {
                        Locale::Ja => format!("{}、{}年", f.source.name.get(l), f.source.year),
                        Locale::En => format!("{}, {}", f.source.name.get(l), f.source.year),
                    }) }
                    if let Some(caveat) = &f.source.caveat { { " " }{ caveat.get(l) } }
                </p>
            }
        </li>
    })
}

fn status_name(s: ActionStatus) -> &'static str {
    match s {
        ActionStatus::Partly => "partly",
        ActionStatus::NotYet => "not-yet",
        ActionStatus::ToConfirm => "to-confirm",
    }
}
