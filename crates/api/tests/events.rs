//! The EventBridge API in process, through `oneshot`: request checks, errors in EventBridge's
//! shape, and `TestEventPattern` agreeing with the matcher on EventBridge's documented
//! examples (the `events` crate's table, `crates/events/tests/documented-examples.json`).

#![expect(clippy::unwrap_used, reason = "a failing helper should be loud")]

use std::sync::Arc;

use axum::Router;
use axum::body::Body;
use axum::http::{Request, StatusCode};
use http_body_util::BodyExt;
use serde_json::{Value, json};
use tower::ServiceExt;

use runtime::{Config, Runtime};
use store::MemoryStore;

/// The API with triggers over a fresh in-memory store.
async fn app() -> Router {
    let runtime = Runtime::new(Arc::new(MemoryStore::new()), Config::default());
    let triggers = triggers::Triggers::start(runtime, triggers::Config::default())
        .await
        .unwrap();
    api::app_with_triggers(triggers, api::EventEndpoint::default())
}

/// Calls `AWSEvents.<operation>` and returns the status and body, checking the protocol's
/// content type and, for errors, that `x-amzn-errortype` names the `__type`.
async fn call(app: &Router, operation: &str, body: Value) -> (StatusCode, Value) {
    let request = Request::post("/")
        .header("content-type", "application/x-amz-json-1.1")
        .header("x-amz-target", format!("AWSEvents.{operation}"))
        .body(Body::from(body.to_string()))
        .unwrap();
    let response = app.clone().oneshot(request).await.unwrap();
    let status = response.status();
    assert_eq!(
        response.headers()["content-type"],
        "application/x-amz-json-1.1"
    );
    let error_type = response
        .headers()
        .get("x-amzn-errortype")
        .map(|value| value.to_str().unwrap().to_owned());
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    let body: Value = serde_json::from_slice(&bytes).unwrap();
    if let Some(error_type) = error_type {
        assert_eq!(
            body["__type"],
            json!(format!("com.amazonaws.events#{error_type}"))
        );
    }
    (status, body)
}

/// The error code of an error body.
fn code(body: &Value) -> &str {
    body["__type"]
        .as_str()
        .and_then(|kind| kind.strip_prefix("com.amazonaws.events#"))
        .unwrap_or("")
}

/// The envelope members `TestEventPattern` requires, for events of the table that lack them.
const ENVELOPE: &[(&str, &str)] = &[
    ("id", "0"),
    ("account", "111122223333"),
    ("source", "test"),
    ("time", "2024-01-01T00:00:00Z"),
    ("region", "us-east-1"),
    ("detail-type", "Test"),
];

#[tokio::test]
async fn test_event_pattern_agrees_with_the_documented_examples() {
    let app = app().await;
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../events/tests/documented-examples.json"
    );
    let cases: Vec<Value> = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    assert!(cases.len() >= 40, "the table has {} cases", cases.len());
    let mut failures = Vec::new();
    for case in &cases {
        let mut event = case["event"].clone();
        let mut filled = Vec::new();
        for (name, value) in ENVELOPE {
            if event.get(name).is_none() {
                event[*name] = json!(value);
                filled.push(*name);
            }
        }
        // A filled-in member the pattern tests changes what the documentation's answer means:
        // then the matcher itself, on the same event, is the reference.
        let pattern_uses_filled = filled.iter().any(|name| {
            case["pattern"].get(name).is_some() || case["pattern"].get("$or").is_some()
        });
        let expected = if pattern_uses_filled {
            events::Pattern::from_value(&case["pattern"])
                .unwrap()
                .matches(&event)
        } else {
            case["matches"].as_bool().unwrap()
        };
        let body = json!({"EventPattern": case["pattern"].to_string(), "Event": event.to_string()});
        let (status, reply) = call(&app, "TestEventPattern", body).await;
        if status != StatusCode::OK || reply["Result"] != json!(expected) {
            failures.push(format!(
                "{}: expected {expected}, got {status} {reply}",
                case["name"]
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[tokio::test]
async fn test_event_pattern_refuses_bad_patterns_and_events() {
    let app = app().await;
    let event = json!({"id": "1", "account": "1", "source": "s", "time": "t", "region": "r", "detail-type": "d"});
    let cases = [
        (
            json!({"EventPattern": "{\"source\": \"s\"}", "Event": event.to_string()}),
            "InvalidEventPatternException",
        ),
        (
            json!({"EventPattern": "{\"source\": [\"s\"]}", "Event": "{\"source\": \"s\"}"}),
            "ValidationException",
        ),
        (
            json!({"EventPattern": "{\"source\": [\"s\"]}", "Event": "not json"}),
            "ValidationException",
        ),
        (
            json!({"EventPattern": "{\"source\": [\"s\"]}"}),
            "ValidationException",
        ),
    ];
    for (body, expected) in cases {
        let (status, reply) = call(&app, "TestEventPattern", body.clone()).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{body}: {reply}");
        assert_eq!(code(&reply), expected, "{body}: {reply}");
    }
}

#[tokio::test]
async fn put_rule_checks_what_eventbridge_checks() {
    let app = app().await;
    let cases = [
        (
            json!({"Name": "r"}),
            "ValidationException",
            "Parameter(s) ScheduleExpression or EventPattern must be specified.",
        ),
        (
            json!({"Name": "r", "EventPattern": "{\"a\": 1}"}),
            "InvalidEventPatternException",
            "",
        ),
        (
            json!({"Name": "r", "ScheduleExpression": "rate(0 minutes)"}),
            "ValidationException",
            "",
        ),
        (
            json!({"Name": "r", "ScheduleExpression": "at(2030-01-01T00:00:00)"}),
            "ValidationException",
            "",
        ),
        (
            json!({"Name": "r", "ScheduleExpression": "cron(0 12 * * * *)"}),
            "ValidationException",
            "",
        ),
        (
            json!({"Name": "bad name", "EventPattern": "{}"}),
            "ValidationException",
            "1 validation error detected: Value 'bad name' at 'Name' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\.\\-_A-Za-z0-9]+",
        ),
        (
            json!({"Name": "r", "EventPattern": "{}", "State": "ON"}),
            "ValidationException",
            "",
        ),
        (
            json!({"Name": "r", "EventPattern": "{}", "EventBusName": "orders"}),
            "ResourceNotFoundException",
            "Event bus orders does not exist.",
        ),
    ];
    for (body, expected, message) in cases {
        let (status, reply) = call(&app, "PutRule", body.clone()).await;
        assert_eq!(
            (status, code(&reply)),
            (StatusCode::BAD_REQUEST, expected),
            "{body}: {reply}"
        );
        if !message.is_empty() {
            assert_eq!(reply["message"], json!(message), "{body}");
        }
    }
    let (status, reply) = call(
        &app,
        "PutRule",
        json!({"Name": "every-noon", "ScheduleExpression": "cron(0 12 * * ? *)"}),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{reply}");
    assert_eq!(
        reply,
        json!({"RuleArn": "arn:aws:events:us-east-1:000000000000:rule/every-noon"})
    );
    let (_, described) = call(&app, "DescribeRule", json!({"Name": "every-noon"})).await;
    assert_eq!(described["ScheduleExpression"], json!("cron(0 12 * * ? *)"));
    assert_eq!(described["State"], json!("ENABLED"));
    let (status, reply) = call(&app, "DescribeRule", json!({"Name": "missing"})).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(
        reply["message"],
        json!("Rule missing does not exist on EventBus default.")
    );
}

#[tokio::test]
async fn put_targets_takes_state_machines_and_keeps_the_quota() {
    let app = app().await;
    call(
        &app,
        "PutRule",
        json!({"Name": "r", "EventPattern": "{\"source\": [\"app\"]}"}),
    )
    .await;
    let machine = "arn:aws:states:us-east-1:000000000000:stateMachine:m";
    let target = |id: &str| json!({"Id": id, "Arn": machine});
    let refused = [
        json!({"Id": "l", "Arn": "arn:aws:lambda:us-east-1:000000000000:function:f"}),
        json!({"Id": "x", "Arn": machine, "Input": "{", }),
        json!({"Id": "y", "Arn": machine, "Input": "{}", "InputPath": "$.detail"}),
        json!({"Id": "z", "Arn": machine, "DeadLetterConfig": {"Arn": "arn:aws:sns:us-east-1:0:t"}}),
        json!({"Id": "w", "Arn": machine, "RetryPolicy": {"MaximumEventAgeInSeconds": 10}}),
    ];
    for target in refused {
        let (status, reply) = call(
            &app,
            "PutTargets",
            json!({"Rule": "r", "Targets": [target]}),
        )
        .await;
        assert_eq!(
            (status, code(&reply)),
            (StatusCode::BAD_REQUEST, "ValidationException"),
            "{target}: {reply}"
        );
    }
    let five: Vec<Value> = (1..=5).map(|n| target(&format!("t{n}"))).collect();
    let (status, reply) = call(&app, "PutTargets", json!({"Rule": "r", "Targets": five})).await;
    assert_eq!(status, StatusCode::OK, "{reply}");
    assert_eq!(reply, json!({"FailedEntryCount": 0, "FailedEntries": []}));
    let (status, reply) = call(
        &app,
        "PutTargets",
        json!({"Rule": "r", "Targets": [target("t6")]}),
    )
    .await;
    assert_eq!(
        (status, code(&reply)),
        (StatusCode::BAD_REQUEST, "LimitExceededException")
    );
    let (status, reply) = call(&app, "DeleteRule", json!({"Name": "r"})).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(
        reply["message"],
        json!("Rule can't be deleted since it has targets.")
    );
    let ids: Vec<String> = (1..=5).map(|n| format!("t{n}")).collect();
    let (status, _) = call(&app, "RemoveTargets", json!({"Rule": "r", "Ids": ids})).await;
    assert_eq!(status, StatusCode::OK);
    let (status, _) = call(&app, "DeleteRule", json!({"Name": "r"})).await;
    assert_eq!(status, StatusCode::OK);
    let (status, reply) = call(
        &app,
        "PutTargets",
        json!({"Rule": "r", "Targets": [target("t")]}),
    )
    .await;
    assert_eq!(
        (status, code(&reply)),
        (StatusCode::BAD_REQUEST, "ResourceNotFoundException")
    );
}

#[tokio::test]
async fn put_events_answers_for_every_entry() {
    let app = app().await;
    let entry = |detail: Value| json!({"Source": "app", "DetailType": "t", "Detail": detail});
    let body = json!({"Entries": [
        entry(json!("{\"n\": 1}")),
        entry(json!("[1]")),
        {"Source": "app", "Detail": "{}"},
        {"Source": "app", "DetailType": "t", "Detail": "{}", "EventBusName": "orders"},
    ]});
    let (status, reply) = call(&app, "PutEvents", body).await;
    assert_eq!(status, StatusCode::OK, "{reply}");
    assert_eq!(reply["FailedEntryCount"], json!(3));
    let entries = reply["Entries"].as_array().unwrap();
    assert!(entries[0]["EventId"].is_string(), "{reply}");
    assert_eq!(
        entries[1],
        json!({"ErrorCode": "MalformedDetail", "ErrorMessage": "Detail is malformed."})
    );
    assert_eq!(
        entries[2],
        json!({"ErrorCode": "InvalidArgument", "ErrorMessage": "Parameter DetailType is not valid. Reason: DetailType is a required argument."})
    );
    assert_eq!(entries[3]["ErrorCode"], json!("ResourceNotFoundException"));
    let eleven: Vec<Value> = (0..11).map(|_| entry(json!("{}"))).collect();
    let (status, reply) = call(&app, "PutEvents", json!({"Entries": eleven})).await;
    assert_eq!(
        (status, code(&reply)),
        (StatusCode::BAD_REQUEST, "ValidationException"),
        "{reply}"
    );
    let (status, reply) = call(&app, "NoSuchOperation", json!({})).await;
    assert_eq!(
        (status, code(&reply)),
        (StatusCode::BAD_REQUEST, "UnknownOperationException")
    );
}

#[tokio::test]
async fn rules_carry_tags_and_the_default_bus_is_listed() {
    let app = app().await;
    let tag = |key: &str, value: &str| json!({"Key": key, "Value": value});
    let (status, reply) = call(
        &app,
        "PutRule",
        json!({"Name": "r", "EventPattern": "{\"source\": [\"app\"]}", "Tags": [tag("team", "orders")]}),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{reply}");
    let arn = reply["RuleArn"].clone();
    let tags = async |app: &Router| {
        call(app, "ListTagsForResource", json!({"ResourceARN": arn}))
            .await
            .1
    };
    assert_eq!(tags(&app).await, json!({"Tags": [tag("team", "orders")]}));
    // Replacing a rule keeps its tags; TagResource and UntagResource change them.
    call(
        &app,
        "PutRule",
        json!({"Name": "r", "EventPattern": "{\"source\": [\"app\"]}", "Tags": [tag("other", "x")]}),
    )
    .await;
    call(
        &app,
        "TagResource",
        json!({"ResourceARN": arn, "Tags": [tag("team", "billing"), tag("tier", "1")]}),
    )
    .await;
    assert_eq!(
        tags(&app).await,
        json!({"Tags": [tag("team", "billing"), tag("tier", "1")]})
    );
    call(
        &app,
        "UntagResource",
        json!({"ResourceARN": arn, "TagKeys": ["team", "absent"]}),
    )
    .await;
    assert_eq!(tags(&app).await, json!({"Tags": [tag("tier", "1")]}));
    let missing = "arn:aws:events:us-east-1:000000000000:rule/missing";
    let (status, reply) = call(&app, "ListTagsForResource", json!({"ResourceARN": missing})).await;
    assert_eq!(
        (status, code(&reply)),
        (StatusCode::BAD_REQUEST, "ResourceNotFoundException")
    );

    let bus = json!({"Name": "default", "Arn": "arn:aws:events:us-east-1:000000000000:event-bus/default"});
    assert_eq!(call(&app, "DescribeEventBus", json!({})).await.1, bus);
    assert_eq!(
        call(&app, "ListEventBuses", json!({"NamePrefix": "def"}))
            .await
            .1,
        json!({"EventBuses": [bus]})
    );
    assert_eq!(
        call(&app, "ListEventBuses", json!({"NamePrefix": "x"}))
            .await
            .1,
        json!({"EventBuses": []})
    );
    let (status, reply) = call(&app, "DescribeEventBus", json!({"Name": "orders"})).await;
    assert_eq!(
        (status, code(&reply)),
        (StatusCode::BAD_REQUEST, "ResourceNotFoundException")
    );
}

/// Every operation of the EventBridge API this server answers.
const OPERATIONS: &[&str] = &[
    "DeleteRule",
    "DescribeEventBus",
    "DescribeRule",
    "DisableRule",
    "EnableRule",
    "ListEventBuses",
    "ListRuleNamesByTarget",
    "ListRules",
    "ListTagsForResource",
    "ListTargetsByRule",
    "PutEvents",
    "PutRule",
    "PutTargets",
    "RemoveTargets",
    "TagResource",
    "TestEventPattern",
    "UntagResource",
];

/// The members the operations read, at the top and in `Targets` and `Entries` items.
const MEMBERS: &[&str] = &[
    "Name",
    "Rule",
    "EventBusName",
    "EventPattern",
    "ScheduleExpression",
    "State",
    "Description",
    "RoleArn",
    "Tags",
    "Targets",
    "Ids",
    "Entries",
    "Event",
    "ResourceARN",
    "TagKeys",
    "NamePrefix",
    "Limit",
    "NextToken",
    "TargetArn",
    "Force",
    "Id",
    "Arn",
    "Input",
    "InputPath",
    "InputTransformer",
    "InputPathsMap",
    "InputTemplate",
    "RetryPolicy",
    "MaximumRetryAttempts",
    "DeadLetterConfig",
    "Source",
    "DetailType",
    "Detail",
    "Time",
    "Resources",
    "Key",
    "Value",
];

/// Values that are right for some member and wrong for most.
fn values() -> Vec<Value> {
    vec![
        Value::Null,
        json!(1),
        json!(-1),
        json!(1e300),
        json!(true),
        json!(""),
        json!("r"),
        json!("x".repeat(5000)),
        json!([]),
        json!({}),
        json!("{\"source\": [\"app\"]}"),
        json!("{\"source\": [{\"prefix\": 1}]}"),
        json!("rate(1 minute)"),
        json!("cron(0 12 * * ? *)"),
        json!("ENABLED"),
        json!("arn:aws:states:us-east-1:000000000000:stateMachine:m"),
        json!("arn:aws:events:us-east-1:000000000000:rule/r"),
        json!("$.detail"),
        json!("<a> \"<b>\""),
    ]
}

/// A request body: up to six members, each a value of the pool or a list of such objects.
fn body() -> impl proptest::strategy::Strategy<Value = Value> {
    use proptest::prelude::*;
    let value = proptest::sample::select(values());
    let member = proptest::sample::select(MEMBERS.to_vec());
    let flat = proptest::collection::btree_map(member.clone(), value.clone(), 0..6)
        .prop_map(|map| Value::Object(map.into_iter().map(|(k, v)| (k.to_owned(), v)).collect()));
    let nested = proptest::collection::vec(flat.clone(), 0..3).prop_map(Value::Array);
    let field = prop_oneof![3 => value, 1 => flat, 1 => nested];
    proptest::collection::btree_map(member, field, 0..6)
        .prop_map(|map| Value::Object(map.into_iter().map(|(k, v)| (k.to_owned(), v)).collect()))
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(200))]

    /// Whatever a client sends, every operation answers 200 or a 4xx in EventBridge's shape:
    /// never a panic, a hang or an internal failure.
    #[test]
    fn no_request_breaks_an_operation(
        operation in proptest::sample::select(OPERATIONS.to_vec()),
        body in body(),
    ) {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        runtime.block_on(async {
            let app = app().await;
            call(&app, "PutRule", json!({"Name": "r", "EventPattern": "{\"source\": [\"app\"]}"})).await;
            let (status, reply) = tokio::time::timeout(
                std::time::Duration::from_secs(10),
                call(&app, operation, body.clone()),
            )
            .await
            .expect("every request is answered");
            assert!(
                status == StatusCode::OK || status.is_client_error(),
                "{operation} {body} answered {status} {reply}"
            );
            if status != StatusCode::OK {
                assert!(reply["message"].is_string(), "{operation} {body}: {reply}");
            }
        });
    }
}
