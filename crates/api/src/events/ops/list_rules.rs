//! `ListRules`: the rules of a bus, by name, optionally those whose name has a prefix.

use serde_json::{Value, json};
use triggers::Triggers;

use crate::error::ApiError;
use crate::events::{render, shapes};
use crate::request::Members;

pub(super) async fn handle(triggers: &Triggers, mut members: Members) -> Result<Value, ApiError> {
    let prefix = members.text("NamePrefix", shapes::RULE_NAME)?;
    let bus = members.text("EventBusName", shapes::EVENT_BUS)?;
    let next_token = members.text("NextToken", shapes::NEXT_TOKEN)?;
    let (min, max) = shapes::LIMIT;
    let limit = members.integer("Limit", min, max)?;
    members.finish()?;
    let rules = triggers
        .list_rules(bus.as_deref(), prefix.as_deref())
        .await?;
    let query = format!(
        "rules|{}|{}",
        triggers::bus_name(bus.as_deref()),
        prefix.as_deref().unwrap_or("")
    );
    let (rules, next) = render::page(
        rules,
        |rule| rule.name.clone(),
        &query,
        next_token.as_deref(),
        limit,
    )?;
    let rules: Vec<Value> = rules.iter().map(|rule| render::rule(rule, false)).collect();
    let mut res = json!({"Rules": rules});
    if let Some(next) = next {
        res["NextToken"] = json!(next);
    }
    Ok(res)
}
