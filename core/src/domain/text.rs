//! Locales and bilingual texts.

use crate::{Error, Result};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// A language the widget speaks. Japanese is the default.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Locale {
    /// Japanese.
    #[default]
    Ja,
    /// English.
    En,
}

impl Locale {
    /// Every supported locale, default first.
    pub const ALL: [Locale; 2] = [Locale::Ja, Locale::En];

    /// The BCP 47 tag, as used in `lang` attributes.
    pub fn tag(self) -> &'static str {
        match self {
            Locale::Ja => "ja",
            Locale::En => "en",
        }
    }

    /// Picks the locale for a BCP 47 tag such as `en-US` or `ja-JP`: exact
    /// tag, then language, else `None`.
    pub fn from_tag(tag: &str) -> Option<Locale> {
        let lang = tag.trim().split(['-', '_']).next().unwrap_or("");
        match lang.to_ascii_lowercase().as_str() {
            "ja" => Some(Locale::Ja),
            "en" => Some(Locale::En),
            _ => None,
        }
    }
}

impl fmt::Display for Locale {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.tag())
    }
}

/// A tag [`Locale::from_tag`] does not know is an [`Error::Config`] of `lang`.
impl FromStr for Locale {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        Locale::from_tag(s).ok_or_else(|| Error::Config {
            field: "lang".into(),
            message: format!("unsupported language {s:?} (expected \"ja\" or \"en\")"),
        })
    }
}

/// A text in every supported locale. Both are required: a content file that
/// lacks one fails to load with the field's path.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Text {
    /// Japanese.
    pub ja: String,
    /// English.
    pub en: String,
}

impl Text {
    /// The text in `locale`.
    pub fn get(&self, locale: Locale) -> &str {
        match locale {
            Locale::Ja => &self.ja,
            Locale::En => &self.en,
        }
    }

    /// The first locale whose text is blank, if any.
    pub fn blank_locale(&self) -> Option<Locale> {
        Locale::ALL.into_iter().find(|l| self.get(*l).trim().is_empty())
    }
}
