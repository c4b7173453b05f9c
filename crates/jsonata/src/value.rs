//! Conversion between `serde_json` values and jsonata-core values, with JavaScript's number rules on the way out.

use jsonata_core::value::JValue;
use serde_json::{Number, Value};

use crate::Error;

/// Deeper results are refused rather than risking the native stack while converting them.
const MAX_OUTPUT_DEPTH: usize = 2_000;

/// Converts an input value for the evaluator, without copying it first.
pub(crate) fn to_jvalue(value: &Value) -> JValue {
    match value {
        Value::Null => JValue::Null,
        Value::Bool(b) => JValue::Bool(*b),
        Value::Number(n) => JValue::Number(n.as_f64().unwrap_or(0.0)),
        Value::String(text) => JValue::string(text.as_str()),
        Value::Array(items) => JValue::array(items.iter().map(to_jvalue).collect()),
        Value::Object(map) => JValue::object(
            map.iter()
                .map(|(key, item)| (key.clone(), to_jvalue(item)))
                .collect(),
        ),
    }
}

/// Converts a result to JSON the way `JSON.stringify` would, with `None` for `undefined`.
pub(crate) fn from_jvalue(value: &JValue) -> Result<Option<Value>, Error> {
    convert(value, 0)
}

fn convert(value: &JValue, depth: usize) -> Result<Option<Value>, Error> {
    if depth > MAX_OUTPUT_DEPTH {
        return Err(Error::new(
            Some("U1001"),
            "Stack overflow error: the result is nested too deeply",
        ));
    }
    let res = match value {
        JValue::Undefined | JValue::Lambda(_) | JValue::Builtin { .. } | JValue::Regex { .. } => {
            return Ok(None);
        }
        JValue::Null => Value::Null,
        JValue::Bool(b) => Value::Bool(*b),
        JValue::Number(n) => number(*n),
        JValue::String(s) => Value::String(s.to_string()),
        JValue::Array(_) => {
            let items = value.as_array().map(Vec::as_slice).unwrap_or_default();
            let mut res = Vec::with_capacity(items.len());
            for item in items {
                res.push(convert(item, depth + 1)?.unwrap_or(Value::Null));
            }
            Value::Array(res)
        }
        JValue::Object(map) => {
            let mut res = serde_json::Map::with_capacity(map.len());
            for (key, item) in map.iter() {
                if let Some(item) = convert(item, depth + 1)? {
                    res.insert(key.clone(), item);
                }
            }
            Value::Object(res)
        }
    };
    Ok(Some(res))
}

/// Writes integral numbers within 2^53 as JSON integers, as JavaScript prints them.
pub(crate) fn number(n: f64) -> Value {
    const SAFE: f64 = 9_007_199_254_740_992.0;
    if n.fract() == 0.0 && n.abs() <= SAFE {
        // The guard above keeps the cast exact; `-0` becomes `0` as in `JSON.stringify`.
        return Value::Number(Number::from(n as i64));
    }
    Number::from_f64(n).map_or(Value::Null, Value::Number)
}

#[cfg(test)]
mod tests {
    use super::number;
    use serde_json::json;

    #[test]
    fn numbers_follow_javascript() {
        assert_eq!(number(2.0), json!(2));
        assert_eq!(number(-0.0), json!(0));
        assert_eq!(number(1.5), json!(1.5));
        assert_eq!(number(1e21), json!(1e21));
        assert_eq!(number(f64::NAN), json!(null));
    }
}
