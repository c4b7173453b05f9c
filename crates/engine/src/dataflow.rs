//! JSONPath input and output processing: `InputPath`, `Parameters`, `ResultSelector`,
//! `ResultPath` and `OutputPath`.
//!
//! Errors come back without AWS's "An error occurred while executing the state ..." prefix;
//! the caller adds it, because only the caller knows the state and its entered event.

use std::io;

use asl::program::{OptionalPath, ResultPathSetting};
use jsonpath::{Entropy, Failure as Problem, Path, PayloadTemplate};
use serde_json::{Map, Value};

use crate::Payload;

/// Applies `InputPath` or `OutputPath`.
pub(crate) fn select_path(
    path: &OptionalPath,
    document: &Payload,
    context: &Value,
) -> Result<Payload, Problem> {
    match path {
        OptionalPath::Default => Ok(document.clone()),
        OptionalPath::Null => Ok(Payload::new(Value::Object(Map::new()))),
        OptionalPath::Path(path) => select(path, document.value(), context).map(Payload::new),
    }
}

/// Selects a path, failing as AWS does for `InputPath`, `OutputPath` and the `...Path` fields.
pub(crate) fn select(path: &Path, document: &Value, context: &Value) -> Result<Value, Problem> {
    path.select(document, context)
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
    entropy: &mut dyn Entropy,
) -> Result<Value, Problem> {
    template.evaluate(input, context, entropy)
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

/// The size of a value's compact JSON text in bytes, without building the text.
pub(crate) fn json_size(value: &Value) -> usize {
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
