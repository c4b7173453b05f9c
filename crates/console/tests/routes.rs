//! The console's routes, in process with `oneshot`: the page, its files with their content
//! types and cache headers, the read-only endpoints, and the API still answering `POST /`
//! beside them, as `statewright serve` merges the two.

use std::path::Path;
use std::sync::Arc;

use axum::Router;
use axum::body::Body;
use axum::http::{HeaderMap, Method, Request, StatusCode, header};
use http_body_util::BodyExt;
use serde_json::Value;
use tower::ServiceExt;

use runtime::{Config, Runtime};
use store::{MemoryStore, Store};

/// The API and the console over a fresh store, merged as the server merges them.
fn app() -> Router {
    let runtime = Runtime::new(Arc::new(MemoryStore::new()), Config::default());
    api::app(runtime.clone()).merge(console::routes(runtime))
}

/// What the app answered.
struct Reply {
    status: StatusCode,
    headers: HeaderMap,
    body: String,
}

impl Reply {
    fn header(&self, name: header::HeaderName) -> &str {
        self.headers
            .get(&name)
            .map(|value| value.to_str().expect("a text header"))
            .unwrap_or_default()
    }
}

/// Sends one request to a fresh app and reads the whole reply.
async fn send(method: Method, path: &str, headers: &[(&str, &str)], body: &str) -> Reply {
    send_to(&app(), method, path, headers, body).await
}

/// Sends one request to `app` and reads the whole reply.
async fn send_to(
    app: &Router,
    method: Method,
    path: &str,
    headers: &[(&str, &str)],
    body: &str,
) -> Reply {
    let mut request = Request::builder().method(method).uri(path);
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let response = app
        .clone()
        .oneshot(
            request
                .body(Body::from(body.to_owned()))
                .expect("a request"),
        )
        .await
        .expect("the router answers");
    let status = response.status();
    let headers = response.headers().clone();
    let bytes = response
        .into_body()
        .collect()
        .await
        .expect("a body")
        .to_bytes();
    Reply {
        status,
        headers,
        body: String::from_utf8(bytes.to_vec()).expect("a UTF-8 body"),
    }
}

async fn get(path: &str) -> Reply {
    send(Method::GET, path, &[], "").await
}

/// The console's files as they are on disk, relative to `assets/`.
fn asset_files() -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets");
    let mut res = Vec::new();
    let mut pending = vec![root.clone()];
    while let Some(dir) = pending.pop() {
        for entry in std::fs::read_dir(&dir).expect("a readable directory") {
            let path = entry.expect("a readable entry").path();
            if path.is_dir() {
                pending.push(path);
            } else {
                let relative = path.strip_prefix(&root).expect("under assets/");
                res.push(relative.to_string_lossy().replace('\\', "/"));
            }
        }
    }
    res.sort();
    res
}

#[tokio::test]
async fn the_page_is_served_at_the_root() {
    let reply = get("/").await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(
        reply.header(header::CONTENT_TYPE),
        "text/html; charset=utf-8"
    );
    assert_eq!(reply.header(header::CACHE_CONTROL), "no-cache");
    assert!(reply.header(header::ETAG).starts_with('"'));
    assert!(
        reply
            .header(header::CONTENT_SECURITY_POLICY)
            .contains("default-src 'self'")
    );
    assert!(
        reply
            .body
            .contains(r#"<script type="module" src="/console/app.js"></script>"#)
    );
}

#[tokio::test]
async fn every_file_is_served_with_its_content_type() {
    let files = asset_files();
    assert!(files.len() > 10, "the console's files: {files:?}");
    for file in &files {
        let reply = get(&format!("/console/{file}")).await;
        assert_eq!(reply.status, StatusCode::OK, "{file}");
        let expected = match file.rsplit('.').next() {
            Some("js") => "javascript; charset=utf-8",
            Some("css") => "text/css; charset=utf-8",
            Some("html") => "text/html; charset=utf-8",
            Some("svg") => "image/svg+xml; charset=utf-8",
            other => panic!("{file}: add the content type of .{other:?} files here"),
        };
        let content_type = reply.header(header::CONTENT_TYPE);
        assert!(content_type.ends_with(expected), "{file}: {content_type}");
        assert_eq!(reply.header(header::CACHE_CONTROL), "no-cache", "{file}");
        assert_eq!(reply.header(header::X_CONTENT_TYPE_OPTIONS), "nosniff");
    }
}

#[tokio::test]
async fn every_module_a_script_imports_is_there() {
    let files = asset_files();
    let mut missing = Vec::new();
    let mut n_imports = 0;
    for file in files.iter().filter(|file| file.ends_with(".js")) {
        let text = get(&format!("/console/{file}")).await.body;
        let dir = file.rsplit_once('/').map_or("", |(dir, _)| dir);
        for line in text.lines().filter(|line| line.starts_with("import ")) {
            let Some(target) = line.split('\'').nth(1) else {
                continue;
            };
            let mut parts: Vec<&str> = dir.split('/').filter(|part| !part.is_empty()).collect();
            for part in target.split('/') {
                match part {
                    "." => {}
                    ".." => {
                        parts.pop();
                    }
                    part => parts.push(part),
                }
            }
            n_imports += 1;
            let resolved = parts.join("/");
            if !files.contains(&resolved) {
                missing.push(format!("{file} imports {target}"));
            }
        }
    }
    assert!(n_imports > 20, "only {n_imports} imports were found");
    assert!(missing.is_empty(), "{missing:#?}");
}

#[tokio::test]
async fn an_unchanged_file_is_not_sent_again() {
    let first = get("/console/style.css").await;
    let etag = first.header(header::ETAG).to_owned();
    let reply = send(
        Method::GET,
        "/console/style.css",
        &[("if-none-match", &etag)],
        "",
    )
    .await;
    assert_eq!(reply.status, StatusCode::NOT_MODIFIED);
    assert_eq!(reply.body, "");
    assert_eq!(reply.header(header::ETAG), etag);
    let other = send(
        Method::GET,
        "/console/style.css",
        &[("if-none-match", "\"something-else\"")],
        "",
    )
    .await;
    assert_eq!(other.status, StatusCode::OK);
}

#[tokio::test]
async fn unknown_and_climbing_paths_are_not_found() {
    for path in [
        "/console/nothing.js",
        "/console/../Cargo.toml",
        "/console/pages/../app.js",
        "/console//app.js",
        "/console/api/nothing",
    ] {
        let reply = get(path).await;
        assert_eq!(reply.status, StatusCode::NOT_FOUND, "{path}");
    }
}

#[tokio::test]
async fn info_names_the_version_account_and_region() {
    let reply = get("/console/api/info").await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(reply.header(header::CONTENT_TYPE), "application/json");
    let body: Value = serde_json::from_str(&reply.body).expect("JSON");
    assert_eq!(body["account"], "000000000000");
    assert_eq!(body["region"], "us-east-1");
    assert_eq!(body["version"], env!("CARGO_PKG_VERSION"));
}

#[tokio::test]
async fn the_graph_of_a_state_machine_is_svg_with_a_node_per_state() {
    let app = app();
    let definition = serde_json::json!({
        "StartAt": "A",
        "States": {"A": {"Type": "Pass", "Next": "B"}, "B": {"Type": "Succeed"}}
    });
    let body = serde_json::json!({
        "name": "drawn",
        "definition": definition.to_string(),
        "roleArn": "arn:aws:iam::000000000000:role/r",
    });
    let created = send_to(
        &app,
        Method::POST,
        "/",
        &[
            ("content-type", "application/x-amz-json-1.0"),
            ("x-amz-target", "AWSStepFunctions.CreateStateMachine"),
        ],
        &body.to_string(),
    )
    .await;
    assert_eq!(created.status, StatusCode::OK, "{}", created.body);
    let arn = "arn:aws:states:us-east-1:000000000000:stateMachine:drawn";
    let reply = send_to(
        &app,
        Method::GET,
        &format!("/console/api/graph.svg?stateMachineArn={arn}"),
        &[],
        "",
    )
    .await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(
        reply.header(header::CONTENT_TYPE),
        "image/svg+xml; charset=utf-8"
    );
    assert!(reply.body.starts_with("<svg"), "{}", reply.body);
    assert_eq!(reply.body.matches("data-state-id=").count(), 2);
    assert!(reply.body.contains(r#"data-state-name="B""#));
    let missing = send_to(
        &app,
        Method::GET,
        "/console/api/graph.svg?stateMachineArn=arn:aws:states:us-east-1:000000000000:stateMachine:x",
        &[],
        "",
    )
    .await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    let neither = send_to(&app, Method::GET, "/console/api/graph.svg", &[], "").await;
    assert_eq!(neither.status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn a_posted_definition_is_drawn_without_being_stored() {
    let definition = r#"{"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}}}"#;
    let reply = send(Method::POST, "/console/api/graph.svg", &[], definition).await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(reply.body.matches("data-state-id=").count(), 1);
    let broken = send(Method::POST, "/console/api/graph.svg", &[], "{not json").await;
    assert_eq!(broken.status, StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn post_to_the_root_is_still_the_api() {
    let reply = send(
        Method::POST,
        "/",
        &[
            ("content-type", "application/x-amz-json-1.0"),
            ("x-amz-target", "AWSStepFunctions.ListStateMachines"),
        ],
        "{}",
    )
    .await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(
        reply.header(header::CONTENT_TYPE),
        "application/x-amz-json-1.0"
    );
    assert_eq!(reply.body, r#"{"stateMachines":[]}"#);

    let unknown = send(
        Method::POST,
        "/",
        &[("x-amz-target", "AWSStepFunctions.Nothing")],
        "{}",
    )
    .await;
    assert_eq!(unknown.status, StatusCode::BAD_REQUEST);
    assert!(unknown.body.contains("UnknownOperationException"));

    assert_eq!(get("/health").await.status, StatusCode::OK);
    let put = send(Method::PUT, "/", &[], "").await;
    assert_eq!(put.status, StatusCode::METHOD_NOT_ALLOWED);
}

/// A delivery of an `app` event to rule `orders` that started `execution_arn`, as the
/// dispatcher records it.
fn delivered(execution_arn: &str) -> store::Delivery {
    let event = serde_json::json!({
        "version": "0",
        "id": "e-1",
        "detail-type": "Order Placed",
        "source": "app",
        "account": "000000000000",
        "time": "2024-05-01T12:00:00Z",
        "region": "us-east-1",
        "resources": [],
        "detail": {"n": 1},
    });
    store::Delivery {
        id: "d-1".to_owned(),
        event_id: "e-1".to_owned(),
        event: event.to_string(),
        rule_arn: "arn:aws:events:us-east-1:000000000000:rule/orders".to_owned(),
        target_id: "t".to_owned(),
        target_arn: "arn:aws:states:us-east-1:000000000000:stateMachine:m".to_owned(),
        input: event.to_string(),
        execution_name: "n-1".to_owned(),
        created_ms: 1_714_564_800_123,
        attempts: 2,
        next_attempt_ms: 1_714_564_800_123,
        max_retries: 185,
        max_age_ms: 86_400_000,
        dead_letter_arn: None,
        status: store::DeliveryStatus::Delivered,
        execution_arn: Some(execution_arn.to_owned()),
        error: None,
    }
}

#[tokio::test]
async fn the_trigger_of_an_execution_names_its_event_and_rule() {
    let store = Arc::new(MemoryStore::new());
    let execution_arn = "arn:aws:states:us-east-1:000000000000:execution:m:n-1";
    store
        .enqueue(store::Enqueue {
            deliveries: vec![delivered(execution_arn)],
            ..Default::default()
        })
        .await
        .expect("enqueued");
    let runtime = Runtime::new(store, Config::default());
    let app = api::app(runtime.clone()).merge(console::routes(runtime));

    let reply = send_to(
        &app,
        Method::GET,
        &format!("/console/api/trigger?executionArn={execution_arn}"),
        &[],
        "",
    )
    .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    assert_eq!(reply.header(header::CONTENT_TYPE), "application/json");
    assert_eq!(reply.header(header::CACHE_CONTROL), "no-store");
    let body: Value = serde_json::from_str(&reply.body).expect("JSON");
    assert_eq!(
        body,
        serde_json::json!({
            "eventId": "e-1",
            "ruleArn": "arn:aws:events:us-east-1:000000000000:rule/orders",
            "ruleName": "orders",
            "targetId": "t",
            "source": "app",
            "detailType": "Order Placed",
            "time": "2024-05-01T12:00:00Z",
            "deliveredAtMs": 1_714_564_800_123_i64,
            "attempts": 2,
            "event": {
                "version": "0",
                "id": "e-1",
                "detail-type": "Order Placed",
                "source": "app",
                "account": "000000000000",
                "time": "2024-05-01T12:00:00Z",
                "region": "us-east-1",
                "resources": [],
                "detail": {"n": 1},
            },
        })
    );

    // The same answer for the quiet form.
    let quiet = send_to(
        &app,
        Method::GET,
        &format!("/console/api/trigger?executionArn={execution_arn}&none=204"),
        &[],
        "",
    )
    .await;
    assert_eq!(quiet.status, StatusCode::OK);
    assert_eq!(quiet.body, reply.body);
}

#[tokio::test]
async fn a_rule_on_another_bus_is_named_by_its_last_segment() {
    let store = Arc::new(MemoryStore::new());
    let execution_arn = "arn:aws:states:us-east-1:000000000000:execution:m:n-2";
    let mut delivery = delivered(execution_arn);
    delivery.rule_arn = "arn:aws:events:us-east-1:000000000000:rule/shop/paid".to_owned();
    store
        .enqueue(store::Enqueue {
            deliveries: vec![delivery],
            ..Default::default()
        })
        .await
        .expect("enqueued");
    let app = console::routes(Runtime::new(store, Config::default()));
    let reply = send_to(
        &app,
        Method::GET,
        &format!("/console/api/trigger?executionArn={execution_arn}"),
        &[],
        "",
    )
    .await;
    let body: Value = serde_json::from_str(&reply.body).expect("JSON");
    assert_eq!(body["ruleName"], "paid");
    assert_eq!(
        body["ruleArn"],
        "arn:aws:events:us-east-1:000000000000:rule/shop/paid"
    );
}

#[tokio::test]
async fn an_execution_no_trigger_started_has_no_trigger() {
    let app = app();
    let definition = r#"{"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}}}"#;
    let amz = |operation: &'static str| {
        [
            ("content-type", "application/x-amz-json-1.0"),
            ("x-amz-target", operation),
        ]
    };
    let body = serde_json::json!({
        "name": "direct",
        "definition": definition,
        "roleArn": "arn:aws:iam::000000000000:role/r",
    });
    let created = send_to(
        &app,
        Method::POST,
        "/",
        &amz("AWSStepFunctions.CreateStateMachine"),
        &body.to_string(),
    )
    .await;
    assert_eq!(created.status, StatusCode::OK, "{}", created.body);
    let started = send_to(
        &app,
        Method::POST,
        "/",
        &amz("AWSStepFunctions.StartExecution"),
        r#"{"stateMachineArn": "arn:aws:states:us-east-1:000000000000:stateMachine:direct"}"#,
    )
    .await;
    assert_eq!(started.status, StatusCode::OK, "{}", started.body);
    let started: Value = serde_json::from_str(&started.body).expect("JSON");
    let execution_arn = started["executionArn"].as_str().expect("an ARN");

    let reply = send_to(
        &app,
        Method::GET,
        &format!("/console/api/trigger?executionArn={execution_arn}"),
        &[],
        "",
    )
    .await;
    assert_eq!(reply.status, StatusCode::NOT_FOUND);
    assert_eq!(reply.header(header::CONTENT_TYPE), "application/json");
    let body: Value = serde_json::from_str(&reply.body).expect("JSON");
    assert!(
        body["message"]
            .as_str()
            .is_some_and(|message| message.contains(execution_arn)),
        "{body}"
    );

    // The page's form: an empty answer, which browsers do not log as an error.
    let quiet = send_to(
        &app,
        Method::GET,
        &format!("/console/api/trigger?executionArn={execution_arn}&none=204"),
        &[],
        "",
    )
    .await;
    assert_eq!(quiet.status, StatusCode::NO_CONTENT);
    assert_eq!(quiet.body, "");
    assert_eq!(quiet.header(header::CACHE_CONTROL), "no-store");
}

#[tokio::test]
async fn the_trigger_needs_an_execution_arn() {
    for path in [
        "/console/api/trigger",
        "/console/api/trigger?executionArn=",
        "/console/api/trigger?executionArn=arn:x&none=404",
    ] {
        let reply = get(path).await;
        assert_eq!(reply.status, StatusCode::BAD_REQUEST, "{path}");
        let body: Value = serde_json::from_str(&reply.body).expect("JSON");
        assert!(body["message"].is_string(), "{path}: {body}");
    }
}
