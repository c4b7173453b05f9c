//! `docs/diagnostics.md` is generated from the validation rules' doc comments; this test
//! fails when it is stale. Regenerate it with
//! `STATEWRIGHT_UPDATE_DOCS=1 cargo test -p asl --test docs`.

use std::fmt::Write as _;
use std::path::Path;

/// The rule file's `//!` paragraph, without the first line (the rule's name) and the
/// comment markers.
fn rule_doc(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("src/validate")
        .join(format!("{}.rs", name.replace('-', "_")));
    let text = std::fs::read_to_string(&path).expect("a rule file");
    let lines: Vec<&str> = text
        .lines()
        .take_while(|line| line.starts_with("//!"))
        .skip(1)
        .map(|line| {
            line.strip_prefix("//!")
                .unwrap_or(line)
                .strip_prefix(' ')
                .unwrap_or("")
        })
        .collect();
    // The rule's sections sit under its own heading in the generated page.
    lines
        .iter()
        .map(|line| match line.strip_prefix("## ") {
            Some(heading) => format!("#### {heading}"),
            None => (*line).to_owned(),
        })
        .collect::<Vec<_>>()
        .join("\n")
        .trim()
        .to_owned()
}

fn render() -> String {
    let mut res = String::from(
        "# Diagnostics\n\nEvery problem `statewright validate`, `CreateStateMachine` and `ValidateStateMachineDefinition` report, one rule at a time.\nThis file is generated from the rules' doc comments by `crates/asl/tests/docs.rs`; edit those instead.\n\n| rule | code | checks |\n|---|---|---|\n",
    );
    for rule in asl::validate::rules() {
        writeln!(
            res,
            "| [`{}`](#{}) | `{}` | {} |",
            rule.name, rule.name, rule.code, rule.summary
        )
        .expect("writing to a String");
    }
    for rule in asl::validate::rules() {
        write!(
            res,
            "\n## {}\n\nCode: `{}`.\n\n{}\n",
            rule.name,
            rule.code,
            rule_doc(rule.name)
        )
        .expect("writing to a String");
    }
    res
}

#[test]
fn diagnostics_doc_is_current() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/diagnostics.md");
    let expected = render();
    if std::env::var_os("STATEWRIGHT_UPDATE_DOCS").is_some() {
        std::fs::write(&path, &expected).expect("docs/diagnostics.md is writable");
        return;
    }
    let actual = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        actual == expected,
        "docs/diagnostics.md is stale: run `STATEWRIGHT_UPDATE_DOCS=1 cargo test -p asl --test docs`"
    );
}
