//! Scoring: overall 0–100, per category, the maturity level, and what cost
//! points.
//!
//! A check earns `points × credit%` within its category; a category's score is
//! its share of its possible points; the overall score is the weighted mean of
//! the category scores. Everything is computed from the answers and the content
//! each time, never stored, so the same answers always give the same score.

use super::answers::Answers;
use super::content::Content;

/// A category's result.
#[derive(Debug, Clone, PartialEq)]
pub struct CategoryScore {
    /// Index into `Content::categories`.
    pub category: usize,
    /// 0–100, rounded.
    pub score: u8,
    /// Exact share of possible points, 0.0–1.0.
    pub ratio: f64,
}

/// How many overall points one answer cost.
#[derive(Debug, Clone, PartialEq)]
pub struct Loss {
    /// Index into `Content::checks`.
    pub check: usize,
    /// Index into `Content::answer_scale` of the answer given (`None`: unanswered).
    pub answer: Option<usize>,
    /// Overall points (of 100) this answer cost compared with full credit.
    pub points: f64,
}

/// The score for a set of answers.
#[derive(Debug, Clone, PartialEq)]
pub struct Score {
    /// 0–100, rounded half up.
    pub overall: u8,
    /// Exact overall score before rounding.
    pub exact: f64,
    /// One per category, in content order.
    pub categories: Vec<CategoryScore>,
    /// Index into `Content::levels`.
    pub level: usize,
    /// Every check that did not earn full credit, most costly first (ties in
    /// content order).
    pub losses: Vec<Loss>,
    /// What each check is worth overall when fully in place (by content
    /// order): its share of its category's points times the category's weight.
    pub worth: Vec<f64>,
}

/// Scores `answers`. Unanswered checks earn nothing, so a partial score is a
/// lower bound (the quiz shows it live); the report only scores complete sets.
pub fn score(content: &Content, answers: &Answers) -> Score {
    let total_weight: f64 = content.categories.iter().map(|c| f64::from(c.weight)).sum();
    let credit = |i: usize| -> f64 {
        answers
            .checks
            .get(i)
            .copied()
            .flatten()
            .and_then(|a| content.answer_scale.get(a))
            .map_or(0.0, |c| f64::from(c.credit) / 100.0)
    };

    // One pass to place each check in its category and sum points, one pass
    // for the losses: linear in the number of checks (the category lookup is
    // over the handful of categories).
    let cat_of: Vec<Option<usize>> = content.checks.iter().map(|c| content.category_index(&c.category)).collect();
    let mut possible = vec![0.0f64; content.categories.len()];
    let mut earned = vec![0.0f64; content.categories.len()];
    for (i, check) in content.checks.iter().enumerate() {
        if let Some(ci) = cat_of[i] {
            possible[ci] += f64::from(check.points);
            earned[ci] += f64::from(check.points) * credit(i);
        }
    }
    let share = |ci: usize| {
        if total_weight > 0.0 {
            f64::from(content.categories[ci].weight) / total_weight
        } else {
            0.0
        }
    };
    let mut categories = Vec::with_capacity(content.categories.len());
    let mut exact = 0.0;
    for ci in 0..content.categories.len() {
        let ratio = if possible[ci] > 0.0 { earned[ci] / possible[ci] } else { 0.0 };
        exact += share(ci) * ratio * 100.0;
        categories.push(CategoryScore { category: ci, score: round_percent(ratio * 100.0), ratio });
    }
    let mut losses = Vec::new();
    let mut worth = vec![0.0; content.checks.len()];
    for (i, check) in content.checks.iter().enumerate() {
        let Some(ci) = cat_of[i] else { continue };
        if possible[ci] > 0.0 {
            worth[i] = share(ci) * 100.0 * f64::from(check.points) / possible[ci];
        }
        let missing = 1.0 - credit(i);
        if missing > 0.0 && possible[ci] > 0.0 {
            losses.push(Loss {
                check: i,
                answer: answers.checks.get(i).copied().flatten(),
                points: worth[i] * missing,
            });
        }
    }
    // Stable: ties stay in content order. Most costly first.
    losses.sort_by(|a, b| b.points.total_cmp(&a.points));
    let overall = round_percent(exact);
    Score { overall, exact, categories, level: level_for(content, overall), losses, worth }
}

/// The index of the highest level whose `min_score` the score reaches.
pub fn level_for(content: &Content, overall: u8) -> usize {
    content.levels.iter().rposition(|l| l.min_score <= overall).unwrap_or(0)
}

fn round_percent(x: f64) -> u8 {
    // Guard against 99.99999 from summing shares: round to 1e-9 first.
    let x = (x * 1e9).round() / 1e9;
    x.round().clamp(0.0, 100.0) as u8
}
