//! `TagResource`.

use serde_json::{Value, json};

use crate::common::{ARN_PREFIX, PASS, Server};

async fn check(server: &Server, request: Value, expected: Value) {
    let reply = server.call("TagResource", request).await;
    assert_eq!(reply.normalized(), expected);
}

fn error(code: &str, message: &str) -> Value {
    json!({"status": 400, "body": {"__type": format!("com.amazonaws.states#{code}"), "message": message}})
}

async fn tags_of(server: &Server, arn: &str) -> Value {
    server
        .call("ListTagsForResource", json!({"resourceArn": arn}))
        .await
        .body["tags"]
        .clone()
}

#[tokio::test]
async fn adds_and_replaces_tags() {
    let server = Server::new();
    let arn = server.create_machine("sm", PASS, "STANDARD").await;
    let ok = json!({"status": 200, "body": {}});
    check(
        &server,
        json!({"resourceArn": arn, "tags": [{"key": "a", "value": "1"}, {"key": "b", "value": ""}]}),
        ok.clone(),
    )
    .await;
    check(
        &server,
        json!({"resourceArn": arn, "tags": [{"key": "a", "value": "2"}, {"key": "c", "value": "3"}]}),
        ok,
    )
    .await;
    assert_eq!(
        tags_of(&server, &arn).await,
        json!([
            {"key": "a", "value": "2"},
            {"key": "b", "value": ""},
            {"key": "c", "value": "3"},
        ])
    );
}

#[tokio::test]
async fn a_resource_holds_at_most_fifty_tags() {
    let server = Server::new();
    let arn = server.create_machine("sm", PASS, "STANDARD").await;
    let tags = |range: std::ops::Range<usize>| -> Vec<Value> {
        range
            .map(|n| json!({"key": format!("k{n}"), "value": "v"}))
            .collect()
    };
    check(
        &server,
        json!({"resourceArn": arn, "tags": tags(0..50)}),
        json!({"status": 200, "body": {}}),
    )
    .await;
    // Replacing values keeps the count.
    check(
        &server,
        json!({"resourceArn": arn, "tags": tags(0..50)}),
        json!({"status": 200, "body": {}}),
    )
    .await;
    let reply = server
        .call(
            "TagResource",
            json!({"resourceArn": arn, "tags": tags(50..51)}),
        )
        .await;
    assert_eq!(reply.error_code(), Some("TooManyTags"));
    assert_eq!(reply.body["resourceName"], arn);
    assert_eq!(tags_of(&server, &arn).await.as_array().unwrap().len(), 50);
}

#[tokio::test]
async fn bad_requests_are_rejected() {
    let server = Server::new();
    let missing = format!("{ARN_PREFIX}:stateMachine:nope");
    let tags = json!([{"key": "a", "value": "1"}]);
    check(
        &server,
        json!({"resourceArn": missing, "tags": tags}),
        json!({"status": 400, "body": {
            "__type": "com.amazonaws.states#ResourceNotFound",
            "message": format!("Resource not found: '{missing}'"),
            "resourceName": missing,
        }}),
    )
    .await;
    // Versions cannot be tagged (recorded from AWS; versions do not exist here at all).
    let arn = server.create_machine("sm", PASS, "STANDARD").await;
    let version = format!("{arn}:1");
    let reply = server
        .call("TagResource", json!({"resourceArn": version, "tags": tags}))
        .await;
    assert_eq!(
        reply.body["message"],
        format!("Resource not found: '{version}'")
    );
    check(
        &server,
        json!({"resourceArn": format!("{ARN_PREFIX}:execution:sm:e"), "tags": tags}),
        error(
            "InvalidArn",
            "Invalid Arn: 'Resource type not valid in this context: execution'",
        ),
    )
    .await;
    check(
        &server,
        json!({"resourceArn": "arn"}),
        error(
            "ValidationException",
            "1 validation error detected: Value null at 'tags' failed to satisfy constraint: Member must not be null",
        ),
    )
    .await;
    check(
        &server,
        json!({"resourceArn": arn, "tags": [{"key": "k".repeat(129), "value": "v".repeat(257)}]}),
        error(
            "ValidationException",
            &format!(
                "2 validation errors detected: \
                 Value '{}' at 'tags.1.member.key' failed to satisfy constraint: Member must have length less than or equal to 128; \
                 Value '{}' at 'tags.1.member.value' failed to satisfy constraint: Member must have length less than or equal to 256",
                "k".repeat(129),
                "v".repeat(257),
            ),
        ),
    )
    .await;
    check(
        &server,
        json!({"resourceArn": arn, "tags": [{"key": 1}]}),
        error(
            "SerializationException",
            "NUMBER_VALUE can not be converted to a String",
        ),
    )
    .await;
}

#[tokio::test]
async fn tags_activities_too() {
    let server = Server::new();
    let arn = server.create_activity("act").await;
    check(
        &server,
        json!({"resourceArn": arn, "tags": [{"key": "a", "value": "1"}]}),
        json!({"status": 200, "body": {}}),
    )
    .await;
    assert_eq!(
        tags_of(&server, &arn).await,
        json!([{"key": "a", "value": "1"}])
    );
    let missing = format!("{ARN_PREFIX}:activity:nope");
    check(
        &server,
        json!({"resourceArn": missing, "tags": [{"key": "a", "value": "1"}]}),
        json!({"status": 400, "body": {
            "__type": "com.amazonaws.states#ResourceNotFound",
            "message": format!("Resource not found: '{missing}'"),
            "resourceName": missing,
        }}),
    )
    .await;
}
