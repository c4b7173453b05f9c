//! HTTP Tasks (`arn:aws:states:::http:invoke`) on a real `statewright serve`, driven by boto3
//! through the scenarios of `tests/e2e/http_task_flow.py`, against a real HTTP server on
//! loopback (`tests/e2e/http_echo_server.py`) that echoes every request and issues OAuth tokens.
//!
//! Each test starts its own echo server and statewright server, with a configuration file that
//! declares one connection of each authorization type. Without boto3 these tests fail under
//! `CI=true` and print a loud `SKIPPED` line elsewhere.

#[allow(
    dead_code,
    reason = "each test crate compiles the shared helper; this one starts servers with files only"
)]
mod common;

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};

use common::Server;

/// The stand-in API, killed on drop.
struct EchoServer {
    child: Child,
    port: u16,
}

impl EchoServer {
    fn start() -> EchoServer {
        let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/e2e/http_echo_server.py");
        let mut child = Command::new("python3")
            .arg(script)
            .env("PYTHONDONTWRITEBYTECODE", "1")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("python3 starts");
        let stdout = child.stdout.take().expect("stdout is piped");
        let mut first_line = String::new();
        BufReader::new(stdout)
            .read_line(&mut first_line)
            .expect("the echo server writes its port");
        let port = first_line
            .trim()
            .strip_prefix("PORT ")
            .and_then(|port| port.parse().ok())
            .unwrap_or_else(|| panic!("the echo server's first line is its port: {first_line:?}"));
        EchoServer { child, port }
    }
}

impl Drop for EchoServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// One connection of each authorization type; the OAuth token endpoint is the echo server's.
fn config(echo_port: u16) -> String {
    format!(
        r#"
[connections.keyed]
authorization_type = "API_KEY"
api_key_name = "X-Api-Key"
api_key_value = "k-123"

[connections.keyed.invocation_http_parameters]
header = {{ "X-Team" = "core" }}
query = {{ source = "connection" }}
body = {{ mode = "connection" }}

[connections.basic]
authorization_type = "BASIC"
username = "ada"
password = "lovelace"

[connections.oauth]
authorization_type = "OAUTH_CLIENT_CREDENTIALS"
client_id = "sw-client"
client_secret = "sw-secret"
authorization_endpoint = "http://127.0.0.1:{echo_port}/oauth/token"
http_method = "POST"
oauth_http_parameters = {{ body = {{ audience = "echo" }} }}
"#
    )
}

/// Runs one scenario of `http_task_flow.py` against fresh servers and asserts that it passed.
fn check(scenario: &str) {
    if !common::has_boto3() {
        return;
    }
    let echo = EchoServer::start();
    let config = config(echo.port);
    let server = Server::start_with(
        &[("statewright.toml", &config)],
        &[
            "--config",
            "{dir}/statewright.toml",
            "--wait-time-scale",
            "0.01",
        ],
    );
    server.run_scenario("http_task_flow.py", &[&echo.port.to_string()], scenario);
}

#[test]
fn a_get_sends_query_parameters_and_returns_awss_shape() {
    check("get_with_query");
}

#[test]
fn json_bodies_are_posted_with_basic_credentials() {
    check("post_json");
}

#[test]
fn url_encoded_bodies_follow_the_array_format() {
    check("url_encoded");
}

#[test]
fn oauth_tokens_are_fetched_once_and_reused() {
    check("oauth");
}

#[test]
fn a_404_is_caught_with_the_response_as_cause() {
    check("not_found_caught");
}

#[test]
fn a_503_is_retried_until_it_succeeds() {
    check("retry_then_success");
}

#[test]
fn wait_for_task_token_sends_the_request_then_waits() {
    check("wait_for_token");
}

#[test]
fn failures_carry_awss_error_names() {
    check("failures");
}

#[test]
fn a_bad_connection_stops_the_server_naming_the_field() {
    let dir = common::scratch_dir();
    let config = dir.join("statewright.toml");
    std::fs::write(
        &config,
        "[connections.oauth]\nauthorization_type = \"OAUTH_CLIENT_CREDENTIALS\"\n\
         client_id = \"id\"\nauthorization_endpoint = \"https://auth.example.com/token\"\n",
    )
    .expect("the scratch directory is writable");
    let output = Command::new(env!("CARGO_BIN_EXE_statewright"))
        .args(["serve", "--host", "127.0.0.1", "--port", "0", "--in-memory"])
        .arg("--config")
        .arg(&config)
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .output()
        .expect("the statewright binary starts");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "stderr:\n{stderr}");
    assert!(
        stderr.contains(
            "connection 'oauth': `client_secret` is required for OAUTH_CLIENT_CREDENTIALS"
        ),
        "stderr:\n{stderr}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}
