//! Rule `missing-next-or-end`: a state that is not terminal by type must say where to go.
//!
//! ## What it checks
//! That every Task, Pass, Wait, Parallel and Map state has `Next`, or `"End": true`.
//!
//! ## Why
//! Only Choice, Succeed and Fail states decide on their own what comes after them.
//!
//! ## Example
//! ```json
//! {"StartAt": "A", "States": {"A": {"Type": "Pass"}}}
//! ```
//! `SCHEMA_VALIDATION_FAILED: One of these fields is required: [Next, End] at /States/A`
//!
//! ## Fix
//! Add `"Next": "<state>"`, or `"End": true` if the state machine ends there.

use super::context::{Definition, Sink, State};
use super::{Rule, code};

/// The rule.
pub(super) const RULE: Rule = Rule {
    name: "missing-next-or-end",
    code: code::SCHEMA_VALIDATION_FAILED,
    summary: "a state that is not terminal by type must have Next or End",
};

pub(super) fn check_state(_: &Definition<'_>, state: &State<'_>, sink: &mut Sink) {
    let Some(state_type) = state.state_type else {
        return;
    };
    // An `End` that is not a boolean is `invalid-field-type`'s.
    let end_is_malformed = state.get("End").is_some_and(|end| !end.is_boolean());
    if state_type.has_transition() && !state.has("Next") && !state.is_end() && !end_is_malformed {
        sink.schema(
            &state.pointer,
            "One of these fields is required: [Next, End]",
        );
    }
}
