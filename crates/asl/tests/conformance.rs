//! The recorded AWS cases: the 18 validation cases must give AWS's answers word for word, and
//! no definition AWS accepted may be rejected for a reason AWS has.
//!
//! The fixtures are copies of `shared/conformance` (see `fixtures/conformance/README.md`).

use std::path::{Path, PathBuf};

use asl::validate::{
    StateMachineType, code, invalid_definition_message, parse_definition, validate_for,
};
use asl::{Diagnostic, Severity};
use serde_json::{Value, json};

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/conformance");

/// Deliberate differences from AWS: the case id and the diagnostics we add to AWS's answer.
///
/// FIXME: JSONata is not supported yet (`validate/jsonata_unsupported.rs`), so definitions
/// that turn it on get one more diagnostic than AWS gives; delete these entries with that
/// rule.
const DEVIATIONS: &[(&str, &[(&str, &str)])] = &[
    (
        "test_sfn_api_validation::test_validate_state_machine_definition_type_express[INVALID_DOWNGRADE_QUERY_LANGUAGE]",
        &[("/QueryLanguage", "JSONata is not supported yet")],
    ),
    (
        "test_sfn_api_validation::test_validate_state_machine_definition_type_standard[INVALID_DOWNGRADE_QUERY_LANGUAGE]",
        &[("/QueryLanguage", "JSONata is not supported yet")],
    ),
    (
        "test_sfn_api_validation::test_validate_state_machine_definition_type_express[VALID_QUERY_LANGUAGE_PASS]",
        &[("/States/Map/QueryLanguage", "JSONata is not supported yet")],
    ),
    (
        "test_sfn_api_validation::test_validate_state_machine_definition_type_standard[VALID_QUERY_LANGUAGE_PASS]",
        &[("/States/Map/QueryLanguage", "JSONata is not supported yet")],
    ),
];

/// What validation answers for a recorded case, in the recording's shape.
fn check(case: &Value) -> Value {
    let text = match &case["definition"] {
        Value::String(text) => text.clone(),
        definition => serde_json::to_string(definition).expect("a Value serializes"),
    };
    let machine_type = match case["validate_type"].as_str() {
        Some("EXPRESS") => StateMachineType::Express,
        _ => StateMachineType::Standard,
    };
    let diagnostics = match parse_definition(&text) {
        Ok(definition) => validate_for(&definition, machine_type),
        Err(diagnostic) => vec![diagnostic],
    };
    match case["kind"].as_str() {
        Some("rejection") => json!({
            "error_code": "InvalidDefinition",
            "message": invalid_definition_message(&diagnostics),
        }),
        _ => json!({
            "diagnostics": diagnostics,
            "result": if diagnostics.iter().any(|d| d.severity == Severity::Error) { "FAIL" } else { "OK" },
            "truncated": false,
        }),
    }
}

/// AWS's answer, plus our documented deviations.
fn expected(case: &Value) -> Value {
    let mut expected = case["expected"].clone();
    let id = case["id"].as_str().unwrap_or_default();
    if let Some((_, extra)) = DEVIATIONS.iter().find(|(case_id, _)| *case_id == id) {
        let diagnostics = expected["diagnostics"]
            .as_array_mut()
            .expect("a validation case");
        for (location, message) in *extra {
            diagnostics.push(
                serde_json::to_value(Diagnostic::error(
                    code::UNSUPPORTED_FEATURE,
                    *message,
                    *location,
                ))
                .expect("a Diagnostic serializes"),
            );
        }
        expected["result"] = json!("FAIL");
    }
    expected
}

fn cases() -> Vec<(PathBuf, Value)> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(Path::new(FIXTURES).join("validation"))
        .expect("the fixtures exist")
        .map(|entry| entry.expect("a directory entry").path())
        .collect();
    paths.sort();
    paths
        .into_iter()
        .map(|path| {
            let text = std::fs::read_to_string(&path).expect("a fixture is readable");
            let case = serde_json::from_str(&text).expect("a fixture is JSON");
            (path, case)
        })
        .collect()
}

#[test]
fn recorded_validation_cases_match_aws() {
    let cases = cases();
    assert_eq!(cases.len(), 18);
    let mut failures = Vec::new();
    for (path, case) in &cases {
        let actual = check(case);
        let expected = expected(case);
        if actual != expected {
            failures.push(format!(
                "{}\n  expected: {expected}\n    actual: {actual}",
                path.display()
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn deviations_are_real() {
    // Every deviation names a case, and applies to it: a stale entry fails here.
    let cases = cases();
    for (id, _) in DEVIATIONS {
        let (_, case) = cases
            .iter()
            .find(|(_, case)| case["id"] == *id)
            .unwrap_or_else(|| panic!("no case {id}"));
        assert_ne!(check(case), case["expected"], "{id} matches AWS now");
    }
}

#[test]
fn definitions_aws_accepted_have_no_aws_errors() {
    let text = std::fs::read_to_string(Path::new(FIXTURES).join("accepted_definitions.json"))
        .expect("the fixture exists");
    let accepted: Vec<Value> = serde_json::from_str(&text).expect("the fixture is JSON");
    assert_eq!(accepted.len(), 228);
    let mut failures = Vec::new();
    for case in &accepted {
        let diagnostics = validate_for(&case["definition"], StateMachineType::Standard);
        let rejected: Vec<String> = diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error && d.code != code::UNSUPPORTED_FEATURE)
            .map(|d| format!("{}: {} at {}", d.code, d.message, d.location))
            .collect();
        if !rejected.is_empty() {
            failures.push(format!("{}: {}", case["id"], rejected.join("; ")));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
