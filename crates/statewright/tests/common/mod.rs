//! What the SDK compatibility tests share: a real `statewright serve` on a free loopback port,
//! a scratch directory, and the rule for a missing SDK (fail under `CI=true`, skip loudly
//! elsewhere).
//!
//! The SDKs read credentials, regions and endpoints from the environment and from `~/.aws`, so
//! `Server::sdk_command` starts every SDK process with none of the machine's `AWS_*` variables,
//! fixed test credentials and empty config files.

use std::fs::{self, File};
use std::io::{Read, Write};
use std::net::{Ipv4Addr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::thread;
use std::time::Duration;

/// How many times the server is started before a test gives up, in case another process takes
/// the free port between our probe and the server's bind.
const N_START_ATTEMPTS: usize = 3;

/// How many times `/health` is polled, `POLL_INTERVAL` apart, before a start counts as failed.
const N_HEALTH_POLLS: usize = 500;

/// The pause between two polls of something the test waits for.
pub(crate) const POLL_INTERVAL: Duration = Duration::from_millis(10);

/// A running `statewright serve`, killed and cleaned up on drop.
pub(crate) struct Server {
    child: Child,
    port: u16,
    dir: PathBuf,
}

impl Server {
    /// Starts a server on a free loopback port and waits until `/health` answers.
    pub(crate) fn start() -> Server {
        Server::start_with(&[], &[])
    }

    /// Starts a server whose scratch directory holds `files` (name, content) first, with
    /// `args` added to `serve`'s (paths in them may start with `{dir}`, the scratch directory).
    pub(crate) fn start_with(files: &[(&str, &str)], args: &[&str]) -> Server {
        Server::start_in(files, args, None)
    }

    /// `start_with`, with none of the machine's `AWS_*` variables but `env` (whose values may
    /// start with `{dir}` too) in the server's environment.
    #[allow(
        dead_code,
        reason = "each test crate compiles this module; not all of them use it"
    )]
    pub(crate) fn start_with_env(
        files: &[(&str, &str)],
        args: &[&str],
        env: &[(&str, &str)],
    ) -> Server {
        Server::start_in(files, args, Some(env))
    }

    fn start_in(files: &[(&str, &str)], args: &[&str], env: Option<&[(&str, &str)]>) -> Server {
        let dir = scratch_dir();
        for (name, content) in files {
            fs::write(dir.join(name), content).expect("the scratch directory is writable");
        }
        let dir_text = dir.to_string_lossy().into_owned();
        let args: Vec<String> = args
            .iter()
            .map(|arg| arg.replace("{dir}", &dir_text))
            .collect();
        fs::write(dir.join("config"), "").expect("the scratch directory is writable");
        fs::write(dir.join("credentials"), "").expect("the scratch directory is writable");
        let log_path = dir.join("server.log");
        for _ in 0..N_START_ATTEMPTS {
            let port = free_port();
            let log = File::create(&log_path).expect("the scratch directory is writable");
            let data = dir.join("data");
            let mut command = Command::new(env!("CARGO_BIN_EXE_statewright"));
            if let Some(env) = env {
                for (name, _) in std::env::vars_os() {
                    if name.to_string_lossy().starts_with("AWS_") {
                        command.env_remove(name);
                    }
                }
                for (name, value) in env {
                    command.env(name, value.replace("{dir}", &dir_text));
                }
            }
            let mut child = command
                .args(["serve", "--host", "127.0.0.1", "--port", &port.to_string()])
                .arg("--data-dir")
                .arg(&data)
                .args(&args)
                .env("RUST_LOG", "info")
                .env("NO_COLOR", "1")
                .stdin(Stdio::null())
                .stdout(Stdio::null())
                .stderr(log)
                .spawn()
                .expect("the statewright binary starts");
            if wait_until_healthy(&mut child, port) {
                return Server { child, port, dir };
            }
            let _ = child.kill();
            let _ = child.wait();
        }
        let log = fs::read_to_string(&log_path).unwrap_or_default();
        let _ = fs::remove_dir_all(&dir);
        panic!(
            "statewright serve did not become healthy after {N_START_ATTEMPTS} attempts; \
             its last log:\n{log}"
        );
    }

    /// The server's scratch directory (files given to `start_with` are there).
    #[allow(
        dead_code,
        reason = "each test crate compiles this module; not all of them use it"
    )]
    pub(crate) fn dir(&self) -> &Path {
        &self.dir
    }

    /// The endpoint to give an SDK: `http://127.0.0.1:PORT`.
    pub(crate) fn endpoint(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// What the server has logged so far, to show when a test fails.
    pub(crate) fn log(&self) -> String {
        fs::read_to_string(self.dir.join("server.log")).unwrap_or_default()
    }

    /// Runs `python3 SCRIPT ENDPOINT ARGS... SCENARIO` (a script of `tests/e2e/`) against
    /// this server and asserts that it printed `ok SCENARIO`, showing its output and the
    /// server's log when it did not.
    #[allow(dead_code, reason = "not every test binary uses every helper")]
    pub(crate) fn run_scenario(&self, script: &str, args: &[&str], scenario: &str) {
        self.run_scenario_with_env(script, args, scenario, &[]);
    }

    /// `run_scenario`, with `env` (name, value) added to the script's environment.
    #[allow(dead_code, reason = "not every test binary uses every helper")]
    pub(crate) fn run_scenario_with_env(
        &self,
        script: &str,
        args: &[&str],
        scenario: &str,
        env: &[(&str, &str)],
    ) {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/e2e")
            .join(script);
        let output = self
            .sdk_command("python3")
            .arg(path)
            .arg(self.endpoint())
            .args(args)
            .arg(scenario)
            .env("PYTHONDONTWRITEBYTECODE", "1")
            .envs(env.iter().copied())
            .output()
            .expect("python3 starts");
        let what = format!("{script} {scenario}");
        assert_printed_ok(
            &what,
            &output,
            scenario,
            &format!("--- server log\n{}", self.log()),
        );
    }

    /// A command for `program` whose AWS SDK sees only fixed test credentials, the region
    /// `us-east-1` and empty config files.
    pub(crate) fn sdk_command(&self, program: &str) -> Command {
        let mut command = Command::new(program);
        for (name, _) in std::env::vars_os() {
            if name.to_string_lossy().starts_with("AWS_") {
                command.env_remove(name);
            }
        }
        command
            .env("AWS_ACCESS_KEY_ID", "test")
            .env("AWS_SECRET_ACCESS_KEY", "test")
            .env("AWS_DEFAULT_REGION", "us-east-1")
            .env("AWS_CONFIG_FILE", self.dir.join("config"))
            .env("AWS_SHARED_CREDENTIALS_FILE", self.dir.join("credentials"))
            // A refused connection should fail the test at once, not after backoff.
            .env("AWS_MAX_ATTEMPTS", "1")
            .env("AWS_EC2_METADATA_DISABLED", "true")
            .stdin(Stdio::null());
        command
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = fs::remove_dir_all(&self.dir);
    }
}

/// Whether boto3 is there for the end-to-end scripts (see `require`).
#[allow(dead_code, reason = "not every test binary uses every helper")]
pub(crate) fn has_boto3() -> bool {
    require(
        "boto3",
        "python3",
        &["-c", "import boto3"],
        "python3 -m pip install boto3",
    )
}

/// Whether `program` (probed by running it with `probe_args`) is installed.
///
/// Under `CI=true` a missing SDK fails the test with `install_hint`; elsewhere the test prints
/// a loud `SKIPPED` line and should return.
#[expect(clippy::print_stderr, reason = "a skipped test must say so loudly")]
pub(crate) fn require(what: &str, program: &str, probe_args: &[&str], install_hint: &str) -> bool {
    let found = Command::new(program)
        .args(probe_args)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|status| status.success());
    if found {
        return true;
    }
    if std::env::var("CI").is_ok_and(|value| value == "true") {
        panic!("{what} is missing: install it with `{install_hint}` (CI runs every SDK test)");
    }
    eprintln!(
        "\n\n*** SKIPPED: {what} is missing, so this SDK compatibility test did not run; install it with `{install_hint}` ***\n\n"
    );
    false
}

/// Runs `python3 tests/e2e/SCRIPT BINARY WORKDIR ARGS...` (a script that starts its own
/// servers) in a fresh scratch directory and asserts that it printed `ok EXPECTED`, showing
/// its output and every `.log` file it left when it did not.
#[allow(dead_code, reason = "not every test binary uses every helper")]
pub(crate) fn run_script(script: &str, args: &[&str], expected: &str) {
    let dir = scratch_dir();
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/e2e")
        .join(script);
    let output = Command::new("python3")
        .arg(path)
        .arg(env!("CARGO_BIN_EXE_statewright"))
        .arg(&dir)
        .args(args)
        .env("PYTHONDONTWRITEBYTECODE", "1")
        .env_remove("STATEWRIGHT_DATA_DIR")
        .stdin(Stdio::null())
        .output()
        .expect("python3 starts");
    let what = format!("{script} {}", args.join(" "));
    assert_printed_ok(&what, &output, expected, &logs(&dir));
    let _ = fs::remove_dir_all(&dir);
}

/// Asserts that a script exited 0 and printed `ok EXPECTED`, showing its output and `context`
/// (the servers' logs) when it did not.
fn assert_printed_ok(what: &str, output: &std::process::Output, expected: &str, context: &str) {
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success(),
        "{what} exited {}\n--- stdout\n{stdout}\n--- stderr\n{stderr}\n{context}",
        output.status
    );
    assert_eq!(stdout.trim(), format!("ok {expected}"), "stderr:\n{stderr}");
}

/// Every `.log` file of `dir`, each under its name.
fn logs(dir: &Path) -> String {
    let Ok(entries) = fs::read_dir(dir) else {
        return String::new();
    };
    let mut paths: Vec<PathBuf> = entries
        .flatten()
        .map(|entry| entry.path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "log"))
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|path| {
            format!(
                "--- {}\n{}",
                path.file_name().unwrap_or_default().to_string_lossy(),
                fs::read_to_string(path).unwrap_or_default()
            )
        })
        .collect()
}

/// Polls `/health` until it answers 200, while the server still runs.
fn wait_until_healthy(child: &mut Child, port: u16) -> bool {
    for _ in 0..N_HEALTH_POLLS {
        // A server that lost the port to another process exits, and the health check would
        // reach that other process.
        if child.try_wait().ok().flatten().is_some() {
            return false;
        }
        if health_ok(port) {
            return child.try_wait().ok().flatten().is_none();
        }
        thread::sleep(POLL_INTERVAL);
    }
    false
}

fn free_port() -> u16 {
    TcpListener::bind((Ipv4Addr::LOCALHOST, 0))
        .and_then(|listener| listener.local_addr())
        .expect("the loopback interface has a free port")
        .port()
}

fn health_ok(port: u16) -> bool {
    let Ok(mut stream) = TcpStream::connect((Ipv4Addr::LOCALHOST, port)) else {
        return false;
    };
    let _ = stream.set_read_timeout(Some(Duration::from_secs(2)));
    let request =
        format!("GET /health HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n");
    if stream.write_all(request.as_bytes()).is_err() {
        return false;
    }
    let mut response = String::new();
    let _ = stream.read_to_string(&mut response);
    response.starts_with("HTTP/1.1 200")
}

pub(crate) fn scratch_dir() -> PathBuf {
    static N_DIRS: AtomicUsize = AtomicUsize::new(0);
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!(
        "sdk-{}-{}",
        std::process::id(),
        N_DIRS.fetch_add(1, Ordering::Relaxed)
    ));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).expect("the target directory is writable");
    dir
}
