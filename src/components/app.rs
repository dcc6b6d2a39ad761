//! The root component: owns the state machine, lays out the phases and
//! emits host events from effects.

use super::intro::Intro;
use super::lang_switch::LangSwitch;
use super::lead_form::LeadForm;
use super::lead_status_line::LeadStatusLine;
use super::question::Question;
use super::quiz::Quiz;
use super::report::ReportView;
use super::Ctx;
use crate::build::{CRASH_TEST, FLOW, LEAD};
use crate::config::{Gate, LeadConfig, Mode};
use crate::domain::{Answers, Content, Locale};
use crate::i18n::Key;
use crate::machine::Machine;
use crate::state::{Action, LeadSubmission, Phase, State};
use crate::web::events::{self, HostEvents};
use crate::web::lead::Submitted;
use crate::web::{self, Page};
use std::rc::Rc;
use yew::prelude::*;

/// Properties of [`App`].
#[derive(Debug, Clone, PartialEq, Properties)]
pub struct AppProps {
    /// The content set to ask.
    pub content: Rc<Content>,
    /// The starting language.
    #[prop_or_default]
    pub locale: Locale,
    /// Unique per instance on the page; prefixes element ids and radio names.
    #[prop_or(AttrValue::Static("b2ba"))]
    pub instance: AttrValue,
    /// How the widget presents itself.
    #[prop_or_default]
    pub mode: Mode,
    /// Where the quiz's call to action leads.
    #[prop_or_default]
    pub cta_url: Option<AttrValue>,
    /// Answers to start from (a share link).
    #[prop_or_default]
    pub resume: Option<Answers>,
    /// A message to show on the first screen (e.g. why a link was ignored).
    #[prop_or_default]
    pub notice: Option<AttrValue>,
    /// Where events go; `None` emits nothing (tests, previews).
    #[prop_or_default]
    pub events: Option<HostEvents>,
    /// Where the lead form stands.
    #[prop_or(Gate::None)]
    pub gate: Gate,
    /// The lead form's settings.
    #[prop_or_default]
    pub lead: Rc<LeadConfig>,
    /// Where a resumed visit continues (with `resume`).
    #[prop_or_default]
    pub resume_place: Option<crate::domain::progress::Place>,
    /// Whether progress is kept in localStorage between visits.
    #[prop_or(false)]
    pub persist: bool,
    /// What the visitor did on the prerendered first view before this
    /// widget was ready (the loader saw it): applied after the first render,
    /// as if done then, so events, focus and storage follow as usual.
    #[prop_or_default]
    pub replay: Replay,
    /// Reads where the host page is (an empty page in tests and previews).
    #[prop_or_else(|| Callback::from(|()| Page::default()))]
    pub page: Callback<(), Page>,
}

/// Actions to apply once after the first render ([`AppProps::replay`]).
/// Equal when they are the same list: the props of a mounted widget never
/// change, so comparing them item by item would be code for nothing.
#[derive(Debug, Clone, Default)]
pub struct Replay(pub Rc<[Action]>);

impl PartialEq for Replay {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

/// The host events for a change from `old` to `new` (place, answers):
/// `start`, one `answer` per changed step, `complete` on reaching the report.
fn emit_changes(
    host: &HostEvents,
    content: &Content,
    old: (Phase, &Answers),
    new: (Phase, &Answers),
    mode: Mode,
    locale: Locale,
) {
    let ((old_phase, old_answers), (phase, answers)) = (old, new);
    let started = (old_phase == Phase::Intro && matches!(phase, Phase::Question(_)))
        || (phase == Phase::Quiz && old_answers.answered() == 0 && answers.answered() > 0);
    if started {
        host.emit("start", &events::start_detail(mode, locale));
    }
    for i in 0..content.step_count() {
        let step = crate::domain::Step::at(content, i);
        if step.is_some_and(|s| old_answers.get(s) != answers.get(s)) {
            host.emit("answer", &events::answer_detail(content, answers, i, mode, locale));
        }
    }
    if phase == Phase::Result && old_phase != Phase::Result {
        host.emit("complete", &events::score_detail(content, answers, mode, locale));
    }
}

/// The whole widget for one instance.
#[function_component(App)]
pub fn app(props: &AppProps) -> Html {
    let state = {
        let p = props.clone();
        use_reducer(move || {
            let mut s = match p.resume {
                Some(a) => State::resume(p.content, p.locale, p.mode, a),
                None => State::new(p.content, p.locale, p.mode),
            }
            .with_gate(p.gate)
            .continue_at(p.resume_place);
            s.notice = p.notice.map(|n| n.to_string());
            Machine(s)
        })
    };
    let root = use_node_ref();

    // Side effects of state changes, after a render that changed the place,
    // the answers or the submitted lead. One effect, so each build has one
    // hook (Yew allows none in a branch); the build constants drop inside it
    // what a build cannot do.
    {
        let root = root.clone();
        let host = props.events.clone();
        let prev = use_mut_ref(|| None::<(Phase, Answers, Option<String>)>);
        let content = state.content.clone();
        let (mode, locale, persist) = (state.mode, state.locale, props.persist);
        let (lead, lead_cfg, dispatcher) = (state.lead.clone(), props.lead.clone(), state.dispatcher());
        let replay = props.replay.0.clone();
        let deps = (state.phase, state.answers.clone(), state.lead.as_ref().map(|l| l.id.clone()));
        use_effect_with(deps, move |(phase, answers, lead_id)| {
            // Progress survives a reload (page and lead modes).
            if let (true, true, Some(place)) = (FLOW, persist, phase.place()) {
                web::storage::save(&content, mode, answers, place);
            }
            let before = prev.borrow_mut().replace((*phase, answers.clone(), lead_id.clone()));
            // What the visitor did on the prerendered view, once, after the
            // first render, which equals that view.
            if before.is_none() {
                for action in replay.iter() {
                    dispatcher.dispatch(action.clone());
                }
            }
            // Focus and host events, never on the first render: the host
            // page owns focus until the visitor acts.
            if let Some((old_phase, old_answers, _)) = &before {
                if *old_phase != *phase && *phase != Phase::Quiz {
                    web::focus_first(&root, ".b2ba-focus");
                }
                if let Some(host) = &host {
                    emit_changes(host, &content, (*old_phase, old_answers), (*phase, answers), mode, locale);
                }
            }
            // The submitted lead goes to the outbox once, after the events of
            // the same render (`complete` before `lead-queued`); its status
            // comes back as actions.
            if let (true, Some(lead)) = (LEAD, &lead) {
                if before.as_ref().is_none_or(|(_, _, queued)| queued.as_ref() != Some(&lead.id)) {
                    let on_status = Callback::from(move |s| dispatcher.dispatch(Action::LeadStatus(s)));
                    let submitted = Submitted { content: &content, answers, mode, locale, lead };
                    web::lead::queue(submitted, &lead_cfg, host, on_status);
                }
            }
        });
    }

    let dispatch = |action: Action| {
        let state = state.clone();
        Callback::from(move |_: ()| state.dispatch(action.clone()))
    };
    let on_submit_lead = {
        let state = state.clone();
        Callback::from(move |lead: LeadSubmission| state.dispatch(Action::SubmitLead(Box::new(lead))))
    };
    let on_switch = {
        let state = state.clone();
        Callback::from(move |l: Locale| state.dispatch(Action::SetLocale(l)))
    };
    let on_answer = {
        let state = state.clone();
        Callback::from(move |choice: usize| state.dispatch(Action::Answer(choice)))
    };
    // Stable across renders, so the quiz's rows that did not change are skipped.
    let on_set =
        use_callback(state.dispatcher(), |(index, choice): (usize, usize), d| d.dispatch(Action::Set(index, choice)));
    let on_cta = {
        let host = props.events.clone();
        let state = state.clone();
        Callback::from(move |url: String| {
            if let Some(host) = &host {
                host.emit("complete", &events::score_detail(&state.content, &state.answers, state.mode, state.locale));
                host.emit("cta", &events::cta_detail(&state.content, &state.answers, state.mode, state.locale, &url));
            }
        })
    };

    let ctx = Ctx { content: state.content.clone(), locale: state.locale, page: props.page.clone() };
    let body = match state.phase {
        // The smaller builds are mounted only where they suffice (web::mount
        // hands anything else to the full build): the quiz build in quiz
        // mode, the page build without a lead gate. The guards let the
        // optimiser drop what a build cannot show.
        Phase::Intro if FLOW => {
            let start = dispatch(Action::Start);
            // Only in the crash-test build (scripts/test e2e): proves a panic ends
            // in a friendly message and leaves the host page working.
            let start = if CRASH_TEST {
                Callback::from(move |()| {
                    start.emit(());
                    panic!("forced panic (crash-test build)");
                })
            } else {
                start
            };
            html! { <Intro on_start={start} /> }
        }
        Phase::Question(index) if FLOW => html! {
            <Question
                instance={props.instance.clone()}
                {index}
                answers={state.answers.clone()}
                missing_answer={state.missing_answer}
                {on_answer}
                on_next={dispatch(Action::Next)}
                on_back={dispatch(Action::Back)}
            />
        },
        Phase::Quiz => html! {
            <Quiz instance={props.instance.clone()} answers={state.answers.clone()} {on_set}
                cta_url={props.cta_url.clone()} {on_cta} />
        },
        Phase::Gate if LEAD => html! {
            <>
                <LeadForm instance={props.instance.clone()} lead={props.lead.clone()}
                    on_submit={on_submit_lead.clone()} on_back={Some(dispatch(Action::Back))} />
                if state.gate == Gate::Soft {
                    // A preview to want the whole report: blurred, unreadable
                    // to assistive technology, and out of the tab order.
                    <div class="b2ba-soft-preview" inert=true aria-hidden="true">
                        <ReportView answers={state.answers.clone()} on_back={Callback::noop()} on_restart={Callback::noop()}
                            instance={format!("{}-preview", props.instance)} />
                    </div>
                }
            </>
        },
        Phase::Result if FLOW => {
            let (status, form) = (
                if LEAD && state.lead.is_some() {
                    html! { <LeadStatusLine status={state.lead_status.clone()} /> }
                } else {
                    html! {}
                },
                // The `after` gate's form, right after the score summary (the
                // report is already on screen: its button only sends).
                if LEAD && state.gate == Gate::After && state.lead.is_none() {
                    html! {
                        <div class="b2ba-no-print">
                            <LeadForm instance={props.instance.clone()} lead={props.lead.clone()}
                                on_submit={on_submit_lead.clone()} heading={Key::LeadOptionalTitle} submit={Key::Send} />
                        </div>
                    }
                } else {
                    html! {}
                },
            );
            html! {
                <>
                    { status }
                    <ReportView
                        answers={state.answers.clone()}
                        on_back={dispatch(Action::Back)}
                        on_restart={dispatch(Action::Restart)}
                        instance={props.instance.clone()}
                        after_summary={form}
                    />
                </>
            }
        }
        Phase::Intro | Phase::Question(_) | Phase::Gate | Phase::Result => html! {},
    };

    html! {
        <ContextProvider<Ctx> context={ctx}>
            <div class="b2ba" data-mode={state.mode.name()} lang={state.locale.tag()} ref={root}>
                <header class="b2ba-header">
                    <p class="b2ba-title">{ state.content.title.get(state.locale) }</p>
                    <LangSwitch current={state.locale} {on_switch} />
                </header>
                if let Some(notice) = &state.notice {
                    <p class="b2ba-notice" role="status">{ notice.clone() }</p>
                }
                { body }
            </div>
        </ContextProvider<Ctx>>
    }
}
