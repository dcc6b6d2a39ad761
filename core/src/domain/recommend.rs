//! Recommendations: ranked next actions, the organisation model and the cost
//! estimate.

use super::answers::Answers;
use super::content::{Content, JpyRange, OrgModel, ProfileField};
use super::scoring::Score;

/// A next action for a check that is not fully in place.
#[derive(Debug, Clone, PartialEq)]
pub struct NextAction {
    /// Index into `Content::checks`.
    pub check: usize,
    /// Index into `Content::categories`.
    pub category: usize,
    /// Overall points the check currently costs.
    pub points: f64,
    /// Whether it is partly in place (credit above 0).
    pub partly: bool,
}

/// The actions for every check short of full credit, ranked: category
/// priority first (sales alignment leads in the default set), then the points
/// at stake, then content order.
pub fn next_actions(content: &Content, score: &Score) -> Vec<NextAction> {
    let mut actions: Vec<NextAction> = score
        .losses
        .iter()
        .filter_map(|loss| {
            let check = content.checks.get(loss.check)?;
            let category = content.category_index(&check.category)?;
            let credit = loss.answer.and_then(|a| content.answer_scale.get(a)).map_or(0, |c| c.credit);
            Some(NextAction { check: loss.check, category, points: loss.points, partly: credit > 0 })
        })
        .collect();
    // Stable, and `losses` is in content order among equal points.
    actions.sort_by(|a, b| {
        let pa = content.categories[a.category].priority;
        let pb = content.categories[b.category].priority;
        pa.cmp(&pb).then(b.points.total_cmp(&a.points)).then(a.check.cmp(&b.check))
    });
    actions
}

/// The organisation model for the visitor's headcount.
pub fn org_model<'a>(content: &'a Content, answers: &Answers) -> Option<&'a OrgModel> {
    let i = answers.profile(ProfileField::Headcount)?;
    let id = &content.profile.headcount.options.get(i)?.id;
    content.org_models.iter().find(|m| &m.headcount == id)
}

/// How the estimated yearly cost compares with the visitor's budget band.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BudgetFit {
    /// Even the top of the estimate is at or below the band's lower bound.
    Within,
    /// The estimate overlaps the band: it depends where in the band the budget is.
    Depends,
    /// Even the bottom of the estimate is above the band's upper bound.
    Exceeds,
    /// The band has no amounts to compare with.
    Unknown,
}

/// The cost of outside help at market prices.
#[derive(Debug, Clone, PartialEq)]
pub struct CostEstimate {
    /// Articles per month assumed.
    pub articles_per_month: u32,
    /// Articles per month × price per article.
    pub articles_monthly: u64,
    /// Outside support per month.
    pub support_monthly: JpyRange,
    /// Both, per month.
    pub total_monthly: JpyRange,
    /// Both, per year.
    pub total_yearly: JpyRange,
    /// Against the budget band.
    pub fit: BudgetFit,
}

/// Estimates outside help for `articles_per_month` (and strategy support
/// when `with_support`) and compares the yearly total with the visitor's
/// budget band.
pub fn cost_estimate(
    content: &Content,
    answers: &Answers,
    articles_per_month: u32,
    with_support: bool,
) -> CostEstimate {
    let c = &content.costs;
    let articles_monthly = c.article_jpy.saturating_mul(u64::from(articles_per_month));
    let support = if with_support { c.support_monthly_jpy } else { JpyRange { min: 0, max: Some(0) } };
    let total_monthly = JpyRange {
        min: articles_monthly.saturating_add(support.min),
        max: support.max.map(|m| articles_monthly.saturating_add(m)),
    };
    let total_yearly =
        JpyRange { min: total_monthly.min.saturating_mul(12), max: total_monthly.max.map(|m| m.saturating_mul(12)) };
    let band = answers
        .profile(ProfileField::Budget)
        .and_then(|i| content.profile.budget.options.get(i))
        .and_then(|o| o.annual_jpy);
    let fit = match band {
        None => BudgetFit::Unknown,
        Some(b) => {
            let top = total_yearly.max.unwrap_or(total_yearly.min);
            if b.max.is_some_and(|m| total_yearly.min > m) {
                BudgetFit::Exceeds
            } else if top <= b.min {
                BudgetFit::Within
            } else {
                BudgetFit::Depends
            }
        }
    };
    CostEstimate { articles_per_month, articles_monthly, support_monthly: support, total_monthly, total_yearly, fit }
}
