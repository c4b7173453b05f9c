//! Reading a pattern from JSON, with EventBridge's validation.

use std::net::IpAddr;

use ipnet::IpNet;
use serde_json::{Map, Value};

use crate::PatternError;
use crate::matcher::{Affix, AnythingBut, Folded, Literal, Matcher};
use crate::numeric::{Bound, Range};
use crate::pattern::{Fields, Node};
use crate::wildcard::Wildcard;

/// Reads a whole pattern: a non-empty JSON object.
pub(crate) fn pattern(value: &Value) -> Result<Fields, PatternError> {
    let Value::Object(object) = value else {
        return Err(PatternError::new("Filter is not an object", ""));
    };
    if object.is_empty() {
        return Err(PatternError::new("Empty event pattern", ""));
    }
    fields(object, "")
}

fn fields(object: &Map<String, Value>, pointer: &str) -> Result<Fields, PatternError> {
    let mut res = Fields {
        fields: Vec::with_capacity(object.len()),
        any_of: Vec::new(),
    };
    for (name, value) in object {
        let pointer = format!("{pointer}/{}", name.replace('~', "~0").replace('/', "~1"));
        if name == "$or" {
            res.any_of.push(or(value, &pointer)?);
            continue;
        }
        let node = match value {
            Value::Object(nested) if nested.is_empty() => {
                return Err(PatternError::new(
                    format!("\"{name}\" must not be an empty object"),
                    &pointer,
                ));
            }
            Value::Object(nested) => Node::Object(fields(nested, &pointer)?),
            Value::Array(items) => Node::Leaf(leaf(name, items, &pointer)?),
            _ => {
                return Err(PatternError::new(
                    format!("\"{name}\" must be an object or an array"),
                    &pointer,
                ));
            }
        };
        res.fields.push((name.clone(), node));
    }
    Ok(res)
}

/// Reads `"$or": [{...}, {...}]`.
fn or(value: &Value, pointer: &str) -> Result<Vec<Fields>, PatternError> {
    let reason = "Or relationship must be an array of at least 2 non-empty objects";
    let Value::Array(alternatives) = value else {
        return Err(PatternError::new(reason, pointer));
    };
    if alternatives.len() < 2 {
        return Err(PatternError::new(reason, pointer));
    }
    alternatives
        .iter()
        .enumerate()
        .map(|(index, alternative)| match alternative {
            Value::Object(object) if !object.is_empty() => {
                fields(object, &format!("{pointer}/{index}"))
            }
            _ => Err(PatternError::new(reason, pointer)),
        })
        .collect()
}

/// Reads a leaf array: literals and operators.
fn leaf(name: &str, items: &[Value], pointer: &str) -> Result<Vec<Matcher>, PatternError> {
    if items.is_empty() {
        return Err(PatternError::new(
            format!("Empty arrays are not allowed: \"{name}\""),
            pointer,
        ));
    }
    items
        .iter()
        .enumerate()
        .map(|(index, item)| {
            let pointer = format!("{pointer}/{index}");
            match item {
                Value::Object(operator) => {
                    matcher(operator).map_err(|reason| PatternError::new(reason, &pointer))
                }
                Value::Array(_) => Err(PatternError::new(
                    "Match value must be String, number, true, false, or null",
                    &pointer,
                )),
                scalar => literal(scalar).map(Matcher::Exact).ok_or_else(|| {
                    PatternError::new(
                        "Match value must be String, number, true, false, or null",
                        &pointer,
                    )
                }),
            }
        })
        .collect()
}

fn literal(value: &Value) -> Option<Literal> {
    match value {
        Value::String(text) => Some(Literal::String(text.clone())),
        Value::Number(number) => number.as_f64().map(Literal::Number),
        Value::Bool(boolean) => Some(Literal::Bool(*boolean)),
        Value::Null => Some(Literal::Null),
        Value::Array(_) | Value::Object(_) => None,
    }
}

/// Reads one operator object, such as `{"prefix": "x"}`; the error is a reason.
fn matcher(operator: &Map<String, Value>) -> Result<Matcher, String> {
    let mut entries = operator.iter();
    let (Some((name, operand)), None) = (entries.next(), entries.next()) else {
        return Err("Only one key allowed in match expression".to_owned());
    };
    match name.as_str() {
        "prefix" => affix(name, operand).map(Matcher::Prefix),
        "suffix" => affix(name, operand).map(Matcher::Suffix),
        "equals-ignore-case" => {
            string(name, operand).map(|text| Matcher::EqualsIgnoreCase(Folded::new(text)))
        }
        "wildcard" => Wildcard::parse(string(name, operand)?).map(Matcher::Wildcard),
        "anything-but" => anything_but(operand).map(Matcher::AnythingBut),
        "numeric" => numeric(operand).map(Matcher::Numeric),
        "exists" => match operand {
            Value::Bool(exists) => Ok(Matcher::Exists(*exists)),
            _ => Err("exists match pattern must be either true or false.".to_owned()),
        },
        "cidr" => cidr(string(name, operand)?).map(Matcher::Cidr),
        other => Err(format!("Unrecognized match type {other}")),
    }
}

fn string<'a>(name: &str, operand: &'a Value) -> Result<&'a str, String> {
    operand
        .as_str()
        .ok_or_else(|| format!("{name} match pattern must be a string"))
}

/// Reads the operand of `prefix` or `suffix`: a string or `{"equals-ignore-case": "..."}`.
fn affix(name: &str, operand: &Value) -> Result<Affix, String> {
    match operand {
        Value::String(text) => Ok(Affix::Exact(text.clone())),
        Value::Object(object) => match (object.len(), object.get("equals-ignore-case")) {
            (1, Some(Value::String(text))) => Ok(Affix::IgnoreCase(Folded::new(text))),
            _ => Err(format!(
                "Unsupported {name} pattern: only a string or {{\"equals-ignore-case\": string}} is allowed"
            )),
        },
        _ => Err(format!("{name} match pattern must be a string")),
    }
}

fn anything_but(operand: &Value) -> Result<AnythingBut, String> {
    match operand {
        Value::String(_) | Value::Number(_) => {
            Ok(AnythingBut::Values(literal(operand).into_iter().collect()))
        }
        Value::Array(items) if !items.is_empty() => items
            .iter()
            .map(|item| match item {
                Value::String(_) | Value::Number(_) => literal(item).ok_or_else(|| {
                    "Inside anything but list, only strings and numbers are supported.".to_owned()
                }),
                _ => {
                    Err("Inside anything but list, start|null|boolean is not supported.".to_owned())
                }
            })
            .collect::<Result<_, _>>()
            .map(AnythingBut::Values),
        Value::Object(object) => {
            let mut entries = object.iter();
            let (Some((name, operand)), None) = (entries.next(), entries.next()) else {
                return Err("Only one key allowed in anything-but match expression".to_owned());
            };
            match name.as_str() {
                "prefix" => non_empty(name, operand).map(AnythingBut::Prefix),
                "suffix" => non_empty(name, operand).map(AnythingBut::Suffix),
                "equals-ignore-case" => strings(name, operand, |text| Ok(Folded::new(text)))
                    .map(AnythingBut::EqualsIgnoreCase),
                "wildcard" => strings(name, operand, Wildcard::parse).map(AnythingBut::Wildcard),
                other => Err(format!("Unsupported anything-but pattern: {other}")),
            }
        }
        _ => {
            Err("Value of anything-but must be an array or single string/number value.".to_owned())
        }
    }
}

fn non_empty(name: &str, operand: &Value) -> Result<String, String> {
    match string(name, operand)? {
        "" => Err(format!("Null {name} not allowed")),
        text => Ok(text.to_owned()),
    }
}

/// Reads a string or a non-empty array of strings, each through `read`.
fn strings<T>(
    name: &str,
    operand: &Value,
    read: impl Fn(&str) -> Result<T, String>,
) -> Result<Vec<T>, String> {
    match operand {
        Value::String(text) => Ok(vec![read(text)?]),
        Value::Array(items) if !items.is_empty() => {
            items.iter().map(|item| read(string(name, item)?)).collect()
        }
        _ => Err(format!(
            "{name} match pattern must be a string or an array of strings"
        )),
    }
}

/// Reads `["=", 3]`, `[">", 0]` or `[">", 0, "<=", 5]`.
fn numeric(operand: &Value) -> Result<Range, String> {
    let Value::Array(items) = operand else {
        return Err("Value of numeric must be an array.".to_owned());
    };
    if items.is_empty() || items.len() % 2 != 0 || items.len() > 4 {
        return Err("Value of numeric must be an array of 2 or 4 items.".to_owned());
    }
    let mut range = Range {
        lower: None,
        upper: None,
    };
    for pair in items.chunks(2) {
        let operator = pair[0]
            .as_str()
            .ok_or_else(|| format!("Invalid member in numeric match: {}", pair[0]))?;
        let value = pair[1]
            .as_f64()
            .ok_or_else(|| format!("Value of {operator} must be numeric"))?;
        let (slot, inclusive) = match operator {
            ">" => (&mut range.lower, false),
            ">=" => (&mut range.lower, true),
            "<" => (&mut range.upper, false),
            "<=" => (&mut range.upper, true),
            "=" if items.len() == 2 => {
                let bound = Some(Bound {
                    value,
                    inclusive: true,
                });
                return Ok(Range {
                    lower: bound,
                    upper: bound,
                });
            }
            "=" => return Err("\"=\" must be used alone in a numeric match".to_owned()),
            other => return Err(format!("Unrecognized numeric range operator: {other}")),
        };
        if slot.is_some() {
            return Err(format!("Bad numeric range: {operator} given twice"));
        }
        *slot = Some(Bound { value, inclusive });
    }
    if let (Some(lower), Some(upper)) = (range.lower, range.upper)
        && lower.value >= upper.value
    {
        return Err("Bottom must be less than top".to_owned());
    }
    Ok(range)
}

/// Reads `10.0.0.0/24` or `2001:db8::/32`; a bare address stands for itself alone.
fn cidr(text: &str) -> Result<IpNet, String> {
    text.parse::<IpNet>()
        .or_else(|_| text.parse::<IpAddr>().map(IpNet::from))
        .map_err(|_| format!("Nonstandard IP address: {text}"))
}

#[cfg(test)]
mod tests {
    use crate::Pattern;

    /// Parses `text` and returns the error's reason and pointer.
    #[track_caller]
    fn check_error(text: &str, reason: &str, pointer: &str) {
        let error = Pattern::parse(text).expect_err("the pattern is not valid");
        assert_eq!(
            (error.reason(), error.pointer()),
            (reason, pointer),
            "{text}"
        );
        assert!(
            error
                .to_string()
                .starts_with("Event pattern is not valid. Reason: ")
        );
    }

    #[test]
    fn not_json() {
        let error = Pattern::parse("{\"source\": [").expect_err("not JSON");
        assert_eq!(error.pointer(), "");
    }

    #[test]
    fn not_an_object() {
        check_error(r#"["aws.ec2"]"#, "Filter is not an object", "");
    }

    #[test]
    fn empty_pattern() {
        check_error("{}", "Empty event pattern", "");
        check_error(
            r#"{"detail": {}}"#,
            "\"detail\" must not be an empty object",
            "/detail",
        );
    }

    #[test]
    fn leaf_not_an_array() {
        check_error(
            r#"{"source": "aws.ec2"}"#,
            "\"source\" must be an object or an array",
            "/source",
        );
        check_error(
            r#"{"detail": {"n": 3}}"#,
            "\"n\" must be an object or an array",
            "/detail/n",
        );
    }

    #[test]
    fn empty_leaf_array() {
        check_error(
            r#"{"source": []}"#,
            "Empty arrays are not allowed: \"source\"",
            "/source",
        );
    }

    #[test]
    fn nested_array_in_leaf() {
        check_error(
            r#"{"source": [["a"]]}"#,
            "Match value must be String, number, true, false, or null",
            "/source/0",
        );
    }

    #[test]
    fn unknown_operator() {
        check_error(
            r#"{"source": [{"regex": "a.*"}]}"#,
            "Unrecognized match type regex",
            "/source/0",
        );
    }

    #[test]
    fn two_operators_in_one_object() {
        check_error(
            r#"{"source": [{"prefix": "a", "suffix": "b"}]}"#,
            "Only one key allowed in match expression",
            "/source/0",
        );
    }

    #[test]
    fn bad_operands() {
        check_error(
            r#"{"a": [{"prefix": 1}]}"#,
            "prefix match pattern must be a string",
            "/a/0",
        );
        check_error(
            r#"{"a": [{"exists": "yes"}]}"#,
            "exists match pattern must be either true or false.",
            "/a/0",
        );
        check_error(
            r#"{"a": [{"cidr": "10.0.0.0/33"}]}"#,
            "Nonstandard IP address: 10.0.0.0/33",
            "/a/0",
        );
        check_error(
            r#"{"a": [{"anything-but": true}]}"#,
            "Value of anything-but must be an array or single string/number value.",
            "/a/0",
        );
        check_error(
            r#"{"a": [{"anything-but": {"contains": "x"}}]}"#,
            "Unsupported anything-but pattern: contains",
            "/a/0",
        );
        check_error(
            r#"{"a": [{"wildcard": "a**b"}]}"#,
            "Consecutive wildcard characters at pos 2",
            "/a/0",
        );
    }

    #[test]
    fn numeric_bounds() {
        check_error(
            r#"{"a": [{"numeric": 3}]}"#,
            "Value of numeric must be an array.",
            "/a/0",
        );
        check_error(
            r#"{"a": [{"numeric": ["<", 5, ">", 0, "=", 1]}]}"#,
            "Value of numeric must be an array of 2 or 4 items.",
            "/a/0",
        );
        check_error(
            r#"{"a": [{"numeric": [">", 5, "<", 1]}]}"#,
            "Bottom must be less than top",
            "/a/0",
        );
        check_error(
            r#"{"a": [{"numeric": ["~", 5]}]}"#,
            "Unrecognized numeric range operator: ~",
            "/a/0",
        );
        check_error(
            r#"{"a": [{"numeric": [">", "5"]}]}"#,
            "Value of > must be numeric",
            "/a/0",
        );
        check_error(
            r#"{"a": [{"numeric": [">", 1, ">=", 2]}]}"#,
            "Bad numeric range: >= given twice",
            "/a/0",
        );
    }

    #[test]
    fn or_needs_two_objects() {
        let reason = "Or relationship must be an array of at least 2 non-empty objects";
        check_error(r#"{"$or": [{"a": ["x"]}]}"#, reason, "/$or");
        check_error(r#"{"$or": {"a": ["x"]}}"#, reason, "/$or");
        check_error(
            r#"{"$or": [{"a": ["x"]}, {"b": "y"}]}"#,
            "\"b\" must be an object or an array",
            "/$or/1/b",
        );
    }

    #[test]
    fn pointer_escapes_slashes() {
        check_error(
            r#"{"a/b": "x"}"#,
            "\"a/b\" must be an object or an array",
            "/a~1b",
        );
    }
}
