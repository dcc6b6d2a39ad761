//! The content set: questions, answer scale, categories, levels, benchmarks
//! and recommendation texts, all as data with a versioned schema.
//!
//! The default set (`content/default.json`) is compiled in; a site owner may
//! replace it with a file of the same format. [`Content::parse`] either gives
//! a content set whose cross-references all resolve, or an
//! [`Error::Content`] whose [`ContentError`] names the field and what is
//! wrong with it.

use super::decode::{clip, locate, At};
use super::text::Text;
use crate::json::{self, unexpected, Value};
use crate::{Error, Result};
use serde::{Deserialize, Serialize};
use std::fmt;

mod decode;
pub mod packed;

/// The `schema` value every content file carries.
pub const SCHEMA: &str = "b2b-assessment/content";
/// The content schema version this build reads.
pub const VERSION: u32 = 1;
/// The default content set, compiled in.
pub const DEFAULT_JSON: &str = include_str!("../../../content/default.json");
/// Most choices a question may offer: a share link stores each answer as one
/// base-36 character.
pub const MAX_CHOICES: usize = 36;
/// Most checks a set may have: a share link (and so stored progress) holds
/// one character per step and is refused past `share::MAX_LEN` (checked
/// there, so content does not depend on share links).
pub const MAX_CHECKS: usize = 4000;

// What a build that calls `default_set` carries: DEFAULT_JSON without its
// indentation (squeezed at compile time; the same document). The quiz build
// never calls it: it reads the widget's packed copy ([`packed`]) instead.
const SQUEEZED: ([u8; DEFAULT_JSON.len()], usize) = crate::util::squeeze(DEFAULT_JSON.as_bytes());
// Only read at compile time, into DEFAULT_MIN: no copy of it is made at run time.
#[allow(clippy::large_const_arrays)]
const DEFAULT_BYTES: [u8; SQUEEZED.1] = crate::util::prefix(&SQUEEZED.0);
const DEFAULT_MIN: &str = crate::util::utf8(&DEFAULT_BYTES);

/// Why a content file was refused: where (a JSON path) and what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContentError {
    /// Path of the offending field, e.g. `checks[3].category`.
    pub path: String,
    /// What is wrong with it.
    pub message: String,
}

/// The [`Error::Content`] for `path`.
fn content_error(path: impl Into<String>, message: impl Into<String>) -> Error {
    content_error_of(path.into(), message.into())
}

/// [`content_error`] past the conversions: one copy, not one per pair of
/// argument types.
#[inline(never)]
fn content_error_of(path: String, message: String) -> Error {
    Error::Content(ContentError { path: clip(path), message: clip(message) })
}

impl fmt::Display for ContentError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() || self.path == "." {
            write!(f, "content: {}", self.message)
        } else {
            write!(f, "content.{}: {}", self.path, self.message)
        }
    }
}

impl std::error::Error for ContentError {}

/// A whole content set.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Content {
    /// Always [`SCHEMA`].
    pub schema: String,
    /// Schema version, [`VERSION`] for this build.
    pub version: u32,
    /// Name of the assessment, shown as its heading.
    pub title: Text,
    /// The intro screen's heading.
    pub tagline: Text,
    /// One paragraph on the intro screen.
    pub intro: Text,
    /// The choices every check is answered with, and the credit each earns.
    pub answer_scale: Vec<ScaleChoice>,
    /// Categories the checks are grouped in, with their weights.
    pub categories: Vec<Category>,
    /// The checklist.
    pub checks: Vec<Check>,
    /// Maturity levels, ascending by `min_score`, the first at 0.
    pub levels: Vec<Level>,
    /// The profile questions asked before the checks.
    pub profile: ProfileQuestions,
    /// Published survey figures, each with its source.
    pub benchmarks: Benchmarks,
    /// The recommended organisation per team size.
    pub org_models: Vec<OrgModel>,
    /// What to keep in-house and what can be outsourced.
    pub sourcing: Sourcing,
    /// Market prices for outside help.
    pub costs: Costs,
    /// The article the checklist, the organisation models, the sourcing
    /// advice and the prices come from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub article: Option<Source>,
    /// How the organisation models map onto the headcount bands, and how to read them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub org_note: Option<Text>,
}

/// One answer choice for a check ("in place", "partly", …).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScaleChoice {
    /// Stable id, e.g. `yes`.
    pub id: String,
    /// Label on the choice.
    pub label: Text,
    /// Share of a check's points this answer earns, in percent (0–100).
    pub credit: u8,
}

/// A group of checks scored together.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Category {
    /// Stable id, e.g. `sales_alignment`.
    pub id: String,
    /// Short name.
    pub label: Text,
    /// Share of the overall score, relative to the other categories' weights.
    pub weight: u32,
    /// Rank of this category's actions in the next steps; 1 comes first.
    pub priority: u32,
    /// Why it weighs what it weighs (shown with the scoring method).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<Text>,
}

/// One item of the checklist.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Check {
    /// Stable id, e.g. `mql_definition_agreed`.
    pub id: String,
    /// Id of the category it belongs to.
    pub category: String,
    /// Points within its category, relative to the category's other checks.
    pub points: u32,
    /// The statement the visitor rates ("…is written down").
    pub text: Text,
    /// Optional clarification under the statement.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hint: Option<Text>,
    /// What to do when this is not in place.
    pub action: ActionText,
    /// Profile answers that put this check's action first among the next steps.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub first_for: Vec<ProfileMatch>,
}

/// A profile answer: `field` answered with the option `option`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProfileMatch {
    /// A profile question's key (`budget`, `dedicated_staff`, …).
    pub field: String,
    /// One of its option ids.
    pub option: String,
}

/// A first step for a team of one headcount band.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StepFor {
    /// A headcount option id.
    pub headcount: String,
    /// The step for that team size instead of the general one.
    pub step: Text,
}

/// A next step recommended for a check that is not in place.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ActionText {
    /// Imperative headline.
    pub title: Text,
    /// A concrete first step.
    pub step: Text,
    /// The step for particular team sizes, instead of `step`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub step_for: Vec<StepFor>,
}

/// A maturity level.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Level {
    /// Stable id.
    pub id: String,
    /// Lowest overall score (0–100) at this level.
    pub min_score: u8,
    /// Name of the level.
    pub name: Text,
    /// One line on what it means.
    pub meaning: Text,
}

/// The four profile questions. Their ids are fixed because benchmarks and
/// organisation models refer to their options.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProfileQuestions {
    /// Annual revenue band (keys the dedicated-staff benchmark).
    pub revenue: ProfileQuestion,
    /// Number of people doing marketing (keys the organisation model).
    pub headcount: ProfileQuestion,
    /// Whether there is a dedicated digital-marketing person; options `yes` and `no`.
    pub dedicated_staff: ProfileQuestion,
    /// Annual marketing budget band (keys the budget benchmark and the cost check).
    pub budget: ProfileQuestion,
}

/// Which profile question.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ProfileField {
    /// Annual revenue band.
    Revenue,
    /// Marketing headcount.
    Headcount,
    /// Dedicated digital-marketing person.
    DedicatedStaff,
    /// Annual marketing budget band.
    Budget,
}

impl ProfileField {
    /// All fields in the order they are asked.
    pub const ALL: [ProfileField; 4] =
        [ProfileField::Revenue, ProfileField::Headcount, ProfileField::DedicatedStaff, ProfileField::Budget];

    /// The field's key in the content file.
    pub fn key(self) -> &'static str {
        match self {
            ProfileField::Revenue => "revenue",
            ProfileField::Headcount => "headcount",
            ProfileField::DedicatedStaff => "dedicated_staff",
            ProfileField::Budget => "budget",
        }
    }
}

impl ProfileQuestions {
    /// The question for `field`.
    pub fn get(&self, field: ProfileField) -> &ProfileQuestion {
        match field {
            ProfileField::Revenue => &self.revenue,
            ProfileField::Headcount => &self.headcount,
            ProfileField::DedicatedStaff => &self.dedicated_staff,
            ProfileField::Budget => &self.budget,
        }
    }
}

/// A single-choice profile question.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProfileQuestion {
    /// The question.
    pub text: Text,
    /// Optional clarification.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hint: Option<Text>,
    /// The choices.
    pub options: Vec<ProfileOption>,
}

impl ProfileQuestion {
    /// Index of the option with `id`.
    pub fn position(&self, id: &str) -> Option<usize> {
        self.options.iter().position(|o| o.id == id)
    }
}

/// One choice of a profile question.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProfileOption {
    /// Stable id, referred to by benchmarks and organisation models.
    pub id: String,
    /// Label on the choice.
    pub label: Text,
    /// For budget bands: the band's annual range in JPY, for the cost check.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub annual_jpy: Option<JpyRange>,
}

/// An amount range in Japanese yen; `max: None` is open-ended.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct JpyRange {
    /// Lower bound.
    pub min: u64,
    /// Upper bound, if any.
    #[serde(default)]
    pub max: Option<u64>,
}

/// Where a figure comes from. Printed next to every figure.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// Publisher or survey name.
    pub name: Text,
    /// Year of publication.
    pub year: u16,
    /// Number of respondents, when the source gives it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sample: Option<u32>,
    /// What the source itself says to keep in mind, if anything.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub caveat: Option<Text>,
}

/// The survey figures the report compares the visitor with.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Benchmarks {
    /// Share of companies with a dedicated digital-marketing person, by revenue band.
    pub dedicated_staff: BandBenchmark,
    /// Distribution of annual marketing budgets; bands without a figure are
    /// reported as not broken down by the source.
    pub budget: BandBenchmark,
    /// Findings on team size.
    pub team_size: Finding,
    /// Findings on lead nurturing and acquisition cost.
    pub nurturing: Finding,
}

/// A figure per profile band.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BandBenchmark {
    /// What the percentages measure.
    pub statement: Text,
    /// What the visitor's band's figure is a share of.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub caption: Option<Text>,
    /// Figures per band (option id of the profile question).
    pub shares: Vec<BandShare>,
    /// Said of the part of 100 % the shares do not cover, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub remainder_note: Option<Text>,
    /// What the source says of the figures as a whole.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<Text>,
    /// Where the figures come from.
    pub source: Source,
}

/// One band's percentage.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BandShare {
    /// Option id of the profile question.
    pub band: String,
    /// Percentage of companies, 0–100.
    pub percent: f64,
}

/// Survey findings quoted as text.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Finding {
    /// One heading.
    pub statement: Text,
    /// The findings, one sentence each.
    pub points: Vec<Text>,
    /// Where they come from.
    pub source: Source,
    /// Id of the check the findings bear on; shown next to it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub check: Option<String>,
}

/// The organisation recommended for one team size.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OrgModel {
    /// Stable id (`small`, `medium`, `large`).
    pub id: String,
    /// Option id of the headcount question this model is for.
    pub headcount: String,
    /// Name of the model.
    pub label: Text,
    /// The share of companies with a dedicated person the source gives for this size.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dedicated_share: Option<Text>,
    /// The typical problem at this size.
    pub main_problem: Text,
    /// The recommended setup.
    pub setup: Text,
    /// What to outsource.
    pub outsource: Text,
    /// Where to focus.
    pub priority: Text,
    /// How to coordinate.
    pub coordination: Text,
}

/// In-house versus outsourcing advice.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Sourcing {
    /// Work to keep in-house.
    pub keep_in_house: Vec<SourcingItem>,
    /// Work that can be outsourced.
    pub outsource: Vec<SourcingItem>,
    /// How to move work in-house.
    pub advice: Text,
}

/// One kind of work and why it sits where it does.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourcingItem {
    /// The work.
    pub label: Text,
    /// Why, when the content gives a reason.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub why: Option<Text>,
}

/// Market prices used in the cost estimate.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Costs {
    /// Outside strategy and operations support, per month.
    pub support_monthly_jpy: JpyRange,
    /// One outsourced article.
    pub article_jpy: u64,
    /// Articles per month assumed when no `defaults` entry fits the visitor.
    pub articles_per_month: u32,
    /// Starting values of the estimate per team size.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub defaults: Vec<CostDefault>,
    /// Where the prices come from and how to read them.
    pub basis: Text,
    /// Where the starting values come from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub defaults_note: Option<Text>,
    /// On the in-house side (staff), which the visitor enters.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub staff_note: Option<Text>,
}

/// The estimate's starting values for one team size.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CostDefault {
    /// A headcount option id.
    pub headcount: String,
    /// Outsourced articles per month.
    pub articles_per_month: u32,
    /// Whether outside strategy support is included.
    pub support: bool,
}

impl Content {
    /// The compiled-in default content set.
    ///
    /// The widget's build.rs validates it when the widget builds, so failing
    /// here is a build defect; callers still get a `Result` rather than a
    /// panic.
    pub fn default_set() -> Result<Content> {
        Content::parse(DEFAULT_MIN)
    }

    /// The content set `packed` by [`packed::pack`] (the quiz build's copy
    /// of the default set, written by the widget's build.rs).
    pub fn unpack(bytes: &[u8]) -> Result<Content> {
        packed::unpack(bytes).ok_or_else(|| content_error("", "the compiled-in default content is damaged"))
    }

    /// Parses and validates a content file.
    pub fn parse(json: &str) -> Result<Content> {
        let root: Value = json::from_str(json).map_err(|e| content_error("", format!("not valid JSON: {e}")))?;
        let Value::Object(env) = &root else {
            let at = locate(json, "", At::Value);
            let found = unexpected(&root);
            return Err(content_error(
                "",
                format!("not valid JSON: invalid type: {found}, expected struct Envelope{at}"),
            ));
        };
        // Check the envelope first so a future version gets a version error,
        // not a confusing one about a field it renamed.
        match env.get("schema") {
            Some(Value::String(s)) if s == SCHEMA => {}
            None | Some(Value::Null) => return Err(content_error("schema", format!("missing (expected {SCHEMA:?})"))),
            Some(other) => return Err(content_error("schema", format!("expected {SCHEMA:?}, found {other}"))),
        }
        match env.get("version") {
            Some(Value::Number(n)) if n.as_u64() == Some(u64::from(VERSION)) => {}
            None | Some(Value::Null) => return Err(content_error("version", "missing")),
            Some(Value::Number(n)) if n.is_u64() || n.is_i64() => {
                return Err(content_error(
                    "version",
                    format!("unsupported version {n}; this widget reads version {VERSION}"),
                ))
            }
            Some(other) => {
                let found = unexpected(other);
                return Err(content_error(
                    "version",
                    format!("expected a whole number (this widget reads version {VERSION}), found {found}"),
                ));
            }
        }
        let content = decode::content(&root).map_err(|f| {
            // serde_json's " at line L column C" helps find the spot.
            let at = locate(json, &f.path, f.at);
            content_error(if f.path.is_empty() { "." } else { &f.path }, format!("{}{at}", f.message))
        })?;
        content.validate()?;
        Ok(content)
    }

    /// Checks everything the types cannot: ids unique and resolvable, ranges,
    /// no blank texts.
    pub fn validate(&self) -> Result<()> {
        texts(self, &mut |path, text| match text.blank_locale() {
            Some(l) => Err(content_error(format!("{path}.{l}"), "blank text")),
            None => Ok(()),
        })?;

        nonempty(&self.answer_scale, "answer_scale")?;
        at_most(
            self.answer_scale.len(),
            MAX_CHOICES,
            "answer_scale",
            "choices; a share link stores each answer as one base-36 character",
        )?;
        unique_ids(self.answer_scale.iter().map(|c| c.id.as_str()), "answer_scale")?;
        for (i, c) in self.answer_scale.iter().enumerate() {
            if c.credit > 100 {
                return Err(content_error(format!("answer_scale[{i}].credit"), format!("{} is over 100", c.credit)));
            }
        }
        if !self.answer_scale.iter().any(|c| c.credit == 100) {
            return Err(content_error(
                "answer_scale",
                "no choice gives full credit (100), so no score could reach 100",
            ));
        }
        if !self.answer_scale.iter().any(|c| c.credit == 0) {
            return Err(content_error("answer_scale", "no choice gives zero credit (0), so no score could reach 0"));
        }

        nonempty(&self.categories, "categories")?;
        let category_ids = unique_ids(self.categories.iter().map(|c| c.id.as_str()), "categories")?;
        for (i, c) in self.categories.iter().enumerate() {
            if c.weight == 0 {
                return Err(content_error(format!("categories[{i}].weight"), "must be greater than 0"));
            }
        }

        nonempty(&self.checks, "checks")?;
        at_most(self.checks.len(), MAX_CHECKS, "checks", "checks; a share link holds one character per step")?;
        unique_ids(self.checks.iter().map(|c| c.id.as_str()), "checks")?;
        for (i, c) in self.checks.iter().enumerate() {
            if !category_ids.contains(c.category.as_str()) {
                return Err(content_error(
                    format!("checks[{i}].category"),
                    format!("unknown category {:?}", c.category),
                ));
            }
            if c.points == 0 {
                return Err(content_error(format!("checks[{i}].points"), "must be greater than 0"));
            }
        }
        let used = IdSet::from_unsorted(self.checks.iter().map(|c| c.category.as_str()).collect());
        for (i, cat) in self.categories.iter().enumerate() {
            if !used.contains(cat.id.as_str()) {
                return Err(content_error(format!("categories[{i}]"), format!("category {:?} has no checks", cat.id)));
            }
        }

        nonempty(&self.levels, "levels")?;
        unique_ids(self.levels.iter().map(|l| l.id.as_str()), "levels")?;
        if self.levels[0].min_score != 0 {
            return Err(content_error("levels[0].min_score", format!("must be 0, found {}", self.levels[0].min_score)));
        }
        for (i, pair) in self.levels.windows(2).enumerate() {
            if pair[1].min_score <= pair[0].min_score || pair[1].min_score > 100 {
                return Err(content_error(
                    format!("levels[{}].min_score", i + 1),
                    format!("{} must be above {} and at most 100", pair[1].min_score, pair[0].min_score),
                ));
            }
        }

        for field in ProfileField::ALL {
            let q = self.profile.get(field);
            let path = format!("profile.{}.options", field.key());
            if q.options.len() < 2 {
                return Err(content_error(path, "needs at least two options"));
            }
            at_most(
                q.options.len(),
                MAX_CHOICES,
                &path,
                "options; a share link stores each answer as one base-36 character",
            )?;
            unique_ids(q.options.iter().map(|o| o.id.as_str()), &path)?;
        }
        for id in ["yes", "no"] {
            if self.profile.dedicated_staff.position(id).is_none() {
                return Err(content_error(
                    "profile.dedicated_staff.options",
                    format!("needs an option with id {id:?}"),
                ));
            }
        }

        check_bands(&self.benchmarks.dedicated_staff, &self.profile.revenue, "benchmarks.dedicated_staff", "revenue")?;
        check_bands(&self.benchmarks.budget, &self.profile.budget, "benchmarks.budget", "budget")?;
        for (i, r) in self.profile.budget.options.iter().enumerate() {
            if let Some(JpyRange { min, max: Some(max) }) = r.annual_jpy {
                if max < min {
                    return Err(content_error(
                        format!("profile.budget.options[{i}].annual_jpy"),
                        format!("max {max} is below min {min}"),
                    ));
                }
            }
        }

        unique_ids(self.org_models.iter().map(|m| m.id.as_str()), "org_models")?;
        for (i, m) in self.org_models.iter().enumerate() {
            if self.profile.headcount.position(&m.headcount).is_none() {
                return Err(content_error(
                    format!("org_models[{i}].headcount"),
                    format!("no headcount option {:?}", m.headcount),
                ));
            }
        }
        for (i, o) in self.profile.headcount.options.iter().enumerate() {
            if !self.org_models.iter().any(|m| m.headcount == o.id) {
                return Err(content_error(
                    format!("profile.headcount.options[{i}]"),
                    format!("no org_models entry for {:?}", o.id),
                ));
            }
        }

        for (i, c) in self.checks.iter().enumerate() {
            for (j, m) in c.first_for.iter().enumerate() {
                let field = ProfileField::ALL.into_iter().find(|f| f.key() == m.field);
                let path = format!("checks[{i}].first_for[{j}]");
                let Some(field) = field else {
                    return Err(content_error(format!("{path}.field"), format!("no profile question {:?}", m.field)));
                };
                if self.profile.get(field).position(&m.option).is_none() {
                    return Err(content_error(
                        format!("{path}.option"),
                        format!("no {} option {:?}", m.field, m.option),
                    ));
                }
            }
            for (j, s) in c.action.step_for.iter().enumerate() {
                self.headcount_option(&s.headcount, &format!("checks[{i}].action.step_for[{j}].headcount"))?;
            }
        }
        for (i, d) in self.costs.defaults.iter().enumerate() {
            self.headcount_option(&d.headcount, &format!("costs.defaults[{i}].headcount"))?;
        }
        for (name, f) in [("team_size", &self.benchmarks.team_size), ("nurturing", &self.benchmarks.nurturing)] {
            if let Some(id) = &f.check {
                if !self.checks.iter().any(|c| &c.id == id) {
                    return Err(content_error(format!("benchmarks.{name}.check"), format!("no check {id:?}")));
                }
            }
        }

        nonempty(&self.sourcing.keep_in_house, "sourcing.keep_in_house")?;
        nonempty(&self.sourcing.outsource, "sourcing.outsource")?;
        let s = self.costs.support_monthly_jpy;
        if s.max.is_some_and(|m| m < s.min) {
            return Err(content_error("costs.support_monthly_jpy", "max is below min"));
        }
        Ok(())
    }

    fn headcount_option(&self, id: &str, path: &str) -> Result<()> {
        match self.profile.headcount.position(id) {
            Some(_) => Ok(()),
            None => Err(content_error(path, format!("no headcount option {id:?}"))),
        }
    }

    /// Index of the category with `id`.
    pub fn category_index(&self, id: &str) -> Option<usize> {
        self.categories.iter().position(|c| c.id == id)
    }

    /// Index of the answer-scale choice with `id`.
    pub fn scale_index(&self, id: &str) -> Option<usize> {
        self.answer_scale.iter().position(|c| c.id == id)
    }

    /// The choices a quiz card's switch sets, (on, off): "yes" and "no",
    /// else the first full-credit and the first no-credit choice.
    pub fn switch_choices(&self) -> (usize, usize) {
        let by_credit = |credit| self.answer_scale.iter().position(|s| s.credit == credit);
        let on = self.scale_index("yes").or_else(|| by_credit(100)).unwrap_or(0);
        let off = self.scale_index("no").or_else(|| by_credit(0)).unwrap_or(0);
        (on, off)
    }

    /// Every text of the set with its path, for completeness checks.
    pub fn for_each_text(&self, f: &mut dyn FnMut(&str, &Text) -> Result<()>) -> Result<()> {
        texts(self, &mut |path, text| f(&path.to_string(), text))
    }

    /// Total number of steps: profile questions then checks.
    pub fn step_count(&self) -> usize {
        ProfileField::ALL.len() + self.checks.len()
    }

    /// The same set with only what the article quiz's card shows: its
    /// other texts empty, its lists of report-only items empty. The quiz
    /// build (no `flow` feature: no question flow or report) carries this
    /// form of the default set (packed: 40 % of the whole). Ids, numbers and every
    /// step stay, so scores, share links and host events are the same.
    pub fn quiz_card_only(mut self) -> Content {
        fn drop(t: &mut Text) {
            *t = Text { ja: String::new(), en: String::new() };
        }
        fn drop_source(s: &mut Source) {
            drop(&mut s.name);
            s.caveat = None;
        }
        drop(&mut self.intro);
        for c in &mut self.categories {
            c.note = None;
        }
        for c in &mut self.checks {
            c.hint = None;
            drop(&mut c.action.step);
            c.action.step_for.clear();
        }
        let p = &mut self.profile;
        for q in [&mut p.revenue, &mut p.headcount, &mut p.dedicated_staff, &mut p.budget] {
            q.hint = None;
        }
        let b = &mut self.benchmarks;
        for band in [&mut b.dedicated_staff, &mut b.budget] {
            drop(&mut band.statement);
            band.caption = None;
            band.remainder_note = None;
            band.note = None;
            drop_source(&mut band.source);
        }
        for finding in [&mut b.team_size, &mut b.nurturing] {
            drop(&mut finding.statement);
            finding.points.clear();
            drop_source(&mut finding.source);
        }
        self.org_models.clear();
        self.sourcing.keep_in_house.clear();
        self.sourcing.outsource.clear();
        drop(&mut self.sourcing.advice);
        drop(&mut self.costs.basis);
        self.costs.defaults.clear();
        self.costs.defaults_note = None;
        self.costs.staff_note = None;
        self.article = None;
        self.org_note = None;
        self
    }
}

fn nonempty<T>(items: &[T], path: &str) -> Result<()> {
    if items.is_empty() {
        Err(content_error(path, "must not be empty"))
    } else {
        Ok(())
    }
}

fn at_most(n: usize, max: usize, path: &str, what: &str) -> Result<()> {
    if n > max {
        Err(content_error(path, format!("{n} {what}, so at most {max}")))
    } else {
        Ok(())
    }
}

/// The ids, refusing blank and repeated ones. Sorted, not a list search: a
/// hostile file with many thousands of entries must not take quadratic time
/// (and a sorted `Vec` instead of a tree set keeps tree code out of the wasm).
fn unique_ids<'a>(ids: impl Iterator<Item = &'a str>, path: &str) -> Result<IdSet<'a>> {
    unique_ids_dyn(&mut { ids }, path)
}

fn unique_ids_dyn<'a>(ids: &mut dyn Iterator<Item = &'a str>, path: &str) -> Result<IdSet<'a>> {
    let mut sorted: Vec<(&str, usize)> = ids.enumerate().map(|(i, id)| (id, i)).collect();
    let blank = sorted.iter().find(|(id, _)| id.trim().is_empty()).map(|&(_, i)| i);
    sorted.sort_unstable();
    // The first repeat in file order: the smallest index that follows an equal id.
    let repeat = sorted.windows(2).filter(|w| w[0].0 == w[1].0).map(|w| w[1].1).min();
    match (blank, repeat) {
        (Some(b), r) if r.is_none_or(|r| b < r) => Err(content_error(format!("{path}[{b}].id"), "blank id")),
        (_, Some(r)) => Err(content_error(
            format!("{path}[{r}].id"),
            format!("duplicate id {:?}", sorted.iter().find(|(_, i)| *i == r).map_or("", |p| p.0)),
        )),
        _ => Ok(IdSet(sorted.into_iter().map(|(id, _)| id).collect())),
    }
}

/// A set of ids as a sorted list.
struct IdSet<'a>(Vec<&'a str>);

impl<'a> IdSet<'a> {
    fn from_unsorted(mut ids: Vec<&'a str>) -> Self {
        ids.sort_unstable();
        ids.dedup();
        IdSet(ids)
    }

    fn contains(&self, id: &str) -> bool {
        self.0.binary_search(&id).is_ok()
    }
}

fn check_bands(b: &BandBenchmark, q: &ProfileQuestion, path: &str, question: &str) -> Result<()> {
    let mut seen = Vec::new();
    let mut total = 0.0;
    for (i, s) in b.shares.iter().enumerate() {
        if q.position(&s.band).is_none() {
            return Err(content_error(
                format!("{path}.shares[{i}].band"),
                format!("no {question} option {:?}", s.band),
            ));
        }
        if seen.contains(&s.band.as_str()) {
            return Err(content_error(format!("{path}.shares[{i}].band"), format!("duplicate band {:?}", s.band)));
        }
        seen.push(s.band.as_str());
        if !(0.0..=100.0).contains(&s.percent) {
            return Err(content_error(
                format!("{path}.shares[{i}].percent"),
                format!("{} is not a percentage (0–100)", s.percent),
            ));
        }
        total += s.percent;
    }
    // Shares of one distribution (a remainder note says so) cannot add up past 100.
    if b.remainder_note.is_some() && total > 100.0 + 1e-9 {
        return Err(content_error(format!("{path}.shares"), format!("add up to {total}, over 100")));
    }
    Ok(())
}

/// One step of a path to a text: a key or an index.
#[derive(Clone, Copy)]
enum Seg<'a> {
    K(&'a str),
    I(usize),
}
use Seg::{I, K};

/// `checks[3].action.title`, written only when a path is needed (on an
/// error, or for [`Content::for_each_text`]): validating builds none.
struct TextPath<'a>(&'a [Seg<'a>]);

impl fmt::Display for TextPath<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (n, seg) in self.0.iter().enumerate() {
            match seg {
                K(k) if n == 0 => f.write_str(k)?,
                K(k) => write!(f, ".{k}")?,
                I(i) => write!(f, "[{i}]")?,
            }
        }
        Ok(())
    }
}

type TextFn<'f> = dyn FnMut(&TextPath, &Text) -> Result<()> + 'f;

fn texts(c: &Content, f: &mut TextFn) -> Result<()> {
    let mut at = |path: &[Seg], t: &Text| f(&TextPath(path), t);
    at(&[K("title")], &c.title)?;
    at(&[K("tagline")], &c.tagline)?;
    at(&[K("intro")], &c.intro)?;
    for (i, x) in c.answer_scale.iter().enumerate() {
        at(&[K("answer_scale"), I(i), K("label")], &x.label)?;
    }
    for (i, x) in c.categories.iter().enumerate() {
        at(&[K("categories"), I(i), K("label")], &x.label)?;
        if let Some(n) = &x.note {
            at(&[K("categories"), I(i), K("note")], n)?;
        }
    }
    for (i, x) in c.checks.iter().enumerate() {
        at(&[K("checks"), I(i), K("text")], &x.text)?;
        if let Some(h) = &x.hint {
            at(&[K("checks"), I(i), K("hint")], h)?;
        }
        at(&[K("checks"), I(i), K("action"), K("title")], &x.action.title)?;
        at(&[K("checks"), I(i), K("action"), K("step")], &x.action.step)?;
        for (j, s) in x.action.step_for.iter().enumerate() {
            at(&[K("checks"), I(i), K("action"), K("step_for"), I(j), K("step")], &s.step)?;
        }
    }
    for (i, x) in c.levels.iter().enumerate() {
        at(&[K("levels"), I(i), K("name")], &x.name)?;
        at(&[K("levels"), I(i), K("meaning")], &x.meaning)?;
    }
    for field in ProfileField::ALL {
        let (q, key) = (c.profile.get(field), field.key());
        at(&[K("profile"), K(key), K("text")], &q.text)?;
        if let Some(h) = &q.hint {
            at(&[K("profile"), K(key), K("hint")], h)?;
        }
        for (i, o) in q.options.iter().enumerate() {
            at(&[K("profile"), K(key), K("options"), I(i), K("label")], &o.label)?;
        }
    }
    for (name, b) in [("dedicated_staff", &c.benchmarks.dedicated_staff), ("budget", &c.benchmarks.budget)] {
        at(&[K("benchmarks"), K(name), K("statement")], &b.statement)?;
        for (k, t) in [("caption", &b.caption), ("remainder_note", &b.remainder_note), ("note", &b.note)] {
            if let Some(t) = t {
                at(&[K("benchmarks"), K(name), K(k)], t)?;
            }
        }
        source_texts(&[K("benchmarks"), K(name), K("source")], &b.source, &mut at)?;
    }
    for (name, x) in [("team_size", &c.benchmarks.team_size), ("nurturing", &c.benchmarks.nurturing)] {
        at(&[K("benchmarks"), K(name), K("statement")], &x.statement)?;
        for (i, t) in x.points.iter().enumerate() {
            at(&[K("benchmarks"), K(name), K("points"), I(i)], t)?;
        }
        source_texts(&[K("benchmarks"), K(name), K("source")], &x.source, &mut at)?;
    }
    for (i, m) in c.org_models.iter().enumerate() {
        for (k, t) in [
            ("label", &m.label),
            ("main_problem", &m.main_problem),
            ("setup", &m.setup),
            ("outsource", &m.outsource),
            ("priority", &m.priority),
            ("coordination", &m.coordination),
        ] {
            at(&[K("org_models"), I(i), K(k)], t)?;
        }
        if let Some(t) = &m.dedicated_share {
            at(&[K("org_models"), I(i), K("dedicated_share")], t)?;
        }
    }
    for (list, items) in [("keep_in_house", &c.sourcing.keep_in_house), ("outsource", &c.sourcing.outsource)] {
        for (i, x) in items.iter().enumerate() {
            at(&[K("sourcing"), K(list), I(i), K("label")], &x.label)?;
            if let Some(why) = &x.why {
                at(&[K("sourcing"), K(list), I(i), K("why")], why)?;
            }
        }
    }
    at(&[K("sourcing"), K("advice")], &c.sourcing.advice)?;
    at(&[K("costs"), K("basis")], &c.costs.basis)?;
    for (k, t) in [("defaults_note", &c.costs.defaults_note), ("staff_note", &c.costs.staff_note)] {
        if let Some(t) = t {
            at(&[K("costs"), K(k)], t)?;
        }
    }
    if let Some(s) = &c.article {
        source_texts(&[K("article")], s, &mut at)?;
    }
    if let Some(t) = &c.org_note {
        at(&[K("org_note")], t)?;
    }
    Ok(())
}

/// A source's name and caveat, at `path` + `.name` / `.caveat`.
fn source_texts(path: &[Seg], s: &Source, at: &mut dyn FnMut(&[Seg], &Text) -> Result<()>) -> Result<()> {
    let mut p = path.to_vec();
    p.push(K("name"));
    at(&p, &s.name)?;
    if let Some(c) = &s.caveat {
        *p.last_mut().expect("pushed") = K("caveat");
        at(&p, c)?;
    }
    Ok(())
}
