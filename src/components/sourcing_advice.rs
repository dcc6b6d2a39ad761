//! What to keep in-house and what to outsource.

use super::Ctx;
use crate::domain::content::SourcingItem;
use crate::domain::Locale;
use crate::i18n::{t, Key};
use yew::prelude::*;

/// Two lists and the advice on moving work in-house.
#[function_component(SourcingAdvice)]
pub fn sourcing_advice() -> Html {
    let Some(ctx) = use_context::<Ctx>() else { return html! {} };
    let (s, l) = (&ctx.content.sourcing, ctx.locale);
    html! {
        <section class="b2ba-sourcing">
            <h3>{ t(l, Key::Sourcing) }</h3>
            <div class="b2ba-columns">
                <div><h4>{ t(l, Key::KeepInHouse) }</h4>{ list(l, &s.keep_in_house) }</div>
                <div><h4>{ t(l, Key::CanOutsource) }</h4>{ list(l, &s.outsource) }</div>
            </div>
            <p>{ s.advice.get(l) }</p>
        </section>
    }
}

fn list(l: Locale, items: &[SourcingItem]) -> Html {
    html! {
        <ul>
            { for items.iter().map(|i| html! {
                <li><strong>{ i.label.get(l) }</strong>{ " " }<span>{ i.why.get(l) }</span></li>
            }) }
        </ul>
    }
}
