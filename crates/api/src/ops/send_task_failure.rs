//! `SendTaskFailure`: a worker or a callback reports that a task failed.

use serde_json::{Value, json};

use runtime::Runtime;

use crate::error::ApiError;
use crate::request::Members;
use crate::shapes;

pub(crate) async fn handle(runtime: &Runtime, mut members: Members) -> Result<Value, ApiError> {
    let token = members.required_text("taskToken", shapes::TASK_TOKEN)?;
    let error = members.text("error", shapes::SENSITIVE_ERROR)?;
    let cause = members.text("cause", shapes::SENSITIVE_CAUSE)?;
    members.finish()?;

    runtime.send_task_failure(&token, error, cause).await?;
    Ok(json!({}))
}
