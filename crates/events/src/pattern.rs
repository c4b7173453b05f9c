//! The compiled pattern and how it walks an event.

use serde_json::{Map, Value};

use crate::PatternError;
use crate::matcher::Matcher;

/// A parsed and validated EventBridge event pattern.
#[derive(Debug, Clone, PartialEq)]
pub struct Pattern {
    root: Fields,
}

/// The fields of one object of a pattern: all must match, and one alternative of each `$or`.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Fields {
    pub(crate) fields: Vec<(String, Node)>,
    pub(crate) any_of: Vec<Vec<Fields>>,
}

/// What a pattern says about one field of the event.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Node {
    /// An array of values and operators; any one may match.
    Leaf(Vec<Matcher>),
    /// A nested object that descends into the event.
    Object(Fields),
}

impl Pattern {
    /// Parses and validates a pattern from its JSON text.
    ///
    /// # Errors
    ///
    /// A [`PatternError`] when the text is not JSON, or the JSON is not a valid pattern: not an
    /// object, empty, a field whose value is neither an object nor an array, an unknown
    /// operator, or an operator with a bad operand.
    ///
    /// # Example
    ///
    /// ```
    /// let error = events::Pattern::parse(r#"{"source": "aws.ec2"}"#).unwrap_err();
    /// assert_eq!(error.reason(), "\"source\" must be an object or an array");
    /// ```
    pub fn parse(text: &str) -> Result<Pattern, PatternError> {
        let value: Value =
            serde_json::from_str(text).map_err(|error| PatternError::new(error.to_string(), ""))?;
        Pattern::from_value(&value)
    }

    /// Parses and validates a pattern already read as JSON.
    ///
    /// # Errors
    ///
    /// The same as [`Pattern::parse`], bar JSON syntax.
    pub fn from_value(value: &Value) -> Result<Pattern, PatternError> {
        crate::parse::pattern(value).map(|root| Pattern { root })
    }

    /// Whether `event` matches the pattern.
    ///
    /// # Example
    ///
    /// ```
    /// let pattern = events::Pattern::parse(r#"{"detail": {"size": [{"numeric": [">", 0, "<=", 5]}]}}"#)?;
    /// assert!(pattern.matches(&serde_json::json!({"detail": {"size": 5}})));
    /// assert!(!pattern.matches(&serde_json::json!({"detail": {"size": 0}})));
    /// # Ok::<(), events::PatternError>(())
    /// ```
    pub fn matches(&self, event: &Value) -> bool {
        match event {
            Value::Object(object) => self.root.matches(Some(object)),
            _ => self.root.matches(None),
        }
    }
}

impl std::str::FromStr for Pattern {
    type Err = PatternError;

    fn from_str(text: &str) -> Result<Pattern, PatternError> {
        Pattern::parse(text)
    }
}

impl Fields {
    /// Matches the object `object`, or a missing one when `None`.
    fn matches(&self, object: Option<&Map<String, Value>>) -> bool {
        self.fields
            .iter()
            .all(|(name, node)| node.matches(object.and_then(|object| object.get(name))))
            && self
                .any_of
                .iter()
                .all(|alternatives| alternatives.iter().any(|fields| fields.matches(object)))
    }
}

impl Node {
    /// Matches one field's value, `None` when the event lacks the field.
    fn matches(&self, value: Option<&Value>) -> bool {
        match self {
            Node::Leaf(matchers) => {
                let Some(value) = value.filter(|value| has_leaf(value)) else {
                    return matchers.contains(&Matcher::Exists(false));
                };
                matchers.iter().any(|matcher| match matcher {
                    Matcher::Exists(exists) => *exists,
                    matcher => any_leaf(value, &|leaf| matcher.matches(leaf)),
                })
            }
            Node::Object(fields) => {
                let mut seen_object = false;
                let matched = value.is_some_and(|value| {
                    any_object(value, &mut |object| {
                        seen_object = true;
                        fields.matches(Some(object))
                    })
                });
                matched || (!seen_object && fields.matches(None))
            }
        }
    }
}

/// Whether `value` is, or an array holds (at any depth), a scalar.
fn has_leaf(value: &Value) -> bool {
    match value {
        Value::Array(items) => items.iter().any(has_leaf),
        Value::Object(_) => false,
        _ => true,
    }
}

/// Whether `value`, or any scalar in it if it is an array, satisfies `test`.
fn any_leaf(value: &Value, test: &dyn Fn(&Value) -> bool) -> bool {
    match value {
        Value::Array(items) => items.iter().any(|item| any_leaf(item, test)),
        Value::Object(_) => false,
        scalar => test(scalar),
    }
}

/// Whether `value`, or any object in it if it is an array, satisfies `test`.
fn any_object(value: &Value, test: &mut dyn FnMut(&Map<String, Value>) -> bool) -> bool {
    match value {
        Value::Array(items) => items.iter().any(|item| any_object(item, test)),
        Value::Object(object) => test(object),
        _ => false,
    }
}
