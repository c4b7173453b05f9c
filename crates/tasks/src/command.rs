//! Local functions: the timeout and concurrency limit every kind shares, and command
//! functions, whose event goes to the command's stdin as JSON and whose result comes from
//! its stdout.

use std::process::Stdio;
use std::time::Duration;

use serde_json::Value;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::sync::Semaphore;
use tokio::time::Instant;

use crate::config::DEFAULT_TIMEOUT_SECONDS;
use crate::handler::{HandlerSpec, Pool};
use crate::{FunctionConfig, FunctionError, Invocation};

/// A configured local function.
pub(crate) struct Function {
    config: FunctionConfig,
    turns: Option<Semaphore>,
    /// A handler function's workers, or why it has none.
    handler: Option<Result<Pool, String>>,
}

fn failed(error_type: &str, error_message: impl Into<String>) -> FunctionError {
    FunctionError {
        error_type: error_type.to_owned(),
        error_message: error_message.into(),
        payload: None,
    }
}

impl Function {
    /// The function `name`, configured (and checked) as `config` says, in this region and
    /// account.
    pub(crate) fn new(name: &str, config: FunctionConfig, region: &str, account: &str) -> Self {
        let turns = config.concurrency.map(Semaphore::new);
        let handler = config.handler.as_deref().map(|handler| {
            HandlerSpec::parse(handler).map(|spec| Pool::new(name, &config, spec, region, account))
        });
        Function {
            config,
            turns,
            handler,
        }
    }

    /// Runs the function once with the invocation's event.
    pub(crate) async fn invoke(&self, invocation: &Invocation) -> Result<Value, FunctionError> {
        let event = &invocation.event;
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
        let deadline = Instant::now() + Duration::from_secs(seconds);
        let res = match &self.handler {
            Some(Ok(pool)) => {
                tokio::time::timeout_at(deadline, pool.invoke(invocation, deadline)).await
            }
            Some(Err(problem)) => return Err(failed("Lambda.ServiceException", problem.clone())),
            None => tokio::time::timeout_at(deadline, self.run(event)).await,
        };
        res.unwrap_or_else(|_| {
            Err(failed(
                "Sandbox.Timedout",
                format!("Task timed out after {seconds}.00 seconds"),
            ))
        })
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
