//! `StartSyncExecution`.
//!
//! Running the execution is the runtime's job, so the happy path accepts its
//! `InternalFailure` too. FIXME: tighten once the runtime runs executions.

use serde_json::{Value, json};

use crate::common::{ARN_PREFIX, PASS, Server, redact_uuids};

async fn check(server: &Server, request: Value, expected: Value) {
    let reply = server.call("StartSyncExecution", request).await;
    assert_eq!(reply.normalized(), expected);
}

fn error(code: &str, message: &str) -> Value {
    json!({"status": 400, "body": {"__type": format!("com.amazonaws.states#{code}"), "message": message}})
}

#[tokio::test]
async fn runs_an_express_execution_to_its_end() {
    let server = Server::new();
    let machine = server.create_machine("sm", PASS, "EXPRESS").await;
    let reply = server
        .call(
            "StartSyncExecution",
            json!({"stateMachineArn": machine, "name": "e", "input": "{\"a\":1}"}),
        )
        .await;
    assert!(reply.is_ok_or_internal_failure(), "{:?}", reply.body);
    if reply.status == 200 {
        let body = &reply.body;
        assert_eq!(
            redact_uuids(body["executionArn"].as_str().unwrap()),
            format!("{ARN_PREFIX}:express:sm:e:<uuid>")
        );
        assert_eq!(body["stateMachineArn"], machine);
        assert_eq!(body["name"], "e");
        assert_eq!(body["status"], "SUCCEEDED");
        assert_eq!(body["input"], "{\"a\":1}");
        assert_eq!(body["inputDetails"], json!({"included": true}));
        let output: Value = serde_json::from_str(body["output"].as_str().unwrap()).unwrap();
        assert_eq!(output, json!({"a": 1}));
        assert_eq!(body["outputDetails"], json!({"included": true}));
        assert_eq!(body["billingDetails"]["billedMemoryUsedInMB"], 64);
        let billed = body["billingDetails"]["billedDurationInMilliseconds"]
            .as_i64()
            .unwrap();
        assert!(
            billed >= 100 && billed % 100 == 0,
            "billed in steps of 100 ms: {billed}"
        );
        assert!(body["startDate"].is_number() && body["stopDate"].is_number());
    }
}

#[tokio::test]
async fn only_express_machines_run_synchronously() {
    let server = Server::new();
    let machine = server.create_machine("sm", PASS, "STANDARD").await;
    // Recorded from AWS.
    check(
        &server,
        json!({"stateMachineArn": machine}),
        error(
            "StateMachineTypeNotSupported",
            "This operation is not supported by this type of state machine",
        ),
    )
    .await;
}

#[tokio::test]
async fn bad_requests_are_rejected() {
    let server = Server::new();
    let missing = format!("{ARN_PREFIX}:stateMachine:sm");
    check(
        &server,
        json!({"stateMachineArn": missing}),
        error(
            "StateMachineDoesNotExist",
            &format!("State Machine Does Not Exist: '{missing}'"),
        ),
    )
    .await;
    let machine = server.create_machine("sm", PASS, "EXPRESS").await;
    let reply = server
        .call(
            "StartSyncExecution",
            json!({"stateMachineArn": machine, "input": "{"}),
        )
        .await;
    assert_eq!(reply.error_code(), Some("InvalidExecutionInput"));
    check(
        &server,
        json!({"stateMachineArn": machine, "name": "a/b"}),
        error("InvalidName", "Invalid Name: 'a/b'"),
    )
    .await;
    check(
        &server,
        json!({"stateMachineArn": machine, "includedData": "NONE"}),
        error(
            "ValidationException",
            "1 validation error detected: Value 'NONE' at 'includedData' failed to satisfy constraint: Member must satisfy enum value set: [ALL_DATA, METADATA_ONLY]",
        ),
    )
    .await;
}
