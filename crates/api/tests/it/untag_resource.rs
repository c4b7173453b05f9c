//! `UntagResource`.

use serde_json::{Value, json};

use crate::common::{ARN_PREFIX, PASS, Server};

async fn check(server: &Server, request: Value, expected: Value) {
    let reply = server.call("UntagResource", request).await;
    assert_eq!(reply.normalized(), expected);
}

#[tokio::test]
async fn removes_tags_and_ignores_unknown_keys() {
    let server = Server::new();
    let arn = server.create_machine("sm", PASS, "STANDARD").await;
    server
        .call(
            "TagResource",
            json!({"resourceArn": arn, "tags": [{"key": "a", "value": "1"}, {"key": "b", "value": "2"}]}),
        )
        .await;
    check(
        &server,
        json!({"resourceArn": arn, "tagKeys": ["a", "zzz"]}),
        json!({"status": 200, "body": {}}),
    )
    .await;
    let reply = server
        .call("ListTagsForResource", json!({"resourceArn": arn}))
        .await;
    assert_eq!(reply.body, json!({"tags": [{"key": "b", "value": "2"}]}));
}

#[tokio::test]
async fn bad_requests_are_rejected() {
    let server = Server::new();
    let missing = format!("{ARN_PREFIX}:stateMachine:nope");
    check(
        &server,
        json!({"resourceArn": missing, "tagKeys": ["a"]}),
        json!({"status": 400, "body": {
            "__type": "com.amazonaws.states#ResourceNotFound",
            "message": format!("Resource not found: '{missing}'"),
            "resourceName": missing,
        }}),
    )
    .await;
    check(
        &server,
        json!({"resourceArn": missing, "tagKeys": [""]}),
        json!({"status": 400, "body": {
            "__type": "com.amazonaws.states#ValidationException",
            "message": "1 validation error detected: Value '' at 'tagKeys.1.member' failed to satisfy constraint: Member must have length greater than or equal to 1",
        }}),
    )
    .await;
    check(
        &server,
        json!({"resourceArn": missing}),
        json!({"status": 400, "body": {
            "__type": "com.amazonaws.states#ValidationException",
            "message": "1 validation error detected: Value null at 'tagKeys' failed to satisfy constraint: Member must not be null",
        }}),
    )
    .await;
}

#[tokio::test]
async fn untags_activities_too() {
    let server = Server::new();
    let arn = server.create_activity("act").await;
    server
        .call(
            "TagResource",
            json!({"resourceArn": arn, "tags": [{"key": "a", "value": "1"}, {"key": "b", "value": "2"}]}),
        )
        .await;
    check(
        &server,
        json!({"resourceArn": arn, "tagKeys": ["a"]}),
        json!({"status": 200, "body": {}}),
    )
    .await;
    let reply = server
        .call("ListTagsForResource", json!({"resourceArn": arn}))
        .await;
    assert_eq!(reply.body, json!({"tags": [{"key": "b", "value": "2"}]}));
}
