//! `$parse(jsonString)`: the JSON value a string holds, AWS's replacement for `$eval`.

use jsonata_core::evaluator::EvaluatorError;
use jsonata_core::value::JValue;

use super::{arity, bad_argument, coded};

pub(super) fn parse(args: &[JValue]) -> Result<JValue, EvaluatorError> {
    arity(args, 1, 1, "parse")?;
    let text = match &args[0] {
        JValue::Undefined => return Ok(JValue::Undefined),
        JValue::String(s) => s,
        _ => return Err(bad_argument(1, "parse")),
    };
    match serde_json::from_str::<serde_json::Value>(text) {
        Ok(value) => Ok(JValue::from(value)),
        Err(e) => Err(coded(
            "D3050",
            &format!("The argument of function \"parse\" is not valid JSON: {e}"),
        )),
    }
}
