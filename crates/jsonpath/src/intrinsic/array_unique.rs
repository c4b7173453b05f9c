//! `States.ArrayUnique(array)`: the distinct items, in the order of a Java `HashSet`, as AWS returns them.

use std::borrow::Cow;

use serde_json::Value;

use super::args::{fixed, invalid};
use super::function::Function;
use crate::error::Failure;
use crate::java::unique_in_hash_set_order;

const F: Function = Function::ArrayUnique;

pub(crate) fn call(args: Vec<Cow<'_, Value>>) -> Result<Value, Failure> {
    let [items] = fixed(args, F)?;
    match items.into_owned() {
        Value::Array(items) => Ok(Value::Array(unique_in_hash_set_order(items))),
        _ => Err(invalid(F)),
    }
}
