//! `TagResource`: adds tags to a rule, replacing the values of keys it has.

use serde_json::{Value, json};
use triggers::Triggers;

use crate::error::ApiError;
use crate::events::shapes;
use crate::request::Members;

pub(super) async fn handle(triggers: &Triggers, mut members: Members) -> Result<Value, ApiError> {
    let arn = members.required_text("ResourceARN", shapes::ARN)?;
    let tags = super::read_tags(&mut members)?;
    members.finish()?;
    triggers.tag_rule(&arn, tags).await?;
    Ok(json!({}))
}
