//! Leads: the contact form's rules, the versioned envelope the widget sends,
//! and the request each destination (generic webhook, HubSpot Forms v3,
//! Salesforce Web-to-Lead) expects. Pure: the browser glue sends what is
//! built here, and the tests compare it with fixture files.

use super::answers::Answers;
use super::benchmarks;
use super::content::{Content, ProfileField};
use super::scoring;
use super::StrMap;
use crate::json::{object, opt_s, s, Map, Value};
use serde::{Deserialize, Serialize};

/// The envelope's `event` value.
pub const EVENT: &str = "b2b-assessment.lead";
/// The envelope schema version this build writes.
pub const SCHEMA_VERSION: u32 = 1;
/// Longest value accepted in any contact field (and, by the receiver, in
/// any short string of the envelope: ids, names, UTM values, the mode).
pub const MAX_FIELD: usize = 200;
/// Longest URL the envelope carries (page URL, referrer, privacy URL).
pub const MAX_URL: usize = 2000;
/// Longest e-mail address the receiver accepts (RFC 5321's path limit).
pub const MAX_EMAIL: usize = 254;
/// Longest timestamp the receiver accepts.
pub const MAX_TIMESTAMP: usize = 40;
/// Longest consent text the receiver accepts.
pub const MAX_CONSENT_TEXT: usize = 5000;
/// Most entries in one of the envelope's maps (answers, UTM parameters).
pub const MAX_MAP_ENTRIES: usize = 100;
/// Longest key in one of the envelope's maps.
pub const MAX_KEY: usize = 100;
/// Largest envelope the receiver accepts, in bytes.
pub const MAX_BODY_BYTES: usize = 64 * 1024;
/// Most characters of `utm_*` values a lead carries, all parameters together
/// (the first ones of the page URL, at most [`MAX_MAP_ENTRIES`] of them):
/// with every other field at its longest, the envelope stays under
/// [`MAX_BODY_BYTES`].
pub const MAX_UTM_CHARS: usize = 5000;

/// A contact field of the form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    /// Full name.
    Name,
    /// Company name.
    Company,
    /// Work e-mail (always shown and required).
    Email,
    /// Job title.
    JobTitle,
    /// Phone number.
    Phone,
}

impl Field {
    /// Every field, in form order.
    pub const ALL: [Field; 5] = [Field::Name, Field::Company, Field::Email, Field::JobTitle, Field::Phone];

    /// The field's place in [`Field::ALL`].
    pub fn index(self) -> usize {
        self as usize
    }

    /// The field's key in config and payloads.
    pub fn key(self) -> &'static str {
        match self {
            Field::Name => "name",
            Field::Company => "company",
            Field::Email => "email",
            Field::JobTitle => "job_title",
            Field::Phone => "phone",
        }
    }
}

/// Whether a field is shown, and whether it must be filled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldRule {
    /// Not on the form.
    Hidden,
    /// On the form, may stay empty.
    Optional,
    /// On the form, must be filled.
    Required,
}

/// The rules for every field: name and company required, e-mail always
/// required, job title and phone optional, unless the site says otherwise.
/// One rule per field, in [`Field::ALL`] order (an array, not a map: five
/// fixed keys need no tree code in the wasm).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormRules([FieldRule; 5]);

impl Default for FormRules {
    fn default() -> Self {
        use FieldRule::{Optional, Required};
        FormRules([Required, Required, Required, Optional, Optional])
    }
}

impl FormRules {
    /// The rule for `field`; e-mail is always required.
    pub fn rule(&self, field: Field) -> FieldRule {
        if field == Field::Email {
            return FieldRule::Required;
        }
        self.0[field.index()]
    }

    /// Sets the rule for `field` (e-mail stays required whatever is set).
    pub fn set(&mut self, field: Field, rule: FieldRule) {
        self.0[field.index()] = rule;
    }
}

/// What is wrong with one field's value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Problem {
    /// Required but empty.
    Missing,
    /// Not an e-mail address.
    NotAnEmail,
    /// Not a phone number.
    NotAPhone,
    /// Longer than [`MAX_FIELD`].
    TooLong,
    /// Contains control characters.
    Invalid,
}

/// The visitor's contact details.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Contact {
    /// Full name.
    #[serde(default)]
    pub name: String,
    /// Company name.
    #[serde(default)]
    pub company: String,
    /// Work e-mail.
    #[serde(default)]
    pub email: String,
    /// Job title.
    #[serde(default)]
    pub job_title: String,
    /// Phone number.
    #[serde(default)]
    pub phone: String,
}

impl Contact {
    /// The value of `field`.
    pub fn get(&self, field: Field) -> &str {
        match field {
            Field::Name => &self.name,
            Field::Company => &self.company,
            Field::Email => &self.email,
            Field::JobTitle => &self.job_title,
            Field::Phone => &self.phone,
        }
    }

    /// Sets `field` (trimmed).
    pub fn set(&mut self, field: Field, value: &str) {
        let v = value.trim().to_string();
        match field {
            Field::Name => self.name = v,
            Field::Company => self.company = v,
            Field::Email => self.email = v,
            Field::JobTitle => self.job_title = v,
            Field::Phone => self.phone = v,
        }
    }

    /// Every problem, in form order; empty when the form may be sent.
    pub fn validate(&self, rules: &FormRules) -> Vec<(Field, Problem)> {
        let mut out = Vec::new();
        for f in Field::ALL {
            let rule = rules.rule(f);
            if rule == FieldRule::Hidden {
                continue;
            }
            let v = self.get(f).trim();
            let problem = if v.is_empty() {
                (rule == FieldRule::Required).then_some(Problem::Missing)
            } else if v.chars().count() > MAX_FIELD {
                Some(Problem::TooLong)
            } else if v.chars().any(char::is_control) {
                Some(Problem::Invalid)
            } else if f == Field::Email && !plausible_email(v) {
                Some(Problem::NotAnEmail)
            } else if f == Field::Phone && !plausible_phone(v) {
                Some(Problem::NotAPhone)
            } else {
                None
            };
            if let Some(p) = problem {
                out.push((f, p));
            }
        }
        out
    }
}

/// Whether `s` looks like an e-mail address (one `@`, a dot in the domain,
/// no spaces). The receiver is the real judge; this catches typos.
pub fn plausible_email(s: &str) -> bool {
    let s = s.trim();
    let Some((local, domain)) = s.split_once('@') else { return false };
    !local.is_empty()
        && !domain.contains('@')
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !domain.contains("..")
        && !s.chars().any(char::is_whitespace)
        && s.len() <= 254
}

/// Whether `s` looks like a phone number: digits with `+ - ( ) .` and spaces,
/// 6 to 20 digits.
pub fn plausible_phone(s: &str) -> bool {
    let digits = s.chars().filter(char::is_ascii_digit).count();
    (6..=20).contains(&digits) && s.chars().all(|c| c.is_ascii_digit() || " +-().".contains(c))
}

/// Where the lead came from.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Source {
    /// The page URL.
    pub page_url: String,
    /// `document.referrer`.
    pub referrer: String,
    /// `utm_*` parameters of the page URL, without the prefix.
    pub utm: StrMap,
    /// Widget mode.
    pub mode: String,
    /// Language.
    pub lang: String,
}

impl Source {
    /// The `utm_*` parameters of a URL query (`?utm_source=x&…`), decoded.
    /// The first ones only: at most [`MAX_MAP_ENTRIES`], [`MAX_UTM_CHARS`]
    /// characters of values in all.
    pub fn utm_from_query(query: &str) -> StrMap {
        let mut chars = 0;
        query
            .trim_start_matches('?')
            .split('&')
            .filter_map(|pair| {
                let (k, v) = pair.split_once('=')?;
                let k = k.strip_prefix("utm_").filter(|k| !k.is_empty() && k.len() <= 40)?;
                Some((k.to_string(), percent_decode(v).chars().take(MAX_FIELD).collect::<String>()))
            })
            .take(MAX_MAP_ENTRIES)
            .take_while(|(_, v)| {
                chars += v.chars().count();
                chars <= MAX_UTM_CHARS
            })
            .collect()
    }
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < bytes.len() => {
                match u8::from_str_radix(std::str::from_utf8(&bytes[i + 1..i + 3]).unwrap_or("zz"), 16) {
                    Ok(b) => {
                        out.push(b);
                        i += 2;
                    }
                    Err(_) => out.push(b'%'),
                }
            }
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The visitor's consent, as shown to them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Consent {
    /// Always true in a sent lead: nothing is sent without consent.
    pub given: bool,
    /// The consent text the visitor saw.
    pub text: String,
    /// The privacy policy linked next to it.
    #[serde(default)]
    pub privacy_url: String,
    /// When it was given (RFC 3339).
    pub at: String,
}

/// Builds the versioned envelope. `id` is the idempotency key; `now` is an
/// RFC 3339 timestamp. `trap` is the honeypot field's value.
#[allow(clippy::too_many_arguments)]
pub fn envelope(
    content: &Content,
    answers: &Answers,
    contact: &Contact,
    consent: &Consent,
    source: &Source,
    id: &str,
    now: &str,
    trap: &str,
) -> Value {
    let score = scoring::score(content, answers);
    let categories = category_scores(content, &score);
    // The answers by stable ids (what `Answers::to_sheet` gives, without
    // building the sheet's maps in the wasm).
    let mut profile = Map::new();
    for f in ProfileField::ALL {
        if let Some(opt) = answers.profile(f).and_then(|i| content.profile.get(f).options.get(i)) {
            profile.insert(f.key().to_string(), s(&opt.id));
        }
    }
    let mut checks = Map::new();
    for (c, answer) in content.checks.iter().zip(&answers.checks) {
        if let Some(choice) = answer.and_then(|i| content.answer_scale.get(i)) {
            checks.insert(c.id.clone(), s(&choice.id));
        }
    }
    // Whole percentages as integers (37, not 37.0), as the sources print them.
    let num = |p: f64| if p.fract() == 0.0 && p.abs() < 1e9 { Value::from(p as i64) } else { Value::from(p) };
    let dedicated =
        benchmarks::dedicated_staff(content, answers).and_then(|d| d.figure.percent).map_or(Value::Null, num);
    let budget = benchmarks::budget(content, answers).and_then(|b| b.percent).map_or(Value::Null, num);
    let mut utm = Map::new();
    for (k, v) in &source.utm {
        utm.insert(k.clone(), s(v));
    }
    let source_v = object(vec![
        ("page_url", s(&source.page_url)),
        ("referrer", s(&source.referrer)),
        ("utm", Value::Object(utm)),
        ("mode", s(&source.mode)),
        ("lang", s(&source.lang)),
        ("content_version", content.version.into()),
    ]);
    let contact_v = object(Field::ALL.iter().map(|f| (f.key(), s(contact.get(*f)))).collect());
    let consent_v = object(vec![
        ("given", consent.given.into()),
        ("text", s(&consent.text)),
        ("privacy_url", s(&consent.privacy_url)),
        ("at", s(&consent.at)),
    ]);
    object(vec![
        ("event", s(EVENT)),
        ("schema_version", SCHEMA_VERSION.into()),
        ("id", s(id)),
        ("created_at", s(now)),
        ("source", source_v),
        ("contact", contact_v),
        ("trap", s(trap)),
        ("profile", Value::Object(profile)),
        ("answers", Value::Object(checks)),
        (
            "scores",
            object(vec![
                ("overall", score.overall.into()),
                ("level", opt_s(content.levels.get(score.level).map(|l| l.id.as_str()))),
                ("categories", categories),
            ]),
        ),
        ("benchmarks", object(vec![("dedicated_staff_percent", dedicated), ("budget_percent", budget)])),
        ("consent", consent_v),
    ])
}

/// `{category id: score}`, as in the envelope and the `complete` event.
pub fn category_scores(content: &Content, score: &scoring::Score) -> Value {
    let mut m = Map::new();
    for c in &score.categories {
        if let Some(cat) = content.categories.get(c.category) {
            m.insert(cat.id.clone(), c.score.into());
        }
    }
    Value::Object(m)
}

/// Where leads go, from the site's configuration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Destination {
    /// POST the envelope as JSON to a URL, with an `Idempotency-Key` header.
    Webhook {
        /// The URL (https: or same-origin relative).
        url: String,
    },
    /// HubSpot Forms API v3.
    HubSpot {
        /// Portal (account) id.
        portal_id: String,
        /// Form GUID.
        form_id: String,
        /// HubSpot property name per envelope field (`email`, `company`, `score`, …).
        fields: StrMap,
    },
    /// Salesforce Web-to-Lead.
    Salesforce {
        /// Organisation id.
        oid: String,
        /// Custom field ids (`00N…`) per envelope value (`score`, `level`, …).
        fields: StrMap,
        /// Endpoint; the production one by default.
        url: String,
    },
}

/// A request ready to send.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutgoingRequest {
    /// Where.
    pub url: String,
    /// `Content-Type`.
    pub content_type: String,
    /// Extra headers.
    pub headers: Vec<(String, String)>,
    /// The body.
    pub body: String,
    /// Sent with `mode: "no-cors"`: the response cannot be read, so success
    /// cannot be confirmed.
    pub no_cors: bool,
}

/// The default Salesforce Web-to-Lead endpoint.
pub const SALESFORCE_URL: &str = "https://webto.salesforce.com/servlet/servlet.WebToLead?encoding=UTF-8";

/// Values a CRM mapping may refer to, flattened from the envelope.
fn flat_values(env: &Value) -> StrMap {
    let mut m = StrMap::new();
    let s = |v: &Value| match v {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    };
    if let Some(c) = env["contact"].as_object() {
        for (k, v) in c {
            m.insert(k.clone(), s(v));
        }
    }
    m.insert("score".into(), s(&env["scores"]["overall"]));
    m.insert("level".into(), s(&env["scores"]["level"]));
    if let Some(c) = env["scores"]["categories"].as_object() {
        for (k, v) in c {
            m.insert(format!("score_{k}"), s(v));
        }
    }
    if let Some(p) = env["profile"].as_object() {
        for (k, v) in p {
            m.insert(k.clone(), s(v));
        }
    }
    m.insert("lead_id".into(), s(&env["id"]));
    m
}

/// The request for `destination` carrying `env` (made by [`envelope`]).
/// `hutk` is HubSpot's tracking cookie, passed only with consent.
pub fn request(destination: &Destination, env: &Value, hutk: Option<&str>) -> OutgoingRequest {
    let id = env["id"].as_str().unwrap_or_default().to_string();
    match destination {
        Destination::Webhook { url } => OutgoingRequest {
            url: url.clone(),
            content_type: "application/json".into(),
            headers: vec![("Idempotency-Key".into(), id)],
            body: env.to_string(),
            no_cors: false,
        },
        Destination::HubSpot { portal_id, form_id, fields } => {
            let values = flat_values(env);
            let mut mapped: Vec<(String, String)> = Vec::new();
            for (ours, value) in &values {
                // Contact fields map to HubSpot's standard names by default.
                let default = match ours.as_str() {
                    "email" => Some("email"),
                    "company" => Some("company"),
                    // HubSpot has no full-name property; a single name goes to lastname,
                    // as with Salesforce (Japanese names are usually given whole).
                    "name" => Some("lastname"),
                    "job_title" => Some("jobtitle"),
                    "phone" => Some("phone"),
                    _ => None,
                };
                if let Some(name) = fields.get(ours).map(String::as_str).or(default) {
                    if !value.is_empty() {
                        mapped.push((name.to_string(), value.clone()));
                    }
                }
            }
            mapped.sort();
            let consent_text = env["consent"]["text"].as_str().unwrap_or_default();
            let page_url = &env["source"]["page_url"];
            let mut context =
                vec![("pageUri", page_url.clone()), ("pageName", s(page_name(page_url.as_str().unwrap_or(""))))];
            if let Some(h) = hutk.filter(|h| !h.is_empty() && env["consent"]["given"] == Value::Bool(true)) {
                context.push(("hutk", s(h)));
            }
            let context = object(context);
            let fields = mapped
                .iter()
                .map(|(n, v)| object(vec![("objectTypeId", s("0-1")), ("name", s(n)), ("value", s(v))]))
                .collect();
            let consent = object(vec![
                ("consentToProcess", true.into()),
                ("text", s(consent_text)),
                ("communications", Value::Array(vec![])),
            ]);
            let body = object(vec![
                ("fields", Value::Array(fields)),
                ("context", context),
                ("legalConsentOptions", object(vec![("consent", consent)])),
            ]);
            OutgoingRequest {
                url: format!(
                    "https://api.hsforms.com/submissions/v3/integration/submit/{}/{}",
                    enc(portal_id),
                    enc(form_id)
                ),
                content_type: "application/json".into(),
                headers: vec![],
                body: body.to_string(),
                no_cors: false,
            }
        }
        Destination::Salesforce { oid, fields, url } => {
            let values = flat_values(env);
            let mut pairs: Vec<(String, String)> = vec![("oid".into(), oid.clone())];
            // Web-to-Lead wants first and last name; a single name field goes to last_name.
            for (ours, sf) in [
                ("name", "last_name"),
                ("company", "company"),
                ("email", "email"),
                ("job_title", "title"),
                ("phone", "phone"),
            ] {
                if let Some(v) = values.get(ours).filter(|v| !v.is_empty()) {
                    pairs.push((sf.into(), v.clone()));
                }
            }
            pairs.push(("lead_source".into(), "b2b-assessment".into()));
            for (ours, field_id) in fields {
                if let Some(v) = values.get(ours) {
                    pairs.push((field_id.clone(), v.clone()));
                }
            }
            let body = pairs.iter().map(|(k, v)| format!("{}={}", enc(k), enc(v))).collect::<Vec<_>>().join("&");
            OutgoingRequest {
                url: url.clone(),
                content_type: "application/x-www-form-urlencoded".into(),
                headers: vec![],
                body,
                no_cors: true,
            }
        }
    }
}

/// The last path segment of a URL, as a readable page name.
fn page_name(url: &str) -> &str {
    let path = url.split(['?', '#']).next().unwrap_or("");
    let path = path.split_once("://").map_or(path, |(_, rest)| rest.split_once('/').map_or("", |(_, p)| p));
    path.rsplit('/').find(|s| !s.is_empty()).unwrap_or("/")
}

/// `application/x-www-form-urlencoded` / path-segment encoding.
fn enc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => out.push(b as char),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}
