//! `ListTagsForResource`.

use serde_json::{Value, json};

use crate::common::{ARN_PREFIX, PASS, Server};

async fn check(server: &Server, resource_arn: &str, expected: Value) {
    let reply = server
        .call("ListTagsForResource", json!({"resourceArn": resource_arn}))
        .await;
    assert_eq!(reply.normalized(), expected);
}

#[tokio::test]
async fn lists_a_state_machines_tags() {
    let server = Server::new();
    let arn = server.create_machine("sm", PASS, "STANDARD").await;
    check(&server, &arn, json!({"status": 200, "body": {"tags": []}})).await;
    server
        .call(
            "TagResource",
            json!({"resourceArn": arn, "tags": [{"key": "k", "value": "v"}]}),
        )
        .await;
    check(
        &server,
        &arn,
        json!({"status": 200, "body": {"tags": [{"key": "k", "value": "v"}]}}),
    )
    .await;
    // Tags go with their state machine.
    server
        .call("DeleteStateMachine", json!({"stateMachineArn": arn}))
        .await;
    server.create_machine("sm", PASS, "STANDARD").await;
    check(&server, &arn, json!({"status": 200, "body": {"tags": []}})).await;
}

#[tokio::test]
async fn unknown_and_invalid_arns_are_errors() {
    let server = Server::new();
    let missing = format!("{ARN_PREFIX}:stateMachine:nope");
    check(
        &server,
        &missing,
        json!({"status": 400, "body": {
            "__type": "com.amazonaws.states#ResourceNotFound",
            "message": format!("Resource not found: '{missing}'"),
            "resourceName": missing,
        }}),
    )
    .await;
    check(
        &server,
        "nope",
        json!({"status": 400, "body": {
            "__type": "com.amazonaws.states#InvalidArn",
            "message": "Invalid Arn: 'Invalid ARN prefix: nope'",
        }}),
    )
    .await;
}

#[tokio::test]
async fn lists_an_activitys_tags() {
    let server = Server::new();
    let reply = server
        .call(
            "CreateActivity",
            json!({"name": "act", "tags": [{"key": "k", "value": "v"}]}),
        )
        .await;
    let arn = reply.body["activityArn"].as_str().unwrap().to_owned();
    check(
        &server,
        &arn,
        json!({"status": 200, "body": {"tags": [{"key": "k", "value": "v"}]}}),
    )
    .await;
    server
        .call("DeleteActivity", json!({"activityArn": arn}))
        .await;
    check(
        &server,
        &arn,
        json!({"status": 400, "body": {
            "__type": "com.amazonaws.states#ResourceNotFound",
            "message": format!("Resource not found: '{arn}'"),
            "resourceName": arn,
        }}),
    )
    .await;
}
