//! One warm worker: a shim process that imported the handler once and answers invocations
//! one after another over its stdin and stdout.

use std::path::PathBuf;
use std::process::{ExitStatus, Stdio};
use std::sync::Arc;
use std::time::Duration;

use serde::Serialize;
use serde_json::Value;
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::process::{Child, ChildStdin, ChildStdout};
use tokio::task::JoinHandle;

use super::{Language, shim};
use crate::FunctionError;

/// How long a dead worker's stderr may take to reach its end, for the last line of the
/// `Runtime.ExitError` message; a child process that keeps the pipe open cannot hold the
/// invocation longer than this.
const STDERR_GRACE: Duration = Duration::from_millis(500);

/// Everything it takes to start a worker for one function.
#[derive(Debug)]
pub(crate) struct Setup {
    /// The function's name.
    pub(crate) function_name: Arc<str>,
    /// The handler file's language.
    pub(crate) language: Language,
    /// The handler file, absolute or relative to `directory`.
    pub(crate) file: PathBuf,
    /// The function the file exports.
    pub(crate) function: String,
    /// The directory the worker runs in (`LAMBDA_TASK_ROOT`).
    pub(crate) directory: PathBuf,
    /// Variables set on top of the server's, in order (later ones win).
    pub(crate) environment: Vec<(String, String)>,
    /// The memory size the context reports, in MB.
    pub(crate) memory_size: u32,
}

/// The first line a shim reads.
#[derive(Serialize)]
struct Hello<'a> {
    token: &'a str,
    file: &'a str,
    function: &'a str,
    function_name: &'a str,
    memory_size: String,
    log_group_name: String,
}

/// One invocation, as a shim reads it.
#[derive(Serialize)]
pub(crate) struct Request<'a> {
    /// The request id the context reports.
    pub(crate) request_id: &'a str,
    /// The event.
    pub(crate) event: &'a Value,
    /// The ARN the function was called by, with its qualifier if any.
    pub(crate) invoked_function_arn: &'a str,
    /// How long the handler has, for `get_remaining_time_in_millis`.
    pub(crate) timeout_ms: u64,
}

/// How an invocation ended for the worker.
pub(crate) enum Reply {
    /// The shim answered; after a fatal answer the worker is not used again.
    Answered {
        result: Result<Value, FunctionError>,
        fatal: bool,
    },
    /// The process ended without answering.
    Died(FunctionError),
}

/// A running shim process; dropping it kills the process.
pub(crate) struct Worker {
    child: Child,
    stdin: ChildStdin,
    stdout: BufReader<ChildStdout>,
    token: String,
    stderr: Option<JoinHandle<String>>,
    function_name: Arc<str>,
}

fn failed(error_type: &str, error_message: impl Into<String>) -> FunctionError {
    FunctionError {
        error_type: error_type.to_owned(),
        error_message: error_message.into(),
        payload: None,
    }
}

impl Worker {
    /// Starts a shim and tells it which handler to import.
    pub(crate) async fn spawn(setup: &Setup) -> Result<Worker, FunctionError> {
        let program = shim::program(setup.language);
        let mut command = shim::command(setup.language);
        command
            .current_dir(&setup.directory)
            .envs(setup.environment.iter().map(|(name, value)| (name, value)))
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .kill_on_drop(true);
        let mut child = command.spawn().map_err(|err| {
            failed(
                "Lambda.ServiceException",
                format!(
                    "could not start `{program}` for the handler of {}: {err}",
                    setup.function_name
                ),
            )
        })?;
        let pipes = (child.stdin.take(), child.stdout.take(), child.stderr.take());
        let (Some(stdin), Some(stdout), Some(stderr)) = pipes else {
            return Err(failed(
                "Lambda.ServiceException",
                "the handler's worker has no pipes",
            ));
        };
        let function_name = Arc::clone(&setup.function_name);
        let log_name = Arc::clone(&function_name);
        let stderr = tokio::spawn(async move {
            let mut lines = BufReader::new(stderr).lines();
            let mut last = String::new();
            while let Ok(Some(line)) = lines.next_line().await {
                tracing::info!(function = %log_name, "{line}");
                if !line.trim().is_empty() {
                    last = line;
                }
            }
            last
        });
        let token = format!("@@statewright:{}@@", uuid::Uuid::new_v4().simple());
        let mut worker = Worker {
            child,
            stdin,
            stdout: BufReader::new(stdout),
            token,
            stderr: Some(stderr),
            function_name,
        };
        let hello = Hello {
            token: &worker.token,
            file: &setup.file.to_string_lossy(),
            function: &setup.function,
            function_name: &setup.function_name,
            memory_size: setup.memory_size.to_string(),
            log_group_name: format!("/aws/lambda/{}", setup.function_name),
        };
        let line = serde_json::to_string(&hello).map_err(|err| {
            failed(
                "Lambda.ServiceException",
                format!("could not describe the handler: {err}"),
            )
        })?;
        // A shim that died at once shows as an exit when the first request is read.
        let _ = worker.send(&line).await;
        Ok(worker)
    }

    /// Whether the process still runs (an idle worker can die, e.g. of a stray timer).
    pub(crate) fn is_alive(&mut self) -> bool {
        matches!(self.child.try_wait(), Ok(None))
    }

    /// Runs one invocation and waits for its answer.
    pub(crate) async fn invoke(&mut self, request: &Request<'_>) -> Reply {
        let line = match serde_json::to_string(request) {
            Ok(line) => line,
            Err(err) => {
                return Reply::Answered {
                    result: Err(failed(
                        "Lambda.ServiceException",
                        format!("could not encode the event: {err}"),
                    )),
                    fatal: false,
                };
            }
        };
        // A broken pipe means the process died; reading says how.
        let _ = self.send(&line).await;
        let mut buf = Vec::new();
        loop {
            buf.clear();
            match self.stdout.read_until(b'\n', &mut buf).await {
                Ok(0) | Err(_) => return Reply::Died(self.exit_error().await),
                Ok(_) => {}
            }
            let line = String::from_utf8_lossy(&buf);
            let line = line.trim_end_matches(['\n', '\r']);
            let Some(at) = line.find(&self.token) else {
                // Output written straight to the original stdout (by a child process, say).
                tracing::info!(function = %self.function_name, "{line}");
                continue;
            };
            if at > 0 {
                tracing::info!(function = %self.function_name, "{}", &line[..at]);
            }
            return parse_answer(&line[at + self.token.len()..]);
        }
    }

    async fn send(&mut self, line: &str) -> std::io::Result<()> {
        self.stdin.write_all(line.as_bytes()).await?;
        self.stdin.write_all(b"\n").await?;
        self.stdin.flush().await
    }

    /// `Runtime.ExitError`, with the exit status and the last line of stderr.
    async fn exit_error(&mut self) -> FunctionError {
        let status = self.child.wait().await;
        let tail = match self.stderr.take() {
            Some(task) => tokio::time::timeout(STDERR_GRACE, task)
                .await
                .ok()
                .and_then(Result::ok)
                .unwrap_or_default(),
            None => String::new(),
        };
        exit_error(status.ok(), &tail)
    }
}

/// Lambda's error for a runtime that exited during an invocation.
fn exit_error(status: Option<ExitStatus>, tail: &str) -> FunctionError {
    let status = status.map_or_else(
        || "an unknown status".to_owned(),
        |status| status.to_string(),
    );
    let mut message = format!("Runtime exited with error: {status}");
    if !tail.is_empty() {
        message.push_str(": ");
        message.push_str(tail);
    }
    failed("Runtime.ExitError", message)
}

/// A shim's answer line, after the token.
fn parse_answer(text: &str) -> Reply {
    let answer: Value = match serde_json::from_str(text) {
        Ok(answer) => answer,
        Err(err) => {
            return Reply::Answered {
                result: Err(failed(
                    "Lambda.ServiceException",
                    format!("the handler's worker answered something that is not JSON: {err}"),
                )),
                fatal: true,
            };
        }
    };
    let fatal = answer.get("fatal").and_then(Value::as_bool) == Some(true);
    let result = match answer {
        Value::Object(mut fields) => match (fields.remove("result"), fields.remove("error")) {
            (Some(result), None) => Ok(result),
            (None, Some(error)) => Err(function_error(error)),
            _ => Err(failed(
                "Lambda.ServiceException",
                "the handler's worker answered neither a result nor an error",
            )),
        },
        _ => Err(failed(
            "Lambda.ServiceException",
            "the handler's worker answered something that is not an object",
        )),
    };
    Reply::Answered { result, fatal }
}

/// A handler's error payload, kept whole for the cause.
fn function_error(payload: Value) -> FunctionError {
    let text = |field: &str| {
        payload
            .get(field)
            .and_then(Value::as_str)
            .map(str::to_owned)
    };
    FunctionError {
        error_type: text("errorType").unwrap_or_else(|| "Runtime.Unknown".to_owned()),
        error_message: text("errorMessage").unwrap_or_default(),
        payload: Some(payload),
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn answered(text: &str) -> (Result<Value, FunctionError>, bool) {
        match parse_answer(text) {
            Reply::Answered { result, fatal } => (result, fatal),
            Reply::Died(err) => panic!("not an answer: {err:?}"),
        }
    }

    #[test]
    fn answers_parse() {
        assert_eq!(
            answered(r#"{"result":{"a":1}}"#),
            (Ok(json!({"a": 1})), false)
        );
        assert_eq!(answered(r#"{"result":null}"#), (Ok(Value::Null), false));
        let (result, fatal) = answered(
            r#"{"error":{"errorMessage":"bad","errorType":"ValueError","stackTrace":["x"]}}"#,
        );
        let err = result.expect_err("an error");
        assert_eq!(
            (err.error_type.as_str(), err.error_message.as_str(), fatal),
            ("ValueError", "bad", false)
        );
        assert_eq!(
            err.payload.expect("the payload is kept")["stackTrace"],
            json!(["x"])
        );
        let (result, fatal) = answered(
            r#"{"error":{"errorType":"Runtime.ImportModuleError","errorMessage":"m"},"fatal":true}"#,
        );
        assert_eq!(
            (result.expect_err("an error").error_type.as_str(), fatal),
            ("Runtime.ImportModuleError", true)
        );
        for broken in ["nonsense", "[]", "{}"] {
            let (result, _) = answered(broken);
            assert_eq!(
                result.expect_err(broken).error_type,
                "Lambda.ServiceException"
            );
        }
    }

    #[test]
    fn exits_name_the_last_line_of_stderr() {
        let err = exit_error(None, "Killed");
        assert_eq!(err.error_type, "Runtime.ExitError");
        assert_eq!(
            err.error_message,
            "Runtime exited with error: an unknown status: Killed"
        );
    }
}
