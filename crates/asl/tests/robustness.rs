//! Validation, parsing and rendering never panic, whatever the input: arbitrary JSON,
//! arbitrary text, definitions nested far deeper than any real one.

use asl::render::render;
use asl::validate::{StateMachineType, parse_definition, validate, validate_for};
use proptest::prelude::*;
use serde_json::{Map, Value, json};

/// Words that steer random JSON into the rules' paths.
const WORDS: &[&str] = &[
    "StartAt",
    "States",
    "Type",
    "Next",
    "End",
    "Default",
    "Choices",
    "Branches",
    "Iterator",
    "ItemProcessor",
    "ProcessorConfig",
    "Mode",
    "Retry",
    "Catch",
    "ErrorEquals",
    "Resource",
    "Parameters",
    "ResultSelector",
    "ResultPath",
    "InputPath",
    "OutputPath",
    "ItemsPath",
    "Seconds",
    "Timestamp",
    "SecondsPath",
    "TimeoutSeconds",
    "HeartbeatSeconds",
    "IntervalSeconds",
    "MaxAttempts",
    "BackoffRate",
    "MaxDelaySeconds",
    "JitterStrategy",
    "Variable",
    "And",
    "Or",
    "Not",
    "StringEquals",
    "NumericEqualsPath",
    "TimestampEquals",
    "IsPresent",
    "Condition",
    "QueryLanguage",
    "Arguments",
    "Output",
    "Assign",
    "Credentials",
    "RoleArn",
    "Error",
    "ErrorPath",
    "MaxConcurrency",
    "ToleratedFailurePercentage",
    "ItemBatcher",
    "ItemReader",
    "Comment",
    "x.$",
    "Task",
    "Pass",
    "Choice",
    "Wait",
    "Succeed",
    "Fail",
    "Parallel",
    "Map",
    "JSONata",
    "JSONPath",
    "INLINE",
    "States.ALL",
    "$",
    "$$",
    "$.a",
    "$.a[*]",
    "$x",
    "States.Format('{}', $.a)",
    "States.UUID(",
    "{% $x %}",
    "2016-03-14T01:59:00Z",
    "arn:aws:states:::lambda:invoke",
    "A",
    "B",
    "a/b~c",
    "",
];

fn word() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => prop::sample::select(WORDS).prop_map(str::to_owned),
        1 => "[ -~]{0,8}",
        1 => "\\PC{0,6}",
    ]
}

fn json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        (-3i64..100_000_000).prop_map(Value::from),
        (-10.0f64..1e9).prop_map(Value::from),
        word().prop_map(Value::from),
    ];
    leaf.prop_recursive(6, 96, 8, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::vec((word(), inner), 0..8)
                .prop_map(|members| Value::Object(members.into_iter().collect())),
        ]
    })
}

/// A definition shaped enough to reach the deeper rules: named states of known types with
/// random fields.
fn definition() -> impl Strategy<Value = Value> {
    let state = (
        prop::sample::select(
            &[
                "Task", "Pass", "Choice", "Wait", "Succeed", "Fail", "Parallel", "Map",
            ][..],
        ),
        prop::collection::vec((word(), json()), 0..6),
    )
        .prop_map(|(state_type, fields)| {
            let mut state: Map<String, Value> = fields.into_iter().collect();
            state.insert("Type".to_owned(), json!(state_type));
            Value::Object(state)
        });
    (word(), prop::collection::vec((word(), state), 0..6)).prop_map(|(start_at, states)| {
        json!({"StartAt": start_at, "States": Value::Object(states.into_iter().collect())})
    })
}

/// Validates and renders, checking what must hold of every output.
fn check(definition: &Value) {
    for machine_type in [StateMachineType::Standard, StateMachineType::Express] {
        let diagnostics = validate_for(definition, machine_type);
        for diagnostic in &diagnostics {
            assert!(
                diagnostic.location.is_empty() || diagnostic.location.starts_with('/'),
                "{diagnostic:?}"
            );
            assert!(!diagnostic.message.is_empty());
        }
        let text = serde_json::to_string_pretty(definition).expect("a Value serializes");
        let rendered = render("random.asl.json", &text, &diagnostics);
        assert_eq!(
            rendered.matches("random.asl.json:").count(),
            diagnostics.len()
        );
        // The same diagnostics on text that does not match them.
        let _ = render("other.json", "{\"a\": [1, {\"b\": ", &diagnostics);
    }
}

proptest! {
    #[test]
    fn validates_any_json(value in json()) {
        check(&value);
    }

    #[test]
    fn validates_random_definitions(definition in definition()) {
        check(&definition);
    }

    #[test]
    fn parses_any_text(text in "[\\[\\]{}\",:0-9a-zé€😀\\\\ \\n\\t\\r.eE+-]{0,40}") {
        match parse_definition(&text) {
            Ok(_) => {}
            Err(diagnostic) => {
                let _ = render("random.asl.json", &text, &[diagnostic]);
            }
        }
    }

    #[test]
    fn renders_any_pointer(value in json(), tokens in prop::collection::vec(word(), 0..5)) {
        let text = serde_json::to_string_pretty(&value).expect("a Value serializes");
        let location = tokens.iter().map(|token| format!("/{token}")).collect::<String>();
        for message in ["Field 'A' is not supported", "These fields are required: [A]", "x"] {
            let diagnostic = asl::Diagnostic::error("CODE", message, location.clone());
            let rendered = render("random.asl.json", &text, std::slice::from_ref(&diagnostic));
            prop_assert!(rendered.starts_with("random.asl.json:"));
            let half = (0..=text.len() / 2).rev().find(|i| text.is_char_boundary(*i)).unwrap_or(0);
            let _ = render("random.asl.json", &text[..half], &[diagnostic]);
        }
    }

    #[test]
    fn accepts_what_serde_json_accepts(value in json()) {
        for text in [
            serde_json::to_string(&value).expect("a Value serializes"),
            serde_json::to_string_pretty(&value).expect("a Value serializes"),
        ] {
            prop_assert_eq!(parse_definition(&text).ok(), Some(value.clone()));
        }
    }

    #[test]
    fn rejects_what_serde_json_rejects(value in json(), cut in 0usize..200) {
        let text = serde_json::to_string(&value).expect("a Value serializes");
        let cut = cut.min(text.len());
        if let Some(prefix) = text.get(..cut)
            && serde_json::from_str::<Value>(prefix).is_err()
            && !prefix.trim().is_empty()
            && !prefix.starts_with(|c: char| c == '-' || c.is_ascii_digit())
        {
            prop_assert!(parse_definition(prefix).is_err(), "{}", prefix);
        }
    }
}

/// `{key: inner}`, built without `json!`, which would serialize `inner` again at every level.
fn nest(key: &str, inner: Value) -> Value {
    let mut object = Map::new();
    object.insert(key.to_owned(), inner);
    Value::Object(object)
}

/// A value nested far deeper than parsed text can be (128), but not so deep that serde_json's
/// own recursive serializing and dropping would overflow the stack.
const DEPTH: usize = 2_000;

#[test]
fn survives_deep_nesting() {
    // Nested Parallel states.
    let mut state = json!({"Type": "Succeed"});
    for _ in 0..DEPTH / 8 {
        let branch = json!({"StartAt": "S", "States": nest("S", state)});
        state = json!({"Type": "Parallel", "End": true, "Branches": [Value::Null]});
        state["Branches"][0] = branch;
    }
    check(&json!({"StartAt": "S", "States": nest("S", state)}));
    // Nested Choice rules.
    let mut rule = json!({"Variable": "$.x", "IsNull": true});
    for _ in 0..DEPTH {
        rule = nest("Not", rule);
    }
    rule["Next"] = json!("E");
    let mut definition = json!({"StartAt": "C", "States": {
        "C": {"Type": "Choice", "Choices": [Value::Null]}, "E": {"Type": "Succeed"}}});
    definition["States"]["C"]["Choices"][0] = rule;
    check(&definition);
    // A nested payload template.
    let mut template = json!({"x.$": "nope"});
    for _ in 0..DEPTH {
        template = nest("a", template);
    }
    let mut definition = json!({"StartAt": "P", "States": {
        "P": {"Type": "Pass", "Parameters": null, "End": true}}});
    definition["States"]["P"]["Parameters"] = template;
    check(&definition);
    // Nested text.
    let text = format!("{}{}", "{\"a\":".repeat(50_000), "}".repeat(50_000));
    let diagnostic = parse_definition(&text).expect_err("too deep for serde_json");
    let _ = render("deep.json", &text, &[diagnostic]);
}

#[test]
fn validates_non_objects() {
    for value in [
        json!(null),
        json!(1),
        json!("x"),
        json!([]),
        json!([{"StartAt": "A"}]),
    ] {
        let diagnostics = validate(&value);
        assert_eq!(diagnostics.len(), 1);
        assert_eq!(
            diagnostics[0].message,
            "Definition must be a valid JSON object"
        );
    }
}
