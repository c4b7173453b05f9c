//! Dead-letter queues as files: an event that could not be delivered is appended, as one JSON
//! line, to `<dir>/<queue name>.jsonl`, where the queue is the name in the target's
//! `DeadLetterConfig` ARN (`arn:aws:sqs:REGION:ACCOUNT:NAME`).
//!
//! Each line holds what an SQS dead-letter message holds on AWS: the event as its body and the
//! message attributes `RULE_ARN`, `TARGET_ARN`, `ERROR_CODE`, `ERROR_MESSAGE`,
//! `EXHAUSTED_RETRY_CONDITION` and `RETRY_ATTEMPTS`.

use std::path::Path;

use serde_json::{Value, json};
use store::Delivery;

/// One failed delivery, as it goes to its queue.
pub(crate) struct Letter<'a> {
    pub(crate) delivery: &'a Delivery,
    pub(crate) error_code: &'a str,
    pub(crate) error_message: &'a str,
    pub(crate) exhausted: Option<&'a str>,
}

/// The queue name in an SQS ARN, if it is one a file can be named after.
pub(crate) fn queue_name(arn: &str) -> Option<&str> {
    let name = arn.strip_prefix("arn:")?.split(':').nth(4)?;
    let valid = !name.is_empty()
        && name.len() <= 80
        && name
            .chars()
            .all(|ch| ch.is_ascii_alphanumeric() || ch == '-' || ch == '_' || ch == '.')
        && !name.starts_with('.');
    valid.then_some(name)
}

/// Appends a letter to its queue's file (and logs it when there is no directory).
pub(crate) async fn send(
    dir: Option<&Path>,
    queue_arn: &str,
    letter: &Letter<'_>,
) -> std::io::Result<()> {
    let delivery = letter.delivery;
    let event: Value = serde_json::from_str(&delivery.event).unwrap_or(Value::Null);
    let mut attributes = json!({
        "RULE_ARN": delivery.rule_arn,
        "TARGET_ARN": delivery.target_arn,
        "ERROR_CODE": letter.error_code,
        "ERROR_MESSAGE": letter.error_message,
        "RETRY_ATTEMPTS": delivery.attempts.saturating_sub(1),
    });
    if let Some(condition) = letter.exhausted {
        attributes["EXHAUSTED_RETRY_CONDITION"] = json!(condition);
    }
    let line = json!({"body": event, "attributes": attributes}).to_string();
    let (Some(dir), Some(name)) = (dir, queue_name(queue_arn)) else {
        tracing::warn!(queue = %queue_arn, letter = %line, "no dead-letter directory: the event is only logged");
        return Ok(());
    };
    let path = dir.join(format!("{name}.jsonl"));
    let dir = dir.to_path_buf();
    tokio::task::spawn_blocking(move || {
        use std::io::Write as _;
        std::fs::create_dir_all(&dir)?;
        let mut file = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(path)?;
        file.write_all(format!("{line}\n").as_bytes())?;
        file.sync_data()
    })
    .await
    .map_err(std::io::Error::other)?
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn queues_are_named_by_their_arn() {
        assert_eq!(
            queue_name("arn:aws:sqs:us-east-1:000000000000:failed-orders"),
            Some("failed-orders")
        );
        assert_eq!(queue_name("arn:aws:sqs:us-east-1:000000000000:../x"), None);
        assert_eq!(queue_name("not an arn"), None);
    }
}
