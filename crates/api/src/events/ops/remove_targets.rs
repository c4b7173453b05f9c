//! `RemoveTargets`: removes targets from a rule by id.

use serde_json::{Value, json};
use triggers::{TargetFailure, Triggers};

use super::RuleName;
use crate::error::ApiError;
use crate::events::shapes;
use crate::request::Members;

pub(super) async fn handle(triggers: &Triggers, mut members: Members) -> Result<Value, ApiError> {
    let rule = RuleName::read(&mut members, "Rule")?;
    let ids = match members.text_list("Ids", shapes::TARGET_ID)? {
        Some(ids) => ids,
        None => {
            members.missing("Ids");
            Vec::new()
        }
    };
    members.boolean("Force")?;
    members.finish()?;
    let failures = triggers
        .remove_targets(&rule.name, rule.bus.as_deref(), &ids)
        .await?;
    Ok(failed_entries(&failures))
}

/// `FailedEntryCount` and `FailedEntries`, as `PutTargets` and `RemoveTargets` answer.
pub(super) fn failed_entries(failures: &[TargetFailure]) -> Value {
    let entries: Vec<Value> = failures
        .iter()
        .map(|failure| {
            json!({
                "TargetId": failure.target_id,
                "ErrorCode": failure.code,
                "ErrorMessage": failure.message,
            })
        })
        .collect();
    json!({"FailedEntryCount": entries.len(), "FailedEntries": entries})
}
