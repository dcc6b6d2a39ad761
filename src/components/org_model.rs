//! The organisation model for the visitor's team size.

use super::score_summary::SectionProps;
use super::Ctx;
use crate::i18n::{t, Key};
use yew::prelude::*;

/// The recommended setup as a definition list.
#[function_component(OrgModelView)]
pub fn org_model_view(props: &SectionProps) -> Html {
    let Some(ctx) = use_context::<Ctx>() else { return html! {} };
    let l = ctx.locale;
    let Some(m) = props.report.org_model.as_ref() else { return html! {} };
    let rows = [
        (Key::MainProblem, &m.main_problem),
        (Key::Setup, &m.setup),
        (Key::WhatToOutsource, &m.outsource),
        (Key::Focus, &m.priority),
        (Key::Coordination, &m.coordination),
    ];
    html! {
        <section class="b2ba-org" data-model={m.id.clone()}>
            <h3>{ t(l, Key::OrgModel) }{ ": " }<span class="b2ba-org-label">{ m.label.get(l) }</span></h3>
            <dl class="b2ba-dl">
                { for rows.iter().map(|(k, v)| html! {
                    <div><dt>{ t(l, *k) }</dt><dd>{ v.get(l) }</dd></div>
                }) }
            </dl>
        </section>
    }
}
