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
use store::MemoryStore;

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
