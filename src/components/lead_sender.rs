//! Hands the submitted lead to the outbox once and reports its delivery. It
//! renders nothing: the root mounts it only in the full build and only once
//! a lead is submitted, so the smaller builds carry none of this (a hook in
//! the root would be in every build: Yew allows no hook in a branch).

use super::Ctx;
use crate::config::{LeadConfig, Mode};
use crate::domain::outbox::LeadStatus;
use crate::domain::Answers;
use crate::state::LeadSubmission;
use crate::web::events::HostEvents;
use crate::web::lead::{self, Submitted};
use std::rc::Rc;
use yew::prelude::*;

/// Properties of [`LeadSender`].
#[derive(Debug, Clone, PartialEq, Properties)]
pub struct LeadSenderProps {
    /// The submitted lead form.
    pub lead: LeadSubmission,
    /// The answers the lead carries.
    pub answers: Answers,
    /// The widget's mode, for the lead's source.
    pub mode: Mode,
    /// Where the lead goes and what the notice said.
    pub config: Rc<LeadConfig>,
    /// Where events go.
    pub events: Option<HostEvents>,
    /// Called as the delivery goes (queued, retrying, sent, failed).
    pub on_status: Callback<LeadStatus>,
}

/// Queues the lead when it is mounted (or given another lead).
#[function_component(LeadSender)]
pub fn lead_sender(props: &LeadSenderProps) -> Html {
    let ctx = use_context::<Ctx>();
    let p = props.clone();
    use_effect_with(props.lead.id.clone(), move |_| {
        if let Some(ctx) = ctx {
            let submitted =
                Submitted { content: &ctx.content, answers: &p.answers, mode: p.mode, locale: ctx.locale, lead: &p.lead };
            lead::queue(submitted, &p.config, p.events, p.on_status);
        }
    });
    html! {}
}
