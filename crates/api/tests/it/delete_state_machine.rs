//! `DeleteStateMachine`.

use serde_json::{Value, json};

use store::ExecutionStatus;

use crate::common::{ARN_PREFIX, PASS, Server};

async fn check(server: &Server, state_machine_arn: &str, expected: Value) {
    let reply = server
        .call(
            "DeleteStateMachine",
            json!({"stateMachineArn": state_machine_arn}),
        )
        .await;
    assert_eq!(reply.normalized(), expected);
}

#[tokio::test]
async fn deletes_and_forgets_a_state_machine() {
    let server = Server::new();
    let arn = server.create_machine("sm", PASS, "STANDARD").await;
    let execution = server
        .seed_execution(&arn, "e", ExecutionStatus::Succeeded, 1_000)
        .await;
    check(&server, &arn, json!({"status": 200, "body": {}})).await;
    let reply = server
        .call("DescribeStateMachine", json!({"stateMachineArn": arn}))
        .await;
    assert_eq!(reply.error_code(), Some("StateMachineDoesNotExist"));
    let reply = server
        .call("DescribeExecution", json!({"executionArn": execution.arn}))
        .await;
    assert_eq!(
        reply.body["status"], "SUCCEEDED",
        "its executions stay readable"
    );
    // The name is free again.
    server.create_machine("sm", PASS, "EXPRESS").await;
}

#[tokio::test]
async fn deleting_what_does_not_exist_succeeds() {
    // Recorded from AWS.
    check(
        &Server::new(),
        &format!("{ARN_PREFIX}:stateMachine:nope"),
        json!({"status": 200, "body": {}}),
    )
    .await;
}

#[tokio::test]
async fn invalid_arns_are_rejected() {
    check(
        &Server::new(),
        "nope",
        json!({"status": 400, "body": {
            "__type": "com.amazonaws.states#InvalidArn",
            "message": "Invalid Arn: 'Invalid ARN prefix: nope'",
        }}),
    )
    .await;
}

#[tokio::test]
async fn running_executions_of_a_deleted_machine_are_stopped() {
    let server = Server::new();
    let waiting =
        r#"{"StartAt": "Nap", "States": {"Nap": {"Type": "Wait", "Seconds": 1000, "End": true}}}"#;
    let arn = server.create_machine("napper", waiting, "STANDARD").await;
    let started = server
        .call(
            "StartExecution",
            json!({"stateMachineArn": arn, "name": "long"}),
        )
        .await;
    let execution_arn = started.body["executionArn"].clone();
    check(&server, &arn, json!({"status": 200, "body": {}})).await;
    let reply = server
        .call("DescribeExecution", json!({"executionArn": execution_arn}))
        .await;
    assert_eq!(reply.body["status"], "ABORTED", "{:?}", reply.body);
}
