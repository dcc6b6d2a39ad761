//! Named hostile inputs for every decoder of outside input, each with the
//! exact error it must give: the field path and what is wrong. Oversized
//! inputs must also be refused quickly. `tests/fuzz.rs` throws random
//! mutations at the same decoders; these are the cases worth naming.

use b2b_assessment_core::config;
use b2b_assessment_core::domain::content::{OrgModel, DEFAULT_JSON};
use b2b_assessment_core::domain::outbox::{EntryState, Outbox, Outcome};
use b2b_assessment_core::domain::progress::{Place, Progress};
use b2b_assessment_core::domain::{share, Content};
use serde_json::{json, Value};
use std::time::{Duration, Instant};

/// An error repeats at most a clipped part of the input.
const MAX_MESSAGE: usize = 600;
/// Generous for a debug build on a busy machine; quadratic work on these
/// inputs takes far longer.
const MAX_TIME: Duration = Duration::from_secs(2);

const MB: usize = 1 << 20;

fn timed<T>(name: &str, f: impl FnOnce() -> T) -> T {
    let t = Instant::now();
    let out = f();
    assert!(t.elapsed() < MAX_TIME, "{name}: took {:?}", t.elapsed());
    out
}

fn nested(depth: usize) -> String {
    format!("{}0{}", "[".repeat(depth), "]".repeat(depth))
}

/// Stands in for raw JSON text (deep nesting) until the document is a string.
const RAW: &str = "\u{1}raw\u{1}";

fn raw(v: &Value, text: &str) -> String {
    v.to_string().replace("\"\\u0001raw\\u0001\"", text)
}

// ---------------------------------------------------------------------------
// Content

type Edit = Box<dyn Fn(&mut Value)>;

fn edit(f: impl Fn(&mut Value) + 'static) -> Edit {
    Box::new(f)
}

fn push_copies(list: &mut Value, n: usize, id: impl Fn(usize) -> String) {
    let a = list.as_array_mut().expect("an array");
    let first = a[0].clone();
    for i in 0..n {
        let mut x = first.clone();
        x["id"] = json!(id(i));
        a.push(x);
    }
}

#[test]
fn hostile_content_is_refused_with_the_field_and_the_problem() {
    let base: Value = serde_json::from_str(DEFAULT_JSON).expect("default JSON");
    let checks = base["checks"].as_array().map_or(0, Vec::len);
    let categories = base["categories"].as_array().map_or(0, Vec::len);
    let first_category = base["categories"][0]["id"].as_str().unwrap_or_default().to_string();
    let big = "x".repeat(MB);
    let dup_path = format!("checks[{checks}].id");
    let dup_category = format!("duplicate id {first_category:?}");
    let extra_category = format!("categories[{categories}]");
    let big_key = "k".repeat(MB);
    let (big2, big3, big4) = (big.clone(), big.clone(), big.clone());
    let inputs: Vec<(&str, Edit, &str, &str)> = vec![
        // Deep nesting: serde_json stops at 128 levels; the decoder walks the
        // schema, not the data, and locating an error is iterative.
        (
            "100k nested arrays in a text",
            edit(|v| v["checks"][0]["text"]["en"] = json!(RAW)),
            "",
            "not valid JSON: recursion limit exceeded at line 1 column",
        ),
        (
            "120 nested arrays in a text",
            edit(|v| v["checks"][0]["text"]["en"] = json!("\u{1}raw120\u{1}")),
            "checks[0].text.en",
            "invalid type: sequence, expected a string at line 1 column",
        ),
        // Unknown and malformed versions and schemas.
        (
            "future version",
            edit(|v| v["version"] = json!(2)),
            "version",
            "unsupported version 2; this widget reads version 1",
        ),
        ("version 0", edit(|v| v["version"] = json!(0)), "version", "unsupported version 0"),
        ("negative version", edit(|v| v["version"] = json!(-1)), "version", "unsupported version -1"),
        (
            "version as a string",
            edit(|v| v["version"] = json!("1")),
            "version",
            "expected a whole number (this widget reads version 1), found string \"1\"",
        ),
        (
            "fractional version",
            edit(|v| v["version"] = json!(1.5)),
            "version",
            "expected a whole number (this widget reads version 1), found floating point `1.5`",
        ),
        (
            "version missing",
            edit(|v| {
                v.as_object_mut().unwrap().remove("version");
            }),
            "version",
            "missing",
        ),
        (
            "schema missing",
            edit(|v| {
                v.as_object_mut().unwrap().remove("schema");
            }),
            "schema",
            "missing (expected \"b2b-assessment/content\")",
        ),
        (
            "schema of another format",
            edit(|v| v["schema"] = json!(42)),
            "schema",
            "expected \"b2b-assessment/content\", found 42",
        ),
        // Wrong types and values at their limits.
        (
            "weight as a string",
            edit(|v| v["categories"][0]["weight"] = json!("two")),
            "categories[0].weight",
            "invalid type: string \"two\", expected u32 at line 1 column",
        ),
        (
            "weight past u32",
            edit(|v| v["categories"][0]["weight"] = json!(4_294_967_296u64)),
            "categories[0].weight",
            "invalid value: integer `4294967296`, expected u32",
        ),
        (
            "negative points",
            edit(|v| v["checks"][0]["points"] = json!(-1)),
            "checks[0].points",
            "invalid value: integer `-1`, expected u32",
        ),
        (
            "fractional credit",
            edit(|v| v["answer_scale"][0]["credit"] = json!(99.5)),
            "answer_scale[0].credit",
            "invalid type: floating point `99.5`, expected u8",
        ),
        ("checks as an object", edit(|v| v["checks"] = json!({})), "checks", "invalid type: map, expected a sequence"),
        (
            "a text as a string",
            edit(|v| v["title"] = json!("Title")),
            "title",
            "invalid type: string \"Title\", expected struct Text",
        ),
        (
            "null where a list is required",
            edit(|v| v["levels"] = Value::Null),
            "levels",
            "invalid type: null, expected a sequence",
        ),
        // Missing fields and translations.
        (
            "check without action",
            edit(|v| {
                v["checks"][2].as_object_mut().unwrap().remove("action");
            }),
            "checks[2]",
            "missing field `action`",
        ),
        (
            "missing English",
            edit(|v| {
                v["checks"][2]["text"].as_object_mut().unwrap().remove("en");
            }),
            "checks[2].text",
            "missing field `en`",
        ),
        (
            "missing Japanese hint",
            edit(|v| v["checks"][1]["hint"] = json!({"en": "Hint"})),
            "checks[1].hint",
            "missing field `ja`",
        ),
        (
            "blank English",
            edit(|v| v["levels"][1]["meaning"]["en"] = json!(" \n ")),
            "levels[1].meaning.en",
            "blank text",
        ),
        (
            "a third language",
            edit(|v| v["intro"]["fr"] = json!("Bonjour")),
            "intro.fr",
            "unknown field `fr`, expected `ja` or `en`",
        ),
        // Identifiers.
        (
            "duplicate check id",
            edit(|v| {
                let c = v["checks"][0].clone();
                v["checks"].as_array_mut().unwrap().push(c);
            }),
            &dup_path,
            "duplicate id \"duties_documented\"",
        ),
        (
            "duplicate category id",
            edit(|v| v["categories"][1]["id"] = v["categories"][0]["id"].clone()),
            "categories[1].id",
            &dup_category,
        ),
        (
            "blank option id",
            edit(|v| v["profile"]["budget"]["options"][1]["id"] = json!(" ")),
            "profile.budget.options[1].id",
            "blank id",
        ),
        (
            "unknown category",
            edit(|v| v["checks"][3]["category"] = json!("nope")),
            "checks[3].category",
            "unknown category \"nope\"",
        ),
        (
            "category without checks",
            edit(|v| {
                push_copies(&mut v["categories"], 1, |_| "lonely".into());
            }),
            &extra_category,
            "category \"lonely\" has no checks",
        ),
        // Weights and shares that do not add up.
        (
            "zero weight",
            edit(|v| v["categories"][2]["weight"] = json!(0)),
            "categories[2].weight",
            "must be greater than 0",
        ),
        (
            "shares past 100 %",
            edit(|v| {
                for s in v["benchmarks"]["budget"]["shares"].as_array_mut().unwrap() {
                    s["percent"] = json!(60);
                }
            }),
            "benchmarks.budget.shares",
            "over 100",
        ),
        (
            "negative share",
            edit(|v| v["benchmarks"]["dedicated_staff"]["shares"][0]["percent"] = json!(-5)),
            "benchmarks.dedicated_staff.shares[0].percent",
            "-5 is not a percentage (0–100)",
        ),
        (
            "credit past 100",
            edit(|v| v["answer_scale"][2]["credit"] = json!(101)),
            "answer_scale[2].credit",
            "101 is over 100",
        ),
        (
            "no zero-credit answer",
            edit(|v| {
                for c in v["answer_scale"].as_array_mut().unwrap() {
                    c["credit"] = json!(100);
                }
            }),
            "answer_scale",
            "no choice gives zero credit",
        ),
        (
            "budget band upside down",
            edit(|v| v["profile"]["budget"]["options"][0]["annual_jpy"] = json!({"min": 2, "max": 1})),
            "profile.budget.options[0].annual_jpy",
            "max 1 is below min 2",
        ),
        // More than a share link can carry.
        (
            "37 answer choices",
            edit(|v| push_copies(&mut v["answer_scale"], 33, |i| format!("c{i}"))),
            "answer_scale",
            "37 choices; a share link stores each answer as one base-36 character, so at most 36",
        ),
        (
            "40 revenue bands",
            edit(|v| {
                let n = v["profile"]["revenue"]["options"].as_array().map_or(0, Vec::len);
                push_copies(&mut v["profile"]["revenue"]["options"], 40 - n, |i| format!("r{i}"));
            }),
            "profile.revenue.options",
            "40 options; a share link stores each answer as one base-36 character, so at most 36",
        ),
        (
            "4001 checks",
            edit(|v| {
                let n = v["checks"].as_array().map_or(0, Vec::len);
                push_copies(&mut v["checks"], 4001 - n, |i| format!("c{i}"));
            }),
            "checks",
            "4001 checks; a share link holds one character per step, so at most 4000",
        ),
        // Oversized strings: refused quickly, and the message quotes a part.
        ("1 MB schema", edit(move |v| v["schema"] = json!(big2.clone())), "schema", "bytes left out"),
        (
            "1 MB id in a number field",
            edit(move |v| v["checks"][0]["points"] = json!(big3.clone())),
            "checks[0].points",
            "xxxxx\", expected u32 at line 1 column",
        ),
        (
            "1 MB category reference",
            edit(move |v| v["checks"][0]["category"] = json!(big4.clone())),
            "checks[0].category",
            "unknown category \"xxxx",
        ),
        (
            "1 MB unknown key",
            edit(move |v| v["checks"][0][big_key.as_str()] = json!(1)),
            "checks[0]",
            "expected one of `id`, `category`, `points`, `text`, `hint`, `action`, `first_for` at line 1 column",
        ),
        ("unknown key with a dot", edit(|v| v["checks"][0]["a.b"] = json!(1)), "checks[0].a.b", "unknown field `a.b`"),
    ];
    assert_eq!(
        base["checks"][0]["id"],
        json!("duties_documented"),
        "the table assumes the default content's first check"
    );
    for (name, edit, path, fragment) in inputs {
        let mut v = base.clone();
        edit(&mut v);
        let text = raw(&v, &nested(100_000)).replace("\"\\u0001raw120\\u0001\"", &nested(120));
        let err = crate::content_error(timed(name, || Content::parse(&text)).expect_err(name));
        assert_eq!(err.path, path, "{name}: path (message {:?})", err.message);
        assert!(err.message.contains(fragment), "{name}: {:?} should contain {fragment:?}", err.message);
        let shown = err.to_string();
        assert!(shown.len() <= MAX_MESSAGE, "{name}: {} bytes of error", shown.len());
        let prefix = if path.is_empty() { "content: ".to_string() } else { format!("content.{path}: ") };
        assert!(shown.starts_with(&prefix), "{name}: {shown}");
    }
}

#[test]
fn hostile_content_documents_are_refused_as_a_whole() {
    let half = &DEFAULT_JSON[..DEFAULT_JSON.len() / 2];
    let random: String = String::from_utf8_lossy(&(0..=255u8).cycle().take(4096).collect::<Vec<_>>()).into_owned();
    let cases = [
        ("empty", String::new(), "not valid JSON: EOF while parsing a value at line 1 column 0"),
        ("truncated", half.to_string(), "not valid JSON: EOF while parsing"),
        ("random bytes", random, "not valid JSON: expected value at line 1 column 1"),
        ("100k nested arrays", nested(100_000), "not valid JSON: recursion limit exceeded at line 1 column 128"),
        ("100k nested objects", "{\"a\":".repeat(100_000), "not valid JSON: recursion limit exceeded"),
        (
            "an array",
            "[1]".into(),
            "not valid JSON: invalid type: sequence, expected struct Envelope at line 1 column 0",
        ),
        ("a 1 MB string", format!("{:?}", "x".repeat(MB)), "not valid JSON: invalid type: string \"xxx"),
    ];
    for (name, text, want) in cases {
        let err = crate::content_error(timed(name, || Content::parse(&text)).expect_err(name));
        assert_eq!(err.path, "", "{name}");
        assert!(err.message.starts_with(want), "{name}: {:?} should start with {want:?}", err.message);
        assert!(err.to_string().len() <= MAX_MESSAGE, "{name}: {} bytes of error", err.to_string().len());
    }
}

#[test]
fn oversized_but_valid_content_is_read_in_linear_time() {
    let mut v: Value = serde_json::from_str(DEFAULT_JSON).expect("default JSON");
    v["title"]["en"] = json!("x".repeat(MB));
    let text = v.to_string();
    let c = timed("a 1 MB title", || Content::parse(&text)).expect("valid");
    assert_eq!(c.title.en.len(), MB);

    // Many distinct ids: uniqueness checks must not compare every pair (the
    // structs directly, as a debug build parses tens of MB of JSON slowly).
    let mut c = content();
    let model = c.org_models[0].clone();
    c.org_models.extend((0..50_000).map(|i| OrgModel { id: format!("model{i}"), ..model.clone() }));
    timed("50 000 org models", || c.validate()).expect("valid");
    c.org_models.push(model);
    let err = crate::content_error(timed("50 000 org models and a duplicate", || c.validate()).expect_err("duplicate"));
    assert_eq!((err.path.as_str(), err.message.as_str()), ("org_models[50003].id", "duplicate id \"small\""));
}

#[test]
fn weights_and_points_at_their_limits_still_score_from_0_to_100() {
    // Weights and points are relative, so they need not add up to anything;
    // at u32::MAX each, sums must neither overflow nor leave 0–100.
    let mut v: Value = serde_json::from_str(DEFAULT_JSON).expect("default JSON");
    for c in v["categories"].as_array_mut().expect("categories") {
        c["weight"] = json!(u32::MAX);
    }
    for c in v["checks"].as_array_mut().expect("checks") {
        c["points"] = json!(u32::MAX);
    }
    let c = Content::parse(&v.to_string()).expect("any positive weights are valid");
    for (credit, want) in [(100, 100), (0, 0)] {
        let choice = c.answer_scale.iter().position(|s| s.credit == credit).expect("choice");
        let mut a = b2b_assessment_core::domain::Answers::new(&c);
        for i in 0..c.checks.len() {
            a.set(&c, b2b_assessment_core::domain::Step::Check(i), choice).expect("in range");
        }
        assert_eq!(b2b_assessment_core::domain::scoring::score(&c, &a).overall, want);
    }
}

// ---------------------------------------------------------------------------
// Share links

fn content() -> Content {
    Content::default_set().expect("default content")
}

#[test]
fn hostile_share_links_are_refused_with_the_problem() {
    let c = content();
    let n = c.step_count();
    let body = "0".repeat(n);
    let random: String = String::from_utf8_lossy(&(0..=255u8).collect::<Vec<_>>()).into_owned();
    let cases: Vec<(&str, String, &str)> = vec![
        ("empty", String::new(), "share link: no version (expected \"1.…\")"),
        ("no dot", "10000".into(), "share link: no version"),
        ("version not a number", format!("x.{body}"), "share link: version \"x\" is not a number"),
        ("version with a sign", format!("+1.{body}"), "share link: version \"+1\" is not a number"),
        ("version with a space", format!(" 1.{body}"), "share link: version \" 1\" is not a number"),
        ("empty version", format!(".{body}"), "share link: version \"\" is not a number"),
        ("future version", format!("2.{body}"), "share link: version 2 is not supported (this widget reads version 1)"),
        ("version past u32", format!("99999999999.{body}"), "share link: version 99999999999 is not supported"),
        (
            "truncated",
            "1.0110".into(),
            "share link: 4 answers for 19 questions (truncated, or made for another question set)",
        ),
        ("one too many", format!("1.{body}0"), "share link: 20 answers for 19 questions"),
        (
            "tampered character",
            format!("1.{}!{}", &body[..16], &body[17..]),
            "share link: character '!' at position 17 is not an answer",
        ),
        (
            "tampered multibyte character",
            format!("1.あ{}", &body[1..]),
            "share link: character 'あ' at position 1 is not an answer",
        ),
        (
            "answer past the choices",
            format!("1.z{}", &body[1..]),
            "share link: answer 'z' at position 1 does not exist",
        ),
        ("random bytes", random, "share link: version \"\\0\\u{1}"),
        ("4097 bytes", "1.".repeat(2049)[..4097].to_string(), "share link: too long (4097 bytes, at most 4096)"),
        ("1 MB", format!("1.{}", "0".repeat(MB)), "share link: too long (1048578 bytes, at most 4096)"),
        ("4 KB version", format!("{}.{body}", "9".repeat(4000)), "share link: version 9999"),
    ];
    for (name, input, want) in cases {
        let err = timed(name, || share::decode(&c, &input)).expect_err(name).to_string();
        assert!(err.starts_with(want), "{name}: {err:?} should start with {want:?}");
        assert!(err.len() <= MAX_MESSAGE, "{name}: {} bytes of error", err.len());
    }
    // A link the widget wrote is read back, leading zeros in the version or not.
    assert!(share::decode(&c, &format!("01.{body}")).is_ok());
}

// ---------------------------------------------------------------------------
// Stored progress

#[test]
fn hostile_progress_is_refused_with_the_field_and_the_problem() {
    let c = content();
    let n = c.step_count();
    let partly = format!("1.0000{}", "-".repeat(n - 4));
    let full = format!("1.{}", "0".repeat(n));
    let rec = |answers: &str, place: &str| format!(r#"{{"v":1,"answers":"{answers}","place":{place}}}"#);
    let q1 = r#"{"at":"question","step":1}"#;
    let cases: Vec<(&str, String, &str)> = vec![
        ("empty", String::new(), "progress: not JSON (EOF while parsing a value at line 1 column 0)"),
        (
            "random bytes",
            String::from_utf8_lossy(&(0..=255u8).collect::<Vec<_>>()).into_owned(),
            "progress: not JSON (expected value at line 1 column 1)",
        ),
        (
            "truncated",
            rec(&partly, q1)[..30].to_string(),
            "progress: not JSON (EOF while parsing a string at line 1 column 30)",
        ),
        ("an array", "[]".into(), "progress: no version (expected an object with \"v\", found sequence)"),
        ("no version", "{}".into(), "progress: no version"),
        (
            "future version",
            r#"{"v":2,"answers":"2.0","place":{"at":"report"}}"#.into(),
            "progress: version 2 is not supported (this widget reads version 1)",
        ),
        ("version as a string", r#"{"v":"1"}"#.into(), "progress: v: expected a version number, found string \"1\""),
        (
            "fractional version",
            r#"{"v":1.5}"#.into(),
            "progress: v: expected a version number, found floating point `1.5`",
        ),
        (
            "answers as a number",
            r#"{"v":1,"answers":7,"place":{"at":"report"}}"#.into(),
            "progress: answers: invalid type: integer `7`, expected a string",
        ),
        ("answers truncated", rec("1.0000", q1), "progress: answers: 4 answers for 19 questions"),
        (
            "answers of a future version",
            rec(&full.replacen('1', "2", 1), q1),
            "progress: answers: version 2 is not supported",
        ),
        (
            "answers tampered",
            rec(&full.replacen("00", "0?", 1), q1),
            "progress: answers: character '?' at position 2 is not an answer",
        ),
        ("no place", format!(r#"{{"v":1,"answers":"{partly}"}}"#), "progress: missing field `place`"),
        (
            "place of another type",
            rec(&partly, r#"{"at":3}"#),
            "progress: place.at: invalid type: integer `3`, expected `question` or `report`",
        ),
        (
            "unknown place",
            rec(&partly, r#"{"at":"nowhere"}"#),
            "progress: place.at: unknown variant `nowhere`, expected `question` or `report`",
        ),
        (
            "step as a string",
            rec(&partly, r#"{"at":"question","step":"x"}"#),
            "progress: place.step: invalid type: string \"x\", expected usize",
        ),
        (
            "negative step",
            rec(&partly, r#"{"at":"question","step":-1}"#),
            "progress: place.step: invalid value: integer `-1`, expected usize",
        ),
        (
            "step past the end",
            rec(&partly, r#"{"at":"question","step":99}"#),
            "progress: place.step: no question 99 (the set has 19 steps)",
        ),
        ("report too early", rec(&partly, r#"{"at":"report"}"#), "progress: place: report without all answers"),
        (
            "unknown field",
            format!(r#"{{"v":1,"answers":"{partly}","place":{q1},"extra":1}}"#),
            "progress: extra: unknown field `extra`, expected one of `v`, `answers`, `place`",
        ),
        ("5000 nested arrays", nested(5000), "progress: not JSON (recursion limit exceeded at line 1 column 128)"),
        ("1 MB", rec(&"0".repeat(MB), q1), "progress: too long (10486"),
        ("12 KB answers", rec(&"0".repeat(12_000), q1), "progress: answers: too long (12000 bytes, at most 4096)"),
    ];
    for (name, input, want) in cases {
        let err = timed(name, || Progress::decode(&c, &input)).expect_err(name).to_string();
        assert!(err.starts_with(want), "{name}: {err:?} should start with {want:?}");
        assert!(err.len() <= MAX_MESSAGE, "{name}: {} bytes of error", err.len());
    }
    assert_eq!(Progress::decode(&c, &rec(&full, r#"{"at":"report"}"#)).map(|(_, p)| p), Ok(Place::Report));
}

// ---------------------------------------------------------------------------
// The stored outbox

fn outbox_entry() -> Value {
    json!({
        "id": "a", "state": "pending", "created_at_ms": 0, "attempts": 1, "next_at_ms": 0, "last_error": null,
        "request": {"url": "/api/leads", "content_type": "application/json", "headers": [["X-Key", "a"]], "body": "{}", "no_cors": false}
    })
}

#[test]
fn hostile_outboxes_are_discarded_with_the_field_and_the_problem() {
    let with = |f: &dyn Fn(&mut Value)| {
        let mut e = outbox_entry();
        f(&mut e);
        json!({"v": 1, "entries": [e]}).to_string()
    };
    let cases: Vec<(&str, String, &str)> = vec![
        (
            "truncated",
            "{\"v\":1,\"entr".into(),
            "outbox: unreadable (EOF while parsing a string at line 1 column 12); ignored",
        ),
        (
            "null",
            "null".into(),
            "outbox: unreadable (invalid type: null, expected struct Outbox at line 1 column 4); ignored",
        ),
        (
            "future version of another shape",
            r#"{"v":2,"queue":{"a":1}}"#.into(),
            "outbox: unknown version 2 (this widget reads version 1); ignored",
        ),
        (
            "version as a string",
            r#"{"v":"1","entries":[]}"#.into(),
            "outbox: unreadable (v: invalid type: string \"1\", expected u32 at line 1 column 8); ignored",
        ),
        ("no entries", r#"{"v":1}"#.into(), "outbox: unreadable (missing field `entries` at line 1 column 7); ignored"),
        (
            "attempts as a string",
            with(&|e| e["attempts"] = json!("x")),
            "outbox: unreadable (entries[0].attempts: invalid type: string \"x\", expected u32 at line 1 column",
        ),
        (
            "attempts past u32",
            with(&|e| e["attempts"] = json!(1u64 << 40)),
            "outbox: unreadable (entries[0].attempts: invalid value: integer `1099511627776`, expected u32",
        ),
        (
            "unknown state",
            with(&|e| e["state"] = json!("lost")),
            "outbox: unreadable (entries[0].state: unknown variant `lost`, expected one of `pending`, `sent`, `failed`",
        ),
        (
            "sent without a time",
            with(&|e| e["state"] = json!("sent")),
            "outbox: unreadable (entries[0]: missing field `confirmed`",
        ),
        (
            "no request",
            with(&|e| {
                e.as_object_mut().unwrap().remove("request");
            }),
            "outbox: unreadable (entries[0]: missing field `request`",
        ),
        (
            "header of one part",
            with(&|e| e["request"]["headers"][0] = json!(["X-Key"])),
            "outbox: unreadable (entries[0].request.headers[0]: invalid length 1, expected a tuple of size 2",
        ),
        (
            "header value a number",
            with(&|e| e["request"]["headers"][0][1] = json!(1)),
            "outbox: unreadable (entries[0].request.headers[0][1]: invalid type: integer `1`, expected a string",
        ),
        (
            "time out of range",
            with(&|e| e["next_at_ms"] = json!("RAW")).replace("\"RAW\"", "1e400"),
            "outbox: unreadable (number out of range at line 1 column",
        ),
        (
            "1 MB time",
            with(&|e| e["next_at_ms"] = json!("x".repeat(MB))),
            "outbox: unreadable (entries[0].next_at_ms: invalid type: string \"xxx",
        ),
        (
            "100k nested arrays",
            nested(100_000),
            "outbox: unreadable (recursion limit exceeded at line 1 column 128); ignored",
        ),
    ];
    for (name, input, want) in cases {
        let (o, warning) = timed(name, || Outbox::decode(Some(&input)));
        let warning = warning.unwrap_or_else(|| panic!("{name}: no warning"));
        assert!(warning.starts_with(want), "{name}: {warning:?} should start with {want:?}");
        assert!(warning.len() <= MAX_MESSAGE, "{name}: {} bytes of warning", warning.len());
        assert!(o.entries.is_empty(), "{name}");
    }
}

#[test]
fn a_stored_attempt_count_at_its_limit_does_not_overflow() {
    let mut e = outbox_entry();
    e["attempts"] = json!(u32::MAX);
    let (mut o, warning) = Outbox::decode(Some(&json!({"v": 1, "entries": [e]}).to_string()));
    assert_eq!(warning, None);
    o.record("a", &Outcome::Retry("HTTP 503".into()), 0.0, 0.5);
    assert_eq!((o.entries[0].attempts, &o.entries[0].state), (u32::MAX, &EntryState::Pending));
}

// ---------------------------------------------------------------------------
// Config

#[test]
fn hostile_configs_are_refused_with_the_field_and_the_problem() {
    let big = "x".repeat(MB);
    type Case<'a> = (&'a str, Vec<(&'a str, String)>, String, &'a str);
    let cases: Vec<Case> = vec![
        (
            "100k nested arrays",
            vec![],
            nested(100_000),
            "config: not valid JSON: recursion limit exceeded at line 1 column 128",
        ),
        (
            "content nested 100k deep",
            vec![],
            format!(r#"{{"content":{{"a":{}}}}}"#, nested(100_000)),
            "config: not valid JSON: recursion limit exceeded",
        ),
        ("not an object", vec![], "\"quiz\"".into(), "config: expected a JSON object, found a string"),
        (
            "mode of another type",
            vec![],
            r#"{"mode":["quiz"]}"#.into(),
            "config.mode: expected a string, found an array [\"quiz\"]",
        ),
        ("1 MB mode", vec![], format!(r#"{{"mode":"{big}"}}"#), "config.mode: unsupported mode \"xxx"),
        ("1 MB unknown key", vec![], format!(r#"{{"{big}":1}}"#), "config.xxx"),
        ("1 MB mode attribute", vec![("mode", big.clone())], String::new(), "attribute mode: unsupported mode \"xxx"),
        (
            "1 MB theme value",
            vec![],
            format!(r#"{{"theme":{{"accent":"{big}"}}}}"#),
            "config.theme.accent: too long (1048576 bytes, at most 200)",
        ),
        (
            "long harmless theme value",
            vec![("theme-font", "a".repeat(201))],
            String::new(),
            "attribute theme-font: too long (201 bytes, at most 200)",
        ),
        (
            "theme value closing the rule",
            vec![],
            r#"{"theme":{"accent":"red}body{x:y"}}"#.into(),
            "config.theme.accent: unsafe CSS value \"red}body{x:y\"",
        ),
        (
            "consent text missing English",
            vec![],
            r#"{"lead":{"consentText":{"ja":"はい"}}}"#.into(),
            "config.lead.consentText: missing field `en`",
        ),
        (
            "consent text of another type",
            vec![],
            r#"{"lead":{"consentText":{"ja":"はい","en":1}}}"#.into(),
            "config.lead.consentText.en: invalid type: integer `1`, expected a string",
        ),
        (
            "consent text blank",
            vec![],
            r#"{"lead":{"consentText":{"ja":" ","en":"Yes"}}}"#.into(),
            "config.lead.consentText.ja: blank text",
        ),
        (
            "consent text in French",
            vec![],
            r#"{"lead":{"consentText":{"ja":"はい","en":"Yes","fr":"Oui"}}}"#.into(),
            "config.lead.consentText.fr: unknown field `fr`",
        ),
        (
            "portal id a number",
            vec![],
            r#"{"lead":{"hubspot":{"portalId":123,"formId":"f"}}}"#.into(),
            "config.lead.hubspot.portalId: expected a string, found a number 123",
        ),
        (
            "field rule of another type",
            vec![],
            r#"{"lead":{"fields":{"phone":false}}}"#.into(),
            "config.lead.fields.phone: expected a string, found a boolean false",
        ),
        (
            "1 MB endpoint scheme",
            vec![],
            format!(r#"{{"lead":{{"endpoint":"{big}:x"}}}}"#),
            "config.lead.endpoint: only https: or relative URLs are allowed, found \"xxx",
        ),
    ];
    for (name, attrs, json, want) in cases {
        let attrs: b2b_assessment_core::domain::StrMap = attrs.into_iter().map(|(k, v)| (k.to_string(), v)).collect();
        let err = timed(name, || config::parse(&attrs, Some(&json))).expect_err(name).to_string();
        assert!(err.starts_with(want), "{name}: {:?} should start with {want:?}", &err[..err.len().min(300)]);
        assert!(err.len() <= MAX_MESSAGE, "{name}: {} bytes of error", err.len());
    }
}
