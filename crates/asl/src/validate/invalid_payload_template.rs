//! Rule `invalid-payload-template`: in payload templates, a key ending in `.$` must hold a
//! path or an intrinsic function call.
//!
//! ## What it checks
//! In JSONPath states, every object at any depth of `Parameters`, `ResultSelector`,
//! `ItemSelector`, `Assign` (of the state, of a rule in `Choices` or of a Catcher),
//! `Credentials` and the `Parameters` of an `ItemReader` or `ResultWriter`: the value of each
//! key ending in `.$` is a string holding a JSONPath (`$…`, `$$…`, or `$name…` to read the
//! variable `name`) or an intrinsic function call (`States.Format('{}', $.name)`), whose
//! string literals escape only `'`, `{`, `}` and `\`.
//! A Pass state's `Result` is not a template: its `.$` keys are plain data.
//!
//! ## Why
//! The `.$` suffix asks the engine to evaluate the value; a value it cannot evaluate would
//! fail every execution with `States.ParameterPathFailure` or `States.IntrinsicFailure`.
//!
//! ## Example
//! ```json
//! {"StartAt": "A", "States": {"A": {"Type": "Pass",
//!   "Parameters": {"parsed.$": "States.StringToJson('{\"a\":\"\\\"\"}')"}, "End": true}}}
//! ```
//! `SCHEMA_VALIDATION_FAILED: The value for the field 'parsed.$' must be a valid JSONPath or a
//! valid intrinsic function call at /States/A/Parameters`
//!
//! ## Fix
//! Fix the path or the call; drop the `.$` suffix to pass the string as it is.

use serde_json::Value;

use super::context::{
    Definition, MAX_VALUE_DEPTH, QueryLanguage, Sink, State, child, choice_rules,
};
use super::paths::{Roots, is_intrinsic, is_path};
use super::{Rule, code};

/// The rule.
pub(super) const RULE: Rule = Rule {
    name: "invalid-payload-template",
    code: code::SCHEMA_VALIDATION_FAILED,
    summary: "in payload templates, a key ending in .$ must hold a path or an intrinsic call",
};

/// The template fields of states.
const TEMPLATES: &[&str] = &[
    "Parameters",
    "ResultSelector",
    "ItemSelector",
    "Assign",
    "Credentials",
];

pub(super) fn check_state(_: &Definition<'_>, state: &State<'_>, sink: &mut Sink) {
    if state.language != QueryLanguage::JsonPath {
        return;
    }
    for name in TEMPLATES {
        if let Some(template) = state.supported(name) {
            check(sink, &child(&state.pointer, name), template, 0);
        }
    }
    for block in ["ItemReader", "ResultWriter"] {
        if let Some((pointer, object)) = state.supported_object(block)
            && let Some(template) = object.get("Parameters")
        {
            check(sink, &child(&pointer, "Parameters"), template, 0);
        }
    }
    let nested = choice_rules(state)
        .into_iter()
        .filter(|rule| rule.top_level)
        .map(|rule| (rule.pointer, rule.object))
        .chain(state.objects_in("Catch"));
    for (pointer, object) in nested {
        if let Some(template) = object.get("Assign") {
            check(sink, &child(&pointer, "Assign"), template, 0);
        }
    }
}

fn check(sink: &mut Sink, pointer: &str, template: &Value, depth: usize) {
    if depth >= MAX_VALUE_DEPTH {
        return;
    }
    match template {
        Value::Object(members) => {
            for (key, value) in members {
                if key.ends_with(".$") {
                    let valid = value
                        .as_str()
                        .is_some_and(|text| is_path(text, Roots::Any) || is_intrinsic(text));
                    if !valid {
                        sink.schema(
                            pointer,
                            format!(
                                "The value for the field '{key}' must be a valid JSONPath or a valid intrinsic function call"
                            ),
                        );
                    }
                } else {
                    check(sink, &child(pointer, key), value, depth + 1);
                }
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
