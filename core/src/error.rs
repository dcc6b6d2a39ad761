//! The crate's one error type.
//!
//! Every decoder of outside input (the host's settings, a content file, a
//! share link, stored progress, an answer sheet) refuses with an [`Error`]
//! that names the field and repeats the value. Its `Display` is the message
//! the widget shows (or logs) as is, so the payloads are kept as parts and
//! joined only there.

use crate::domain::decode::clip;
use crate::domain::ContentError;
use crate::json;
use std::fmt;

/// Everything that can stop the widget from showing the assessment, or make
/// it refuse a link or stored progress.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Error {
    /// A setting of the host page is unusable: `field` names it as the site
    /// owner wrote it (`attribute cta-url`, `config.lead.gate`, or `config`
    /// for the document as a whole), `message` says what is wrong with its
    /// value and repeats the value.
    Config {
        /// The setting, as written: `attribute mode`, `config.theme.accent`.
        field: String,
        /// What is wrong with its value, e.g. `unsupported mode "quizz" (…)`.
        message: String,
    },
    /// A JSON document the widget was given (its `config`, or the loader's
    /// `attributes`) is not JSON at all.
    Json {
        /// The document: `config` or `attributes`.
        document: &'static str,
        /// The syntax error and where it is.
        error: json::Error,
    },
    /// A share link (`#b2ba=…`) could not be read; the message says why.
    ShareLink(String),
    /// A choice that does not fit its step, or an answer sheet naming an
    /// unknown id; the message names the step or id.
    Answer(String),
    /// Stored progress could not be read: `field` is the part of the record
    /// (`place.step`, `answers`; empty for the record as a whole), `message`
    /// what is wrong with it.
    Progress {
        /// The part of the record; empty for the whole.
        field: String,
        /// What is wrong with it.
        message: String,
    },
    /// The content set failed to parse or validate.
    Content(ContentError),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            // An error repeats the offending key or value; not a megabyte
            // of it. Clipped as a whole, so the message reads as it always has.
            Error::Config { field, message } => clipped(f, format_args!("{field}: {message}")),
            Error::Json { document, error } => write!(f, "{document}: not valid JSON: {error}"),
            Error::ShareLink(m) => write!(f, "share link: {m}"),
            Error::Answer(m) => f.write_str(m),
            Error::Progress { field, message } if field.is_empty() => clipped(f, format_args!("progress: {message}")),
            Error::Progress { field, message } => clipped(f, format_args!("progress: {field}: {message}")),
            Error::Content(e) => e.fmt(f),
        }
    }
}

/// Writes `args`, clipped as [`clip`] does.
#[inline(never)]
fn clipped(f: &mut fmt::Formatter<'_>, args: fmt::Arguments<'_>) -> fmt::Result {
    f.write_str(&clip(fmt::format(args)))
}

impl std::error::Error for Error {
    /// The typed error underneath, for a content file or a JSON syntax
    /// error (its text is part of this error's message too).
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Json { error, .. } => Some(error),
            Error::Content(e) => Some(e),
            Error::Config { .. } | Error::ShareLink(_) | Error::Answer(_) | Error::Progress { .. } => None,
        }
    }
}

impl From<ContentError> for Error {
    fn from(e: ContentError) -> Self {
        Error::Content(e)
    }
}

/// Result with [`Error`].
pub type Result<T> = std::result::Result<T, Error>;
