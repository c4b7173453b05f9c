//! Rule `numeric-field-range`: numeric fields must hold a number of the right kind and range.
//!
//! ## What it checks
//! * The state machine's `TimeoutSeconds`, and a Task's `TimeoutSeconds` and
//!   `HeartbeatSeconds`: integers from 1 to 99999999.
//! * A Wait state's `Seconds`: an integer from 0 to 99999999.
//! * A Map's `MaxConcurrency` and `ToleratedFailureCount`: non-negative integers;
//!   `ToleratedFailurePercentage`: a number from 0 to 100.
//! * An `ItemBatcher`'s `MaxItemsPerBatch` and `MaxInputBytesPerBatch`: positive integers.
//!
//! In JSONata states each of these may instead be a `{% … %}` expression, evaluated at run
//! time.
//!
//! ## Why
//! A timeout of zero, a negative wait or a percentage of 150 has no meaning.
//!
//! ## Example
//! ```json
//! {"StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": -1, "End": true}}}
//! ```
//! `SCHEMA_VALIDATION_FAILED: The value for the field 'Seconds' must be an integer between 0
//! and 99999999 at /States/W`
//!
//! ## Fix
//! Use a value in the range, or the field's `…Path` form to take it from the input.

use serde_json::{Map, Value};

use super::context::{
    Definition, QueryLanguage, Scope, ScopeKind, Sink, State, as_integer, is_jsonata_expression,
};
use super::{Rule, code};

/// The rule.
pub(super) const RULE: Rule = Rule {
    name: "numeric-field-range",
    code: code::SCHEMA_VALIDATION_FAILED,
    summary: "numeric fields must hold a number of the right kind and range",
};

/// The largest timeout and wait AWS accepts.
const MAX_SECONDS: i128 = 99_999_999;

/// What a numeric field accepts.
#[derive(Clone, Copy)]
enum Range {
    /// An integer in this range.
    Integer(i128, i128),
    /// An integer no smaller than this.
    IntegerFrom(i128),
    /// A number in this range.
    Number(f64, f64),
}

impl Range {
    fn accepts(self, value: &Value) -> bool {
        match self {
            Self::Integer(min, max) => as_integer(value).is_some_and(|n| (min..=max).contains(&n)),
            Self::IntegerFrom(min) => as_integer(value).is_some_and(|n| n >= min),
            Self::Number(min, max) => value.as_f64().is_some_and(|n| (min..=max).contains(&n)),
        }
    }

    fn description(self) -> String {
        match self {
            Self::Integer(min, max) => format!("an integer between {min} and {max}"),
            Self::IntegerFrom(0) => "a non-negative integer".to_owned(),
            Self::IntegerFrom(1) => "a positive integer".to_owned(),
            Self::IntegerFrom(min) => format!("an integer no smaller than {min}"),
            Self::Number(min, max) => format!("a number between {min} and {max}"),
        }
    }
}

const TIMEOUT: Range = Range::Integer(1, MAX_SECONDS);

/// The numeric fields of states.
const STATE_FIELDS: &[(&str, Range)] = &[
    ("TimeoutSeconds", TIMEOUT),
    ("HeartbeatSeconds", TIMEOUT),
    ("Seconds", Range::Integer(0, MAX_SECONDS)),
    ("MaxConcurrency", Range::IntegerFrom(0)),
    ("ToleratedFailureCount", Range::IntegerFrom(0)),
    ("ToleratedFailurePercentage", Range::Number(0.0, 100.0)),
];

const ITEM_BATCHER_FIELDS: &[(&str, Range)] = &[
    ("MaxItemsPerBatch", Range::IntegerFrom(1)),
    ("MaxInputBytesPerBatch", Range::IntegerFrom(1)),
];

pub(super) fn check_scope(definition: &Definition<'_>, scope: &Scope<'_>, sink: &mut Sink) {
    if scope.kind == ScopeKind::Root {
        let language = definition.language;
        check(
            sink,
            &scope.pointer,
            scope.object,
            &[("TimeoutSeconds", TIMEOUT)],
            language,
        );
    }
}

pub(super) fn check_state(_: &Definition<'_>, state: &State<'_>, sink: &mut Sink) {
    let Some(object) = state.object else {
        return;
    };
    let fields: Vec<(&str, Range)> = STATE_FIELDS
        .iter()
        .copied()
        .filter(|(name, _)| state.supports(name))
        .collect();
    check(sink, &state.pointer, object, &fields, state.language);
    if let Some((pointer, batcher)) = state.supported_object("ItemBatcher") {
        check(sink, &pointer, batcher, ITEM_BATCHER_FIELDS, state.language);
    }
}

fn check(
    sink: &mut Sink,
    pointer: &str,
    object: &Map<String, Value>,
    fields: &[(&str, Range)],
    language: QueryLanguage,
) {
    for (name, range) in fields {
        let Some(value) = object.get(*name) else {
            continue;
        };
        let jsonata = language == QueryLanguage::Jsonata;
        if jsonata && value.as_str().is_some_and(is_jsonata_expression) {
            continue;
        }
        if !range.accepts(value) {
            let alternative = if jsonata {
                " or a JSONata expression"
            } else {
                ""
            };
            sink.schema(
                pointer,
                format!(
                    "The value for the field '{name}' must be {}{alternative}",
                    range.description()
                ),
            );
        }
    }
}
