//! Native tests of the pure model: scoring, benchmarks, recommendations,
//! content validation and translations. Cases live in `tests/fixtures/`.

use b2b_assessment_core::domain::answers::AnswerSheet;
use b2b_assessment_core::domain::benchmarks::{self, format_percent};
use b2b_assessment_core::domain::content::{packed, ProfileField, DEFAULT_JSON};
use b2b_assessment_core::domain::recommend::{self, Assumptions, BudgetFit};
use b2b_assessment_core::domain::{scoring, share};
use b2b_assessment_core::domain::{Answers, Content, Locale, Report, Step};
use serde::Deserialize;
use serde_json::{json, Value};
use std::collections::BTreeMap;

fn content() -> Content {
    Content::default_set().unwrap_or_else(|e| panic!("default content must load: {e}"))
}

#[derive(Deserialize)]
struct ScoringFixture {
    profile: BTreeMap<ProfileField, String>,
    cases: Vec<ScoringCase>,
}

#[derive(Deserialize)]
struct ScoringCase {
    name: String,
    fill: String,
    #[serde(default)]
    answers: BTreeMap<String, String>,
    expect: Expect,
}

#[derive(Deserialize)]
struct Expect {
    overall: u8,
    level: String,
    #[serde(default)]
    categories: BTreeMap<String, u8>,
    top_losses: Option<Vec<String>>,
    actions: Option<Vec<String>>,
}

fn sheet(
    c: &Content,
    profile: &BTreeMap<ProfileField, String>,
    fill: &str,
    overrides: &BTreeMap<String, String>,
) -> AnswerSheet {
    let mut checks: BTreeMap<String, String> = c.checks.iter().map(|k| (k.id.clone(), fill.to_string())).collect();
    for (k, v) in overrides {
        assert!(checks.contains_key(k), "fixture names unknown check {k:?}");
        checks.insert(k.clone(), v.clone());
    }
    AnswerSheet { profile: profile.clone(), checks }
}

fn load_fixture() -> ScoringFixture {
    let raw = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/scoring.json"))
        .expect("fixture readable");
    serde_json::from_str(&raw).expect("fixture parses")
}

#[test]
fn scoring_table() {
    let c = content();
    let fx = load_fixture();
    assert!(fx.cases.len() >= 8);
    for case in &fx.cases {
        let answers = Answers::from_sheet(&c, &sheet(&c, &fx.profile, &case.fill, &case.answers))
            .unwrap_or_else(|e| panic!("{}: {e}", case.name));
        let report = Report::build(&c, &answers).unwrap_or_else(|e| panic!("{}: incomplete {e:?}", case.name));
        let s = &report.score;
        assert_eq!(s.overall, case.expect.overall, "{}: overall (exact {})", case.name, s.exact);
        assert_eq!(c.levels[s.level].id, case.expect.level, "{}: level", case.name);
        for (cat, want) in &case.expect.categories {
            let ci = c.category_index(cat).unwrap_or_else(|| panic!("{}: unknown category {cat}", case.name));
            assert_eq!(s.categories[ci].score, *want, "{}: category {cat}", case.name);
        }
        if let Some(top) = &case.expect.top_losses {
            let got: Vec<&str> = s.losses.iter().take(top.len()).map(|l| c.checks[l.check].id.as_str()).collect();
            assert_eq!(got, *top, "{}: costliest answers", case.name);
            if top.is_empty() {
                assert!(s.losses.is_empty(), "{}: expected no losses", case.name);
            }
        }
        if let Some(want) = &case.expect.actions {
            let got: Vec<&str> = report.actions.iter().map(|a| c.checks[a.check].id.as_str()).collect();
            assert_eq!(got, *want, "{}: ranked actions", case.name);
        }
        // Losses account for exactly the points missing from 100.
        let lost: f64 = s.losses.iter().map(|l| l.points).sum();
        assert!((s.exact + lost - 100.0).abs() < 1e-9, "{}: {} + {} != 100", case.name, s.exact, lost);
        // Deterministic: building again gives the same report.
        assert_eq!(Report::build(&c, &answers).ok(), Some(report), "{}: deterministic", case.name);
    }
}

#[test]
fn improving_any_answer_never_lowers_the_score() {
    let c = content();
    let fx = load_fixture();
    let order = ["unknown", "no", "partly", "yes"];
    for base in order {
        let a = Answers::from_sheet(&c, &sheet(&c, &fx.profile, base, &BTreeMap::new())).expect("sheet");
        let before = Report::build(&c, &a).expect("complete").score.exact;
        for check in &c.checks {
            for better in order.iter().skip_while(|o| **o != base).skip(1) {
                let mut o = BTreeMap::new();
                o.insert(check.id.clone(), better.to_string());
                let b = Answers::from_sheet(&c, &sheet(&c, &fx.profile, base, &o)).expect("sheet");
                let after = Report::build(&c, &b).expect("complete").score.exact;
                let same_credit = c.answer_scale[c.scale_index(better).unwrap()].credit
                    == c.answer_scale[c.scale_index(base).unwrap()].credit;
                if same_credit {
                    assert_eq!(after, before, "{base}->{better} on {}", check.id);
                } else {
                    assert!(after > before, "{base}->{better} on {} should raise {before}", check.id);
                }
            }
        }
    }
}

#[test]
fn incomplete_answers_give_no_report_and_name_the_first_open_step() {
    let c = content();
    let mut a = Answers::new(&c);
    assert_eq!(Report::build(&c, &a).err().map(|e| e.first_unanswered), Some(0));
    for i in 0..c.step_count() {
        if i == 7 {
            continue;
        }
        a.set(&c, Step::at(&c, i).unwrap(), 0).unwrap();
    }
    assert_eq!(Report::build(&c, &a).err().map(|e| e.first_unanswered), Some(7));
    assert!(a.set(&c, Step::at(&c, 7).unwrap(), 99).is_err(), "out-of-range choice refused");
}

fn profile_answers(c: &Content, revenue: &str, headcount: &str, dedicated: &str, budget: &str) -> Answers {
    let mut p = BTreeMap::new();
    p.insert(ProfileField::Revenue, revenue.to_string());
    p.insert(ProfileField::Headcount, headcount.to_string());
    p.insert(ProfileField::DedicatedStaff, dedicated.to_string());
    p.insert(ProfileField::Budget, budget.to_string());
    Answers::from_sheet(c, &AnswerSheet { profile: p, checks: BTreeMap::new() }).expect("profile sheet")
}

#[test]
fn dedicated_staff_benchmark_per_revenue_band() {
    let c = content();
    let cases =
        [("up_to_30b", "yes", 37.0, true), ("30b_to_100b", "no", 50.0, false), ("over_100b", "yes", 42.0, true)];
    for (band, has, percent, visitor_has) in cases {
        let a = profile_answers(&c, band, "1_to_3", has, "unknown");
        let d = benchmarks::dedicated_staff(&c, &a).expect("figure");
        assert_eq!(d.figure.percent, Some(percent), "{band}");
        assert_eq!(d.visitor_has, visitor_has, "{band}");
    }
    assert_eq!(c.benchmarks.dedicated_staff.source.year, 2023);
}

#[test]
fn budget_benchmark_per_band_and_the_unsplit_remainder() {
    let c = content();
    let cases = [
        ("under_10m", Some(20.7), Some(2)),
        ("10m_to_100m", None, None),
        ("100m_plus", Some(21.2), Some(1)),
        ("unknown", None, None),
    ];
    for (band, percent, rank) in cases {
        let a = profile_answers(&c, "up_to_30b", "1_to_3", "no", band);
        let f = benchmarks::budget(&c, &a).expect("band answered");
        assert_eq!((f.percent, f.rank), (percent, rank), "{band}");
    }
    // The source splits only 41.9 %; the rest is derived, not stored.
    assert_eq!(benchmarks::remainder(&c.benchmarks.budget), Some(58.1));
    assert_eq!(benchmarks::remainder(&c.benchmarks.dedicated_staff), None);
    assert_eq!(format_percent(58.1), "58.1");
    assert_eq!(format_percent(37.0), "37");
}

#[test]
fn org_model_per_team_size() {
    let c = content();
    for (headcount, model) in [("1_to_3", "small"), ("4_to_10", "medium"), ("11_plus", "large")] {
        let a = profile_answers(&c, "up_to_30b", headcount, "no", "unknown");
        assert_eq!(recommend::org_model(&c, &a).map(|m| m.id.as_str()), Some(model), "{headcount}");
    }
}

#[test]
fn cost_estimate_against_budget_bands() {
    let c = content();
    // The source's worked example: 10 articles at 50k and 300k–500k of support a month.
    let example = Assumptions { articles_per_month: 10, article_jpy: 50_000, support: true, staff_monthly_jpy: 0 };
    for (band, fit) in [
        // 9.6M–12M a year against "under 10M": it can take the whole budget.
        ("under_10m", BudgetFit::Reaches),
        ("10m_to_100m", BudgetFit::Depends),
        ("100m_plus", BudgetFit::Within),
        ("unknown", BudgetFit::Unknown),
    ] {
        let a = profile_answers(&c, "up_to_30b", "1_to_3", "no", band);
        let e = recommend::cost_estimate(&c, &a, example);
        assert_eq!(e.articles_monthly, 500_000);
        assert_eq!((e.total_monthly.min, e.total_monthly.max), (800_000, Some(1_000_000)));
        assert_eq!((e.total_yearly.min, e.total_yearly.max), (9_600_000, Some(12_000_000)));
        assert_eq!(e.fit, fit, "{band}");
    }
    let small = profile_answers(&c, "up_to_30b", "1_to_3", "no", "under_10m");
    let mid = profile_answers(&c, "up_to_30b", "4_to_10", "no", "10m_to_100m");
    let fit = |a: &Answers, articles, price, support| {
        let x = Assumptions { articles_per_month: articles, article_jpy: price, support, staff_monthly_jpy: 0 };
        recommend::cost_estimate(&c, a, x).fit
    };
    // Table: answers, articles, price, support → fit.
    for (a, articles, price, support, want, why) in [
        (&small, 30, 50_000, true, BudgetFit::Exceeds, "30 articles: 21.6M+ a year"),
        (&small, 17, 50_000, false, BudgetFit::Exceeds, "exactly 10.2M: over the bound"),
        (&small, 15, 50_000, false, BudgetFit::Depends, "9M a year: inside the band"),
        (&small, 0, 50_000, false, BudgetFit::Within, "nothing to pay fits any band"),
        (&mid, 4, 50_000, false, BudgetFit::Within, "2.4M: under the band's 10M floor"),
        (&mid, 20, 50_000, false, BudgetFit::Depends, "12M: inside 10M–100M"),
        (&mid, 10, 800_000, true, BudgetFit::Reaches, "99.6M–102M"),
    ] {
        assert_eq!(fit(a, articles, price, support), want, "{why}");
    }
    // Staff cost is shown in the all-in total, never compared with the band.
    let x = Assumptions { articles_per_month: 0, article_jpy: 50_000, support: false, staff_monthly_jpy: 2_000_000 };
    let e = recommend::cost_estimate(&c, &small, x);
    assert_eq!((e.staff_yearly, e.all_yearly.min, e.fit), (24_000_000, 24_000_000, BudgetFit::Within));
}

#[test]
fn next_steps_say_what_stands_and_fit_the_team_size() {
    use b2b_assessment_core::domain::recommend::ActionStatus;
    let c = content();
    let mut a = profile_answers(&c, "up_to_30b", "1_to_3", "yes", "100m_plus");
    let (partly, no, unknown) =
        (c.scale_index("partly").unwrap(), c.scale_index("no").unwrap(), c.scale_index("unknown").unwrap());
    for (i, k) in c.checks.iter().enumerate() {
        let choice = match k.id.as_str() {
            "mql_definition_agreed" => partly,
            "shared_kpis" => no,
            "absence_continuity" => unknown,
            _ => 0,
        };
        a.set(&c, Step::Check(i), choice).unwrap();
    }
    let score = scoring::score(&c, &a);
    let got: Vec<(&str, ActionStatus, bool)> = recommend::next_actions(&c, &a, &score)
        .iter()
        .map(|x| (c.checks[x.check].id.as_str(), x.status, x.first))
        .collect();
    assert_eq!(
        got,
        [
            ("shared_kpis", ActionStatus::NotYet, false),
            ("mql_definition_agreed", ActionStatus::Partly, false),
            ("absence_continuity", ActionStatus::ToConfirm, false),
        ]
    );
    // A team of one to three is not told to name a backup for every task.
    let absence = c.checks.iter().position(|k| k.id == "absence_continuity").unwrap();
    let small = recommend::step_for(&c, &a, absence).unwrap();
    assert!(small.ja.contains("1〜3名") && !small.ja.contains("副担当を決め"), "{small:?}");
    let big = profile_answers(&c, "up_to_30b", "11_plus", "yes", "100m_plus");
    assert_eq!(recommend::step_for(&c, &big, absence), Some(&c.checks[absence].action.step));
}

#[test]
fn the_estimate_starts_from_the_team_size() {
    let c = content();
    for (headcount, articles, support) in [("1_to_3", 4, false), ("4_to_10", 4, true), ("11_plus", 10, true)] {
        let a = profile_answers(&c, "up_to_30b", headcount, "no", "under_10m");
        let d = recommend::default_assumptions(&c, &a);
        assert_eq!(
            (d.articles_per_month, d.article_jpy, d.support, d.staff_monthly_jpy),
            (articles, 50_000, support, 0)
        );
    }
}

/// Mutates the default content at `pointer` and expects an error whose path
/// and message contain the given parts.
#[test]
fn broken_content_names_the_field() {
    type Mutation = fn(&mut Value);
    let cases: Vec<(&str, Mutation, &str, &str)> = vec![
        (
            "missing translation",
            |v| {
                v["checks"][3]["text"].as_object_mut().unwrap().remove("en");
            },
            "checks[3].text",
            "missing field `en`",
        ),
        ("blank translation", |v| v["title"]["ja"] = json!("  "), "title.ja", "blank text"),
        (
            "unknown category",
            |v| v["checks"][0]["category"] = json!("nope"),
            "checks[0].category",
            "unknown category \"nope\"",
        ),
        ("duplicate check id", |v| v["checks"][4]["id"] = json!("duties_documented"), "checks[4].id", "duplicate id"),
        // The first repeat in file order is named, and a blank id before it wins.
        (
            "two repeats",
            |v| {
                v["checks"][6]["id"] = v["checks"][1]["id"].clone();
                v["checks"][4]["id"] = v["checks"][0]["id"].clone();
            },
            "checks[4].id",
            "duplicate id",
        ),
        (
            "blank before a repeat",
            |v| {
                v["checks"][5]["id"] = v["checks"][0]["id"].clone();
                v["checks"][3]["id"] = json!(" ");
            },
            "checks[3].id",
            "blank id",
        ),
        (
            "repeat before a blank",
            |v| {
                v["checks"][2]["id"] = v["checks"][1]["id"].clone();
                v["checks"][5]["id"] = json!("");
            },
            "checks[2].id",
            "duplicate id",
        ),
        ("wrong type", |v| v["checks"][2]["points"] = json!("two"), "checks[2].points", "invalid type"),
        ("zero points", |v| v["checks"][2]["points"] = json!(0), "checks[2].points", "greater than 0"),
        ("unknown field", |v| v["checks"][0]["colour"] = json!("red"), "checks[0].colour", "unknown field `colour`"),
        ("future version", |v| v["version"] = json!(2), "version", "unsupported version 2"),
        ("wrong schema", |v| v["schema"] = json!("something-else"), "schema", "expected"),
        ("levels out of order", |v| v["levels"][2]["min_score"] = json!(20), "levels[2].min_score", "must be above"),
        ("first level not at 0", |v| v["levels"][0]["min_score"] = json!(5), "levels[0].min_score", "must be 0"),
        ("no full credit", |v| v["answer_scale"][0]["credit"] = json!(90), "answer_scale", "full credit"),
        ("credit over 100", |v| v["answer_scale"][1]["credit"] = json!(150), "answer_scale[1].credit", "over 100"),
        (
            "unknown band",
            |v| v["benchmarks"]["dedicated_staff"]["shares"][0]["band"] = json!("x"),
            "benchmarks.dedicated_staff.shares[0].band",
            "no revenue option",
        ),
        (
            "percent over 100",
            |v| v["benchmarks"]["budget"]["shares"][0]["percent"] = json!(120),
            "benchmarks.budget.shares[0].percent",
            "not a percentage",
        ),
        (
            "shares over 100",
            |v| v["benchmarks"]["budget"]["shares"][0]["percent"] = json!(90),
            "benchmarks.budget.shares",
            "over 100",
        ),
        (
            "model for unknown headcount",
            |v| v["org_models"][0]["headcount"] = json!("x"),
            "org_models[0].headcount",
            "no headcount option",
        ),
        (
            "category without checks",
            |v| {
                v["categories"]
                    .as_array_mut()
                    .unwrap()
                    .push(json!({"id":"empty","label":{"ja":"空","en":"Empty"},"weight":1,"priority":9}));
            },
            "categories[6]",
            "has no checks",
        ),
        ("zero weight", |v| v["categories"][1]["weight"] = json!(0), "categories[1].weight", "greater than 0"),
        (
            "dedicated without yes",
            |v| v["profile"]["dedicated_staff"]["options"][0]["id"] = json!("ja"),
            "profile.dedicated_staff.options",
            "\"yes\"",
        ),
    ];
    let base: Value = serde_json::from_str(DEFAULT_JSON).expect("default JSON");
    for (name, mutate, path, message) in cases {
        let mut v = base.clone();
        mutate(&mut v);
        let err = crate::content_error(Content::parse(&v.to_string()).expect_err(name));
        assert_eq!(err.path, path, "{name}: path (message {:?})", err.message);
        assert!(err.message.contains(message), "{name}: {:?} should contain {message:?}", err.message);
        assert!(err.to_string().starts_with(&format!("content.{path}: ")), "{name}: display {err}");
    }
    let err = Content::parse("{ not json").expect_err("not JSON");
    assert!(err.to_string().contains("not valid JSON"), "{err}");
}

fn has_japanese(s: &str) -> bool {
    s.chars().any(|ch| matches!(ch, '\u{3040}'..='\u{30ff}' | '\u{4e00}'..='\u{9fff}'))
}

#[test]
fn every_text_exists_in_both_languages_and_is_in_that_language() {
    let c = content();
    let mut n = 0;
    c.for_each_text(&mut |path, text| {
        n += 1;
        assert!(text.blank_locale().is_none(), "{path} blank");
        assert!(has_japanese(&text.ja) || text.ja.is_ascii(), "{path}.ja has no Japanese: {:?}", text.ja);
        assert!(!has_japanese(&text.en), "{path}.en is not English: {:?}", text.en);
        Ok(())
    })
    .expect("walk");
    assert!(n > 100, "walked {n} texts");
    assert_eq!(c.checks.len(), 15, "the source's checklist has 15 checks");
    assert_eq!(c.step_count(), 19);
}

#[test]
fn interface_strings_exist_in_both_languages() {
    use b2b_assessment_core::i18n::{t, Key};
    // A missing arm is a compile error; this catches an English string left in
    // the Japanese table and vice versa.
    for key in
        [Key::Start, Key::Next, Key::SeeReport, Key::YourScore, Key::NextActions, Key::Benchmarks, Key::ToConfirm]
    {
        assert!(has_japanese(t(Locale::Ja, key)), "{key:?} ja");
        assert!(!has_japanese(t(Locale::En, key)), "{key:?} en");
    }
}

#[test]
fn locales_from_tags() {
    for (tag, want) in [
        ("ja", Some(Locale::Ja)),
        ("ja-JP", Some(Locale::Ja)),
        ("EN-us", Some(Locale::En)),
        ("en_GB", Some(Locale::En)),
        ("fr", None),
        ("", None),
    ] {
        assert_eq!(Locale::from_tag(tag), want, "{tag:?}");
    }
}

#[test]
fn answer_sheets_round_trip_and_reject_unknown_ids() {
    let c = content();
    let fx = load_fixture();
    let s = sheet(&c, &fx.profile, "partly", &BTreeMap::new());
    let a = Answers::from_sheet(&c, &s).expect("sheet");
    assert_eq!(a.to_sheet(&c), s);
    let mut bad = s.clone();
    bad.checks.insert("no_such_check".into(), "yes".into());
    assert!(Answers::from_sheet(&c, &bad).unwrap_err().to_string().contains("no_such_check"));
    let mut bad = s;
    bad.profile.insert(ProfileField::Budget, "a_lot".into());
    assert!(Answers::from_sheet(&c, &bad).unwrap_err().to_string().contains("profile.budget"));
}

/// The sorted-list map behind settings, UTM parameters and CRM mappings
/// behaves like the `BTreeMap` it replaced.
#[test]
fn string_map_keeps_key_order_and_the_last_value() {
    use b2b_assessment_core::domain::StrMap;
    let s = |k: &str, v: &str| (k.to_string(), v.to_string());
    let m: StrMap = [s("b", "1"), s("a", "2"), s("b", "3"), s("c", "4"), s("a", "5")].into_iter().collect();
    let got: Vec<(&str, &str)> = m.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    assert_eq!(got, [("a", "5"), ("b", "3"), ("c", "4")]);
    let mut m2 = StrMap::new();
    for (k, v) in [s("b", "1"), s("a", "2"), s("b", "3"), s("c", "4"), s("a", "5")] {
        m2.insert(k, v);
    }
    assert_eq!(m, m2, "collecting and inserting one by one agree");
    assert_eq!(m2.insert("c".into(), "6".into()), Some("4".into()));
    assert_eq!((m2.get("c").map(String::as_str), m2.get("d"), m2.len()), (Some("6"), None, 3));
    // Many keys in reverse order: collected by sorting, not by shifting (quadratic).
    let big: StrMap = (0..200_000).rev().map(|i| (format!("k{i:06}"), i.to_string())).collect();
    assert_eq!((big.len(), big.iter().next().map(|(k, _)| k.as_str())), (200_000, Some("k000000")));
    assert_eq!(serde_json::to_string(&m).expect("json"), r#"{"a":"5","b":"3","c":"4"}"#);
}

#[test]
fn the_compiled_in_default_content_is_content_default_json() {
    let parsed = Content::parse(DEFAULT_JSON).unwrap_or_else(|e| panic!("content/default.json: {e}"));
    // (The quiz build's packed copy is held to the same file by the widget
    // crate's `build` tests.)
    assert_eq!(content(), parsed, "Content::default_set() is not content/default.json");
    for c in [parsed.clone(), parsed.quiz_card_only()] {
        assert_eq!(packed::unpack(&packed::pack(&c)).as_ref(), Some(&c), "pack then unpack");
    }
}

#[test]
fn a_damaged_packed_set_is_refused_without_a_panic() {
    let bytes = packed::pack(&content());
    // Cut anywhere: refused (every field is required, to the last byte).
    for cut in (0..bytes.len()).filter(|i| i % 7 == 0 || *i < 64 || bytes.len() - i < 64) {
        assert!(packed::unpack(&bytes[..cut]).is_none(), "cut at byte {cut} of {}", bytes.len());
    }
    let mut longer = bytes.clone();
    longer.push(0);
    assert!(packed::unpack(&longer).is_none(), "a trailing byte");
    assert!(packed::unpack(b"B2P2").is_none() && packed::unpack(&bytes[1..]).is_none(), "another form");
    // Any byte changed: some other set or none, never a panic or a huge allocation.
    for i in (0..bytes.len()).step_by(3) {
        for b in [0x00, 0x7f, 0x80, 0xff] {
            let mut d = bytes.clone();
            d[i] = b;
            let _ = packed::unpack(&d);
        }
    }
}

/// Answers with every step set to `choice(step index)`.
fn filled(c: &Content, choice: impl Fn(usize) -> usize) -> Answers {
    let mut a = Answers::new(c);
    for i in 0..c.step_count() {
        let step = Step::at(c, i).expect("step");
        let n = step.choice_count(c);
        a.set(c, step, choice(i) % n).expect("valid choice");
    }
    a
}

#[test]
fn the_quiz_builds_content_keeps_what_the_card_shows_and_scores_the_same() {
    let full = Content::parse(DEFAULT_JSON).unwrap_or_else(|e| panic!("content/default.json: {e}"));
    let quiz = full.clone().quiz_card_only();
    // What components/quiz.rs and quiz_switch.rs show.
    assert_eq!((&quiz.title, &quiz.tagline), (&full.title, &full.tagline));
    assert_eq!((&quiz.answer_scale, &quiz.levels), (&full.answer_scale, &full.levels));
    // The categories' notes (why each weighs what it does) are the report's.
    let cats = |c: &Content| {
        c.categories.iter().map(|k| (k.id.clone(), k.label.clone(), k.weight, k.priority)).collect::<Vec<_>>()
    };
    assert_eq!(cats(&quiz), cats(&full));
    assert!(quiz.categories.iter().all(|k| k.note.is_none()));
    for f in ProfileField::ALL {
        let (q, g) = (quiz.profile.get(f), full.profile.get(f));
        assert_eq!((&q.text, &q.options), (&g.text, &g.options), "{f:?}");
    }
    assert_eq!(quiz.checks.len(), full.checks.len());
    for (q, g) in quiz.checks.iter().zip(&full.checks) {
        assert_eq!(
            (&q.id, &q.category, q.points, &q.text, &q.action.title, &q.first_for),
            (&g.id, &g.category, g.points, &g.text, &g.action.title, &g.first_for)
        );
    }
    // The rest is gone: the packed form is well under half the size.
    let (small, whole) = (packed::pack(&quiz).len(), packed::pack(&full).len());
    assert!(small * 2 < whole, "quiz {small} bytes, full {whole}");
    assert!(quiz.checks.iter().all(|c| c.hint.is_none() && c.action.step.ja.is_empty()) && quiz.org_models.is_empty());
    // Same scores, next steps and share links (the card's link to the full report).
    for (name, pick) in [("all first", 0usize), ("all second", 1), ("all third", 2), ("all fourth", 3), ("mixed", 99)] {
        let choice = |i: usize| if pick == 99 { i * 7 + 3 } else { pick };
        let (a, b) = (filled(&full, choice), filled(&quiz, choice));
        assert_eq!(a, b, "{name}");
        let (sa, sb) = (scoring::score(&full, &a), scoring::score(&quiz, &b));
        assert_eq!(sa, sb, "{name}: score");
        let (na, nb) = (recommend::next_actions(&full, &a, &sa), recommend::next_actions(&quiz, &b, &sb));
        assert_eq!(na, nb, "{name}: next steps");
        assert_eq!(share::encode(&full, &a), share::encode(&quiz, &b), "{name}: share link");
    }
}

/// The intro's estimate and the demo pages' say the same: about ten seconds
/// a question, to the nearest minute.
#[test]
fn the_estimated_time_is_the_same_in_the_widget_and_on_the_demo_pages() {
    let c = content();
    let said = b2b_assessment_core::i18n::question_count(Locale::Ja, c.step_count());
    assert_eq!(said, "全19問・約3分");
    let about = &said[said.find('約').expect("約")..];
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../examples");
    let mut pages = 0;
    for entry in std::fs::read_dir(&dir).expect("examples/") {
        let path = entry.expect("entry").path();
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        for (i, _) in text.match_indices("所要時間") {
            let tail: String = text[i..].chars().take(12).collect();
            assert!(tail.contains(about), "{}: {tail} (the widget says {about})", path.display());
            pages += 1;
        }
    }
    assert!(pages >= 2, "the demo pages state an estimated time");
}
