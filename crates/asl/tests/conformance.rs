//! The recorded AWS cases: the 18 validation cases must give AWS's answers word for word, and
//! every definition AWS ran an execution of must validate without a single diagnostic.
//!
//! The fixtures are copies of `shared/conformance` (see `fixtures/conformance/README.md`).
//! When `shared/conformance` itself sits next to the repository, its cases are checked too, so
//! that a stale copy cannot hide a difference.

use std::path::{Path, PathBuf};

use asl::Severity;
use asl::validate::{
    StateMachineType, invalid_definition_message, parse_definition, validate, validate_for,
};
use serde_json::{Value, json};

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/conformance");

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

/// The copied validation cases.
fn cases() -> Vec<(PathBuf, Value)> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(Path::new(FIXTURES).join("validation"))
        .expect("the fixtures exist")
        .map(|entry| entry.expect("a directory entry").path())
        .collect();
    paths.sort();
    read(paths)
}

fn read(paths: Vec<PathBuf>) -> Vec<(PathBuf, Value)> {
    paths
        .into_iter()
        .map(|path| {
            let text = std::fs::read_to_string(&path).expect("a case is readable");
            let case = serde_json::from_str(&text).expect("a case is JSON");
            (path, case)
        })
        .collect()
}

/// What is wrong with AWS's answers to recorded cases: a line per validation case we answer
/// differently, and per execution case whose definition gets diagnostics.
fn failures(cases: &[(PathBuf, Value)]) -> Vec<String> {
    let mut res = Vec::new();
    for (path, case) in cases {
        match case["kind"].as_str() {
            Some("execution") => {
                let diagnostics = validate(&case["definition"]);
                if !diagnostics.is_empty() {
                    let described: Vec<String> = diagnostics
                        .iter()
                        .map(|d| format!("{}: {} at {}", d.code, d.message, d.location))
                        .collect();
                    res.push(format!("{}: {}", path.display(), described.join("; ")));
                }
            }
            _ => {
                let actual = check(case);
                let expected = &case["expected"];
                if actual != *expected {
                    res.push(format!(
                        "{}\n  expected: {expected}\n    actual: {actual}",
                        path.display()
                    ));
                }
            }
        }
    }
    res
}

#[test]
fn recorded_validation_cases_match_aws() {
    let cases = cases();
    assert_eq!(cases.len(), 18);
    let failures = failures(&cases);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn definitions_aws_ran_have_no_diagnostics() {
    let text = std::fs::read_to_string(Path::new(FIXTURES).join("accepted_definitions.json"))
        .expect("the fixture exists");
    let accepted: Vec<Value> = serde_json::from_str(&text).expect("the fixture is JSON");
    assert_eq!(accepted.len(), 228);
    let cases: Vec<(PathBuf, Value)> = accepted
        .into_iter()
        .map(|case| {
            let id = PathBuf::from(case["id"].as_str().unwrap_or_default());
            (
                id,
                json!({"kind": "execution", "definition": case["definition"]}),
            )
        })
        .collect();
    let failures = failures(&cases);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn shared_conformance_cases_match_aws() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/conformance/cases");
    if !root.is_dir() {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "conformance cases missing at {}",
            root.display()
        );
        eprintln!(
            "\n\n*** SKIPPED: conformance cases not found at {} ***\n\n",
            root.display()
        );
        return;
    }
    let mut paths = Vec::new();
    for topic in std::fs::read_dir(&root).expect("the cases directory is readable") {
        let topic = topic.expect("a directory entry").path();
        if topic.is_dir() {
            for entry in std::fs::read_dir(&topic).expect("a topic directory is readable") {
                let path = entry.expect("a directory entry").path();
                if path
                    .extension()
                    .is_some_and(|extension| extension == "json")
                {
                    paths.push(path);
                }
            }
        }
    }
    paths.sort();
    let cases = read(paths);
    let n_validation = cases
        .iter()
        .filter(|(_, case)| case["kind"] != "execution")
        .count();
    assert_eq!(
        n_validation, 18,
        "the validation cases changed: refresh the fixtures"
    );
    let failures = failures(&cases);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
