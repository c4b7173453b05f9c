//! Compiled `Retry` and `Catch` entries.

use super::{JsonataTemplate, ResultPathSetting, StateId, Template};

/// One `Retry` entry.
#[derive(Clone, Debug)]
pub struct Retrier {
    /// `ErrorEquals`.
    pub error_equals: Vec<String>,
    /// `IntervalSeconds` (default 1).
    pub interval_seconds: f64,
    /// `MaxAttempts` (default 3).
    pub max_attempts: u64,
    /// `BackoffRate` (default 2.0).
    pub backoff_rate: f64,
    /// `MaxDelaySeconds`.
    pub max_delay_seconds: Option<f64>,
    /// `JitterStrategy: FULL`.
    pub full_jitter: bool,
}

/// One `Catch` entry.
#[derive(Clone, Debug)]
pub struct Catcher {
    /// `ErrorEquals`.
    pub error_equals: Vec<String>,
    /// `Next`.
    pub next: StateId,
    /// `ResultPath`.
    pub result_path: ResultPathSetting,
    /// `Assign`.
    pub assign: Option<Template>,
    /// JSONata `Output`.
    pub output: Option<JsonataTemplate>,
}

/// Whether an `ErrorEquals` list matches an error name, with AWS's wildcards.
///
/// `States.ALL` matches everything; `States.TaskFailed` matches every error except
/// `States.Timeout`-family errors... and errors that AWS does not let a catcher see.
pub fn error_matches(error_equals: &[String], error: &str) -> bool {
    error_equals.iter().any(|name| match name.as_str() {
        "States.ALL" => error != "States.Runtime" && error != "States.DataLimitExceeded",
        "States.TaskFailed" => {
            error != "States.Timeout"
                && error != "States.HeartbeatTimeout"
                && error != "States.Runtime"
                && error != "States.DataLimitExceeded"
                && !error.is_empty()
        }
        "States.Timeout" => error == "States.Timeout" || error == "States.HeartbeatTimeout",
        other => other == error,
    })
}
