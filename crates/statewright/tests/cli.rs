//! Snapshots of the `statewright` binary as a user sees it: the exit code, stdout and stderr of
//! one command per test, in one `.snap` file each under `tests/snapshots/`.
//!
//! Commands run in `tests/fixtures/` with relative paths, so file names in diagnostics are
//! stable; history timestamps are redacted, since they are the only output that changes from
//! run to run.
//! `statewright serve` runs on a port the system picks until a signal stops it; its log's
//! times and port are redacted.

use std::io::{BufRead, BufReader, Read};
use std::path::Path;
use std::process::{Command, Output, Stdio};

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
    snapshot(name, &format!("statewright {}", args.join(" ")), &output);
}

/// Snapshots a finished command's exit code, stdout and stderr as `cli__NAME.snap`.
fn snapshot(name: &str, description: &str, output: &Output) {
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
    settings.set_description(description);
    settings.set_omit_expression(true);
    let snapshot = redact_request_ids(&redact_timestamps(&snapshot));
    settings.bind(|| insta::assert_snapshot!(name, snapshot));
}

/// Starts `statewright serve` on a free port, sends it `signal` once it listens, and
/// snapshots how it stops as `cli__NAME.snap`.
///
/// The log goes to a pipe and `NO_COLOR` is unset, so only the terminal check keeps colour
/// codes out of it.
fn check_serve_stops_on(name: &str, signal: &str) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_statewright"))
        .args(["serve", "--host", "127.0.0.1", "--port", "0", "--in-memory"])
        .env_remove("NO_COLOR")
        .env_remove("CLICOLOR_FORCE")
        .env_remove("RUST_LOG")
        .env_remove("STATEWRIGHT_HOST")
        .env_remove("STATEWRIGHT_PORT")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the statewright binary starts");
    let mut stderr = BufReader::new(child.stderr.take().expect("stderr is piped"));
    let mut log = String::new();
    while !log.contains("listening on") {
        let n_read = stderr
            .read_line(&mut log)
            .expect("the server's log is readable");
        assert!(n_read > 0, "the server stopped before listening:\n{log}");
    }
    let status = Command::new("kill")
        .args(["-s", signal, &child.id().to_string()])
        .status()
        .expect("`kill` runs");
    assert!(status.success(), "`kill -s {signal}` failed");
    stderr
        .read_to_string(&mut log)
        .expect("the server's log is readable");
    let mut output = child.wait_with_output().expect("the server stops");
    assert!(
        !log.contains('\u{1b}'),
        "colour codes in a piped log:\n{log}"
    );
    output.stderr = redact_serve_log(&log).into_bytes();
    snapshot(
        name,
        &format!("statewright serve --host 127.0.0.1 --port 0 --in-memory, then SIG{signal}"),
        &output,
    );
}

/// Replaces the time that starts each log line with `[time]`, and the port the system picked
/// with `[port]`.
fn redact_serve_log(log: &str) -> String {
    log.lines()
        .map(|line| {
            let line = match line.split_once(' ') {
                Some((time, rest)) if time.starts_with(|c: char| c.is_ascii_digit()) => {
                    format!("[time] {rest}")
                }
                _ => line.to_owned(),
            };
            match line.split_once("127.0.0.1:") {
                Some((before, after)) => {
                    let rest = after.trim_start_matches(|c: char| c.is_ascii_digit());
                    format!("{before}127.0.0.1:[port]{rest}\n")
                }
                None => format!("{line}\n"),
            }
        })
        .collect()
}

/// Replaces the number after each `"timestamp":` with `"[timestamp]"`.
fn redact_timestamps(text: &str) -> String {
    redact(text, "\"timestamp\":", "\"[timestamp]\"", |c| {
        c.is_ascii_digit() || matches!(c, '.' | '-' | '+' | 'e' | 'E')
    })
}

/// Replaces the random id in `Request ID: <uuid>` with `[request id]`.
fn redact_request_ids(text: &str) -> String {
    redact(text, "Request ID: ", "[request id]", |c| {
        c.is_ascii_hexdigit() || c == '-'
    })
}

/// Replaces the run of `part` characters after each `key` with `with`.
fn redact(text: &str, key: &str, with: &str, part: fn(char) -> bool) -> String {
    let mut res = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find(key) {
        let (before, after) = rest.split_at(start + key.len());
        res.push_str(before);
        res.push_str(with);
        rest = &after[after.find(|c: char| !part(c)).unwrap_or(after.len())..];
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
fn graph_help() {
    check("graph_help", &["graph", "--help"]);
}

#[test]
fn serve_help() {
    check("serve_help", &["serve", "--help"]);
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
fn run_with_a_configuration_file() {
    check(
        "run_with_a_configuration_file",
        &[
            "run",
            "greet.asl.json",
            "--config",
            "functions/statewright.toml",
            "--input",
            r#"{"name": "Ada"}"#,
        ],
    );
}

#[test]
fn run_without_a_configuration_file_has_no_functions() {
    check(
        "run_without_a_configuration_file_has_no_functions",
        &["run", "greet.asl.json", "--input", r#"{"name": "Ada"}"#],
    );
}

#[test]
fn run_ending_in_a_fail_state() {
    check("run_ending_in_a_fail_state", &["run", "fail.asl.json"]);
}

#[test]
fn run_ending_in_a_fail_state_with_history() {
    check(
        "run_ending_in_a_fail_state_with_history",
        &["run", "fail.asl.json", "--history"],
    );
}

// Exit code 2 for every usage or input problem, 1 only for an execution that did not succeed.
#[test]
fn run_with_invalid_input() {
    check(
        "run_with_invalid_input",
        &["run", "pass-choice.asl.json", "--input", r#"{"n": }"#],
    );
}

#[test]
fn run_with_invalid_input_file() {
    check(
        "run_with_invalid_input_file",
        &[
            "run",
            "pass-choice.asl.json",
            "--input-file",
            "trailing-comma.input.json",
        ],
    );
}

#[test]
fn run_missing_input_file() {
    check(
        "run_missing_input_file",
        &[
            "run",
            "pass-choice.asl.json",
            "--input-file",
            "missing.input.json",
        ],
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
fn run_not_json() {
    check("run_not_json", &["run", "not-json.asl.yaml"]);
}

#[test]
fn run_without_a_definition() {
    check("run_without_a_definition", &["run"]);
}

#[test]
fn validate_valid_file() {
    check("validate_valid_file", &["validate", "pass-choice.asl.json"]);
}

// In file order, as ruff prints them; the two at 5:5 keep the validator's order.
#[test]
fn validate_several_problems() {
    check(
        "validate_several_problems",
        &["validate", "problems.asl.json"],
    );
}

// The caret is on the token the message names, though the parser's column is past it.
#[test]
fn validate_not_json() {
    check("validate_not_json", &["validate", "not-json.asl.yaml"]);
}

#[test]
fn validate_missing_file() {
    check("validate_missing_file", &["validate", "missing.asl.json"]);
}

#[test]
fn graph_as_mermaid() {
    check(
        "graph_as_mermaid",
        &["graph", "pass-choice.asl.json", "--format", "mermaid"],
    );
}

#[test]
fn graph_as_dot() {
    check(
        "graph_as_dot",
        &["graph", "pass-choice.asl.json", "--format", "dot"],
    );
}

// The SVG itself is checked in the graph crate; here, only that it is what stdout holds.
#[test]
fn graph_as_svg() {
    let output = Command::new(env!("CARGO_BIN_EXE_statewright"))
        .args(["graph", "pass-choice.asl.json"])
        .current_dir(Path::new(FIXTURES))
        .output()
        .expect("the statewright binary starts");
    assert!(output.status.success(), "{output:?}");
    let svg = String::from_utf8(output.stdout).expect("the SVG is UTF-8");
    assert!(
        svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""),
        "{svg}"
    );
    assert!(svg.ends_with("</svg>\n"), "{svg}");
    assert_eq!(svg.matches("data-state-id=").count(), 4);
}

// An invalid definition is drawn as far as it can be, with a warning on stderr.
#[test]
fn graph_of_an_invalid_definition() {
    check(
        "graph_of_an_invalid_definition",
        &["graph", "problems.asl.json", "--format", "mermaid"],
    );
}

#[test]
fn graph_not_json() {
    check("graph_not_json", &["graph", "not-json.asl.yaml"]);
}

#[test]
fn graph_not_a_definition() {
    check("graph_not_a_definition", &["graph", "array.json"]);
}

#[test]
fn graph_missing_file() {
    check("graph_missing_file", &["graph", "missing.asl.json"]);
}

#[test]
fn graph_with_an_unknown_format() {
    check(
        "graph_with_an_unknown_format",
        &["graph", "pass-choice.asl.json", "--format", "png"],
    );
}

#[test]
fn graph_to_an_unwritable_file() {
    check(
        "graph_to_an_unwritable_file",
        &[
            "graph",
            "pass-choice.asl.json",
            "--output",
            "/dev/null/graph.svg",
        ],
    );
}

#[test]
fn serve_with_a_bad_host() {
    check(
        "serve_with_a_bad_host",
        &["serve", "--host", "localhost", "--port", "0"],
    );
}

#[test]
fn serve_with_an_unusable_data_dir() {
    check(
        "serve_with_an_unusable_data_dir",
        &[
            "serve",
            "--port",
            "0",
            "--data-dir",
            "/dev/null/statewright",
        ],
    );
}

#[test]
fn serve_with_a_negative_wait_time_scale() {
    check(
        "serve_with_a_negative_wait_time_scale",
        &[
            "serve",
            "--port",
            "0",
            "--in-memory",
            "--wait-time-scale=-1",
        ],
    );
}

#[test]
fn serve_with_a_missing_config_file() {
    check(
        "serve_with_a_missing_config_file",
        &[
            "serve",
            "--port",
            "0",
            "--in-memory",
            "--config",
            "missing.toml",
        ],
    );
}

#[test]
fn serve_with_an_unknown_config_field() {
    check(
        "serve_with_an_unknown_config_field",
        &[
            "serve",
            "--port",
            "0",
            "--in-memory",
            "--config",
            "bad-config.toml",
        ],
    );
}

#[test]
fn serve_with_a_bad_function_name() {
    check(
        "serve_with_a_bad_function_name",
        &[
            "serve",
            "--port",
            "0",
            "--in-memory",
            "--config",
            "bad-function-name.toml",
        ],
    );
}

#[test]
fn serve_stops_on_sigterm() {
    check_serve_stops_on("serve_stops_on_sigterm", "TERM");
}

#[test]
fn serve_stops_on_ctrl_c() {
    check_serve_stops_on("serve_stops_on_ctrl_c", "INT");
}
