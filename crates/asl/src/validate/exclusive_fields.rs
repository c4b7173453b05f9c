//! Rule `exclusive-fields`: fields that say the same thing in different ways may not appear
//! together.
//!
//! ## What it checks
//! At most one of: `Next` and `End`; a Fail state's `Error` and `ErrorPath`, `Cause` and
//! `CausePath`; a Wait state's `Seconds`, `Timestamp`, `SecondsPath` and `TimestampPath`; a
//! Task's `TimeoutSeconds` and `TimeoutSecondsPath`, `HeartbeatSeconds` and
//! `HeartbeatSecondsPath`; a Map's `ItemProcessor` and `Iterator`, `ItemSelector` and
//! `Parameters`, and each of `MaxConcurrency`, `ToleratedFailurePercentage`,
//! `ToleratedFailureCount` and its `…Path` form; an `ItemBatcher`'s sizes and their `…Path`
//! forms.
//!
//! ## Why
//! The engine could only pick one of them and ignore the other.
//!
//! ## Example
//! ```json
//! {"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "B", "End": true}, "B": {"Type": "Succeed"}}}
//! ```
//! `SCHEMA_VALIDATION_FAILED: These fields cannot be specified together: [Next, End] at
//! /States/A`
//!
//! ## Fix
//! Keep one of the fields.

use serde_json::{Map, Value};

use super::context::{Definition, Sink, State, StateType};
use super::{Rule, code};

/// The rule.
pub(super) const RULE: Rule = Rule {
    name: "exclusive-fields",
    code: code::SCHEMA_VALIDATION_FAILED,
    summary: "fields that say the same thing in different ways may not appear together",
};

/// The groups of exclusive fields of each state type.
fn groups(state_type: StateType) -> &'static [&'static [&'static str]] {
    match state_type {
        StateType::Pass | StateType::Parallel => &[&["Next", "End"]],
        StateType::Task => &[
            &["Next", "End"],
            &["TimeoutSeconds", "TimeoutSecondsPath"],
            &["HeartbeatSeconds", "HeartbeatSecondsPath"],
        ],
        StateType::Wait => &[
            &["Next", "End"],
            &["Seconds", "Timestamp", "SecondsPath", "TimestampPath"],
        ],
        StateType::Map => &[
            &["Next", "End"],
            &["ItemProcessor", "Iterator"],
            &["ItemSelector", "Parameters"],
            &["MaxConcurrency", "MaxConcurrencyPath"],
            &[
                "ToleratedFailurePercentage",
                "ToleratedFailurePercentagePath",
            ],
            &["ToleratedFailureCount", "ToleratedFailureCountPath"],
        ],
        StateType::Fail => &[&["Error", "ErrorPath"], &["Cause", "CausePath"]],
        StateType::Choice | StateType::Succeed => &[],
    }
}

const ITEM_BATCHER_GROUPS: &[&[&str]] = &[
    &["MaxItemsPerBatch", "MaxItemsPerBatchPath"],
    &["MaxInputBytesPerBatch", "MaxInputBytesPerBatchPath"],
];

pub(super) fn check_state(_: &Definition<'_>, state: &State<'_>, sink: &mut Sink) {
    let (Some(object), Some(state_type)) = (state.object, state.state_type) else {
        return;
    };
    for group in groups(state_type) {
        // A field of the other query language is reported by `query-language-field`.
        check(sink, &state.pointer, object, group, |field| {
            state.supports(field)
        });
    }
    if let Some((pointer, batcher)) = state.supported_object("ItemBatcher") {
        for group in ITEM_BATCHER_GROUPS {
            check(sink, &pointer, batcher, group, |_| true);
        }
    }
}

fn check(
    sink: &mut Sink,
    pointer: &str,
    object: &Map<String, Value>,
    group: &[&str],
    supports: impl Fn(&str) -> bool,
) {
    let present: Vec<&str> = group
        .iter()
        .copied()
        .filter(|field| object.contains_key(*field) && supports(field))
        .collect();
    if present.len() > 1 {
        sink.schema(
            pointer,
            format!(
                "These fields cannot be specified together: [{}]",
                present.join(", ")
            ),
        );
    }
}
