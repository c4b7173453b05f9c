//! `GetActivityTask`: a worker's long poll for the next task of an activity.

use std::time::Duration;

use serde_json::{Value, json};

use runtime::Runtime;

use crate::error::ApiError;
use crate::request::Members;
use crate::{arn, shapes};

/// How long a poll waits for a task before it answers with none, as AWS's does.
const LONG_POLL: Duration = Duration::from_secs(60);

pub(crate) async fn handle(runtime: &Runtime, mut members: Members) -> Result<Value, ApiError> {
    let activity_arn = members.required_text("activityArn", shapes::ARN)?;
    let worker_name = members.text("workerName", shapes::NAME)?;
    members.finish()?;

    arn::activity(&activity_arn)?;
    if runtime.store().get_activity(&activity_arn).await?.is_none() {
        return Err(ApiError::activity_does_not_exist(&activity_arn));
    }
    match runtime
        .get_activity_task(&activity_arn, worker_name, LONG_POLL)
        .await?
    {
        Some((token, input)) => Ok(json!({"taskToken": token, "input": input.to_string()})),
        None => Ok(json!({})),
    }
}
