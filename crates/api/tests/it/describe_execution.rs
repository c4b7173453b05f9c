//! `DescribeExecution`.

use serde_json::{Value, json};

use store::ExecutionStatus;

use crate::common::{ARN_PREFIX, PASS, Server, check_execution_arn_errors};

async fn check(server: &Server, request: Value, expected: Value) {
    let reply = server.call("DescribeExecution", request).await;
    assert_eq!(reply.normalized(), expected);
}

fn error(code: &str, message: &str) -> Value {
    json!({"status": 400, "body": {"__type": format!("com.amazonaws.states#{code}"), "message": message}})
}

#[tokio::test]
async fn describes_executions_in_each_status() {
    let server = Server::new();
    let machine = server.create_machine("sm", PASS, "STANDARD").await;
    let running = server
        .seed_execution(&machine, "running", ExecutionStatus::Running, 1_000)
        .await;
    check(
        &server,
        json!({"executionArn": running.arn}),
        json!({"status": 200, "body": {
            "executionArn": running.arn,
            "stateMachineArn": machine,
            "name": "running",
            "status": "RUNNING",
            "startDate": "<date>",
            "input": "{\"in\":1}",
            "inputDetails": {"included": true},
            "redriveCount": 0,
            "redriveStatus": "NOT_REDRIVABLE",
            "redriveStatusReason": "Execution is RUNNING and cannot be redriven",
        }}),
    )
    .await;

    // Recorded from AWS (the shape).
    let succeeded = server
        .seed_execution(&machine, "succeeded", ExecutionStatus::Succeeded, 2_000)
        .await;
    check(
        &server,
        json!({"executionArn": succeeded.arn}),
        json!({"status": 200, "body": {
            "executionArn": succeeded.arn,
            "stateMachineArn": machine,
            "name": "succeeded",
            "status": "SUCCEEDED",
            "startDate": "<date>",
            "stopDate": "<date>",
            "input": "{\"in\":1}",
            "inputDetails": {"included": true},
            "output": "{\"out\":2}",
            "outputDetails": {"included": true},
            "redriveCount": 0,
            "redriveStatus": "NOT_REDRIVABLE",
            "redriveStatusReason": "Execution is SUCCEEDED and cannot be redriven",
        }}),
    )
    .await;

    let failed = server
        .seed_execution(&machine, "failed", ExecutionStatus::Failed, 3_000)
        .await;
    check(
        &server,
        json!({"executionArn": failed.arn}),
        json!({"status": 200, "body": {
            "executionArn": failed.arn,
            "stateMachineArn": machine,
            "name": "failed",
            "status": "FAILED",
            "startDate": "<date>",
            "stopDate": "<date>",
            "input": "{\"in\":1}",
            "inputDetails": {"included": true},
            "error": "Oops",
            "cause": "it broke",
            "redriveCount": 0,
            "redriveStatus": "REDRIVABLE",
        }}),
    )
    .await;
}

#[tokio::test]
async fn metadata_only_leaves_the_data_out() {
    let server = Server::new();
    let machine = server.create_machine("sm", PASS, "STANDARD").await;
    let succeeded = server
        .seed_execution(&machine, "e", ExecutionStatus::Succeeded, 2_000)
        .await;
    let reply = server
        .call(
            "DescribeExecution",
            json!({"executionArn": succeeded.arn, "includedData": "METADATA_ONLY"}),
        )
        .await;
    assert!(reply.body.get("input").is_none() && reply.body.get("output").is_none());
    assert_eq!(reply.body["inputDetails"], json!({"included": false}));
    assert_eq!(reply.body["outputDetails"], json!({"included": false}));
}

#[tokio::test]
async fn unknown_and_invalid_arns_are_errors() {
    let server = Server::new();
    check_execution_arn_errors(&server, "DescribeExecution").await;
    check(
        &server,
        json!({"executionArn": format!("{ARN_PREFIX}:stateMachine:sm")}),
        error(
            "InvalidArn",
            "Invalid Arn: 'Resource type not valid in this context: statemachine'",
        ),
    )
    .await;
}
