//! Looking up the survey figures for the visitor's profile.

use super::answers::Answers;
use super::content::{BandBenchmark, Content, ProfileField};

/// The figure of a band benchmark for the visitor's band.
#[derive(Debug, Clone, PartialEq)]
pub struct BandFigure {
    /// Index of the visitor's option in the profile question.
    pub band: usize,
    /// The band's percentage, when the source gives one.
    pub percent: Option<f64>,
    /// 1 for the largest share the source gives, 2 for the next, …
    pub rank: Option<usize>,
}

/// Looks up the visitor's band (option `band` of `field`) in `bench`.
pub fn band_figure(content: &Content, bench: &BandBenchmark, field: ProfileField, band: usize) -> Option<BandFigure> {
    let option = content.profile.get(field).options.get(band)?;
    let share = bench.shares.iter().find(|s| s.band == option.id);
    let rank = share.map(|s| 1 + bench.shares.iter().filter(|o| o.percent > s.percent).count());
    Some(BandFigure { band, percent: share.map(|s| s.percent), rank })
}

/// The part of 100 % the shares of a distribution leave unexplained, rounded
/// to one decimal; `None` for benchmarks that are not one distribution.
pub fn remainder(bench: &BandBenchmark) -> Option<f64> {
    bench.remainder_note.as_ref()?;
    let sum: f64 = bench.shares.iter().map(|s| s.percent).sum();
    Some(((100.0 - sum) * 10.0).round() / 10.0)
}

/// Where the visitor stands on the dedicated-staff benchmark.
#[derive(Debug, Clone, PartialEq)]
pub struct DedicatedStaff {
    /// The figure for the visitor's revenue band.
    pub figure: BandFigure,
    /// Whether the visitor said they have a dedicated person.
    pub visitor_has: bool,
}

/// The dedicated-staff comparison, once revenue and staffing are answered.
pub fn dedicated_staff(content: &Content, answers: &Answers) -> Option<DedicatedStaff> {
    let revenue = answers.profile(ProfileField::Revenue)?;
    let has = answers.profile(ProfileField::DedicatedStaff)?;
    let figure = band_figure(content, &content.benchmarks.dedicated_staff, ProfileField::Revenue, revenue)?;
    let yes = content.profile.dedicated_staff.position("yes");
    Some(DedicatedStaff { figure, visitor_has: Some(has) == yes })
}

/// The budget comparison, once the budget band is answered.
pub fn budget(content: &Content, answers: &Answers) -> Option<BandFigure> {
    let band = answers.profile(ProfileField::Budget)?;
    band_figure(content, &content.benchmarks.budget, ProfileField::Budget, band)
}

/// Formats a percentage the way the sources print it: `37`, `21.2`.
pub fn format_percent(p: f64) -> String {
    let tenths = (p * 10.0).round();
    if tenths % 10.0 == 0.0 {
        format!("{}", tenths / 10.0)
    } else {
        format!("{:.1}", tenths / 10.0)
    }
}
