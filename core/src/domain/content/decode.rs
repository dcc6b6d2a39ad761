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
    o.end(ScaleChoice { id: o.get("id", string), label: o.get("label", text), credit: o.get("credit", u8_) })
}

fn category(v: &Value, p: &str) -> R<Category> {
    let o = obj(v, p, "Category", &["id", "label", "weight", "priority", "note"])?;
    o.end(Category {
        id: o.get("id", string),
        label: o.get("label", text),
        weight: o.get("weight", u32_),
        priority: o.get("priority", u32_),
        note: o.get_opt("note", text),
    })
}

fn check(v: &Value, p: &str) -> R<Check> {
    let o = obj(v, p, "Check", &["id", "category", "points", "text", "hint", "action", "first_for"])?;
    o.end(Check {
        id: o.get("id", string),
        category: o.get("category", string),
        points: o.get("points", u32_),
        text: o.get("text", text),
        hint: o.get_opt("hint", text),
        action: o.get("action", action),
        first_for: o.get_list("first_for", profile_match),
    })
}

fn profile_match(v: &Value, p: &str) -> R<ProfileMatch> {
    let o = obj(v, p, "ProfileMatch", &["field", "option"])?;
    o.end(ProfileMatch { field: o.get("field", string), option: o.get("option", string) })
}

fn step_for(v: &Value, p: &str) -> R<StepFor> {
    let o = obj(v, p, "StepFor", &["headcount", "step"])?;
    o.end(StepFor { headcount: o.get("headcount", string), step: o.get("step", text) })
}

fn action(v: &Value, p: &str) -> R<ActionText> {
    let o = obj(v, p, "ActionText", &["title", "step", "step_for"])?;
    o.end(ActionText {
        title: o.get("title", text),
        step: o.get("step", text),
        step_for: o.get_list("step_for", step_for),
    })
}

fn level(v: &Value, p: &str) -> R<Level> {
    let o = obj(v, p, "Level", &["id", "min_score", "name", "meaning"])?;
    o.end(Level {
        id: o.get("id", string),
        min_score: o.get("min_score", u8_),
        name: o.get("name", text),
        meaning: o.get("meaning", text),
    })
}

fn profile(v: &Value, p: &str) -> R<ProfileQuestions> {
    let o = obj(v, p, "ProfileQuestions", &["revenue", "headcount", "dedicated_staff", "budget"])?;
    o.end(ProfileQuestions {
        revenue: o.get("revenue", question),
        headcount: o.get("headcount", question),
        dedicated_staff: o.get("dedicated_staff", question),
        budget: o.get("budget", question),
    })
}

fn question(v: &Value, p: &str) -> R<ProfileQuestion> {
    let o = obj(v, p, "ProfileQuestion", &["text", "hint", "options"])?;
    o.end(ProfileQuestion {
        text: o.get("text", text),
        hint: o.get_opt("hint", text),
        options: o.get("options", |v, p| list(v, p, option)),
    })
}

fn option(v: &Value, p: &str) -> R<ProfileOption> {
    let o = obj(v, p, "ProfileOption", &["id", "label", "annual_jpy"])?;
    o.end(ProfileOption {
        id: o.get("id", string),
        label: o.get("label", text),
        annual_jpy: o.get_opt("annual_jpy", jpy),
    })
}

fn jpy(v: &Value, p: &str) -> R<JpyRange> {
    let o = obj(v, p, "JpyRange", &["min", "max"])?;
    o.end(JpyRange { min: o.get("min", u64_), max: o.get_opt("max", u64_) })
}

fn source(v: &Value, p: &str) -> R<Source> {
    let o = obj(v, p, "Source", &["name", "year", "sample", "caveat"])?;
    o.end(Source {
        name: o.get("name", text),
        year: o.get("year", u16_),
        sample: o.get_opt("sample", u32_),
        caveat: o.get_opt("caveat", text),
    })
}

fn benchmarks(v: &Value, p: &str) -> R<Benchmarks> {
    let o = obj(v, p, "Benchmarks", &["dedicated_staff", "budget", "team_size", "nurturing"])?;
    o.end(Benchmarks {
        dedicated_staff: o.get("dedicated_staff", band_benchmark),
        budget: o.get("budget", band_benchmark),
        team_size: o.get("team_size", finding),
        nurturing: o.get("nurturing", finding),
    })
}

fn band_benchmark(v: &Value, p: &str) -> R<BandBenchmark> {
    let o = obj(v, p, "BandBenchmark", &["statement", "caption", "shares", "remainder_note", "note", "source"])?;
    o.end(BandBenchmark {
        statement: o.get("statement", text),
        caption: o.get_opt("caption", text),
        shares: o.get("shares", |v, p| list(v, p, band_share)),
        remainder_note: o.get_opt("remainder_note", text),
        note: o.get_opt("note", text),
        source: o.get("source", source),
    })
}

fn band_share(v: &Value, p: &str) -> R<BandShare> {
    let o = obj(v, p, "BandShare", &["band", "percent"])?;
    o.end(BandShare { band: o.get("band", string), percent: o.get("percent", f64_) })
}

fn finding(v: &Value, p: &str) -> R<Finding> {
    let o = obj(v, p, "Finding", &["statement", "points", "source", "check"])?;
    o.end(Finding {
        statement: o.get("statement", text),
        points: o.get("points", texts),
        source: o.get("source", source),
        check: o.get_opt("check", string),
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
    o.end(OrgModel {
        id: o.get("id", string),
        headcount: o.get("headcount", string),
        label: o.get("label", text),
        dedicated_share: o.get_opt("dedicated_share", text),
        main_problem: o.get("main_problem", text),
        setup: o.get("setup", text),
        outsource: o.get("outsource", text),
        priority: o.get("priority", text),
        coordination: o.get("coordination", text),
    })
}

fn sourcing(v: &Value, p: &str) -> R<Sourcing> {
    let o = obj(v, p, "Sourcing", &["keep_in_house", "outsource", "advice"])?;
    o.end(Sourcing {
        keep_in_house: o.get("keep_in_house", |v, p| list(v, p, sourcing_item)),
        outsource: o.get("outsource", |v, p| list(v, p, sourcing_item)),
        advice: o.get("advice", text),
    })
}

fn sourcing_item(v: &Value, p: &str) -> R<SourcingItem> {
    let o = obj(v, p, "SourcingItem", &["label", "why"])?;
    o.end(SourcingItem { label: o.get("label", text), why: o.get_opt("why", text) })
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
    o.end(Costs {
        support_monthly_jpy: o.get("support_monthly_jpy", jpy),
        article_jpy: o.get("article_jpy", u64_),
        articles_per_month: o.get("articles_per_month", u32_),
        defaults: o.get_list("defaults", cost_default),
        basis: o.get("basis", text),
        defaults_note: o.get_opt("defaults_note", text),
        staff_note: o.get_opt("staff_note", text),
    })
}

fn cost_default(v: &Value, p: &str) -> R<CostDefault> {
    let o = obj(v, p, "CostDefault", &["headcount", "articles_per_month", "support"])?;
    o.end(CostDefault {
        headcount: o.get("headcount", string),
        articles_per_month: o.get("articles_per_month", u32_),
        support: o.get("support", bool_),
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
    o.end(Content {
        schema: o.get("schema", string),
        version: o.get("version", u32_),
        title: o.get("title", text),
        tagline: o.get("tagline", text),
        intro: o.get("intro", text),
        answer_scale: o.get("answer_scale", |v, p| list(v, p, scale_choice)),
        categories: o.get("categories", |v, p| list(v, p, category)),
        checks: o.get("checks", |v, p| list(v, p, check)),
        levels: o.get("levels", |v, p| list(v, p, level)),
        profile: o.get("profile", profile),
        benchmarks: o.get("benchmarks", benchmarks),
        org_models: o.get("org_models", |v, p| list(v, p, org_model)),
        sourcing: o.get("sourcing", sourcing),
        costs: o.get("costs", costs),
        article: o.get_opt("article", source),
        org_note: o.get_opt("org_note", text),
    })
}
