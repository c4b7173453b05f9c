//! Rule `express-unsupported-integration`: Express state machines cannot wait for jobs,
//! callbacks or activities.
//!
//! ## What it checks
//! Only when validating for `EXPRESS`: that no Task's `Resource` uses the `.sync` or
//! `.waitForTaskToken` integration pattern, or names an activity.
//!
//! ## Why
//! Express executions last at most five minutes and keep no history to resume from, so AWS
//! offers them only the request-response pattern.
//!
//! ## Example
//! ```json
//! {"Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken", "End": true}
//! ```
//! `SCHEMA_VALIDATION_FAILED: Express state machine does not support '.waitForTaskToken'
//! service integration  at /States/SendMessageWithWait/Resource` (AWS's message ends with a
//! space).
//!
//! ## Fix
//! Use the request-response form of the integration, or a STANDARD state machine.

use super::StateMachineType;
use super::context::{Definition, Sink, State, StateType, child};
use super::{Rule, code};

/// The rule.
pub(super) const RULE: Rule = Rule {
    name: "express-unsupported-integration",
    code: code::SCHEMA_VALIDATION_FAILED,
    summary: "Express state machines cannot use .sync, .waitForTaskToken or activities",
};

pub(super) fn check_state(definition: &Definition<'_>, state: &State<'_>, sink: &mut Sink) {
    if definition.machine_type != StateMachineType::Express
        || state.state_type != Some(StateType::Task)
    {
        return;
    }
    let Some(resource) = state.get_str("Resource") else {
        return;
    };
    let pointer = child(&state.pointer, "Resource");
    for pattern in [".waitForTaskToken", ".sync"] {
        if resource.ends_with(pattern) || resource.contains(&format!("{pattern}:")) {
            // AWS's message ends with a space.
            sink.schema(
                &pointer,
                format!("Express state machine does not support '{pattern}' service integration "),
            );
            return;
        }
    }
    if is_activity(resource) {
        sink.schema(
            &pointer,
            "Express state machine does not support activities",
        );
    }
}

/// Whether `resource` is an activity ARN (`arn:aws:states:<region>:<account>:activity:<name>`).
fn is_activity(resource: &str) -> bool {
    let parts: Vec<&str> = resource.splitn(7, ':').collect();
    matches!(parts.as_slice(), ["arn", _, "states", _, _, "activity", _])
}
