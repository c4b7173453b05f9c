//! `States.ArrayRange(start, end, step)`: the integers from `start` to `end` inclusive, `step` apart.
//!
//! AWS cuts fractional arguments towards zero, allows a negative step,
//! rejects a zero step and any result longer than 1,000 items.

use std::borrow::Cow;

use serde_json::Value;

use super::args::{fixed, invalid, truncated_int};
use super::function::Function;
use crate::error::Failure;

const F: Function = Function::ArrayRange;

/// The most items `States.ArrayRange` may produce.
const MAX_ITEMS: i64 = 1000;

pub(crate) fn call(args: Vec<Cow<'_, Value>>) -> Result<Value, Failure> {
    let [start, end, step] = fixed(args, F)?;
    let start = i64::from(truncated_int(&start, F)?);
    let end = i64::from(truncated_int(&end, F)?);
    let step = i64::from(truncated_int(&step, F)?);
    if step == 0 {
        return Err(invalid(F));
    }
    let count = if step > 0 && start <= end {
        (end - start) / step + 1
    } else if step < 0 && start >= end {
        (start - end) / -step + 1
    } else {
        0
    };
    if count > MAX_ITEMS {
        return Err(invalid(F));
    }
    Ok(Value::Array(
        (0..count)
            .map(|idx| Value::from(start + idx * step))
            .collect(),
    ))
}
