//! `ListTagsForResource`: a rule's tags.

use serde_json::{Value, json};
use triggers::Triggers;

use crate::error::ApiError;
use crate::events::shapes;
use crate::request::Members;

pub(super) async fn handle(triggers: &Triggers, mut members: Members) -> Result<Value, ApiError> {
    let arn = members.required_text("ResourceARN", shapes::ARN)?;
    members.finish()?;
    // The default bus is a resource too, and has no tags here.
    if arn == triggers.default_bus_arn() {
        return Ok(json!({"Tags": []}));
    }
    let tags: Vec<Value> = triggers
        .rule_tags(&arn)
        .await?
        .into_iter()
        .map(|tag| json!({"Key": tag.key, "Value": tag.value}))
        .collect();
    Ok(json!({"Tags": tags}))
}
