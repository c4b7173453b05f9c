//! Rules and targets as the EventBridge API writes them.

use serde_json::{Map, Value, json};
use store::{RuleRecord, TargetRecord};

/// A rule, as `DescribeRule` and `ListRules` write it.
pub(crate) fn rule(record: &RuleRecord, describe: bool) -> Value {
    let mut res = Map::new();
    res.insert("Name".to_owned(), json!(record.name));
    res.insert("Arn".to_owned(), json!(record.arn));
    if let Some(pattern) = &record.event_pattern {
        res.insert("EventPattern".to_owned(), json!(pattern));
    }
    if let Some(expression) = &record.schedule_expression {
        res.insert("ScheduleExpression".to_owned(), json!(expression));
    }
    res.insert("State".to_owned(), json!(record.state));
    if let Some(description) = &record.description {
        res.insert("Description".to_owned(), json!(description));
    }
    if let Some(role) = &record.role_arn {
        res.insert("RoleArn".to_owned(), json!(role));
    }
    res.insert("EventBusName".to_owned(), json!(record.event_bus_name));
    if describe {
        // The account that made the rule; every rule here is the server's own.
        let account = record.arn.split(':').nth(4).unwrap_or_default();
        res.insert("CreatedBy".to_owned(), json!(account));
    }
    Value::Object(res)
}

/// A target, as `ListTargetsByRule` writes it.
pub(crate) fn target(record: &TargetRecord) -> Value {
    let mut res = Map::new();
    res.insert("Id".to_owned(), json!(record.id));
    res.insert("Arn".to_owned(), json!(record.arn));
    if let Some(role) = &record.role_arn {
        res.insert("RoleArn".to_owned(), json!(role));
    }
    if let Some(input) = &record.input {
        res.insert("Input".to_owned(), json!(input));
    }
    if let Some(path) = &record.input_path {
        res.insert("InputPath".to_owned(), json!(path));
    }
    if let Some(transformer) = &record.input_transformer {
        let paths: Map<String, Value> = transformer
            .input_paths_map
            .iter()
            .map(|(name, path)| (name.clone(), json!(path)))
            .collect();
        let mut value = json!({"InputTemplate": transformer.input_template});
        if !paths.is_empty() {
            value["InputPathsMap"] = Value::Object(paths);
        }
        res.insert("InputTransformer".to_owned(), value);
    }
    if let Some(policy) = &record.retry_policy {
        let mut value = Map::new();
        if let Some(n) = policy.maximum_retry_attempts {
            value.insert("MaximumRetryAttempts".to_owned(), json!(n));
        }
        if let Some(n) = policy.maximum_event_age_in_seconds {
            value.insert("MaximumEventAgeInSeconds".to_owned(), json!(n));
        }
        res.insert("RetryPolicy".to_owned(), Value::Object(value));
    }
    if let Some(queue) = &record.dead_letter_arn {
        res.insert("DeadLetterConfig".to_owned(), json!({"Arn": queue}));
    }
    Value::Object(res)
}

/// One page of `items` after the position a token names, and the next token.
pub(crate) fn page<T>(
    items: Vec<T>,
    key: impl Fn(&T) -> String,
    query: &str,
    next_token: Option<&str>,
    limit: Option<i64>,
) -> Result<(Vec<T>, Option<String>), crate::ApiError> {
    let after = next_token
        .map(|token| store::token::decode(token, query))
        .transpose()
        .map_err(|_| {
            crate::ApiError::new(
                crate::ErrorCode::ValidationException,
                "The NextToken provided is not valid.",
            )
        })?;
    let size = limit.and_then(|n| usize::try_from(n).ok()).unwrap_or(100);
    let mut rest: Vec<T> = items
        .into_iter()
        .filter(|item| after.as_ref().is_none_or(|after| key(item) > *after))
        .collect();
    let next = (rest.len() > size).then(|| store::token::encode(query, &key(&rest[size - 1])));
    rest.truncate(size);
    Ok((rest, next))
}
