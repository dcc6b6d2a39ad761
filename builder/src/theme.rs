//! The theme's colours and the WCAG contrast of every pair the widget
//! draws text with (styles/base.css: `--_text`, `--_muted` and `--_accent`
//! on `--_bg`, `--_accent-text` on `--_accent`).

use serde_json::Value;

/// The theme keys the Builder offers, with the widget's defaults
/// (styles/base.css).
pub const KEYS: [(&str, &str); 7] = [
    ("accent", "#0b5cad"),
    ("accent-text", "#ffffff"),
    ("text", "#1d2430"),
    ("muted", "#4f5b6b"),
    ("background", "#ffffff"),
    ("radius", "12px"),
    ("font", "inherit"),
];

/// Text drawn in `fg` on `bg`: the pairs the widget uses.
pub const PAIRS: [(&str, &str); 4] =
    [("text", "background"), ("muted", "background"), ("accent", "background"), ("accent-text", "accent")];

/// WCAG 2.x AA for normal text.
pub const AA: f64 = 4.5;

/// An sRGB colour from `#rgb`, `#rrggbb`, `rgb(r, g, b)` or `white`/`black`.
pub fn parse_colour(s: &str) -> Option<[u8; 3]> {
    let s = s.trim().to_ascii_lowercase();
    match s.as_str() {
        "white" => return Some([255; 3]),
        "black" => return Some([0; 3]),
        _ => {}
    }
    if let Some(hex) = s.strip_prefix('#') {
        let digits: Vec<u8> = hex.chars().map(|c| c.to_digit(16).map(|d| d as u8)).collect::<Option<_>>()?;
        return match digits.len() {
            3 => Some([digits[0] * 17, digits[1] * 17, digits[2] * 17]),
            6 => Some([digits[0] * 16 + digits[1], digits[2] * 16 + digits[3], digits[4] * 16 + digits[5]]),
            _ => None,
        };
    }
    let inner = s.strip_prefix("rgb(")?.strip_suffix(')')?;
    let parts: Vec<u8> =
        inner.split([',', ' ']).filter(|p| !p.is_empty()).map(|p| p.parse().ok()).collect::<Option<_>>()?;
    match parts[..] {
        [r, g, b] => Some([r, g, b]),
        _ => None,
    }
}

fn luminance([r, g, b]: [u8; 3]) -> f64 {
    let lin = |c: u8| {
        let c = f64::from(c) / 255.0;
        if c <= 0.04045 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b)
}

/// The contrast ratio of two colours (1 to 21).
pub fn contrast(a: [u8; 3], b: [u8; 3]) -> f64 {
    let (x, y) = (luminance(a), luminance(b));
    let (hi, lo) = if x > y { (x, y) } else { (y, x) };
    (hi + 0.05) / (lo + 0.05)
}

/// The value of `key` in a config's `theme`, else the widget's default.
pub fn value<'a>(config: &'a Value, key: &str) -> &'a str {
    config
        .get("theme")
        .and_then(|t| t.get(key))
        .and_then(Value::as_str)
        .unwrap_or_else(|| KEYS.iter().find(|(k, _)| *k == key).map_or("", |(_, d)| d))
}

/// One pair's verdict: the ratio, or `None` when a colour is not one the
/// Builder can read (a named colour, `var(…)`).
pub fn check(config: &Value, fg: &str, bg: &str) -> Option<f64> {
    Some(contrast(parse_colour(value(config, fg))?, parse_colour(value(config, bg))?))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn colours_parse_and_contrast_as_wcag_says() {
        let cases = [
            ("#fff", "#000", 21.0),
            ("#ffffff", "#ffffff", 1.0),
            ("rgb(255, 255, 255)", "black", 21.0),
            ("#0b5cad", "#ffffff", 6.67),
            ("#777777", "#ffffff", 4.48),
        ];
        for (a, b, want) in cases {
            let got = contrast(parse_colour(a).expect(a), parse_colour(b).expect(b));
            assert!((got - want).abs() < 0.01, "{a} on {b}: {got}, want {want}");
        }
        for bad in ["red", "#12", "var(--x)", "rgb(1,2)", "#ggg"] {
            assert_eq!(parse_colour(bad), None, "{bad}");
        }
    }

    #[test]
    fn the_widgets_defaults_pass_and_a_pale_accent_fails() {
        let none = json!({});
        for (fg, bg) in PAIRS {
            assert!(check(&none, fg, bg).is_some_and(|r| r >= AA), "{fg} on {bg}");
        }
        let pale = json!({"theme": {"accent": "#9ecbff"}});
        assert!(check(&pale, "accent", "background").is_some_and(|r| r < AA));
        assert!(check(&pale, "accent-text", "accent").is_some_and(|r| r < AA));
        assert_eq!(check(&json!({"theme": {"text": "red"}}), "text", "background"), None);
    }
}
