//! `NotFound`: a path that selected nothing, with the texts AWS writes about it.

use std::fmt;
use std::sync::Arc;

use serde_json::Value;

use super::Inner;
use super::eval::Miss;
use super::segment::{Root, normalized, write_segments};
use crate::java::to_json;

/// A definite path selected nothing.
///
/// It keeps the path and the reason, and writes AWS's messages on demand,
/// so a miss that the engine only tests for (as `IsPresent` does) costs no formatting.
#[derive(Clone, Debug, PartialEq)]
pub struct NotFound {
    path: Arc<Inner>,
    miss: Miss,
}

impl NotFound {
    pub(crate) fn new(path: Arc<Inner>, miss: Miss) -> Self {
        NotFound { path, miss }
    }

    /// The path as written in the definition.
    pub fn path(&self) -> &str {
        &self.path.text
    }

    /// Jayway's explanation, for example `No results for path: $['a']['b']`.
    pub fn detail(&self) -> String {
        let inner = &self.path;
        let root = &inner.root;
        let segments = &inner.segments;
        let prefix = |end: usize| normalized(root, &segments[..end.min(segments.len())]);
        match &self.miss {
            Miss::NoResults => format!("No results for path: {}", normalized(root, segments)),
            Miss::MissingProperty { at } => format!("Missing property in path {}", prefix(at + 1)),
            Miss::NotAnObject { at, found } => {
                let mut fragment = String::new();
                write_segments(&mut fragment, segments.get(*at..=*at).unwrap_or_default());
                format!(
                    "Expected to find an object with property {fragment} in path {} but found '{found}'. \
                     This is not a json object according to the JsonProvider: \
                     'com.jayway.jsonpath.spi.json.JacksonJsonProvider'.",
                    prefix(*at)
                )
            }
            Miss::NullArray { at } => format!("The path {} is null", prefix(*at)),
            Miss::NotAnArray { at, context } => {
                let mut tokens = String::new();
                write_segments(&mut tokens, segments.get(*at..).unwrap_or_default());
                format!(
                    "Filter: {tokens} can only be applied to arrays. Current context is: {context}"
                )
            }
            Miss::PropertiesNotLast { at } => {
                let mut path = prefix(*at);
                if let Some(super::segment::Segment::Properties(names)) = segments.get(*at) {
                    let quoted: Vec<String> =
                        names.iter().map(|name| format!("'{name}'")).collect();
                    path.push('[');
                    path.push_str(&quoted.join(", "));
                    path.push(']');
                }
                format!("Multi properties can only be used as path leafs: {path}")
            }
            Miss::UndefinedVariable => match root {
                Root::Variable(name) => format!("The variable '${name}' is not defined"),
                Root::Input | Root::Context => {
                    format!("No results for path: {}", normalized(root, segments))
                }
            },
        }
    }

    /// AWS's cause when `InputPath`, `OutputPath`, `ItemsPath` or a `...Path` field selects nothing:
    /// `Invalid path '$.x' : No results for path: $['x']`.
    pub fn invalid_path_cause(&self) -> String {
        format!("Invalid path '{}' : {}", self.path(), self.detail())
    }

    /// AWS's cause when a path in a payload template or in `ErrorPath`/`CausePath` selects nothing:
    /// `The JSONPath '$.x' specified for the field 'x.$' could not be found in the input '{"a":1}'`.
    ///
    /// `input` is the state's effective input, printed as compact JSON.
    pub fn field_cause(&self, field: &str, input: &Value) -> String {
        format!(
            "The JSONPath '{}' specified for the field '{field}' could not be found in the input '{}'",
            self.path(),
            to_json(input)
        )
    }
}

impl fmt::Display for NotFound {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.detail())
    }
}

impl std::error::Error for NotFound {}
