//! Local command functions: the event goes to the command's stdin as JSON, the result comes
//! from its stdout, within the function's timeout and concurrency limit.

use std::process::Stdio;
use std::time::Duration;

use serde_json::Value;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::sync::Semaphore;

use crate::config::DEFAULT_TIMEOUT_SECONDS;
use crate::{FunctionConfig, FunctionError};

/// A configured command function.
pub(crate) struct Function {
    config: FunctionConfig,
    turns: Option<Semaphore>,
}

fn failed(error_type: &str, error_message: impl Into<String>) -> FunctionError {
    FunctionError {
        error_type: error_type.to_owned(),
        error_message: error_message.into(),
    }
}

impl Function {
    pub(crate) fn new(config: FunctionConfig) -> Self {
        let turns = config.concurrency.map(Semaphore::new);
        Function { config, turns }
    }

    /// Runs the command once with `event`.
    pub(crate) async fn invoke(&self, event: &Value) -> Result<Value, FunctionError> {
        let _turn = match &self.turns {
            Some(turns) => Some(
                turns
                    .acquire()
                    .await
                    .map_err(|_| failed("Lambda.ServiceException", "the function was removed"))?,
            ),
            None => None,
        };
        let seconds = self
            .config
            .timeout_seconds
            .unwrap_or(DEFAULT_TIMEOUT_SECONDS);
        if let Some(url) = &self.config.url {
            return crate::http::invoke(url, event, Duration::from_secs(seconds)).await;
        }
        match tokio::time::timeout(Duration::from_secs(seconds), self.run(event)).await {
            Ok(res) => res,
            Err(_) => Err(failed(
                "Sandbox.Timedout",
                format!("Task timed out after {seconds}.00 seconds"),
            )),
        }
    }

    async fn run(&self, event: &Value) -> Result<Value, FunctionError> {
        let (program, args) = self
            .config
            .command
            .split_first()
            .ok_or_else(|| failed("Lambda.ServiceException", "the function has no command"))?;
        let mut command = tokio::process::Command::new(program);
        command
            .args(args)
            .envs(&self.config.environment)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .kill_on_drop(true);
        if let Some(dir) = &self.config.working_directory {
            command.current_dir(dir);
        }
        let mut child = command.spawn().map_err(|err| {
            failed(
                "Lambda.ServiceException",
                format!("could not start `{program}`: {err}"),
            )
        })?;
        let event = event.to_string();
        let mut stdin = child.stdin.take();
        let write = async move {
            if let Some(stdin) = stdin.as_mut() {
                // A command that does not read its input is fine.
                let _ = stdin.write_all(event.as_bytes()).await;
                let _ = stdin.shutdown().await;
            }
            drop(stdin);
        };
        let mut stdout = child.stdout.take();
        let mut stderr = child.stderr.take();
        let read = async {
            let mut out = Vec::new();
            let mut err = Vec::new();
            if let Some(stdout) = stdout.as_mut() {
                let _ = stdout.read_to_end(&mut out).await;
            }
            if let Some(stderr) = stderr.as_mut() {
                let _ = stderr.read_to_end(&mut err).await;
            }
            (out, err)
        };
        let ((), (out, err)) = tokio::join!(write, read);
        let status = child.wait().await.map_err(|err| {
            failed(
                "Lambda.ServiceException",
                format!("the command failed: {err}"),
            )
        })?;
        if !status.success() {
            let stderr = String::from_utf8_lossy(&err);
            let tail: String = stderr.lines().last().unwrap_or_default().to_owned();
            return Err(failed(
                "Runtime.ExitError",
                format!(
                    "Runtime exited with error: {status}{}",
                    if tail.is_empty() {
                        String::new()
                    } else {
                        format!(": {tail}")
                    }
                ),
            ));
        }
        let text = String::from_utf8_lossy(&out);
        let text = text.trim();
        let result: Value = if text.is_empty() {
            Value::Null
        } else {
            serde_json::from_str(text).map_err(|_| {
                failed(
                    "Runtime.InvalidResponse",
                    "the function's output is not JSON",
                )
            })?
        };
        as_function_error(result)
    }
}

/// A result in Lambda's error shape (`errorType`, `errorMessage`) is the function failing.
pub(crate) fn as_function_error(result: Value) -> Result<Value, FunctionError> {
    if let Some(error_type) = result.get("errorType").and_then(Value::as_str) {
        let message = result
            .get("errorMessage")
            .and_then(Value::as_str)
            .unwrap_or_default();
        return Err(failed(error_type, message));
    }
    Ok(result)
}
