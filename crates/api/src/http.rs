//! The HTTP edge: picks the operation from `X-Amz-Target`, reads the body and writes the
//! response, with the headers the AWS SDKs look for.

use axum::body::{Body, to_bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

use runtime::Runtime;

use crate::error::{ApiError, ErrorCode};
use crate::ops::Operation;
use crate::request::Members;
use crate::{CONTENT_TYPE, MAX_BODY_BYTES, ids};

/// The prefix of every `X-Amz-Target` of this service.
const TARGET_PREFIX: &str = "AWSStepFunctions.";

/// `POST /`: one API call.
pub(crate) async fn handle(State(runtime): State<Runtime>, request: Request) -> Response {
    let (parts, body) = request.into_parts();
    let res = call(&runtime, &parts.headers, body).await;
    let mut response = match res {
        Ok(value) => json_response(StatusCode::OK, &value),
        Err(err) => {
            tracing::debug!(code = err.code.as_str(), message = %err.message, "request refused");
            err.into_response()
        }
    };
    if let Ok(request_id) = HeaderValue::from_str(&ids::new_uuid()) {
        response
            .headers_mut()
            .insert("x-amzn-requestid", request_id);
    }
    response
}

async fn call(runtime: &Runtime, headers: &HeaderMap, body: Body) -> Result<Value, ApiError> {
    let target = headers
        .get("x-amz-target")
        .and_then(|value| value.to_str().ok())
        .unwrap_or("");
    let operation = target
        .strip_prefix(TARGET_PREFIX)
        .and_then(Operation::parse)
        .ok_or_else(|| {
            ApiError::new(
                ErrorCode::UnknownOperationException,
                format!("Unknown operation: '{target}'"),
            )
        })?;
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
    operation.handle(runtime, members).await
}

fn json_response(status: StatusCode, value: &Value) -> Response {
    let mut response = (status, value.to_string()).into_response();
    response
        .headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static(CONTENT_TYPE));
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
