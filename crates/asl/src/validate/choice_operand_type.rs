//! Rule `choice-operand-type`: the operand of a Choice rule operator must have the operator's
//! type.
//!
//! ## What it checks
//! In JSONPath Choice rules: `String…` operators and `StringMatches` take a string,
//! `Numeric…` a number, `BooleanEquals` and the `Is…` tests a boolean, `Timestamp…` a string
//! (whose format `invalid-timestamp` checks), `And` and `Or` a non-empty array of rules and
//! `Not` one rule.
//! The `…Path` forms take a path, which `invalid-path` checks.
//!
//! ## Why
//! `"NumericEquals": "5"` compares a number with a string, which is never true; AWS rejects
//! it at definition time.
//!
//! ## Example
//! ```json
//! {"Variable": "$.n", "NumericEquals": "5", "Next": "A"}
//! ```
//! `SCHEMA_VALIDATION_FAILED: The value for the field 'NumericEquals' must be a number at
//! /States/C/Choices/0`
//!
//! ## Fix
//! Write the operand as a JSON value of the right type (`5`, not `"5"`), or use the `…Path`
//! form to compare with another part of the input.

use serde_json::Value;

use super::context::{Definition, QueryLanguage, Sink, State, choice_rules};
use super::fields::{Operand, comparison_operator};
use super::{Rule, code};

/// The rule.
pub(super) const RULE: Rule = Rule {
    name: "choice-operand-type",
    code: code::SCHEMA_VALIDATION_FAILED,
    summary: "the operand of a Choice rule operator must have the operator's type",
};

pub(super) fn check_state(_: &Definition<'_>, state: &State<'_>, sink: &mut Sink) {
    if state.language != QueryLanguage::JsonPath {
        return;
    }
    for rule in choice_rules(state) {
        for (name, value) in rule.object {
            let expected = match (name.as_str(), comparison_operator(name)) {
                (_, Some(Operand::String | Operand::Timestamp)) => {
                    (!value.is_string()).then_some("a string")
                }
                (_, Some(Operand::Number)) => (!value.is_number()).then_some("a number"),
                (_, Some(Operand::Boolean)) => (!value.is_boolean()).then_some("a boolean"),
                ("And" | "Or", None) => {
                    (!is_rules(value)).then_some("a non-empty array of objects")
                }
                ("Not", None) => (!value.is_object()).then_some("an object"),
                _ => None,
            };
            if let Some(expected) = expected {
                sink.schema(
                    &rule.pointer,
                    format!("The value for the field '{name}' must be {expected}"),
                );
            }
        }
    }
}

fn is_rules(value: &Value) -> bool {
    value
        .as_array()
        .is_some_and(|rules| !rules.is_empty() && rules.iter().all(Value::is_object))
}
