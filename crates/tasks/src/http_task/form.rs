//! URL encoding of JSON values: the `URL_ENCODED` request bodies of the HTTP Task, with its four
//! array formats, and query strings.
//!
//! Keys of nested objects are written with brackets (`metadata[order_details]=...`), and keys
//! and values are percent-encoded as RFC 3986 says, spaces as `%20`, as AWS's example request
//! shows (`description=Monthly%20subscription&metadata%5Border_details%5D=...`).

use serde_json::{Map, Value};

/// How an array in a URL-encoded body is written (`Transform.RequestEncodingOptions.ArrayFormat`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum ArrayFormat {
    /// `array[0]=a&array[1]=b`, the default.
    Indices,
    /// `array=a&array=b`.
    Repeat,
    /// `array=a,b`.
    Commas,
    /// `array[]=a&array[]=b`.
    Brackets,
}

impl ArrayFormat {
    /// The format an `ArrayFormat` value names, `None` for anything else.
    pub(crate) fn parse(text: &str) -> Option<Self> {
        match text {
            "INDICES" => Some(ArrayFormat::Indices),
            "REPEAT" => Some(ArrayFormat::Repeat),
            "COMMAS" => Some(ArrayFormat::Commas),
            "BRACKETS" => Some(ArrayFormat::Brackets),
            _ => None,
        }
    }
}

/// One `key=value` of an encoded form before percent-encoding; a `COMMAS` array has several
/// values, joined with unencoded commas.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Pair {
    pub(crate) key: String,
    pub(crate) values: Vec<String>,
}

/// The pairs an object encodes to, in its key order.
pub(crate) fn pairs(object: &Map<String, Value>, format: ArrayFormat) -> Vec<Pair> {
    let mut res = Vec::new();
    for (key, value) in object {
        flatten(key.clone(), value, format, &mut res);
    }
    res
}

fn flatten(key: String, value: &Value, format: ArrayFormat, res: &mut Vec<Pair>) {
    match value {
        Value::Object(object) => {
            for (sub_key, sub_value) in object {
                flatten(format!("{key}[{sub_key}]"), sub_value, format, res);
            }
        }
        Value::Array(items) => {
            let all_scalars = items
                .iter()
                .all(|item| !item.is_array() && !item.is_object());
            if format == ArrayFormat::Commas && all_scalars {
                if !items.is_empty() {
                    res.push(Pair {
                        key,
                        values: items.iter().map(scalar).collect(),
                    });
                }
                return;
            }
            for (item_idx, item) in items.iter().enumerate() {
                let item_key = match format {
                    ArrayFormat::Repeat => key.clone(),
                    ArrayFormat::Brackets => format!("{key}[]"),
                    // Commas cannot write nested values; indices keep them apart.
                    ArrayFormat::Indices | ArrayFormat::Commas => format!("{key}[{item_idx}]"),
                };
                flatten(item_key, item, format, res);
            }
        }
        scalar_value => res.push(Pair {
            key,
            values: vec![scalar(scalar_value)],
        }),
    }
}

/// A scalar as form text: strings as they are, `null` as nothing, numbers and booleans as JSON.
pub(crate) fn scalar(value: &Value) -> String {
    match value {
        Value::String(text) => text.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

/// `key=value&...`, percent-encoded.
pub(crate) fn encode(pairs: &[Pair]) -> String {
    let mut res = String::new();
    for pair in pairs {
        if !res.is_empty() {
            res.push('&');
        }
        res.push_str(&percent_encode(&pair.key));
        res.push('=');
        let values: Vec<String> = pair.values.iter().map(|v| percent_encode(v)).collect();
        res.push_str(&values.join(","));
    }
    res
}

/// Percent-encodes everything but RFC 3986's unreserved characters.
pub(crate) fn percent_encode(text: &str) -> String {
    let mut res = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
            res.push(char::from(byte));
        } else {
            res.push_str(&format!("%{byte:02X}"));
        }
    }
    res
}

#[cfg(test)]
mod tests {
    use serde_json::{Value, json};

    use super::*;

    fn check(body: Value, format: ArrayFormat, expected: &str) {
        let Value::Object(object) = body else {
            panic!("the fixture is an object");
        };
        assert_eq!(encode(&pairs(&object, format)), expected);
    }

    #[test]
    fn arrays_follow_each_format_as_aws_documents_them() {
        let body = json!({"array": ["a", "b", "c", "d"]});
        check(
            body.clone(),
            ArrayFormat::Indices,
            "array%5B0%5D=a&array%5B1%5D=b&array%5B2%5D=c&array%5B3%5D=d",
        );
        check(
            body.clone(),
            ArrayFormat::Repeat,
            "array=a&array=b&array=c&array=d",
        );
        check(body.clone(), ArrayFormat::Commas, "array=a,b,c,d");
        check(
            body,
            ArrayFormat::Brackets,
            "array%5B%5D=a&array%5B%5D=b&array%5B%5D=c&array%5B%5D=d",
        );
    }

    #[test]
    fn nested_objects_use_brackets_and_spaces_become_percent_20() {
        // AWS's example request for a Stripe invoice.
        check(
            json!({
                "description": "Monthly subscription",
                "metadata": {"order_details": "monthly report data"},
                "customer": "1234567890"
            }),
            ArrayFormat::Indices,
            "description=Monthly%20subscription&metadata%5Border_details%5D=monthly%20report%20data&customer=1234567890",
        );
    }

    #[test]
    fn scalars_and_reserved_characters() {
        check(
            json!({"n": 1.5, "ok": true, "none": null, "text": "a&b=c,d/é"}),
            ArrayFormat::Indices,
            "n=1.5&ok=true&none=&text=a%26b%3Dc%2Cd%2F%C3%A9",
        );
        check(json!({"empty": [], "also": {}}), ArrayFormat::Commas, "");
    }

    #[test]
    fn comma_lists_encode_each_value_and_nested_arrays_fall_back_to_indices() {
        check(
            json!({"tags": ["a,b", "c d"]}),
            ArrayFormat::Commas,
            "tags=a%2Cb,c%20d",
        );
        check(
            json!({"items": [{"id": 1}, {"id": 2}]}),
            ArrayFormat::Commas,
            "items%5B0%5D%5Bid%5D=1&items%5B1%5D%5Bid%5D=2",
        );
        check(
            json!({"items": [{"id": 1}, [2, 3]]}),
            ArrayFormat::Brackets,
            "items%5B%5D%5Bid%5D=1&items%5B%5D%5B%5D=2&items%5B%5D%5B%5D=3",
        );
    }

    #[test]
    fn formats_parse_from_their_asl_names() {
        assert_eq!(ArrayFormat::parse("REPEAT"), Some(ArrayFormat::Repeat));
        assert_eq!(ArrayFormat::parse("repeat"), None);
    }
}
