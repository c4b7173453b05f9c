//! `CreateStateMachine`.

use serde_json::{Value, json};

use crate::common::{ARN_PREFIX, PASS, ROLE, Server};

/// Creates a state machine with `request` (over a valid base request) and compares the reply.
async fn check(server: &Server, request: Value, expected: Value) {
    let mut body = json!({"name": "sm", "definition": PASS, "roleArn": ROLE});
    if let (Some(body), Some(request)) = (body.as_object_mut(), request.as_object()) {
        for (key, value) in request {
            body.insert(key.clone(), value.clone());
        }
    }
    let reply = server.call("CreateStateMachine", body).await;
    assert_eq!(reply.normalized(), expected);
}

fn created(name: &str) -> Value {
    json!({"status": 200, "body": {
        "stateMachineArn": format!("{ARN_PREFIX}:stateMachine:{name}"),
        "creationDate": "<date>",
    }})
}

fn error(code: &str, message: &str) -> Value {
    json!({"status": 400, "body": {"__type": format!("com.amazonaws.states#{code}"), "message": message}})
}

#[tokio::test]
async fn creates_a_state_machine() {
    let server = Server::new();
    check(&server, json!({}), created("sm")).await;
    check(
        &server,
        json!({"name": "express-1", "type": "EXPRESS"}),
        created("express-1"),
    )
    .await;
    let reply = server
        .call(
            "DescribeStateMachine",
            json!({"stateMachineArn": format!("{ARN_PREFIX}:stateMachine:express-1")}),
        )
        .await;
    assert_eq!(reply.body["type"], "EXPRESS");
}

#[tokio::test]
async fn repeating_a_request_returns_the_same_state_machine() {
    let server = Server::new();
    let first = server
        .call(
            "CreateStateMachine",
            json!({"name": "sm", "definition": PASS, "roleArn": ROLE}),
        )
        .await;
    // A different role ARN or tags do not count, as in AWS.
    let again = server
        .call(
            "CreateStateMachine",
            json!({"name": "sm", "definition": PASS, "roleArn": "arn:aws:iam::000000000000:role/other",
                   "tags": [{"key": "k", "value": "v"}]}),
        )
        .await;
    assert_eq!(first.body, again.body, "same ARN and creation date");
    let described = server
        .call(
            "DescribeStateMachine",
            json!({"stateMachineArn": first.body["stateMachineArn"]}),
        )
        .await;
    assert_eq!(described.body["roleArn"], ROLE, "the role is not updated");
}

#[tokio::test]
async fn a_different_state_machine_with_the_same_name_already_exists() {
    let server = Server::new();
    check(&server, json!({}), created("sm")).await;
    let exists = error(
        "StateMachineAlreadyExists",
        &format!("State Machine Already Exists: '{ARN_PREFIX}:stateMachine:sm'"),
    );
    let other_definition = r#"{"StartAt":"Q","States":{"Q":{"Type":"Succeed"}}}"#;
    check(
        &server,
        json!({"definition": other_definition}),
        exists.clone(),
    )
    .await;
    // The text counts, not only its meaning.
    let reformatted = r#"{ "StartAt": "P", "States": { "P": { "Type": "Pass", "End": true } } }"#;
    check(&server, json!({"definition": reformatted}), exists.clone()).await;
    check(&server, json!({"type": "EXPRESS"}), exists.clone()).await;
    check(
        &server,
        json!({"tracingConfiguration": {"enabled": true}}),
        exists,
    )
    .await;
}

#[tokio::test]
async fn required_members_and_constraints_are_validation_errors() {
    let server = Server::new();
    let reply = server.call("CreateStateMachine", json!({})).await;
    assert_eq!(
        reply.normalized(),
        error(
            "ValidationException",
            "3 validation errors detected: \
             Value null at 'name' failed to satisfy constraint: Member must not be null; \
             Value null at 'definition' failed to satisfy constraint: Member must not be null; \
             Value null at 'roleArn' failed to satisfy constraint: Member must not be null"
        )
    );
    let long = "n".repeat(81);
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
        json!({"type": "standard"}),
        error(
            "ValidationException",
            "1 validation error detected: Value 'standard' at 'type' failed to satisfy constraint: Member must satisfy enum value set: [STANDARD, EXPRESS]",
        ),
    )
    .await;
    check(
        &server,
        json!({"definition": ""}),
        error(
            "ValidationException",
            "1 validation error detected: Value at 'definition' failed to satisfy constraint: Member must have length greater than or equal to 1",
        ),
    )
    .await;
    check(
        &server,
        json!({"versionDescription": "v1"}),
        error(
            "ValidationException",
            "Version description can only be set when publish is true",
        ),
    )
    .await;
    check(
        &server,
        json!({"tags": [{"key": "", "value": "v"}]}),
        error(
            "ValidationException",
            "1 validation error detected: Value '' at 'tags.1.member.key' failed to satisfy constraint: Member must have length greater than or equal to 1",
        ),
    )
    .await;
}

#[tokio::test]
async fn names_follow_the_character_rules() {
    let server = Server::new();
    for name in ["with space", "a:b", "a/b", "a*", "tab\t", "semi;colon"] {
        check(
            &server,
            json!({"name": name}),
            error("InvalidName", &format!("Invalid Name: '{name}'")),
        )
        .await;
    }
    check(
        &server,
        json!({"name": "ok-name_1.2"}),
        created("ok-name_1.2"),
    )
    .await;
}

#[tokio::test]
async fn ill_formed_definitions_are_invalid() {
    let server = Server::new();
    // Recorded from AWS.
    check(
        &server,
        json!({"definition": r#"{"Comment": "BASE_INVALID_DER", "StartAt": "State_1"}"#}),
        error(
            "InvalidDefinition",
            "Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: These fields are required: [States] at /'",
        ),
    )
    .await;
    for text in ["not a definition", "[]", "{", " "] {
        let reply = server
            .call(
                "CreateStateMachine",
                json!({"name": "sm", "definition": text, "roleArn": ROLE}),
            )
            .await;
        assert_eq!(reply.error_code(), Some("InvalidDefinition"), "{text:?}");
        let message = reply.body["message"].as_str().unwrap();
        assert!(
            message.starts_with("Invalid State Machine Definition: '"),
            "{message}"
        );
    }
    let reply = server
        .call(
            "DescribeStateMachine",
            json!({"stateMachineArn": format!("{ARN_PREFIX}:stateMachine:sm")}),
        )
        .await;
    assert_eq!(
        reply.error_code(),
        Some("StateMachineDoesNotExist"),
        "nothing was created"
    );
}

#[tokio::test]
async fn role_arns_must_be_arns() {
    check(
        &Server::new(),
        json!({"roleArn": "my-role"}),
        error("InvalidArn", "Invalid Arn: 'Invalid ARN prefix: my-role'"),
    )
    .await;
}

#[tokio::test]
async fn logging_needs_one_destination_unless_off() {
    let server = Server::new();
    let invalid = error(
        "InvalidLoggingConfiguration",
        "Invalid Logging Configuration: Must specify exactly one Log Destination.",
    );
    check(
        &server,
        json!({"loggingConfiguration": {"level": "ALL"}}),
        invalid,
    )
    .await;
    let logging = json!({
        "level": "ERROR",
        "includeExecutionData": true,
        "destinations": [{"cloudWatchLogsLogGroup": {"logGroupArn": "arn:aws:logs:us-east-1:000000000000:log-group:g:*"}}],
    });
    check(
        &server,
        json!({"loggingConfiguration": logging}),
        created("sm"),
    )
    .await;
    let reply = server
        .call(
            "DescribeStateMachine",
            json!({"stateMachineArn": format!("{ARN_PREFIX}:stateMachine:sm")}),
        )
        .await;
    assert_eq!(reply.body["loggingConfiguration"], logging);
}

#[tokio::test]
async fn tags_are_kept_up_to_fifty() {
    let server = Server::new();
    check(
        &server,
        json!({"tags": [{"key": "team", "value": "core"}]}),
        created("sm"),
    )
    .await;
    let reply = server
        .call(
            "ListTagsForResource",
            json!({"resourceArn": format!("{ARN_PREFIX}:stateMachine:sm")}),
        )
        .await;
    assert_eq!(
        reply.body,
        json!({"tags": [{"key": "team", "value": "core"}]})
    );

    let tags: Vec<Value> = (0..51)
        .map(|n| json!({"key": format!("k{n}"), "value": "v"}))
        .collect();
    let reply = server
        .call(
            "CreateStateMachine",
            json!({"name": "many", "definition": PASS, "roleArn": ROLE, "tags": tags}),
        )
        .await;
    assert_eq!(reply.error_code(), Some("TooManyTags"));
    assert_eq!(
        reply.body["resourceName"],
        format!("{ARN_PREFIX}:stateMachine:many")
    );
}
