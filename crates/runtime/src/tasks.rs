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

/// Which task of which execution a handler is asked to run.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TaskCall<'a> {
    /// The execution's ARN.
    pub execution_arn: &'a str,
    /// The task's number in its execution: a retry is a new task.
    pub task: engine::TaskId,
    /// The Task state's resource.
    pub resource: &'a str,
}

/// Runs the work a Task state names.
pub trait TaskHandler: Send + Sync + 'static {
    /// Runs `resource` with `input`.
    fn run(&self, resource: &str, input: Value) -> TaskFuture;

    /// Runs a task of an execution; by default `run`, for handlers that need not know whose
    /// task it is.
    fn run_task(&self, call: TaskCall<'_>, input: Value) -> TaskFuture {
        self.run(call.resource, input)
    }

    /// The task is no longer wanted (its state timed out, or its execution ended): a handler
    /// that started something on its behalf may stop it. By default nothing happens; the
    /// task's result, if one comes, is ignored.
    fn cancel(&self, _execution_arn: &str, _task: engine::TaskId) {}
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
