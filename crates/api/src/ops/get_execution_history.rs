//! `GetExecutionHistory`: an execution's history events, oldest (or, with `reverseOrder`,
//! newest) first, one page at a time, with or without their payloads.

use serde_json::{Map, Value};

use runtime::Runtime;
use store::Page;

use crate::error::ApiError;
use crate::request::Members;
use crate::{arn, shapes};

pub(crate) async fn handle(runtime: &Runtime, mut members: Members) -> Result<Value, ApiError> {
    let execution_arn = members.required_text("executionArn", shapes::ARN)?;
    let (min, max) = shapes::PAGE_SIZE;
    let max_results = members.integer("maxResults", min, max)?;
    let reverse_order = members.boolean("reverseOrder")?.unwrap_or(false);
    let next_token = members.text("nextToken", shapes::PAGE_TOKEN)?;
    let include_execution_data = members.boolean("includeExecutionData")?.unwrap_or(true);
    members.finish()?;

    arn::execution(&execution_arn)?;
    let store = runtime.store();
    if store.get_execution(&execution_arn).await?.is_none() {
        return Err(ApiError::execution_does_not_exist(&execution_arn));
    }
    let page = Page {
        max_results: max_results
            .and_then(|n| usize::try_from(n).ok())
            .unwrap_or(0),
        next_token,
    };
    let (events, next_token) = store
        .get_history(&execution_arn, reverse_order, page)
        .await
        .map_err(|err| match err {
            store::Error::NotFound(_) => ApiError::execution_does_not_exist(&execution_arn),
            other => other.into(),
        })?;
    let events: Vec<Value> = events
        .iter()
        .map(|event| event.to_api_json(include_execution_data))
        .collect();
    let mut res = Map::new();
    res.insert("events".to_owned(), Value::Array(events));
    if let Some(next_token) = next_token {
        res.insert("nextToken".to_owned(), Value::from(next_token));
    }
    Ok(Value::Object(res))
}
