//! `TagResource`: adds tags to a state machine or an activity (replacing the values of keys it
//! has), up to 50 per resource.

use serde_json::{Value, json};

use runtime::Runtime;

use crate::error::ApiError;
use crate::request::Members;
use crate::{shapes, tags};

pub(crate) async fn handle(runtime: &Runtime, mut members: Members) -> Result<Value, ApiError> {
    let resource_arn = members.required_text("resourceArn", shapes::ARN)?;
    let new_tags = tags::read(&mut members, "tags")?;
    if new_tags.is_none() {
        members.missing("tags");
    }
    members.finish()?;

    tags::check_resource_arn(&resource_arn)?;
    let new_tags = new_tags.unwrap_or_default();
    let store = runtime.store();
    let existing = store
        .list_tags(&resource_arn)
        .await
        .map_err(|err| tags::resource_error(err, &resource_arn))?;
    if tags::count_after(&existing, &new_tags) > tags::MAX_TAGS {
        return Err(tags::too_many(&resource_arn));
    }
    store
        .tag_resource(&resource_arn, new_tags)
        .await
        .map_err(|err| tags::resource_error(err, &resource_arn))?;
    Ok(json!({}))
}
