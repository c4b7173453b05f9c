//! What a target makes of an event: the event itself, a constant (`Input`), a part of it
//! (`InputPath`) or a template filled from it (`InputTransformer`).

use serde_json::Value;
use store::{InputTransformer, TargetRecord};

/// What the rule that matched tells the template (`<aws.events.rule-arn>` and friends).
pub(crate) struct RuleInfo<'a> {
    pub(crate) arn: &'a str,
    pub(crate) name: &'a str,
    pub(crate) ingestion_time: &'a str,
}

/// The input a target receives for an event, as text (a template may give text that is not
/// JSON, which the start of the execution then refuses).
pub(crate) fn for_target(target: &TargetRecord, event: &Value, rule: &RuleInfo<'_>) -> String {
    if let Some(input) = &target.input {
        return input.clone();
    }
    if let Some(path) = &target.input_path {
        return select(path, event).to_string();
    }
    match &target.input_transformer {
        Some(transformer) => transform(transformer, event, rule),
        None => event.to_string(),
    }
}

/// The value a JSONPath selects in the event, `null` when it selects nothing.
fn select(path: &str, event: &Value) -> Value {
    jsonpath::Path::parse(path)
        .ok()
        .and_then(|path| path.select(event, &Value::Null).ok())
        .unwrap_or(Value::Null)
}

/// Fills an `InputTemplate`: a placeholder inside a JSON string gets a string value without
/// its quotes (other values as JSON); anywhere else it gets the value as JSON.
fn transform(transformer: &InputTransformer, event: &Value, rule: &RuleInfo<'_>) -> String {
    let value_of = |name: &str| -> Option<Value> {
        if let Some((_, path)) = transformer
            .input_paths_map
            .iter()
            .find(|(key, _)| key == name)
        {
            return Some(select(path, event));
        }
        match name {
            "aws.events.event" | "aws.events.event.json" => Some(event.clone()),
            "aws.events.rule-arn" => Some(Value::from(rule.arn)),
            "aws.events.rule-name" => Some(Value::from(rule.name)),
            "aws.events.event.ingestion-time" => Some(Value::from(rule.ingestion_time)),
            _ => None,
        }
    };
    let template = &transformer.input_template;
    let mut res = String::with_capacity(template.len());
    let mut in_string = false;
    let mut escaped = false;
    let mut rest = template.as_str();
    while let Some(ch) = rest.chars().next() {
        if ch == '<'
            && let Some(end) = rest.find('>')
            && let Some(value) = value_of(&rest[1..end])
        {
            let name = &rest[1..end];
            match (&value, in_string) {
                (Value::String(text), true) => {
                    let quoted = Value::from(text.as_str()).to_string();
                    res.push_str(&quoted[1..quoted.len() - 1]);
                }
                (_, true) if name == "aws.events.event.json" => {
                    let quoted = Value::from(value.to_string()).to_string();
                    res.push_str(&quoted[1..quoted.len() - 1]);
                }
                _ => res.push_str(&value.to_string()),
            }
            rest = &rest[end + 1..];
            continue;
        }
        if in_string {
            if escaped {
                escaped = false;
            } else if ch == '\\' {
                escaped = true;
            } else if ch == '"' {
                in_string = false;
            }
        } else if ch == '"' {
            in_string = true;
        }
        res.push(ch);
        rest = &rest[ch.len_utf8()..];
    }
    res
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn target() -> TargetRecord {
        TargetRecord::new("t", "arn:aws:states:us-east-1:000000000000:stateMachine:m")
    }

    const RULE: RuleInfo<'static> = RuleInfo {
        arn: "arn:aws:events:us-east-1:000000000000:rule/r",
        name: "r",
        ingestion_time: "2024-01-01T00:00:00Z",
    };

    fn event() -> Value {
        json!({"id": "e", "detail": {"state": "running", "n": 2, "tags": ["a"]}})
    }

    fn check(target: TargetRecord, expected: &str) {
        assert_eq!(for_target(&target, &event(), &RULE), expected);
    }

    fn transformer(paths: &[(&str, &str)], template: &str) -> TargetRecord {
        TargetRecord {
            input_transformer: Some(InputTransformer {
                input_paths_map: paths
                    .iter()
                    .map(|(name, path)| ((*name).to_owned(), (*path).to_owned()))
                    .collect(),
                input_template: template.to_owned(),
            }),
            ..target()
        }
    }

    #[test]
    fn without_a_choice_the_input_is_the_event() {
        check(target(), &event().to_string());
    }

    #[test]
    fn input_is_constant_and_input_path_selects() {
        let constant = TargetRecord {
            input: Some(r#"{"fixed":true}"#.to_owned()),
            ..target()
        };
        check(constant, r#"{"fixed":true}"#);
        let path = TargetRecord {
            input_path: Some("$.detail".to_owned()),
            ..target()
        };
        check(path, r#"{"state":"running","n":2,"tags":["a"]}"#);
        let missing = TargetRecord {
            input_path: Some("$.nothing".to_owned()),
            ..target()
        };
        check(missing, "null");
    }

    #[test]
    fn templates_quote_what_needs_quoting() {
        let cases = [
            (
                r#"{"state": <state>, "n": <n>}"#,
                r#"{"state": "running", "n": 2}"#,
            ),
            (
                r#"{"text": "is <state> x<n>"}"#,
                r#"{"text": "is running x2"}"#,
            ),
            (
                r#"{"tags": <tags>, "rule": "<aws.events.rule-name>"}"#,
                r#"{"tags": ["a"], "rule": "r"}"#,
            ),
            (r#""<state>""#, r#""running""#),
            (
                r#"{"missing": <gone>, "kept": "<unknown>"}"#,
                r#"{"missing": null, "kept": "<unknown>"}"#,
            ),
            (
                r#"{"e": <aws.events.event.json>}"#,
                &format!(r#"{{"e": {}}}"#, event()),
            ),
        ];
        for (template, expected) in cases {
            let target = transformer(
                &[
                    ("state", "$.detail.state"),
                    ("n", "$.detail.n"),
                    ("tags", "$.detail.tags"),
                    ("gone", "$.detail.gone"),
                ],
                template,
            );
            check(target, expected);
        }
    }

    proptest::proptest! {
        #[test]
        fn any_template_fills_without_panicking(template in "[<>\\\"a-z.{}: ]{0,40}") {
            let target = transformer(&[("a", "$.detail.state"), ("b", "$.nothing")], &template);
            let _ = for_target(&target, &event(), &RULE);
        }

        #[test]
        fn a_template_without_placeholders_is_kept_as_it_is(template in "[^<]{0,40}") {
            let target = transformer(&[("a", "$.detail.state")], &template);
            proptest::prop_assert_eq!(for_target(&target, &event(), &RULE), template);
        }
    }
}
