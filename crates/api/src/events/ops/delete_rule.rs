//! `DeleteRule`: refused while the rule has targets; a rule that does not exist is deleted
//! already.

use serde_json::{Value, json};
use triggers::Triggers;

use super::RuleName;
use crate::error::ApiError;
use crate::request::Members;

pub(super) async fn handle(triggers: &Triggers, mut members: Members) -> Result<Value, ApiError> {
    let rule = RuleName::read(&mut members, "Name")?;
    members.boolean("Force")?;
    members.finish()?;
    triggers
        .delete_rule(&rule.name, rule.bus.as_deref())
        .await?;
    Ok(json!({}))
}
