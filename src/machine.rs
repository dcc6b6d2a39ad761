//! The core's pure state machine as Yew's reducer.
//!
//! [`State::apply`](crate::state::State::apply) lives in the core crate,
//! which knows nothing of Yew; this wrapper only adapts it to
//! `use_reducer` (a foreign trait on a foreign type needs a local type).

use crate::state::{Action, State};
use std::ops::Deref;
use std::rc::Rc;
use yew::Reducible;

/// [`State`] as the root component's reducer.
#[derive(Debug, Clone, PartialEq)]
pub struct Machine(pub State);

impl Deref for Machine {
    type Target = State;

    fn deref(&self) -> &State {
        &self.0
    }
}

impl Reducible for Machine {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        // Returning the same Rc skips the re-render: refusing is free.
        match self.0.apply(action) {
            Some(next) => Rc::new(Machine(next)),
            None => self,
        }
    }
}
