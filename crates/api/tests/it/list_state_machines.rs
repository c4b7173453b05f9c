//! `ListStateMachines`.

use serde_json::{Value, json};

use crate::common::{ARN_PREFIX, PASS, Server};

async fn check(server: &Server, request: Value, expected: Value) -> Value {
    let reply = server.call("ListStateMachines", request).await;
    assert_eq!(reply.normalized(), expected);
    reply.body
}

fn item(name: &str, kind: &str) -> Value {
    json!({
        "stateMachineArn": format!("{ARN_PREFIX}:stateMachine:{name}"),
        "name": name,
        "type": kind,
        "creationDate": "<date>",
    })
}

#[tokio::test]
async fn lists_state_machines_by_name() {
    let server = Server::new();
    check(
        &server,
        json!({}),
        json!({"status": 200, "body": {"stateMachines": []}}),
    )
    .await;
    server.create_machine("b", PASS, "STANDARD").await;
    server.create_machine("c", PASS, "EXPRESS").await;
    server.create_machine("a", PASS, "STANDARD").await;
    check(
        &server,
        json!({}),
        json!({"status": 200, "body": {"stateMachines": [
            item("a", "STANDARD"),
            item("b", "STANDARD"),
            item("c", "EXPRESS"),
        ]}}),
    )
    .await;
}

#[tokio::test]
async fn pages_through_the_list() {
    let server = Server::new();
    for name in ["a", "b", "c"] {
        server.create_machine(name, PASS, "STANDARD").await;
    }
    let first = check(
        &server,
        json!({"maxResults": 2}),
        json!({"status": 200, "body": {
            "stateMachines": [item("a", "STANDARD"), item("b", "STANDARD")],
            "nextToken": "<token>",
        }}),
    )
    .await;
    check(
        &server,
        json!({"maxResults": 2, "nextToken": first["nextToken"]}),
        json!({"status": 200, "body": {"stateMachines": [item("c", "STANDARD")]}}),
    )
    .await;
    // 0 means the default page size.
    let all = check(
        &server,
        json!({"maxResults": 0}),
        json!({"status": 200, "body": {"stateMachines": [
            item("a", "STANDARD"), item("b", "STANDARD"), item("c", "STANDARD"),
        ]}}),
    )
    .await;
    assert!(all.get("nextToken").is_none());
}

#[tokio::test]
async fn bad_paging_arguments_are_rejected() {
    let server = Server::new();
    // Both recorded from AWS.
    check(
        &server,
        json!({"maxResults": 1001}),
        json!({"status": 400, "body": {
            "__type": "com.amazonaws.states#ValidationException",
            "message": "1 validation error detected: Value '1001' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 1000",
        }}),
    )
    .await;
    let long = "t".repeat(1025);
    check(
        &server,
        json!({"nextToken": long}),
        json!({"status": 400, "body": {
            "__type": "com.amazonaws.states#ValidationException",
            "message": format!("1 validation error detected: Value '{long}' at 'nextToken' failed to satisfy constraint: Member must have length less than or equal to 1024"),
        }}),
    )
    .await;
    check(
        &server,
        json!({"maxResults": -1}),
        json!({"status": 400, "body": {
            "__type": "com.amazonaws.states#ValidationException",
            "message": "1 validation error detected: Value '-1' at 'maxResults' failed to satisfy constraint: Member must have value greater than or equal to 0",
        }}),
    )
    .await;
    check(
        &server,
        json!({"nextToken": "not-a-token"}),
        json!({"status": 400, "body": {
            "__type": "com.amazonaws.states#InvalidToken",
            "message": "Invalid Token: 'Invalid token'",
        }}),
    )
    .await;
}
