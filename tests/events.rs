//! Host-event payloads: stable ids, scores, and no personal data.
#![cfg(not(target_arch = "wasm32"))]

use b2b_assessment::config::Mode;
use b2b_assessment::domain::{Answers, Content, Locale, Step};
use b2b_assessment::web::events::{answer_detail, cta_detail, score_detail, start_detail};
use serde_json::json;

/// The widget's JSON as `serde_json` reads it (through the widget's writer).
fn sj(v: b2b_assessment::json::Value) -> serde_json::Value {
    serde_json::from_str(&v.to_string()).expect("the widget writes JSON serde_json reads")
}

#[test]
fn payloads_carry_ids_and_scores() {
    let c = Content::default_set().expect("content");
    let mut a = Answers::new(&c);
    a.set(&c, Step::at(&c, 0).unwrap(), 1).unwrap();
    let yes = c.scale_index("yes").unwrap();
    a.set(&c, Step::at(&c, 6).unwrap(), yes).unwrap();

    assert_eq!(sj(start_detail(Mode::Quiz, Locale::Ja)), json!({"mode": "quiz", "lang": "ja"}));
    assert_eq!(
        sj(answer_detail(&c, &a, 0, Mode::Page, Locale::En)),
        json!({"mode": "page", "lang": "en", "question": "revenue", "answer": "30b_to_100b", "step": 1, "answered": 2, "total": 19})
    );
    assert_eq!(sj(answer_detail(&c, &a, 6, Mode::Page, Locale::En))["question"], json!("mql_definition_agreed"));
    assert_eq!(sj(answer_detail(&c, &a, 7, Mode::Page, Locale::En))["answer"], json!(null));

    let d = sj(score_detail(&c, &a, Mode::Quiz, Locale::Ja));
    // One sales-alignment check worth 2 of 8 points in a category weighing 30: 7.5 → 8.
    assert_eq!(d["score"], json!(8));
    assert_eq!(d["level"], json!("ad_hoc"));
    assert_eq!(d["categories"]["sales_alignment"], json!(25));
    assert_eq!(d["categories"].as_object().map(|o| o.len()), Some(6));
    let cta = sj(cta_detail(&c, &a, Mode::Quiz, Locale::Ja, "/report#b2ba=1.x"));
    assert_eq!(cta["url"], json!("/report#b2ba=1.x"));
    assert_eq!(cta["score"], d["score"]);
}
