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
pub use nested::NestedExecutions;

/// The content type of every request and response of the protocol.
pub const CONTENT_TYPE: &str = "application/x-amz-json-1.0";

/// The largest request body accepted: a definition may be up to 1 MiB, escaped inside JSON.
pub const MAX_BODY_BYTES: usize = 2 * 1024 * 1024;

/// The Step Functions API, with `GET /health`, over a runtime.
pub fn app(runtime: Runtime) -> Router {
    Router::new()
        .route("/", post(http::handle))
        .route("/health", get(http::health))
        .with_state(runtime)
}
