//! The visitor's answers and the steps of the flow.

use super::content::{Content, ProfileField};
use crate::{Error, Result};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// One step of the flow: the profile questions first, then the checks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Step {
    /// A profile question.
    Profile(ProfileField),
    /// The check at this index of `Content::checks`.
    Check(usize),
}

impl Step {
    /// The step at `index` of the flow, if there is one.
    pub fn at(content: &Content, index: usize) -> Option<Step> {
        let n = ProfileField::ALL.len();
        if index < n {
            Some(Step::Profile(ProfileField::ALL[index]))
        } else if index - n < content.checks.len() {
            Some(Step::Check(index - n))
        } else {
            None
        }
    }

    /// Number of choices the step offers.
    pub fn choice_count(self, content: &Content) -> usize {
        match self {
            Step::Profile(f) => content.profile.get(f).options.len(),
            Step::Check(_) => content.answer_scale.len(),
        }
    }
}

/// The answers given so far, as indices into the content's choices.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Answers {
    /// Profile answers, by [`ProfileField`] order.
    pub profile: [Option<usize>; 4],
    /// Check answers (index into `answer_scale`), one per check.
    pub checks: Vec<Option<usize>>,
}

fn field_index(field: ProfileField) -> usize {
    ProfileField::ALL.iter().position(|f| *f == field).unwrap_or(0)
}

impl Answers {
    /// No answers yet for `content`.
    pub fn new(content: &Content) -> Answers {
        Answers { profile: [None; 4], checks: vec![None; content.checks.len()] }
    }

    /// The profile answer for `field`.
    pub fn profile(&self, field: ProfileField) -> Option<usize> {
        self.profile[field_index(field)]
    }

    /// The answer at `step`.
    pub fn get(&self, step: Step) -> Option<usize> {
        match step {
            Step::Profile(f) => self.profile(f),
            Step::Check(i) => self.checks.get(i).copied().flatten(),
        }
    }

    /// Records `choice` at `step`, refusing a choice the step does not have
    /// ([`Error::Answer`]).
    pub fn set(&mut self, content: &Content, step: Step, choice: usize) -> Result<()> {
        if choice >= step.choice_count(content) {
            return Err(Error::Answer(format!("choice {choice} is out of range for {step:?}")));
        }
        match step {
            Step::Profile(f) => self.profile[field_index(f)] = Some(choice),
            Step::Check(i) => {
                if self.checks.len() != content.checks.len() {
                    self.checks.resize(content.checks.len(), None);
                }
                self.checks[i] = Some(choice);
            }
        }
        Ok(())
    }

    /// How many steps are answered.
    pub fn answered(&self) -> usize {
        self.profile.iter().flatten().count() + self.checks.iter().flatten().count()
    }

    /// The first step without an answer, as a flow index.
    pub fn first_unanswered(&self, content: &Content) -> Option<usize> {
        (0..content.step_count()).find(|&i| Step::at(content, i).is_some_and(|s| self.get(s).is_none()))
    }

    /// Whether every step is answered.
    pub fn is_complete(&self, content: &Content) -> bool {
        self.first_unanswered(content).is_none()
    }

    /// The answers by stable ids, independent of the order in the content.
    pub fn to_sheet(&self, content: &Content) -> AnswerSheet {
        let mut sheet = AnswerSheet::default();
        for f in ProfileField::ALL {
            if let Some(opt) = self.profile(f).and_then(|i| content.profile.get(f).options.get(i)) {
                sheet.profile.insert(f, opt.id.clone());
            }
        }
        for (check, answer) in content.checks.iter().zip(&self.checks) {
            if let Some(choice) = answer.and_then(|i| content.answer_scale.get(i)) {
                sheet.checks.insert(check.id.clone(), choice.id.clone());
            }
        }
        sheet
    }

    /// Reads answers given by ids; an unknown id is an [`Error::Answer`]
    /// naming it.
    pub fn from_sheet(content: &Content, sheet: &AnswerSheet) -> Result<Answers> {
        let mut a = Answers::new(content);
        for (field, id) in &sheet.profile {
            let q = content.profile.get(*field);
            let i = q
                .position(id)
                .ok_or_else(|| Error::Answer(format!("profile.{}: unknown option {id:?}", field.key())))?;
            a.set(content, Step::Profile(*field), i)?;
        }
        for (check_id, choice_id) in &sheet.checks {
            let ci = content
                .checks
                .iter()
                .position(|c| &c.id == check_id)
                .ok_or_else(|| Error::Answer(format!("checks: unknown check {check_id:?}")))?;
            let si = content
                .scale_index(choice_id)
                .ok_or_else(|| Error::Answer(format!("checks.{check_id}: unknown answer {choice_id:?}")))?;
            a.set(content, Step::Check(ci), si)?;
        }
        Ok(a)
    }
}

/// Answers by stable ids: what fixtures, share links and lead payloads carry.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AnswerSheet {
    /// Profile option id per field.
    #[serde(default)]
    pub profile: BTreeMap<ProfileField, String>,
    /// Answer-scale id per check id.
    #[serde(default)]
    pub checks: BTreeMap<String, String>,
}
