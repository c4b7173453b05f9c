//! Lambda tasks on handler files and on a Lambda Invoke API endpoint, driven through a real
//! `statewright serve` with boto3 (the scenarios of `tests/e2e/lambda_flow.py`).
//!
//! Without boto3, or without the language a test's handlers need, these tests fail under
//! `CI=true` and print a loud `SKIPPED` line elsewhere.

mod common;

use common::Server;

/// The folder of the handler fixtures and their configuration file.
const FUNCTIONS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/functions");

/// Whether boto3 and every program in `programs` are installed.
fn tools(programs: &[&str]) -> bool {
    let boto3 = common::require(
        "boto3",
        "python3",
        &["-c", "import boto3"],
        "python3 -m pip install boto3",
    );
    boto3
        && programs.iter().all(|program| {
            common::require(program, program, &["--version"], "apt-get install nodejs")
        })
}

/// Runs one scenario of `lambda_flow.py` against `server` and asserts that it passed.
fn check(server: &Server, scenario: &str) {
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/e2e/lambda_flow.py");
    let output = server
        .sdk_command("python3")
        .arg(script)
        .arg(server.endpoint())
        .arg(scenario)
        .env("PYTHONDONTWRITEBYTECODE", "1")
        .output()
        .expect("python3 starts");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success(),
        "lambda_flow.py {scenario} exited {}\n--- stdout\n{stdout}\n--- stderr\n{stderr}\n\
         --- server log\n{}",
        output.status,
        server.log()
    );
    assert_eq!(stdout.trim(), format!("ok {scenario}"), "stderr:\n{stderr}");
}

/// A server with the handler fixtures' configuration file.
fn serve_handlers() -> Server {
    let config = format!("{FUNCTIONS}/handlers.toml");
    Server::start_with(&[], &["--config", &config])
}

#[test]
fn python_handler_files_run_warm_in_a_shim() {
    if !tools(&[]) {
        return;
    }
    let server = serve_handlers();
    check(&server, "python_handler");
    let log = server.log();
    assert!(
        log.contains("meta.py: invoked 1 {\"not\": \"the result\"}"),
        "the handler's prints reach the log:\n{log}"
    );
}

#[test]
fn node_handler_files_run_warm_in_a_shim() {
    if !tools(&["node"]) {
        return;
    }
    let server = serve_handlers();
    check(&server, "node_handler");
    let log = server.log();
    assert!(
        log.contains("meta.mjs: invoked 1 {\"not\": \"the result\"}"),
        "the handler's console.log reaches the log:\n{log}"
    );
}

#[test]
fn without_an_endpoint_a_function_that_is_not_local_does_not_exist() {
    if !tools(&[]) {
        return;
    }
    check(&Server::start(), "no_lambda_endpoint");
}

/// `serve` with `config` as its configuration file stops at once with exit code 2 and a
/// message containing `expected`.
fn check_config(config: &str, expected: &str) {
    let dir = common::scratch_dir();
    std::fs::create_dir_all(dir.join("handlers")).expect("the scratch directory is writable");
    std::fs::write(
        dir.join("handlers/ok.py"),
        "def handler(e, c):\n    return 1\n",
    )
    .expect("the scratch directory is writable");
    let path = dir.join("statewright.toml");
    std::fs::write(&path, config).expect("the scratch directory is writable");
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_statewright"))
        .args(["serve", "--in-memory", "--port", "0", "--config"])
        .arg(&path)
        .stdin(std::process::Stdio::null())
        .output()
        .expect("the statewright binary starts");
    let stderr = String::from_utf8_lossy(&output.stderr);
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(output.status.code(), Some(2), "{config}\n{stderr}");
    assert!(
        stderr.contains(expected),
        "{config}\nexpected {expected:?} in:\n{stderr}"
    );
}

#[test]
fn handler_functions_are_checked_at_start_up() {
    for (config, expected) in [
        (
            "[functions.meta]\nhandler = \"handlers/missing.py:handler\"\n",
            "function 'meta': `handler` file handlers/missing.py does not exist",
        ),
        (
            "[functions.meta]\nhandler = \"handlers/ok.rb:handler\"\n",
            "function 'meta': `handler` file handlers/ok.rb has an extension statewright cannot run",
        ),
        (
            "[functions.meta]\nhandler = \"handlers/ok.py\"\n",
            "function 'meta': `handler` must be FILE:FUNCTION",
        ),
        (
            "[functions.meta]\nhandler = \"handlers/ok.py:handler\"\ncommand = [\"true\"]\n",
            "function 'meta': give one of `command`, `url` or `handler`, not several",
        ),
        (
            "[functions.meta]\nhandler = \"handlers/ok.py:handler\"\nmemory_size = 64\n",
            "function 'meta': `memory_size` must be from 128 to 10240 (MB)",
        ),
        (
            "[functions.meta]\nhandler = \"ok.py:handler\"\nworking_directory = \"nowhere\"\n",
            "function 'meta': `working_directory`",
        ),
    ] {
        check_config(config, expected);
    }
}
