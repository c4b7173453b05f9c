//! The AWS Step Functions wire protocol (AWS JSON 1.0) on axum.
//!
//! `app(runtime)` answers `POST /` like `states.<region>.amazonaws.com` does: the operation is
//! named by the `X-Amz-Target: AWSStepFunctions.<Operation>` header, requests and responses are
//! JSON objects, and failures are AWS-style error responses, so boto3, the `aws` CLI and the
//! SDKs work against it unchanged. Any `Host` (SDKs prefix `sync-` for `StartSyncExecution`) and
//! any or no SigV4 signature are accepted. `GET /health` answers `{"status":"ok"}`.
//!
//! Each operation lives in its own file under `ops/`; they share the request reader
//! (`request`), the error type (`error`) and a few helpers for ARNs, names, definitions,
//! payloads and rendering.
//!
//! # Example
//! ```
//! use std::sync::Arc;
//!
//! use runtime::{Config, Runtime};
//! use store::MemoryStore;
//!
//! let runtime = Runtime::new(Arc::new(MemoryStore::new()), Config::default());
//! let router: axum::Router = api::app(runtime);
//! # drop(router);
//! ```

mod arn;
mod configuration;
mod definition;
mod error;
mod events;
mod http;
mod ids;
mod names;
mod nested;
mod ops;
mod payload;
mod render;
mod request;
mod shapes;
mod starting;
mod tags;

use axum::Router;
use axum::routing::{get, post};
use runtime::Runtime;

pub use error::{ApiError, ErrorCode};
pub use events::endpoint::EventEndpoint;
pub use nested::NestedExecutions;

/// The content type of every request and response of the protocol.
pub const CONTENT_TYPE: &str = "application/x-amz-json-1.0";

/// The largest request body accepted: a definition may be up to 1 MiB, escaped inside JSON.
pub const MAX_BODY_BYTES: usize = 2 * 1024 * 1024;

/// What the handlers share: the runtime, and the triggers when the EventBridge API is served.
#[derive(Clone)]
pub(crate) struct AppState {
    pub(crate) runtime: Runtime,
    pub(crate) triggers: Option<triggers::Triggers>,
}

/// The Step Functions API, with `GET /health`, over a runtime.
pub fn app(runtime: Runtime) -> Router {
    router(AppState {
        runtime,
        triggers: None,
    })
}

/// The Step Functions API and the EventBridge API (AWS JSON 1.1, `X-Amz-Target:
/// AWSEvents.<Operation>`) on the same path, with `GET /health` and the HTTP event endpoint:
/// `POST /events` takes an event as an EventBridge API destination sends it.
pub fn app_with_triggers(triggers: triggers::Triggers, endpoint: EventEndpoint) -> Router {
    let state = AppState {
        runtime: triggers.runtime().clone(),
        triggers: Some(triggers),
    };
    Router::new()
        .route("/", post(http::handle))
        .route("/health", get(http::health))
        .route("/events", post(events::endpoint::handle))
        .layer(axum::Extension(std::sync::Arc::new(endpoint)))
        .with_state(state)
}

fn router(state: AppState) -> Router {
    Router::new()
        .route("/", post(http::handle))
        .route("/health", get(http::health))
        .with_state(state)
}
