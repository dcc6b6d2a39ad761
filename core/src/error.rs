//! The crate's one error type.

use crate::domain::ContentError;
use std::fmt;

/// Everything that can stop the widget from showing the assessment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Error {
    /// The content set failed to parse or validate.
    Content(ContentError),
    /// The host page's configuration is unusable; the message names the field.
    Config(String),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Content(e) => e.fmt(f),
            Error::Config(m) => write!(f, "config: {m}"),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Content(e) => Some(e),
            Error::Config(_) => None,
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
