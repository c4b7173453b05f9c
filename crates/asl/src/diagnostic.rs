//! Diagnostics: what is wrong with a definition, where, in AWS's shape.

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
    pub location: String,
}
