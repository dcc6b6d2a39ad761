//! What to keep in-house and what to outsource.

use super::source_note::SourceNote;
use super::Ctx;
use crate::domain::content::SourcingItem;
use crate::domain::Locale;
use crate::i18n::{t, Key};
use yew::prelude::*;

/// Properties of [`SourcingAdvice`].
#[derive(Debug, Clone, PartialEq, Properties)]
pub struct SourcingAdviceProps {
    /// Whether to render the body under the summary line (see ReportView).
    #[prop_or(true)]
    pub full: bool,
}

/// Two lists and the advice on moving work in-house.
#[function_component(SourcingAdvice)]
pub fn sourcing_advice(props: &SourcingAdviceProps) -> Html {
    let full = props.full;
    let Some(ctx) = use_context::<Ctx>() else { return html! {} };
    let (s, l) = (&ctx.content.sourcing, ctx.locale);
    html! {
        <details class="b2ba-sourcing b2ba-fold">
            <summary><h3>{ t(l, Key::Sourcing) }</h3></summary>
            if full { <>
            <div class="b2ba-columns">
                <div><h4>{ t(l, Key::KeepInHouse) }</h4>{ list(l, &s.keep_in_house) }</div>
                <div><h4>{ t(l, Key::CanOutsource) }</h4>{ list(l, &s.outsource) }</div>
            </div>
            <p>{ s.advice.get(l) }</p>
            if let Some(a) = &ctx.content.article { <SourceNote source={a.clone()} /> }
            </> }
        </details>
    }
}

fn list(l: Locale, items: &[SourcingItem]) -> Html {
    html! {
        <ul>
            { for items.iter().map(|i| html! {
                <li>
                    { i.label.get(l) }
                    if let Some(why) = &i.why { <span>{ why.get(l) }</span> }
                </li>
            }) }
        </ul>
    }
}
