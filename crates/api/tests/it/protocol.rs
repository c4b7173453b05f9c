//! The AWS JSON 1.0 protocol around the operations: routing, bodies and error shapes.

use axum::body::Body;
use axum::http::Request;
use serde_json::{Value, json};

use crate::common::Server;

/// Sends a raw request and compares the normalized reply.
async fn check(request: Request<Body>, expected: Value) {
    let reply = Server::new().send(request).await;
    assert_eq!(reply.normalized(), expected);
}

fn post(target: Option<&str>, body: impl Into<Body>) -> Request<Body> {
    let mut request = Request::post("/");
    if let Some(target) = target {
        request = request.header("x-amz-target", target);
    }
    request.body(body.into()).unwrap()
}

fn error(status: u16, code: &str, message: &str) -> Value {
    json!({"status": status, "body": {"__type": format!("com.amazonaws.states#{code}"), "message": message}})
}

#[tokio::test]
async fn health_answers_ok() {
    check(
        Request::get("/health").body(Body::empty()).unwrap(),
        json!({"status": 200, "body": {"status": "ok"}}),
    )
    .await;
}

#[tokio::test]
async fn unknown_or_missing_targets_are_unknown_operations() {
    check(
        post(Some("AWSStepFunctions.Frobnicate"), "{}"),
        error(
            400,
            "UnknownOperationException",
            "Unknown operation: 'AWSStepFunctions.Frobnicate'",
        ),
    )
    .await;
    check(
        post(Some("AmazonSQS.ListQueues"), "{}"),
        error(
            400,
            "UnknownOperationException",
            "Unknown operation: 'AmazonSQS.ListQueues'",
        ),
    )
    .await;
    check(
        post(None, "{}"),
        error(400, "UnknownOperationException", "Unknown operation: ''"),
    )
    .await;
}

#[tokio::test]
async fn bodies_must_be_json_objects() {
    let list = Some("AWSStepFunctions.ListStateMachines");
    check(
        post(list, "[]"),
        error(
            400,
            "SerializationException",
            "Start of list found where not expected.",
        ),
    )
    .await;
    let reply = Server::new().send(post(list, "{")).await;
    assert_eq!(reply.error_code(), Some("SerializationException"));
    let reply = Server::new().send(post(list, "not json")).await;
    assert_eq!(reply.error_code(), Some("SerializationException"));
    // An empty body is an empty request.
    check(
        post(list, ""),
        json!({"status": 200, "body": {"stateMachines": []}}),
    )
    .await;
}

#[tokio::test]
async fn ill_typed_members_are_serialization_errors() {
    let list = Some("AWSStepFunctions.ListStateMachines");
    check(
        post(list, r#"{"maxResults": "ten"}"#),
        error(
            400,
            "SerializationException",
            "STRING_VALUE can not be converted to an Integer",
        ),
    )
    .await;
    check(
        post(list, r#"{"nextToken": {"a": 1}}"#),
        error(
            400,
            "SerializationException",
            "Start of structure or map found where not expected.",
        ),
    )
    .await;
}

#[tokio::test]
async fn unknown_members_are_ignored() {
    check(
        post(
            Some("AWSStepFunctions.ListStateMachines"),
            r#"{"somethingNew": [1, 2]}"#,
        ),
        json!({"status": 200, "body": {"stateMachines": []}}),
    )
    .await;
}

#[tokio::test]
async fn oversized_bodies_are_rejected() {
    let body = format!(r#"{{"pad": "{}"}}"#, "x".repeat(api::MAX_BODY_BYTES));
    check(
        post(Some("AWSStepFunctions.ListStateMachines"), body),
        error(
            413,
            "RequestEntityTooLargeException",
            &format!("Request body is larger than {} bytes", api::MAX_BODY_BYTES),
        ),
    )
    .await;
}

#[tokio::test]
async fn any_host_and_signature_are_accepted() {
    let request = Request::post("/")
        .header("host", "sync-localhost:8083")
        .header("x-amz-target", "AWSStepFunctions.ListStateMachines")
        .header(
            "authorization",
            "AWS4-HMAC-SHA256 Credential=test/20240101/eu-west-1/states/aws4_request, \
             SignedHeaders=host;x-amz-date, Signature=0000",
        )
        .header("x-amz-date", "20240101T000000Z")
        .body(Body::from("{}"))
        .unwrap();
    check(
        request,
        json!({"status": 200, "body": {"stateMachines": []}}),
    )
    .await;
}

#[tokio::test]
async fn other_methods_are_not_allowed() {
    let reply = Server::new()
        .send(Request::get("/").body(Body::empty()).unwrap())
        .await;
    assert_eq!(reply.status.as_u16(), 405);
}
