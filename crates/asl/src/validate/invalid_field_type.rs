//! Rule `invalid-field-type`: fields must hold the JSON type the language gives them.
//!
//! ## What it checks
//! The JSON type of the structural fields: `StartAt`, `Next`, `Default`, `Resource`,
//! `Comment`, `Label`, `Error` and `Cause` are strings; `States`, each state, `ItemProcessor`,
//! `Credentials`, `Assign` and the other configuration blocks are objects; `End` is a
//! boolean; `Choices` and `Branches` are non-empty arrays of objects; `Retry` and `Catch` are
//! arrays of objects; `ErrorEquals` is a non-empty array of strings.
//! Paths, numbers, timestamps and Choice operands have rules of their own.
//!
//! ## Why
//! The engine cannot follow a `Next` that is a number or run a state that is a string.
//!
//! ## Example
//! ```json
//! {"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": 1}}}
//! ```
//! `SCHEMA_VALIDATION_FAILED: The value for the field 'Next' must be a string at /States/A`
//!
//! ## Fix
//! Give the field a value of the type the message names.

use serde_json::{Map, Value};

use super::context::{
    Definition, QueryLanguage, Scope, ScopeKind, Sink, State, choice_rules, is_jsonata_expression,
};
use super::{Rule, code};

/// The rule.
pub(super) const RULE: Rule = Rule {
    name: "invalid-field-type",
    code: code::SCHEMA_VALIDATION_FAILED,
    summary: "fields must hold the JSON type the language gives them",
};

/// A JSON type a field may be required to have.
#[derive(Clone, Copy)]
enum Expected {
    String,
    Boolean,
    Object,
    /// An array of objects, non-empty when `true`.
    Objects(bool),
    /// A non-empty array of strings.
    Strings,
    /// An object, or a JSONata expression in a JSONata state.
    ObjectOrExpression,
    /// An array, or a JSONata expression.
    ArrayOrExpression,
    /// A boolean, or a JSONata expression.
    BooleanOrExpression,
}

impl Expected {
    fn accepts(self, value: &Value) -> bool {
        let is_expression = || value.as_str().is_some_and(is_jsonata_expression);
        match self {
            Self::String => value.is_string(),
            Self::Boolean => value.is_boolean(),
            Self::Object => value.is_object(),
            Self::Objects(non_empty) => value.as_array().is_some_and(|items| {
                !(non_empty && items.is_empty()) && items.iter().all(Value::is_object)
            }),
            Self::Strings => value
                .as_array()
                .is_some_and(|items| !items.is_empty() && items.iter().all(Value::is_string)),
            Self::ObjectOrExpression => value.is_object() || is_expression(),
            Self::ArrayOrExpression => value.is_array() || is_expression(),
            Self::BooleanOrExpression => value.is_boolean() || is_expression(),
        }
    }

    fn description(self) -> &'static str {
        match self {
            Self::String => "a string",
            Self::Boolean => "a boolean",
            Self::Object => "an object",
            Self::Objects(true) => "a non-empty array of objects",
            Self::Objects(false) => "an array of objects",
            Self::Strings => "a non-empty array of strings",
            Self::ObjectOrExpression => "an object or a JSONata expression",
            Self::ArrayOrExpression => "an array or a JSONata expression",
            Self::BooleanOrExpression => "a boolean or a JSONata expression",
        }
    }
}

/// The fields of a state this rule knows, with the type they need.
const STATE_FIELDS: &[(&str, Expected)] = &[
    ("Comment", Expected::String),
    ("Next", Expected::String),
    ("End", Expected::Boolean),
    ("Resource", Expected::String),
    ("Default", Expected::String),
    ("Choices", Expected::Objects(true)),
    ("Branches", Expected::Objects(true)),
    ("Retry", Expected::Objects(false)),
    ("Catch", Expected::Objects(false)),
    ("Error", Expected::String),
    ("Cause", Expected::String),
    ("Timestamp", Expected::String),
    ("ItemProcessor", Expected::Object),
    ("Iterator", Expected::Object),
    ("ItemReader", Expected::Object),
    ("ItemBatcher", Expected::Object),
    ("ResultWriter", Expected::Object),
    ("Credentials", Expected::Object),
    ("ResultSelector", Expected::Object),
    ("Label", Expected::String),
    ("Assign", Expected::Object),
];

/// The fields whose type depends on the query language.
fn language_field(language: QueryLanguage, name: &str) -> Option<Expected> {
    match (language, name) {
        (QueryLanguage::Jsonata, "Arguments" | "ItemSelector") => {
            Some(Expected::ObjectOrExpression)
        }
        (QueryLanguage::Jsonata, "Items") => Some(Expected::ArrayOrExpression),
        (QueryLanguage::JsonPath, "ItemSelector") => Some(Expected::Object),
        _ => None,
    }
}

pub(super) fn check_scope(_: &Definition<'_>, scope: &Scope<'_>, sink: &mut Sink) {
    let mut fields = vec![
        ("StartAt", Expected::String),
        ("States", Expected::Object),
        ("Comment", Expected::String),
    ];
    match scope.kind {
        ScopeKind::Root => fields.push(("Version", Expected::String)),
        ScopeKind::Processor => fields.push(("ProcessorConfig", Expected::Object)),
        ScopeKind::Branch => {}
    }
    check_object(sink, &scope.pointer, scope.object, &fields);
    if let Some(Value::Object(states)) = scope.object.get("States") {
        let pointer = super::context::child(&scope.pointer, "States");
        for (name, state) in states {
            if !state.is_object() {
                report(sink, &pointer, name, Expected::Object);
            }
        }
    }
}

pub(super) fn check_state(_: &Definition<'_>, state: &State<'_>, sink: &mut Sink) {
    let Some(object) = state.object else {
        return;
    };
    for (name, value) in object {
        let expected = STATE_FIELDS
            .iter()
            .find(|(field, _)| field == name)
            .map(|(_, expected)| *expected)
            .or_else(|| language_field(state.language, name));
        if let Some(expected) = expected
            && state.supports(name)
            && !expected.accepts(value)
        {
            report(sink, &state.pointer, name, expected);
        }
    }
    for (pointer, retrier) in state.objects_in("Retry") {
        check_object(
            sink,
            &pointer,
            retrier,
            &[
                ("ErrorEquals", Expected::Strings),
                ("Comment", Expected::String),
            ],
        );
    }
    for (pointer, catcher) in state.objects_in("Catch") {
        check_object(
            sink,
            &pointer,
            catcher,
            &[
                ("ErrorEquals", Expected::Strings),
                ("Next", Expected::String),
                ("Comment", Expected::String),
                ("Assign", Expected::Object),
            ],
        );
    }
    for rule in choice_rules(state) {
        let mut fields = vec![("Comment", Expected::String)];
        if rule.top_level {
            fields.push(("Next", Expected::String));
            fields.push(("Assign", Expected::Object));
            if state.language == QueryLanguage::Jsonata {
                fields.push(("Condition", Expected::BooleanOrExpression));
            }
        }
        check_object(sink, &rule.pointer, rule.object, &fields);
    }
    for block in ["ItemReader", "ResultWriter"] {
        if let Some((pointer, object)) = state.supported_object(block) {
            check_object(sink, &pointer, object, &[("Resource", Expected::String)]);
        }
    }
}

/// Checks the listed fields of `object`.
fn check_object(
    sink: &mut Sink,
    pointer: &str,
    object: &Map<String, Value>,
    fields: &[(&str, Expected)],
) {
    for (name, expected) in fields {
        if let Some(value) = object.get(*name)
            && !expected.accepts(value)
        {
            report(sink, pointer, name, *expected);
        }
    }
}

fn report(sink: &mut Sink, pointer: &str, name: &str, expected: Expected) {
    sink.schema(
        pointer,
        format!(
            "The value for the field '{name}' must be {}",
            expected.description()
        ),
    );
}
