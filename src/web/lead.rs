//! Queueing a submitted lead: the consent record, the envelope, the CRM
//! request and (for HubSpot only, with consent given) the tracking cookie,
//! handed to the outbox. Components only call [`queue`].

use crate::config::{LeadConfig, Mode};
use crate::domain::lead::{self, Consent, Destination};
use crate::domain::outbox::LeadStatus;
use crate::domain::{Answers, Content, Locale};
use crate::state::LeadSubmission;
use crate::web::events::HostEvents;
use yew::Callback;

/// A submitted lead and the assessment it carries.
#[derive(Debug, Clone, Copy)]
pub struct Submitted<'a> {
    /// The content set answered.
    pub content: &'a Content,
    /// The answers.
    pub answers: &'a Answers,
    /// The widget's mode (the lead's source).
    pub mode: Mode,
    /// The visitor's language (the consent text's).
    pub locale: Locale,
    /// The lead form as submitted.
    pub lead: &'a LeadSubmission,
}

/// Builds the lead's request and queues it in the outbox. A honeypot hit is
/// answered as if sent, and nothing leaves the browser. Not inlined: the
/// effect that calls it runs on every render, and the browser compiles a
/// wasm function whole on its first call — the lead code only when a lead
/// is sent.
#[inline(never)]
pub fn queue(s: Submitted, lead_cfg: &LeadConfig, events: Option<HostEvents>, on_status: Callback<LeadStatus>) {
    let lead = s.lead;
    if !lead.trap.is_empty() {
        on_status.emit(LeadStatus::Sent { confirmed: true });
        return;
    }
    let l = s.locale;
    let consent = Consent {
        given: true,
        text: lead_cfg.consent_text(l),
        privacy_url: lead_cfg.privacy_url.clone().unwrap_or_default(),
        at: lead.consent_at.clone(),
        purposes: lead_cfg.purposes(l),
    };
    let source = super::page_source(s.mode.name(), l.tag());
    let env = lead::envelope(s.content, s.answers, &lead.contact, &consent, &source, &lead.id, &super::now_iso(), "");
    // HubSpot's tracking cookie is read only for HubSpot, and only now, with consent given.
    let hutk = match lead_cfg.destination {
        Destination::HubSpot { .. } => super::cookie("hubspotutk"),
        _ => None,
    };
    let request = lead::request(&lead_cfg.destination, &env, hutk.as_deref());
    super::outbox::enqueue(lead.id.clone(), request, on_status, events);
}
