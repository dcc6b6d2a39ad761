//! The widget's state machine: one [`State`], one [`Action`] enum, pure
//! transitions. Side effects (focus, storage, events) live in the components'
//! effects, never here.

use crate::domain::{Answers, Content, Locale, Step};
use std::rc::Rc;
use yew::Reducible;

/// Where the visitor is in the flow.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    /// The intro screen.
    Intro,
    /// Answering the step at this flow index (profile questions, then checks).
    Question(usize),
    /// The report.
    Result,
}

/// Everything the widget remembers.
#[derive(Debug, Clone, PartialEq)]
pub struct State {
    /// The content set being answered.
    pub content: Rc<Content>,
    /// The current phase.
    pub phase: Phase,
    /// Answers so far.
    pub answers: Answers,
    /// Interface and content language.
    pub locale: Locale,
    /// Set when "next" was pressed without an answer; cleared by answering.
    pub missing_answer: bool,
}

/// What can happen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Leave the intro for the first question.
    Start,
    /// Choose option `usize` for the current question.
    Answer(usize),
    /// Go to the next question, or the report after the last one.
    Next,
    /// Go to the previous question (or the intro from the first).
    Back,
    /// Forget every answer and return to the intro.
    Restart,
    /// Change language.
    SetLocale(Locale),
}

impl State {
    /// A fresh state at the intro.
    pub fn new(content: Rc<Content>, locale: Locale) -> State {
        let answers = Answers::new(&content);
        State { content, phase: Phase::Intro, answers, locale, missing_answer: false }
    }

    /// The current step, when a question is shown.
    pub fn step(&self) -> Option<Step> {
        match self.phase {
            Phase::Question(i) => Step::at(&self.content, i),
            _ => None,
        }
    }

    /// Number of steps in the flow.
    pub fn step_count(&self) -> usize {
        self.content.step_count()
    }

    /// Applies `action`, returning the new state or `None` when it changes nothing.
    pub fn apply(&self, action: Action) -> Option<State> {
        let mut next = self.clone();
        match (action, self.phase) {
            (Action::Start, Phase::Intro) => next.phase = Phase::Question(0),
            (Action::Answer(choice), Phase::Question(_)) => {
                let step = self.step()?;
                if self.answers.get(step) == Some(choice) && !self.missing_answer {
                    return None;
                }
                next.answers.set(&self.content, step, choice).ok()?;
                next.missing_answer = false;
            }
            (Action::Next, Phase::Question(i)) => {
                let step = self.step()?;
                if self.answers.get(step).is_none() {
                    if self.missing_answer {
                        return None;
                    }
                    next.missing_answer = true;
                } else if i + 1 < self.step_count() {
                    next.phase = Phase::Question(i + 1);
                } else {
                    // Only a complete set reaches the report.
                    next.phase = match self.answers.first_unanswered(&self.content) {
                        Some(open) => Phase::Question(open),
                        None => Phase::Result,
                    };
                }
            }
            (Action::Back, Phase::Question(0)) => next.phase = Phase::Intro,
            (Action::Back, Phase::Question(i)) => next.phase = Phase::Question(i - 1),
            (Action::Back, Phase::Result) => next.phase = Phase::Question(self.step_count().saturating_sub(1)),
            (Action::Restart, _) => return Some(State::new(self.content.clone(), self.locale)),
            (Action::SetLocale(l), _) if l != self.locale => next.locale = l,
            _ => return None,
        }
        if matches!(action, Action::Back | Action::Start) {
            next.missing_answer = false;
        }
        Some(next)
    }
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        // Returning the same Rc skips the re-render: refusing is free.
        match self.apply(action) {
            Some(next) => Rc::new(next),
            None => self,
        }
    }
}
