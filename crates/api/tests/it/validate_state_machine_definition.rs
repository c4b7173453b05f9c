//! `ValidateStateMachineDefinition`.
//!
//! The diagnostics themselves are `asl`'s; these tests check what the API adds: the result,
//! the severity filter, `maxResults`, `truncated` and the reply's shape.

use serde_json::{Value, json};

use crate::common::{PASS, Server};

/// Validates with `request` over `{"definition": definition}` and compares the normalized
/// reply.
async fn check(server: &Server, request: Value, expected: Value) {
    let reply = server.call("ValidateStateMachineDefinition", request).await;
    assert_eq!(reply.normalized(), expected);
}

/// A definition with several errors: a missing transition target and unknown state types.
const BROKEN: &str = r#"{"StartAt":"A","States":{
    "A":{"Type":"Pass","Next":"Nowhere"},
    "B":{"Type":"Bogus","End":true},
    "C":{"Type":"Bogus","End":true},
    "D":{"Type":"Bogus","End":true}}}"#;

async fn validate(server: &Server, request: Value) -> Value {
    let reply = server.call("ValidateStateMachineDefinition", request).await;
    assert_eq!(reply.status, 200, "{:?}", reply.body);
    reply.body
}

#[tokio::test]
async fn a_valid_definition_is_ok() {
    // Recorded from AWS (the shape).
    check(
        &Server::new(),
        json!({"definition": PASS}),
        json!({"status": 200, "body": {"result": "OK", "diagnostics": [], "truncated": false}}),
    )
    .await;
    check(
        &Server::new(),
        json!({"definition": PASS, "type": "EXPRESS", "severity": "WARNING"}),
        json!({"status": 200, "body": {"result": "OK", "diagnostics": [], "truncated": false}}),
    )
    .await;
}

#[tokio::test]
async fn text_that_is_no_definition_fails() {
    let server = Server::new();
    // Recorded from AWS: a blank definition has a diagnostic without a location.
    check(
        &server,
        json!({"definition": " "}),
        json!({"status": 200, "body": {
            "result": "FAIL",
            "diagnostics": [{
                "severity": "ERROR",
                "code": "SCHEMA_VALIDATION_FAILED",
                "message": "Definition must be a valid JSON object",
            }],
            "truncated": false,
        }}),
    )
    .await;
    let body = validate(&server, json!({"definition": "not a definition"})).await;
    assert_eq!(body["result"], "FAIL");
    assert_eq!(body["diagnostics"][0]["code"], "INVALID_JSON_DESCRIPTION");
    assert_eq!(
        body["diagnostics"][0]["location"],
        "[Source: (String)\"not a definition\"; line: 1, column: 4]"
    );
}

#[tokio::test]
async fn severity_and_max_results_shape_the_list() {
    let server = Server::new();
    let all = validate(
        &server,
        json!({"definition": BROKEN, "severity": "WARNING"}),
    )
    .await;
    let errors = validate(&server, json!({"definition": BROKEN})).await;
    assert_eq!(errors["result"], "FAIL");
    let all = all["diagnostics"].as_array().unwrap().clone();
    let errors = errors["diagnostics"].as_array().unwrap().clone();
    assert!(errors.len() >= 2, "{errors:?}");
    assert!(
        errors
            .iter()
            .all(|diagnostic| diagnostic["severity"] == "ERROR")
    );
    let errors_in_all: Vec<&Value> = all
        .iter()
        .filter(|diagnostic| diagnostic["severity"] == "ERROR")
        .collect();
    assert_eq!(
        errors_in_all,
        errors.iter().collect::<Vec<_>>(),
        "WARNING adds warnings only"
    );

    let capped = validate(&server, json!({"definition": BROKEN, "maxResults": 1})).await;
    assert_eq!(capped["diagnostics"], json!([errors[0]]));
    assert_eq!(capped["truncated"], true);
    assert_eq!(capped["result"], "FAIL");
    let exact = validate(
        &server,
        json!({"definition": BROKEN, "maxResults": errors.len()}),
    )
    .await;
    assert_eq!(exact["truncated"], false);
    let default = validate(&server, json!({"definition": BROKEN, "maxResults": 0})).await;
    assert_eq!(
        default["diagnostics"].as_array().unwrap().len(),
        errors.len()
    );
}

#[tokio::test]
async fn bad_requests_are_rejected() {
    let server = Server::new();
    let error = |message: &str| {
        json!({"status": 400, "body": {
            "__type": "com.amazonaws.states#ValidationException",
            "message": message,
        }})
    };
    check(
        &server,
        json!({}),
        error("1 validation error detected: Value null at 'definition' failed to satisfy constraint: Member must not be null"),
    )
    .await;
    check(
        &server,
        json!({"definition": PASS, "maxResults": 101, "severity": "INFO"}),
        error(
            "2 validation errors detected: \
             Value 'INFO' at 'severity' failed to satisfy constraint: Member must satisfy enum value set: [ERROR, WARNING]; \
             Value '101' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 100",
        ),
    )
    .await;
}
