//! `GET /console/api/trigger?executionArn=ARN`: the event and rule that started an execution,
//! when a trigger started it.
//!
//! An execution that an EventBridge rule started (through `PutEvents`, a watched directory, a
//! schedule or `POST /events`) is linked to its event by the delivery that started it; the
//! Step Functions API has no word for that link, so the console asks here. The answer is
//! `{"eventId", "ruleArn", "ruleName", "targetId", "source", "detailType", "time",
//! "deliveredAtMs", "attempts", "event"}` (`deliveredAtMs` being when the delivery was made,
//! as the event was taken, in epoch milliseconds), or `404 {"message"}` for an execution that
//! a client started itself, which most are. With `none=204`, that case is an empty
//! `204 No Content` instead: browsers log every response of 400 or more as an error in their
//! console, and the execution page, which asks for every execution, must not fill it with
//! errors for the common case.

use axum::Json;
use axum::extract::{Query, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use serde_json::{Value, json};

use runtime::Runtime;

/// The query: which execution, and how to answer when no trigger started it.
#[derive(Debug, Deserialize)]
pub(crate) struct Which {
    #[serde(rename = "executionArn")]
    execution_arn: Option<String>,
    /// `204` to answer an execution that no trigger started with `204 No Content` rather
    /// than `404`.
    none: Option<String>,
}

/// What started an execution, if a trigger did.
pub(crate) async fn trigger(
    State(runtime): State<Runtime>,
    Query(which): Query<Which>,
) -> Response {
    let quiet = match which.none.as_deref() {
        None => false,
        Some("204") => true,
        Some(_) => return message(StatusCode::BAD_REQUEST, "none can only be 204"),
    };
    let Some(arn) = which.execution_arn.filter(|arn| !arn.is_empty()) else {
        return message(StatusCode::BAD_REQUEST, "give executionArn");
    };
    let delivery = match runtime.store().delivery_for_execution(&arn).await {
        Ok(Some(delivery)) => delivery,
        Ok(None) if quiet => return no_store(StatusCode::NO_CONTENT.into_response()),
        Ok(None) => {
            return message(
                StatusCode::NOT_FOUND,
                &format!("no trigger started execution {arn}"),
            );
        }
        Err(err) => return message(StatusCode::INTERNAL_SERVER_ERROR, &err.to_string()),
    };
    // The event was valid JSON when it was stored; should it not be, it is still shown, as
    // text, and the members read from it are left empty.
    let event = serde_json::from_str::<Value>(&delivery.event)
        .unwrap_or_else(|_| Value::String(delivery.event.clone()));
    let member = |name: &str| event.get(name).cloned().unwrap_or(Value::Null);
    let rule_name = delivery
        .rule_arn
        .rsplit('/')
        .next()
        .unwrap_or(&delivery.rule_arn)
        .to_owned();
    let body = json!({
        "eventId": delivery.event_id,
        "ruleArn": delivery.rule_arn,
        "ruleName": rule_name,
        "targetId": delivery.target_id,
        "source": member("source"),
        "detailType": member("detail-type"),
        "time": member("time"),
        "deliveredAtMs": delivery.created_ms,
        "attempts": delivery.attempts,
        "event": event,
    });
    no_store(Json(body).into_response())
}

/// A `{"message"}` answer with a status.
fn message(status: StatusCode, text: &str) -> Response {
    no_store((status, Json(json!({ "message": text }))).into_response())
}

/// Keeps browsers from reusing an answer: a delivery may be recorded after the first look.
fn no_store(mut response: Response) -> Response {
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}
