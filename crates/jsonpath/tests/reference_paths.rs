//! `ResultPath`-style reference paths: writing a result into the input, and reading back.

use jsonpath::{Failure, ReferencePath};
use serde_json::{Value, json};

/// Writes `result` into `input` at `path`; `Err` holds the expected `ResultPathMatchFailure` cause.
fn check(path: &str, input: Value, result: Value, expected: Result<Value, &str>) {
    let compiled =
        ReferencePath::parse(path).unwrap_or_else(|e| panic!("{path} does not parse: {e}"));
    let expected = expected.map_err(|cause| Failure::new("States.ResultPathMatchFailure", cause));
    assert_eq!(compiled.set(input, result), expected, "{path}");
}

#[test]
fn writes_results() {
    check("$", json!({"a": 1}), json!("new"), Ok(json!("new")));
    check(
        "$.result",
        json!({"a": 1}),
        json!(2),
        Ok(json!({"a": 1, "result": 2})),
    );
    check(
        "$.detail.shipped_output",
        json!({"detail": {"x": 1}}),
        json!([1]),
        Ok(json!({"detail": {"x": 1, "shipped_output": [1]}})),
    );
    check(
        "$.a.b.c",
        json!({}),
        json!(true),
        Ok(json!({"a": {"b": {"c": true}}})),
    );
    check(
        "$['with space']",
        json!({}),
        json!(1),
        Ok(json!({"with space": 1})),
    );
    check(
        "$.arr[1]",
        json!({"arr": [1, 2, 3]}),
        json!("x"),
        Ok(json!({"arr": [1, "x", 3]})),
    );
    check(
        "$.arr[0].k",
        json!({"arr": [{}]}),
        json!(1),
        Ok(json!({"arr": [{"k": 1}]})),
    );
}

#[test]
fn an_existing_key_keeps_its_position() {
    let output = ReferencePath::parse("$.a")
        .expect("parses")
        .set(json!({"a": 1, "b": 2}), json!(3))
        .expect("applies");
    let keys: Vec<&String> = output.as_object().expect("object").keys().collect();
    assert_eq!(keys, ["a", "b"]);
}

#[test]
fn cannot_write_through_non_objects() {
    check(
        "$.a",
        json!("text"),
        json!(1),
        Err("Unable to apply ReferencePath $.a to input \"text\""),
    );
    check(
        "$.a.b",
        json!({"a": 1}),
        json!(1),
        Err("Unable to apply ReferencePath $.a.b to input {\"a\":1}"),
    );
    check(
        "$.arr[5]",
        json!({"arr": [1]}),
        json!(1),
        Err("Unable to apply ReferencePath $.arr[5] to input {\"arr\":[1]}"),
    );
    check(
        "$.missing[0]",
        json!({}),
        json!(1),
        Err("Unable to apply ReferencePath $.missing[0] to input {}"),
    );
    check(
        "$[0]",
        json!({}),
        json!(1),
        Err("Unable to apply ReferencePath $[0] to input {}"),
    );
}

#[test]
fn reads_values() {
    let input = json!({"a": {"b": [10, {"c": "deep"}]}});
    let get = |path: &str| {
        ReferencePath::parse(path)
            .expect("parses")
            .get(&input)
            .cloned()
    };
    assert_eq!(get("$"), Some(input.clone()));
    assert_eq!(get("$.a.b[1].c"), Some(json!("deep")));
    assert_eq!(get("$['a']['b'][0]"), Some(json!(10)));
    assert_eq!(get("$.a.x"), None);
    assert_eq!(get("$.a.b[9]"), None);
}

#[test]
fn rejects_paths_that_are_not_reference_paths() {
    for text in [
        "$.a[*]",
        "$..a",
        "$.a[0,1]",
        "$.a[1:2]",
        "$.a[?(@.x)]",
        "$$.Execution",
        "$var",
        "$.a[-1]",
        "$['a','b']",
        "a.b",
    ] {
        assert!(
            ReferencePath::parse(text).is_err(),
            "{text} should be rejected"
        );
    }
}
