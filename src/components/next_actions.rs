//! Ranked next steps.

use super::score_summary::SectionProps;
use super::Ctx;
use crate::i18n::{t, Key};
use yew::prelude::*;

/// The next actions, sales alignment first, each with a concrete step.
#[function_component(NextActions)]
pub fn next_actions(props: &SectionProps) -> Html {
    let Some(ctx) = use_context::<Ctx>() else { return html! {} };
    let (c, l) = (&ctx.content, ctx.locale);
    let actions = &props.report.actions;
    html! {
        <section class="b2ba-actions">
            <h3>{ t(l, Key::NextActions) }</h3>
            if actions.is_empty() {
                <p>{ t(l, Key::AllInPlace) }</p>
            } else {
                <ol>
                { for actions.iter().filter_map(|a| {
                    let check = c.checks.get(a.check)?;
                    let cat = c.categories.get(a.category)?;
                    let status = if a.partly { Key::PartlyInPlace } else { Key::NotInPlace };
                    Some(html! {
                        <li data-check={check.id.clone()}>
                            <p class="b2ba-action-title">{ check.action.title.get(l) }</p>
                            <p class="b2ba-action-meta">
                                <span class="b2ba-tag">{ cat.label.get(l) }</span>
                                <span class="b2ba-tag b2ba-tag-status">{ t(l, status) }</span>
                            </p>
                            <p class="b2ba-action-step">{ check.action.step.get(l) }</p>
                        </li>
                    })
                }) }
                </ol>
            }
        </section>
    }
}
