//! `ListRuleNamesByTarget`: the rules of a bus that send events to a target.

use serde_json::{Value, json};
use triggers::Triggers;

use crate::error::ApiError;
use crate::events::{render, shapes};
use crate::request::Members;

pub(super) async fn handle(triggers: &Triggers, mut members: Members) -> Result<Value, ApiError> {
    let target_arn = members.required_text("TargetArn", shapes::ARN)?;
    let bus = members.text("EventBusName", shapes::EVENT_BUS)?;
    let next_token = members.text("NextToken", shapes::NEXT_TOKEN)?;
    let (min, max) = shapes::LIMIT;
    let limit = members.integer("Limit", min, max)?;
    members.finish()?;
    let names = triggers
        .rule_names_by_target(bus.as_deref(), &target_arn)
        .await?;
    let query = format!("rule-names|{target_arn}");
    let (names, next) = render::page(names, Clone::clone, &query, next_token.as_deref(), limit)?;
    let mut res = json!({"RuleNames": names});
    if let Some(next) = next {
        res["NextToken"] = json!(next);
    }
    Ok(res)
}
