//! `EnableRule`.

use serde_json::{Value, json};
use triggers::Triggers;

use super::RuleName;
use crate::error::ApiError;
use crate::request::Members;

pub(super) async fn handle(triggers: &Triggers, mut members: Members) -> Result<Value, ApiError> {
    let rule = RuleName::read(&mut members, "Name")?;
    members.finish()?;
    triggers
        .set_enabled(&rule.name, rule.bus.as_deref(), true)
        .await?;
    Ok(json!({}))
}
