//! Rule `invalid-path`: path fields must hold well-formed paths.
//!
//! ## What it checks
//! In JSONPath states:
//! * `InputPath`, `OutputPath`, `ItemsPath`, a Choice rule's `Variable` and the `…Path`
//!   comparison operators hold a JSONPath (`$…`, `$$…` for the context object, or `$name…`
//!   for a variable); `InputPath` and `OutputPath` may also be `null`.
//! * `ResultPath` (of a state or a Catcher) holds a reference path (only `.name`, `['name']`
//!   and `[n]`, rooted at `$`, never at `$$` or a variable), or `null`.
//! * `SecondsPath`, `TimestampPath`, `TimeoutSecondsPath`, `HeartbeatSecondsPath`,
//!   `MaxConcurrencyPath`, `ToleratedFailure…Path`, an `ItemBatcher`'s `…Path` fields and
//!   `Credentials.RoleArnPath` hold a reference path, which may start at `$`, `$$` or a
//!   variable (`$name.field`).
//! * A Fail state's `ErrorPath` and `CausePath` hold a reference path or an intrinsic function
//!   call.
//!
//! ## Why
//! A malformed path would fail every execution that reaches the state.
//!
//! ## Example
//! ```json
//! {"StartAt": "A", "States": {"A": {"Type": "Pass", "ResultPath": "$.items[*]", "End": true}}}
//! ```
//! `SCHEMA_VALIDATION_FAILED: The value for the field 'ResultPath' must be a valid
//! ReferencePath at /States/A`
//!
//! ## Fix
//! Start the path with `$`, and in reference paths use only names and indexes.

use serde_json::{Map, Value};

use super::context::{Definition, QueryLanguage, Sink, State, choice_rules};
use super::fields::{Operand, comparison_operator};
use super::paths::{Roots, is_intrinsic, is_path, is_reference_path};
use super::{Rule, code};

/// The rule.
pub(super) const RULE: Rule = Rule {
    name: "invalid-path",
    code: code::SCHEMA_VALIDATION_FAILED,
    summary: "path fields must hold well-formed paths",
};

/// What a path field accepts.
#[derive(Clone, Copy)]
enum Kind {
    /// A JSONPath (read from), or `null` when `nullable`.
    Path { nullable: bool },
    /// A reference path, or `null` when `nullable`; `roots` says whether `$$` may start it.
    Reference { roots: Roots, nullable: bool },
    /// A reference path or an intrinsic function call.
    ReferenceOrIntrinsic,
}

impl Kind {
    fn accepts(self, value: &Value) -> bool {
        match (self, value) {
            (Self::Path { nullable } | Self::Reference { nullable, .. }, Value::Null) => nullable,
            (Self::Path { .. }, Value::String(text)) => is_path(text, Roots::Any),
            (Self::Reference { roots, .. }, Value::String(text)) => is_reference_path(text, roots),
            (Self::ReferenceOrIntrinsic, Value::String(text)) => {
                is_reference_path(text, Roots::Any) || is_intrinsic(text)
            }
            _ => false,
        }
    }

    fn description(self) -> &'static str {
        match self {
            Self::Path { .. } => "a valid JSONPath",
            Self::Reference { .. } => "a valid ReferencePath",
            Self::ReferenceOrIntrinsic => "a valid JSONPath or a valid intrinsic function call",
        }
    }
}

const READ: Kind = Kind::Path { nullable: false };
const READ_OR_NULL: Kind = Kind::Path { nullable: true };
const REFERENCE: Kind = Kind::Reference {
    roots: Roots::Any,
    nullable: false,
};
const RESULT_PATH: Kind = Kind::Reference {
    roots: Roots::Input,
    nullable: true,
};

/// The path fields of states.
const STATE_FIELDS: &[(&str, Kind)] = &[
    ("InputPath", READ_OR_NULL),
    ("OutputPath", READ_OR_NULL),
    ("ResultPath", RESULT_PATH),
    ("ItemsPath", READ),
    ("SecondsPath", REFERENCE),
    ("TimestampPath", REFERENCE),
    ("TimeoutSecondsPath", REFERENCE),
    ("HeartbeatSecondsPath", REFERENCE),
    ("MaxConcurrencyPath", REFERENCE),
    ("ToleratedFailurePercentagePath", REFERENCE),
    ("ToleratedFailureCountPath", REFERENCE),
    ("ErrorPath", Kind::ReferenceOrIntrinsic),
    ("CausePath", Kind::ReferenceOrIntrinsic),
];

pub(super) fn check_state(_: &Definition<'_>, state: &State<'_>, sink: &mut Sink) {
    let Some(object) = state.object else {
        return;
    };
    if state.language != QueryLanguage::JsonPath {
        return;
    }
    for (name, kind) in STATE_FIELDS {
        if state.supports(name) {
            check(sink, &state.pointer, object, name, *kind);
        }
    }
    for (pointer, catcher) in state.objects_in("Catch") {
        check(sink, &pointer, catcher, "ResultPath", RESULT_PATH);
    }
    for rule in choice_rules(state) {
        for name in rule.object.keys() {
            if name == "Variable" || comparison_operator(name) == Some(Operand::Path) {
                check(sink, &rule.pointer, rule.object, name, READ);
            }
        }
    }
    if let Some((pointer, batcher)) = state.supported_object("ItemBatcher") {
        for name in ["MaxItemsPerBatchPath", "MaxInputBytesPerBatchPath"] {
            check(sink, &pointer, batcher, name, REFERENCE);
        }
    }
    if let Some((pointer, credentials)) = state.supported_object("Credentials") {
        check(sink, &pointer, credentials, "RoleArnPath", REFERENCE);
    }
}

fn check(sink: &mut Sink, pointer: &str, object: &Map<String, Value>, name: &str, kind: Kind) {
    if let Some(value) = object.get(name)
        && !kind.accepts(value)
    {
        sink.schema(
            pointer,
            format!(
                "The value for the field '{name}' must be {}",
                kind.description()
            ),
        );
    }
}
