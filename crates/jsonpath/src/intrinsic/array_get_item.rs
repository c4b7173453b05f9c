//! `States.ArrayGetItem(array, index)`: the item at a zero-based index.
//!
//! AWS cuts a fractional index towards zero, fails for an index outside the array,
//! and, oddly, returns `null` for any index into an empty array.

use std::borrow::Cow;

use serde_json::Value;

use super::args::{array, fixed, invalid, truncated_int};
use super::function::Function;
use crate::error::Failure;

const F: Function = Function::ArrayGetItem;

pub(crate) fn call(args: Vec<Cow<'_, Value>>) -> Result<Value, Failure> {
    let [items, index] = fixed(args, F)?;
    let items = array(&items, F)?;
    let index = truncated_int(&index, F)?;
    if items.is_empty() {
        return Ok(Value::Null);
    }
    usize::try_from(index)
        .ok()
        .and_then(|index| items.get(index))
        .cloned()
        .ok_or_else(|| invalid(F))
}
