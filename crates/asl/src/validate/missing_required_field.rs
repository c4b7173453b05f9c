//! Rule `missing-required-field`: objects must have the fields their kind requires.
//!
//! ## What it checks
//! * The definition, each Parallel branch and each Map `ItemProcessor`: `States` and
//!   `StartAt`.
//! * Every state: `Type`; a Task: `Resource`; a Choice: `Choices`; a Parallel: `Branches`; a
//!   Map: `ItemProcessor` (or the older `Iterator`).
//! * Every Retrier: `ErrorEquals`; every Catcher: `ErrorEquals` and `Next`.
//! * Every rule in `Choices`: `Next`, and `Condition` in JSONata.
//! * A Task's `Credentials`: a role (`RoleArn`, `RoleArn.$` or `RoleArnPath`).
//! * A Map's `ItemReader`: `Resource`.
//!
//! ## Why
//! Without them the engine cannot know where to start, what a state is, or where to go.
//!
//! ## Example
//! ```json
//! {"Comment": "BASE_INVALID_DER", "StartAt": "State_1"}
//! ```
//! `SCHEMA_VALIDATION_FAILED: These fields are required: [States] at /`
//!
//! ## Fix
//! Add the fields the message lists.

use serde_json::{Map, Value};

use super::context::{Definition, QueryLanguage, Scope, Sink, State, StateType, choice_rules};
use super::{Rule, code};

/// The rule.
pub(super) const RULE: Rule = Rule {
    name: "missing-required-field",
    code: code::SCHEMA_VALIDATION_FAILED,
    summary: "objects must have the fields their kind requires",
};

pub(super) fn check_scope(_: &Definition<'_>, scope: &Scope<'_>, sink: &mut Sink) {
    require(sink, &scope.pointer, scope.object, &["States", "StartAt"]);
}

pub(super) fn check_state(_: &Definition<'_>, state: &State<'_>, sink: &mut Sink) {
    let Some(object) = state.object else {
        return;
    };
    if !object.contains_key("Type") {
        require(sink, &state.pointer, object, &["Type"]);
        return;
    }
    match state.state_type {
        Some(StateType::Task) => require(sink, &state.pointer, object, &["Resource"]),
        Some(StateType::Choice) => require(sink, &state.pointer, object, &["Choices"]),
        Some(StateType::Parallel) => require(sink, &state.pointer, object, &["Branches"]),
        Some(StateType::Map) if !object.contains_key("Iterator") => {
            require(sink, &state.pointer, object, &["ItemProcessor"]);
        }
        _ => {}
    }
    for (pointer, retrier) in state.objects_in("Retry") {
        require(sink, &pointer, retrier, &["ErrorEquals"]);
    }
    for (pointer, catcher) in state.objects_in("Catch") {
        require(sink, &pointer, catcher, &["ErrorEquals", "Next"]);
    }
    for rule in choice_rules(state)
        .into_iter()
        .filter(|rule| rule.top_level)
    {
        match state.language {
            QueryLanguage::JsonPath => {
                require(sink, &rule.pointer, rule.object, &["Next"]);
            }
            QueryLanguage::Jsonata => {
                require(sink, &rule.pointer, rule.object, &["Condition", "Next"]);
            }
        }
    }
    if let Some((pointer, credentials)) = state.supported_object("Credentials") {
        let roles: &[&str] = match state.language {
            QueryLanguage::JsonPath => &["RoleArn", "RoleArn.$", "RoleArnPath"],
            QueryLanguage::Jsonata => &["RoleArn"],
        };
        if !roles.iter().any(|role| credentials.contains_key(*role)) {
            sink.schema(&pointer, "The field 'RoleArn' is required but was missing");
        }
    }
    if let Some((pointer, reader)) = state.supported_object("ItemReader") {
        require(sink, &pointer, reader, &["Resource"]);
    }
}

/// Reports the `fields` that `object` lacks, in one diagnostic.
fn require(sink: &mut Sink, pointer: &str, object: &Map<String, Value>, fields: &[&str]) {
    let missing: Vec<&str> = fields
        .iter()
        .copied()
        .filter(|field| !object.contains_key(*field))
        .collect();
    if !missing.is_empty() {
        sink.schema(
            pointer,
            format!("These fields are required: [{}]", missing.join(", ")),
        );
    }
}
