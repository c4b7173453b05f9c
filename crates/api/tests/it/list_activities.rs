//! `ListActivities`.

use serde_json::{Value, json};

use crate::common::{ARN_PREFIX, PASS, Server};

async fn check(server: &Server, request: Value, expected: Value) -> Value {
    let reply = server.call("ListActivities", request).await;
    assert_eq!(reply.normalized(), expected);
    reply.body
}

fn item(name: &str) -> Value {
    json!({
        "activityArn": format!("{ARN_PREFIX}:activity:{name}"),
        "name": name,
        "creationDate": "<date>",
    })
}

fn error(code: &str, message: &str) -> Value {
    json!({"status": 400, "body": {"__type": format!("com.amazonaws.states#{code}"), "message": message}})
}

#[tokio::test]
async fn lists_activities_by_name() {
    let server = Server::new();
    check(
        &server,
        json!({}),
        json!({"status": 200, "body": {"activities": []}}),
    )
    .await;
    for name in ["b", "c", "a"] {
        server.create_activity(name).await;
    }
    // State machines are not activities.
    server.create_machine("a0", PASS, "STANDARD").await;
    check(
        &server,
        json!({}),
        json!({"status": 200, "body": {"activities": [item("a"), item("b"), item("c")]}}),
    )
    .await;
}

#[tokio::test]
async fn pages_through_the_list() {
    let server = Server::new();
    for name in ["a", "b", "c"] {
        server.create_activity(name).await;
    }
    let first = check(
        &server,
        json!({"maxResults": 2}),
        json!({"status": 200, "body": {
            "activities": [item("a"), item("b")],
            "nextToken": "<token>",
        }}),
    )
    .await;
    check(
        &server,
        json!({"maxResults": 2, "nextToken": first["nextToken"]}),
        json!({"status": 200, "body": {"activities": [item("c")]}}),
    )
    .await;
    // 0 means the default page size.
    check(
        &server,
        json!({"maxResults": 0}),
        json!({"status": 200, "body": {"activities": [item("a"), item("b"), item("c")]}}),
    )
    .await;
}

#[tokio::test]
async fn bad_paging_arguments_are_rejected() {
    let server = Server::new();
    check(
        &server,
        json!({"maxResults": 1001}),
        error(
            "ValidationException",
            "1 validation error detected: Value '1001' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 1000",
        ),
    )
    .await;
    check(
        &server,
        json!({"nextToken": "not-a-token"}),
        error("InvalidToken", "Invalid Token: 'Invalid token'"),
    )
    .await;
    // A token of another listing is no token of this one.
    for name in ["a", "b"] {
        server.create_machine(name, PASS, "STANDARD").await;
    }
    let machines = server
        .call("ListStateMachines", json!({"maxResults": 1}))
        .await;
    check(
        &server,
        json!({"nextToken": machines.body["nextToken"]}),
        error("InvalidToken", "Invalid Token: 'Invalid token'"),
    )
    .await;
}
