//! The one error type at the edge: every failure becomes an AWS-style error response.
//!
//! The body is `{"__type": "com.amazonaws.states#<Code>", "message": "..."}` and the code is
//! repeated in the `x-amzn-errortype` header, which is how the AWS SDKs pick the exception to
//! raise. Modeled exceptions are HTTP 400; `InternalFailure` is 500.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::{Map, Value};

use crate::CONTENT_TYPE;

/// An error code from the Step Functions API (or the AWS JSON protocol around it).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[expect(missing_docs, reason = "the variants are the API's own error codes")]
pub enum ErrorCode {
    UnknownOperationException,
    SerializationException,
    ValidationException,
    RequestEntityTooLargeException,
    InvalidArn,
    InvalidName,
    InvalidExecutionInput,
    InvalidDefinition,
    InvalidLoggingConfiguration,
    InvalidToken,
    MissingRequiredParameter,
    StateMachineDoesNotExist,
    StateMachineAlreadyExists,
    StateMachineTypeNotSupported,
    ExecutionDoesNotExist,
    ExecutionAlreadyExists,
    ActivityDoesNotExist,
    InvalidOutput,
    TaskDoesNotExist,
    TaskTimedOut,
    ResourceNotFound,
    TooManyTags,
    InternalFailure,
    ResourceNotFoundException,
    InvalidEventPatternException,
    LimitExceededException,
}

impl ErrorCode {
    /// The code as the API spells it.
    pub fn as_str(self) -> &'static str {
        use ErrorCode as C;
        match self {
            C::UnknownOperationException => "UnknownOperationException",
            C::SerializationException => "SerializationException",
            C::ValidationException => "ValidationException",
            C::RequestEntityTooLargeException => "RequestEntityTooLargeException",
            C::InvalidArn => "InvalidArn",
            C::InvalidName => "InvalidName",
            C::InvalidExecutionInput => "InvalidExecutionInput",
            C::InvalidDefinition => "InvalidDefinition",
            C::InvalidLoggingConfiguration => "InvalidLoggingConfiguration",
            C::InvalidToken => "InvalidToken",
            C::MissingRequiredParameter => "MissingRequiredParameter",
            C::StateMachineDoesNotExist => "StateMachineDoesNotExist",
            C::StateMachineAlreadyExists => "StateMachineAlreadyExists",
            C::StateMachineTypeNotSupported => "StateMachineTypeNotSupported",
            C::ExecutionDoesNotExist => "ExecutionDoesNotExist",
            C::ExecutionAlreadyExists => "ExecutionAlreadyExists",
            C::ActivityDoesNotExist => "ActivityDoesNotExist",
            C::InvalidOutput => "InvalidOutput",
            C::TaskDoesNotExist => "TaskDoesNotExist",
            C::TaskTimedOut => "TaskTimedOut",
            C::ResourceNotFound => "ResourceNotFound",
            C::TooManyTags => "TooManyTags",
            C::InternalFailure => "InternalFailure",
            C::ResourceNotFoundException => "ResourceNotFoundException",
            C::InvalidEventPatternException => "InvalidEventPatternException",
            C::LimitExceededException => "LimitExceededException",
        }
    }

    /// The HTTP status AWS answers with.
    pub fn status(self) -> StatusCode {
        match self {
            ErrorCode::InternalFailure => StatusCode::INTERNAL_SERVER_ERROR,
            ErrorCode::RequestEntityTooLargeException => StatusCode::PAYLOAD_TOO_LARGE,
            _ => StatusCode::BAD_REQUEST,
        }
    }
}

/// A failed request, rendered as the AWS JSON 1.0 error response.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ApiError {
    /// The error code.
    pub code: ErrorCode,
    /// The message, worded as AWS words it.
    pub message: String,
    /// The `resourceName` member that `ResourceNotFound` and `TooManyTags` carry.
    pub resource_name: Option<String>,
}

impl ApiError {
    /// An error with a code and a message.
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        ApiError {
            code,
            message: message.into(),
            resource_name: None,
        }
    }

    /// `InvalidArn`, worded `Invalid Arn: '<detail>'`.
    pub fn invalid_arn(detail: impl std::fmt::Display) -> Self {
        ApiError::new(ErrorCode::InvalidArn, format!("Invalid Arn: '{detail}'"))
    }

    /// `InvalidName` for a name that breaks the character rules.
    pub fn invalid_name(name: &str) -> Self {
        ApiError::new(ErrorCode::InvalidName, format!("Invalid Name: '{name}'"))
    }

    /// `StateMachineDoesNotExist` for an ARN.
    pub fn state_machine_does_not_exist(arn: &str) -> Self {
        ApiError::new(
            ErrorCode::StateMachineDoesNotExist,
            format!("State Machine Does Not Exist: '{arn}'"),
        )
    }

    /// `ExecutionDoesNotExist` for an ARN.
    pub fn execution_does_not_exist(arn: &str) -> Self {
        ApiError::new(
            ErrorCode::ExecutionDoesNotExist,
            format!("Execution Does Not Exist: '{arn}'"),
        )
    }

    /// `InvalidOutput` for a task result that is not JSON.
    pub fn invalid_output() -> Self {
        ApiError::new(
            ErrorCode::InvalidOutput,
            "Invalid Output: 'Output is not valid JSON'",
        )
    }

    /// `ActivityDoesNotExist` for an ARN.
    pub fn activity_does_not_exist(arn: &str) -> Self {
        ApiError::new(
            ErrorCode::ActivityDoesNotExist,
            format!("Activity Does Not Exist: '{arn}'"),
        )
    }

    /// `ResourceNotFound` for an ARN (tags of something that does not exist).
    pub fn resource_not_found(arn: &str) -> Self {
        ApiError {
            resource_name: Some(arn.to_owned()),
            ..ApiError::new(
                ErrorCode::ResourceNotFound,
                format!("Resource not found: '{arn}'"),
            )
        }
    }

    /// `InvalidToken` for a pagination token the server did not issue for this listing.
    pub fn invalid_token() -> Self {
        ApiError::new(ErrorCode::InvalidToken, "Invalid Token: 'Invalid token'")
    }

    /// `InternalFailure`: something on the server side broke.
    pub fn internal(message: impl std::fmt::Display) -> Self {
        tracing::error!(%message, "internal failure");
        ApiError::new(
            ErrorCode::InternalFailure,
            format!("An internal error occurred: {message}"),
        )
    }

    /// The response body.
    pub fn to_json(&self) -> Value {
        self.to_json_in(Protocol::StepFunctions)
    }

    /// The response body in a service's namespace.
    pub(crate) fn to_json_in(&self, protocol: Protocol) -> Value {
        let mut body = Map::new();
        body.insert(
            "__type".to_owned(),
            Value::from(format!(
                "{}#{}",
                protocol.namespace(),
                self.code_in(protocol)
            )),
        );
        body.insert("message".to_owned(), Value::from(self.message.as_str()));
        if let Some(resource_name) = &self.resource_name {
            body.insert(
                "resourceName".to_owned(),
                Value::from(resource_name.as_str()),
            );
        }
        Value::Object(body)
    }
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.code.as_str(), self.message)
    }
}

impl std::error::Error for ApiError {}

/// Storage failures that reach a handler unhandled are the server's fault.
impl From<store::Error> for ApiError {
    fn from(err: store::Error) -> Self {
        match err {
            store::Error::InvalidToken => ApiError::invalid_token(),
            other => ApiError::internal(other),
        }
    }
}

/// Runtime failures: the few a client caused keep their meaning, the rest are the server's.
impl From<runtime::TokenError> for ApiError {
    fn from(err: runtime::TokenError) -> Self {
        match err {
            runtime::TokenError::InvalidToken => ApiError::invalid_token(),
            runtime::TokenError::TaskDoesNotExist => ApiError::new(
                ErrorCode::TaskDoesNotExist,
                "Task Does Not Exist: 'Provided task does not exist anymore'",
            ),
            runtime::TokenError::TaskTimedOut => ApiError::new(
                ErrorCode::TaskTimedOut,
                "Task Timed Out: 'Provided task does not exist anymore'",
            ),
            runtime::TokenError::Runtime(err) => err.into(),
        }
    }
}

impl From<runtime::Error> for ApiError {
    fn from(err: runtime::Error) -> Self {
        match err {
            runtime::Error::ExecutionDoesNotExist(arn) => ApiError::execution_does_not_exist(&arn),
            runtime::Error::InvalidDefinition(message) => ApiError::new(
                ErrorCode::InvalidDefinition,
                format!("Invalid State Machine Definition: '{message}'"),
            ),
            runtime::Error::InvalidInput(message) => ApiError::new(
                ErrorCode::InvalidExecutionInput,
                format!("Invalid State Machine Execution Input: '{message}'"),
            ),
            runtime::Error::Store(err) => err.into(),
            other => ApiError::internal(other),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        self.response_in(Protocol::StepFunctions)
    }
}

/// The services this server speaks, each with its own protocol version and error namespace.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Protocol {
    /// Step Functions: AWS JSON 1.0, `AWSStepFunctions.<Operation>`.
    StepFunctions,
    /// EventBridge: AWS JSON 1.1, `AWSEvents.<Operation>`.
    Events,
}

impl Protocol {
    /// The namespace of the `__type` of errors.
    fn namespace(self) -> &'static str {
        match self {
            Protocol::StepFunctions => "com.amazonaws.states",
            Protocol::Events => "com.amazonaws.events",
        }
    }

    /// The content type of requests and responses.
    pub(crate) fn content_type(self) -> &'static str {
        match self {
            Protocol::StepFunctions => CONTENT_TYPE,
            Protocol::Events => "application/x-amz-json-1.1",
        }
    }
}

impl ApiError {
    /// The code as the service names it: EventBridge calls an internal failure
    /// `InternalException`.
    fn code_in(&self, protocol: Protocol) -> &'static str {
        match (protocol, self.code) {
            (Protocol::Events, ErrorCode::InternalFailure) => "InternalException",
            (_, code) => code.as_str(),
        }
    }

    /// The error response in a service's protocol.
    pub(crate) fn response_in(self, protocol: Protocol) -> Response {
        let mut response =
            (self.code.status(), self.to_json_in(protocol).to_string()).into_response();
        let headers = response.headers_mut();
        headers.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static(protocol.content_type()),
        );
        headers.insert(
            "x-amzn-errortype",
            HeaderValue::from_static(self.code_in(protocol)),
        );
        response
    }
}

/// Trigger failures, in EventBridge's words.
impl From<triggers::Error> for ApiError {
    fn from(err: triggers::Error) -> Self {
        match err {
            triggers::Error::ResourceNotFound(message) => {
                ApiError::new(ErrorCode::ResourceNotFoundException, message)
            }
            triggers::Error::Validation(message) => {
                ApiError::new(ErrorCode::ValidationException, message)
            }
            triggers::Error::InvalidEventPattern(message) => {
                ApiError::new(ErrorCode::InvalidEventPatternException, message)
            }
            triggers::Error::LimitExceeded(message) => {
                ApiError::new(ErrorCode::LimitExceededException, message)
            }
            triggers::Error::Store(err) => err.into(),
        }
    }
}
