//! Nothing panics and every layout keeps its invariants: long chains, a Parallel state with
//! many branches, and every definition of the shared conformance corpus, in all three formats.

mod common;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use graph::Graph;
use serde_json::{Map, Value, json};

/// Builds, lays out and renders `definition` in every format, checking the layout; returns
/// the graph.
fn check(definition: &Value) -> Graph {
    let graph = Graph::from_definition(definition);
    let layout = graph::layout(&graph);
    common::check_geometry(&graph, &layout);
    let svg = graph::render_svg(&graph, &layout, &HashMap::new());
    assert_eq!(
        svg.matches("data-state-id=").count(),
        common::n_states(&graph)
    );
    assert!(graph::render_dot(&graph).ends_with("}\n"));
    assert!(graph::render_mermaid(&graph).starts_with("flowchart TD\n"));
    graph
}

/// A chain of `n_states` Pass states.
fn chain(n_states: usize) -> Value {
    let mut states = Map::new();
    for index in 0..n_states {
        let state = if index + 1 == n_states {
            json!({"Type": "Pass", "End": true})
        } else {
            json!({"Type": "Pass", "Next": format!("S{}", index + 1)})
        };
        states.insert(format!("S{index}"), state);
    }
    json!({"StartAt": "S0", "States": states})
}

#[test]
fn a_chain_of_100_states() {
    let graph = check(&chain(100));
    assert_eq!(common::n_states(&graph), 100);
}

#[test]
fn a_chain_of_500_states() {
    let graph = check(&chain(500));
    assert_eq!(common::n_states(&graph), 500);
}

#[test]
fn a_parallel_state_with_20_branches() {
    let branches: Vec<Value> = (0..20).map(|_| chain(3)).collect();
    let graph = check(&json!({
        "StartAt": "Fan",
        "States": {"Fan": {"Type": "Parallel", "Branches": branches, "End": true}}
    }));
    assert_eq!(graph.scopes().len(), 21);
    // Each branch reuses the names S0..S2; their ids stay apart.
    assert!(graph.find("/States/Fan/Branches/19/States/S2").is_some());
}

#[test]
fn loops_and_parallel_edges() {
    check(&json!({
        "StartAt": "A",
        "States": {
            "A": {"Type": "Task", "Resource": "x", "Next": "B",
                  "Catch": [{"ErrorEquals": ["E1"], "Next": "B"}, {"ErrorEquals": ["E2"], "Next": "A"}]},
            "B": {"Type": "Choice", "Choices": [
                {"Variable": "$.a", "IsNull": true, "Next": "A"},
                {"Variable": "$.b", "IsNull": true, "Next": "A"},
                {"Variable": "$.c", "IsNull": true, "Next": "C"}
            ], "Default": "C"},
            "C": {"Type": "Pass", "Next": "A"}
        }
    }));
}

#[test]
fn malformed_definitions() {
    for definition in [
        json!(null),
        json!("text"),
        json!({}),
        json!({"StartAt": "X"}),
        json!({"StartAt": "X", "States": {"X": 3}}),
        json!({"StartAt": "P", "States": {"P": {"Type": "Parallel", "Branches": [3, {"States": []}]}}}),
        json!({"StartAt": "P", "States": {"P": {"Type": "Parallel", "Branches": []}}}),
        json!({"StartAt": "M", "States": {"M": {"Type": "Map", "ItemProcessor": "no"}}}),
        json!({"StartAt": "C", "States": {"C": {"Type": "Choice", "Choices": [{"Next": 1}, 3, {"Next": "C"}]}}}),
        json!({"StartAt": "T", "States": {"T": {"Type": "Task", "Catch": {"Next": "T"}, "Next": ["T"]}}}),
    ] {
        check(&definition);
    }
}

#[test]
fn deep_nesting() {
    let mut definition = chain(2);
    for _ in 0..12 {
        definition = json!({
            "StartAt": "Wrap",
            "States": {"Wrap": {"Type": "Parallel", "Branches": [definition, chain(1)], "End": true}}
        });
    }
    let graph = check(&definition);
    assert_eq!(graph.scopes().len(), 25);
}

#[test]
fn every_conformance_definition() {
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
    let mut paths = json_files(&root);
    paths.sort();
    assert!(!paths.is_empty(), "no cases under {}", root.display());
    for path in paths {
        let case = common::read_json(&path);
        let definition = match &case["definition"] {
            // A few cases hold the definition as text, some of it deliberately not JSON.
            Value::String(text) => {
                serde_json::from_str(text).unwrap_or(Value::String(text.clone()))
            }
            definition => definition.clone(),
        };
        let result = std::panic::catch_unwind(|| check(&definition));
        assert!(result.is_ok(), "{}", path.display());
    }
}

/// The `.json` files under `dir`, recursively.
fn json_files(dir: &Path) -> Vec<PathBuf> {
    let mut res = Vec::new();
    for entry in std::fs::read_dir(dir).expect("a readable directory") {
        let path = entry.expect("a directory entry").path();
        if path.is_dir() {
            res.extend(json_files(&path));
        } else if path
            .extension()
            .is_some_and(|extension| extension == "json")
        {
            res.push(path);
        }
    }
    res
}
