//! Conventions of the validation code that the compiler does not check: every file opens
//! with a `//!` paragraph, and every rule lives in a file named after it whose documentation
//! has the four sections of a ruff rule.

use std::path::Path;

use asl::validate::rules;

const SRC: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/src");

/// Files under `src/validate/` that hold helpers, not rules.
const HELPERS: &[&str] = &[
    "mod.rs",
    "context.rs",
    "fields.rs",
    "paths.rs",
    "nesting_too_deep.rs",
    "rfc3339.rs",
];

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|err| panic!("{}: {err}", path.display()))
}

#[test]
fn every_file_opens_with_a_module_comment() {
    let mut paths = vec![
        Path::new(SRC).join("lib.rs"),
        Path::new(SRC).join("diagnostic.rs"),
        Path::new(SRC).join("render.rs"),
    ];
    for entry in std::fs::read_dir(Path::new(SRC).join("validate")).expect("src/validate") {
        paths.push(entry.expect("a directory entry").path());
    }
    for path in paths {
        assert!(
            read(&path).starts_with("//! "),
            "{} has no //! paragraph",
            path.display()
        );
    }
}

#[test]
fn every_rule_has_a_documented_file() {
    let dir = Path::new(SRC).join("validate");
    for rule in rules() {
        let path = dir.join(format!("{}.rs", rule.name.replace('-', "_")));
        let text = read(&path);
        assert!(
            text.starts_with(&format!("//! Rule `{}`: ", rule.name)),
            "{} does not open with its rule's name",
            path.display()
        );
        for section in ["## What it checks", "## Why", "## Example", "## Fix"] {
            assert!(
                text.contains(&format!("//! {section}")),
                "{}: no {section}",
                path.display()
            );
        }
        assert!(text.contains(&format!("name: \"{}\"", rule.name)));
    }
    let n_files = std::fs::read_dir(&dir).expect("src/validate").count();
    assert_eq!(
        n_files,
        rules().len() + HELPERS.len(),
        "a file in src/validate/ is neither a rule nor a helper"
    );
}
