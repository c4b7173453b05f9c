//! `DescribeStateMachineForExecution`.

use serde_json::{Value, json};

use store::ExecutionStatus;

use crate::common::{ARN_PREFIX, PASS, ROLE, Server};

async fn check(server: &Server, execution_arn: &str, expected: Value) {
    let reply = server
        .call(
            "DescribeStateMachineForExecution",
            json!({"executionArn": execution_arn}),
        )
        .await;
    assert_eq!(reply.normalized(), expected);
}

#[tokio::test]
async fn describes_the_definition_an_execution_runs() {
    let server = Server::new();
    let machine = server.create_machine("sm", PASS, "STANDARD").await;
    let execution = server
        .seed_execution(&machine, "e", ExecutionStatus::Running, 1_000)
        .await;
    // Recorded from AWS (the shape).
    let before_update = json!({"status": 200, "body": {
        "stateMachineArn": machine,
        "name": "sm",
        "definition": PASS,
        "roleArn": ROLE,
        "updateDate": "<date>",
        "loggingConfiguration": {"level": "OFF", "includeExecutionData": false},
        "tracingConfiguration": {"enabled": false},
    }});
    check(&server, &execution.arn, before_update.clone()).await;

    let other = r#"{"StartAt":"S","States":{"S":{"Type":"Succeed"}}}"#;
    let reply = server
        .call(
            "UpdateStateMachine",
            json!({"stateMachineArn": machine, "definition": other}),
        )
        .await;
    assert_eq!(reply.status, 200);
    check(&server, &execution.arn, before_update).await;

    let later = server
        .seed_execution(&machine, "later", ExecutionStatus::Running, 2_000)
        .await;
    let reply = server
        .call(
            "DescribeStateMachineForExecution",
            json!({"executionArn": later.arn}),
        )
        .await;
    assert_eq!(reply.body["definition"], other);
    assert_eq!(
        reply.body["revisionId"],
        reply_revision(&server, &machine).await
    );
}

#[tokio::test]
async fn lists_the_variables_of_the_definition_the_execution_runs() {
    let server = Server::new();
    let reads =
        r#"{"StartAt":"W","States":{"W":{"Type":"Wait","SecondsPath":"$waitTime","End":true}}}"#;
    let machine = server.create_machine("sm", reads, "STANDARD").await;
    let execution = server
        .seed_execution(&machine, "e", ExecutionStatus::Running, 1_000)
        .await;
    let reply = server
        .call(
            "UpdateStateMachine",
            json!({"stateMachineArn": machine, "definition": PASS}),
        )
        .await;
    assert_eq!(reply.status, 200);
    // Recorded from AWS (the member, for BASE_REFERENCE_IN_WAIT).
    check(
        &server,
        &execution.arn,
        json!({"status": 200, "body": {
            "stateMachineArn": machine,
            "name": "sm",
            "definition": reads,
            "roleArn": ROLE,
            "updateDate": "<date>",
            "loggingConfiguration": {"level": "OFF", "includeExecutionData": false},
            "tracingConfiguration": {"enabled": false},
            "variableReferences": {"W": ["waitTime"]},
        }}),
    )
    .await;

    let later = server
        .seed_execution(&machine, "later", ExecutionStatus::Running, 2_000)
        .await;
    let reply = server
        .call(
            "DescribeStateMachineForExecution",
            json!({"executionArn": later.arn}),
        )
        .await;
    assert_eq!(reply.body.get("variableReferences"), None);
}

async fn reply_revision(server: &Server, machine: &str) -> Value {
    server
        .call("DescribeStateMachine", json!({"stateMachineArn": machine}))
        .await
        .body["revisionId"]
        .clone()
}

#[tokio::test]
async fn unknown_and_invalid_arns_are_errors() {
    let server = Server::new();
    let missing = format!("{ARN_PREFIX}:execution:sm:nope");
    check(
        &server,
        &missing,
        json!({"status": 400, "body": {
            "__type": "com.amazonaws.states#ExecutionDoesNotExist",
            "message": format!("Execution Does Not Exist: '{missing}'"),
        }}),
    )
    .await;
    check(
        &server,
        "nope",
        json!({"status": 400, "body": {
            "__type": "com.amazonaws.states#InvalidArn",
            "message": "Invalid Arn: 'Invalid ARN prefix: nope'",
        }}),
    )
    .await;
}
