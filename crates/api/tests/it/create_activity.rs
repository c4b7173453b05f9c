//! `CreateActivity`.

use serde_json::{Value, json};

use crate::common::{ARN_PREFIX, Server};

async fn check(server: &Server, request: Value, expected: Value) {
    let reply = server.call("CreateActivity", request).await;
    assert_eq!(reply.normalized(), expected);
}

fn created(name: &str) -> Value {
    json!({"status": 200, "body": {
        "activityArn": format!("{ARN_PREFIX}:activity:{name}"),
        "creationDate": "<date>",
    }})
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
async fn creates_activities() {
    let server = Server::new();
    // The names AWS accepts in LocalStack's recorded tests, and one of the longest.
    let longest = "a".repeat(80);
    for name in [
        "Activity1",
        "activity-name_123",
        "ACTIVITY_NAME_ABC",
        "activity.name.v2",
        longest.as_str(),
    ] {
        check(&server, json!({"name": name}), created(name)).await;
    }
}

#[tokio::test]
async fn repeating_a_name_returns_the_same_activity() {
    // Recorded from AWS: the repeat answers the first ARN and creation date.
    let server = Server::new();
    let first = server
        .call(
            "CreateActivity",
            json!({"name": "act", "tags": [{"key": "a", "value": "1"}]}),
        )
        .await;
    assert_eq!(first.normalized(), created("act"));
    let again = server
        .call(
            "CreateActivity",
            json!({"name": "act", "tags": [{"key": "b", "value": "2"}]}),
        )
        .await;
    assert_eq!(first.body, again.body, "same ARN and creation date");
    // AWS documents that the tags of a repeat are ignored, not added.
    assert_eq!(
        tags_of(&server, &format!("{ARN_PREFIX}:activity:act")).await,
        json!([{"key": "a", "value": "1"}])
    );
}

#[tokio::test]
async fn an_activity_and_a_state_machine_may_share_a_name() {
    let server = Server::new();
    server
        .create_machine("shared", crate::common::PASS, "STANDARD")
        .await;
    check(&server, json!({"name": "shared"}), created("shared")).await;
}

#[tokio::test]
async fn invalid_names_are_rejected() {
    let server = Server::new();
    // Recorded from AWS.
    check(
        &server,
        json!({"name": "TestActivity InvalidName$"}),
        error("InvalidName", "Invalid Name: 'TestActivity InvalidName$'"),
    )
    .await;
    // The other characters of LocalStack's recorded cases.
    for name in [
        "activity<name",
        "activity}name",
        "activity?name",
        "activity\"name",
        "activity\\name",
        "activity:name",
        "activity/name",
        "\u{0}activity",
        "activity\u{7f}",
    ] {
        check(
            &server,
            json!({"name": name}),
            error("InvalidName", &format!("Invalid Name: '{name}'")),
        )
        .await;
    }
    let long = "a".repeat(81);
    check(
        &server,
        json!({"name": long}),
        error(
            "ValidationException",
            &format!("1 validation error detected: Value '{long}' at 'name' failed to satisfy constraint: Member must have length less than or equal to 80"),
        ),
    )
    .await;
    check(
        &server,
        json!({}),
        error(
            "ValidationException",
            "1 validation error detected: Value null at 'name' failed to satisfy constraint: Member must not be null",
        ),
    )
    .await;
    let reply = server.call("ListActivities", json!({})).await;
    assert_eq!(reply.body, json!({"activities": []}), "nothing was created");
}

#[tokio::test]
async fn tags_are_limited_and_checked() {
    let server = Server::new();
    let tags = |n: usize| -> Vec<Value> {
        (0..n)
            .map(|n| json!({"key": format!("k{n}"), "value": "v"}))
            .collect()
    };
    let arn = format!("{ARN_PREFIX}:activity:crowded");
    check(
        &server,
        json!({"name": "crowded", "tags": tags(51)}),
        json!({"status": 400, "body": {
            "__type": "com.amazonaws.states#TooManyTags",
            "message": format!("Too many tags on resource: '{arn}' (the limit is 50)"),
            "resourceName": arn,
        }}),
    )
    .await;
    check(
        &server,
        json!({"name": "crowded", "tags": tags(50)}),
        created("crowded"),
    )
    .await;
    assert_eq!(tags_of(&server, &arn).await.as_array().unwrap().len(), 50);
    check(
        &server,
        json!({"name": "x", "tags": [{"key": ""}]}),
        error(
            "ValidationException",
            "1 validation error detected: Value '' at 'tags.1.member.key' failed to satisfy constraint: Member must have length greater than or equal to 1",
        ),
    )
    .await;
    check(
        &server,
        json!({"name": "x", "encryptionConfiguration": {}}),
        error(
            "ValidationException",
            "1 validation error detected: Value null at 'encryptionConfiguration.type' failed to satisfy constraint: Member must not be null",
        ),
    )
    .await;
    check(
        &server,
        json!({"name": "x", "encryptionConfiguration": {"type": "AWS_OWNED_KEY"}}),
        created("x"),
    )
    .await;
}
