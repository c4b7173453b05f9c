//! `States.ArrayPartition(array, size)`: chunks of `size` items; the last may be shorter.
//!
//! AWS cuts a fractional size towards zero, so `2.6` partitions by 2 and `0.6` fails.

use std::borrow::Cow;

use serde_json::Value;

use super::args::{array, fixed, invalid, truncated_int};
use super::function::Function;
use crate::error::Failure;

const F: Function = Function::ArrayPartition;

pub(crate) fn call(args: Vec<Cow<'_, Value>>) -> Result<Value, Failure> {
    let [items, size] = fixed(args, F)?;
    let items = array(&items, F)?;
    let size = usize::try_from(truncated_int(&size, F)?)
        .ok()
        .filter(|size| *size > 0)
        .ok_or_else(|| invalid(F))?;
    Ok(Value::Array(
        items
            .chunks(size)
            .map(|chunk| Value::Array(chunk.to_vec()))
            .collect(),
    ))
}
