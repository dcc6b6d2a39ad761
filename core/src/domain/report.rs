//! The report: everything the result screen shows, computed from the content
//! and a complete set of answers.

use super::answers::Answers;
use super::benchmarks::{self, BandFigure, DedicatedStaff};
use super::content::{Content, OrgModel};
use super::recommend::{self, CostEstimate, NextAction};
use super::scoring::{self, Score};

/// The report for one complete set of answers.
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    /// Scores, level and losses.
    pub score: Score,
    /// The dedicated-staff share for the visitor's revenue band.
    pub dedicated_staff: Option<DedicatedStaff>,
    /// The budget share for the visitor's band.
    pub budget: Option<BandFigure>,
    /// The part of the budget distribution the source does not split.
    pub budget_remainder: Option<f64>,
    /// The recommended organisation model.
    pub org_model: Option<OrgModel>,
    /// Ranked next actions.
    pub actions: Vec<NextAction>,
    /// Outside help at the starting assumptions, against the budget band.
    pub cost: CostEstimate,
}

/// The report needs every step answered; this is the first one that is not.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Incomplete {
    /// Flow index of the first unanswered step.
    pub first_unanswered: usize,
}

impl Report {
    /// Builds the report, or says which step is still open.
    pub fn build(content: &Content, answers: &Answers) -> Result<Report, Incomplete> {
        if let Some(first_unanswered) = answers.first_unanswered(content) {
            return Err(Incomplete { first_unanswered });
        }
        Ok(Report::build_partial(content, answers))
    }

    /// Builds the report from whatever is answered (unanswered checks earn
    /// nothing, unanswered profile parts are left out).
    pub fn build_partial(content: &Content, answers: &Answers) -> Report {
        let score = scoring::score(content, answers);
        let actions = recommend::next_actions(content, answers, &score);
        Report {
            dedicated_staff: benchmarks::dedicated_staff(content, answers),
            budget: benchmarks::budget(content, answers),
            budget_remainder: benchmarks::remainder(&content.benchmarks.budget),
            org_model: recommend::org_model(content, answers).cloned(),
            cost: recommend::cost_estimate(content, answers, recommend::default_assumptions(content, answers)),
            actions,
            score,
        }
    }
}
