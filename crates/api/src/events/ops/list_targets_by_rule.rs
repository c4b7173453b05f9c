//! `ListTargetsByRule`: a rule's targets, in the order they were first put.

use serde_json::{Value, json};
use triggers::Triggers;

use super::RuleName;
use crate::error::ApiError;
use crate::events::{render, shapes};
use crate::request::Members;

pub(super) async fn handle(triggers: &Triggers, mut members: Members) -> Result<Value, ApiError> {
    let rule = RuleName::read(&mut members, "Rule")?;
    let next_token = members.text("NextToken", shapes::NEXT_TOKEN)?;
    let (min, max) = shapes::LIMIT;
    let limit = members.integer("Limit", min, max)?;
    members.finish()?;
    let targets = triggers
        .list_targets(&rule.name, rule.bus.as_deref())
        .await?;
    // Tokens count positions: targets keep the order they were put in.
    let numbered: Vec<(String, Value)> = targets
        .iter()
        .enumerate()
        .map(|(idx, target)| (format!("{idx:04}"), render::target(target)))
        .collect();
    let query = format!("targets|{}", rule.name);
    let (page, next) = render::page(
        numbered,
        |(position, _)| position.clone(),
        &query,
        next_token.as_deref(),
        limit,
    )?;
    let targets: Vec<Value> = page.into_iter().map(|(_, target)| target).collect();
    let mut res = json!({"Targets": targets});
    if let Some(next) = next {
        res["NextToken"] = json!(next);
    }
    Ok(res)
}
