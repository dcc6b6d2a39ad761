//! Which answers moved the score the most.

use super::score_summary::SectionProps;
use super::Ctx;
use crate::i18n::{points_lost, t, Key};
use yew::prelude::*;

/// How many of the costliest answers to list.
const SHOWN: usize = 5;

/// The answers that cost the most points, with how many.
#[function_component(CostlyAnswers)]
pub fn costly_answers(props: &SectionProps) -> Html {
    let full = props.full;
    let Some(ctx) = use_context::<Ctx>() else { return html! {} };
    let (c, l) = (&ctx.content, ctx.locale);
    let losses = &props.report.score.losses;
    html! {
        <details class="b2ba-losses b2ba-fold">
            <summary><h3>{ t(l, Key::CostliestAnswers) }</h3></summary>
            if full { <>
            if losses.is_empty() {
                <p>{ t(l, Key::NothingLost) }</p>
            } else {
                <ul>
                { for losses.iter().take(SHOWN).filter_map(|loss| {
                    let check = c.checks.get(loss.check)?;
                    let answer = loss.answer.and_then(|a| c.answer_scale.get(a)).map(|a| a.label.get(l)).unwrap_or("—");
                    Some(html! {
                        <li data-check={check.id.clone()}>
                            <span class="b2ba-loss-text">{ check.text.get(l) }</span>
                            <span class="b2ba-loss-answer">{ answer }</span>
                            <span class="b2ba-loss-points">{ points_lost(l, loss.points) }</span>
                        </li>
                    })
                }) }
                </ul>
            }
            </> }
        </details>
    }
}
