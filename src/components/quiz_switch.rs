//! One check of the quiz card as a switch. Its own component so that a
//! change re-renders the switch that changed, not every switch: Yew skips a
//! row whose properties are equal, which needs a stable `on_set`.

use super::Ctx;
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// Properties of [`QuizSwitch`].
#[derive(Debug, Clone, PartialEq, Properties)]
pub struct QuizSwitchProps {
    /// Prefix for element ids.
    pub instance: AttrValue,
    /// The check's place in the content.
    pub check: usize,
    /// Its place in the answer flow (after the profile questions).
    pub index: usize,
    /// Whether it is switched on.
    pub on: bool,
    /// The answer-scale choices for on and off.
    pub choices: (usize, usize),
    /// Called with (flow index, choice) when it is switched.
    pub on_set: Callback<(usize, usize)>,
}

/// A labelled `role="switch"` checkbox.
#[function_component(QuizSwitch)]
pub fn quiz_switch(props: &QuizSwitchProps) -> Html {
    let Some(ctx) = use_context::<Ctx>() else { return html! {} };
    let Some(check) = ctx.content.checks.get(props.check) else { return html! {} };
    let id = format!("{}-s{}", props.instance, props.check);
    let (index, (yes, no)) = (props.index, props.choices);
    let on_set = props.on_set.clone();
    let onchange = Callback::from(move |e: Event| {
        if let Some(input) = e.target_dyn_into::<HtmlInputElement>() {
            on_set.emit((index, if input.checked() { yes } else { no }));
        }
    });
    html! {
        <li>
            <input type="checkbox" role="switch" id={id.clone()} checked={props.on} {onchange} data-check={check.id.clone()} />
            <label for={id}>{ check.text.get(ctx.locale) }</label>
        </li>
    }
}
