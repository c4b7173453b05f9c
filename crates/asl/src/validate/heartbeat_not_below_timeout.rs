//! Rule `heartbeat-not-below-timeout`: a Task's heartbeat must be shorter than its timeout.
//!
//! ## What it checks
//! That a Task's `HeartbeatSeconds` is smaller than its `TimeoutSeconds` (99999999 when
//! absent), when both are integers (`numeric-field-range` reports the others).
//!
//! ## Why
//! A heartbeat that never comes before the timeout can never fire.
//!
//! ## Example
//! ```json
//! {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
//!  "TimeoutSeconds": 60, "HeartbeatSeconds": 60, "End": true}
//! ```
//! `SCHEMA_VALIDATION_FAILED: The value for the field 'HeartbeatSeconds' must be smaller than
//! the value for the field 'TimeoutSeconds' at /States/Task`
//!
//! ## Fix
//! Lower `HeartbeatSeconds` or raise `TimeoutSeconds`.

use super::context::{Definition, Sink, State, StateType, as_integer};
use super::{Rule, code};

/// The rule.
pub(super) const RULE: Rule = Rule {
    name: "heartbeat-not-below-timeout",
    code: code::SCHEMA_VALIDATION_FAILED,
    summary: "a Task's HeartbeatSeconds must be smaller than its TimeoutSeconds",
};

/// A Task's timeout when it has no `TimeoutSeconds`.
const DEFAULT_TIMEOUT_SECONDS: i128 = 99_999_999;

pub(super) fn check_state(_: &Definition<'_>, state: &State<'_>, sink: &mut Sink) {
    if state.state_type != Some(StateType::Task) {
        return;
    }
    let Some(heartbeat) = state.get("HeartbeatSeconds").and_then(as_integer) else {
        return;
    };
    let timeout = match state.get("TimeoutSeconds") {
        None => DEFAULT_TIMEOUT_SECONDS,
        Some(value) => match as_integer(value) {
            Some(timeout) => timeout,
            None => return,
        },
    };
    if heartbeat >= timeout {
        sink.schema(
            &state.pointer,
            "The value for the field 'HeartbeatSeconds' must be smaller than the value for the field 'TimeoutSeconds'",
        );
    }
}
