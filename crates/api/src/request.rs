//! Reading a request's members the way AWS's JSON 1.0 front end does.
//!
//! A member of the wrong JSON type fails the whole request at once with a
//! `SerializationException`, before any other check. Constraint failures (a missing required
//! member, a string too long, a number out of range, a value outside an enum) are collected, in
//! member order, and reported together as one `ValidationException`:
//! `2 validation errors detected: Value '...' at 'name' failed to satisfy constraint: ...; ...`.
//! Handlers read every member first and then call `finish` before acting on any of them.
//! A JSON `null` counts as an absent member, and members the model does not know are ignored.

use serde_json::{Map, Value};

use crate::error::{ApiError, ErrorCode};

/// How a string member's length is measured.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Unit {
    /// UTF-16 code units, as the Java front end counts `String.length()`.
    Chars,
    /// UTF-8 bytes, for payloads whose documented limits are in bytes.
    Bytes,
}

/// The constraints of a string shape in the service model.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Text {
    pub(crate) min: usize,
    pub(crate) max: usize,
    /// Sensitive members are never echoed back in messages.
    pub(crate) sensitive: bool,
    pub(crate) unit: Unit,
}

impl Text {
    pub(crate) const fn new(min: usize, max: usize) -> Self {
        Text {
            min,
            max,
            sensitive: false,
            unit: Unit::Chars,
        }
    }

    pub(crate) const fn sensitive(self) -> Self {
        Text {
            sensitive: true,
            ..self
        }
    }

    pub(crate) const fn in_bytes(self) -> Self {
        Text {
            unit: Unit::Bytes,
            ..self
        }
    }

    fn length(&self, text: &str) -> usize {
        match self.unit {
            Unit::Chars => text.encode_utf16().count(),
            Unit::Bytes => text.len(),
        }
    }
}

/// The members of a request (or of a structure inside it), and the constraint failures found
/// so far.
#[derive(Debug)]
pub(crate) struct Members {
    map: Map<String, Value>,
    /// The path of this structure in messages, with a trailing dot (`loggingConfiguration.`).
    prefix: String,
    violations: Vec<String>,
}

impl Members {
    /// Parses a request body, which must be a JSON object (an empty body counts as `{}`).
    pub(crate) fn parse(body: &[u8]) -> Result<Self, ApiError> {
        if body.iter().all(u8::is_ascii_whitespace) {
            return Ok(Members::from_map(Map::new(), String::new()));
        }
        let value: Value = serde_json::from_slice(body).map_err(|err| {
            let text = String::from_utf8_lossy(body);
            let message = crate::definition::json_problem(&text).unwrap_or_else(|| err.to_string());
            ApiError::new(ErrorCode::SerializationException, message)
        })?;
        match value {
            Value::Object(map) => Ok(Members::from_map(map, String::new())),
            other => Err(type_error(&other, "a structure")),
        }
    }

    fn from_map(map: Map<String, Value>, prefix: String) -> Self {
        Members {
            map,
            prefix,
            violations: Vec::new(),
        }
    }

    fn path(&self, name: &str) -> String {
        format!("{}{name}", self.prefix)
    }

    fn take(&mut self, name: &str) -> Option<Value> {
        match self.map.remove(name) {
            None | Some(Value::Null) => None,
            Some(value) => Some(value),
        }
    }

    /// Reports a required member as missing.
    pub(crate) fn missing(&mut self, name: &str) {
        let path = self.path(name);
        self.violations.push(format!(
            "Value null at '{path}' failed to satisfy constraint: Member must not be null"
        ));
    }

    /// Reports a member's value as breaking a constraint the readers here do not check.
    pub(crate) fn violate(&mut self, name: &str, shown: Option<&str>, constraint: &str) {
        let path = self.path(name);
        self.violations.push(violation(shown, &path, constraint));
    }

    /// An optional string member.
    pub(crate) fn text(&mut self, name: &str, rule: Text) -> Result<Option<String>, ApiError> {
        let Some(value) = self.take(name) else {
            return Ok(None);
        };
        let Value::String(text) = value else {
            return Err(type_error(&value, "a String"));
        };
        let length = rule.length(&text);
        let constraint = if length < rule.min {
            Some(format!(
                "Member must have length greater than or equal to {}",
                rule.min
            ))
        } else if length > rule.max {
            Some(format!(
                "Member must have length less than or equal to {}",
                rule.max
            ))
        } else {
            None
        };
        if let Some(constraint) = constraint {
            let shown = (!rule.sensitive).then_some(text.as_str());
            self.violations
                .push(violation(shown, &self.path(name), &constraint));
        }
        Ok(Some(text))
    }

    /// A required string member; an empty string stands in when it is missing, which `finish`
    /// then reports.
    pub(crate) fn required_text(&mut self, name: &str, rule: Text) -> Result<String, ApiError> {
        match self.text(name, rule)? {
            Some(text) => Ok(text),
            None => {
                self.missing(name);
                Ok(String::new())
            }
        }
    }

    /// An optional string member restricted to an enum's values.
    pub(crate) fn enumeration(
        &mut self,
        name: &str,
        values: &[&str],
    ) -> Result<Option<String>, ApiError> {
        let Some(value) = self.take(name) else {
            return Ok(None);
        };
        let Value::String(text) = value else {
            return Err(type_error(&value, "a String"));
        };
        if !values.contains(&text.as_str()) {
            let constraint = format!(
                "Member must satisfy enum value set: [{}]",
                values.join(", ")
            );
            self.violations
                .push(violation(Some(&text), &self.path(name), &constraint));
        }
        Ok(Some(text))
    }

    /// An optional integer member within `min..=max`.
    pub(crate) fn integer(
        &mut self,
        name: &str,
        min: i64,
        max: i64,
    ) -> Result<Option<i64>, ApiError> {
        let Some(value) = self.take(name) else {
            return Ok(None);
        };
        let number = match &value {
            Value::Number(number) => number
                .as_i64()
                .or_else(|| number.as_f64().map(|float| float.trunc() as i64)),
            _ => None,
        };
        let Some(number) = number else {
            return Err(type_error(&value, "an Integer"));
        };
        let constraint = if number < min {
            Some(format!(
                "Member must have value greater than or equal to {min}"
            ))
        } else if number > max {
            Some(format!(
                "Member must have value less than or equal to {max}"
            ))
        } else {
            None
        };
        if let Some(constraint) = constraint {
            self.violations.push(violation(
                Some(&number.to_string()),
                &self.path(name),
                &constraint,
            ));
        }
        Ok(Some(number))
    }

    /// `maxResults` then `nextToken`, as the listing operations read them, as a `Page`.
    pub(crate) fn page(&mut self) -> Result<store::Page, ApiError> {
        let (min, max) = crate::shapes::PAGE_SIZE;
        let max_results = self.integer("maxResults", min, max)?;
        let next_token = self.text("nextToken", crate::shapes::PAGE_TOKEN)?;
        Ok(store::Page {
            max_results: max_results
                .and_then(|n| usize::try_from(n).ok())
                .unwrap_or(0),
            next_token,
        })
    }

    /// An optional boolean member.
    pub(crate) fn boolean(&mut self, name: &str) -> Result<Option<bool>, ApiError> {
        match self.take(name) {
            None => Ok(None),
            Some(Value::Bool(flag)) => Ok(Some(flag)),
            Some(other) => Err(type_error(&other, "a Boolean")),
        }
    }

    /// An optional structure member, read with its own `Members`; hand it back to `absorb`
    /// once read.
    pub(crate) fn structure(&mut self, name: &str) -> Result<Option<Members>, ApiError> {
        match self.take(name) {
            None => Ok(None),
            Some(Value::Object(map)) => Ok(Some(Members::from_map(map, self.path(name) + "."))),
            Some(other) => Err(type_error(&other, "a structure")),
        }
    }

    /// An optional list member whose items are structures, each read with its own `Members`
    /// (hand each back to `absorb`).
    pub(crate) fn structure_list(&mut self, name: &str) -> Result<Option<Vec<Members>>, ApiError> {
        let Some(items) = self.list(name)? else {
            return Ok(None);
        };
        let path = self.path(name);
        items
            .into_iter()
            .enumerate()
            .map(|(idx, item)| match item {
                Value::Object(map) => Ok(Members::from_map(
                    map,
                    format!("{path}.{}.member.", idx + 1),
                )),
                other => Err(type_error(&other, "a structure")),
            })
            .collect::<Result<Vec<_>, _>>()
            .map(Some)
    }

    /// An optional list member whose items are strings.
    pub(crate) fn text_list(
        &mut self,
        name: &str,
        rule: Text,
    ) -> Result<Option<Vec<String>>, ApiError> {
        let Some(items) = self.list(name)? else {
            return Ok(None);
        };
        let path = self.path(name);
        let mut res = Vec::with_capacity(items.len());
        for (idx, item) in items.into_iter().enumerate() {
            let mut holder = Map::new();
            holder.insert("member".to_owned(), item);
            let mut member = Members::from_map(holder, format!("{path}.{}.", idx + 1));
            if let Some(text) = member.text("member", rule)? {
                res.push(text);
            }
            self.absorb(member);
        }
        Ok(Some(res))
    }

    /// An optional map member whose values are strings, in the client's order, each value
    /// checked against `rule`.
    pub(crate) fn text_map(
        &mut self,
        name: &str,
        rule: Text,
    ) -> Result<Option<Vec<(String, String)>>, ApiError> {
        let Some(value) = self.take(name) else {
            return Ok(None);
        };
        let Value::Object(map) = value else {
            return Err(type_error(&value, "a map"));
        };
        let path = self.path(name);
        let mut res = Vec::with_capacity(map.len());
        for (key, item) in map {
            let mut holder = Map::new();
            holder.insert("value".to_owned(), item);
            let mut member = Members::from_map(holder, format!("{path}.{key}."));
            if let Some(text) = member.text("value", rule)? {
                res.push((key, text));
            }
            self.absorb(member);
        }
        Ok(Some(res))
    }

    /// An optional timestamp member (epoch seconds, as the JSON protocols send them), in
    /// epoch milliseconds.
    pub(crate) fn timestamp(&mut self, name: &str) -> Result<Option<i64>, ApiError> {
        match self.take(name) {
            None => Ok(None),
            Some(Value::Number(number)) => Ok(number
                .as_f64()
                .map(|seconds| (seconds * 1000.0).round() as i64)),
            Some(other) => Err(type_error(&other, "a Timestamp")),
        }
    }

    fn list(&mut self, name: &str) -> Result<Option<Vec<Value>>, ApiError> {
        match self.take(name) {
            None => Ok(None),
            Some(Value::Array(items)) => Ok(Some(items)),
            Some(other) => Err(type_error(&other, "a list")),
        }
    }

    /// Takes over the constraint failures of a structure read from this one.
    pub(crate) fn absorb(&mut self, inner: Members) {
        self.violations.extend(inner.violations);
    }

    /// Reports the constraint failures collected so far, if any.
    pub(crate) fn finish(self) -> Result<(), ApiError> {
        let count = self.violations.len();
        let message = match count {
            0 => return Ok(()),
            1 => format!("1 validation error detected: {}", self.violations[0]),
            _ => format!(
                "{count} validation errors detected: {}",
                self.violations.join("; ")
            ),
        };
        Err(ApiError::new(ErrorCode::ValidationException, message))
    }
}

fn violation(shown: Option<&str>, path: &str, constraint: &str) -> String {
    match shown {
        Some(value) => {
            format!("Value '{value}' at '{path}' failed to satisfy constraint: {constraint}")
        }
        None => format!("Value at '{path}' failed to satisfy constraint: {constraint}"),
    }
}

/// The front end's message for a member of the wrong JSON type.
fn type_error(value: &Value, expected: &str) -> ApiError {
    let message = match value {
        Value::Object(_) => "Start of structure or map found where not expected.".to_owned(),
        Value::Array(_) => "Start of list found where not expected.".to_owned(),
        Value::String(_) => format!("STRING_VALUE can not be converted to {expected}"),
        Value::Number(_) => format!("NUMBER_VALUE can not be converted to {expected}"),
        Value::Bool(true) => format!("TRUE_VALUE can not be converted to {expected}"),
        Value::Bool(false) => format!("FALSE_VALUE can not be converted to {expected}"),
        Value::Null => format!("null can not be converted to {expected}"),
    };
    ApiError::new(ErrorCode::SerializationException, message)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn members(body: &str) -> Members {
        Members::parse(body.as_bytes()).unwrap()
    }

    #[test]
    fn collects_every_constraint_failure_in_order() {
        let mut req = members(r#"{"name": "", "maxResults": 1001, "kind": "nope"}"#);
        req.required_text("arn", Text::new(1, 256)).unwrap();
        req.text("name", Text::new(1, 80)).unwrap();
        req.integer("maxResults", 0, 1000).unwrap();
        req.enumeration("kind", &["A", "B"]).unwrap();
        let err = req.finish().unwrap_err();
        assert_eq!(err.code, ErrorCode::ValidationException);
        assert_eq!(
            err.message,
            "4 validation errors detected: \
             Value null at 'arn' failed to satisfy constraint: Member must not be null; \
             Value '' at 'name' failed to satisfy constraint: Member must have length greater than or equal to 1; \
             Value '1001' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 1000; \
             Value 'nope' at 'kind' failed to satisfy constraint: Member must satisfy enum value set: [A, B]"
        );
    }

    #[test]
    fn hides_sensitive_values_and_counts_bytes_when_asked() {
        let mut req = members(r#"{"input": "ééé"}"#);
        req.text("input", Text::new(0, 5).sensitive().in_bytes())
            .unwrap();
        assert_eq!(
            req.finish().unwrap_err().message,
            "1 validation error detected: Value at 'input' failed to satisfy constraint: \
             Member must have length less than or equal to 5"
        );
    }

    #[test]
    fn wrong_types_are_serialization_errors() {
        let cases = [
            (
                r#"{"a": 1}"#,
                "NUMBER_VALUE can not be converted to a String",
            ),
            (
                r#"{"a": {}}"#,
                "Start of structure or map found where not expected.",
            ),
            (r#"{"a": []}"#, "Start of list found where not expected."),
        ];
        for (body, message) in cases {
            let err = members(body).text("a", Text::new(0, 9)).unwrap_err();
            assert_eq!(err.code, ErrorCode::SerializationException);
            assert_eq!(err.message, message);
        }
        let err = Members::parse(b"[1]").unwrap_err();
        assert_eq!(err.code, ErrorCode::SerializationException);
        let err = Members::parse(b"{").unwrap_err();
        assert_eq!(err.code, ErrorCode::SerializationException);
    }

    #[test]
    fn nested_paths_name_the_member() {
        let mut req = members(r#"{"tags": [{"key": "ok"}, {"key": ""}], "keys": ["", "b"]}"#);
        for mut tag in req.structure_list("tags").unwrap().unwrap() {
            tag.required_text("key", Text::new(1, 128)).unwrap();
            req.absorb(tag);
        }
        req.text_list("keys", Text::new(1, 128)).unwrap();
        let message = req.finish().unwrap_err().message;
        assert!(message.contains("at 'tags.2.member.key'"), "{message}");
        assert!(message.contains("at 'keys.1.member'"), "{message}");
    }

    #[test]
    fn null_and_empty_bodies_count_as_absent() {
        let mut req = members(r#"{"name": null}"#);
        assert_eq!(req.text("name", Text::new(1, 80)).unwrap(), None);
        assert!(req.finish().is_ok());
        assert!(Members::parse(b"").unwrap().finish().is_ok());
    }
}
