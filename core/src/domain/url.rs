//! The one rule for every URL the widget sends data to, links to or loads
//! from: `https:` or same-origin relative, nothing else. The config applies
//! it to what the site owner writes (`config::safe_url`), the outbox to what
//! it reads back from storage, which any script of the site can edit.

/// Why a URL is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// Blank.
    Empty,
    /// Control characters (or tabs and line breaks, which the URL parser
    /// drops: `/\t/host` is `//host`).
    ControlCharacters,
    /// `//host`, `\\host`, `/\host`: another host, by the page's scheme.
    ProtocolRelative,
    /// A scheme other than `https:` (`http:`, `javascript:`, `data:`, …).
    NotHttps,
}

impl Refusal {
    /// What is wrong, in the config's and the console's words.
    pub fn message(self) -> &'static str {
        match self {
            Refusal::Empty => "empty URL",
            Refusal::ControlCharacters => "URL contains control characters",
            Refusal::ProtocolRelative => "protocol-relative URL not allowed, use https://",
            Refusal::NotHttps => "only https: or relative URLs are allowed",
        }
    }
}

/// `url` without surrounding spaces, if it is `https:` or relative to the page.
pub fn check(url: &str) -> Result<&str, Refusal> {
    let u = url.trim();
    if u.is_empty() {
        return Err(Refusal::Empty);
    }
    if u.chars().any(|c| c.is_control() || c.is_whitespace() && c != ' ') {
        return Err(Refusal::ControlCharacters);
    }
    let lower = u.to_ascii_lowercase();
    if lower.starts_with("https://") {
        return Ok(u);
    }
    // Browsers read `\` as `/` in http(s) URLs: `\\host` and `/\host` are protocol-relative too.
    if lower.replace('\\', "/").starts_with("//") {
        return Err(Refusal::ProtocolRelative);
    }
    // Relative: no scheme before the first '/', '?' or '#'.
    let head = u.split(['/', '?', '#']).next().unwrap_or("");
    if head.contains(':') {
        return Err(Refusal::NotHttps);
    }
    Ok(u)
}
