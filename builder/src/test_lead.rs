//! The test lead: an envelope for the simulated answers with a made-up
//! contact, marked as a test, sent to the configured destination; and the
//! answer in words (status, body, a CORS or network failure explained).

use b2b_assessment_core::config;
use b2b_assessment_core::domain::lead::{self, OutgoingRequest};
use b2b_assessment_core::domain::{Answers, Content, Locale, Step, StrMap};
use b2b_assessment_core::json::Value;

/// The test lead's envelope for the simulated answers, in language `l`.
pub fn envelope(content: &Content, choices: &[usize], l: Locale, page_url: &str, id: &str, now: &str) -> Value {
    let mut answers = Answers::new(content);
    for (i, c) in choices.iter().enumerate().take(content.checks.len()) {
        let _ = answers.set(content, Step::Check(i), *c);
    }
    lead::test_envelope(content, &answers, l, page_url, id, now)
}

/// The request the widget would send for `env` with the draft's config, or
/// the config's problem.
pub fn request(config_text: &str, env: &Value) -> Result<OutgoingRequest, String> {
    let cfg = config::parse(&StrMap::new(), Some(config_text)).map_err(|e| e.to_string())?;
    Ok(lead::request(&cfg.lead.destination, env, None))
}

/// The answer (`{status, type, body}` or `{error}` from the page's glue) in
/// words: whether it went through, and what to tell the site owner.
pub fn explain(l: Locale, url: &str, origin: &str, answer: &str) -> (bool, String) {
    let v: serde_json::Value = serde_json::from_str(answer).unwrap_or_default();
    if let Some(err) = v.get("error").and_then(serde_json::Value::as_str) {
        let text = match l {
            Locale::Ja => format!(
                "送信できませんでした（{err}）。送信先 {url} に届かないか、送信先がこのページ（{origin}）からの送信を許可していません（CORS）。URL、サーバーが動いていること、{origin} からの POST（Content-Type と Idempotency-Key ヘッダー）を許可していることをご確認ください。"
            ),
            Locale::En => format!(
                "Not sent ({err}). Either {url} cannot be reached, or it does not allow requests from this page ({origin}): CORS. Check the URL, that the server is running, and that it allows POST from {origin} with the Content-Type and Idempotency-Key headers."
            ),
        };
        return (false, text);
    }
    if v.get("type").and_then(serde_json::Value::as_str) == Some("opaque") {
        let text = match l {
            Locale::Ja => format!("{url} へ送信しました。この送信先は応答を読ませないため（no-cors）、届いたかどうかは CRM の画面でご確認ください。"),
            Locale::En => format!("Sent to {url}. This destination's answer cannot be read (no-cors): check in your CRM that it arrived."),
        };
        return (true, text);
    }
    let status = v.get("status").and_then(serde_json::Value::as_u64).unwrap_or(0);
    let body = v.get("body").and_then(serde_json::Value::as_str).unwrap_or("");
    let ok = (200..300).contains(&status);
    let text = match (l, ok) {
        (Locale::Ja, true) => format!("送信できました（HTTP {status}）。応答: {body}"),
        (Locale::Ja, false) => format!("送信先が受け付けませんでした（HTTP {status}）。応答: {body}"),
        (Locale::En, true) => format!("Sent (HTTP {status}). Answer: {body}"),
        (Locale::En, false) => format!("The destination refused it (HTTP {status}). Answer: {body}"),
    };
    (ok, text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_are_told_in_words() {
        let (ok, t) =
            explain(Locale::Ja, "/api/leads", "http://x", r#"{"status":201,"type":"basic","body":"{\"id\":\"a\"}"}"#);
        assert!(ok && t.contains("HTTP 201"), "{t}");
        let (ok, t) =
            explain(Locale::En, "https://crm.example/x", "http://x", r#"{"error":"TypeError: Failed to fetch"}"#);
        assert!(!ok && t.contains("CORS") && t.contains("http://x"), "{t}");
        let (ok, t) = explain(Locale::Ja, "/x", "o", r#"{"status":422,"type":"basic","body":"bad"}"#);
        assert!(!ok && t.contains("422") && t.contains("bad"), "{t}");
        let (ok, _) = explain(Locale::En, "/x", "o", r#"{"status":0,"type":"opaque","body":""}"#);
        assert!(ok);
    }

    #[test]
    fn the_test_lead_is_marked_and_goes_where_the_config_says() {
        let c = Content::default_set().expect("default");
        let env = envelope(
            &c,
            &vec![0; c.checks.len()],
            Locale::Ja,
            "http://127.0.0.1/builder/",
            "id-1",
            "2026-12-07T00:00:00Z",
        );
        assert_eq!(env.get("test").and_then(Value::as_bool), Some(true));
        let req = request(r#"{"lead":{"endpoint":"/api/leads"}}"#, &env).expect("request");
        assert_eq!(req.url, "/api/leads");
        let req =
            request(r#"{"lead":{"hubspot":{"portalId":"1","formId":"f","fields":{"score":"b2ba_score"}}}}"#, &env)
                .expect("request");
        assert!(req.url.contains("/1/f") && req.body.contains("b2ba_score"), "{}", req.body);
    }
}
