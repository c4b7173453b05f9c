//! `DescribeActivity`.

use serde_json::{Value, json};

use crate::common::{ARN_PREFIX, Server};

async fn check(server: &Server, activity_arn: &str, expected: Value) {
    let reply = server
        .call("DescribeActivity", json!({"activityArn": activity_arn}))
        .await;
    assert_eq!(reply.normalized(), expected);
}

fn error(code: &str, message: &str) -> Value {
    json!({"status": 400, "body": {"__type": format!("com.amazonaws.states#{code}"), "message": message}})
}

#[tokio::test]
async fn describes_an_activity() {
    let server = Server::new();
    let created = server.call("CreateActivity", json!({"name": "act"})).await;
    let arn = created.body["activityArn"].as_str().unwrap();
    // The shape AWS answers with (recorded in LocalStack's snapshots).
    check(
        &server,
        arn,
        json!({"status": 200, "body": {
            "activityArn": format!("{ARN_PREFIX}:activity:act"),
            "name": "act",
            "creationDate": "<date>",
        }}),
    )
    .await;
    let reply = server
        .call("DescribeActivity", json!({"activityArn": arn}))
        .await;
    assert_eq!(reply.body["creationDate"], created.body["creationDate"]);
}

#[tokio::test]
async fn unknown_and_invalid_arns_are_errors() {
    let server = Server::new();
    let missing = format!("{ARN_PREFIX}:activity:nope");
    // Recorded from AWS (a deleted activity).
    check(
        &server,
        &missing,
        error(
            "ActivityDoesNotExist",
            &format!("Activity Does Not Exist: '{missing}'"),
        ),
    )
    .await;
    // AWS answers `InvalidArn` (recorded); the message is worded as for the other ARNs.
    check(
        &server,
        "no_an_activity_arn",
        error(
            "InvalidArn",
            "Invalid Arn: 'Invalid ARN prefix: no_an_activity_arn'",
        ),
    )
    .await;
    let machine = server
        .create_machine("act", crate::common::PASS, "STANDARD")
        .await;
    check(
        &server,
        &machine,
        error(
            "InvalidArn",
            "Invalid Arn: 'Resource type not valid in this context: statemachine'",
        ),
    )
    .await;
    check(
        &server,
        &format!("{ARN_PREFIX}:activity:"),
        error(
            "InvalidArn",
            &format!("Invalid Arn: 'Invalid ARN prefix: {ARN_PREFIX}:activity:'"),
        ),
    )
    .await;
    let reply = server.call("DescribeActivity", json!({})).await;
    assert_eq!(
        reply.body["message"],
        "1 validation error detected: Value null at 'activityArn' failed to satisfy constraint: Member must not be null"
    );
}
