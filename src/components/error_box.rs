//! A visible, specific error in place of the widget.

use crate::domain::Locale;
use crate::i18n::{t, Key};
use yew::prelude::*;

/// Properties of [`ErrorBox`].
#[derive(Debug, Clone, PartialEq, Properties)]
pub struct ErrorBoxProps {
    /// Language of the heading.
    pub locale: Locale,
    /// The error, naming the field and value.
    pub message: AttrValue,
}

/// Shows that the widget could not start, and why.
#[function_component(ErrorBox)]
pub fn error_box(props: &ErrorBoxProps) -> Html {
    html! {
        <div class="b2ba-error-box" role="alert">
            <p class="b2ba-error-title">{ t(props.locale, Key::ContentErrorTitle) }</p>
            <p class="b2ba-error-detail"><code>{ props.message.clone() }</code></p>
        </div>
    }
}
