//! What the widget shows instead of the assessment when it cannot start
//! (a bad config or content file, a crash): the error, naming the field.

use super::error_box::ErrorBox;
use crate::domain::Locale;
use yew::prelude::*;

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
