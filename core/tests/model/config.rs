//! Configuration parsing: attributes and JSON, with errors naming the field.

use b2b_assessment_core::config::{self, parse, safe_url, Mode};
use b2b_assessment_core::domain::lead::{Field, FieldRule};
use b2b_assessment_core::domain::Locale;
use b2b_assessment_core::domain::StrMap;

fn attrs(pairs: &[(&str, &str)]) -> StrMap {
    pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
}

#[test]
fn valid_configurations() {
    let c = parse(&attrs(&[]), None).expect("empty");
    assert_eq!((c.mode, c.locale, c.data_layer), (Mode::Page, None, true));

    let c = parse(
        &attrs(&[
            ("mode", "quiz"),
            ("lang", "en-US"),
            ("cta-url", "../index.html"),
            ("theme-accent", "#7a1fa2"),
            ("id", "x"),
        ]),
        None,
    )
    .expect("attrs");
    assert_eq!((c.mode, c.locale, c.cta_url.as_deref()), (Mode::Quiz, Some(Locale::En), Some("../index.html")));
    assert_eq!(c.theme.get("accent").map(String::as_str), Some("#7a1fa2"));

    let json = r#"{"mode":"lead","lang":"ja","cta":{"url":"https://example.com/report"},"theme":{"radius":"4px"},"dataLayer":false}"#;
    let c = parse(&attrs(&[]), Some(json)).expect("json");
    assert_eq!((c.mode, c.locale, c.data_layer), (Mode::Lead, Some(Locale::Ja), false));
    assert_eq!(c.cta_url.as_deref(), Some("https://example.com/report"));

    // The attribute is more specific than the JSON document.
    let c = parse(&attrs(&[("mode", "quiz")]), Some(r#"{"mode":"page"}"#)).expect("both");
    assert_eq!(c.mode, Mode::Quiz);
}

#[test]
fn invalid_configurations_name_the_field_and_value() {
    // (attributes, JSON document, expected error)
    type Case<'a> = (Vec<(&'a str, &'a str)>, Option<&'a str>, &'a str);
    let cases: Vec<Case> = vec![
        (vec![("mode", "quizz")], None, "attribute mode: unsupported mode \"quizz\""),
        (vec![("lang", "fr")], None, "attribute lang: unsupported language \"fr\""),
        (vec![], Some(r#"{"mode":"quiz","lang":42}"#), "config.lang: expected a string, found a number 42"),
        (vec![], Some(r#"{"colour":"red"}"#), "config.colour: unknown field"),
        (vec![], Some("[1,2]"), "config: expected a JSON object, found an array"),
        (vec![], Some("{ nope"), "config: not valid JSON"),
        (vec![("cta-url", "javascript:alert(1)")], None, "attribute cta-url: only https: or relative URLs"),
        (vec![], Some(r#"{"cta":{"url":"data:text/html,x"}}"#), "config.cta.url: only https: or relative URLs"),
        (vec![("theme-accent", "red; background: url(x)")], None, "attribute theme-accent: unsafe CSS value"),
        (vec![], Some(r#"{"theme":{"shadow":"none"}}"#), "config.theme.shadow: unknown theme key \"shadow\""),
        (vec![("data-layer", "maybe")], None, "attribute data-layer: expected \"true\" or \"false\""),
    ];
    for (a, json, want) in cases {
        let err = parse(&attrs(&a), json).expect_err(want).to_string();
        assert!(err.starts_with(want), "{err:?} should start with {want:?}");
    }
}

#[test]
fn only_https_and_relative_urls_pass() {
    for ok in ["https://example.com/a?b#c", "/report", "../index.html", "report.html#x", "?q=1", "HTTPS://EXAMPLE.COM"]
    {
        assert!(safe_url("f", ok).is_ok(), "{ok}");
    }
    for bad in [
        "javascript:alert(1)",
        " JavaScript:alert(1)",
        "http://example.com",
        "//evil.example",
        "data:text/html,x",
        "vbscript:x",
        "",
        "java\tscript:x",
        "mailto:a@b",
    ] {
        assert!(safe_url("f", bad).is_err(), "{bad:?}");
    }
}

#[test]
fn lead_settings() {
    use b2b_assessment_core::config::Gate;
    use b2b_assessment_core::domain::lead::{Destination, Field, FieldRule};
    let c = parse(&attrs(&[("mode", "lead")]), None).expect("lead mode");
    assert_eq!(c.gate(), Gate::Before, "lead mode gates by default");
    assert_eq!(c.lead.destination, Destination::Webhook { url: "/api/leads".into() });
    assert_eq!(parse(&attrs(&[]), None).unwrap().gate(), Gate::None, "page mode has no form by default");

    let json = r#"{"lead":{"gate":"soft","hubspot":{"portalId":"123","formId":"abc","fields":{"score":"b2b_score"}},
        "fields":{"phone":"hidden","job_title":"required"},"consentText":{"ja":"同意します","en":"I agree"},
        "privacyUrl":"/privacy","recipient":"株式会社サンプル"}}"#;
    let c = parse(&attrs(&[]), Some(json)).expect("lead json");
    assert_eq!(c.gate(), Gate::Soft);
    assert!(
        matches!(&c.lead.destination, Destination::HubSpot { portal_id, form_id, fields } if portal_id == "123" && form_id == "abc" && fields.len() == 1)
    );
    assert_eq!(c.lead.rules.rule(Field::Phone), FieldRule::Hidden);
    assert_eq!(c.lead.rules.rule(Field::JobTitle), FieldRule::Required);
    assert_eq!(c.lead.consent_text.as_ref().map(|t| t.en.as_str()), Some("I agree"));
    assert_eq!(c.lead.privacy_url.as_deref(), Some("/privacy"));

    let c = parse(
        &attrs(&[("lead-gate", "after"), ("lead-endpoint", "https://hooks.example.com/x")]),
        Some(r#"{"lead":{"salesforce":{"oid":"00D1"}}}"#),
    )
    .expect("attrs win");
    assert_eq!(c.gate(), Gate::After);
    assert_eq!(
        c.lead.destination,
        Destination::Webhook { url: "https://hooks.example.com/x".into() },
        "attributes are applied after the JSON"
    );
}

#[test]
fn lead_settings_errors_name_the_field() {
    let cases = [
        (r#"{"lead":{"gate":"sometimes"}}"#, "config.lead.gate: unsupported gate \"sometimes\""),
        (r#"{"lead":{"endpoint":"http://crm.example.com"}}"#, "config.lead.endpoint: only https: or relative URLs"),
        (r#"{"lead":{"hubspot":{"formId":"abc"}}}"#, "config.lead.hubspot.portalId: missing"),
        (r#"{"lead":{"hubspot":{"portalId":"12x","formId":"abc"}}}"#, "config.lead.hubspot.portalId: expected digits"),
        (r#"{"lead":{"salesforce":{"fields":{}}}}"#, "config.lead.salesforce.oid: missing"),
        (r#"{"lead":{"fields":{"email":"optional"}}}"#, "config.lead.fields.email: the work e-mail is always required"),
        (
            r#"{"lead":{"fields":{"fax":"required"}}}"#,
            "config.lead.fields.fax: unknown field (expected family_name, given_name, company, department, email, \
             job_title or phone)",
        ),
        (r#"{"lead":{"fields":{"department":"maybe"}}}"#, "config.lead.fields.department: expected \"hidden\""),
        (r#"{"lead":{"purposes":"to call you"}}"#, "config.lead.purposes: expected a list of purposes"),
        (r#"{"lead":{"purposes":[]}}"#, "config.lead.purposes: expected 1 to 5 purposes, found 0"),
        (r#"{"lead":{"purposes":["ok", " "]}}"#, "config.lead.purposes[1]: expected a text"),
        (r#"{"lead":{"purposes":[{"ja":"ご連絡"}]}}"#, "config.lead.purposes[0]: missing field `en`"),
        (r#"{"lead":{"purposes":[{"ja":"ご連絡","en":" "}]}}"#, "config.lead.purposes[0].en: blank text"),
        (r#"{"lead":{"privacyUrl":"javascript:x"}}"#, "config.lead.privacyUrl: only https: or relative URLs"),
        (r#"{"lead":{"consentText":{"ja":"はい"}}}"#, "config.lead.consentText: missing field `en`"),
        (r#"{"lead":[]}"#, "config.lead: expected an object"),
    ];
    for (json, want) in cases {
        let err = parse(&attrs(&[]), Some(json)).expect_err(want).to_string();
        assert!(err.starts_with(want), "{err:?} should start with {want:?}");
    }
}

/// What a lead carries must fit the receiver's limits (`domain::lead`), or
/// every lead would be refused at the other end: the config says so at once.
#[test]
fn lead_texts_longer_than_a_lead_carries_are_refused() {
    use b2b_assessment_core::domain::lead::{MAX_CONSENT_TEXT, MAX_URL};
    let text = |n: usize| "同".repeat(n);
    let url = |n: usize| format!("/{}", "p".repeat(n - 1));
    let at_limit = [
        format!(r#"{{"lead":{{"consentText":"{}"}}}}"#, text(MAX_CONSENT_TEXT)),
        format!(r#"{{"lead":{{"consentText":{{"ja":"{}","en":"ok"}}}}}}"#, text(MAX_CONSENT_TEXT)),
        format!(r#"{{"lead":{{"privacyUrl":"{}"}}}}"#, url(MAX_URL)),
    ];
    for json in &at_limit {
        assert!(parse(&attrs(&[]), Some(json)).is_ok(), "{}", &json[..60]);
    }
    let over = [
        (
            format!(r#"{{"lead":{{"consentText":"{}"}}}}"#, text(MAX_CONSENT_TEXT + 1)),
            "config.lead.consentText: 5001 characters; a lead carries at most 5000",
        ),
        (
            format!(r#"{{"lead":{{"consentText":{{"ja":"ok","en":"{}"}}}}}}"#, text(MAX_CONSENT_TEXT + 1)),
            "config.lead.consentText.en: 5001 characters; a lead carries at most 5000",
        ),
        (
            format!(r#"{{"lead":{{"privacyUrl":"{}"}}}}"#, url(MAX_URL + 1)),
            "config.lead.privacyUrl: 2001 characters; a lead carries at most 2000",
        ),
    ];
    for (json, want) in &over {
        let err = parse(&attrs(&[]), Some(json)).expect_err(want).to_string();
        assert_eq!(&err, want);
    }
    let err = parse(&attrs(&[("privacy-url", &url(MAX_URL + 1))]), None).expect_err("attribute").to_string();
    assert_eq!(err, "attribute privacy-url: 2001 characters; a lead carries at most 2000");
}

/// The name is two fields now; a config written for the one `name` field
/// still sets both. Department is optional unless the site says otherwise.
#[test]
fn name_and_department_rules() {
    let c = parse(&attrs(&[]), Some(r#"{"lead":{}}"#)).expect("defaults");
    let rule = |c: &config::Config, f| c.lead.rules.rule(f);
    assert_eq!(rule(&c, Field::FamilyName), FieldRule::Required);
    assert_eq!(rule(&c, Field::GivenName), FieldRule::Required);
    assert_eq!(rule(&c, Field::Department), FieldRule::Optional);
    let c = parse(&attrs(&[]), Some(r#"{"lead":{"fields":{"name":"optional","department":"hidden"}}}"#)).expect("ok");
    assert_eq!((rule(&c, Field::FamilyName), rule(&c, Field::GivenName)), (FieldRule::Optional, FieldRule::Optional));
    assert_eq!(rule(&c, Field::Department), FieldRule::Hidden);
    let c = parse(&attrs(&[]), Some(r#"{"lead":{"fields":{"given_name":"hidden"}}}"#)).expect("ok");
    assert_eq!((rule(&c, Field::FamilyName), rule(&c, Field::GivenName)), (FieldRule::Required, FieldRule::Hidden));
}

/// The notice's purposes are the site's; without them, one that says only
/// what the widget does (no "related services", no report by e-mail).
#[test]
fn transmission_purposes_come_from_the_config() {
    let c = parse(&attrs(&[]), None).expect("defaults");
    assert_eq!(c.lead.purposes(Locale::Ja), vec!["この診断の結果について、送信先から貴社へご連絡するため".to_string()]);
    assert_eq!(
        c.lead.purposes(Locale::En),
        vec!["So that the recipient can contact you about these results".to_string()]
    );
    let c = parse(
        &attrs(&[]),
        Some(r#"{"lead":{"purposes":[{"ja":"診断結果のご説明","en":"To explain your results"},"セミナーのご案内"]}}"#),
    )
    .expect("purposes");
    assert_eq!(c.lead.purposes(Locale::Ja), vec!["診断結果のご説明".to_string(), "セミナーのご案内".to_string()]);
    assert_eq!(
        c.lead.purposes(Locale::En),
        vec!["To explain your results".to_string(), "セミナーのご案内".to_string()]
    );
    let long = format!(r#"{{"lead":{{"purposes":["{}"]}}}}"#, "目".repeat(201));
    let err = parse(&attrs(&[]), Some(&long)).expect_err("too long").to_string();
    assert_eq!(err, "config.lead.purposes[0]: 201 characters; a lead carries at most 200");
}

/// The quiz build's reader of attributes alone gives what the full reader
/// gives for the same attributes and no JSON: the same config, or the same error.
#[test]
fn attributes_alone_read_as_the_full_reader_reads_them() {
    let rows: [&[(&str, &str)]; 8] = [
        &[],
        &[("mode", "quiz"), ("lang", "en"), ("cta-url", "/report")],
        &[("theme-accent", "#7a1fa2"), ("theme-radius", "4px"), ("data-layer", "false")],
        &[("lang", "fr")],
        &[("mode", "quizz")],
        &[("theme-colour", "red")],
        &[("cta-url", "javascript:alert(1)")],
        &[("lead-gate", "before"), ("privacy-url", "/privacy")],
    ];
    for row in rows {
        let a = attrs(row);
        assert_eq!(config::parse_attributes(&a), config::parse(&a, None), "{row:?}");
    }
}
