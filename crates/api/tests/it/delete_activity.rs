//! `DeleteActivity`.

use serde_json::{Value, json};

use crate::common::{ARN_PREFIX, Server};

async fn check(server: &Server, activity_arn: &str, expected: Value) {
    let reply = server
        .call("DeleteActivity", json!({"activityArn": activity_arn}))
        .await;
    assert_eq!(reply.normalized(), expected);
}

#[tokio::test]
async fn deletes_and_forgets_an_activity() {
    let server = Server::new();
    let arn = server.create_activity("act").await;
    server
        .call(
            "TagResource",
            json!({"resourceArn": arn, "tags": [{"key": "k", "value": "v"}]}),
        )
        .await;
    check(&server, &arn, json!({"status": 200, "body": {}})).await;
    let reply = server
        .call("DescribeActivity", json!({"activityArn": arn}))
        .await;
    assert_eq!(reply.error_code(), Some("ActivityDoesNotExist"));
    let reply = server.call("ListActivities", json!({})).await;
    assert_eq!(reply.body, json!({"activities": []}));
    // Recorded from AWS: deleting it again succeeds.
    check(&server, &arn, json!({"status": 200, "body": {}})).await;

    // The name is free again, and the new activity starts without the old one's tags.
    assert_eq!(server.create_activity("act").await, arn);
    let reply = server
        .call("ListTagsForResource", json!({"resourceArn": arn}))
        .await;
    assert_eq!(reply.body, json!({"tags": []}));
}

#[tokio::test]
async fn deleting_what_does_not_exist_succeeds() {
    check(
        &Server::new(),
        &format!("{ARN_PREFIX}:activity:nope"),
        json!({"status": 200, "body": {}}),
    )
    .await;
}

#[tokio::test]
async fn invalid_arns_are_rejected() {
    let server = Server::new();
    check(
        &server,
        "nope",
        json!({"status": 400, "body": {
            "__type": "com.amazonaws.states#InvalidArn",
            "message": "Invalid Arn: 'Invalid ARN prefix: nope'",
        }}),
    )
    .await;
    // A state machine's ARN does not delete the state machine.
    let machine = server
        .create_machine("sm", crate::common::PASS, "STANDARD")
        .await;
    check(
        &server,
        &machine,
        json!({"status": 400, "body": {
            "__type": "com.amazonaws.states#InvalidArn",
            "message": "Invalid Arn: 'Resource type not valid in this context: statemachine'",
        }}),
    )
    .await;
    let reply = server
        .call("DescribeStateMachine", json!({"stateMachineArn": machine}))
        .await;
    assert_eq!(reply.status, 200);
}
