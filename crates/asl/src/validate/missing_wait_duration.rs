//! Rule `missing-wait-duration`: a Wait state must say how long to wait.
//!
//! ## What it checks
//! That every Wait state has one of `Seconds`, `Timestamp`, `SecondsPath` and
//! `TimestampPath` (only `Seconds` and `Timestamp` in JSONata).
//! Having more than one is `exclusive-fields`'s to report.
//!
//! ## Why
//! A Wait state without a duration has nothing to wait for.
//!
//! ## Example
//! ```json
//! {"StartAt": "W", "States": {"W": {"Type": "Wait", "End": true}}}
//! ```
//! `SCHEMA_VALIDATION_FAILED: One of these fields is required: [Seconds, Timestamp,
//! SecondsPath, TimestampPath] at /States/W`
//!
//! ## Fix
//! Add one, such as `"Seconds": 10`.

use super::context::{Definition, QueryLanguage, Sink, State, StateType};
use super::{Rule, code};

/// The rule.
pub(super) const RULE: Rule = Rule {
    name: "missing-wait-duration",
    code: code::SCHEMA_VALIDATION_FAILED,
    summary: "a Wait state must have Seconds, Timestamp, SecondsPath or TimestampPath",
};

pub(super) fn check_state(_: &Definition<'_>, state: &State<'_>, sink: &mut Sink) {
    if state.state_type != Some(StateType::Wait) {
        return;
    }
    let fields: &[&str] = match state.language {
        QueryLanguage::JsonPath => &["Seconds", "Timestamp", "SecondsPath", "TimestampPath"],
        QueryLanguage::Jsonata => &["Seconds", "Timestamp"],
    };
    if !fields.iter().any(|field| state.has(field)) {
        sink.schema(
            &state.pointer,
            format!("One of these fields is required: [{}]", fields.join(", ")),
        );
    }
}
