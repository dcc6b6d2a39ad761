//! The lead form: contact fields per the site's rules, consent with the
//! site's text and privacy link, a honeypot, the external-transmission
//! notice.

use super::Ctx;
use crate::config::LeadConfig;
use crate::domain::lead::{Contact, Destination, Field, FieldRule, Problem};
use crate::domain::Locale;
use crate::i18n::{site_owner, t, Key};
use crate::state::LeadSubmission;
use std::rc::Rc;
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// Properties of [`LeadForm`].
#[derive(Debug, Clone, PartialEq, Properties)]
pub struct LeadFormProps {
    /// Prefix for element ids.
    pub instance: AttrValue,
    /// The site's lead settings.
    pub lead: Rc<LeadConfig>,
    /// Called with a valid submission.
    pub on_submit: Callback<LeadSubmission>,
    /// Called to go back to the questions (gated modes).
    #[prop_or_default]
    pub on_back: Option<Callback<()>>,
    /// The heading; the gate asks differently from the optional form.
    #[prop_or(Key::GateTitle)]
    pub heading: Key,
    /// The submit button's label: the gate's opens the report, the
    /// optional form's only sends.
    #[prop_or(Key::SendAndShow)]
    pub submit: Key,
}

fn problem_text(l: Locale, p: Problem) -> &'static str {
    t(
        l,
        match p {
            Problem::Missing => Key::FieldMissing,
            Problem::NotAnEmail => Key::EmailInvalid,
            Problem::NotAPhone => Key::PhoneInvalid,
            Problem::TooLong => Key::FieldTooLong,
            Problem::Invalid => Key::FieldInvalid,
        },
    )
}

fn label(field: Field) -> Key {
    match field {
        Field::FamilyName => Key::FamilyName,
        Field::GivenName => Key::GivenName,
        Field::Company => Key::Company,
        Field::Department => Key::Department,
        Field::Email => Key::WorkEmail,
        Field::JobTitle => Key::JobTitle,
        Field::Phone => Key::Phone,
    }
}

/// Who receives the lead, for the transmission notice.
pub fn recipient(lead: &LeadConfig, l: Locale, page_host: &str) -> String {
    if let Some(r) = &lead.recipient {
        return r.clone();
    }
    match &lead.destination {
        Destination::Webhook { url } => {
            let host = url.strip_prefix("https://").and_then(|u| u.split('/').next()).unwrap_or(page_host);
            site_owner(l, host)
        }
        Destination::HubSpot { .. } => t(l, Key::ViaHubSpot).to_string(),
        Destination::Salesforce { .. } => t(l, Key::ViaSalesforce).to_string(),
    }
}

/// The form, validated field by field before anything is sent.
#[function_component(LeadForm)]
pub fn lead_form(props: &LeadFormProps) -> Html {
    // One slot per field, in `Field::ALL` order.
    let errors = use_state(|| [None::<Problem>; 7]);
    let consent_missing = use_state(|| false);
    let refs: Rc<[NodeRef; 7]> = use_memo((), |_| Default::default());
    let consent_ref = use_node_ref();
    let trap_ref = use_node_ref();
    let Some(ctx) = use_context::<Ctx>() else { return html! {} };
    let l = ctx.locale;
    let id = |s: &str| format!("{}-lead-{s}", props.instance);
    let rules = props.lead.rules.clone();
    let consent_text = props.lead.consent_text(l);
    let purposes = props.lead.purposes(l);

    let onsubmit = {
        let (errors, consent_missing, refs, consent_ref, trap_ref) =
            (errors.clone(), consent_missing.clone(), refs.clone(), consent_ref.clone(), trap_ref.clone());
        let (on_submit, rules) = (props.on_submit.clone(), rules.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let mut contact = Contact::default();
            for (f, r) in Field::ALL.into_iter().zip(refs.iter()) {
                if let Some(input) = r.cast::<HtmlInputElement>() {
                    contact.set(f, &input.value());
                }
            }
            let mut problems = [None; 7];
            let found = contact.validate(&rules);
            for &(f, p) in &found {
                problems[f.index()] = Some(p);
            }
            let consent = consent_ref.cast::<HtmlInputElement>().is_some_and(|i| i.checked());
            consent_missing.set(!consent);
            // The first problem in the order the visitor sees the fields.
            let first_bad = Field::form_order(l).into_iter().find(|f| problems[f.index()].is_some());
            errors.set(problems);
            // Focus the first field to fix, so keyboard and screen-reader users land on it.
            if let Some(f) = first_bad {
                if let Some(el) = refs[f.index()].cast::<web_sys::HtmlElement>() {
                    let _ = el.focus();
                }
                return;
            }
            if !consent {
                if let Some(el) = consent_ref.cast::<web_sys::HtmlElement>() {
                    let _ = el.focus();
                }
                return;
            }
            let trap = trap_ref.cast::<HtmlInputElement>().map(|i| i.value()).unwrap_or_default();
            on_submit.emit(LeadSubmission {
                id: crate::web::outbox::new_id(),
                contact,
                trap,
                consent_at: crate::web::now_iso(),
            });
        })
    };

    let fields = Field::form_order(l).into_iter().filter(|f| rules.rule(*f) != FieldRule::Hidden).map(|f| {
        let required = rules.rule(f) == FieldRule::Required;
        let fid = id(f.key());
        let err_id = format!("{fid}-error");
        let problem = errors[f.index()];
        let (kind, autocomplete) = match f {
            Field::Email => ("email", "email"),
            Field::Phone => ("tel", "tel"),
            Field::FamilyName => ("text", "family-name"),
            Field::GivenName => ("text", "given-name"),
            Field::Company => ("text", "organization"),
            // No autofill token names a department.
            Field::Department => ("text", "on"),
            Field::JobTitle => ("text", "organization-title"),
        };
        html! {
            <div class="b2ba-field">
                <label for={fid.clone()}>
                    { t(l, label(f)) }
                    if required { <span class="b2ba-req">{ t(l, Key::RequiredMark) }</span> }
                    else { <span class="b2ba-opt">{ t(l, Key::OptionalMark) }</span> }
                </label>
                <input id={fid} type={kind} autocomplete={autocomplete} required={required} maxlength="200"
                    ref={refs[f.index()].clone()}
                    aria-invalid={problem.map(|_| "true")} aria-describedby={problem.map(|_| err_id.clone())} />
                if let Some(p) = problem {
                    <p class="b2ba-error" id={err_id}>{ problem_text(l, p) }</p>
                }
            </div>
        }
    });

    let to = recipient(&props.lead, l, &ctx.page.emit(()).host);
    let back = props.on_back.as_ref().map(|cb| {
        let onclick = cb.reform(|_: MouseEvent| ());
        html! { <button type="button" class="b2ba-secondary b2ba-back" {onclick}>{ t(l, Key::Back) }</button> }
    });

    html! {
        <form class="b2ba-lead" {onsubmit} novalidate=true>
            <h2 class="b2ba-focus" tabindex="-1">{ t(l, props.heading) }</h2>
            <p>{ t(l, if props.heading == Key::LeadOptionalTitle { Key::OptionalIntro } else { Key::GateIntro }) }</p>
            { for fields }
            // A field people never see; bots fill every field they find.
            <div class="b2ba-hp" aria-hidden="true">
                <label for={id("website")}>{ "Website" }</label>
                <input id={id("website")} type="text" name="website" tabindex="-1" autocomplete="off" ref={trap_ref} />
            </div>
            <div class="b2ba-field b2ba-consent">
                <input id={id("consent")} type="checkbox" required=true ref={consent_ref}
                    aria-invalid={(*consent_missing).then_some("true")}
                    aria-describedby={(*consent_missing).then(|| id("consent-error"))} />
                <label for={id("consent")}>{ consent_text }</label>
                if let Some(url) = &props.lead.privacy_url {
                    <a class="b2ba-privacy" href={url.clone()} target="_blank" rel="noopener noreferrer">{ t(l, Key::PrivacyPolicy) }</a>
                }
                if *consent_missing {
                    <p class="b2ba-error" id={id("consent-error")}>{ t(l, Key::ConsentRequired) }</p>
                }
            </div>
            <div class="b2ba-notice-box">
                <p class="b2ba-notice-title">{ t(l, Key::TransmissionTitle) }</p>
                <dl class="b2ba-dl">
                    <div><dt>{ t(l, Key::TransmissionTo) }</dt><dd class="b2ba-recipient">{ to }</dd></div>
                    <div><dt>{ t(l, Key::TransmissionWhat) }</dt><dd>{ t(l, Key::TransmissionWhatText) }</dd></div>
                    <div><dt>{ t(l, Key::TransmissionWhy) }</dt><dd>
                        if let [one] = purposes.as_slice() { { one.clone() } }
                        else { <ul class="b2ba-purposes">{ for purposes.iter().map(|p| html! { <li>{ p.clone() }</li> }) }</ul> }
                    </dd></div>
                </dl>
            </div>
            <div class="b2ba-nav">
                { for back }
                <button type="submit" class="b2ba-primary b2ba-submit">{ t(l, props.submit) }</button>
            </div>
        </form>
    }
}
