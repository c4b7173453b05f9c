//! The test server: the API over a fresh in-memory store, called in process with `oneshot`.
//!
//! Every reply is checked against the protocol's invariants (content type, error header and
//! status, timestamp format) before a test sees it, and `Reply::normalized` replaces what
//! changes from run to run (dates, UUIDs) so tests can compare whole replies.

use std::sync::Arc;

use axum::Router;
use axum::body::Body;
use axum::http::{Request, StatusCode};
use http_body_util::BodyExt;
use serde_json::{Map, Value, json};
use tower::ServiceExt;

use runtime::{Config, Runtime};
use store::{ExecutionRecord, ExecutionStatus, MemoryStore, Store};

/// A minimal definition that AWS accepts.
pub(crate) const PASS: &str = r#"{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}"#;

/// A definition that waits long enough to be stopped.
pub(crate) const WAIT: &str =
    r#"{"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":3600,"End":true}}}"#;

/// The role ARN the tests give their state machines.
pub(crate) const ROLE: &str = "arn:aws:iam::000000000000:role/sfn";

/// The prefix of the ARNs the server hands out (the default config's region and account).
pub(crate) const ARN_PREFIX: &str = "arn:aws:states:us-east-1:000000000000";

/// The timestamp members of the API's shapes.
const DATE_KEYS: &[&str] = &[
    "creationDate",
    "startDate",
    "stopDate",
    "updateDate",
    "redriveDate",
    "timestamp",
];

/// The API over a fresh store.
pub(crate) struct Server {
    app: Router,
    pub(crate) store: Arc<dyn Store>,
}

/// What the server answered.
#[derive(Debug)]
pub(crate) struct Reply {
    pub(crate) status: StatusCode,
    pub(crate) body: Value,
}

impl Reply {
    /// `{"status": <code>, "body": <body>}` with dates as `"<date>"`, UUIDs as `"<uuid>"` and
    /// pagination tokens as `"<token>"`.
    pub(crate) fn normalized(&self) -> Value {
        json!({"status": self.status.as_u16(), "body": normalize(&self.body)})
    }

    /// The error code of an error reply.
    pub(crate) fn error_code(&self) -> Option<&str> {
        self.body["__type"]
            .as_str()
            .and_then(|kind| kind.strip_prefix("com.amazonaws.states#"))
    }

    /// Whether this is a success reply, or the runtime's `InternalFailure` (while the runtime
    /// cannot run executions yet).
    pub(crate) fn is_ok_or_internal_failure(&self) -> bool {
        self.status == StatusCode::OK || self.error_code() == Some("InternalFailure")
    }
}

impl Server {
    pub(crate) fn new() -> Self {
        let store: Arc<dyn Store> = Arc::new(MemoryStore::new());
        let runtime = Runtime::new(store.clone(), Config::default());
        Server {
            app: api::app(runtime),
            store,
        }
    }

    /// Calls an operation with a JSON body.
    pub(crate) async fn call(&self, operation: &str, body: Value) -> Reply {
        let request = Request::post("/")
            .header("x-amz-target", format!("AWSStepFunctions.{operation}"))
            .header("content-type", "application/x-amz-json-1.0")
            .body(Body::from(body.to_string()))
            .unwrap();
        self.send(request).await
    }

    /// Sends any request.
    pub(crate) async fn send(&self, request: Request<Body>) -> Reply {
        let is_api_call = request.uri().path() == "/";
        let response = self.app.clone().oneshot(request).await.unwrap();
        let status = response.status();
        let headers = response.headers().clone();
        let bytes = response.into_body().collect().await.unwrap().to_bytes();
        let body: Value = if bytes.is_empty() {
            Value::Null
        } else {
            serde_json::from_slice(&bytes).unwrap_or_else(|err| {
                panic!(
                    "the reply is not JSON ({err}): {}",
                    String::from_utf8_lossy(&bytes)
                )
            })
        };
        let reply = Reply { status, body };
        if is_api_call && status != StatusCode::METHOD_NOT_ALLOWED {
            assert_eq!(
                headers["content-type"], "application/x-amz-json-1.0",
                "every reply is AWS JSON 1.0"
            );
            match reply.error_code() {
                Some(code) => {
                    assert_eq!(
                        headers["x-amzn-errortype"], code,
                        "the header names the error"
                    );
                    let expected = match code {
                        "InternalFailure" => 500,
                        "RequestEntityTooLargeException" => 413,
                        _ => 400,
                    };
                    assert_eq!(status.as_u16(), expected, "the status of {code}");
                    assert!(
                        reply.body["message"].is_string(),
                        "every error has a message"
                    );
                }
                None => assert_eq!(status, StatusCode::OK, "a reply without __type succeeded"),
            }
            check_dates(&reply.body);
        }
        reply
    }

    /// Creates a state machine through the API and returns its ARN.
    pub(crate) async fn create_machine(&self, name: &str, definition: &str, kind: &str) -> String {
        let reply = self
            .call(
                "CreateStateMachine",
                json!({"name": name, "definition": definition, "roleArn": ROLE, "type": kind}),
            )
            .await;
        assert_eq!(reply.status, StatusCode::OK, "{:?}", reply.body);
        reply.body["stateMachineArn"].as_str().unwrap().to_owned()
    }

    /// Creates an activity through the API and returns its ARN.
    pub(crate) async fn create_activity(&self, name: &str) -> String {
        let reply = self.call("CreateActivity", json!({"name": name})).await;
        assert_eq!(reply.status, StatusCode::OK, "{:?}", reply.body);
        reply.body["activityArn"].as_str().unwrap().to_owned()
    }

    /// Puts an execution of a state machine straight into the store, bypassing the runtime.
    pub(crate) async fn seed_execution(
        &self,
        machine_arn: &str,
        name: &str,
        status: ExecutionStatus,
        start_date_ms: i64,
    ) -> ExecutionRecord {
        let machine = self
            .store
            .get_state_machine(machine_arn)
            .await
            .unwrap()
            .unwrap();
        let ended = status != ExecutionStatus::Running;
        let record = ExecutionRecord {
            status,
            stop_date_ms: ended.then_some(start_date_ms + 1500),
            output: (status == ExecutionStatus::Succeeded).then(|| r#"{"out":2}"#.to_owned()),
            error: (status == ExecutionStatus::Failed).then(|| "Oops".to_owned()),
            cause: (status == ExecutionStatus::Failed).then(|| "it broke".to_owned()),
            ..ExecutionRecord::new_running(
                &machine,
                store::execution_arn(machine_arn, name),
                name.to_owned(),
                r#"{"in":1}"#.to_owned(),
                start_date_ms,
            )
        };
        self.store
            .create_execution(record.clone(), Vec::new())
            .await
            .unwrap();
        record
    }
}

/// Checks that every timestamp member is epoch seconds as a number with at most three
/// decimals.
fn check_dates(value: &Value) {
    match value {
        Value::Object(map) => {
            for (key, member) in map {
                if DATE_KEYS.contains(&key.as_str()) {
                    assert!(member.is_number(), "{key} is a JSON number: {member}");
                    let text = member.to_string();
                    let decimals = text
                        .split_once('.')
                        .map_or(0, |(_, fraction)| fraction.len());
                    assert!(decimals <= 3, "{key} has at most three decimals: {text}");
                }
                check_dates(member);
            }
        }
        Value::Array(items) => items.iter().for_each(check_dates),
        _ => {}
    }
}

fn normalize(value: &Value) -> Value {
    match value {
        Value::Object(map) => {
            let mut res = Map::new();
            for (key, member) in map {
                let member = if DATE_KEYS.contains(&key.as_str()) && member.is_number() {
                    json!("<date>")
                } else if key == "nextToken" && member.is_string() {
                    json!("<token>")
                } else {
                    normalize(member)
                };
                res.insert(key.clone(), member);
            }
            Value::Object(res)
        }
        Value::Array(items) => Value::Array(items.iter().map(normalize).collect()),
        Value::String(text) => Value::String(redact_uuids(text)),
        other => other.clone(),
    }
}

/// Replaces every UUID in a text with `<uuid>`.
pub(crate) fn redact_uuids(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut res = String::new();
    let mut idx = 0;
    while idx < text.len() {
        if idx + 36 <= text.len()
            && text.is_char_boundary(idx + 36)
            && is_uuid(&bytes[idx..idx + 36])
        {
            res.push_str("<uuid>");
            idx += 36;
        } else {
            let c = text[idx..].chars().next().unwrap();
            res.push(c);
            idx += c.len_utf8();
        }
    }
    res
}

fn is_uuid(bytes: &[u8]) -> bool {
    bytes.iter().enumerate().all(|(idx, byte)| match idx {
        8 | 13 | 18 | 23 => *byte == b'-',
        _ => byte.is_ascii_hexdigit(),
    })
}

/// Every operation that takes an `executionArn` answers these the same way: a missing
/// execution, an ARN that is not an ARN, and an Express execution ARN (the last two recorded
/// from AWS).
pub(crate) async fn check_execution_arn_errors(server: &Server, operation: &str) {
    let error = |code: &str, message: &str| {
        serde_json::json!({"status": 400, "body": {
            "__type": format!("com.amazonaws.states#{code}"), "message": message}})
    };
    let missing = format!("{ARN_PREFIX}:execution:sm:nope");
    let express = format!("{ARN_PREFIX}:express:sm:e:0b3c8f1e-47a2-4c1e-9d2a-3f7b6a1c2d3e");
    let cases = [
        (
            missing.clone(),
            error(
                "ExecutionDoesNotExist",
                &format!("Execution Does Not Exist: '{missing}'"),
            ),
        ),
        (
            "invalid_state_machine_arn".to_owned(),
            error(
                "InvalidArn",
                "Invalid Arn: 'Invalid ARN prefix: invalid_state_machine_arn'",
            ),
        ),
        (
            express,
            error(
                "InvalidArn",
                "Invalid Arn: 'Resource type not valid in this context: express'",
            ),
        ),
    ];
    for (arn, expected) in cases {
        let reply = server
            .call(operation, serde_json::json!({"executionArn": arn}))
            .await;
        assert_eq!(reply.normalized(), expected, "{operation} with {arn}");
    }
}
