//! How Task states reach real work: a `TaskHandler` runs a resource with an input.

use std::future::Future;
use std::pin::Pin;

use serde_json::Value;

/// A task's failure: the error name and cause that Retry and Catch see.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TaskError {
    /// The error name.
    pub error: String,
    /// The cause.
    pub cause: String,
}

/// What a task handler returns.
pub type TaskFuture = Pin<Box<dyn Future<Output = Result<Value, TaskError>> + Send>>;

/// Runs the work a Task state names.
pub trait TaskHandler: Send + Sync + 'static {
    /// Runs `resource` with `input`.
    fn run(&self, resource: &str, input: Value) -> TaskFuture;
}

/// The handler used when nothing else is configured: every task fails with a clear error.
#[derive(Clone, Copy, Debug, Default)]
pub struct NoHandler;

impl TaskHandler for NoHandler {
    fn run(&self, resource: &str, _input: Value) -> TaskFuture {
        let cause = format!("no task handler is configured for resource '{resource}'");
        Box::pin(async move {
            Err(TaskError {
                error: "States.TaskFailed".to_owned(),
                cause,
            })
        })
    }
}
