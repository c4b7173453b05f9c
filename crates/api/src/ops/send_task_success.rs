//! `SendTaskSuccess`: a worker or a callback reports a task's result.

use serde_json::{Value, json};

use runtime::Runtime;

use crate::error::ApiError;
use crate::request::Members;
use crate::shapes;

pub(crate) async fn handle(runtime: &Runtime, mut members: Members) -> Result<Value, ApiError> {
    let token = members.required_text("taskToken", shapes::TASK_TOKEN)?;
    let output = members.required_text("output", shapes::SENSITIVE_DATA)?;
    members.finish()?;

    let output: Value = serde_json::from_str(&output).map_err(|_| ApiError::invalid_output())?;
    runtime.send_task_success(&token, output).await?;
    Ok(json!({}))
}
