//! The HTTP edge: picks the operation from `X-Amz-Target`, reads the body and writes the
//! response, with the headers the AWS SDKs look for.

use axum::body::{Body, to_bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

use crate::error::{ApiError, ErrorCode, Protocol};
use crate::ops::Operation;
use crate::request::Members;
use crate::{AppState, MAX_BODY_BYTES, ids};

/// The prefix of every `X-Amz-Target` of Step Functions.
const TARGET_PREFIX: &str = "AWSStepFunctions.";

/// The prefix of every `X-Amz-Target` of EventBridge.
const EVENTS_PREFIX: &str = "AWSEvents.";

/// `POST /`: one API call, of Step Functions or of EventBridge.
pub(crate) async fn handle(State(state): State<AppState>, request: Request) -> Response {
    let (parts, body) = request.into_parts();
    let protocol = match target(&parts.headers) {
        Some(target) if target.starts_with(EVENTS_PREFIX) => Protocol::Events,
        _ => Protocol::StepFunctions,
    };
    let res = call(&state, protocol, &parts.headers, body).await;
    let mut response = match res {
        Ok(value) => json_response(StatusCode::OK, &value, protocol),
        Err(err) => {
            tracing::debug!(code = err.code.as_str(), message = %err.message, "request refused");
            err.response_in(protocol)
        }
    };
    if let Ok(request_id) = HeaderValue::from_str(&ids::new_uuid()) {
        response
            .headers_mut()
            .insert("x-amzn-requestid", request_id);
    }
    response
}

fn target(headers: &HeaderMap) -> Option<&str> {
    headers
        .get("x-amz-target")
        .and_then(|value| value.to_str().ok())
}

/// The operation a request names.
enum Call {
    StepFunctions(Operation),
    Events(crate::events::Operation),
}

async fn call(
    state: &AppState,
    protocol: Protocol,
    headers: &HeaderMap,
    body: Body,
) -> Result<Value, ApiError> {
    let target = target(headers).unwrap_or("");
    let unknown = || {
        ApiError::new(
            ErrorCode::UnknownOperationException,
            format!("Unknown operation: '{target}'"),
        )
    };
    let operation = match protocol {
        Protocol::StepFunctions => target
            .strip_prefix(TARGET_PREFIX)
            .and_then(Operation::parse)
            .map(Call::StepFunctions),
        Protocol::Events => target
            .strip_prefix(EVENTS_PREFIX)
            .and_then(crate::events::Operation::parse)
            .map(Call::Events),
    }
    .ok_or_else(unknown)?;
    let too_large = || {
        ApiError::new(
            ErrorCode::RequestEntityTooLargeException,
            format!("Request body is larger than {MAX_BODY_BYTES} bytes"),
        )
    };
    let declared_length = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.parse::<usize>().ok());
    if declared_length.is_some_and(|length| length > MAX_BODY_BYTES) {
        return Err(too_large());
    }
    let bytes = to_bytes(body, MAX_BODY_BYTES)
        .await
        .map_err(|_| too_large())?;
    let members = Members::parse(&bytes)?;
    match operation {
        Call::StepFunctions(operation) => operation.handle(&state.runtime, members).await,
        Call::Events(operation) => {
            // A server without triggers (an embedding of the API alone) knows no EventBridge.
            let triggers = state.triggers.as_ref().ok_or_else(unknown)?;
            operation.handle(triggers, members).await
        }
    }
}

fn json_response(status: StatusCode, value: &Value, protocol: Protocol) -> Response {
    let mut response = (status, value.to_string()).into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(protocol.content_type()),
    );
    response
}

/// `GET /health`.
pub(crate) async fn health() -> Response {
    let mut response = (StatusCode::OK, json!({"status": "ok"}).to_string()).into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    response
}
