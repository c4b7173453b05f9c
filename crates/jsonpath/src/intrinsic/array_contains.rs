//! `States.ArrayContains(array, value)`: whether the array holds the value.
//!
//! AWS compares the Java string forms of the values, so `true` matches `"true"`,
//! `9007199254740991` matches `"9007199254740991"`, and objects match only with keys in the same order.

use std::borrow::Cow;

use serde_json::Value;

use super::args::{array, fixed};
use super::function::Function;
use crate::error::Failure;
use crate::java::to_java_string;

const F: Function = Function::ArrayContains;

pub(crate) fn call(args: Vec<Cow<'_, Value>>) -> Result<Value, Failure> {
    let [items, needle] = fixed(args, F)?;
    let items = array(&items, F)?;
    let needle = to_java_string(&needle);
    Ok(Value::Bool(
        items.iter().any(|item| to_java_string(item) == needle),
    ))
}
