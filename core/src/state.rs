//! The widget's state machine: one [`State`], one [`Action`] enum, pure
//! transitions. Side effects (focus, storage, events) live in the components'
//! effects, never here.

use crate::config::{Gate, Mode};
use crate::domain::lead::Contact;
use crate::domain::outbox::LeadStatus;
use crate::domain::progress::Place;
use crate::domain::{Answers, Content, Locale, Step};
use std::rc::Rc;

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

impl Phase {
    /// Where stored progress puts a visitor at this phase, or `None` in quiz
    /// mode (the quiz card keeps no progress).
    pub fn place(self) -> Option<Place> {
        match self {
            Phase::Intro => Some(Place::Question(0)),
            Phase::Question(i) => Some(Place::Question(i)),
            Phase::Gate | Phase::Result => Some(Place::Report),
            Phase::Quiz => None,
        }
    }
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
    /// Where the lead form stands.
    pub gate: Gate,
    /// The lead the visitor submitted, once they have.
    pub lead: Option<LeadSubmission>,
    /// How its delivery goes.
    pub lead_status: Option<LeadStatus>,
}

/// A submitted lead form. Its id (the idempotency key) is made by the
/// caller, since randomness is a side effect.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LeadSubmission {
    /// Idempotency id.
    pub id: String,
    /// The contact details.
    pub contact: Contact,
    /// The honeypot field's value (non-empty: a bot).
    pub trap: String,
    /// When consent was given (RFC 3339).
    pub consent_at: String,
}

/// What can happen.
#[derive(Debug, Clone, PartialEq, Eq)]
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
    /// The lead form was completed: record it and show the report (boxed:
    /// seven contact fields would make every action that large).
    SubmitLead(Box<LeadSubmission>),
    /// News about the submitted lead's delivery.
    LeadStatus(LeadStatus),
}

impl State {
    /// A fresh state at the start of `mode`'s flow.
    pub fn new(content: Rc<Content>, locale: Locale, mode: Mode) -> State {
        let answers = Answers::new(&content);
        let gate = match mode {
            Mode::Lead => Gate::Before,
            Mode::Page | Mode::Quiz => Gate::None,
        };
        State {
            content,
            phase: Self::first_phase(mode),
            answers,
            locale,
            missing_answer: false,
            mode,
            notice: None,
            gate,
            lead: None,
            lead_status: None,
        }
    }

    /// The same state with the lead form at `gate`.
    pub fn with_gate(mut self, gate: Gate) -> State {
        self.gate = gate;
        match self.phase {
            Phase::Gate if !self.gated() => self.phase = Phase::Result,
            Phase::Result if self.gated() => self.phase = Phase::Gate,
            _ => {}
        }
        self
    }

    fn gated(&self) -> bool {
        matches!(self.gate, Gate::Before | Gate::Soft) && self.lead.is_none()
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
            (_, None) if s.gated() => Phase::Gate,
            (_, None) => Phase::Result,
        };
        s.answers = answers;
        s
    }

    /// The same state at the question stored progress left off at, when it
    /// resumed at a question (a stored report place, or none, changes
    /// nothing: [`State::resume`] already chose the report or the first
    /// open question).
    pub fn continue_at(mut self, place: Option<Place>) -> State {
        if let (Some(Place::Question(i)), Phase::Question(_)) = (place, self.phase) {
            self.phase = Phase::Question(i);
        }
        self
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
        match (&action, self.phase) {
            (Action::Start, Phase::Intro) => next.phase = Phase::Question(0),
            (Action::Answer(choice), Phase::Question(_)) => {
                let (step, choice) = (self.step()?, *choice);
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
                        None if self.gated() => Phase::Gate,
                        None => Phase::Result,
                    };
                }
            }
            (Action::Back, Phase::Question(0)) => next.phase = Phase::Intro,
            (Action::Back, Phase::Question(i)) => next.phase = Phase::Question(i - 1),
            (Action::Back, Phase::Result | Phase::Gate) => {
                next.phase = Phase::Question(self.step_count().saturating_sub(1))
            }
            (Action::Set(index, choice), Phase::Quiz) => {
                let (step, choice) = (Step::at(&self.content, *index)?, *choice);
                if self.answers.get(step) == Some(choice) {
                    return None;
                }
                next.answers.set(&self.content, step, choice).ok()?;
            }
            (Action::SubmitLead(lead), Phase::Gate | Phase::Result) => {
                if self.lead.is_some() || self.gate == Gate::None {
                    return None;
                }
                next.lead = Some(LeadSubmission::clone(lead));
                next.phase = Phase::Result;
            }
            (Action::LeadStatus(status), _) => {
                if self.lead.is_none() || self.lead_status.as_ref() == Some(status) {
                    return None;
                }
                next.lead_status = Some(status.clone());
            }
            (Action::Restart, _) => {
                let mut fresh = State::new(self.content.clone(), self.locale, self.mode);
                fresh.gate = self.gate;
                return Some(fresh);
            }
            (Action::SetLocale(l), _) if *l != self.locale => next.locale = *l,
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

/// The most inputs [`replayed`] reads: a visitor's clicks before the wasm
/// arrives are a handful; anything longer was not written by the loader.
pub const MAX_REPLAYED: usize = 64;

/// What a visitor did on a prerendered first view before the widget was
/// ready, as the loader recorded it, as actions for this content. The record
/// is entries separated by `;`, fields by `:`: `start`, `lang:en`,
/// `profile:FIELD:OPTION`, `switch:CHECK:1` (on) or `:0` (off); plain text,
/// not JSON, since the quiz build has no JSON parser. The loader reads that
/// DOM, which the host page can touch too: an entry that is not one of
/// these, or names a question the content does not have, is left out, and
/// the state machine refuses anything else that does not fit.
pub fn replayed(content: &Content, text: &str) -> Vec<Action> {
    use crate::domain::content::ProfileField;
    let (on, off) = content.switch_choices();
    let mut actions = Vec::new();
    for entry in text.split(';').filter(|e| !e.is_empty()).take(MAX_REPLAYED) {
        let fields: Vec<&str> = entry.split(':').collect();
        let index = |i: usize| fields.get(i).and_then(|f| f.parse::<usize>().ok());
        let action = match (fields[0], fields.len()) {
            ("start", 1) => Some(Action::Start),
            ("lang", 2) => Locale::from_tag(fields[1]).map(Action::SetLocale),
            ("profile", 3) => match (index(1), index(2)) {
                (Some(field), Some(option)) if field < ProfileField::ALL.len() => Some(Action::Set(field, option)),
                _ => None,
            },
            ("switch", 3) => match (index(1), fields[2]) {
                (Some(check), "1" | "0") if check < content.checks.len() => {
                    Some(Action::Set(ProfileField::ALL.len() + check, if fields[2] == "1" { on } else { off }))
                }
                _ => None,
            },
            _ => None,
        };
        actions.extend(action);
    }
    actions
}
