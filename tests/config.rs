//! Configuration parsing: attributes and JSON, with errors naming the field.
#![cfg(not(target_arch = "wasm32"))]

use b2b_assessment::domain::Locale;
use b2b_assessment::web::config::{parse, safe_url, Mode};
use std::collections::BTreeMap;

fn attrs(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
    pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
}

#[test]
fn valid_configurations() {
    let c = parse(&attrs(&[]), None).expect("empty");
    assert_eq!((c.mode, c.locale, c.data_layer), (Mode::Page, None, true));

    let c = parse(&attrs(&[("mode", "quiz"), ("lang", "en-US"), ("cta-url", "../index.html"), ("theme-accent", "#7a1fa2"), ("id", "x")]), None).expect("attrs");
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
    let cases: Vec<(Vec<(&str, &str)>, Option<&str>, &str)> = vec![
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
        let err = parse(&attrs(&a), json).expect_err(want);
        assert!(err.starts_with(want), "{err:?} should start with {want:?}");
    }
}

#[test]
fn only_https_and_relative_urls_pass() {
    for ok in ["https://example.com/a?b#c", "/report", "../index.html", "report.html#x", "?q=1", "HTTPS://EXAMPLE.COM"] {
        assert!(safe_url("f", ok).is_ok(), "{ok}");
    }
    for bad in ["javascript:alert(1)", " JavaScript:alert(1)", "http://example.com", "//evil.example", "data:text/html,x", "vbscript:x", "", "java\tscript:x", "mailto:a@b"] {
        assert!(safe_url("f", bad).is_err(), "{bad:?}");
    }
}
