//! The lead form in front of the report (`lead` mode).
//!
//! This release validates the form and reveals the report; delivering the
//! lead to a CRM comes with the lead outbox. The form says so.

use super::Ctx;
use crate::i18n::{t, Key};
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// Properties of [`LeadGate`].
#[derive(Debug, Clone, PartialEq, Properties)]
pub struct LeadGateProps {
    /// Prefix for element ids.
    pub instance: AttrValue,
    /// Called when the form is valid.
    pub on_unlock: Callback<()>,
    /// Called to go back to the questions.
    pub on_back: Callback<()>,
}

/// Whether `s` looks like an e-mail address (one `@`, a dot in the domain,
/// no spaces). The server is the real judge; this catches typos.
pub fn plausible_email(s: &str) -> bool {
    let s = s.trim();
    let Some((local, domain)) = s.split_once('@') else { return false };
    !local.is_empty()
        && !domain.contains('@')
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !s.chars().any(char::is_whitespace)
        && s.len() <= 254
}

/// Work e-mail and consent, then the report.
#[function_component(LeadGate)]
pub fn lead_gate(props: &LeadGateProps) -> Html {
    let errors = use_state(|| (false, false));
    let email_ref = use_node_ref();
    let consent_ref = use_node_ref();
    let Some(ctx) = use_context::<Ctx>() else { return html! {} };
    let l = ctx.locale;
    let id = |s: &str| format!("{}-lead-{s}", props.instance);

    let onsubmit = {
        let (errors, email_ref, consent_ref, on_unlock) = (errors.clone(), email_ref.clone(), consent_ref.clone(), props.on_unlock.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let email_ok = email_ref.cast::<HtmlInputElement>().is_some_and(|i| plausible_email(&i.value()));
            let consent_ok = consent_ref.cast::<HtmlInputElement>().is_some_and(|i| i.checked());
            errors.set((!email_ok, !consent_ok));
            if email_ok && consent_ok {
                on_unlock.emit(());
            }
        })
    };
    let on_back = props.on_back.reform(|_: MouseEvent| ());
    let (email_bad, consent_bad) = *errors;

    html! {
        <form class="b2ba-gate" {onsubmit} novalidate=true>
            <h2 class="b2ba-focus" tabindex="-1">{ t(l, Key::GateTitle) }</h2>
            <p>{ t(l, Key::GateIntro) }</p>
            <div class="b2ba-field">
                <label for={id("name")}>{ t(l, Key::FullName) }</label>
                <input id={id("name")} type="text" autocomplete="name" />
            </div>
            <div class="b2ba-field">
                <label for={id("company")}>{ t(l, Key::Company) }</label>
                <input id={id("company")} type="text" autocomplete="organization" />
            </div>
            <div class="b2ba-field">
                <label for={id("email")}>{ t(l, Key::WorkEmail) }<span aria-hidden="true">{ " *" }</span></label>
                <input id={id("email")} type="email" autocomplete="email" required=true ref={email_ref}
                    aria-invalid={email_bad.then_some("true")} aria-describedby={email_bad.then(|| id("email-error"))} />
                if email_bad {
                    <p class="b2ba-error" id={id("email-error")}>{ t(l, Key::EmailInvalid) }</p>
                }
            </div>
            <div class="b2ba-field b2ba-consent">
                <input id={id("consent")} type="checkbox" required=true ref={consent_ref}
                    aria-invalid={consent_bad.then_some("true")} aria-describedby={consent_bad.then(|| id("consent-error"))} />
                <label for={id("consent")}>{ t(l, Key::ConsentText) }</label>
                if consent_bad {
                    <p class="b2ba-error" id={id("consent-error")}>{ t(l, Key::ConsentRequired) }</p>
                }
            </div>
            <p class="b2ba-fine">{ t(l, Key::NotSentYet) }</p>
            <div class="b2ba-nav">
                <button type="button" class="b2ba-secondary b2ba-back" onclick={on_back}>{ t(l, Key::Back) }</button>
                <button type="submit" class="b2ba-primary b2ba-unlock">{ t(l, Key::ShowReport) }</button>
            </div>
        </form>
    }
}
