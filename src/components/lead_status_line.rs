//! How a submitted lead's delivery goes: one line above the report,
//! announced politely to screen readers.

use super::Ctx;
use crate::domain::outbox::LeadStatus;
use crate::i18n::{t, Key};
use yew::prelude::*;

/// Properties of [`LeadStatusLine`].
#[derive(Debug, Clone, PartialEq, Properties)]
pub struct LeadStatusProps {
    /// The status to show.
    pub status: Option<LeadStatus>,
}

/// How the lead's delivery goes, announced politely to screen readers.
#[function_component(LeadStatusLine)]
pub fn lead_status_line(props: &LeadStatusProps) -> Html {
    let Some(ctx) = use_context::<Ctx>() else { return html! {} };
    let l = ctx.locale;
    let (status, text) = match &props.status {
        None | Some(LeadStatus::Queued) => ("queued", t(l, Key::StatusQueued).to_string()),
        Some(LeadStatus::Retrying { reason }) => ("retrying", format!("{} ({reason})", t(l, Key::StatusRetrying))),
        Some(LeadStatus::Sent { confirmed: true }) => ("sent", t(l, Key::StatusSent).to_string()),
        Some(LeadStatus::Sent { confirmed: false }) => ("sent", t(l, Key::StatusSentUnconfirmed).to_string()),
        Some(LeadStatus::Failed { reason }) => ("failed", format!("{} ({reason})", t(l, Key::StatusFailed))),
    };
    html! { <p class="b2ba-lead-status" data-status={status} role="status" aria-live="polite">{ text }</p> }
}
