//! `DescribeRule`.

use serde_json::Value;
use triggers::Triggers;

use super::RuleName;
use crate::error::ApiError;
use crate::events::render;
use crate::request::Members;

pub(super) async fn handle(triggers: &Triggers, mut members: Members) -> Result<Value, ApiError> {
    let rule = RuleName::read(&mut members, "Name")?;
    members.finish()?;
    let record = triggers
        .describe_rule(&rule.name, rule.bus.as_deref())
        .await?;
    Ok(render::rule(&record, true))
}
