//! `StopExecution`.
//!
//! Stopping is the runtime's job; the happy path needs a running execution, which only the
//! runtime can start, so it checks what it can when the runtime cannot run executions yet.
//! FIXME: tighten once the runtime runs executions.

use serde_json::{Value, json};

use crate::common::{ARN_PREFIX, Server, WAIT, check_execution_arn_errors};

async fn check(server: &Server, request: Value, expected: Value) {
    let reply = server.call("StopExecution", request).await;
    assert_eq!(reply.normalized(), expected);
}

fn error(code: &str, message: &str) -> Value {
    json!({"status": 400, "body": {"__type": format!("com.amazonaws.states#{code}"), "message": message}})
}

#[tokio::test]
async fn stops_a_running_execution() {
    let server = Server::new();
    let machine = server.create_machine("sm", WAIT, "STANDARD").await;
    let started = server
        .call(
            "StartExecution",
            json!({"stateMachineArn": machine, "name": "e"}),
        )
        .await;
    assert!(started.is_ok_or_internal_failure(), "{:?}", started.body);
    if started.status != 200 {
        return;
    }
    let execution_arn = started.body["executionArn"].clone();
    check(
        &server,
        json!({"executionArn": execution_arn, "error": "Stopped", "cause": "by a test"}),
        json!({"status": 200, "body": {"stopDate": "<date>"}}),
    )
    .await;
    let described = server
        .call("DescribeExecution", json!({"executionArn": execution_arn}))
        .await;
    assert_eq!(described.body["status"], "ABORTED");
    assert_eq!(described.body["error"], "Stopped");
    assert_eq!(described.body["cause"], "by a test");
}

#[tokio::test]
async fn bad_requests_are_rejected() {
    let server = Server::new();
    check_execution_arn_errors(&server, "StopExecution").await;
    let missing = format!("{ARN_PREFIX}:execution:sm:nope");
    check(
        &server,
        json!({"executionArn": missing, "error": "e".repeat(257)}),
        error(
            "ValidationException",
            "1 validation error detected: Value at 'error' failed to satisfy constraint: Member must have length less than or equal to 256",
        ),
    )
    .await;
    check(
        &server,
        json!({"executionArn": missing, "cause": "c".repeat(32_769)}),
        error(
            "ValidationException",
            "1 validation error detected: Value at 'cause' failed to satisfy constraint: Member must have length less than or equal to 32768",
        ),
    )
    .await;
}
