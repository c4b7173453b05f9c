//! `DescribeStateMachine`.

use serde_json::{Value, json};

use crate::common::{ARN_PREFIX, PASS, ROLE, Server};

async fn check(server: &Server, state_machine_arn: &str, expected: Value) {
    let reply = server
        .call(
            "DescribeStateMachine",
            json!({"stateMachineArn": state_machine_arn}),
        )
        .await;
    assert_eq!(reply.normalized(), expected);
}

fn error(code: &str, message: &str) -> Value {
    json!({"status": 400, "body": {"__type": format!("com.amazonaws.states#{code}"), "message": message}})
}

#[tokio::test]
async fn describes_a_state_machine_with_aws_defaults() {
    let server = Server::new();
    let arn = server.create_machine("sm", PASS, "STANDARD").await;
    check(
        &server,
        &arn,
        json!({"status": 200, "body": {
            "stateMachineArn": arn,
            "name": "sm",
            "status": "ACTIVE",
            "definition": PASS,
            "roleArn": ROLE,
            "type": "STANDARD",
            "creationDate": "<date>",
            "loggingConfiguration": {"level": "OFF", "includeExecutionData": false},
            "tracingConfiguration": {"enabled": false},
        }}),
    )
    .await;
}

/// AWS's `BASE_REFERENCE_IN_CHOICE` recording (from LocalStack's AWS-validated snapshots).
const CHOICE_ON_VARIABLES: &str = r#"{"StartAt":"Setup","States":{
"Setup":{"Type":"Pass","Assign":{"guess":"the_guess","answer":"the_answer"},"Next":"CheckAnswer"},
"CheckAnswer":{"Type":"Choice","Choices":[{"Variable":"$guess","StringEqualsPath":"$answer","Next":"CorrectAnswer"}],"Default":"WrongAnswer"},
"CorrectAnswer":{"Type":"Pass","Result":{"state":"CORRECT"},"End":true},
"WrongAnswer":{"Type":"Pass","Assign":{"guess.$":"$answer"},"Result":{"state":"WRONG"},"Next":"CheckAnswer"}}}"#;

#[tokio::test]
async fn lists_the_variables_each_state_reads() {
    let server = Server::new();
    let arn = server
        .create_machine("sm", CHOICE_ON_VARIABLES, "STANDARD")
        .await;
    // Recorded from AWS (with the lists sorted).
    check(
        &server,
        &arn,
        json!({"status": 200, "body": {
            "stateMachineArn": arn,
            "name": "sm",
            "status": "ACTIVE",
            "definition": CHOICE_ON_VARIABLES,
            "roleArn": ROLE,
            "type": "STANDARD",
            "creationDate": "<date>",
            "loggingConfiguration": {"level": "OFF", "includeExecutionData": false},
            "tracingConfiguration": {"enabled": false},
            "variableReferences": {
                "CheckAnswer": ["answer", "guess"],
                "WrongAnswer": ["answer"],
            },
        }}),
    )
    .await;

    // An update that drops the references drops the member.
    let reply = server
        .call(
            "UpdateStateMachine",
            json!({"stateMachineArn": arn, "definition": PASS}),
        )
        .await;
    assert_eq!(reply.status, 200);
    let reply = server
        .call("DescribeStateMachine", json!({"stateMachineArn": arn}))
        .await;
    assert_eq!(reply.body.get("variableReferences"), None);
}

#[tokio::test]
async fn reports_the_revision_after_an_update() {
    let server = Server::new();
    let arn = server.create_machine("sm", PASS, "STANDARD").await;
    let updated = server
        .call(
            "UpdateStateMachine",
            json!({"stateMachineArn": arn, "roleArn": "arn:aws:iam::000000000000:role/b"}),
        )
        .await;
    let reply = server
        .call("DescribeStateMachine", json!({"stateMachineArn": arn}))
        .await;
    assert_eq!(reply.body["revisionId"], updated.body["revisionId"]);
    assert_eq!(reply.body["roleArn"], "arn:aws:iam::000000000000:role/b");
}

#[tokio::test]
async fn unknown_and_invalid_arns_are_errors() {
    let server = Server::new();
    let missing = format!("{ARN_PREFIX}:stateMachine:nope");
    check(
        &server,
        &missing,
        error(
            "StateMachineDoesNotExist",
            &format!("State Machine Does Not Exist: '{missing}'"),
        ),
    )
    .await;
    // Recorded from AWS.
    check(
        &server,
        "not_a_valid_arn",
        error(
            "InvalidArn",
            "Invalid Arn: 'Invalid ARN prefix: not_a_valid_arn'",
        ),
    )
    .await;
    check(
        &server,
        &format!("{ARN_PREFIX}:execution:sm:e"),
        error(
            "InvalidArn",
            "Invalid Arn: 'Resource type not valid in this context: execution'",
        ),
    )
    .await;
    let reply = server.call("DescribeStateMachine", json!({})).await;
    assert_eq!(
        reply.body["message"],
        "1 validation error detected: Value null at 'stateMachineArn' failed to satisfy constraint: Member must not be null"
    );
    let reply = server
        .call(
            "DescribeStateMachine",
            json!({"stateMachineArn": missing, "includedData": "SOME"}),
        )
        .await;
    assert_eq!(reply.error_code(), Some("ValidationException"));
}
