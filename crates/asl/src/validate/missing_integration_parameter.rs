//! Rule `missing-integration-parameter`: a Task that calls an optimized integration must
//! give the parameters that integration cannot run without.
//!
//! ## What it checks
//! A Task whose `Resource` is one of these integrations (any pattern: `.sync`,
//! `.waitForTaskToken`) must name, in `Parameters` (JSONPath, plain or with `.$`) or in an
//! `Arguments` object (JSONata):
//! * `arn:aws:states:::lambda:invoke`: `FunctionName`;
//! * `arn:aws:states:::states:startExecution`: `StateMachineArn`;
//! * `arn:aws:states:::http:invoke`: `ApiEndpoint` and `Method`.
//!
//! A Task without the field, or with `Arguments` given as one JSONata expression, fails
//! with `States.Runtime` when it runs instead.
//!
//! ## Why
//! Without them the call cannot be made, and AWS refuses such a definition when it is
//! created rather than failing every execution that reaches the state.
//!
//! ## Example
//! ```json
//! {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Parameters": {"Payload.$": "$"}, "End": true}
//! ```
//! `SCHEMA_VALIDATION_FAILED: The field 'FunctionName' is required but was missing at
//! /States/Invoke/Parameters`
//!
//! ## Fix
//! Add the field, for example `"FunctionName": "my-function"`.

use super::context::{Definition, QueryLanguage, Sink, State, StateType, child};
use super::{Rule, code};

/// The rule.
pub(super) const RULE: Rule = Rule {
    name: "missing-integration-parameter",
    code: code::SCHEMA_VALIDATION_FAILED,
    summary: "an optimized integration's Task must give the parameters the call needs",
};

/// The integrations checked, and the parameters each requires.
const REQUIRED: &[(&str, &[&str])] = &[
    ("arn:aws:states:::lambda:invoke", &["FunctionName"]),
    (
        "arn:aws:states:::states:startExecution",
        &["StateMachineArn"],
    ),
    ("arn:aws:states:::http:invoke", &["ApiEndpoint", "Method"]),
];

/// The patterns a resource may end with.
const PATTERNS: &[&str] = &["", ".sync", ".sync:2", ".waitForTaskToken"];

pub(super) fn check_state(_: &Definition<'_>, state: &State<'_>, sink: &mut Sink) {
    if state.state_type != Some(StateType::Task) {
        return;
    }
    let Some(resource) = state.get_str("Resource") else {
        return;
    };
    let Some(required) = REQUIRED.iter().find_map(|(integration, required)| {
        let pattern = resource.strip_prefix(integration)?;
        PATTERNS.contains(&pattern).then_some(*required)
    }) else {
        return;
    };
    let field = match state.language {
        QueryLanguage::JsonPath => "Parameters",
        QueryLanguage::Jsonata => "Arguments",
    };
    // Without the field, or with an expression, the task fails when it runs.
    let Some(parameters) = state.supported(field).and_then(|value| value.as_object()) else {
        return;
    };
    let pointer = child(&state.pointer, field);
    for name in required {
        let given = parameters.contains_key(*name)
            || (state.language == QueryLanguage::JsonPath
                && parameters.contains_key(&format!("{name}.$")));
        if !given {
            sink.schema(
                &pointer,
                format!("The field '{name}' is required but was missing"),
            );
        }
    }
}
