//! The organisation model for the visitor's team size.

use super::score_summary::SectionProps;
use super::source_note::SourceNote;
use super::Ctx;
use crate::i18n::{colon, t, Key};
use yew::prelude::*;

/// The recommended setup as a definition list.
#[function_component(OrgModelView)]
pub fn org_model_view(props: &SectionProps) -> Html {
    let full = props.full;
    let Some(ctx) = use_context::<Ctx>() else { return html! {} };
    let (c, l) = (&ctx.content, ctx.locale);
    let Some(m) = props.report.org_model.as_ref() else { return html! {} };
    let share = m.dedicated_share.as_ref().map(|s| (Key::DedicatedShare, s));
    let rows = [
        (Key::MainProblem, &m.main_problem),
        (Key::Setup, &m.setup),
        (Key::WhatToOutsource, &m.outsource),
        (Key::Focus, &m.priority),
        (Key::Coordination, &m.coordination),
    ];
    html! {
        <details class="b2ba-org b2ba-fold" data-model={m.id.clone()}>
            <summary><h3>{ t(l, Key::OrgModel) }{ colon(l) }<span class="b2ba-org-label">{ m.label.get(l) }</span></h3></summary>
            if full { <>
            <dl class="b2ba-dl">
                { for share.iter().chain(rows.iter()).map(|(k, v)| html! {
                    <div><dt>{ t(l, *k) }</dt><dd>{ v.get(l) }</dd></div>
                }) }
            </dl>
            if let Some(n) = &c.org_note { <p class="b2ba-fine b2ba-org-note">{ n.get(l) }</p> }
            if let Some(s) = &c.article { <SourceNote source={s.clone()} /> }
            </> }
        </details>
    }
}
