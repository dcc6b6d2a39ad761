//! Decoding a content set from parsed JSON, by hand.
//!
//! This replaces `#[derive(Deserialize)]` + `serde_path_to_error` for
//! [`Content::parse`]: those monomorphize every visitor with path tracking
//! and made content parsing the largest part of the wasm. The messages are
//! serde's (`missing field `en``, `unknown field `colour`, expected one of …`,
//! `invalid type: string "two", expected u32`, …), the paths are
//! serde_path_to_error's (`checks[3].text`, `.` for the root), and
//! [`locate`](crate::domain::decode::locate) adds serde_json's `at line L column C` by finding the spot in
//! the text again, only when there is an error.

use super::*;
use crate::domain::decode::{bool_, f64_, list, obj, string, text, u16_, u32_, u64_, u8_, R};
use crate::json::Value;

fn texts(v: &Value, p: &str) -> R<Vec<Text>> {
    list(v, p, text)
}

fn scale_choice(v: &Value, p: &str) -> R<ScaleChoice> {
    let o = obj(v, p, "ScaleChoice", &["id", "label", "credit"])?;
    Ok(ScaleChoice { id: o.string("id")?, label: o.text("label")?, credit: o.req("credit", u8_)? })
}

fn category(v: &Value, p: &str) -> R<Category> {
    let o = obj(v, p, "Category", &["id", "label", "weight", "priority", "note"])?;
    Ok(Category {
        id: o.string("id")?,
        label: o.text("label")?,
        weight: o.req("weight", u32_)?,
        priority: o.req("priority", u32_)?,
        note: o.opt("note", text)?,
    })
}

fn check(v: &Value, p: &str) -> R<Check> {
    let o = obj(v, p, "Check", &["id", "category", "points", "text", "hint", "action", "first_for"])?;
    Ok(Check {
        id: o.string("id")?,
        category: o.string("category")?,
        points: o.req("points", u32_)?,
        text: o.text("text")?,
        hint: o.opt("hint", text)?,
        action: o.req("action", action)?,
        first_for: o.opt("first_for", |v, p| list(v, p, profile_match))?.unwrap_or_default(),
    })
}

fn profile_match(v: &Value, p: &str) -> R<ProfileMatch> {
    let o = obj(v, p, "ProfileMatch", &["field", "option"])?;
    Ok(ProfileMatch { field: o.string("field")?, option: o.string("option")? })
}

fn step_for(v: &Value, p: &str) -> R<StepFor> {
    let o = obj(v, p, "StepFor", &["headcount", "step"])?;
    Ok(StepFor { headcount: o.string("headcount")?, step: o.text("step")? })
}

fn action(v: &Value, p: &str) -> R<ActionText> {
    let o = obj(v, p, "ActionText", &["title", "step", "step_for"])?;
    Ok(ActionText {
        title: o.text("title")?,
        step: o.text("step")?,
        step_for: o.opt("step_for", |v, p| list(v, p, step_for))?.unwrap_or_default(),
    })
}

fn level(v: &Value, p: &str) -> R<Level> {
    let o = obj(v, p, "Level", &["id", "min_score", "name", "meaning"])?;
    Ok(Level {
        id: o.string("id")?,
        min_score: o.req("min_score", u8_)?,
        name: o.text("name")?,
        meaning: o.text("meaning")?,
    })
}

fn profile(v: &Value, p: &str) -> R<ProfileQuestions> {
    let o = obj(v, p, "ProfileQuestions", &["revenue", "headcount", "dedicated_staff", "budget"])?;
    Ok(ProfileQuestions {
        revenue: o.req("revenue", question)?,
        headcount: o.req("headcount", question)?,
        dedicated_staff: o.req("dedicated_staff", question)?,
        budget: o.req("budget", question)?,
    })
}

fn question(v: &Value, p: &str) -> R<ProfileQuestion> {
    let o = obj(v, p, "ProfileQuestion", &["text", "hint", "options"])?;
    Ok(ProfileQuestion {
        text: o.text("text")?,
        hint: o.opt("hint", text)?,
        options: o.req("options", |v, p| list(v, p, option))?,
    })
}

fn option(v: &Value, p: &str) -> R<ProfileOption> {
    let o = obj(v, p, "ProfileOption", &["id", "label", "annual_jpy"])?;
    Ok(ProfileOption { id: o.string("id")?, label: o.text("label")?, annual_jpy: o.opt("annual_jpy", jpy)? })
}

fn jpy(v: &Value, p: &str) -> R<JpyRange> {
    let o = obj(v, p, "JpyRange", &["min", "max"])?;
    Ok(JpyRange { min: o.req("min", u64_)?, max: o.opt("max", u64_)? })
}

fn source(v: &Value, p: &str) -> R<Source> {
    let o = obj(v, p, "Source", &["name", "year", "sample", "caveat"])?;
    Ok(Source {
        name: o.text("name")?,
        year: o.req("year", u16_)?,
        sample: o.opt("sample", u32_)?,
        caveat: o.opt("caveat", text)?,
    })
}

fn benchmarks(v: &Value, p: &str) -> R<Benchmarks> {
    let o = obj(v, p, "Benchmarks", &["dedicated_staff", "budget", "team_size", "nurturing"])?;
    Ok(Benchmarks {
        dedicated_staff: o.req("dedicated_staff", band_benchmark)?,
        budget: o.req("budget", band_benchmark)?,
        team_size: o.req("team_size", finding)?,
        nurturing: o.req("nurturing", finding)?,
    })
}

fn band_benchmark(v: &Value, p: &str) -> R<BandBenchmark> {
    let o = obj(v, p, "BandBenchmark", &["statement", "caption", "shares", "remainder_note", "note", "source"])?;
    Ok(BandBenchmark {
        statement: o.text("statement")?,
        caption: o.opt("caption", text)?,
        shares: o.req("shares", |v, p| list(v, p, band_share))?,
        remainder_note: o.opt("remainder_note", text)?,
        note: o.opt("note", text)?,
        source: o.req("source", source)?,
    })
}

fn band_share(v: &Value, p: &str) -> R<BandShare> {
    let o = obj(v, p, "BandShare", &["band", "percent"])?;
    Ok(BandShare { band: o.string("band")?, percent: o.req("percent", f64_)? })
}

fn finding(v: &Value, p: &str) -> R<Finding> {
    let o = obj(v, p, "Finding", &["statement", "points", "source", "check"])?;
    Ok(Finding {
        statement: o.text("statement")?,
        points: o.req("points", texts)?,
        source: o.req("source", source)?,
        check: o.opt("check", string)?,
    })
}

fn org_model(v: &Value, p: &str) -> R<OrgModel> {
    let o = obj(
        v,
        p,
        "OrgModel",
        &[
            "id",
            "headcount",
            "label",
            "dedicated_share",
            "main_problem",
            "setup",
            "outsource",
            "priority",
            "coordination",
        ],
    )?;
    Ok(OrgModel {
        id: o.string("id")?,
        headcount: o.string("headcount")?,
        label: o.text("label")?,
        dedicated_share: o.opt("dedicated_share", text)?,
        main_problem: o.text("main_problem")?,
        setup: o.text("setup")?,
        outsource: o.text("outsource")?,
        priority: o.text("priority")?,
        coordination: o.text("coordination")?,
    })
}

fn sourcing(v: &Value, p: &str) -> R<Sourcing> {
    let o = obj(v, p, "Sourcing", &["keep_in_house", "outsource", "advice"])?;
    Ok(Sourcing {
        keep_in_house: o.req("keep_in_house", |v, p| list(v, p, sourcing_item))?,
        outsource: o.req("outsource", |v, p| list(v, p, sourcing_item))?,
        advice: o.text("advice")?,
    })
}

fn sourcing_item(v: &Value, p: &str) -> R<SourcingItem> {
    let o = obj(v, p, "SourcingItem", &["label", "why"])?;
    Ok(SourcingItem { label: o.text("label")?, why: o.opt("why", text)? })
}

fn costs(v: &Value, p: &str) -> R<Costs> {
    let o = obj(
        v,
        p,
        "Costs",
        &[
            "support_monthly_jpy",
            "article_jpy",
            "articles_per_month",
            "defaults",
            "basis",
            "defaults_note",
            "staff_note",
        ],
    )?;
    Ok(Costs {
        support_monthly_jpy: o.req("support_monthly_jpy", jpy)?,
        article_jpy: o.req("article_jpy", u64_)?,
        articles_per_month: o.req("articles_per_month", u32_)?,
        defaults: o.opt("defaults", |v, p| list(v, p, cost_default))?.unwrap_or_default(),
        basis: o.text("basis")?,
        defaults_note: o.opt("defaults_note", text)?,
        staff_note: o.opt("staff_note", text)?,
    })
}

fn cost_default(v: &Value, p: &str) -> R<CostDefault> {
    let o = obj(v, p, "CostDefault", &["headcount", "articles_per_month", "support"])?;
    Ok(CostDefault {
        headcount: o.string("headcount")?,
        articles_per_month: o.req("articles_per_month", u32_)?,
        support: o.req("support", bool_)?,
    })
}

/// The whole content set from the root value.
pub(super) fn content(v: &Value) -> R<Content> {
    let o = obj(
        v,
        "",
        "Content",
        &[
            "schema",
            "version",
            "title",
            "tagline",
            "intro",
            "answer_scale",
            "categories",
            "checks",
            "levels",
            "profile",
            "benchmarks",
            "org_models",
            "sourcing",
            "costs",
            "article",
            "org_note",
        ],
    )?;
    Ok(Content {
        schema: o.string("schema")?,
        version: o.req("version", u32_)?,
        title: o.text("title")?,
        tagline: o.text("tagline")?,
        intro: o.text("intro")?,
        answer_scale: o.req("answer_scale", |v, p| list(v, p, scale_choice))?,
        categories: o.req("categories", |v, p| list(v, p, category))?,
        checks: o.req("checks", |v, p| list(v, p, check))?,
        levels: o.req("levels", |v, p| list(v, p, level))?,
        profile: o.req("profile", profile)?,
        benchmarks: o.req("benchmarks", benchmarks)?,
        org_models: o.req("org_models", |v, p| list(v, p, org_model))?,
        sourcing: o.req("sourcing", sourcing)?,
        costs: o.req("costs", costs)?,
        article: o.opt("article", source)?,
        org_note: o.opt("org_note", text)?,
    })
}
