//! Diagnostics: what is wrong with a definition, where, in AWS's shape.
//!
//! A [`Diagnostic`] serializes exactly like an item of the `diagnostics` array that
//! `ValidateStateMachineDefinition` returns: `severity`, `code`, `message` and, when there
//! is one, `location`.

use serde::Serialize;

/// How bad a diagnostic is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum Severity {
    /// The definition is rejected.
    Error,
    /// The definition is accepted, but probably not what was meant.
    Warning,
}

/// One problem in a definition.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    /// ERROR or WARNING.
    pub severity: Severity,
    /// A stable code in SCREAMING_SNAKE_CASE (AWS's own where AWS has one).
    pub code: String,
    /// A message in AWS's style.
    pub message: String,
    /// The JSON pointer of the offending field (`/States/Fetch/Next`).
    ///
    /// AWS writes the root as `/`, and puts a problem with a named field on the object
    /// holding it (`The field 'RoleArn' is required but was missing at
    /// /States/State0/Credentials`).
    /// It is empty when the problem has no place in the definition (the text is not a JSON
    /// object), and then it is left out of the serialized form, as AWS leaves it out.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub location: String,
}

impl Diagnostic {
    /// An ERROR.
    ///
    /// # Example
    ///
    /// ```
    /// use asl::{Diagnostic, Severity};
    ///
    /// let diagnostic = Diagnostic::error(
    ///     "SCHEMA_VALIDATION_FAILED",
    ///     "String does not match RFC3339 timestamp",
    ///     "/States/WaitUntil/Timestamp",
    /// );
    /// assert_eq!(diagnostic.severity, Severity::Error);
    /// assert_eq!(
    ///     serde_json::to_string(&diagnostic).unwrap(),
    ///     r#"{"severity":"ERROR","code":"SCHEMA_VALIDATION_FAILED","message":"String does not match RFC3339 timestamp","location":"/States/WaitUntil/Timestamp"}"#,
    /// );
    /// ```
    pub fn error(
        code: impl Into<String>,
        message: impl Into<String>,
        location: impl Into<String>,
    ) -> Self {
        Self {
            severity: Severity::Error,
            code: code.into(),
            message: message.into(),
            location: location.into(),
        }
    }

    /// A WARNING.
    pub fn warning(
        code: impl Into<String>,
        message: impl Into<String>,
        location: impl Into<String>,
    ) -> Self {
        Self {
            severity: Severity::Warning,
            ..Self::error(code, message, location)
        }
    }

    /// Whether the diagnostic rejects the definition.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}
