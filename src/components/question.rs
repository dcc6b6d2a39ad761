//! One question of the flow, with progress and navigation.

use super::Ctx;
use crate::domain::{Answers, Step};
use crate::i18n::{step_of, t, Key};
use web_sys::HtmlElement;
use yew::prelude::*;

/// Properties of [`Question`].
#[derive(Debug, Clone, PartialEq, Properties)]
pub struct QuestionProps {
    /// Prefix for ids and radio names, unique per widget on the page.
    pub instance: AttrValue,
    /// Flow index of the question.
    pub index: usize,
    /// Answers so far (the current one is pre-selected).
    pub answers: Answers,
    /// Whether "next" was pressed without an answer.
    pub missing_answer: bool,
    /// Called with the chosen option.
    pub on_answer: Callback<usize>,
    /// Called to go on.
    pub on_next: Callback<()>,
    /// Called to go back.
    pub on_back: Callback<()>,
}

/// Shows the question at `index` as a radio group.
#[function_component(Question)]
pub fn question(props: &QuestionProps) -> Html {
    let Some(ctx) = use_context::<Ctx>() else { return html! {} };
    let (content, l) = (&ctx.content, ctx.locale);
    let Some(step) = Step::at(content, props.index) else { return html! {} };
    let total = content.step_count();

    let (section, text, hint, labels): (_, _, _, Vec<&str>) = match step {
        Step::Profile(field) => {
            let q = content.profile.get(field);
            (Key::ProfileSection, q.text.get(l), q.hint.as_ref(), q.options.iter().map(|o| o.label.get(l)).collect())
        }
        Step::Check(i) => {
            let c = &content.checks[i];
            (
                Key::ChecksSection,
                c.text.get(l),
                c.hint.as_ref(),
                content.answer_scale.iter().map(|s| s.label.get(l)).collect(),
            )
        }
    };
    let selected = props.answers.get(step);
    let id = format!("{}-q{}", props.instance, props.index);
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let last = props.index + 1 == total;

    let onsubmit = {
        let on_next = props.on_next.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            on_next.emit(());
        })
    };
    // Enter on a radio goes on, the same in every browser (implicit submission
    // from radios differs between engines).
    let onkeydown = {
        let on_next = props.on_next.clone();
        Callback::from(move |e: KeyboardEvent| {
            let on_input = e.target_dyn_into::<HtmlElement>().is_some_and(|el| el.tag_name() == "INPUT");
            if e.key() == "Enter" && on_input {
                e.prevent_default();
                on_next.emit(());
            }
        })
    };
    let on_back = props.on_back.reform(|_: MouseEvent| ());

    let described = match (hint.is_some(), props.missing_answer) {
        (true, true) => Some(format!("{hint_id} {error_id}")),
        (true, false) => Some(hint_id.clone()),
        (false, true) => Some(error_id.clone()),
        (false, false) => None,
    };

    html! {
        <form class="b2ba-question" {onsubmit} {onkeydown} novalidate=true>
            <div class="b2ba-progress">
                <progress max={total.to_string()} value={(props.index + 1).to_string()}
                    aria-label={t(l, Key::Progress)}></progress>
                <span class="b2ba-step-of">{ step_of(l, props.index + 1, total) }</span>
            </div>
            <fieldset aria-describedby={described} aria-invalid={props.missing_answer.then_some("true")}>
                <legend>
                    <span class="b2ba-section">{ t(l, section) }</span>
                    <span class="b2ba-question-text b2ba-focus" tabindex="-1">{ text }</span>
                </legend>
                if let Some(h) = hint {
                    <p class="b2ba-hint" id={hint_id.clone()}>{ h.get(l) }</p>
                }
                <div class="b2ba-choices">
                    { for labels.iter().enumerate().map(|(i, label)| {
                        let on_answer = props.on_answer.clone();
                        let onchange = Callback::from(move |_: Event| on_answer.emit(i));
                        let input_id = format!("{id}-c{i}");
                        html! {
                            <label class="b2ba-choice" for={input_id.clone()}>
                                <input type="radio" id={input_id} name={id.clone()} value={i.to_string()}
                                    checked={selected == Some(i)} {onchange} />
                                <span>{ *label }</span>
                            </label>
                        }
                    }) }
                </div>
                if props.missing_answer {
                    <p class="b2ba-error" id={error_id.clone()} role="alert">{ t(l, Key::ChooseAnswer) }</p>
                }
            </fieldset>
            <div class="b2ba-nav">
                <button type="button" class="b2ba-secondary b2ba-back" onclick={on_back}>{ t(l, Key::Back) }</button>
                <button type="submit" class="b2ba-primary b2ba-next">
                    { t(l, if last { Key::SeeReport } else { Key::Next }) }
                </button>
            </div>
        </form>
    }
}
