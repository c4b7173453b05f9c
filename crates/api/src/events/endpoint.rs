//! `POST /events`: events as an EventBridge API destination sends them, so that a rule on
//! another EventBridge (or any HTTP client) can hand events to this server.
//!
//! A body that is a whole event (it has `source` and `detail-type`) is taken as it is, its
//! `id` kept: the sender's retries of one event are one event here, whose deliveries start
//! one execution each. Any other JSON object is the `detail` of a new event whose `source`
//! and `detail-type` come from the query string (`?source=...&detail-type=...`, by default
//! `statewright.http` and `HTTP Event`). The event is stored, with its deliveries, before the
//! answer `{"EventId": "..."}`.
//!
//! An API destination's connection authorizes each request with a header; with an
//! `EventEndpoint` key configured, requests without that header and value are refused (401).

use std::collections::HashMap;
use std::sync::Arc;

use axum::Extension;
use axum::body::{Body, to_bytes};
use axum::extract::{Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

use crate::error::{ApiError, ErrorCode, Protocol};
use crate::{AppState, MAX_BODY_BYTES};

/// How the event endpoint authorizes requests.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct EventEndpoint {
    /// The header an API key arrives in, and its value; without it every request is taken.
    pub api_key: Option<(String, String)>,
}

/// `POST /events`.
pub(crate) async fn handle(
    State(state): State<AppState>,
    Extension(endpoint): Extension<Arc<EventEndpoint>>,
    Query(query): Query<HashMap<String, String>>,
    headers: HeaderMap,
    body: Body,
) -> Response {
    if let Some((name, value)) = &endpoint.api_key {
        let given = headers
            .get(name.as_str())
            .and_then(|given| given.to_str().ok());
        if given != Some(value.as_str()) {
            let body = json!({"__type": "UnauthorizedException", "message": format!("the request lacks the {name} header this endpoint requires")});
            return (StatusCode::UNAUTHORIZED, body.to_string()).into_response();
        }
    }
    match take(&state, &query, body).await {
        Ok(id) => {
            let mut response = (StatusCode::OK, json!({"EventId": id}).to_string()).into_response();
            response.headers_mut().insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/json"),
            );
            response
        }
        Err(err) => err.response_in(Protocol::Events),
    }
}

async fn take(
    state: &AppState,
    query: &HashMap<String, String>,
    body: Body,
) -> Result<String, ApiError> {
    let triggers = state
        .triggers
        .as_ref()
        .ok_or_else(|| ApiError::internal("this server has no triggers"))?;
    let bytes = to_bytes(body, MAX_BODY_BYTES).await.map_err(|_| {
        ApiError::new(
            ErrorCode::RequestEntityTooLargeException,
            format!("Request body is larger than {MAX_BODY_BYTES} bytes"),
        )
    })?;
    let value: Value = serde_json::from_slice(&bytes).map_err(|err| {
        ApiError::new(
            ErrorCode::ValidationException,
            format!("the body is not JSON: {err}"),
        )
    })?;
    let Value::Object(map) = value else {
        return Err(ApiError::new(
            ErrorCode::ValidationException,
            "the body must be a JSON object: an event, or the detail of one",
        ));
    };
    let whole = map.get("source").is_some_and(Value::is_string)
        && map.get("detail-type").is_some_and(Value::is_string);
    if whole {
        return Ok(triggers.put_forwarded(map).await?);
    }
    let source = query
        .get("source")
        .map_or("statewright.http", String::as_str);
    let detail_type = query
        .get("detail-type")
        .map_or("HTTP Event", String::as_str);
    Ok(triggers
        .put_detail(source, detail_type, Value::Object(map))
        .await?)
}
