//! `GET /console/api/graph.svg`: where a state machine's graph will be served.
//!
//! The console fetches `graph.svg?stateMachineArn=ARN` (or `?executionArn=ARN`, for the
//! definition an execution runs) into its graph panels and expects an SVG document whose
//! states are elements carrying `data-state-id="NAME"`, to colour them with the status
//! classes. Until a renderer answers here, this says "no content", and the console shows
//! that the graph is unavailable without reporting an error.

use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};

/// `204 No Content`: no graph renderer is wired in.
pub(crate) async fn graph_svg() -> Response {
    (
        StatusCode::NO_CONTENT,
        [(header::CACHE_CONTROL, "no-store")],
    )
        .into_response()
}
