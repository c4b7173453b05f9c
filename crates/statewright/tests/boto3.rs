//! Drives a real `statewright serve` with boto3, through the scenarios of
//! `tests/e2e/boto3_flow.py`.
//!
//! The script holds the calls and the assertions, because boto3's modeled exceptions,
//! paginators and host-prefix handling are what compatibility means; each test here starts its
//! own server, runs one scenario and shows the script's output and the server's log when it
//! fails. Without boto3 these tests fail under `CI=true` and print a loud `SKIPPED` line
//! elsewhere.

mod common;

use common::Server;

/// Runs one scenario of `boto3_flow.py` against a fresh server and asserts that it passed.
fn check(scenario: &str) {
    check_on(scenario, &[], &[]);
}

/// `check`, with files in the server's scratch directory and more `serve` arguments.
fn check_on(scenario: &str, files: &[(&str, &str)], args: &[&str]) {
    if !common::has_boto3() {
        return;
    }
    let server = if files.is_empty() && args.is_empty() {
        Server::start()
    } else {
        Server::start_with(files, args)
    };
    server.run_scenario("boto3_flow.py", &[], scenario);
}

#[test]
fn lifecycle() {
    check("lifecycle");
}

#[test]
fn start_sync_execution_runs_an_express_machine() {
    check("sync_express");
}

#[test]
fn execution_history_pages_newest_first() {
    check("history_paging");
}

#[test]
fn errors_are_modeled_exceptions() {
    check("exceptions");
}

#[test]
fn an_activity_worker_written_for_aws_works() {
    check("activity_worker");
}

#[test]
fn an_activity_without_heartbeats_times_out() {
    check("activity_heartbeat_timeout");
}

#[test]
fn lambda_tasks_run_on_local_command_functions() {
    let fixtures = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/functions");
    let read = |name: &str| {
        std::fs::read_to_string(format!("{fixtures}/{name}")).expect("the fixture exists")
    };
    let (config, script) = (read("statewright.toml"), read("greet.py"));
    check_on(
        "local_functions",
        &[("statewright.toml", &config), ("greet.py", &script)],
        &["--config", "{dir}/statewright.toml"],
    );
}

/// A stand-in for a user's HTTP function (the outside world): answers every POST of
/// `{"n": N}` with `{"price": 2 * N}` on a loopback port, and returns the port.
fn serve_price_function() -> u16 {
    use std::io::{BufRead, BufReader, Read, Write};

    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("a free loopback port");
    let port = listener.local_addr().expect("a bound address").port();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let mut reader = BufReader::new(stream);
            let mut length = 0;
            loop {
                let mut line = String::new();
                if reader.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
                    break;
                }
                if let Some(value) = line.to_ascii_lowercase().strip_prefix("content-length:") {
                    length = value.trim().parse().unwrap_or(0);
                }
            }
            let mut body = vec![0; length];
            if reader.read_exact(&mut body).is_err() {
                continue;
            }
            let event: serde_json::Value = serde_json::from_slice(&body).unwrap_or_default();
            let n = event["n"].as_i64().unwrap_or(0);
            let answer = serde_json::json!({"price": 2 * n}).to_string();
            let mut stream = reader.into_inner();
            let _ = write!(
                stream,
                "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{answer}",
                answer.len()
            );
        }
    });
    port
}

#[test]
fn lambda_tasks_run_on_local_http_functions() {
    let port = serve_price_function();
    let config = format!(
        "[functions.price]\nurl = \"http://127.0.0.1:{port}/price\"\ntimeout_seconds = 5\n"
    );
    check_on(
        "http_functions",
        &[("statewright.toml", &config)],
        &["--config", "{dir}/statewright.toml"],
    );
}

#[test]
fn nested_executions() {
    check("nested_executions");
}
