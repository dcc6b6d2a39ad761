//! The root component: owns the state machine and lays out the phases.

use super::error_box::ErrorBox;
use super::intro::Intro;
use super::lang_switch::LangSwitch;
use super::question::Question;
use super::report::ReportView;
use super::Ctx;
use crate::domain::{Content, Locale};
use crate::state::{Action, Phase, State};
use crate::web;
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
}

/// The whole widget for one instance.
#[function_component(App)]
pub fn app(props: &AppProps) -> Html {
    let state = {
        let (content, locale) = (props.content.clone(), props.locale);
        use_reducer(move || State::new(content, locale))
    };
    let root = use_node_ref();

    // Move focus to the new view's heading when the visitor changes step,
    // but never on the first render: the host page owns focus until then.
    {
        let root = root.clone();
        let first = use_mut_ref(|| true);
        use_effect_with(state.phase, move |_| {
            if std::mem::replace(&mut *first.borrow_mut(), false) {
                return;
            }
            web::focus_first(&root, ".b2ba-focus");
        });
    }

    let dispatch = |action: Action| {
        let state = state.clone();
        Callback::from(move |_: ()| state.dispatch(action))
    };
    let on_switch = {
        let state = state.clone();
        Callback::from(move |l: Locale| state.dispatch(Action::SetLocale(l)))
    };
    let on_answer = {
        let state = state.clone();
        Callback::from(move |choice: usize| state.dispatch(Action::Answer(choice)))
    };

    let ctx = Ctx { content: state.content.clone(), locale: state.locale };
    let body = match state.phase {
        Phase::Intro => html! { <Intro on_start={dispatch(Action::Start)} /> },
        Phase::Question(index) => html! {
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
        Phase::Result => html! {
            <ReportView
                answers={state.answers.clone()}
                on_back={dispatch(Action::Back)}
                on_restart={dispatch(Action::Restart)}
            />
        },
    };

    html! {
        <ContextProvider<Ctx> context={ctx}>
            <div class="b2ba" lang={state.locale.tag()} ref={root}>
                <header class="b2ba-header">
                    <p class="b2ba-title">{ state.content.title.get(state.locale) }</p>
                    <LangSwitch current={state.locale} {on_switch} />
                </header>
                { body }
            </div>
        </ContextProvider<Ctx>>
    }
}

/// Properties of [`Failed`].
#[derive(Debug, Clone, PartialEq, Properties)]
pub struct FailedProps {
    /// What went wrong, naming the field.
    pub message: AttrValue,
    /// Language of the heading.
    #[prop_or_default]
    pub locale: Locale,
}

/// What the widget shows instead of the assessment when it cannot start.
#[function_component(Failed)]
pub fn failed(props: &FailedProps) -> Html {
    html! {
        <div class="b2ba" lang={props.locale.tag()}>
            <ErrorBox locale={props.locale} message={props.message.clone()} />
        </div>
    }
}
