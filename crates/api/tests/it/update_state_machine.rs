//! `UpdateStateMachine`.

use serde_json::{Value, json};

use store::ExecutionStatus;

use crate::common::{ARN_PREFIX, PASS, Server};

const OTHER: &str = r#"{"StartAt":"S","States":{"S":{"Type":"Succeed"}}}"#;

/// Updates the state machine `sm` with `request` and compares the normalized reply.
async fn check(server: &Server, request: Value, expected: Value) -> Value {
    let mut body = json!({"stateMachineArn": format!("{ARN_PREFIX}:stateMachine:sm")});
    if let (Some(body), Some(request)) = (body.as_object_mut(), request.as_object()) {
        for (key, value) in request {
            body.insert(key.clone(), value.clone());
        }
    }
    let reply = server.call("UpdateStateMachine", body).await;
    assert_eq!(reply.normalized(), expected);
    reply.body
}

fn error(code: &str, message: &str) -> Value {
    json!({"status": 400, "body": {"__type": format!("com.amazonaws.states#{code}"), "message": message}})
}

fn updated() -> Value {
    json!({"status": 200, "body": {"updateDate": "<date>", "revisionId": "<uuid>"}})
}

#[tokio::test]
async fn an_update_makes_a_new_revision() {
    let server = Server::new();
    let arn = server.create_machine("sm", PASS, "STANDARD").await;
    let first = check(&server, json!({"definition": OTHER}), updated()).await;
    let described = server
        .call("DescribeStateMachine", json!({"stateMachineArn": arn}))
        .await;
    assert_eq!(described.body["definition"], OTHER);
    assert_eq!(described.body["revisionId"], first["revisionId"]);

    // The same parameters again change nothing, as in AWS.
    let again = check(&server, json!({"definition": OTHER}), updated()).await;
    assert_eq!(again, first);

    let second = check(
        &server,
        json!({"tracingConfiguration": {"enabled": true}, "loggingConfiguration": {"level": "OFF"}}),
        updated(),
    )
    .await;
    assert_ne!(second["revisionId"], first["revisionId"]);
}

#[tokio::test]
async fn running_executions_keep_their_revision() {
    let server = Server::new();
    let arn = server.create_machine("sm", PASS, "STANDARD").await;
    let execution = server
        .seed_execution(&arn, "e", ExecutionStatus::Running, 1_000)
        .await;
    check(&server, json!({"definition": OTHER}), updated()).await;
    let reply = server
        .call(
            "DescribeStateMachineForExecution",
            json!({"executionArn": execution.arn}),
        )
        .await;
    assert_eq!(reply.body["definition"], PASS);
    assert!(
        reply.body.get("revisionId").is_none(),
        "it started on the first revision"
    );
}

#[tokio::test]
async fn something_must_change() {
    let server = Server::new();
    server.create_machine("sm", PASS, "STANDARD").await;
    // Recorded from AWS.
    check(
        &server,
        json!({}),
        error(
            "MissingRequiredParameter",
            "Either the definition, the role ARN, the LoggingConfiguration, or the TracingConfiguration must be specified",
        ),
    )
    .await;
}

#[tokio::test]
async fn bad_updates_are_rejected() {
    let server = Server::new();
    let missing = format!("{ARN_PREFIX}:stateMachine:sm");
    check(
        &server,
        json!({"definition": OTHER}),
        error(
            "StateMachineDoesNotExist",
            &format!("State Machine Does Not Exist: '{missing}'"),
        ),
    )
    .await;
    server.create_machine("sm", PASS, "STANDARD").await;
    let reply = server
        .call(
            "UpdateStateMachine",
            json!({"stateMachineArn": missing, "definition": "{\"StartAt\": \"X\"}"}),
        )
        .await;
    assert_eq!(reply.error_code(), Some("InvalidDefinition"));
    check(
        &server,
        json!({"roleArn": "role"}),
        error("InvalidArn", "Invalid Arn: 'Invalid ARN prefix: role'"),
    )
    .await;
    check(
        &server,
        json!({"stateMachineArn": "sm"}),
        error("InvalidArn", "Invalid Arn: 'Invalid ARN prefix: sm'"),
    )
    .await;
    check(
        &server,
        json!({"loggingConfiguration": {"level": "LOUD"}}),
        error(
            "ValidationException",
            "1 validation error detected: Value 'LOUD' at 'loggingConfiguration.level' failed to satisfy constraint: Member must satisfy enum value set: [ALL, ERROR, FATAL, OFF]",
        ),
    )
    .await;
    let described = server
        .call("DescribeStateMachine", json!({"stateMachineArn": missing}))
        .await;
    assert_eq!(
        described.body["definition"], PASS,
        "rejected updates change nothing"
    );
}
