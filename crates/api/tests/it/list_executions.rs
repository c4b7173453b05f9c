//! `ListExecutions`.

use serde_json::{Value, json};

use store::ExecutionStatus;

use crate::common::{ARN_PREFIX, PASS, Server};

async fn check(server: &Server, request: Value, expected: Value) -> Value {
    let reply = server.call("ListExecutions", request).await;
    assert_eq!(reply.normalized(), expected);
    reply.body
}

fn error(code: &str, message: &str) -> Value {
    json!({"status": 400, "body": {"__type": format!("com.amazonaws.states#{code}"), "message": message}})
}

fn item(name: &str, status: &str) -> Value {
    let mut item = json!({
        "executionArn": format!("{ARN_PREFIX}:execution:sm:{name}"),
        "stateMachineArn": format!("{ARN_PREFIX}:stateMachine:sm"),
        "name": name,
        "status": status,
        "startDate": "<date>",
        "redriveCount": 0,
    });
    if status != "RUNNING" {
        item["stopDate"] = json!("<date>");
    }
    item
}

async fn server_with_executions() -> (Server, String) {
    let server = Server::new();
    let machine = server.create_machine("sm", PASS, "STANDARD").await;
    let other = server.create_machine("other", PASS, "STANDARD").await;
    server
        .seed_execution(&machine, "old", ExecutionStatus::Succeeded, 1_000)
        .await;
    server
        .seed_execution(&machine, "new", ExecutionStatus::Running, 3_000)
        .await;
    server
        .seed_execution(&machine, "mid", ExecutionStatus::Failed, 2_000)
        .await;
    server
        .seed_execution(&other, "elsewhere", ExecutionStatus::Running, 4_000)
        .await;
    (server, machine)
}

#[tokio::test]
async fn lists_a_machines_executions_newest_first() {
    let (server, machine) = server_with_executions().await;
    check(
        &server,
        json!({"stateMachineArn": machine}),
        json!({"status": 200, "body": {"executions": [
            item("new", "RUNNING"),
            item("mid", "FAILED"),
            item("old", "SUCCEEDED"),
        ]}}),
    )
    .await;
    check(
        &server,
        json!({"stateMachineArn": machine, "statusFilter": "FAILED"}),
        json!({"status": 200, "body": {"executions": [item("mid", "FAILED")]}}),
    )
    .await;
    check(
        &server,
        json!({"stateMachineArn": machine, "statusFilter": "ABORTED"}),
        json!({"status": 200, "body": {"executions": []}}),
    )
    .await;
    check(
        &server,
        json!({"stateMachineArn": machine, "redriveFilter": "REDRIVEN"}),
        json!({"status": 200, "body": {"executions": []}}),
    )
    .await;
}

#[tokio::test]
async fn pages_through_the_list() {
    let (server, machine) = server_with_executions().await;
    let first = check(
        &server,
        json!({"stateMachineArn": machine, "maxResults": 2}),
        json!({"status": 200, "body": {
            "executions": [item("new", "RUNNING"), item("mid", "FAILED")],
            "nextToken": "<token>",
        }}),
    )
    .await;
    check(
        &server,
        json!({"stateMachineArn": machine, "maxResults": 2, "nextToken": first["nextToken"]}),
        json!({"status": 200, "body": {"executions": [item("old", "SUCCEEDED")]}}),
    )
    .await;
    // A token is only good for the listing that issued it.
    check(
        &server,
        json!({"stateMachineArn": machine, "statusFilter": "RUNNING", "nextToken": first["nextToken"]}),
        error("InvalidToken", "Invalid Token: 'Invalid token'"),
    )
    .await;
}

#[tokio::test]
async fn bad_requests_are_rejected() {
    let (server, machine) = server_with_executions().await;
    // Recorded from AWS.
    check(
        &server,
        json!({"stateMachineArn": machine, "statusFilter": "succeeded"}),
        error(
            "ValidationException",
            "1 validation error detected: Value 'succeeded' at 'statusFilter' failed to satisfy constraint: Member must satisfy enum value set: [SUCCEEDED, TIMED_OUT, PENDING_REDRIVE, ABORTED, FAILED, RUNNING]",
        ),
    )
    .await;
    // Recorded from AWS.
    check(
        &server,
        json!({"stateMachineArn": machine, "maxResults": 1001}),
        error(
            "ValidationException",
            "1 validation error detected: Value '1001' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 1000",
        ),
    )
    .await;
    let long = "t".repeat(3097);
    check(
        &server,
        json!({"stateMachineArn": machine, "nextToken": long}),
        error(
            "ValidationException",
            &format!("1 validation error detected: Value '{long}' at 'nextToken' failed to satisfy constraint: Member must have length less than or equal to 3096"),
        ),
    )
    .await;
    check(
        &server,
        json!({}),
        error(
            "ValidationException",
            "Must provide a StateMachine ARN or MapRun ARN",
        ),
    )
    .await;
    // Recorded from AWS.
    check(
        &server,
        json!({"stateMachineArn": "invalid_state_machine_arn"}),
        error(
            "InvalidArn",
            "Invalid Arn: 'Invalid ARN prefix: invalid_state_machine_arn'",
        ),
    )
    .await;
    let missing = format!("{ARN_PREFIX}:stateMachine:nope");
    check(
        &server,
        json!({"stateMachineArn": missing}),
        error(
            "StateMachineDoesNotExist",
            &format!("State Machine Does Not Exist: '{missing}'"),
        ),
    )
    .await;
    check(
        &server,
        json!({"stateMachineArn": machine, "statusFilter": "PENDING_REDRIVE"}),
        error(
            "ValidationException",
            "The PENDING_REDRIVE status filter can only be used with a MapRun ARN",
        ),
    )
    .await;
}

#[tokio::test]
async fn express_machines_have_no_listed_executions() {
    let server = Server::new();
    let machine = server.create_machine("fast", PASS, "EXPRESS").await;
    // Recorded from AWS.
    check(
        &server,
        json!({"stateMachineArn": machine}),
        error(
            "StateMachineTypeNotSupported",
            "This operation is not supported by this type of state machine",
        ),
    )
    .await;
}
