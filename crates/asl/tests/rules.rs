//! One fixture per rule (`fixtures/rules/<rule>.json`), each with failing and passing cases:
//! a case lists exactly the diagnostics validation must give (`CODE location: message`), and
//! a passing case lists none.
//! The failing cases are also rendered, ruff-style, into one snapshot per rule.

use std::path::Path;

use asl::Diagnostic;
use asl::render::render;
use asl::validate::{StateMachineType, parse_definition, rules, validate_for};
use serde_json::Value;

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/rules");

/// A case's definition text and what validation says about it.
fn check(case: &Value) -> (String, Vec<Diagnostic>) {
    let text = match (&case["text"], &case["definition"]) {
        (Value::String(text), _) => text.clone(),
        (_, definition) => serde_json::to_string_pretty(definition).expect("a Value serializes"),
    };
    let machine_type = match case["type"].as_str() {
        Some("EXPRESS") => StateMachineType::Express,
        _ => StateMachineType::Standard,
    };
    let diagnostics = match parse_definition(&text) {
        Ok(definition) => validate_for(&definition, machine_type),
        Err(diagnostic) => vec![diagnostic],
    };
    (text, diagnostics)
}

fn describe(diagnostic: &Diagnostic) -> String {
    format!(
        "{} {}: {}",
        diagnostic.code, diagnostic.location, diagnostic.message
    )
}

fn fixture(rule: &str) -> Value {
    let path = Path::new(FIXTURES).join(format!("{rule}.json"));
    let text =
        std::fs::read_to_string(&path).unwrap_or_else(|err| panic!("{}: {err}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|err| panic!("{}: {err}", path.display()))
}

fn cases(fixture: &Value) -> &[Value] {
    fixture["cases"].as_array().map_or(&[], Vec::as_slice)
}

#[test]
fn every_rule_has_a_fixture_with_failing_and_passing_cases() {
    for rule in rules() {
        let fixture = fixture(rule.name);
        assert_eq!(fixture["rule"], rule.name);
        let cases = cases(&fixture);
        let failing: Vec<&Value> = cases
            .iter()
            .filter(|case| {
                !case["name"]
                    .as_str()
                    .unwrap_or_default()
                    .starts_with("passes")
            })
            .collect();
        assert!(!failing.is_empty(), "{}: no failing case", rule.name);
        assert!(
            failing.len() < cases.len(),
            "{}: no passing case",
            rule.name
        );
        for case in cases.iter().filter(|case| !failing.contains(case)) {
            let (_, diagnostics) = check(case);
            assert!(
                diagnostics.is_empty(),
                "{}: passing case {} gives {diagnostics:?}",
                rule.name,
                case["name"]
            );
        }
        for case in failing {
            let (_, diagnostics) = check(case);
            assert!(
                diagnostics.iter().any(|d| d.code == rule.code),
                "{}: case {} gives no {}",
                rule.name,
                case["name"],
                rule.code
            );
        }
    }
    let n_files = std::fs::read_dir(FIXTURES)
        .expect("the fixtures exist")
        .count();
    assert_eq!(n_files, rules().len(), "a fixture without a rule");
}

#[test]
fn fixtures() {
    let mut failures = Vec::new();
    for rule in rules() {
        for case in cases(&fixture(rule.name)) {
            let (_, diagnostics) = check(case);
            let actual: Vec<String> = diagnostics.iter().map(describe).collect();
            let expected: Vec<String> = case["diagnostics"]
                .as_array()
                .map(|lines| {
                    lines
                        .iter()
                        .filter_map(|line| line.as_str().map(str::to_owned))
                        .collect()
                })
                .unwrap_or_default();
            if actual != expected {
                failures.push(format!(
                    "{} / {}:\n  expected: {expected:#?}\n    actual: {actual:#?}",
                    rule.name, case["name"]
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn snapshots() {
    for rule in rules() {
        let mut rendered = String::new();
        for case in cases(&fixture(rule.name)) {
            let (text, diagnostics) = check(case);
            if diagnostics.is_empty() {
                continue;
            }
            rendered.push_str(&format!(
                "── {} ──\n",
                case["name"].as_str().unwrap_or_default()
            ));
            rendered.push_str(&render(
                &format!("{}.asl.json", rule.name),
                &text,
                &diagnostics,
            ));
        }
        insta::assert_snapshot!(format!("rule__{}", rule.name), rendered);
    }
}
