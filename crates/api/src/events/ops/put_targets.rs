//! `PutTargets`: adds targets to a rule, or replaces those with the same ids.

use serde_json::Value;
use store::{InputTransformer, RetryPolicy, TargetRecord};
use triggers::Triggers;

use super::RuleName;
use crate::error::ApiError;
use crate::events::shapes;
use crate::request::{Members, Text};

pub(super) async fn handle(triggers: &Triggers, mut members: Members) -> Result<Value, ApiError> {
    let rule = RuleName::read(&mut members, "Rule")?;
    let mut targets = Vec::new();
    match members.structure_list("Targets")? {
        None => members.missing("Targets"),
        Some(items) if items.is_empty() => members.violate(
            "Targets",
            None,
            "Member must have length greater than or equal to 1",
        ),
        Some(items) => {
            for mut item in items {
                targets.push(read_target(&mut item)?);
                members.absorb(item);
            }
        }
    }
    members.finish()?;
    let failures = triggers
        .put_targets(&rule.name, rule.bus.as_deref(), targets)
        .await?;
    Ok(super::remove_targets::failed_entries(&failures))
}

fn read_target(item: &mut Members) -> Result<TargetRecord, ApiError> {
    let id = item.required_text("Id", shapes::TARGET_ID)?;
    shapes::check_id(item, "Id", &id);
    let arn = item.required_text("Arn", shapes::ARN)?;
    let role_arn = item.text("RoleArn", shapes::ARN)?;
    let input = item.text("Input", shapes::TARGET_INPUT)?;
    let input_path = item.text("InputPath", shapes::TARGET_INPUT_PATH)?;
    let input_transformer = match item.structure("InputTransformer")? {
        None => None,
        Some(mut transformer) => {
            let input_paths_map = transformer
                .text_map("InputPathsMap", shapes::TARGET_INPUT_PATH)?
                .unwrap_or_default();
            let input_template =
                transformer.required_text("InputTemplate", shapes::INPUT_TEMPLATE)?;
            item.absorb(transformer);
            Some(InputTransformer {
                input_paths_map,
                input_template,
            })
        }
    };
    let retry_policy = match item.structure("RetryPolicy")? {
        None => None,
        Some(mut policy) => {
            let attempts = policy.integer("MaximumRetryAttempts", 0, 185)?;
            let age = policy.integer("MaximumEventAgeInSeconds", 60, 86_400)?;
            item.absorb(policy);
            Some(RetryPolicy {
                maximum_retry_attempts: attempts.and_then(|n| u32::try_from(n).ok()),
                maximum_event_age_in_seconds: age.and_then(|n| u32::try_from(n).ok()),
            })
        }
    };
    let dead_letter_arn = match item.structure("DeadLetterConfig")? {
        None => None,
        Some(mut config) => {
            let arn = config.text("Arn", Text::new(1, 1600))?;
            item.absorb(config);
            arn
        }
    };
    Ok(TargetRecord {
        id,
        arn,
        role_arn,
        input,
        input_path,
        input_transformer,
        retry_policy,
        dead_letter_arn,
    })
}
