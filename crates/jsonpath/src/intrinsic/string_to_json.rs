//! `States.StringToJson(text)`: parses JSON text. AWS gives `null` for blank text.
//!
//! Jackson reads `-0` as the integer 0 where `serde_json` reads the float -0.0,
//! so when the text has an integer `-0`, negative zeros are turned back into 0.

use std::borrow::Cow;

use serde_json::Value;

use super::args::{fixed, invalid, string};
use super::function::Function;
use crate::error::Failure;

const F: Function = Function::StringToJson;

pub(crate) fn call(args: Vec<Cow<'_, Value>>) -> Result<Value, Failure> {
    let [text] = fixed(args, F)?;
    let text = string(&text, F)?;
    if text.trim().is_empty() {
        return Ok(Value::Null);
    }
    let mut value = serde_json::from_str(text).map_err(|_| invalid(F))?;
    if has_integer_negative_zero(text) {
        normalize_negative_zero(&mut value);
    }
    Ok(value)
}

/// Whether `text` has a `-0` that is not the start of `-0.5` or `-0e1`.
fn has_integer_negative_zero(text: &str) -> bool {
    text.match_indices("-0").any(|(idx, _)| {
        text[idx + 2..]
            .chars()
            .next()
            .is_none_or(|c| !(c.is_ascii_digit() || matches!(c, '.' | 'e' | 'E')))
    })
}

fn normalize_negative_zero(value: &mut Value) {
    match value {
        Value::Number(number) => {
            if number
                .as_f64()
                .is_some_and(|float| float == 0.0 && float.is_sign_negative())
            {
                *value = Value::from(0);
            }
        }
        Value::Array(items) => items.iter_mut().for_each(normalize_negative_zero),
        Value::Object(map) => map.values_mut().for_each(normalize_negative_zero),
        Value::Null | Value::Bool(_) | Value::String(_) => {}
    }
}
