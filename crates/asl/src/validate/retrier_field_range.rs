//! Rule `retrier-field-range`: Retrier fields must be in range.
//!
//! ## What it checks
//! In every Retrier: `IntervalSeconds` is an integer from 1 to 99999999, `MaxAttempts` an
//! integer from 0 to 99999999, `BackoffRate` a number of at least 1.0, `MaxDelaySeconds` an
//! integer from 1 to 31622400, and `JitterStrategy` `FULL` or `NONE`.
//!
//! ## Why
//! A zero interval or a backoff rate below one would retry faster and faster; AWS rejects
//! them.
//!
//! ## Example
//! ```json
//! {"ErrorEquals": ["States.ALL"], "BackoffRate": 0.5}
//! ```
//! `SCHEMA_VALIDATION_FAILED: The value for the field 'BackoffRate' must be a number greater
//! than or equal to 1.0 at /States/Task/Retry/0`
//!
//! ## Fix
//! Use a value in the range; leave a field out to get its default (1 s, 3 attempts, 2.0,
//! no cap, `NONE`).

use serde_json::Value;

use super::context::{Definition, Sink, State, as_integer};
use super::{Rule, code};

/// The rule.
pub(super) const RULE: Rule = Rule {
    name: "retrier-field-range",
    code: code::SCHEMA_VALIDATION_FAILED,
    summary: "Retrier fields must be in range",
};

/// The longest retry delay AWS accepts (366 days).
const MAX_DELAY_SECONDS: i128 = 31_622_400;

/// The largest interval and number of attempts AWS accepts.
const MAX_VALUE: i128 = 99_999_999;

pub(super) fn check_state(_: &Definition<'_>, state: &State<'_>, sink: &mut Sink) {
    for (pointer, retrier) in state.objects_in("Retry") {
        for (name, value) in retrier {
            let problem = match name.as_str() {
                "IntervalSeconds" => integer(value, 1, MAX_VALUE),
                "MaxAttempts" => integer(value, 0, MAX_VALUE),
                "MaxDelaySeconds" => integer(value, 1, MAX_DELAY_SECONDS),
                "BackoffRate" => (!value.as_f64().is_some_and(|rate| rate >= 1.0))
                    .then(|| "a number greater than or equal to 1.0".to_owned()),
                "JitterStrategy" => (!matches!(value.as_str(), Some("FULL" | "NONE")))
                    .then(|| "one of [FULL, NONE]".to_owned()),
                _ => None,
            };
            if let Some(expected) = problem {
                sink.schema(
                    &pointer,
                    format!("The value for the field '{name}' must be {expected}"),
                );
            }
        }
    }
}

/// What is wrong with `value` if it is not an integer from `min` to `max`.
fn integer(value: &Value, min: i128, max: i128) -> Option<String> {
    let in_range = as_integer(value).is_some_and(|n| (min..=max).contains(&n));
    (!in_range).then(|| format!("an integer between {min} and {max}"))
}
