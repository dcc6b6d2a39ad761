//! The widget's configuration: from the host element's attributes and an
//! optional JSON document (inline `<script type="application/json">`, a URL,
//! or the object given to `B2BAssessment.mount`). Pure parsing, tested
//! natively; every error names the field and the value.

use crate::domain::lead::{
    Destination, Field, FieldRule, FormRules, MAX_CONSENT_TEXT, MAX_PURPOSE, MAX_PURPOSES, MAX_URL, SALESFORCE_URL,
};
use crate::domain::StrMap;
use crate::domain::{Locale, Text};
use crate::i18n::{t, Key};
use crate::json::{Map, Value};
use crate::{Error, Result};

/// How the widget presents itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Mode {
    /// The standalone assessment page: one question at a time, full report.
    #[default]
    Page,
    /// A compact card inside an article: all checks as toggles, live score, teaser.
    Quiz,
    /// The assessment with the report behind a lead form.
    Lead,
}

impl Mode {
    fn parse(s: &str) -> Option<Mode> {
        match s.trim() {
            "page" => Some(Mode::Page),
            "quiz" => Some(Mode::Quiz),
            "lead" => Some(Mode::Lead),
            _ => None,
        }
    }

    /// The mode's name in attributes and events.
    pub fn name(self) -> &'static str {
        match self {
            Mode::Page => "page",
            Mode::Quiz => "quiz",
            Mode::Lead => "lead",
        }
    }
}

/// The theme keys a site may set, each mapped to a `--b2ba-*` custom property.
pub const THEME_KEYS: [&str; 9] =
    ["accent", "accent-text", "background", "text", "muted", "border", "radius", "font", "font-size"];

/// Where the lead form stands relative to the report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gate {
    /// No lead form.
    None,
    /// An optional form under the report.
    After,
    /// The report only after the form.
    Before,
    /// A blurred preview of the report; the form reveals it.
    Soft,
}

impl Gate {
    fn parse(field: &str, s: &str) -> Result<Gate> {
        match s.trim() {
            "none" => Ok(Gate::None),
            "after" => Ok(Gate::After),
            "before" => Ok(Gate::Before),
            "soft" => Ok(Gate::Soft),
            other => Err(bad(
                field,
                format_args!("unsupported gate {other:?} (expected \"none\", \"after\", \"before\" or \"soft\")"),
            )),
        }
    }
}

/// The lead form and where its leads go.
#[derive(Debug, Clone, PartialEq)]
pub struct LeadConfig {
    /// Where the form stands; `None` means the mode's default (`before` in
    /// `lead` mode, no form otherwise).
    pub gate: Option<Gate>,
    /// Where leads go; the reference receiver at `/api/leads` by default.
    pub destination: Destination,
    /// Which fields are shown and required.
    pub rules: FormRules,
    /// The site owner's consent text; a default one otherwise.
    pub consent_text: Option<Text>,
    /// The privacy policy.
    pub privacy_url: Option<String>,
    /// Who receives the lead, named in the transmission notice.
    pub recipient: Option<String>,
    /// What the recipient uses the lead for, listed in the transmission
    /// notice (and recorded with the consent); a default that says only
    /// what the widget does otherwise.
    pub purposes: Option<Vec<Text>>,
}

impl Default for LeadConfig {
    fn default() -> Self {
        LeadConfig {
            gate: None,
            destination: Destination::Webhook { url: "/api/leads".into() },
            rules: FormRules::default(),
            consent_text: None,
            privacy_url: None,
            recipient: None,
            purposes: None,
        }
    }
}

impl LeadConfig {
    /// The consent text the visitor reads (and the lead records): the
    /// site's, else the default.
    pub fn consent_text(&self, l: Locale) -> String {
        self.consent_text.as_ref().map_or_else(|| t(l, Key::ConsentText), |tx| tx.get(l)).to_string()
    }

    /// The purposes the transmission notice lists (and the lead records): the
    /// site's `purposes`, else one that says only what the widget does.
    pub fn purposes(&self, l: Locale) -> Vec<String> {
        match &self.purposes {
            Some(list) => list.iter().map(|p| p.get(l).to_string()).collect(),
            None => vec![t(l, Key::TransmissionWhyText).to_string()],
        }
    }
}

/// A complete, validated configuration.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Config {
    /// Display mode.
    pub mode: Mode,
    /// Language; `None` means the host page's `lang`, then Japanese.
    pub locale: Option<Locale>,
    /// Where the quiz's call to action leads (the full report page).
    pub cta_url: Option<String>,
    /// Theme values by key of [`THEME_KEYS`].
    pub theme: StrMap,
    /// Whether to push events to `window.dataLayer` when it exists.
    pub data_layer: bool,
    /// URL of a custom content file, fetched by the loader.
    pub content_url: Option<String>,
    /// An inline custom content document.
    pub content: Option<Value>,
    /// The lead form.
    pub lead: LeadConfig,
    /// A `lead` section this build did not read (the quiz and page builds'):
    /// the full build, which reads it, must show the widget, so that a bad
    /// one is reported.
    pub lead_unread: bool,
}

impl Config {
    /// The gate in effect: configured, or the mode's default.
    pub fn gate(&self) -> Gate {
        self.lead.gate.unwrap_or(match self.mode {
            Mode::Lead => Gate::Before,
            Mode::Page | Mode::Quiz => Gate::None,
        })
    }
}

/// Parses `attributes` (name → value, without any `data-` prefix) and an
/// optional JSON document. Attributes win over the JSON document, since they
/// are the more specific setting on the element. A bad setting is an
/// [`Error::Config`] naming it; a document that is not JSON, an
/// [`Error::Json`].
pub fn parse(attributes: &StrMap, json: Option<&str>) -> Result<Config> {
    parse_config::<true>(attributes, json)
}

/// [`parse_leaving_lead`] for a config the loader has put into attributes:
/// the quiz build's (it has no JSON parser; the loader hands it a JSON
/// config's mode, lang, cta, theme and dataLayer as the attributes they
/// stand for, and anything else to the page build). Same result as
/// [`parse`] without JSON.
pub fn parse_attributes(attributes: &StrMap) -> Result<Config> {
    let mut cfg = Config { data_layer: true, ..Config::default() };
    apply_attributes(&mut cfg, attributes)?;
    Ok(cfg)
}

/// [`parse`] for a build without the lead form (the article quiz's and the
/// standalone page's): a `lead` section is left unread and
/// [`Config::lead_unread`] set, so the build can hand the widget to the one
/// that reads it (and reports a bad one). The code that checks a lead section
/// is 3.6 KB gzip of the quiz build, which never shows a lead form.
pub fn parse_leaving_lead(attributes: &StrMap, json: Option<&str>) -> Result<Config> {
    parse_config::<false>(attributes, json)
}

// A const parameter, not a run-time flag: the quiz build's copy has no
// lead-section code at all.
fn parse_config<const READ_LEAD: bool>(attributes: &StrMap, json: Option<&str>) -> Result<Config> {
    let mut cfg = Config { data_layer: true, ..Config::default() };
    if let Some(text) = json.filter(|t| !t.trim().is_empty()) {
        let value: Value = crate::json::from_str(text).map_err(|error| Error::Json { document: "config", error })?;
        let Value::Object(map) = value else {
            return Err(bad("config", format_args!("expected a JSON object, found {}", kind(&value))));
        };
        apply_json::<READ_LEAD>(&mut cfg, map)?;
    }
    apply_attributes(&mut cfg, attributes)?;
    Ok(cfg)
}

fn apply_attributes(cfg: &mut Config, attributes: &StrMap) -> Result<()> {
    for (name, value) in attributes {
        apply_attribute(cfg, name, value)?;
    }
    Ok(())
}

/// The [`Error::Config`] for `field`. The message is formatted here, once,
/// rather than by a `format!` at each call site (a smaller wasm).
#[cold]
#[inline(never)]
fn bad(field: &str, message: std::fmt::Arguments<'_>) -> Error {
    Error::Config { field: field.into(), message: std::fmt::format(message) }
}

/// `text`, if it is at most `max` characters: what the lead envelope carries
/// must fit the receiver's limits (`domain::lead`), or every lead would be
/// refused at the other end.
fn at_most(field: &str, text: String, max: usize) -> Result<String> {
    match text.chars().count() {
        n if n > max => Err(bad(field, format_args!("{n} characters; a lead carries at most {max}"))),
        _ => Ok(text),
    }
}

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

fn string<'a>(field: &str, v: &'a Value) -> Result<&'a str> {
    v.as_str().ok_or_else(|| bad(field, format_args!("expected a string, found {} {v}", kind(v))))
}

fn apply_json<const READ_LEAD: bool>(cfg: &mut Config, map: Map) -> Result<()> {
    for (key, v) in map {
        let field = format!("config.{key}");
        match key.as_str() {
            "mode" => cfg.mode = mode(&field, string(&field, &v)?)?,
            "lang" => cfg.locale = Some(locale(&field, string(&field, &v)?)?),
            "cta" => match &v {
                Value::String(url) => cfg.cta_url = Some(safe_url("config.cta", url)?),
                Value::Object(o) => {
                    for (k, val) in o {
                        match k.as_str() {
                            "url" => cfg.cta_url = Some(safe_url("config.cta.url", string("config.cta.url", val)?)?),
                            other => {
                                return Err(bad(
                                    &format!("config.cta.{other}"),
                                    format_args!("unknown field (expected \"url\")"),
                                ))
                            }
                        }
                    }
                }
                other => {
                    return Err(bad(
                        "config.cta",
                        format_args!("expected an object or a URL string, found {} {other}", kind(other)),
                    ))
                }
            },
            "theme" => {
                let Value::Object(o) = &v else {
                    return Err(bad("config.theme", format_args!("expected an object, found {} {v}", kind(&v))));
                };
                for (k, val) in o {
                    let field = format!("config.theme.{k}");
                    set_theme(cfg, &field, k, string(&field, val)?)?;
                }
            }
            "dataLayer" | "data_layer" => {
                cfg.data_layer = v
                    .as_bool()
                    .ok_or_else(|| bad(&field, format_args!("expected true or false, found {} {v}", kind(&v))))?
            }
            "contentUrl" | "content_url" => cfg.content_url = Some(safe_url(&field, string(&field, &v)?)?),
            "content" => match v {
                Value::Object(_) => cfg.content = Some(v),
                Value::String(url) => cfg.content_url = Some(safe_url("config.content", &url)?),
                other => {
                    return Err(bad(
                        "config.content",
                        format_args!("expected a content object or a URL, found {} {other}", kind(&other)),
                    ))
                }
            },
            // The loader takes the page build for a quiz with a lead section.
            "lead" if !READ_LEAD => cfg.lead_unread = true,
            "lead" => {
                let Value::Object(o) = v else {
                    return Err(bad("config.lead", format_args!("expected an object, found {} {v}", kind(&v))));
                };
                apply_lead(cfg, o)?;
            }
            _ => return Err(bad(&field, format_args!("unknown field"))),
        }
    }
    Ok(())
}

fn string_map(field: &str, v: &Value) -> Result<StrMap> {
    let Value::Object(o) = v else {
        return Err(bad(field, format_args!("expected an object, found {} {v}", kind(v))));
    };
    let mut map = StrMap::new();
    for (k, val) in o {
        let s = val.as_str().ok_or_else(|| {
            bad(&format!("{field}.{k}"), format_args!("expected a string, found {} {val}", kind(val)))
        })?;
        map.insert(k.clone(), s.to_string());
    }
    Ok(map)
}

fn required(field: &str, map: &StrMap, key: &str) -> Result<String> {
    map.get(key)
        .filter(|v| !v.trim().is_empty())
        .cloned()
        .ok_or_else(|| bad(&format!("{field}.{key}"), format_args!("missing")))
}

/// A CRM destination's object (`lead.hubspot`, `lead.salesforce`): its string
/// settings, and its `fields` map of form field → CRM field.
type CrmSettings = (StrMap, StrMap);
fn crm_settings(field: &str, v: &Value) -> Result<CrmSettings> {
    let Value::Object(h) = v else { return Err(bad(field, format_args!("expected an object, found {} {v}", kind(v)))) };
    let mut flat = StrMap::new();
    let mut fields = StrMap::new();
    for (k, val) in h {
        if k == "fields" {
            fields = string_map(&format!("{field}.fields"), val)?;
        } else {
            flat.insert(k.clone(), string(&format!("{field}.{k}"), val)?.to_string());
        }
    }
    Ok((flat, fields))
}

fn apply_lead(cfg: &mut Config, o: Map) -> Result<()> {
    for (key, v) in o {
        let field = format!("config.lead.{key}");
        match key.as_str() {
            "gate" => cfg.lead.gate = Some(Gate::parse(&field, string(&field, &v)?)?),
            "endpoint" => cfg.lead.destination = Destination::Webhook { url: safe_url(&field, string(&field, &v)?)? },
            "hubspot" => {
                let (flat, fields) = crm_settings(&field, &v)?;
                let portal_id = required(&field, &flat, "portalId")?;
                let form_id = required(&field, &flat, "formId")?;
                if !portal_id.chars().all(|c| c.is_ascii_digit()) {
                    return Err(bad(
                        &format!("{field}.portalId"),
                        format_args!("expected digits, found {portal_id:?}"),
                    ));
                }
                cfg.lead.destination = Destination::HubSpot { portal_id, form_id, fields };
            }
            "salesforce" => {
                let (flat, fields) = crm_settings(&field, &v)?;
                let oid = required(&field, &flat, "oid")?;
                let url = match flat.get("url") {
                    Some(u) => safe_url(&format!("{field}.url"), u)?,
                    None => SALESFORCE_URL.to_string(),
                };
                cfg.lead.destination = Destination::Salesforce { oid, fields, url };
            }
            "fields" => {
                for (k, rule) in &string_map(&field, &v)? {
                    let at = format!("{field}.{k}");
                    // `name` (one field until schema version 2) sets both parts.
                    let targets: &[Field] = match k.as_str() {
                        "name" => &[Field::FamilyName, Field::GivenName],
                        _ => match Field::ALL.iter().find(|f| f.key() == k) {
                            Some(f) => std::slice::from_ref(f),
                            None => {
                                return Err(bad(
                                    &at,
                                    format_args!(
                                        "unknown field (expected family_name, given_name, company, department, \
                                         email, job_title or phone)"
                                    ),
                                ))
                            }
                        },
                    };
                    let r = match rule.as_str() {
                        "hidden" => FieldRule::Hidden,
                        "optional" => FieldRule::Optional,
                        "required" => FieldRule::Required,
                        other => {
                            return Err(bad(
                                &at,
                                format_args!("expected \"hidden\", \"optional\" or \"required\", found {other:?}"),
                            ))
                        }
                    };
                    if targets == [Field::Email] && r != FieldRule::Required {
                        return Err(bad(&at, format_args!("the work e-mail is always required")));
                    }
                    for f in targets {
                        cfg.lead.rules.set(*f, r);
                    }
                }
            }
            "consentText" | "consent_text" => cfg.lead.consent_text = Some(text_value(&field, &v, MAX_CONSENT_TEXT)?),
            "purposes" => {
                let Value::Array(items) = &v else {
                    return Err(bad(&field, format_args!("expected a list of purposes, found {} {v}", kind(&v))));
                };
                if items.is_empty() || items.len() > MAX_PURPOSES {
                    return Err(bad(
                        &field,
                        format_args!("expected 1 to {MAX_PURPOSES} purposes, found {}", items.len()),
                    ));
                }
                let mut purposes = Vec::with_capacity(items.len());
                for (i, item) in items.iter().enumerate() {
                    purposes.push(text_value(&format!("{field}[{i}]"), item, MAX_PURPOSE)?);
                }
                cfg.lead.purposes = Some(purposes);
            }
            "privacyUrl" | "privacy_url" => {
                cfg.lead.privacy_url = Some(at_most(&field, safe_url(&field, string(&field, &v)?)?, MAX_URL)?)
            }
            "recipient" => cfg.lead.recipient = Some(string(&field, &v)?.chars().take(200).collect()),
            _ => return Err(bad(&field, format_args!("unknown field"))),
        }
    }
    Ok(())
}

/// A text given as one string (both languages) or as `{"ja", "en"}`, neither
/// blank nor longer than `max` characters.
fn text_value(field: &str, v: &Value, max: usize) -> Result<Text> {
    let text = match v {
        Value::String(s) if !s.trim().is_empty() => Text { ja: s.clone(), en: s.clone() },
        Value::Object(_) => {
            let text = crate::domain::decode::text(v, "").map_err(|f| {
                if f.path.is_empty() {
                    bad(field, format_args!("{}", f.message))
                } else {
                    bad(&format!("{field}.{}", f.path), format_args!("{}", f.message))
                }
            })?;
            if let Some(l) = text.blank_locale() {
                return Err(bad(&format!("{field}.{l}"), format_args!("blank text")));
            }
            text
        }
        other => {
            return Err(bad(
                field,
                format_args!("expected a text or {{\"ja\", \"en\"}}, found {} {other}", kind(other)),
            ))
        }
    };
    if let Value::String(_) = v {
        return Ok(Text { ja: at_most(field, text.ja, max)?, en: text.en });
    }
    Ok(Text { ja: at_most(&format!("{field}.ja"), text.ja, max)?, en: at_most(&format!("{field}.en"), text.en, max)? })
}

fn apply_attribute(cfg: &mut Config, name: &str, value: &str) -> Result<()> {
    let field = format!("attribute {name}");
    match name {
        "mode" => cfg.mode = mode(&field, value)?,
        "lang" => {
            if !value.trim().is_empty() {
                cfg.locale = Some(locale(&field, value)?);
            }
        }
        "cta-url" => cfg.cta_url = Some(safe_url(&field, value)?),
        "content-url" => cfg.content_url = Some(safe_url(&field, value)?),
        "lead-gate" => cfg.lead.gate = Some(Gate::parse(&field, value)?),
        "lead-endpoint" => cfg.lead.destination = Destination::Webhook { url: safe_url(&field, value)? },
        "privacy-url" => cfg.lead.privacy_url = Some(at_most(&field, safe_url(&field, value)?, MAX_URL)?),
        "lead-recipient" => cfg.lead.recipient = Some(value.chars().take(200).collect()),
        "data-layer" => {
            cfg.data_layer = match value.trim() {
                "" | "true" | "on" => true,
                "false" | "off" => false,
                other => return Err(bad(&field, format_args!("expected \"true\" or \"false\", found {other:?}"))),
            }
        }
        _ => {
            if let Some(key) = name.strip_prefix("theme-") {
                set_theme(cfg, &field, key, value)?;
            }
            // Any other attribute (id, class, config-url, …) is the host's business.
        }
    }
    Ok(())
}

fn mode(field: &str, s: &str) -> Result<Mode> {
    Mode::parse(s)
        .ok_or_else(|| bad(field, format_args!("unsupported mode {s:?} (expected \"page\", \"quiz\" or \"lead\")")))
}

fn locale(field: &str, s: &str) -> Result<Locale> {
    Locale::from_tag(s)
        .ok_or_else(|| bad(field, format_args!("unsupported language {s:?} (expected \"ja\" or \"en\")")))
}

fn set_theme(cfg: &mut Config, field: &str, key: &str, value: &str) -> Result<()> {
    if !THEME_KEYS.contains(&key) {
        return Err(bad(field, format_args!("unknown theme key {key:?} (expected one of {})", THEME_KEYS.join(", "))));
    }
    if value.len() > 200 {
        return Err(bad(field, format_args!("too long ({} bytes, at most 200)", value.len())));
    }
    // A value must not be able to close the declaration and add another, nor
    // load anything (`url(…)` in a background would fetch, and break a strict CSP).
    if value.chars().any(|c| matches!(c, ';' | '{' | '}' | '<' | '>' | '\\') || c.is_control()) || loads_resource(value)
    {
        return Err(bad(field, format_args!("unsafe CSS value {value:?}")));
    }
    cfg.theme.insert(key.to_string(), value.trim().to_string());
    Ok(())
}

/// Whether a CSS value calls a function that loads a resource (`url()`,
/// `image-set()`, …). Escapes cannot hide one: backslashes are refused.
fn loads_resource(value: &str) -> bool {
    const LOADERS: [&str; 11] = [
        "url",
        "src",
        "image",
        "image-set",
        "-webkit-image-set",
        "cross-fade",
        "-webkit-cross-fade",
        "element",
        "-moz-element",
        "paint",
        "expression",
    ];
    let lower = value.to_ascii_lowercase();
    lower.match_indices('(').any(|(at, _)| {
        // The identifier right before the parenthesis: the function's name.
        let name =
            lower[..at].rsplit(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_')).next().unwrap_or("");
        LOADERS.contains(&name)
    })
}

/// Accepts `https:` URLs and same-origin relative URLs, nothing else (no
/// `javascript:`, `data:`, or `http:`): those are an [`Error::Config`] for
/// `field` that repeats the URL.
pub fn safe_url(field: &str, url: &str) -> Result<String> {
    use crate::domain::url::{check, Refusal};
    match check(url) {
        Ok(u) => Ok(u.to_string()),
        Err(Refusal::Empty) => Err(bad(field, format_args!("empty URL"))),
        Err(Refusal::NotHttps) => Err(bad(field, format_args!("{}, found {url:?}", Refusal::NotHttps.message()))),
        Err(r) => Err(bad(field, format_args!("{}: {url:?}", r.message()))),
    }
}
