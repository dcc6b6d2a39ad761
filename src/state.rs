//! The widget's state machine: one [`State`], one [`Action`] enum, pure
//! transitions. Side effects (focus, storage, events) live in the components'
//! effects, never here.

use crate::domain::{Answers, Content, Locale, Step};
use crate::web::config::Mode;
use std::rc::Rc;
use yew::Reducible;

/// Where the visitor is in the flow.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    /// The intro screen.
    Intro,
    /// Answering the step at this flow index (profile questions, then checks).
    Question(usize),
    /// The lead form in front of the report (`lead` mode).
    Gate,
    /// The report.
    Result,
    /// The one-card quiz (`quiz` mode): every question at once.
    Quiz,
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
    /// How the widget presents itself.
    pub mode: Mode,
    /// A message for the visitor about something that could not be used
    /// (a broken share link); shown until they start.
    pub notice: Option<String>,
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
    /// Set the answer at a flow index directly (the quiz card).
    Set(usize, usize),
    /// The lead form was completed: show the report.
    Unlock,
}

impl State {
    /// A fresh state at the start of `mode`'s flow.
    pub fn new(content: Rc<Content>, locale: Locale, mode: Mode) -> State {
        let answers = Answers::new(&content);
        State { content, phase: Self::first_phase(mode), answers, locale, missing_answer: false, mode, notice: None }
    }

    /// A state resumed from answers (a share link): the report when they are
    /// complete (behind the gate in `lead` mode), else the first open question.
    pub fn resume(content: Rc<Content>, locale: Locale, mode: Mode, answers: Answers) -> State {
        let mut s = State::new(content, locale, mode);
        if answers.answered() == 0 {
            return s;
        }
        s.phase = match (mode, answers.first_unanswered(&s.content)) {
            (Mode::Quiz, _) => Phase::Quiz,
            (_, Some(open)) => Phase::Question(open),
            (Mode::Lead, None) => Phase::Gate,
            (Mode::Page, None) => Phase::Result,
        };
        s.answers = answers;
        s
    }

    fn first_phase(mode: Mode) -> Phase {
        match mode {
            Mode::Quiz => Phase::Quiz,
            Mode::Page | Mode::Lead => Phase::Intro,
        }
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
                    next.phase = match (self.answers.first_unanswered(&self.content), self.mode) {
                        (Some(open), _) => Phase::Question(open),
                        (None, Mode::Lead) => Phase::Gate,
                        (None, _) => Phase::Result,
                    };
                }
            }
            (Action::Back, Phase::Question(0)) => next.phase = Phase::Intro,
            (Action::Back, Phase::Question(i)) => next.phase = Phase::Question(i - 1),
            (Action::Back, Phase::Result | Phase::Gate) => next.phase = Phase::Question(self.step_count().saturating_sub(1)),
            (Action::Set(index, choice), Phase::Quiz) => {
                let step = Step::at(&self.content, index)?;
                if self.answers.get(step) == Some(choice) {
                    return None;
                }
                next.answers.set(&self.content, step, choice).ok()?;
            }
            (Action::Unlock, Phase::Gate) => next.phase = Phase::Result,
            (Action::Restart, _) => return Some(State::new(self.content.clone(), self.locale, self.mode)),
            (Action::SetLocale(l), _) if l != self.locale => next.locale = l,
            _ => return None,
        }
        if matches!(action, Action::Back | Action::Start) {
            next.missing_answer = false;
        }
        if matches!(action, Action::Start | Action::Set(..)) {
            next.notice = None;
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
