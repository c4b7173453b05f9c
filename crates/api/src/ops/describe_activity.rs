//! `DescribeActivity`: an activity's ARN, name and creation date.

use serde_json::{Value, json};

use runtime::Runtime;

use crate::error::ApiError;
use crate::render::timestamp;
use crate::request::Members;
use crate::{arn, shapes};

pub(crate) async fn handle(runtime: &Runtime, mut members: Members) -> Result<Value, ApiError> {
    let activity_arn = members.required_text("activityArn", shapes::ARN)?;
    members.finish()?;

    arn::activity(&activity_arn)?;
    let activity = runtime
        .store()
        .get_activity(&activity_arn)
        .await?
        .ok_or_else(|| ApiError::activity_does_not_exist(&activity_arn))?;
    // FIXME: AWS also reports the `encryptionConfiguration`; customer managed keys are not
    // implemented, so it is left out, as DescribeStateMachine leaves it out.
    Ok(json!({
        "activityArn": activity.arn,
        "name": activity.name,
        "creationDate": timestamp(activity.creation_date_ms),
    }))
}
