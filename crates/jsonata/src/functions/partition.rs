//! `$partition(array, size)`: splits an array into chunks of `size`, the last one possibly shorter.

use jsonata_core::evaluator::EvaluatorError;
use jsonata_core::value::JValue;

use super::{arity, bad_argument, coded, integer};

pub(super) fn partition(args: &[JValue]) -> Result<JValue, EvaluatorError> {
    arity(args, 2, 2, "partition")?;
    let items: Vec<JValue> = match &args[0] {
        JValue::Undefined => return Ok(JValue::Undefined),
        JValue::Array(_) => args[0].as_array().cloned().unwrap_or_default(),
        JValue::Lambda(_) | JValue::Builtin { .. } | JValue::Regex { .. } => {
            return Err(bad_argument(1, "partition"));
        }
        single => vec![single.clone()],
    };
    let size = integer(args, 1, "partition")?;
    if size <= 0 {
        return Err(coded(
            "D3050",
            "The second argument of function \"partition\" must be a positive integer",
        ));
    }
    let size = usize::try_from(size).unwrap_or(usize::MAX);
    let chunks = items
        .chunks(size)
        .map(|chunk| JValue::array(chunk.to_vec()))
        .collect();
    Ok(JValue::array(chunks))
}
