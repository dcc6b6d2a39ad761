//! Export and import: `content.json`, the config, the embed snippet for
//! each mode (with SRI when the Builder runs from a release), and reading a
//! content or config file back in.

use crate::labels::tr;
use b2b_assessment_core::domain::Locale;
use serde_json::Value;

/// The release's hashes, read from `../release.json` when the Builder runs
/// from a release folder.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Release {
    /// The package's version.
    pub version: String,
    /// `integrity` of the loader.
    pub loader: String,
    /// `integrity` of the CSS.
    pub css: String,
}

impl Release {
    /// Reads `release.json` (`{"version", "integrity": {"b2b-assessment.js", "b2b-assessment.css"}}`).
    pub fn parse(text: &str) -> Option<Release> {
        let v: Value = serde_json::from_str(text).ok()?;
        let i = v.get("integrity")?;
        Some(Release {
            version: v.get("version")?.as_str()?.to_string(),
            loader: i.get("b2b-assessment.js")?.as_str()?.to_string(),
            css: i.get("b2b-assessment.css")?.as_str()?.to_string(),
        })
    }
}

/// The widget's modes, for snippets and the preview.
pub const MODES: [&str; 3] = ["quiz", "page", "lead"];

/// Where the snippet says the files are: the folder a site owner uploads the
/// release to, and the exported content next to them.
pub const BASE: &str = "/b2b-assessment/";

/// The embed snippet for `mode`: the head tags (with SRI from a release),
/// preload hints where the widget is above the fold, and the element with
/// the config inline. A quiz leaves the lead section out (a quiz card shows
/// no form, and without one it loads the smallest build); `custom_content`
/// points the widget at the exported `content.json`.
pub fn snippet(mode: &str, lang: Locale, config: &Value, custom_content: bool, release: Option<&Release>) -> String {
    let mut cfg = config.clone();
    if mode == "quiz" {
        if let Some(o) = cfg.as_object_mut() {
            o.remove("lead");
        }
    }
    let has_lead = cfg.get("lead").is_some() || mode == "lead";
    let sri = |hash: &str| {
        if hash.is_empty() {
            String::new()
        } else {
            format!(" integrity=\"{hash}\" crossorigin=\"anonymous\"")
        }
    };
    let (loader_sri, css_sri) = release.map_or((String::new(), String::new()), |r| (sri(&r.loader), sri(&r.css)));
    let mut out = String::new();
    out.push_str(&format!(
        "<!-- b2b-assessment{}: {} -->\n",
        release.map_or(String::new(), |r| format!(" {}", r.version)),
        mode
    ));
    out.push_str(&format!("<link rel=\"stylesheet\" href=\"{BASE}b2b-assessment.css\"{css_sri}>\n"));
    out.push_str(&format!("<script type=\"module\" src=\"{BASE}b2b-assessment.js\"{loader_sri}></script>\n"));
    if mode != "quiz" {
        let build = if has_lead { "b2b_assessment" } else { "b2b_assessment_page" };
        out.push_str(&format!("<link rel=\"modulepreload\" href=\"{BASE}{build}.js\">\n"));
        out.push_str(&format!(
            "<link rel=\"preload\" href=\"{BASE}{build}_bg.wasm\" as=\"fetch\" type=\"application/wasm\" crossorigin>\n"
        ));
    }
    out.push('\n');
    let content = if custom_content { format!(" content-url=\"{BASE}content.json\"") } else { String::new() };
    out.push_str(&format!("<b2b-assessment mode=\"{mode}\" lang=\"{}\"{content}>", lang.tag()));
    if cfg.as_object().is_some_and(|o| !o.is_empty()) {
        // `</` cannot end the script element early: JSON allows `<\/`.
        let json = serde_json::to_string_pretty(&cfg).unwrap_or_default().replace("</", "<\\/");
        out.push_str(&format!("\n  <script type=\"application/json\">\n{json}\n  </script>\n"));
    }
    out.push_str("</b2b-assessment>\n");
    out
}

/// What a snippet is for, in words.
pub fn mode_name(l: Locale, mode: &str) -> &'static str {
    match mode {
        "quiz" => tr(l, "記事内クイズ（quiz）", "Article quiz (quiz)"),
        "page" => tr(l, "診断ページ（page）", "Assessment page (page)"),
        _ => tr(l, "リード獲得（lead）", "Lead capture (lead)"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn snippets_carry_the_config_the_hashes_and_the_right_preloads() {
        let cfg = json!({"theme": {"accent": "#123456"}, "lead": {"gate": "after", "endpoint": "/api/leads"}});
        let rel = Release { version: "1.2.3".into(), loader: "sha384-AAA".into(), css: "sha384-BBB".into() };
        let quiz = snippet("quiz", Locale::Ja, &cfg, true, Some(&rel));
        assert!(quiz.contains("integrity=\"sha384-AAA\"") && quiz.contains("integrity=\"sha384-BBB\""), "{quiz}");
        assert!(!quiz.contains("\"lead\"") && !quiz.contains("preload"), "a quiz: no lead section, no preload: {quiz}");
        assert!(quiz.contains("content-url=\"/b2b-assessment/content.json\"") && quiz.contains("#123456"));
        let page = snippet("page", Locale::En, &json!({}), false, None);
        assert!(
            page.contains("b2b_assessment_page_bg.wasm")
                && !page.contains("integrity")
                && !page.contains("content-url"),
            "{page}"
        );
        assert!(page.contains("lang=\"en\"") && !page.contains("application/json"), "{page}");
        let lead = snippet("lead", Locale::Ja, &cfg, false, None);
        assert!(lead.contains("b2b_assessment_bg.wasm") && lead.contains("\"gate\": \"after\""), "{lead}");
        let tricky = snippet("page", Locale::Ja, &json!({"lead": {"recipient": "</script><b>"}}), false, None);
        assert!(!tricky.contains("</script><b>"), "{tricky}");
        assert_eq!(
            Release::parse(
                r#"{"version":"1.2.3","integrity":{"b2b-assessment.js":"sha384-AAA","b2b-assessment.css":"sha384-BBB"}}"#
            ),
            Some(rel)
        );
    }
}
