//! Snapshots of the `statewright` binary as a user sees it: the exit code, stdout and stderr of
//! one command per test, in one `.snap` file each under `tests/snapshots/`.
//!
//! Commands run in `tests/fixtures/` with relative paths, so file names in diagnostics are
//! stable; history timestamps are redacted, since they are the only output that changes from
//! run to run.

use std::path::Path;
use std::process::{Command, Stdio};

/// The directory the commands run in.
const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");

/// Runs `statewright ARGS` in the fixtures directory and snapshots its exit code, stdout and
/// stderr as `cli__NAME.snap`.
fn check(name: &str, args: &[&str]) {
    let output = Command::new(env!("CARGO_BIN_EXE_statewright"))
        .args(args)
        .current_dir(Path::new(FIXTURES))
        // Help text is wrapped to the terminal width and coloured on a terminal.
        .env("COLUMNS", "100")
        .env("NO_COLOR", "1")
        .env_remove("CLICOLOR_FORCE")
        .env_remove("RUST_LOG")
        .stdin(Stdio::null())
        .output()
        .expect("the statewright binary starts");
    let code = output.status.code().map_or_else(
        || format!("killed ({})", output.status),
        |code| code.to_string(),
    );
    let snapshot = format!(
        "exit code: {code}\n----- stdout -----\n{}\n----- stderr -----\n{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr),
    );
    let mut settings = insta::Settings::clone_current();
    settings.set_description(format!("statewright {}", args.join(" ")));
    settings.set_omit_expression(true);
    settings.bind(|| insta::assert_snapshot!(name, redact_timestamps(&snapshot)));
}

/// Replaces the number after every `"timestamp":` with `"[timestamp]"`.
fn redact_timestamps(text: &str) -> String {
    const KEY: &str = "\"timestamp\":";
    let mut res = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find(KEY) {
        let (before, after) = rest.split_at(start + KEY.len());
        res.push_str(before);
        let number_len = after
            .find(|c: char| !(c.is_ascii_digit() || matches!(c, '.' | '-' | '+' | 'e' | 'E')))
            .unwrap_or(after.len());
        res.push_str("\"[timestamp]\"");
        rest = &after[number_len..];
    }
    res.push_str(rest);
    res
}

#[test]
fn help() {
    check("help", &["--help"]);
}

#[test]
fn run_help() {
    check("run_help", &["run", "--help"]);
}

#[test]
fn validate_help() {
    check("validate_help", &["validate", "--help"]);
}

#[test]
fn run_with_input() {
    check(
        "run_with_input",
        &["run", "pass-choice.asl.json", "--input", r#"{"n": 42}"#],
    );
}

#[test]
fn run_with_input_file() {
    check(
        "run_with_input_file",
        &[
            "run",
            "pass-choice.asl.json",
            "--input-file",
            "pass-choice.input.json",
        ],
    );
}

#[test]
fn run_with_history() {
    check(
        "run_with_history",
        &[
            "run",
            "pass-choice.asl.json",
            "--input",
            r#"{"n": 1}"#,
            "--history",
        ],
    );
}

#[test]
fn run_ending_in_a_fail_state() {
    check("run_ending_in_a_fail_state", &["run", "fail.asl.json"]);
}

// FIXME: `run` exits 2 here and for a missing or invalid definition, but 1 for a failed
// execution and `validate` exits 1 for the same invalid definition; `run --help` documents
// neither code.
#[test]
fn run_with_invalid_input() {
    check(
        "run_with_invalid_input",
        &["run", "pass-choice.asl.json", "--input", r#"{"n": }"#],
    );
}

#[test]
fn run_missing_file() {
    check("run_missing_file", &["run", "missing.asl.json"]);
}

#[test]
fn run_invalid_definition() {
    check("run_invalid_definition", &["run", "problems.asl.json"]);
}

#[test]
fn validate_valid_file() {
    check("validate_valid_file", &["validate", "pass-choice.asl.json"]);
}

// FIXME: the diagnostics come in rule order (5:5, 8:39, 8:19, 4:39, ...), not in file order as
// ruff prints them.
#[test]
fn validate_several_problems() {
    check(
        "validate_several_problems",
        &["validate", "problems.asl.json"],
    );
}

// FIXME: the caret points at the `:` after `StartAt` (column 8, where the JSON parser gave
// up), not at the token the message names.
#[test]
fn validate_not_json() {
    check("validate_not_json", &["validate", "not-json.asl.yaml"]);
}
