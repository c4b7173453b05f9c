//! JSONPath input and output processing: `InputPath`, `Parameters`, `ResultSelector`,
//! `ResultPath` and `OutputPath`.
//!
//! Errors come back without AWS's "An error occurred while executing the state ..." prefix;
//! the caller adds it, because only the caller knows the state and its entered event.

use asl::program::{OptionalPath, ResultPathSetting};
use jsonpath::{Entropy, Failure as Problem, Path, PayloadTemplate, Scope, Variables};
use serde_json::{Map, Value};

use crate::Payload;

/// Applies `InputPath` or `OutputPath`.
pub(crate) fn select_path(
    path: &OptionalPath,
    document: &Payload,
    context: &Value,
    vars: &dyn Variables,
) -> Result<Payload, Problem> {
    match path {
        OptionalPath::Default => Ok(document.clone()),
        OptionalPath::Null => Ok(Payload::new(Value::Object(Map::new()))),
        OptionalPath::Path(path) => select(path, document.value(), context, vars).map(Payload::new),
    }
}

/// Selects a path, failing as AWS does for `InputPath`, `OutputPath` and the `...Path` fields.
pub(crate) fn select(
    path: &Path,
    document: &Value,
    context: &Value,
    vars: &dyn Variables,
) -> Result<Value, Problem> {
    path.select_in(&Scope::new(document, context).with_variables(vars))
        .map_err(|_| invalid_path(path))
}

/// AWS's failure for a path that selects nothing.
pub(crate) fn invalid_path(path: &Path) -> Problem {
    Problem {
        error: "States.Runtime".to_owned(),
        cause: format!(
            "Invalid path '{}' : No results for path: {}",
            path.text(),
            path.normalized()
        ),
    }
}

/// Evaluates a payload template (`Parameters`, `ResultSelector`, `ItemSelector`).
pub(crate) fn template(
    template: &PayloadTemplate,
    input: &Value,
    context: &Value,
    vars: &dyn Variables,
    entropy: &mut dyn Entropy,
) -> Result<Value, Problem> {
    template.evaluate_in(&Scope::new(input, context).with_variables(vars), entropy)
}

/// Applies `ResultPath`: places `result` into `input`.
pub(crate) fn result_path(
    setting: &ResultPathSetting,
    input: &Payload,
    result: Value,
) -> Result<Value, Problem> {
    match setting {
        ResultPathSetting::Default => Ok(result),
        ResultPathSetting::Null => Ok(input.value().clone()),
        ResultPathSetting::Path(path) => path.set(input.value().clone(), result),
    }
}

/// Whether a value's upper-bound size (see `upper_bound`) is above `limit`, walking only as
/// far as it takes to tell.
pub(crate) fn exceeds_bound(value: &Value, limit: usize) -> bool {
    fn walk(value: &Value, budget: &mut isize) -> bool {
        *budget -= match value {
            Value::Array(items) => {
                *budget -= 2;
                for item in items {
                    *budget -= 1;
                    if walk(item, budget) {
                        return true;
                    }
                }
                0
            }
            Value::Object(map) => {
                *budget -= 2;
                for (key, item) in map {
                    *budget -= (key.len() * 6 + 4) as isize;
                    if walk(item, budget) {
                        return true;
                    }
                }
                0
            }
            scalar => upper_bound(scalar) as isize,
        };
        *budget < 0
    }
    let mut budget = limit as isize;
    walk(value, &mut budget)
}

/// An upper bound of a value's compact JSON size: every escaped byte at its longest escape,
/// every float at its longest.
pub(crate) fn upper_bound(value: &Value) -> usize {
    match value {
        Value::Null | Value::Bool(_) => 5,
        Value::Number(number) => match number.as_i64() {
            Some(int) => int.unsigned_abs().max(1).ilog10() as usize + 1 + usize::from(int < 0),
            None => 24,
        },
        Value::String(text) => {
            // Quotes, backslashes and control characters take at most six bytes each.
            let n_escaped = text
                .bytes()
                .filter(|b| *b < 0x20 || *b == b'"' || *b == b'\\')
                .count();
            text.len() + 5 * n_escaped + 2
        }
        Value::Array(items) => {
            2 + items
                .iter()
                .map(|item| upper_bound(item) + 1)
                .sum::<usize>()
        }
        Value::Object(map) => {
            2 + map
                .iter()
                .map(|(key, item)| key.len() * 6 + 4 + upper_bound(item))
                .sum::<usize>()
        }
    }
}

/// The size of a value's compact JSON text in bytes, without building the text.
#[cfg(test)]
pub(crate) fn json_size(value: &Value) -> usize {
    use std::io;

    struct Counter(usize);
    impl io::Write for Counter {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            self.0 += buf.len();
            Ok(buf.len())
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }
    let mut counter = Counter(0);
    // Writing to a counter cannot fail, and a `Value` always serializes.
    let _ = serde_json::to_writer(&mut counter, value);
    counter.0
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;
    use serde_json::{Value, json};

    use super::{exceeds_bound, json_size, upper_bound};

    fn arb_value() -> impl Strategy<Value = Value> {
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::from),
            any::<i64>().prop_map(Value::from),
            any::<f64>()
                .prop_filter("finite", |f| f.is_finite())
                .prop_map(Value::from),
            ".*".prop_map(Value::from),
        ];
        leaf.prop_recursive(3, 32, 6, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..6).prop_map(Value::from),
                prop::collection::btree_map(".*", inner, 0..6)
                    .prop_map(|map| Value::Object(map.into_iter().collect())),
            ]
        })
    }

    proptest! {
        #[test]
        fn the_bound_is_never_below_the_size(value in arb_value()) {
            prop_assert!(upper_bound(&value) >= json_size(&value));
        }

        #[test]
        fn the_early_exit_walk_agrees_with_the_bound(value in arb_value(), limit in 0usize..400) {
            prop_assert_eq!(exceeds_bound(&value, limit), upper_bound(&value) > limit);
        }
    }

    #[test]
    fn sizes() {
        assert_eq!(json_size(&json!({"a": [1, "x"]})), 13);
        assert!(upper_bound(&json!(-1000)) >= 5);
    }
}
