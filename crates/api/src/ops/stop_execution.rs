//! `StopExecution`: aborts a running STANDARD execution with an optional error and cause.

use serde_json::{Value, json};

use runtime::Runtime;

use crate::error::ApiError;
use crate::render::timestamp;
use crate::request::Members;
use crate::{arn, shapes};

pub(crate) async fn handle(runtime: &Runtime, mut members: Members) -> Result<Value, ApiError> {
    let execution_arn = members.required_text("executionArn", shapes::ARN)?;
    let error = members.text("error", shapes::SENSITIVE_ERROR)?;
    let cause = members.text("cause", shapes::SENSITIVE_CAUSE)?;
    members.finish()?;

    arn::execution(&execution_arn)?;
    if runtime
        .store()
        .get_execution(&execution_arn)
        .await?
        .is_none()
    {
        return Err(ApiError::execution_does_not_exist(&execution_arn));
    }
    let stopped = runtime.stop(&execution_arn, error, cause).await?;
    let stop_date_ms = stopped.stop_date_ms.unwrap_or_else(|| runtime.now_ms());
    Ok(json!({ "stopDate": timestamp(stop_date_ms) }))
}
