//! `UntagResource`: removes tags from a rule by key; keys it does not have are ignored.

use serde_json::{Value, json};
use triggers::Triggers;

use crate::error::ApiError;
use crate::events::shapes;
use crate::request::Members;

pub(super) async fn handle(triggers: &Triggers, mut members: Members) -> Result<Value, ApiError> {
    let arn = members.required_text("ResourceARN", shapes::ARN)?;
    let keys = match members.text_list("TagKeys", shapes::TAG_KEY)? {
        Some(keys) => keys,
        None => {
            members.missing("TagKeys");
            Vec::new()
        }
    };
    members.finish()?;
    triggers.untag_rule(&arn, &keys).await?;
    Ok(json!({}))
}
