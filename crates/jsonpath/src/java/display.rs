//! Java's `String.valueOf` of the objects Jackson maps JSON to, which is what `States.Format` prints.
//!
//! Objects become `java.util.LinkedHashMap` (`{a=1, b=[x, y]}`), arrays `java.util.ArrayList`
//! (`[1, 2]`), and strings are printed without quotes, even inside containers.

use serde_json::Value;

use super::json::write_number;

/// The text Java's `String.valueOf` gives for `value`.
pub(crate) fn to_java_string(value: &Value) -> String {
    match value {
        Value::String(text) => text.clone(),
        other => {
            let mut out = String::new();
            write_java(&mut out, other);
            out
        }
    }
}

fn write_java(out: &mut String, value: &Value) {
    match value {
        Value::Null => out.push_str("null"),
        Value::Bool(true) => out.push_str("true"),
        Value::Bool(false) => out.push_str("false"),
        Value::Number(number) => write_number(out, number),
        Value::String(text) => out.push_str(text),
        Value::Array(items) => {
            out.push('[');
            for (idx, item) in items.iter().enumerate() {
                if idx > 0 {
                    out.push_str(", ");
                }
                write_java(out, item);
            }
            out.push(']');
        }
        Value::Object(map) => {
            out.push('{');
            for (idx, (key, item)) in map.iter().enumerate() {
                if idx > 0 {
                    out.push_str(", ");
                }
                out.push_str(key);
                out.push('=');
                write_java(out, item);
            }
            out.push('}');
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::to_java_string;

    #[test]
    fn prints_like_java_collections() {
        assert_eq!(
            to_java_string(&json!({"Arg1": 1, "Arg2": []})),
            "{Arg1=1, Arg2=[]}"
        );
        assert_eq!(
            to_java_string(&json!(["a", null, 1.5, {"k": "v"}])),
            "[a, null, 1.5, {k=v}]"
        );
        assert_eq!(to_java_string(&json!(null)), "null");
        assert_eq!(to_java_string(&json!("plain")), "plain");
    }
}
