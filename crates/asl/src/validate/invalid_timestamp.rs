//! Rule `invalid-timestamp`: timestamps must follow RFC 3339.
//!
//! ## What it checks
//! A Wait state's `Timestamp` and the operands of a Choice rule's `Timestamp…` comparison
//! operators: `YYYY-MM-DDTHH:MM:SS`, an optional fraction of a second, and `Z` or an offset
//! `±HH:MM`, with a real date and time.
//! In a JSONata state a `{% … %}` expression is accepted instead; in a JSONPath state it is just
//! a malformed timestamp.
//!
//! ## Why
//! The engine could never tell when to wake up or how to compare.
//!
//! ## Example
//! ```json
//! {"StartAt": "WaitUntil", "States": {"WaitUntil": {"Type": "Wait",
//!   "Timestamp": "2016-12-05 21:29:29Z", "End": true}}}
//! ```
//! `SCHEMA_VALIDATION_FAILED: String does not match RFC3339 timestamp at
//! /States/WaitUntil/Timestamp`
//!
//! ## Fix
//! Write the date and time with a `T` between them and a zone: `2016-12-05T21:29:29Z`.

use serde_json::{Map, Value};

use super::context::{
    Definition, QueryLanguage, Sink, State, StateType, child, choice_rules, is_jsonata_expression,
};
use super::fields::{Operand, comparison_operator};
use super::rfc3339::is_timestamp;
use super::{Rule, code};

/// The rule.
pub(super) const RULE: Rule = Rule {
    name: "invalid-timestamp",
    code: code::SCHEMA_VALIDATION_FAILED,
    summary: "timestamps must follow RFC 3339",
};

pub(super) fn check_state(_: &Definition<'_>, state: &State<'_>, sink: &mut Sink) {
    if state.state_type == Some(StateType::Wait)
        && let Some(Value::String(timestamp)) = state.supported("Timestamp")
    {
        let expression =
            state.language == QueryLanguage::Jsonata && is_jsonata_expression(timestamp);
        if !expression && !is_timestamp(timestamp) {
            report(sink, &child(&state.pointer, "Timestamp"));
        }
    }
    if state.language == QueryLanguage::JsonPath {
        for rule in choice_rules(state) {
            check_rule(sink, &rule.pointer, rule.object);
        }
    }
}

fn check_rule(sink: &mut Sink, pointer: &str, rule: &Map<String, Value>) {
    for (name, value) in rule {
        if comparison_operator(name) == Some(Operand::Timestamp)
            && let Value::String(timestamp) = value
            && !is_timestamp(timestamp)
        {
            report(sink, &child(pointer, name));
        }
    }
}

fn report(sink: &mut Sink, pointer: &str) {
    sink.schema(pointer, "String does not match RFC3339 timestamp");
}
