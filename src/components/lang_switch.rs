//! The language switch.

use crate::domain::Locale;
use crate::i18n::{t, Key};
use yew::prelude::*;

/// Properties of [`LangSwitch`].
#[derive(Debug, Clone, PartialEq, Properties)]
pub struct LangSwitchProps {
    /// The language shown now.
    pub current: Locale,
    /// Called with the language chosen.
    pub on_switch: Callback<Locale>,
}

/// A button that switches to the other language.
#[function_component(LangSwitch)]
pub fn lang_switch(props: &LangSwitchProps) -> Html {
    let other = match props.current {
        Locale::Ja => Locale::En,
        Locale::En => Locale::Ja,
    };
    let onclick = props.on_switch.reform(move |_: MouseEvent| other);
    html! {
        <button type="button" class="b2ba-lang" lang={other.tag()} {onclick}
            aria-label={t(props.current, Key::SwitchLanguage)}>
            { t(props.current, Key::OtherLanguageName) }
        </button>
    }
}
