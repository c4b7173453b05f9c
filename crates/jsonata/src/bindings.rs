//! Named variables visible to an expression, such as `$states` and workflow variables.

use jsonata_core::value::JValue;
use serde_json::Value;

use crate::value;

/// Variables bound for one evaluation, each visible in the expression as `$name`.
///
/// Values are converted to the evaluator's representation once, when they are bound, so one
/// set of bindings serves any number of evaluations cheaply. Bindings are not `Send`: build
/// them on the thread that evaluates.
///
/// # Example
///
/// ```
/// use serde_json::json;
/// let bindings = jsonata::Bindings::new().with("states", json!({"input": 1})).with("count", json!(3));
/// assert_eq!(bindings.get("count"), Some(json!(3)));
/// ```
#[derive(Debug, Clone, Default)]
pub struct Bindings {
    vars: Vec<(String, JValue)>,
}

impl Bindings {
    /// Creates an empty set of bindings.
    pub fn new() -> Self {
        Bindings::default()
    }

    /// Binds `name` (without the `$`) to `value`, replacing an earlier binding of the same name.
    pub fn insert(&mut self, name: impl Into<String>, value: Value) {
        self.bind(name.into(), JValue::from(value));
    }

    /// Binds `name` to a copy of `value`, converted without an intermediate clone.
    pub fn insert_ref(&mut self, name: impl Into<String>, value: &Value) {
        self.bind(name.into(), value::to_jvalue(value));
    }

    /// Binds `name` to an object with these members, each converted without an intermediate
    /// clone (as `$states` is built from a state's input, result and context).
    pub fn insert_object<'v>(
        &mut self,
        name: impl Into<String>,
        members: impl IntoIterator<Item = (&'v str, &'v Value)>,
    ) {
        let object = members
            .into_iter()
            .map(|(key, item)| (key.to_owned(), value::to_jvalue(item)))
            .collect();
        self.bind(name.into(), JValue::object(object));
    }

    fn bind(&mut self, name: String, value: JValue) {
        match self.vars.iter_mut().find(|(n, _)| *n == name) {
            Some(slot) => slot.1 = value,
            None => self.vars.push((name, value)),
        }
    }

    /// Returns the bindings with `name` bound to `value`.
    pub fn with(mut self, name: impl Into<String>, value: Value) -> Self {
        self.insert(name, value);
        self
    }

    /// Returns a copy of the value bound to `name`, if any.
    pub fn get(&self, name: &str) -> Option<Value> {
        let bound = self.vars.iter().find(|(n, _)| n == name).map(|(_, v)| v)?;
        value::from_jvalue(bound).ok().flatten()
    }

    /// Iterates over the bindings in insertion order.
    pub(crate) fn iter(&self) -> impl Iterator<Item = (&str, &JValue)> {
        self.vars.iter().map(|(n, v)| (n.as_str(), v))
    }
}
