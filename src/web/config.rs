//! The widget's configuration: from the host element's attributes and an
//! optional JSON document (inline `<script type="application/json">`, a URL,
//! or the object given to `B2BAssessment.mount`). Pure parsing, tested
//! natively; every error names the field and the value.

use crate::domain::Locale;
use serde_json::{Map, Value};
use std::collections::BTreeMap;

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
pub const THEME_KEYS: [&str; 9] = ["accent", "accent-text", "background", "text", "muted", "border", "radius", "font", "font-size"];

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
    pub theme: BTreeMap<String, String>,
    /// Whether to push events to `window.dataLayer` when it exists.
    pub data_layer: bool,
    /// URL of a custom content file, fetched by the loader.
    pub content_url: Option<String>,
    /// An inline custom content document.
    pub content: Option<Value>,
}

/// Parses `attributes` (name → value, without any `data-` prefix) and an
/// optional JSON document. Attributes win over the JSON document, since they
/// are the more specific setting on the element.
pub fn parse(attributes: &BTreeMap<String, String>, json: Option<&str>) -> Result<Config, String> {
    let mut cfg = Config { data_layer: true, ..Config::default() };
    if let Some(text) = json.filter(|t| !t.trim().is_empty()) {
        let value: Value = serde_json::from_str(text).map_err(|e| format!("config: not valid JSON: {e}"))?;
        let Value::Object(map) = value else {
            return Err(format!("config: expected a JSON object, found {}", kind(&value)));
        };
        apply_json(&mut cfg, map)?;
    }
    for (name, value) in attributes {
        apply_attribute(&mut cfg, name, value)?;
    }
    Ok(cfg)
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

fn string<'a>(field: &str, v: &'a Value) -> Result<&'a str, String> {
    v.as_str().ok_or_else(|| format!("config.{field}: expected a string, found {} {v}", kind(v)))
}

fn apply_json(cfg: &mut Config, map: Map<String, Value>) -> Result<(), String> {
    for (key, v) in map {
        match key.as_str() {
            "mode" => cfg.mode = mode(&format!("config.{key}"), string(&key, &v)?)?,
            "lang" => cfg.locale = Some(locale(&format!("config.{key}"), string(&key, &v)?)?),
            "cta" => match &v {
                Value::String(url) => cfg.cta_url = Some(safe_url("config.cta", url)?),
                Value::Object(o) => {
                    for (k, val) in o {
                        match k.as_str() {
                            "url" => cfg.cta_url = Some(safe_url("config.cta.url", string("cta.url", val)?)?),
                            other => return Err(format!("config.cta.{other}: unknown field (expected \"url\")")),
                        }
                    }
                }
                other => return Err(format!("config.cta: expected an object or a URL string, found {} {other}", kind(other))),
            },
            "theme" => {
                let Value::Object(o) = &v else {
                    return Err(format!("config.theme: expected an object, found {} {v}", kind(&v)));
                };
                for (k, val) in o {
                    let field = format!("theme.{k}");
                    set_theme(cfg, &format!("config.{field}"), k, string(&field, val)?)?;
                }
            }
            "dataLayer" | "data_layer" => {
                cfg.data_layer = v.as_bool().ok_or_else(|| format!("config.{key}: expected true or false, found {} {v}", kind(&v)))?
            }
            "contentUrl" | "content_url" => cfg.content_url = Some(safe_url(&format!("config.{key}"), string(&key, &v)?)?),
            "content" => match v {
                Value::Object(_) => cfg.content = Some(v),
                Value::String(url) => cfg.content_url = Some(safe_url("config.content", &url)?),
                other => return Err(format!("config.content: expected a content object or a URL, found {} {other}", kind(&other))),
            },
            other => return Err(format!("config.{other}: unknown field")),
        }
    }
    Ok(())
}

fn apply_attribute(cfg: &mut Config, name: &str, value: &str) -> Result<(), String> {
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
        "data-layer" => {
            cfg.data_layer = match value.trim() {
                "" | "true" | "on" => true,
                "false" | "off" => false,
                other => return Err(format!("{field}: expected \"true\" or \"false\", found {other:?}")),
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

fn mode(field: &str, s: &str) -> Result<Mode, String> {
    Mode::parse(s).ok_or_else(|| format!("{field}: unsupported mode {s:?} (expected \"page\", \"quiz\" or \"lead\")"))
}

fn locale(field: &str, s: &str) -> Result<Locale, String> {
    Locale::from_tag(s).ok_or_else(|| format!("{field}: unsupported language {s:?} (expected \"ja\" or \"en\")"))
}

fn set_theme(cfg: &mut Config, field: &str, key: &str, value: &str) -> Result<(), String> {
    if !THEME_KEYS.contains(&key) {
        return Err(format!("{field}: unknown theme key {key:?} (expected one of {})", THEME_KEYS.join(", ")));
    }
    // A value must not be able to close the declaration and add another.
    if value.len() > 200 || value.chars().any(|c| matches!(c, ';' | '{' | '}' | '<' | '>' | '\\') || c.is_control()) {
        return Err(format!("{field}: unsafe CSS value {value:?}"));
    }
    cfg.theme.insert(key.to_string(), value.trim().to_string());
    Ok(())
}

/// Accepts `https:` URLs and same-origin relative URLs, nothing else (no
/// `javascript:`, `data:`, or `http:`).
pub fn safe_url(field: &str, url: &str) -> Result<String, String> {
    let u = url.trim();
    if u.is_empty() {
        return Err(format!("{field}: empty URL"));
    }
    if u.chars().any(|c| c.is_control() || c.is_whitespace() && c != ' ') {
        return Err(format!("{field}: URL contains control characters: {url:?}"));
    }
    let lower = u.to_ascii_lowercase();
    if lower.starts_with("https://") {
        return Ok(u.to_string());
    }
    if lower.starts_with("//") {
        return Err(format!("{field}: protocol-relative URL not allowed, use https://: {url:?}"));
    }
    // Relative: no scheme before the first '/', '?' or '#'.
    let head = u.split(['/', '?', '#']).next().unwrap_or("");
    if head.contains(':') {
        return Err(format!("{field}: only https: or relative URLs are allowed, found {url:?}"));
    }
    Ok(u.to_string())
}
