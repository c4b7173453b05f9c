//! Whole-output snapshots of definitions with many problems (`fixtures/multi/*.asl.json`):
//! every diagnostic rendered ruff-style, then the `InvalidDefinition` message AWS's API would
//! return for them.

use std::path::Path;

use asl::render::render;
use asl::validate::{invalid_definition_message, parse_definition, validate};

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/multi");

/// The rendered diagnostics of a definition file, and the API's message.
fn check(file_name: &str, text: &str) -> String {
    let diagnostics = match parse_definition(text) {
        Ok(definition) => validate(&definition),
        Err(diagnostic) => vec![diagnostic],
    };
    format!(
        "{}── InvalidDefinition ──\n{}\n",
        render(file_name, text, &diagnostics),
        invalid_definition_message(&diagnostics)
    )
}

#[test]
fn multi_problem_definitions() {
    let mut paths: Vec<_> = std::fs::read_dir(FIXTURES)
        .expect("the fixtures exist")
        .map(|entry| entry.expect("a directory entry").path())
        .collect();
    paths.sort();
    assert!(paths.len() >= 3);
    for path in paths {
        let file_name = path
            .file_name()
            .and_then(|name| name.to_str())
            .expect("a file name");
        let text = std::fs::read_to_string(Path::new(&path)).expect("a fixture is readable");
        let name = file_name.trim_end_matches(".asl.json");
        insta::assert_snapshot!(format!("multi__{name}"), check(file_name, &text));
    }
}
