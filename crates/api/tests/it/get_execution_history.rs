//! `GetExecutionHistory`.

use serde_json::{Value, json};

use engine::{Details, HistoryEvent, HistoryEventType, Payload};
use store::ExecutionStatus;

use crate::common::{ARN_PREFIX, PASS, ROLE, Server, check_execution_arn_errors};

async fn check(server: &Server, request: Value, expected: Value) -> Value {
    let reply = server.call("GetExecutionHistory", request).await;
    assert_eq!(reply.normalized(), expected);
    reply.body
}

fn error(code: &str, message: &str) -> Value {
    json!({"status": 400, "body": {"__type": format!("com.amazonaws.states#{code}"), "message": message}})
}

/// A server with one execution of four events; returns the server and the execution's ARN.
async fn server_with_history() -> (Server, String) {
    let server = Server::new();
    let machine = server.create_machine("sm", PASS, "STANDARD").await;
    let record = server
        .seed_execution(&machine, "e", ExecutionStatus::Succeeded, 1_000)
        .await;
    let event = |id: u64, previous_event_id: u64, kind, details| HistoryEvent {
        id,
        previous_event_id,
        timestamp_ms: 1_000 + i64::try_from(id).unwrap(),
        kind,
        details,
    };
    let history = vec![
        event(
            1,
            0,
            HistoryEventType::ExecutionStarted,
            Details::ExecutionStarted {
                input: Payload::new(json!({})).into(),
                role_arn: ROLE.into(),
            },
        ),
        event(
            2,
            0,
            HistoryEventType::PassStateEntered,
            Details::StateEntered {
                name: "P".into(),
                input: Payload::new(json!({})).into(),
            },
        ),
        event(
            3,
            2,
            HistoryEventType::PassStateExited,
            Details::StateExited {
                name: "P".into(),
                output: Payload::new(json!({"out": 2})).into(),
                assigned: Some(std::sync::Arc::from(vec![(
                    "total".to_owned(),
                    "2".to_owned(),
                )])),
            },
        ),
        event(
            4,
            3,
            HistoryEventType::ExecutionSucceeded,
            Details::ExecutionSucceeded {
                output: Payload::new(json!({"out": 2})).into(),
            },
        ),
    ];
    let mut done = record.clone();
    done.arn = format!("{ARN_PREFIX}:execution:sm:with-history");
    done.name = "with-history".to_owned();
    server
        .store
        .create_execution(done.clone(), history)
        .await
        .unwrap();
    (server, done.arn)
}

fn ids(body: &Value) -> Vec<u64> {
    body["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|event| event["id"].as_u64().unwrap())
        .collect()
}

#[tokio::test]
async fn returns_the_history_in_either_order() {
    let (server, arn) = server_with_history().await;
    let reply = server
        .call("GetExecutionHistory", json!({"executionArn": arn}))
        .await;
    assert_eq!(ids(&reply.body), [1, 2, 3, 4]);
    assert!(reply.body.get("nextToken").is_none());
    let first = &reply.body["events"][0];
    assert_eq!(first["type"], "ExecutionStarted");
    assert_eq!(first["previousEventId"], 0);
    assert_eq!(first["executionStartedEventDetails"]["input"], "{}");
    assert_eq!(first["executionStartedEventDetails"]["roleArn"], ROLE);

    let reply = server
        .call(
            "GetExecutionHistory",
            json!({"executionArn": arn, "reverseOrder": true}),
        )
        .await;
    assert_eq!(ids(&reply.body), [4, 3, 2, 1]);
}

#[tokio::test]
async fn leaves_payloads_out_when_asked() {
    let (server, arn) = server_with_history().await;
    let reply = server
        .call(
            "GetExecutionHistory",
            json!({"executionArn": arn, "includeExecutionData": false}),
        )
        .await;
    let exited = &reply.body["events"][2]["stateExitedEventDetails"];
    assert_eq!(exited["name"], "P");
    assert!(exited.get("output").is_none(), "{exited}");
    assert!(exited.get("assignedVariables").is_none(), "{exited}");
}

#[tokio::test]
async fn reports_assigned_variables_as_json_text() {
    let (server, arn) = server_with_history().await;
    let reply = server
        .call("GetExecutionHistory", json!({"executionArn": arn}))
        .await;
    let exited = &reply.body["events"][2]["stateExitedEventDetails"];
    assert_eq!(exited["assignedVariables"], json!({"total": "2"}));
    assert_eq!(
        exited["assignedVariablesDetails"],
        json!({"truncated": false})
    );
}

#[tokio::test]
async fn pages_through_the_history() {
    let (server, arn) = server_with_history().await;
    for (reverse, expected) in [(false, [1, 2, 3, 4]), (true, [4, 3, 2, 1])] {
        let mut seen = Vec::new();
        let mut token = Value::Null;
        loop {
            let reply = server
                .call(
                    "GetExecutionHistory",
                    json!({"executionArn": arn, "maxResults": 3, "reverseOrder": reverse, "nextToken": token}),
                )
                .await;
            assert_eq!(reply.status, 200, "{:?}", reply.body);
            seen.extend(ids(&reply.body));
            token = reply.body.get("nextToken").cloned().unwrap_or(Value::Null);
            if token.is_null() {
                break;
            }
        }
        assert_eq!(seen, expected, "reverse: {reverse}");
    }
    let first = server
        .call(
            "GetExecutionHistory",
            json!({"executionArn": arn, "maxResults": 1}),
        )
        .await;
    check(
        &server,
        json!({"executionArn": arn, "reverseOrder": true, "nextToken": first.body["nextToken"]}),
        error("InvalidToken", "Invalid Token: 'Invalid token'"),
    )
    .await;
}

#[tokio::test]
async fn bad_requests_are_rejected() {
    let server = Server::new();
    check_execution_arn_errors(&server, "GetExecutionHistory").await;
    let missing = format!("{ARN_PREFIX}:execution:sm:nope");
    check(
        &server,
        json!({"executionArn": missing, "maxResults": 1001, "reverseOrder": "yes"}),
        error(
            "SerializationException",
            "STRING_VALUE can not be converted to a Boolean",
        ),
    )
    .await;
}
