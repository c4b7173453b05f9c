//! `States.ArrayLength(array)`: the number of items.

use std::borrow::Cow;

use serde_json::Value;

use super::args::{array, fixed};
use super::function::Function;
use crate::error::Failure;

const F: Function = Function::ArrayLength;

pub(crate) fn call(args: Vec<Cow<'_, Value>>) -> Result<Value, Failure> {
    let [items] = fixed(args, F)?;
    Ok(Value::from(array(&items, F)?.len()))
}
