//! Compact JSON text as Jackson writes it, for `States.JsonToString` and for inputs quoted in messages.
//!
//! It differs from `serde_json` in two places that show in AWS's output:
//! control characters are escaped with uppercase hex digits (`\u001F`),
//! and floating-point numbers use Java's spelling (`1.0E10`).

use std::fmt::Write;

use serde_json::{Number, Value};

use super::double::write_double;

/// The compact JSON text of `value`, with keys in their stored order.
pub(crate) fn to_json(value: &Value) -> String {
    let mut out = String::new();
    write_json(&mut out, value);
    out
}

fn write_json(out: &mut String, value: &Value) {
    match value {
        Value::Null => out.push_str("null"),
        Value::Bool(true) => out.push_str("true"),
        Value::Bool(false) => out.push_str("false"),
        Value::Number(number) => write_number(out, number),
        Value::String(text) => write_string(out, text),
        Value::Array(items) => {
            out.push('[');
            for (idx, item) in items.iter().enumerate() {
                if idx > 0 {
                    out.push(',');
                }
                write_json(out, item);
            }
            out.push(']');
        }
        Value::Object(map) => {
            out.push('{');
            for (idx, (key, item)) in map.iter().enumerate() {
                if idx > 0 {
                    out.push(',');
                }
                write_string(out, key);
                out.push(':');
                write_json(out, item);
            }
            out.push('}');
        }
    }
}

/// Appends a JSON number: integers as they are, floats as Java's `Double.toString` spells them.
pub(crate) fn write_number(out: &mut String, number: &Number) {
    if let Some(int) = number.as_i64() {
        let _ = write!(out, "{int}");
    } else if let Some(int) = number.as_u64() {
        let _ = write!(out, "{int}");
    } else if let Some(float) = number.as_f64() {
        write_double(out, float);
    }
}

fn write_string(out: &mut String, text: &str) {
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if u32::from(c) < 0x20 => {
                let _ = write!(out, "\\u{:04X}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::to_json;

    #[test]
    fn matches_jackson_compact_output() {
        assert_eq!(
            to_json(&json!({"b": 1, "a": [true, null, "x"]})),
            r#"{"b":1,"a":[true,null,"x"]}"#
        );
        assert_eq!(to_json(&json!("tab\tand\u{1f}")), r#""tab\tand\u001F""#);
        assert_eq!(to_json(&json!(1e10)), "1.0E10");
        assert_eq!(to_json(&json!(-1.5)), "-1.5");
        assert_eq!(to_json(&json!("ü/é")), "\"ü/é\"");
    }
}
