//! Lead payloads per destination against fixture files, form validation and
//! the outbox's delivery rules.

use b2b_assessment_core::domain::answers::AnswerSheet;
use b2b_assessment_core::domain::lead::{
    self, Consent, Contact, Destination, Field, FieldRule, FormRules, Problem, Source,
};
use b2b_assessment_core::domain::outbox::{backoff_ms, classify, Entry, EntryState, Outbox, Outcome};
use b2b_assessment_core::domain::{Answers, Content, Locale};
use b2b_assessment_core::json;
use serde_json::Value;

/// A test document as the widget's own JSON value (through its parser).
fn ours(v: &Value) -> json::Value {
    json::from_str(&v.to_string()).expect("the widget reads what serde_json writes")
}
use b2b_assessment_core::domain::StrMap;

/// A CRM field mapping, ours → theirs.
fn map(pairs: &[(&str, &str)]) -> StrMap {
    pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
}

fn fixture(name: &str) -> String {
    std::fs::read_to_string(format!("{}/tests/fixtures/lead/{name}", env!("CARGO_MANIFEST_DIR")))
        .unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// The answers an envelope fixture carries, for `c`.
fn fixture_answers(c: &Content, env: &Value) -> Answers {
    let mut sheet = AnswerSheet::default();
    for (k, v) in env["profile"].as_object().expect("profile") {
        let field = serde_json::from_value(Value::String(k.clone())).expect("field");
        sheet.profile.insert(field, v.as_str().expect("str").to_string());
    }
    for (k, v) in env["answers"].as_object().expect("answers") {
        sheet.checks.insert(k.clone(), v.as_str().expect("str").to_string());
    }
    Answers::from_sheet(c, &sheet).expect("sheet")
}

/// The envelope fixture's inputs, rebuilt through the widget's own code.
fn built_envelope() -> (Content, Value) {
    let c = Content::default_set().expect("content");
    let expected: Value = serde_json::from_str(&fixture("envelope-v3.json")).expect("fixture");
    let answers = fixture_answers(&c, &expected);
    let contact: Contact = serde_json::from_value(expected["contact"].clone()).expect("contact");
    let consent: Consent = serde_json::from_value(expected["consent"].clone()).expect("consent");
    let page_url = expected["source"]["page_url"].as_str().expect("url").to_string();
    let source = Source {
        utm: Source::utm_from_query(page_url.split_once('?').map(|x| x.1).unwrap_or("")),
        page_url,
        referrer: expected["source"]["referrer"].as_str().expect("ref").to_string(),
        mode: "lead".into(),
        lang: "ja".into(),
    };
    let env = lead::envelope(
        &c,
        &answers,
        &contact,
        &consent,
        &source,
        expected["id"].as_str().unwrap(),
        expected["created_at"].as_str().unwrap(),
        "",
    );
    let env: Value = serde_json::from_str(&env.to_string()).expect("the widget writes JSON serde_json reads");
    assert_eq!(env, expected, "the envelope matches tests/fixtures/lead/envelope-v3.json");
    (c, env)
}

#[test]
fn envelope_matches_the_documented_fixture() {
    let (_, env) = built_envelope();
    assert_eq!(env["scores"]["overall"], 49);
    assert_eq!(env["schema_version"], lead::SCHEMA_VERSION);
    assert_eq!(env.get("test"), None, "a real lead has no test member");
    assert!(!lead::is_test(&ours(&env)));
}

/// Each version only adds: the same lead as version 2 wrote it differs from
/// version 3's in the version number alone (`test` is only on test leads).
#[test]
fn version_3_only_adds_to_version_2() {
    let (_, v3) = built_envelope();
    let mut v2: Value = serde_json::from_str(&fixture("envelope-v2.json")).expect("v2 fixture");
    assert_eq!(v2["schema_version"], 2);
    v2["schema_version"] = v3["schema_version"].clone();
    assert_eq!(v2, v3);
    assert_eq!(lead::SCHEMA_VERSIONS, [1, 2, 3]);
    assert_eq!(lead::SCHEMA_VERSIONS.last(), Some(&lead::SCHEMA_VERSION));
}

/// The Builder's test lead (tests/fixtures/lead/envelope-v3-test.json): the
/// fixture's answers from a fake contact, marked `"test": true`, its summary
/// behind 【テスト】; in English too.
#[test]
fn a_test_lead_is_marked_as_one() {
    let c = Content::default_set().expect("content");
    let expected: Value = serde_json::from_str(&fixture("envelope-v3-test.json")).expect("fixture");
    let answers = fixture_answers(&c, &expected);
    let build = |locale, page_url: &str| {
        let env = lead::test_envelope(
            &c,
            &answers,
            locale,
            page_url,
            "5e1ec7ed0b0e4a7d9c3f2a1b0c9d8e7f",
            "2026-11-24T02:00:00.000Z",
        );
        assert!(lead::is_test(&env));
        serde_json::from_str::<Value>(&env.to_string()).expect("the widget writes JSON serde_json reads")
    };
    // The fragment is not part of where the lead came from.
    let env = build(Locale::Ja, "https://www.example.co.jp/b2b-assessment/builder/#checks");
    assert_eq!(env, expected, "the test lead matches tests/fixtures/lead/envelope-v3-test.json");
    assert_eq!(env["test"], true);
    assert_eq!(env["schema_version"], lead::SCHEMA_VERSION);

    let en = build(Locale::En, "http://127.0.0.1:8080/builder/?utm_source=x");
    assert_eq!(
        (&en["contact"]["name"], &en["contact"]["company"], &en["contact"]["email"]),
        (&Value::from("Test Lead"), &Value::from("(test lead) Assessment Builder"), &Value::from(lead::TEST_EMAIL))
    );
    assert!(en["summary"].as_str().expect("summary").starts_with("[TEST] Score 49/100 (Level 2"), "{}", en["summary"]);
    assert_eq!(en["consent"]["text"], "I agree to share these details and my results with the owner of this site.");
    assert_eq!(en["source"]["utm"]["source"], "x");
    assert_eq!((&en["source"]["mode"], &en["source"]["lang"]), (&Value::from("builder"), &Value::from("en")));
    assert_eq!(en["test"], true);

    // The contact passes the form's own checks, as a visitor's would.
    let contact: Contact = serde_json::from_value(en["contact"].clone()).expect("contact");
    assert!(contact.validate(&FormRules::default()).is_empty());

    // A CRM can filter on it: `test` is mappable, right after the id, and
    // only on a test lead.
    let keys: Vec<String> = lead::mappable(&ours(&env)).into_iter().map(|(k, _)| k).collect();
    assert_eq!(keys[..3], ["lead_id", "test", "created_at"]);
    let values = lead::mappable(&ours(&env));
    assert_eq!(values[1], ("test".to_string(), "true".to_string()));
    // (The fixture lead's page has UTM parameters; the Builder's has none.)
    let mut real = fixture_keys();
    real.retain(|k| !k.starts_with("utm_"));
    let mut without: Vec<String> = keys.clone();
    without.retain(|k| k != "test");
    assert_eq!(without, real, "otherwise the same keys as a real lead");
}

/// The summary of a test lead stays within the receiver's limit, however
/// long the content's action titles are.
#[test]
fn a_test_leads_summary_fits() {
    let mut c = Content::default_set().expect("content");
    for check in &mut c.checks {
        check.action.title.ja = "長".repeat(600);
    }
    let answers = fixture_answers(&c, &serde_json::from_str(&fixture("envelope-v3.json")).expect("fixture"));
    let env = lead::test_envelope(&c, &answers, Locale::Ja, "/builder/", "5e1ec7ed0b0e4a7d9c3f2a1b0c9d8e7f", "t");
    let summary = env["summary"].as_str().expect("summary");
    assert!(summary.starts_with("【テスト】スコア "), "{summary}");
    assert_eq!(summary.chars().count(), lead::MAX_SUMMARY);
    assert!(summary.ends_with('…'));
}

#[test]
fn webhook_request() {
    let (_, env) = built_envelope();
    let r = lead::request(&Destination::Webhook { url: "/api/leads".into() }, &ours(&env), None);
    assert_eq!(r.url, "/api/leads");
    assert_eq!(r.content_type, "application/json");
    assert_eq!(r.headers, vec![("Idempotency-Key".to_string(), env["id"].as_str().unwrap().to_string())]);
    assert_eq!(serde_json::from_str::<Value>(&r.body).unwrap(), env);
    assert!(!r.no_cors);
}

#[test]
fn hubspot_request_matches_fixture() {
    let (_, env) = built_envelope();
    let dest = Destination::HubSpot {
        portal_id: "1234567".into(),
        form_id: "a1b2c3d4-0000-4000-8000-000000000000".into(),
        fields: map(&[
            ("score", "b2b_assessment_score"),
            ("level_label", "b2b_assessment_level"),
            ("summary", "b2b_assessment_summary"),
            ("top_action_1", "b2b_assessment_first_action"),
            ("department", "b2b_department"),
            ("answer_shared_kpis_label", "b2b_shared_kpis"),
            ("revenue_label", "b2b_revenue_band"),
        ]),
    };
    let r = lead::request(&dest, &ours(&env), Some("hubspotutk-value"));
    let want: Value = serde_json::from_str(&fixture("hubspot-request.json")).expect("fixture");
    assert_eq!(r.url, want["url"]);
    assert_eq!(serde_json::from_str::<Value>(&r.body).unwrap(), want["body"]);
    assert!(!r.no_cors);
    // Without consent HubSpot's cookie is never sent.
    let mut no_consent = env.clone();
    no_consent["consent"]["given"] = Value::Bool(false);
    assert!(!lead::request(&dest, &ours(&no_consent), Some("hubspotutk-value")).body.contains("hutk"));
}

#[test]
fn salesforce_request_matches_fixture() {
    let (_, env) = built_envelope();
    let dest = Destination::Salesforce {
        oid: "00D000000000001".into(),
        fields: map(&[
            ("score", "00N000000000001"),
            ("level_label", "00N000000000002"),
            ("department", "00N000000000003"),
            ("summary", "description"),
        ]),
        url: lead::SALESFORCE_URL.into(),
    };
    let r = lead::request(&dest, &ours(&env), None);
    assert_eq!(r.url, lead::SALESFORCE_URL);
    assert_eq!(r.content_type, "application/x-www-form-urlencoded");
    assert_eq!(r.body, fixture("salesforce-request.txt").trim_end());
    assert!(r.no_cors, "Web-to-Lead is sent no-cors: its response cannot be read");
}

#[test]
fn contact_validation() {
    let rules = FormRules::default();
    let ok = Contact {
        family_name: "山田".into(),
        given_name: "太郎".into(),
        company: "サンプル".into(),
        email: "taro@example.co.jp".into(),
        ..Default::default()
    };
    assert!(ok.validate(&rules).is_empty());
    // (what to do to a valid contact, the problems it must then have)
    type Case = (fn(&mut Contact), Vec<(Field, Problem)>);
    let cases: Vec<Case> = vec![
        (|c| c.email = "taro@example".into(), vec![(Field::Email, Problem::NotAnEmail)]),
        (|c| c.email = "taro example.com".into(), vec![(Field::Email, Problem::NotAnEmail)]),
        (|c| c.email = String::new(), vec![(Field::Email, Problem::Missing)]),
        (|c| c.family_name = String::new(), vec![(Field::FamilyName, Problem::Missing)]),
        (|c| c.given_name = " ".into(), vec![(Field::GivenName, Problem::Missing)]),
        (|c| c.department = "x".repeat(201), vec![(Field::Department, Problem::TooLong)]),
        (|c| c.phone = "call me".into(), vec![(Field::Phone, Problem::NotAPhone)]),
        (|c| c.phone = "+81 3-1234-5678".into(), vec![]),
        (|c| c.company = "x".repeat(201), vec![(Field::Company, Problem::TooLong)]),
        (|c| c.job_title = "a\u{0}b".into(), vec![(Field::JobTitle, Problem::Invalid)]),
    ];
    for (mutate, want) in cases {
        let mut c = ok.clone();
        mutate(&mut c);
        assert_eq!(c.validate(&rules), want, "{c:?}");
    }
    let mut relaxed = FormRules::default();
    relaxed.set(Field::FamilyName, FieldRule::Hidden);
    relaxed.set(Field::Email, FieldRule::Hidden);
    let c = Contact { family_name: String::new(), ..ok };
    assert!(c.validate(&relaxed).is_empty(), "hidden name is not checked");
    assert_eq!(relaxed.rule(Field::Email), FieldRule::Required, "e-mail cannot be hidden");
}

#[test]
fn utm_parameters_from_the_query() {
    let utm = Source::utm_from_query(
        "?utm_source=news%20letter&x=1&utm_campaign=%E7%A7%8B&utm_=bad&utm_medium=a+b&utm_term=%zz",
    );
    assert_eq!(utm.get("source").map(String::as_str), Some("news letter"));
    assert_eq!(utm.get("campaign").map(String::as_str), Some("秋"));
    assert_eq!(utm.get("medium").map(String::as_str), Some("a b"));
    assert_eq!(utm.get("term").map(String::as_str), Some("%zz"));
    assert_eq!(utm.len(), 4);
}

#[test]
fn responses_are_classified() {
    let cases = [
        (None, false, "retry"),
        (Some(200), false, "sent"),
        (Some(201), false, "sent"),
        (Some(0), true, "unconfirmed"),
        (Some(408), false, "retry"),
        (Some(425), false, "retry"),
        (Some(429), false, "retry"),
        (Some(500), false, "retry"),
        (Some(503), false, "retry"),
        (Some(400), false, "terminal"),
        (Some(404), false, "terminal"),
        (Some(405), false, "terminal"),
        (Some(413), false, "terminal"),
    ];
    for (status, no_cors, want) in cases {
        let got = match classify(status, no_cors) {
            Outcome::Delivered { confirmed: true } => "sent",
            Outcome::Delivered { confirmed: false } => "unconfirmed",
            Outcome::Retry(_) => "retry",
            Outcome::Terminal(_) => "terminal",
        };
        assert_eq!(got, want, "{status:?}");
    }
}

#[test]
fn backoff_doubles_with_jitter_and_a_cap() {
    assert_eq!(backoff_ms(1, 1.0), 1_000);
    assert_eq!(backoff_ms(2, 1.0), 2_000);
    assert_eq!(backoff_ms(3, 1.0), 4_000);
    assert_eq!(backoff_ms(3, 0.0), 2_000);
    assert_eq!(backoff_ms(6, 1.0), 30_000, "capped");
    assert_eq!(backoff_ms(60, 1.0), 30_000, "no overflow");
}

fn entry(id: &str) -> Entry {
    Entry {
        id: id.into(),
        request: lead::request(
            &Destination::Webhook { url: "/api/leads".into() },
            &ours(&serde_json::json!({"id": id})),
            None,
        ),
        created_at_ms: 0.0,
        attempts: 0,
        next_at_ms: 0.0,
        state: EntryState::Pending,
        last_error: None,
    }
}

#[test]
fn outbox_lifecycle_and_storage() {
    // The undecoded check the builds without a sender use agrees at every step.
    let agrees =
        |o: &Outbox| assert_eq!(Outbox::may_have_pending(&o.encode()), o.next_wake().is_some(), "{}", o.encode());
    let mut o = Outbox::decode(None).0;
    agrees(&o);
    o.push(entry("a"));
    o.push(entry("a"));
    o.push(entry("b"));
    agrees(&o);
    assert_eq!(o.entries.len(), 2, "the same id is queued once");
    assert_eq!(o.due(0.0).map(|e| e.id.as_str()), Some("a"));
    o.record("a", &Outcome::Retry("HTTP 503".into()), 1_000.0, 1.0);
    assert_eq!(o.due(1_500.0).map(|e| e.id.as_str()), Some("b"), "a waits for its back-off");
    assert_eq!(o.next_wake(), Some(0.0));
    o.record("b", &Outcome::Terminal("HTTP 400".into()), 1_000.0, 1.0);
    agrees(&o);
    assert_eq!(o.next_wake(), Some(2_000.0));
    assert_eq!(o.due(2_000.0).map(|e| e.id.as_str()), Some("a"));
    o.record("a", &Outcome::Delivered { confirmed: true }, 2_000.0, 1.0);
    agrees(&o);
    assert_eq!(o.next_wake(), None);
    // Round trip through storage.
    let (back, warn) = Outbox::decode(Some(&o.encode()));
    assert_eq!((back, warn), (o.clone(), None));
    // Failed entries stay for inspection; sent ones go after a day.
    o.prune(2_000.0 + 25.0 * 3600.0 * 1000.0);
    assert_eq!(o.entries.iter().map(|e| e.id.as_str()).collect::<Vec<_>>(), ["b"]);
}

#[test]
fn corrupt_or_foreign_storage_is_discarded_with_a_warning() {
    for bad in ["{", "[]", "null", "{\"v\":2,\"entries\":[]}", "{\"v\":1,\"entries\":[{\"id\":1}]}", "\u{0}"] {
        let (o, warn) = Outbox::decode(Some(bad));
        assert!(o.entries.is_empty(), "{bad}");
        assert!(warn.is_some_and(|w| w.starts_with("outbox:")), "{bad}");
    }
}

/// Issue 18, defect C: the outbox is read back from storage, which any script
/// of the site can edit; an entry whose URL the config would refuse is not
/// sent, and the warning names it. The others stay.
#[test]
fn stored_entries_with_a_refused_url_are_dropped_with_a_warning() {
    let refused = [
        "//other.example/x",
        "http://other.example/x",
        "HTTP://other.example/x",
        "\\\\other.example/x",
        "/\\other.example/x",
        "/\t/other.example/x",
        "javascript:alert(1)",
        "data:text/plain,x",
        " ",
    ];
    for url in refused {
        let mut o = Outbox::decode(None).0;
        o.push(entry("kept"));
        let mut bad = entry("tampered");
        bad.request.url = url.into();
        o.push(bad);
        o.push(entry("kept-too"));
        let (read, warning) = Outbox::decode(Some(&o.encode()));
        let ids: Vec<&str> = read.entries.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(ids, ["kept", "kept-too"], "{url:?}");
        let w = warning.unwrap_or_else(|| panic!("no warning for {url:?}"));
        assert!(w.starts_with("outbox: not sending tampered (") && w.contains(&format!("{url:?}")), "{w}");
    }
    for url in ["/api/leads", "https://hooks.example.com/b2b", "leads", "?x=1"] {
        let mut o = Outbox::decode(None).0;
        let mut e = entry("a");
        e.request.url = url.into();
        o.push(e);
        assert_eq!(Outbox::decode(Some(&o.encode())), (o, None), "{url:?} is allowed");
    }
}

/// The whole name in the visitor's order, the form's order, and a site that
/// maps a standard CRM field itself overriding the default.
#[test]
fn names_are_split_and_joined_by_language() {
    let c = Contact { family_name: "山田".into(), given_name: "太郎".into(), ..Default::default() };
    assert_eq!(c.full_name(Locale::Ja), "山田 太郎");
    assert_eq!(c.full_name(Locale::En), "太郎 山田");
    let only = Contact { family_name: "Yamada".into(), ..Default::default() };
    assert_eq!((only.full_name(Locale::Ja), only.full_name(Locale::En)), ("Yamada".into(), "Yamada".into()));
    assert_eq!(Field::form_order(Locale::Ja)[..2], [Field::FamilyName, Field::GivenName]);
    assert_eq!(Field::form_order(Locale::En)[..2], [Field::GivenName, Field::FamilyName]);

    let (_, env) = built_envelope();
    let dest =
        Destination::HubSpot { portal_id: "1".into(), form_id: "f".into(), fields: map(&[("name", "lastname")]) };
    let body: Value = serde_json::from_str(&lead::request(&dest, &ours(&env), None).body).expect("json");
    let lastnames: Vec<&Value> =
        body["fields"].as_array().expect("fields").iter().filter(|f| f["name"] == "lastname").collect();
    assert_eq!(lastnames.len(), 1, "one lastname: the site's mapping replaces the default");
    assert_eq!(lastnames[0]["value"], "山田 太郎");
}

/// Every key a CRM mapping may name, for the fixture lead, in order; the
/// same list is docs/leads.md's table (checked there by the test below).
fn fixture_keys() -> Vec<String> {
    let (_, env) = built_envelope();
    lead::mappable(&ours(&env)).into_iter().map(|(k, _)| k).collect()
}

#[test]
fn mappable_values_carry_labels_summary_and_top_actions() {
    let (_, env) = built_envelope();
    let values = lead::mappable(&ours(&env));
    let get = |k: &str| values.iter().find(|(key, _)| key == k).map(|(_, v)| v.as_str()).unwrap_or("<absent>");
    assert_eq!(get("name"), "山田 太郎");
    assert_eq!((get("family_name"), get("given_name"), get("department")), ("山田", "太郎", "マーケティング部"));
    assert_eq!((get("level"), get("level_label")), ("foundations", "レベル2 基盤づくり期"));
    assert_eq!((get("revenue"), get("revenue_label")), ("up_to_30b", "300億円以下"));
    assert_eq!((get("answer_shared_kpis"), get("answer_shared_kpis_label")), ("no", "まだできていない"));
    assert_eq!(get("top_action_1"), "営業と共通のKPIを持つ");
    assert_eq!(get("top_action_3"), "リード情報を一か所で管理し、営業と共有する");
    assert!(get("summary").starts_with("スコア 49/100（レベル2 基盤づくり期）｜優先課題: 営業と共通のKPIを持つ／"));
    assert_eq!(get("score_sales_alignment"), "56");
    assert_eq!(get("utm_source"), "newsletter");
    let keys = fixture_keys();
    let mut unique = keys.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), keys.len(), "no key twice");

    // A version 1 envelope (no labels, one name): the same keys, empty where it has nothing.
    let v1: Value = serde_json::from_str(&fixture("envelope-v1.json")).expect("v1 fixture");
    let old = lead::mappable(&ours(&v1));
    assert_eq!(old.iter().map(|(k, _)| k.clone()).collect::<Vec<_>>(), keys, "the same columns");
    let get = |k: &str| old.iter().find(|(key, _)| key == k).map(|(_, v)| v.as_str()).unwrap_or("<absent>");
    assert_eq!((get("name"), get("family_name"), get("level_label")), ("山田 太郎", "", ""));
}

/// docs/leads.md lists every mappable key (no "…"): its table's first
/// column, for the default content, is exactly what `mappable` gives.
#[test]
fn the_docs_list_every_mappable_key() {
    let docs = std::fs::read_to_string(format!("{}/../docs/leads.md", env!("CARGO_MANIFEST_DIR"))).expect("docs");
    let section = docs.split("<!-- mappable keys -->").nth(1).expect("a <!-- mappable keys --> section");
    let listed: Vec<String> = section
        .lines()
        .take_while(|l| !l.contains("<!-- end mappable keys -->"))
        .filter_map(|l| l.strip_prefix("| `"))
        .flat_map(|l| l.split('|').next().unwrap_or("").split(',').map(|k| k.trim().trim_matches('`').to_string()))
        .filter(|k| !k.is_empty())
        .collect();
    let mut want = fixture_keys();
    // UTM parameters depend on the page's address: the docs name the pattern.
    want.retain(|k| !k.starts_with("utm_"));
    want.push("utm_<name>".into());
    assert_eq!(listed, want, "docs/leads.md's mappable keys, in order");
}

/// The labels, summary and top actions are in the visitor's language.
#[test]
fn an_english_lead_reads_in_english() {
    let (c, env) = built_envelope();
    let sheet = {
        let mut s = AnswerSheet::default();
        for (k, v) in env["profile"].as_object().expect("profile") {
            s.profile
                .insert(serde_json::from_value(Value::String(k.clone())).expect("field"), v.as_str().unwrap().into());
        }
        for (k, v) in env["answers"].as_object().expect("answers") {
            s.checks.insert(k.clone(), v.as_str().unwrap().into());
        }
        s
    };
    let answers = Answers::from_sheet(&c, &sheet).expect("sheet");
    let contact = Contact { family_name: "Yamada".into(), given_name: "Taro".into(), ..Default::default() };
    let consent =
        Consent { given: true, text: "I agree".into(), privacy_url: String::new(), at: "t".into(), purposes: vec![] };
    let source = Source { lang: "en".into(), ..Default::default() };
    let env: Value =
        serde_json::from_str(&lead::envelope(&c, &answers, &contact, &consent, &source, "id", "now", "").to_string())
            .expect("json");
    assert_eq!(env["contact"]["name"], "Taro Yamada");
    assert_eq!(env["scores"]["level_label"], "Level 2: Building foundations");
    assert_eq!(env["answer_labels"]["shared_kpis"], "Not yet");
    assert_eq!(
        env["summary"],
        "Score 49/100 (Level 2: Building foundations) | Priorities: Share KPIs with sales; \
         Make the lead hand-off a standard flow; Keep lead information in one place shared with sales"
    );
}
