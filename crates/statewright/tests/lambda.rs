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
    common::has_boto3()
        && programs.iter().all(|program| {
            common::require(program, program, &["--version"], "apt-get install nodejs")
        })
}

/// Runs one scenario of `lambda_flow.py` against `server` and asserts that it passed.
fn check(server: &Server, scenario: &str) {
    check_in(server, scenario, "us-east-1");
}

/// `check`, for a Lambda endpoint that signs for `lambda_region`.
fn check_in(server: &Server, scenario: &str, lambda_region: &str) {
    server.run_scenario_with_env(
        "lambda_flow.py",
        &[],
        scenario,
        &[("LAMBDA_REGION", lambda_region)],
    );
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

/// The stand-in Lambda endpoint of `tests/e2e/lambda_endpoint.py` (the outside world), on a
/// free loopback port, running the Python fixture handler as `remote-meta`; stopped on drop.
struct LambdaStandIn {
    child: std::process::Child,
    port: u16,
}

impl LambdaStandIn {
    /// Starts it; it accepts only requests signed with these credentials for this region.
    fn start(access_key_id: &str, secret: &str, token: Option<&str>, region: &str) -> Self {
        use std::io::BufRead;

        let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/e2e/lambda_endpoint.py");
        let handler = format!("{FUNCTIONS}/handlers/meta.py:lambda_handler");
        let mut command = std::process::Command::new("python3");
        command
            .arg(script)
            .args(["--handler", &handler, "--function", "remote-meta"])
            .args([
                "--access-key-id",
                access_key_id,
                "--secret-access-key",
                secret,
            ])
            .args(["--region", region])
            .env("PYTHONDONTWRITEBYTECODE", "1")
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped());
        if let Some(token) = token {
            command.args(["--session-token", token]);
        }
        let mut child = command.spawn().expect("python3 starts");
        let mut line = String::new();
        if let Some(stdout) = child.stdout.take() {
            let _ = std::io::BufReader::new(stdout).read_line(&mut line);
        }
        let Ok(port) = line.trim().parse() else {
            let _ = child.kill();
            let _ = child.wait();
            panic!("the stand-in Lambda endpoint did not say its port: {line:?}");
        };
        LambdaStandIn { child, port }
    }

    fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }
}

impl Drop for LambdaStandIn {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[test]
fn other_functions_go_to_the_lambda_endpoint_signed_with_the_environment_s_credentials() {
    if !tools(&[]) {
        return;
    }
    let (key, secret, token) = (
        "AKIDENVIRONMENT",
        "environment/secret+key",
        "a-session-token",
    );
    let lambda = LambdaStandIn::start(key, secret, Some(token), "us-east-1");
    let config = format!("{FUNCTIONS}/handlers.toml");
    let server = Server::start_with_env(
        &[],
        &["--config", &config, "--lambda-endpoint", &lambda.url()],
        &[
            ("AWS_ACCESS_KEY_ID", key),
            ("AWS_SECRET_ACCESS_KEY", secret),
            ("AWS_SESSION_TOKEN", token),
        ],
    );
    check(&server, "lambda_endpoint");
    let log = server.log();
    assert!(
        log.contains("credentials from the environment"),
        "the log says where the credentials come from:\n{log}"
    );
    assert!(
        !log.contains(secret),
        "the log never shows the secret:\n{log}"
    );
}

#[test]
fn the_lambda_endpoint_of_the_config_file_signs_with_a_profile_s_credentials() {
    if !tools(&[]) {
        return;
    }
    let (key, secret) = ("AKIDPROFILE", "profile-secret");
    let lambda = LambdaStandIn::start(key, secret, None, "eu-west-1");
    let config = format!(
        "[functions.meta]\nhandler = \"handlers/meta.py:lambda_handler\"\n\
         working_directory = \"{FUNCTIONS}\"\n\n\
         [lambda]\nendpoint = \"{}\"\nregion = \"eu-west-1\"\n",
        lambda.url()
    );
    let credentials = format!(
        "[default]\naws_access_key_id = WRONG\naws_secret_access_key = wrong\n\n\
         [ci]\naws_access_key_id = {key}\naws_secret_access_key = {secret}\n"
    );
    let server = Server::start_with_env(
        &[
            ("statewright.toml", &config),
            ("aws-credentials", &credentials),
        ],
        &["--config", "{dir}/statewright.toml"],
        &[
            ("AWS_PROFILE", "ci"),
            ("AWS_SHARED_CREDENTIALS_FILE", "{dir}/aws-credentials"),
            ("AWS_CONFIG_FILE", "{dir}/config"),
        ],
    );
    check_in(&server, "lambda_endpoint", "eu-west-1");
    let log = server.log();
    assert!(
        log.contains("credentials from profile ci in"),
        "the log says where the credentials come from:\n{log}"
    );
}

#[test]
fn a_lambda_endpoint_that_is_not_a_url_stops_the_server() {
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_statewright"))
        .args(["serve", "--in-memory", "--port", "0"])
        .args(["--lambda-endpoint", "localhost:4566"])
        .stdin(std::process::Stdio::null())
        .output()
        .expect("the statewright binary starts");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains(
            "error: the Lambda endpoint \"localhost:4566\" is not an http:// or https:// URL"
        ),
        "{stderr}"
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
