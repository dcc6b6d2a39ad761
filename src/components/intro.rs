//! The intro screen.

use super::Ctx;
use crate::i18n::{question_count, t, Key};
use yew::prelude::*;

/// Properties of [`Intro`].
#[derive(Debug, Clone, PartialEq, Properties)]
pub struct IntroProps {
    /// Called when the visitor starts.
    pub on_start: Callback<()>,
}

/// What the check-up is, and the start button.
#[function_component(Intro)]
pub fn intro(props: &IntroProps) -> Html {
    let Some(ctx) = use_context::<Ctx>() else { return html! {} };
    let l = ctx.locale;
    let onclick = props.on_start.reform(|_: MouseEvent| ());
    html! {
        <section class="b2ba-intro">
            <h2 class="b2ba-focus" tabindex="-1">{ ctx.content.tagline.get(l) }</h2>
            <p>{ ctx.content.intro.get(l) }</p>
            <button type="button" class="b2ba-primary b2ba-start" {onclick}>{ t(l, Key::Start) }</button>
            <p class="b2ba-fine">{ question_count(l, ctx.content.step_count()) }</p>
        </section>
    }
}
