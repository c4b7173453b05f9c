//! Rule `choice-rule-operator`: a JSONPath Choice rule has exactly one operator, and a
//! `Variable` exactly when the operator compares data.
//!
//! ## What it checks
//! Every rule of a JSONPath Choice state, at every depth of `And`, `Or` and `Not`: one
//! comparison operator (`StringEquals`, `NumericLessThanPath`, `IsPresent`, …) or one logical
//! operator (`And`, `Or`, `Not`); a comparison operator comes with `Variable`, a logical one
//! without it.
//!
//! ## Why
//! With two operators the rule would be ambiguous; without `Variable` a comparison has
//! nothing to compare.
//!
//! ## Example
//! ```json
//! {"Variable": "$.n", "NumericEquals": 1, "NumericGreaterThan": 0, "Next": "A"}
//! ```
//! `SCHEMA_VALIDATION_FAILED: These fields cannot be specified together: [NumericEquals,
//! NumericGreaterThan] at /States/C/Choices/0`
//!
//! ## Fix
//! Split the rule, or combine comparisons with `And` or `Or`.

use super::context::{Definition, QueryLanguage, Sink, State, choice_rules};
use super::fields::{comparison_operator, is_operator};
use super::{Rule, code};

/// The rule.
pub(super) const RULE: Rule = Rule {
    name: "choice-rule-operator",
    code: code::SCHEMA_VALIDATION_FAILED,
    summary: "a JSONPath Choice rule has exactly one operator, and Variable with comparisons",
};

pub(super) fn check_state(_: &Definition<'_>, state: &State<'_>, sink: &mut Sink) {
    if state.language != QueryLanguage::JsonPath {
        return;
    }
    for rule in choice_rules(state) {
        let operators: Vec<&str> = rule
            .object
            .keys()
            .map(String::as_str)
            .filter(|name| is_operator(name))
            .collect();
        match operators.as_slice() {
            [] => sink.schema(
                &rule.pointer,
                "A Choice Rule must have exactly one comparison operator",
            ),
            [operator] => {
                let has_variable = rule.object.contains_key("Variable");
                if comparison_operator(operator).is_some() {
                    if !has_variable {
                        sink.schema(&rule.pointer, "These fields are required: [Variable]");
                    }
                } else if has_variable {
                    sink.schema(
                        &rule.pointer,
                        format!("Field 'Variable' is not supported with '{operator}'"),
                    );
                }
            }
            _ => sink.schema(
                &rule.pointer,
                format!(
                    "These fields cannot be specified together: [{}]",
                    operators.join(", ")
                ),
            ),
        }
    }
}
