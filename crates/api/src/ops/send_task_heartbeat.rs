//! `SendTaskHeartbeat`: a worker says it is still working on a task.

use serde_json::{Value, json};

use runtime::Runtime;

use crate::error::ApiError;
use crate::request::Members;
use crate::shapes;

pub(crate) async fn handle(runtime: &Runtime, mut members: Members) -> Result<Value, ApiError> {
    let token = members.required_text("taskToken", shapes::TASK_TOKEN)?;
    members.finish()?;

    runtime.send_task_heartbeat(&token).await?;
    Ok(json!({}))
}
