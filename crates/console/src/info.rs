//! `GET /console/api/info`: what the console shows in its header and needs to create a state
//! machine, none of which the Step Functions API tells a client: the server's version, and
//! the account and region that its ARNs carry.

use axum::extract::State;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use serde_json::json;

use runtime::Runtime;

/// `{"version", "account", "region"}`.
pub(crate) async fn info(State(runtime): State<Runtime>) -> Response {
    let config = runtime.config();
    let body = json!({
        "version": env!("CARGO_PKG_VERSION"),
        "account": config.account,
        "region": config.region,
    });
    let mut response = body.to_string().into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}
