//! `States.JsonToString(value)`: the compact JSON text of a value, as Jackson writes it.

use std::borrow::Cow;

use serde_json::Value;

use super::args::fixed;
use super::function::Function;
use crate::error::Failure;
use crate::java::to_json;

pub(crate) fn call(args: Vec<Cow<'_, Value>>) -> Result<Value, Failure> {
    let [value] = fixed(args, Function::JsonToString)?;
    Ok(Value::String(to_json(&value)))
}
