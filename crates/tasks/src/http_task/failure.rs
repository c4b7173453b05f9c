//! The errors an HTTP Task fails with, named as AWS names them.

use runtime::TaskError;

fn failed(error: &str, cause: impl Into<String>) -> TaskError {
    TaskError {
        error: error.to_owned(),
        cause: cause.into(),
    }
}

/// Parameters or a response AWS cannot use: `States.Runtime` (not caught by `States.ALL`).
pub(crate) fn runtime(cause: impl Into<String>) -> TaskError {
    failed("States.Runtime", cause)
}

/// No answer in time, or no connection at all: `States.Http.Socket`.
pub(crate) fn socket(cause: impl Into<String>) -> TaskError {
    failed("States.Http.Socket", cause)
}

/// A response larger than the payload quota: `States.DataLimitExceeded`.
pub(crate) fn data_limit(cause: impl Into<String>) -> TaskError {
    failed("States.DataLimitExceeded", cause)
}

/// A `ConnectionArn` that names no configured connection.
pub(crate) fn connection_not_found(arn_name: &str) -> TaskError {
    failed(
        "Events.ConnectionResource.ResourceNotFound",
        format!(
            "The connection '{arn_name}' does not exist: declare it as [connections.{arn_name}] in the configuration file"
        ),
    )
}

/// A connection that could not authorize the call (its OAuth token request failed).
pub(crate) fn invalid_connection_state(cause: impl Into<String>) -> TaskError {
    failed("Events.ConnectionResource.InvalidConnectionState", cause)
}
