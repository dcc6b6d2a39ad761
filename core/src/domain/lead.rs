//! Leads: the contact form's rules, the versioned envelope the widget sends,
//! and the request each destination (generic webhook, HubSpot Forms v3,
//! Salesforce Web-to-Lead) expects. Pure: the browser glue sends what is
//! built here, and the tests compare it with fixture files.

use super::answers::Answers;
use super::benchmarks;
use super::content::{Content, ProfileField};
use super::recommend::{self, NextAction};
use super::scoring;
use super::{Locale, StrMap};
use crate::json::{object, opt_s, s, Map, Value};
use serde::{Deserialize, Serialize};

/// The envelope's `event` value.
pub const EVENT: &str = "b2b-assessment.lead";
/// The envelope schema version this build writes.
pub const SCHEMA_VERSION: u32 = 3;
/// Every envelope version the reference receiver accepts: 1 had no labels,
/// no summary or top actions, and one `name`; 2 adds them; 3 adds `test`,
/// present (and `true`) only on a test lead ([`test_envelope`]). Each only
/// adds: a reader of version 1 reads versions 2 and 3.
pub const SCHEMA_VERSIONS: [u32; 3] = [1, 2, 3];
/// The first schema version with the `test` member.
pub const TEST_SINCE_VERSION: u32 = 3;
/// Longest value accepted in any contact field (and, by the receiver, in
/// any short string of the envelope: ids, names, UTM values, the mode).
pub const MAX_FIELD: usize = 200;
/// Longest whole name (`contact.name`): family and given name at their
/// longest, and the space between them.
pub const MAX_NAME: usize = 2 * MAX_FIELD + 1;
/// Longest URL the envelope carries (page URL, referrer, privacy URL).
pub const MAX_URL: usize = 2000;
/// Longest e-mail address the receiver accepts (RFC 5321's path limit).
pub const MAX_EMAIL: usize = 254;
/// Longest timestamp the receiver accepts.
pub const MAX_TIMESTAMP: usize = 40;
/// Longest summary (`summary`) the receiver accepts.
pub const MAX_SUMMARY: usize = 1000;
/// Most purposes a site may list in the transmission notice (`lead.purposes`).
pub const MAX_PURPOSES: usize = 5;
/// Longest purpose, in characters.
pub const MAX_PURPOSE: usize = 200;
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
    /// Family name (姓).
    FamilyName,
    /// Given name (名).
    GivenName,
    /// Company name.
    Company,
    /// Department (部署).
    Department,
    /// Work e-mail (always shown and required).
    Email,
    /// Job title.
    JobTitle,
    /// Phone number.
    Phone,
}

impl Field {
    /// Every field, in the envelope's order (the Japanese form's).
    pub const ALL: [Field; 7] = [
        Field::FamilyName,
        Field::GivenName,
        Field::Company,
        Field::Department,
        Field::Email,
        Field::JobTitle,
        Field::Phone,
    ];

    /// The fields in the order the form shows them: 姓・名 in Japanese,
    /// given name first in English.
    pub fn form_order(locale: Locale) -> [Field; 7] {
        let mut order = Field::ALL;
        if locale == Locale::En {
            order.swap(0, 1);
        }
        order
    }

    /// The field's place in [`Field::ALL`].
    pub fn index(self) -> usize {
        self as usize
    }

    /// The field's key in config and payloads.
    pub fn key(self) -> &'static str {
        match self {
            Field::FamilyName => "family_name",
            Field::GivenName => "given_name",
            Field::Company => "company",
            Field::Department => "department",
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

/// The rules for every field: family and given name and company required,
/// e-mail always required, department, job title and phone optional, unless
/// the site says otherwise. One rule per field, in [`Field::ALL`] order (an
/// array, not a map: seven fixed keys need no tree code in the wasm).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormRules([FieldRule; 7]);

impl Default for FormRules {
    fn default() -> Self {
        use FieldRule::{Optional, Required};
        FormRules([Required, Required, Required, Optional, Required, Optional, Optional])
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
    /// Family name (姓).
    #[serde(default)]
    pub family_name: String,
    /// Given name (名).
    #[serde(default)]
    pub given_name: String,
    /// Company name.
    #[serde(default)]
    pub company: String,
    /// Department (部署).
    #[serde(default)]
    pub department: String,
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
            Field::FamilyName => &self.family_name,
            Field::GivenName => &self.given_name,
            Field::Company => &self.company,
            Field::Department => &self.department,
            Field::Email => &self.email,
            Field::JobTitle => &self.job_title,
            Field::Phone => &self.phone,
        }
    }

    /// Sets `field` (trimmed).
    pub fn set(&mut self, field: Field, value: &str) {
        let v = value.trim().to_string();
        match field {
            Field::FamilyName => self.family_name = v,
            Field::GivenName => self.given_name = v,
            Field::Company => self.company = v,
            Field::Department => self.department = v,
            Field::Email => self.email = v,
            Field::JobTitle => self.job_title = v,
            Field::Phone => self.phone = v,
        }
    }

    /// The whole name as the visitor's language writes it: `山田 太郎`
    /// (family first) in Japanese, `Taro Yamada` in English; one part alone
    /// when the other is empty or hidden.
    pub fn full_name(&self, locale: Locale) -> String {
        let (first, second) = match locale {
            Locale::Ja => (&self.family_name, &self.given_name),
            Locale::En => (&self.given_name, &self.family_name),
        };
        match (first.is_empty(), second.is_empty()) {
            (false, false) => format!("{first} {second}"),
            (false, true) => first.clone(),
            _ => second.clone(),
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
    /// The purposes the transmission notice named, as the visitor read them.
    #[serde(default)]
    pub purposes: Vec<String>,
}

/// Builds the versioned envelope. `id` is the idempotency key; `now` is an
/// RFC 3339 timestamp. `trap` is the honeypot field's value. Labels, the
/// summary and the top actions are in the language of `source.lang`.
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
    let l = Locale::from_tag(&source.lang).unwrap_or(Locale::Ja);
    let score = scoring::score(content, answers);
    let actions = recommend::next_actions(content, answers, &score);
    let categories = category_scores(content, &score);
    let label = |t: &super::Text| s(&clip_to(t.get(l), MAX_FIELD));
    // The answers by stable ids (what `Answers::to_sheet` gives, without
    // building the sheet's maps in the wasm), and beside them their labels.
    let (mut profile, mut profile_labels) = (Map::new(), Map::new());
    for f in ProfileField::ALL {
        if let Some(opt) = answers.profile(f).and_then(|i| content.profile.get(f).options.get(i)) {
            profile.insert(f.key().to_string(), s(&opt.id));
            profile_labels.insert(f.key().to_string(), label(&opt.label));
        }
    }
    let (mut checks, mut check_labels) = (Map::new(), Map::new());
    for (c, answer) in content.checks.iter().zip(&answers.checks) {
        if let Some(choice) = answer.and_then(|i| content.answer_scale.get(i)) {
            checks.insert(c.id.clone(), s(&choice.id));
            check_labels.insert(c.id.clone(), label(&choice.label));
        }
    }
    let mut category_labels = Map::new();
    for c in &score.categories {
        if let Some(cat) = content.categories.get(c.category) {
            category_labels.insert(cat.id.clone(), label(&cat.label));
        }
    }
    let level = content.levels.get(score.level);
    let top: Vec<String> = actions
        .iter()
        .take(TOP_ACTIONS)
        .filter_map(|a| content.checks.get(a.check))
        .map(|c| clip_to(c.action.title.get(l), MAX_FIELD))
        .collect();
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
    let mut contact_v = vec![("name", s(&contact.full_name(l)))];
    contact_v.extend(Field::ALL.iter().map(|f| (f.key(), s(contact.get(*f)))));
    let consent_v = object(vec![
        ("given", consent.given.into()),
        ("text", s(&consent.text)),
        ("privacy_url", s(&consent.privacy_url)),
        ("at", s(&consent.at)),
        ("purposes", Value::Array(consent.purposes.iter().map(|p| s(p)).collect())),
    ]);
    object(vec![
        ("event", s(EVENT)),
        ("schema_version", SCHEMA_VERSION.into()),
        ("id", s(id)),
        ("created_at", s(now)),
        ("source", source_v),
        ("contact", object(contact_v)),
        ("trap", s(trap)),
        ("profile", Value::Object(profile)),
        ("profile_labels", Value::Object(profile_labels)),
        ("answers", Value::Object(checks)),
        ("answer_labels", Value::Object(check_labels)),
        (
            "scores",
            object(vec![
                ("overall", score.overall.into()),
                ("level", opt_s(level.map(|l| l.id.as_str()))),
                ("level_label", level.map_or(Value::Null, |lv| label(&lv.name))),
                ("categories", categories),
                ("category_labels", Value::Object(category_labels)),
            ]),
        ),
        ("summary", s(&summary(content, l, score.overall, level.map(|lv| lv.name.get(l)), &actions))),
        ("top_actions", Value::Array(top.iter().map(|t| s(t)).collect())),
        ("benchmarks", object(vec![("dedicated_staff_percent", dedicated), ("budget_percent", budget)])),
        ("consent", consent_v),
    ])
}

/// How many of the ranked next actions a lead names (`top_actions`,
/// `top_action_1..3`): the three the report puts first.
pub const TOP_ACTIONS: usize = 3;

/// The plain-text line a salesperson reads first: score, level and the top
/// actions, e.g. `スコア 49/100（レベル2 基盤づくり期）｜優先課題: …／…`.
/// At most [`MAX_SUMMARY`] characters.
pub fn summary(content: &Content, l: Locale, overall: u8, level: Option<&str>, actions: &[NextAction]) -> String {
    let titles: Vec<&str> = actions
        .iter()
        .take(TOP_ACTIONS)
        .filter_map(|a| content.checks.get(a.check))
        .map(|c| c.action.title.get(l))
        .collect();
    clip_to(&crate::i18n::lead_summary(l, overall, level, &titles), MAX_SUMMARY)
}

/// The e-mail address of a test lead ([`test_envelope`]): a reserved domain
/// (RFC 2606), so nothing is ever mailed to anyone.
pub const TEST_EMAIL: &str = "test@example.com";
/// The `source.mode` of a test lead: it comes from the Builder, not from a
/// widget on a page (whose modes are `page`, `quiz` and `lead`).
pub const TEST_SOURCE_MODE: &str = "builder";

/// A test lead, for the Builder's "send a test lead": the envelope the
/// widget would send for `answers`, from a plainly fake contact in the
/// language `locale` (`テスト 送信` of `（テスト送信）診断ビルダー`, `Test
/// Lead` of `(test lead) Assessment Builder`, [`TEST_EMAIL`]), consent given
/// with the default consent text and purposes, `source.mode`
/// [`TEST_SOURCE_MODE`], the summary behind `【テスト】` / `[TEST] `, and the
/// member `"test": true` that no real lead has. `page_url` is the Builder's
/// page (fragment dropped, cut to [`MAX_URL`]); `id` the idempotency id and
/// `now` an RFC 3339 timestamp, as for [`envelope`].
///
/// Only the Builder calls this; the widget never sends a test lead.
pub fn test_envelope(
    content: &Content,
    answers: &Answers,
    locale: Locale,
    page_url: &str,
    id: &str,
    now: &str,
) -> Value {
    let (family_name, given_name, company) = crate::i18n::test_lead_contact(locale);
    let contact = Contact {
        family_name: family_name.into(),
        given_name: given_name.into(),
        company: company.into(),
        email: TEST_EMAIL.into(),
        ..Contact::default()
    };
    let consent = Consent {
        given: true,
        text: crate::i18n::t(locale, crate::i18n::Key::ConsentText).into(),
        privacy_url: String::new(),
        at: now.into(),
        purposes: vec![crate::i18n::t(locale, crate::i18n::Key::TransmissionWhyText).into()],
    };
    let page_url = page_url.split('#').next().unwrap_or("");
    let source = Source {
        page_url: page_url.chars().take(MAX_URL).collect(),
        referrer: String::new(),
        utm: Source::utm_from_query(page_url.split_once('?').map_or("", |(_, q)| q)),
        mode: TEST_SOURCE_MODE.into(),
        lang: locale.tag().into(),
    };
    let mut env = envelope(content, answers, &contact, &consent, &source, id, now, "");
    if let Value::Object(m) = &mut env {
        let summary = crate::i18n::test_lead_summary(locale, m.get("summary").and_then(Value::as_str).unwrap_or(""));
        m.insert("summary".into(), s(&clip_to(&summary, MAX_SUMMARY)));
        m.insert("test".into(), Value::Bool(true));
    }
    env
}

/// Whether `env` is a test lead: its `test` member is `true` (the only value
/// it may have; a real lead has no `test` member).
pub fn is_test(env: &Value) -> bool {
    env["test"] == Value::Bool(true)
}

/// `text`, cut to `max` characters with an ellipsis: what the lead carries
/// from custom content must fit the receiver's limits.
fn clip_to(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let mut out: String = text.chars().take(max - 1).collect();
    out.push('…');
    out
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

/// Every value a CRM field mapping may name, flattened from an envelope
/// (any version), in a fixed order: the keys of `hubspot.fields` and
/// `salesforce.fields`, and the columns of the reference receiver's CSV.
/// A key the envelope lacks (a version 1 envelope's labels) has an empty
/// value, except `test` (`true`), which is there only for a test lead.
/// docs/leads.md lists them all.
pub fn mappable(env: &Value) -> Vec<(String, String)> {
    let text = |v: &Value| match v {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    };
    let mut m: Vec<(String, String)> = vec![("lead_id".into(), text(&env["id"]))];
    // Only a test lead has it, so a CRM can filter test leads out; a real
    // lead sends nothing for it.
    if is_test(env) {
        m.push(("test".into(), "true".into()));
    }
    m.push(("created_at".into(), text(&env["created_at"])));
    let contact = &env["contact"];
    for key in ["name", "family_name", "given_name", "company", "department", "email", "job_title", "phone"] {
        m.push((key.into(), text(&contact[key])));
    }
    let scores = &env["scores"];
    m.push(("score".into(), text(&scores["overall"])));
    m.push(("level".into(), text(&scores["level"])));
    m.push(("level_label".into(), text(&scores["level_label"])));
    m.push(("summary".into(), text(&env["summary"])));
    let top = match &env["top_actions"] {
        Value::Array(a) => a.as_slice(),
        _ => &[],
    };
    for i in 0..TOP_ACTIONS {
        m.push((format!("top_action_{}", i + 1), top.get(i).map(text).unwrap_or_default()));
    }
    for (k, v) in scores["categories"].as_object().into_iter().flatten() {
        m.push((format!("score_{k}"), text(v)));
    }
    for f in ProfileField::ALL {
        let k = f.key();
        m.push((k.into(), text(&env["profile"][k])));
        m.push((format!("{k}_label"), text(&env["profile_labels"][k])));
    }
    for (k, v) in env["answers"].as_object().into_iter().flatten() {
        m.push((format!("answer_{k}"), text(v)));
        m.push((format!("answer_{k}_label"), text(&env["answer_labels"][k.as_str()])));
    }
    let source = &env["source"];
    for key in ["lang", "page_url", "referrer"] {
        m.push((key.into(), text(&source[key])));
    }
    for (k, v) in source["utm"].as_object().into_iter().flatten() {
        m.push((format!("utm_{k}"), text(v)));
    }
    m
}

/// The value of `key` among [`mappable`]'s.
fn value_of<'a>(values: &'a [(String, String)], key: &str) -> Option<&'a str> {
    values.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str())
}

/// A CRM's fields: `standard` (ours → theirs, filled when not empty) unless
/// the site's `fields` maps something else to the same field, then the
/// site's `fields` (its own empty values left out: a CRM keeps what it has).
fn crm_pairs(values: &[(String, String)], standard: &[(&str, &str)], fields: &StrMap) -> Vec<(String, String)> {
    let taken = |theirs: &str| fields.iter().any(|(_, t)| t == theirs);
    let mut pairs: Vec<(String, String)> = standard
        .iter()
        .filter(|(_, theirs)| !taken(theirs))
        .filter_map(|(ours, theirs)| {
            Some((theirs.to_string(), value_of(values, ours).filter(|v| !v.is_empty())?.to_string()))
        })
        .collect();
    for (ours, theirs) in fields {
        if let Some(v) = value_of(values, ours).filter(|v| !v.is_empty()) {
            pairs.push((theirs.clone(), v.to_string()));
        }
    }
    pairs
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
            // HubSpot's standard contact properties; it has none for the whole
            // name or the department (map them in `fields` to your own).
            let standard = [
                ("family_name", "lastname"),
                ("given_name", "firstname"),
                ("company", "company"),
                ("email", "email"),
                ("job_title", "jobtitle"),
                ("phone", "phone"),
            ];
            let mut mapped = crm_pairs(&mappable(env), &standard, fields);
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
            // Web-to-Lead's standard Lead fields (no department on a Lead).
            let standard = [
                ("family_name", "last_name"),
                ("given_name", "first_name"),
                ("company", "company"),
                ("email", "email"),
                ("job_title", "title"),
                ("phone", "phone"),
            ];
            let mut pairs: Vec<(String, String)> = vec![("oid".into(), oid.clone())];
            pairs.extend(crm_pairs(&mappable(env), &standard, fields));
            pairs.push(("lead_source".into(), "b2b-assessment".into()));
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
