//! Rule `definition-not-object`: the definition must be a JSON object.
//!
//! ## What it checks
//! That the definition's JSON value is an object, and that its text is not blank.
//!
//! ## Why
//! A state machine is an object with `StartAt` and `States`; AWS refuses anything else
//! before looking further, and gives this diagnostic no location.
//!
//! ## Example
//! ```json
//! ["StartAt", "States"]
//! ```
//! `SCHEMA_VALIDATION_FAILED: Definition must be a valid JSON object`
//!
//! ## Fix
//! Wrap the definition in an object: `{"StartAt": "First", "States": {…}}`.

use super::{Rule, code};
use crate::Diagnostic;

/// The rule.
pub(super) const RULE: Rule = Rule {
    name: "definition-not-object",
    code: code::SCHEMA_VALIDATION_FAILED,
    summary: "the definition must be a JSON object",
};

/// The diagnostic, which has no location.
pub(super) fn diagnostic() -> Diagnostic {
    Diagnostic::error(
        code::SCHEMA_VALIDATION_FAILED,
        "Definition must be a valid JSON object",
        "",
    )
}
