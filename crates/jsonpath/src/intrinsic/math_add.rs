//! `States.MathAdd(a, b)`: the sum of two 32-bit integers.
//!
//! AWS rounds each operand with Java's `Math.round` (halves go up, so `-2.5` is `-2`),
//! and fails when an operand or the sum leaves the 32-bit range.

use std::borrow::Cow;

use serde_json::Value;

use super::args::{fixed, invalid, rounded_int};
use super::function::Function;
use crate::error::Failure;

const F: Function = Function::MathAdd;

pub(crate) fn call(args: Vec<Cow<'_, Value>>) -> Result<Value, Failure> {
    let [left, right] = fixed(args, F)?;
    let sum = rounded_int(&left, F)?
        .checked_add(rounded_int(&right, F)?)
        .ok_or_else(|| invalid(F))?;
    Ok(Value::from(sum))
}
