//! `GET /console/api/graph.svg`: a state machine's graph, laid out and drawn by the `graph`
//! crate.
//!
//! `?stateMachineArn=ARN` draws the state machine's current definition; `?executionArn=ARN`
//! the definition that execution runs (its own copy, even after the machine was updated).
//! `POST` with a definition as the body draws that definition, for the editor's preview;
//! nothing is stored. Every state is a `<g data-state-id="POINTER" data-state-name="NAME">`,
//! which the console colours by status from the execution's history.

use std::collections::HashMap;

use axum::extract::{Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use runtime::Runtime;
use serde::Deserialize;

/// Which definition to draw.
#[derive(Debug, Deserialize)]
pub(crate) struct Which {
    #[serde(rename = "stateMachineArn")]
    state_machine_arn: Option<String>,
    #[serde(rename = "executionArn")]
    execution_arn: Option<String>,
}

/// The graph of a state machine's or an execution's definition, as SVG.
pub(crate) async fn graph_svg(
    State(runtime): State<Runtime>,
    Query(which): Query<Which>,
) -> Response {
    let store = runtime.store();
    let definition = match (which.state_machine_arn, which.execution_arn) {
        (Some(arn), None) => store
            .get_state_machine(&arn)
            .await
            .map(|machine| machine.map(|machine| machine.definition)),
        (None, Some(arn)) => store
            .get_execution(&arn)
            .await
            .map(|execution| execution.map(|execution| execution.definition)),
        _ => {
            return plain(
                StatusCode::BAD_REQUEST,
                "give stateMachineArn or executionArn",
            );
        }
    };
    let text = match definition {
        Ok(Some(text)) => text,
        Ok(None) => return plain(StatusCode::NOT_FOUND, "no such state machine or execution"),
        Err(err) => return plain(StatusCode::INTERNAL_SERVER_ERROR, &err.to_string()),
    };
    draw(&text)
}

/// The graph of the definition in the request's body, as SVG (the editor's preview).
pub(crate) async fn preview_svg(body: String) -> Response {
    draw(&body)
}

/// Draws a definition's text, or says why it cannot.
fn draw(text: &str) -> Response {
    let Ok(definition) = serde_json::from_str(text) else {
        return plain(
            StatusCode::UNPROCESSABLE_ENTITY,
            "the definition is not JSON",
        );
    };
    let graph = graph::Graph::from_definition(&definition);
    let layout = graph::layout(&graph);
    let svg = graph::render_svg(&graph, &layout, &HashMap::new());
    (
        [
            (header::CONTENT_TYPE, "image/svg+xml; charset=utf-8"),
            (header::CACHE_CONTROL, "no-store"),
        ],
        svg,
    )
        .into_response()
}

fn plain(status: StatusCode, message: &str) -> Response {
    (
        status,
        [(header::CACHE_CONTROL, "no-store")],
        message.to_owned(),
    )
        .into_response()
}
