//! `UntagResource`: removes tags from a state machine or an activity; keys it does not have
//! are ignored.

use serde_json::{Value, json};

use runtime::Runtime;

use crate::error::ApiError;
use crate::request::Members;
use crate::{shapes, tags};

pub(crate) async fn handle(runtime: &Runtime, mut members: Members) -> Result<Value, ApiError> {
    let resource_arn = members.required_text("resourceArn", shapes::ARN)?;
    let keys = members.text_list("tagKeys", shapes::TAG_KEY)?;
    if keys.is_none() {
        members.missing("tagKeys");
    }
    members.finish()?;

    tags::check_resource_arn(&resource_arn)?;
    runtime
        .store()
        .untag_resource(&resource_arn, keys.unwrap_or_default())
        .await
        .map_err(|err| tags::resource_error(err, &resource_arn))?;
    Ok(json!({}))
}
