//! Keeps the visitor's progress in localStorage (page and lead modes), so a
//! reload continues where they were. It renders nothing: the root mounts it
//! only in the builds with the question flow, so the quiz build carries none
//! of this (a hook in the root would be in every build: Yew allows no hook
//! in a branch).

use super::Ctx;
use crate::config::Mode;
use crate::domain::Answers;
use crate::state::Phase;
use crate::web;
use yew::prelude::*;

/// Properties of [`ProgressSaver`].
#[derive(Debug, Clone, PartialEq, Properties)]
pub struct ProgressSaverProps {
    /// The widget's mode (progress is kept per mode).
    pub mode: Mode,
    /// Where the visitor is.
    pub phase: Phase,
    /// The answers so far.
    pub answers: Answers,
}

/// Saves the progress whenever the place or the answers change.
#[function_component(ProgressSaver)]
pub fn progress_saver(props: &ProgressSaverProps) -> Html {
    let content = use_context::<Ctx>().map(|ctx| ctx.content);
    let mode = props.mode;
    use_effect_with((props.phase, props.answers.clone()), move |(phase, answers)| {
        if let (Some(content), Some(place)) = (content, phase.place()) {
            web::storage::save(&content, mode, answers, place);
        }
    });
    html! {}
}
