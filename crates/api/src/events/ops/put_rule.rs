//! `PutRule`: creates or replaces a rule (its targets stay) and returns its ARN.

use serde_json::{Value, json};
use triggers::{RuleSpec, Triggers};

use super::RuleName;
use crate::error::ApiError;
use crate::events::shapes;
use crate::request::Members;

pub(super) async fn handle(triggers: &Triggers, mut members: Members) -> Result<Value, ApiError> {
    let rule = RuleName::read(&mut members, "Name")?;
    let schedule_expression = members.text("ScheduleExpression", shapes::SCHEDULE_EXPRESSION)?;
    let event_pattern = members.text("EventPattern", shapes::EVENT_PATTERN)?;
    let state = members.enumeration("State", shapes::RULE_STATES)?;
    let description = members.text("Description", shapes::DESCRIPTION)?;
    let role_arn = members.text("RoleArn", shapes::ARN)?;
    let tags = super::read_tags(&mut members)?;
    members.finish()?;
    let arn = triggers
        .put_rule(RuleSpec {
            name: rule.name,
            event_bus_name: rule.bus,
            // An empty member is an absent one, as EventBridge takes it.
            event_pattern: event_pattern.filter(|text| !text.is_empty()),
            schedule_expression: schedule_expression.filter(|text| !text.is_empty()),
            state,
            description,
            role_arn,
            tags,
        })
        .await?;
    Ok(json!({"RuleArn": arn}))
}
