//! The web console: pages for state machines and executions, served beside the API.
//!
//! `routes(runtime)` answers `GET /` with the console's page and `GET /console/...` with its
//! scripts, styles and icons, all compiled into the binary, so `cargo install` alone gives a
//! working console with no JavaScript build step. The pages call the Step Functions API
//! (`POST /`) like any other client; the few things that API lacks are read-only JSON under
//! `/console/api/`. Merged with `api::app`, both share `/`: `GET` is the console, `POST` the
//! API.
//!
//! # Example
//! ```
//! use std::sync::Arc;
//!
//! use runtime::{Config, Runtime};
//! use store::MemoryStore;
//!
//! let runtime = Runtime::new(Arc::new(MemoryStore::new()), Config::default());
//! let app: axum::Router = api::app(runtime.clone()).merge(console::routes(runtime));
//! # drop(app);
//! ```

mod assets;
mod graph;
mod info;
mod trigger;

use axum::Router;
use axum::routing::get;
use runtime::Runtime;

/// The console's routes over a runtime: the page at `/`, its files under `/console/`, and its
/// read-only endpoints under `/console/api/`.
pub fn routes(runtime: Runtime) -> Router {
    Router::new()
        .route("/", get(assets::index))
        .route("/console/api/info", get(info::info))
        .route(
            "/console/api/graph.svg",
            get(graph::graph_svg).post(graph::preview_svg),
        )
        .route("/console/api/trigger", get(trigger::trigger))
        .route("/console/{*path}", get(assets::asset))
        .with_state(runtime)
}
