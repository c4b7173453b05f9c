//! Argument checks shared by the intrinsic functions, and the one failure they all raise.
//!
//! AWS reports every bad argument (wrong count, wrong type, out of range) as
//! `States.Runtime` with the cause `Invalid arguments in States.X`.

use std::borrow::Cow;

use serde_json::Value;

use super::function::Function;
use crate::error::Failure;
use crate::java::round_half_up;

/// The most UTF-16 code units `States.Base64Encode`, `States.Base64Decode` and `States.Hash` accept.
pub(crate) const MAX_INPUT_CHARS: usize = 10_000;

/// AWS's failure for a bad argument to `function`.
pub(crate) fn invalid(function: Function) -> Failure {
    Failure::runtime(format!("Invalid arguments in {}", function.name()))
}

/// The arguments as a fixed-size array; the count was checked before the call.
pub(crate) fn fixed<'x, const N: usize>(
    args: Vec<Cow<'x, Value>>,
    function: Function,
) -> Result<[Cow<'x, Value>; N], Failure> {
    <[Cow<'x, Value>; N]>::try_from(args).map_err(|_| invalid(function))
}

/// A string argument.
pub(crate) fn string(value: &Value, function: Function) -> Result<&str, Failure> {
    value.as_str().ok_or_else(|| invalid(function))
}

/// An array argument.
pub(crate) fn array(value: &Value, function: Function) -> Result<&[Value], Failure> {
    value
        .as_array()
        .map(Vec::as_slice)
        .ok_or_else(|| invalid(function))
}

/// An integer argument read as Java's `Number.intValue()` reads it: fractions are cut off towards zero.
///
/// AWS reads the arguments of `ArrayRange`, `ArrayPartition`, `ArrayGetItem` and `MathRandom` this way.
pub(crate) fn truncated_int(value: &Value, function: Function) -> Result<i32, Failure> {
    let number = value.as_number().ok_or_else(|| invalid(function))?;
    let truncated = match number.as_i64() {
        Some(int) => int,
        None if number.is_u64() => return Err(invalid(function)),
        None => float_to_i64(number.as_f64().map(f64::trunc)).ok_or_else(|| invalid(function))?,
    };
    i32::try_from(truncated).map_err(|_| invalid(function))
}

/// An integer argument rounded as Java's `Math.round` rounds, which is how `States.MathAdd` reads its operands.
pub(crate) fn rounded_int(value: &Value, function: Function) -> Result<i32, Failure> {
    let number = value.as_number().ok_or_else(|| invalid(function))?;
    let rounded = match number.as_i64() {
        Some(int) => int,
        None if number.is_u64() => return Err(invalid(function)),
        None => {
            float_to_i64(number.as_f64().map(round_half_up)).ok_or_else(|| invalid(function))?
        }
    };
    i32::try_from(rounded).map_err(|_| invalid(function))
}

fn float_to_i64(value: Option<f64>) -> Option<i64> {
    let value = value?;
    // The bounds are exact powers of two, so the comparison is exact.
    if value.is_finite() && value >= -(2f64.powi(63)) && value < 2f64.powi(63) {
        Some(value as i64)
    } else {
        None
    }
}

/// The length of `text` as Java counts it, in UTF-16 code units.
pub(crate) fn java_length(text: &str) -> usize {
    text.encode_utf16().count()
}
