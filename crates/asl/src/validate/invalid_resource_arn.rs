//! Rule `invalid-resource-arn`: a Task's `Resource` must be an ARN.
//!
//! ## What it checks
//! That a Task's `Resource` has the shape `arn:<partition>:<service>:<region>:<account>:<rest>`
//! (region and account may be empty, as in `arn:aws:states:::lambda:invoke`).
//!
//! ## Why
//! The resource names what the engine runs: a Lambda function, a service integration, an
//! activity; a bare name identifies none of them.
//!
//! ## Example
//! ```json
//! {"Type": "Task", "Resource": "my-function", "End": true}
//! ```
//! `SCHEMA_VALIDATION_FAILED: Value is not a valid resource ARN at /States/Task/Resource`
//!
//! ## Fix
//! Use the full ARN, such as `arn:aws:lambda:us-east-1:123456789012:function:my-function`.

use super::context::{Definition, Sink, State, StateType, child};
use super::{Rule, code};

/// The rule.
pub(super) const RULE: Rule = Rule {
    name: "invalid-resource-arn",
    code: code::SCHEMA_VALIDATION_FAILED,
    summary: "a Task's Resource must be an ARN",
};

pub(super) fn check_state(_: &Definition<'_>, state: &State<'_>, sink: &mut Sink) {
    if state.state_type != Some(StateType::Task) {
        return;
    }
    let Some(resource) = state.get_str("Resource") else {
        return;
    };
    let parts: Vec<&str> = resource.splitn(6, ':').collect();
    let valid = matches!(
        parts.as_slice(),
        ["arn", partition, service, _, _, rest]
            if !partition.is_empty() && !service.is_empty() && !rest.is_empty()
    );
    if !valid {
        sink.schema(
            &child(&state.pointer, "Resource"),
            "Value is not a valid resource ARN",
        );
    }
}
