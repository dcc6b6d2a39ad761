//! Queueing a submitted lead: the consent record, the envelope, the CRM
//! request and (for HubSpot only, with consent given) the tracking cookie,
//! handed to the outbox. The root component only calls [`queue`].

use crate::config::LeadConfig;
use crate::domain::lead::{self, Consent, Destination};
use crate::domain::outbox::LeadStatus;
use crate::i18n::{t, Key};
use crate::state::{LeadSubmission, State};
use crate::web::events::HostEvents;
use yew::Callback;

/// Builds the lead's request and queues it in the outbox. A honeypot hit is
/// answered as if sent, and nothing leaves the browser. Not inlined: the
/// effect that calls it runs on every render, and the browser compiles a
/// wasm function whole on its first call — the lead code only when a lead
/// is sent.
#[inline(never)]
pub fn queue(state: &State, lead_cfg: &LeadConfig, lead: &LeadSubmission, events: Option<HostEvents>, on_status: Callback<LeadStatus>) {
    if !lead.trap.is_empty() {
        on_status.emit(LeadStatus::Sent { confirmed: true });
        return;
    }
    let l = state.locale;
    let consent = Consent {
        given: true,
        text: lead_cfg.consent_text.as_ref().map(|tx| tx.get(l).to_string()).unwrap_or_else(|| t(l, Key::ConsentText).to_string()),
        privacy_url: lead_cfg.privacy_url.clone().unwrap_or_default(),
        at: lead.consent_at.clone(),
    };
    let source = super::page_source(state.mode.name(), l.tag());
    let env = lead::envelope(&state.content, &state.answers, &lead.contact, &consent, &source, &lead.id, &super::now_iso(), "");
    // HubSpot's tracking cookie is read only for HubSpot, and only now, with consent given.
    let hutk = match lead_cfg.destination {
        Destination::HubSpot { .. } => super::cookie("hubspotutk"),
        _ => None,
    };
    let request = lead::request(&lead_cfg.destination, &env, hutk.as_deref());
    super::outbox::enqueue(lead.id.clone(), request, on_status, events);
}
