//! Short, readable edge labels: a Choice rule as `$.x == 3` or its JSONata `Condition`, a
//! Catcher as its error names.

use serde_json::Value;

/// The most characters a label keeps; longer ones end in `…`.
pub(crate) const MAX_LABEL_CHARS: usize = 40;

/// The comparison operators of JSONPath Choice rules, with the symbol each is drawn as.
/// Each has a `...Path` twin that compares with another path instead of a literal.
const COMPARISONS: &[(&str, &str)] = &[
    ("StringEquals", "=="),
    ("StringLessThan", "<"),
    ("StringGreaterThan", ">"),
    ("StringLessThanEquals", "<="),
    ("StringGreaterThanEquals", ">="),
    ("NumericEquals", "=="),
    ("NumericLessThan", "<"),
    ("NumericGreaterThan", ">"),
    ("NumericLessThanEquals", "<="),
    ("NumericGreaterThanEquals", ">="),
    ("BooleanEquals", "=="),
    ("TimestampEquals", "=="),
    ("TimestampLessThan", "<"),
    ("TimestampGreaterThan", ">"),
    ("TimestampLessThanEquals", "<="),
    ("TimestampGreaterThanEquals", ">="),
    ("StringMatches", "matches"),
];

/// The type tests of JSONPath Choice rules, with the word each is drawn as.
const TESTS: &[(&str, &str)] = &[
    ("IsPresent", "present"),
    ("IsNull", "null"),
    ("IsNumeric", "numeric"),
    ("IsString", "string"),
    ("IsBoolean", "boolean"),
    ("IsTimestamp", "timestamp"),
];

/// The label of a Choice rule (a member of `Choices`).
pub(crate) fn choice_rule(rule: &Value) -> String {
    truncate(&rule_text(rule))
}

/// The label of a Catcher: its `ErrorEquals`, joined by commas.
pub(crate) fn catcher(catcher: &Value) -> String {
    let names: Vec<&str> = catcher
        .get("ErrorEquals")
        .and_then(Value::as_array)
        .map(|names| names.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    if names.is_empty() {
        return "Catch".to_owned();
    }
    truncate(&names.join(", "))
}

/// `text`, cut to [`MAX_LABEL_CHARS`] characters with a trailing `…` if it was longer, and
/// with line breaks and tabs turned into spaces.
pub(crate) fn truncate(text: &str) -> String {
    let text: String = text
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    let text = text.trim();
    if text.chars().count() <= MAX_LABEL_CHARS {
        return text.to_owned();
    }
    let mut res: String = text.chars().take(MAX_LABEL_CHARS - 1).collect();
    res.truncate(res.trim_end().len());
    res.push('…');
    res
}

/// The full text of a rule, before truncation.
fn rule_text(rule: &Value) -> String {
    if let Some(condition) = rule.get("Condition") {
        return match condition.as_str() {
            Some(text) => jsonata_body(text).to_owned(),
            None => condition.to_string(),
        };
    }
    if let Some(rules) = rule.get("And").and_then(Value::as_array) {
        return joined(rules, " and ");
    }
    if let Some(rules) = rule.get("Or").and_then(Value::as_array) {
        return joined(rules, " or ");
    }
    if let Some(inner) = rule.get("Not") {
        return format!("not {}", operand(inner));
    }
    let variable = rule.get("Variable").and_then(Value::as_str).unwrap_or("?");
    for (operator, symbol) in COMPARISONS {
        if let Some(value) = rule.get(*operator) {
            return format!("{variable} {symbol} {}", json_text(value));
        }
        if let Some(path) = rule.get(format!("{operator}Path")).and_then(Value::as_str) {
            return format!("{variable} {symbol} {path}");
        }
    }
    for (test, word) in TESTS {
        if let Some(value) = rule.get(*test) {
            let negation = if value == &Value::Bool(false) {
                "not "
            } else {
                ""
            };
            return format!("{variable} is {negation}{word}");
        }
    }
    variable.to_owned()
}

/// The rules of an `And` or `Or`, each parenthesized if it is compound itself.
fn joined(rules: &[Value], separator: &str) -> String {
    rules
        .iter()
        .map(operand)
        .collect::<Vec<String>>()
        .join(separator)
}

/// A nested rule's text, in parentheses if it is an `And`, `Or` or `Not` itself.
fn operand(rule: &Value) -> String {
    let text = rule_text(rule);
    let compound = ["And", "Or", "Not"]
        .iter()
        .any(|field| rule.get(*field).is_some());
    if compound { format!("({text})") } else { text }
}

/// A JSONata field without its `{% %}` delimiters.
fn jsonata_body(text: &str) -> &str {
    let trimmed = text.trim();
    match trimmed
        .strip_prefix("{%")
        .and_then(|rest| rest.strip_suffix("%}"))
    {
        Some(body) => body.trim(),
        None => trimmed,
    }
}

/// A literal as JSON text (`"a"`, `3`, `true`).
fn json_text(value: &Value) -> String {
    value.to_string()
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn check(rule: Value, expected: &str) {
        assert_eq!(choice_rule(&rule), expected);
    }

    #[test]
    fn comparisons() {
        check(json!({"Variable": "$.x", "NumericEquals": 3}), "$.x == 3");
        check(
            json!({"Variable": "$.name", "StringEquals": "Ada"}),
            "$.name == \"Ada\"",
        );
        check(
            json!({"Variable": "$.a", "NumericLessThanEqualsPath": "$.b"}),
            "$.a <= $.b",
        );
        check(
            json!({"Variable": "$.f", "StringMatches": "*.log"}),
            "$.f matches \"*.log\"",
        );
    }

    #[test]
    fn type_tests() {
        check(
            json!({"Variable": "$.x", "IsPresent": true}),
            "$.x is present",
        );
        check(
            json!({"Variable": "$.x", "IsNull": false}),
            "$.x is not null",
        );
    }

    #[test]
    fn compound_rules() {
        check(
            json!({"And": [
                {"Variable": "$.a", "BooleanEquals": true},
                {"Not": {"Variable": "$.b", "IsPresent": true}}
            ]}),
            "$.a == true and (not $.b is present)",
        );
    }

    #[test]
    fn jsonata_conditions() {
        check(
            json!({"Condition": "{% $states.input.n > 3 %}"}),
            "$states.input.n > 3",
        );
        check(json!({"Condition": true}), "true");
    }

    #[test]
    fn long_labels_are_cut() {
        check(
            json!({"Condition": "{% $states.input.customer.address.country = 'Netherlands' %}"}),
            "$states.input.customer.address.country…",
        );
        assert_eq!(truncate("a\nb"), "a b");
    }

    #[test]
    fn catchers() {
        assert_eq!(
            catcher(&json!({"ErrorEquals": ["States.Timeout", "Custom"]})),
            "States.Timeout, Custom"
        );
        assert_eq!(catcher(&json!({"Next": "X"})), "Catch");
    }
}
