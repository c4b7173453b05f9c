//! `CreateActivity`: a new activity, or the existing one when the name is taken.
//!
//! The call is idempotent on the name, as AWS documents: repeating it returns the existing ARN
//! and creation date, and tags given with the repeat are ignored, not added.

use serde_json::{Value, json};

use runtime::Runtime;
use store::ActivityRecord;

use crate::error::ApiError;
use crate::render::timestamp;
use crate::request::Members;
use crate::{arn, configuration, names, shapes, tags};

pub(crate) async fn handle(runtime: &Runtime, mut members: Members) -> Result<Value, ApiError> {
    let name = members.required_text("name", shapes::NAME)?;
    let new_tags = tags::read(&mut members, "tags")?.unwrap_or_default();
    // FIXME: customer managed keys are not implemented; a valid `encryptionConfiguration` is
    // accepted and ignored, like CreateStateMachine's.
    configuration::read_encryption(&mut members)?;
    members.finish()?;

    names::check(&name)?;
    let activity_arn = arn::new_activity(runtime.config(), &name);
    if new_tags.len() > tags::MAX_TAGS {
        return Err(tags::too_many(&activity_arn));
    }

    let store = runtime.store();
    if let Some(existing) = store.get_activity(&activity_arn).await? {
        return Ok(reply(&existing));
    }
    let record = ActivityRecord {
        arn: activity_arn,
        name,
        creation_date_ms: runtime.now_ms(),
    };
    match store.create_activity(record.clone()).await {
        Ok(()) => {}
        // Another request created it since we looked: answer with that one.
        Err(store::Error::AlreadyExists(_)) => {
            let existing = store
                .get_activity(&record.arn)
                .await?
                .ok_or_else(|| ApiError::internal("an activity vanished while being created"))?;
            return Ok(reply(&existing));
        }
        Err(err) => return Err(err.into()),
    }
    if !new_tags.is_empty() {
        store.tag_resource(&record.arn, new_tags).await?;
    }
    Ok(reply(&record))
}

fn reply(record: &ActivityRecord) -> Value {
    json!({
        "activityArn": record.arn,
        "creationDate": timestamp(record.creation_date_ms),
    })
}
