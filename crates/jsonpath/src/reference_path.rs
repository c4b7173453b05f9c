//! `ReferencePath`: the restricted paths of `ResultPath`, which name exactly one place to read or write.

use std::fmt;

use serde_json::{Map, Value};

use crate::error::{Failure, ParseError};
use crate::java::to_json;
use crate::path::{Path, Root, Segment};

/// A reference path: `$` followed only by `.name`, `['name']` and `[n]` steps.
///
/// # Example
///
/// ```
/// use jsonpath::ReferencePath;
/// use serde_json::json;
///
/// let path = ReferencePath::parse("$.result.value").expect("valid reference path");
/// let output = path.set(json!({"a": 1}), json!(42)).expect("applies");
/// assert_eq!(output, json!({"a": 1, "result": {"value": 42}}));
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct ReferencePath {
    text: String,
    steps: Vec<Step>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum Step {
    Field(String),
    Index(usize),
}

impl ReferencePath {
    /// Compiles `text`.
    ///
    /// # Errors
    ///
    /// Returns a `ParseError` when `text` is not a JSONPath, reads the context object or a variable,
    /// or uses anything but `.name`, `['name']` and non-negative `[n]` steps.
    pub fn parse(text: &str) -> Result<ReferencePath, ParseError> {
        let path = Path::parse(text)?;
        if *path.root() != Root::Input {
            return Err(ParseError::new(format!(
                "invalid reference path '{text}': a reference path must start with '$' and refer to the input"
            )));
        }
        let steps = path
            .segments()
            .iter()
            .map(|segment| match segment {
                Segment::Property(name) => Ok(Step::Field(name.clone())),
                Segment::Index(index) => usize::try_from(*index).map(Step::Index).map_err(|_| ()),
                _ => Err(()),
            })
            .collect::<Result<Vec<_>, ()>>()
            .map_err(|()| {
                ParseError::new(format!(
                    "invalid reference path '{text}': only '.name', \"['name']\" and '[index]' steps are allowed"
                ))
            })?;
        Ok(ReferencePath {
            text: text.to_owned(),
            steps,
        })
    }

    /// The path as written.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The value the path points at, if there is one.
    pub fn get<'a>(&self, value: &'a Value) -> Option<&'a Value> {
        self.steps
            .iter()
            .try_fold(value, |current, step| match step {
                Step::Field(name) => current.as_object()?.get(name),
                Step::Index(index) => current.as_array()?.get(*index),
            })
    }

    /// Writes `result` into `input` at this path, as `ResultPath` does, and returns the new input.
    ///
    /// `$` replaces the whole input. Missing objects along the way are created;
    /// an existing key keeps its position and a new one is appended.
    ///
    /// # Errors
    ///
    /// Returns a `States.ResultPathMatchFailure` failure when the path runs through a value that
    /// is not an object, or through an array index that does not exist.
    pub fn set(&self, input: Value, result: Value) -> Result<Value, Failure> {
        if self.steps.is_empty() {
            return Ok(result);
        }
        // Checking first leaves the input untouched for the message when the write cannot happen.
        if !self.can_set(&input) {
            return Err(self.mismatch(&input));
        }
        let mut input = input;
        match write(&mut input, &self.steps, result) {
            Some(()) => Ok(input),
            None => Err(self.mismatch(&input)),
        }
    }

    fn can_set(&self, input: &Value) -> bool {
        let mut current = Some(input);
        for (idx, step) in self.steps.iter().enumerate() {
            let is_last = idx + 1 == self.steps.len();
            match (step, current) {
                // Below a missing key everything is created as objects, so only fields can follow.
                (Step::Field(_), None) => {}
                (Step::Index(_), None) => return false,
                (Step::Field(name), Some(Value::Object(map))) => current = map.get(name),
                (Step::Index(index), Some(Value::Array(items))) => {
                    current = items.get(*index);
                    if current.is_none() {
                        return false;
                    }
                }
                (_, Some(_)) => return false,
            }
            if is_last {
                return true;
            }
        }
        true
    }

    fn mismatch(&self, input: &Value) -> Failure {
        Failure::new(
            "States.ResultPathMatchFailure",
            format!(
                "Unable to apply ReferencePath {} to input {}",
                self.text,
                to_json(input)
            ),
        )
    }
}

/// Writes `result` at `steps` below `target`, creating missing objects; `None` if a step does not fit.
fn write(target: &mut Value, steps: &[Step], result: Value) -> Option<()> {
    let (step, rest) = steps.split_first()?;
    let slot = match step {
        Step::Field(name) => {
            let map = target.as_object_mut()?;
            if rest.is_empty() {
                map.insert(name.clone(), result);
                return Some(());
            }
            map.entry(name.clone())
                .or_insert_with(|| Value::Object(Map::new()))
        }
        Step::Index(index) => {
            let slot = target.as_array_mut()?.get_mut(*index)?;
            if rest.is_empty() {
                *slot = result;
                return Some(());
            }
            slot
        }
    };
    write(slot, rest, result)
}

impl fmt::Debug for ReferencePath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("ReferencePath").field(&self.text).finish()
    }
}

impl fmt::Display for ReferencePath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}
