//! Recommendations: ranked next actions, the organisation model and the cost
//! estimate.

use super::answers::Answers;
use super::content::{Content, JpyRange, OrgModel, ProfileField};
use super::scoring::Score;
use super::text::Text;

/// Where a check short of full credit stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ActionStatus {
    /// Partly in place (credit above 0).
    Partly,
    /// Not in place.
    NotYet,
    /// The visitor did not know (the scale's `unknown` choice): to check first.
    ToConfirm,
}

/// A next action for a check that is not fully in place.
#[derive(Debug, Clone, PartialEq)]
pub struct NextAction {
    /// Index into `Content::checks`.
    pub check: usize,
    /// Index into `Content::categories`.
    pub category: usize,
    /// Overall points the check currently costs.
    pub points: f64,
    /// Where it stands.
    pub status: ActionStatus,
    /// Whether the visitor's profile puts it first (the check's `first_for`).
    pub first: bool,
}

/// The actions for every check short of full credit, ranked: those the
/// visitor's profile puts first (`first_for`: no dedicated person, a small
/// budget), then category priority (sales alignment leads in the default
/// set), then the points at stake, then content order.
pub fn next_actions(content: &Content, answers: &Answers, score: &Score) -> Vec<NextAction> {
    let unknown = content.scale_index("unknown");
    let mut actions: Vec<NextAction> = score
        .losses
        .iter()
        .filter_map(|loss| {
            let check = content.checks.get(loss.check)?;
            let category = content.category_index(&check.category)?;
            let credit = loss.answer.and_then(|a| content.answer_scale.get(a)).map_or(0, |c| c.credit);
            let status = if credit > 0 {
                ActionStatus::Partly
            } else if loss.answer.is_some() && loss.answer == unknown {
                ActionStatus::ToConfirm
            } else {
                ActionStatus::NotYet
            };
            let first = check.first_for.iter().any(|m| profile_is(content, answers, &m.field, &m.option));
            Some(NextAction { check: loss.check, category, points: loss.points, status, first })
        })
        .collect();
    // Stable, and `losses` is in content order among equal points.
    actions.sort_by(|a, b| {
        let pa = content.categories[a.category].priority;
        let pb = content.categories[b.category].priority;
        b.first.cmp(&a.first).then(pa.cmp(&pb)).then(b.points.total_cmp(&a.points)).then(a.check.cmp(&b.check))
    });
    actions
}

/// Whether the visitor answered profile question `field` with option `option`.
fn profile_is(content: &Content, answers: &Answers, field: &str, option: &str) -> bool {
    ProfileField::ALL.into_iter().find(|f| f.key() == field).is_some_and(|f| {
        answers.profile(f).is_some_and(|i| content.profile.get(f).options.get(i).is_some_and(|o| o.id == option))
    })
}

/// The step of a check's action for the visitor's team size: its `step_for`
/// entry for their headcount band, else the general step.
pub fn step_for<'a>(content: &'a Content, answers: &Answers, check: usize) -> Option<&'a Text> {
    let action = &content.checks.get(check)?.action;
    let band = answers.profile(ProfileField::Headcount).and_then(|i| content.profile.headcount.options.get(i));
    let special = band.and_then(|b| action.step_for.iter().find(|s| s.headcount == b.id));
    Some(special.map_or(&action.step, |s| &s.step))
}

/// The organisation model for the visitor's headcount.
pub fn org_model<'a>(content: &'a Content, answers: &Answers) -> Option<&'a OrgModel> {
    let i = answers.profile(ProfileField::Headcount)?;
    let id = &content.profile.headcount.options.get(i)?.id;
    content.org_models.iter().find(|m| &m.headcount == id)
}

/// How the estimated yearly outside spend compares with the visitor's budget band.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BudgetFit {
    /// Even the top of the estimate is at or below the band's lower bound.
    Within,
    /// The estimate lies inside the band: it is part of the budget, how large
    /// a part depends on where in the band the budget is.
    Depends,
    /// The top of the estimate reaches the band's upper bound, the bottom
    /// does not: with a budget near the bound, it takes all of it.
    Reaches,
    /// Even the bottom of the estimate reaches the band's upper bound: it
    /// takes the whole budget or more.
    Exceeds,
    /// The band has no amounts to compare with.
    Unknown,
}

/// The visitor's assumptions behind the estimate, all editable.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Assumptions {
    /// Outsourced articles per month.
    pub articles_per_month: u32,
    /// Price of one article.
    pub article_jpy: u64,
    /// Whether outside strategy support is included.
    pub support: bool,
    /// In-house staff cost per month (0: not entered).
    pub staff_monthly_jpy: u64,
}

/// The starting assumptions: from the content's `defaults` entry for the
/// visitor's team size (else its `articles_per_month` with support), the
/// content's article price, no staff cost entered.
pub fn default_assumptions(content: &Content, answers: &Answers) -> Assumptions {
    let c = &content.costs;
    let band = answers.profile(ProfileField::Headcount).and_then(|i| content.profile.headcount.options.get(i));
    let d = band.and_then(|b| c.defaults.iter().find(|d| d.headcount == b.id));
    Assumptions {
        articles_per_month: d.map_or(c.articles_per_month, |d| d.articles_per_month),
        article_jpy: c.article_jpy,
        support: d.is_none_or(|d| d.support),
        staff_monthly_jpy: 0,
    }
}

/// The estimate for one set of assumptions.
#[derive(Debug, Clone, PartialEq)]
pub struct CostEstimate {
    /// What it assumes.
    pub assumptions: Assumptions,
    /// Articles per month × price per article.
    pub articles_monthly: u64,
    /// Outside support per month (0 when not included).
    pub support_monthly: JpyRange,
    /// Outside spend (articles and support), per month.
    pub total_monthly: JpyRange,
    /// Outside spend, per year: what is compared with the budget band.
    pub total_yearly: JpyRange,
    /// In-house staff, per year.
    pub staff_yearly: u64,
    /// Outside spend and staff, per year.
    pub all_yearly: JpyRange,
    /// Outside spend against the budget band.
    pub fit: BudgetFit,
}

/// Estimates outside help for the assumptions and compares the yearly
/// outside spend with the visitor's budget band.
pub fn cost_estimate(content: &Content, answers: &Answers, a: Assumptions) -> CostEstimate {
    let c = &content.costs;
    let articles_monthly = a.article_jpy.saturating_mul(u64::from(a.articles_per_month));
    let support = if a.support { c.support_monthly_jpy } else { JpyRange { min: 0, max: Some(0) } };
    let total_monthly = JpyRange {
        min: articles_monthly.saturating_add(support.min),
        max: support.max.map(|m| articles_monthly.saturating_add(m)),
    };
    let yearly = |n: u64| n.saturating_mul(12);
    let total_yearly = JpyRange { min: yearly(total_monthly.min), max: total_monthly.max.map(yearly) };
    let staff_yearly = yearly(a.staff_monthly_jpy);
    let all_yearly = JpyRange {
        min: total_yearly.min.saturating_add(staff_yearly),
        max: total_yearly.max.map(|m| m.saturating_add(staff_yearly)),
    };
    let band = answers
        .profile(ProfileField::Budget)
        .and_then(|i| content.profile.budget.options.get(i))
        .and_then(|o| o.annual_jpy);
    let fit = match band {
        None => BudgetFit::Unknown,
        Some(b) => {
            let top = total_yearly.max.unwrap_or(total_yearly.min);
            match b.max {
                Some(m) if total_yearly.min >= m => BudgetFit::Exceeds,
                Some(m) if top >= m => BudgetFit::Reaches,
                _ if top <= b.min => BudgetFit::Within,
                _ => BudgetFit::Depends,
            }
        }
    };
    CostEstimate {
        assumptions: a,
        articles_monthly,
        support_monthly: support,
        total_monthly,
        total_yearly,
        staff_yearly,
        all_yearly,
        fit,
    }
}
