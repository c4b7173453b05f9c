//! `DeleteActivity`: removes an activity and its tags; deleting one that does not exist
//! succeeds, as in AWS.

use serde_json::{Value, json};

use runtime::Runtime;

use crate::error::ApiError;
use crate::request::Members;
use crate::{arn, shapes};

pub(crate) async fn handle(runtime: &Runtime, mut members: Members) -> Result<Value, ApiError> {
    let activity_arn = members.required_text("activityArn", shapes::ARN)?;
    members.finish()?;

    arn::activity(&activity_arn)?;
    runtime.store().delete_activity(&activity_arn).await?;
    Ok(json!({}))
}
