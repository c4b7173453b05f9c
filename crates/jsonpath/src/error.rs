//! The two kinds of error this crate returns: `ParseError` when a definition holds a bad path,
//! template or intrinsic call, and `Failure` when an evaluation fails at run time as AWS would.

use std::fmt;

/// Why a path, reference path, intrinsic call or payload template could not be compiled.
///
/// The validator turns these into diagnostics, so the message names the offending text.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct ParseError {
    message: String,
    reason: String,
    pointer: String,
}

impl ParseError {
    pub(crate) fn new(message: impl Into<String>) -> Self {
        ParseError {
            message: message.into(),
            reason: String::new(),
            pointer: String::new(),
        }
    }

    /// An error whose message is AWS's sentence and whose reason says what exactly is wrong.
    pub(crate) fn with_reason(message: impl Into<String>, reason: impl Into<String>) -> Self {
        ParseError {
            reason: reason.into(),
            ..ParseError::new(message)
        }
    }

    /// Prefixes the pointer with one more level, as the template compiler unwinds.
    pub(crate) fn within(mut self, key: &str) -> Self {
        let escaped = key.replace('~', "~0").replace('/', "~1");
        self.pointer = format!("/{escaped}{}", self.pointer);
        self
    }

    /// The human-readable explanation, lowercase and without a trailing period.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// What exactly is wrong, when the message is AWS's general sentence; empty otherwise.
    pub fn reason(&self) -> &str {
        &self.reason
    }

    /// Where inside a payload template the problem is, as a JSON pointer (for example `/a/b.$`).
    ///
    /// It is empty for errors that are not inside a template.
    pub fn pointer(&self) -> &str {
        &self.pointer
    }
}

/// An ASL run-time failure, which flows through `Retry` and `Catch` as data.
///
/// `error` is the ASL error name (for example `States.Runtime`).
/// `cause` is AWS's message without its common prefix
/// "An error occurred while executing the state 'X' (entered at the event id #N). ",
/// which the engine adds because only it knows the state and the event.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Failure {
    /// The ASL error name, for example `States.Runtime`.
    pub error: String,
    /// The message text that follows AWS's common prefix.
    pub cause: String,
}

impl Failure {
    /// A failure with the given error name and cause.
    pub fn new(error: impl Into<String>, cause: impl Into<String>) -> Self {
        Failure {
            error: error.into(),
            cause: cause.into(),
        }
    }

    /// A `States.Runtime` failure, the name AWS gives to path and intrinsic failures.
    pub fn runtime(cause: impl Into<String>) -> Self {
        Failure::new("States.Runtime", cause)
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.error, self.cause)
    }
}

impl std::error::Error for Failure {}
