//! Rule `states-all-position`: `States.ALL` must be alone in its `ErrorEquals`, and in the last
//! Retrier or Catcher.
//!
//! ## What it checks
//! In `Retry` and `Catch`: an `ErrorEquals` holding `States.ALL` holds nothing else, and the
//! Retrier or Catcher holding it is the last one.
//!
//! ## Why
//! `States.ALL` matches every error, so any name beside it and any Retrier or Catcher after it
//! could never match.
//!
//! ## Example
//! ```json
//! "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Fallback"},
//!           {"ErrorEquals": ["Custom"], "Next": "Handle"}]
//! ```
//! `SCHEMA_VALIDATION_FAILED: 'States.ALL' must appear in the last Catcher at
//! /States/Task/Catch/0`
//!
//! ## Fix
//! Move the `States.ALL` Retrier or Catcher to the end, on its own.

use serde_json::Value;

use super::context::{Definition, Sink, State};
use super::{Rule, code};

/// The rule.
pub(super) const RULE: Rule = Rule {
    name: "states-all-position",
    code: code::SCHEMA_VALIDATION_FAILED,
    summary: "States.ALL must be alone, and in the last Retrier or Catcher",
};

pub(super) fn check_state(_: &Definition<'_>, state: &State<'_>, sink: &mut Sink) {
    for (field, what) in [("Retry", "Retrier"), ("Catch", "Catcher")] {
        let Some(Value::Array(items)) = state.supported(field) else {
            continue;
        };
        let last = items.len().saturating_sub(1);
        for (pointer, object) in state.objects_in(field) {
            let Some(Value::Array(names)) = object.get("ErrorEquals") else {
                continue;
            };
            if !names.iter().any(|name| name.as_str() == Some("States.ALL")) {
                continue;
            }
            if names.len() > 1 {
                sink.schema(&pointer, "'States.ALL' must appear alone in 'ErrorEquals'");
            }
            let index = pointer
                .rsplit('/')
                .next()
                .and_then(|index| index.parse::<usize>().ok());
            if index != Some(last) {
                sink.schema(
                    &pointer,
                    format!("'States.ALL' must appear in the last {what}"),
                );
            }
        }
    }
}
