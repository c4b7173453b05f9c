//! Rule `invalid-enum-value`: fields with a fixed set of values must hold one of them.
//!
//! ## What it checks
//! A state's `Type` (`Task`, `Parallel`, `Map`, `Pass`, `Wait`, `Choice`, `Succeed`, `Fail`),
//! `QueryLanguage` (`JSONPath`, `JSONata`) at the top and on states, and a Map processor's
//! `ProcessorConfig` `Mode` (`INLINE`, `DISTRIBUTED`) and `ExecutionType` (`STANDARD`,
//! `EXPRESS`).
//!
//! ## Why
//! Names are case-sensitive: `"Type": "task"` is not a Task state, and the engine cannot guess.
//!
//! ## Example
//! ```json
//! {"StartAt": "A", "States": {"A": {"Type": "Sleep", "End": true}}}
//! ```
//! `SCHEMA_VALIDATION_FAILED: The value for the field 'Type' must be one of [Task, Parallel,
//! Map, Pass, Wait, Choice, Succeed, Fail] at /States/A`
//!
//! ## Fix
//! Use one of the listed values, spelled exactly so.

use serde_json::{Map, Value};

use super::context::{Definition, Scope, ScopeKind, Sink, State, StateType, child};
use super::{Rule, code};

/// The rule.
pub(super) const RULE: Rule = Rule {
    name: "invalid-enum-value",
    code: code::SCHEMA_VALIDATION_FAILED,
    summary: "fields with a fixed set of values must hold one of them",
};

const QUERY_LANGUAGES: &[&str] = &["JSONPath", "JSONata"];

pub(super) fn check_scope(_: &Definition<'_>, scope: &Scope<'_>, sink: &mut Sink) {
    match scope.kind {
        ScopeKind::Root => check(
            sink,
            &scope.pointer,
            scope.object,
            "QueryLanguage",
            QUERY_LANGUAGES,
        ),
        ScopeKind::Processor => {
            if let Some(Value::Object(config)) = scope.object.get("ProcessorConfig") {
                let pointer = child(&scope.pointer, "ProcessorConfig");
                check(sink, &pointer, config, "Mode", &["INLINE", "DISTRIBUTED"]);
                check(
                    sink,
                    &pointer,
                    config,
                    "ExecutionType",
                    &["STANDARD", "EXPRESS"],
                );
            }
        }
        ScopeKind::Branch => {}
    }
}

pub(super) fn check_state(_: &Definition<'_>, state: &State<'_>, sink: &mut Sink) {
    let Some(object) = state.object else {
        return;
    };
    let types = StateType::ALL.map(StateType::name);
    check(sink, &state.pointer, object, "Type", &types);
    check(
        sink,
        &state.pointer,
        object,
        "QueryLanguage",
        QUERY_LANGUAGES,
    );
}

fn check(
    sink: &mut Sink,
    pointer: &str,
    object: &Map<String, Value>,
    field: &str,
    values: &[&str],
) {
    let Some(value) = object.get(field) else {
        return;
    };
    if !value.as_str().is_some_and(|value| values.contains(&value)) {
        sink.schema(
            pointer,
            format!(
                "The value for the field '{field}' must be one of [{}]",
                values.join(", ")
            ),
        );
    }
}
