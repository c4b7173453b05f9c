//! Rule `invalid-jsonata-expression`: every JSONata expression must parse.
//!
//! ## What it checks
//! In JSONata states, every string of the form `{% … %}` (exactly: no space before `{%` or
//! after `%}`) in the fields that evaluate expressions, at any depth of their objects and
//! arrays: `Arguments`, `Output`, `Assign`, `Items`, `ItemSelector`, `Credentials`, a Task's
//! `TimeoutSeconds` and `HeartbeatSeconds`, a Wait state's `Seconds` and `Timestamp`, a Fail
//! state's `Error` and `Cause`, a Map's `MaxConcurrency`, `ToleratedFailureCount` and
//! `ToleratedFailurePercentage`, everything but the `Resource` of a Map's `ItemReader`,
//! `ItemBatcher` and `ResultWriter`, a Choice rule's `Condition`, `Output` and `Assign`, and a
//! Catcher's `Output` and `Assign`.
//! The expression must be JSONata 2.0.6 as AWS runs it: the 2.1 operators `?:` and `??` and
//! the function `$eval` are refused too.
//! In JSONPath states `{% … %}` is a plain string and is not checked.
//!
//! The diagnostic sits at the string itself, and its message is the parser's, without the
//! JSONata error code, as AWS reports it (`INVALID_JSONATA_EXPRESSION: Unexpected end of
//! expression at /States/A/Output`).
//! FIXME: the parser (jsonata-core) names tokens where jsonata-js, and so AWS, quotes them:
//! `Expected RightBracket, got Comma` where AWS says `Expected "]", got ","`; the `jsonata`
//! crate should translate them.
//!
//! ## Why
//! An expression that does not parse would fail every execution that reaches it with
//! `States.QueryEvaluationError`; AWS refuses the definition instead.
//!
//! ## Example
//! ```json
//! {"QueryLanguage": "JSONata", "StartAt": "A", "States": {"A": {"Type": "Pass",
//!   "Output": {"total": "{% $states.input.price * %}"}, "End": true}}}
//! ```
//! `INVALID_JSONATA_EXPRESSION: Unexpected end of expression at /States/A/Output/total`
//!
//! ## Fix
//! Complete or correct the expression; try it at <https://try.jsonata.org> against the state's
//! input bound to `$states.input`.

use serde_json::{Map, Value};

use super::context::{
    Definition, MAX_VALUE_DEPTH, QueryLanguage, Sink, State, child, choice_rules,
};
use super::{Rule, code};

/// The rule.
pub(super) const RULE: Rule = Rule {
    name: "invalid-jsonata-expression",
    code: code::INVALID_JSONATA_EXPRESSION,
    summary: "every JSONata expression ({% … %}) in a JSONata state must parse",
};

/// The state fields whose values may hold expressions, at any depth.
const STATE_FIELDS: &[&str] = &[
    "Arguments",
    "Output",
    "Assign",
    "Items",
    "ItemSelector",
    "Credentials",
    "TimeoutSeconds",
    "HeartbeatSeconds",
    "Seconds",
    "Timestamp",
    "Error",
    "Cause",
    "MaxConcurrency",
    "ToleratedFailureCount",
    "ToleratedFailurePercentage",
];

/// The Distributed Map blocks, whose members all may hold expressions but `Resource`.
const BLOCKS: &[&str] = &["ItemReader", "ItemBatcher", "ResultWriter"];

pub(super) fn check_state(_: &Definition<'_>, state: &State<'_>, sink: &mut Sink) {
    if state.language != QueryLanguage::Jsonata {
        return;
    }
    for name in STATE_FIELDS {
        if let Some(value) = state.supported(name) {
            check(sink, &child(&state.pointer, name), value, 0);
        }
    }
    for block in BLOCKS {
        if let Some((pointer, object)) = state.supported_object(block) {
            let members = object.iter().filter(|(name, _)| *name != "Resource");
            check_members(sink, &pointer, members);
        }
    }
    for rule in choice_rules(state)
        .into_iter()
        .filter(|rule| rule.top_level)
    {
        check_fields(
            sink,
            &rule.pointer,
            rule.object,
            &["Condition", "Output", "Assign"],
        );
    }
    for (pointer, catcher) in state.objects_in("Catch") {
        check_fields(sink, &pointer, catcher, &["Output", "Assign"]);
    }
}

/// Checks the listed fields of `object`.
fn check_fields(sink: &mut Sink, pointer: &str, object: &Map<String, Value>, fields: &[&str]) {
    let members = object
        .iter()
        .filter(|(name, _)| fields.contains(&name.as_str()));
    check_members(sink, pointer, members);
}

fn check_members<'a>(
    sink: &mut Sink,
    pointer: &str,
    members: impl Iterator<Item = (&'a String, &'a Value)>,
) {
    for (name, value) in members {
        check(sink, &child(pointer, name), value, 0);
    }
}

/// Checks every expression in `value`, which sits at `pointer`.
fn check(sink: &mut Sink, pointer: &str, value: &Value, depth: usize) {
    if depth >= MAX_VALUE_DEPTH {
        return;
    }
    match value {
        Value::String(text) => {
            if let Some(expression) = jsonata::template_expression(text)
                && let Err(err) = jsonata::Expression::parse(expression)
            {
                sink.push(code::INVALID_JSONATA_EXPRESSION, pointer, err.message());
            }
        }
        Value::Object(members) => {
            for (name, member) in members {
                check(sink, &child(pointer, name), member, depth + 1);
            }
        }
        Value::Array(items) => {
            for (index, item) in items.iter().enumerate() {
                check(sink, &child(pointer, &index.to_string()), item, depth + 1);
            }
        }
        _ => {}
    }
}
