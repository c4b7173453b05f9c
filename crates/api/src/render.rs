//! Rendering records in the API's shapes: timestamps, and the parts several operations share.

use serde_json::{Map, Value};

use store::{ExecutionRecord, ExecutionStatus};

/// An epoch-milliseconds time as the API's timestamp: epoch seconds as a JSON number with at
/// most three decimals (`1700000000.123`).
pub(crate) fn timestamp(ms: i64) -> Value {
    // Dividing the exact integer by 1000 gives the double nearest to the decimal, which
    // serde_json prints in its shortest form, so no more than three decimals appear.
    Value::from(ms as f64 / 1000.0)
}

/// The members of `ExecutionListItem`, which `DescribeExecution` also starts with.
pub(crate) fn execution_summary(record: &ExecutionRecord) -> Map<String, Value> {
    let mut res = Map::new();
    res.insert("executionArn".to_owned(), Value::from(record.arn.as_str()));
    res.insert(
        "stateMachineArn".to_owned(),
        Value::from(record.state_machine_arn.as_str()),
    );
    res.insert("name".to_owned(), Value::from(record.name.as_str()));
    res.insert("status".to_owned(), Value::from(record.status.as_str()));
    res.insert("startDate".to_owned(), timestamp(record.start_date_ms));
    if let Some(stop_date_ms) = record.stop_date_ms {
        res.insert("stopDate".to_owned(), timestamp(stop_date_ms));
    }
    res
}

/// `redriveStatus` and, when it is not redrivable, `redriveStatusReason`.
///
/// FIXME: `RedriveExecution` is not implemented yet; this reports what AWS would allow.
pub(crate) fn redrive_status(status: ExecutionStatus) -> (&'static str, Option<&'static str>) {
    match status {
        ExecutionStatus::Running => (
            "NOT_REDRIVABLE",
            Some("Execution is RUNNING and cannot be redriven"),
        ),
        ExecutionStatus::Succeeded => (
            "NOT_REDRIVABLE",
            Some("Execution is SUCCEEDED and cannot be redriven"),
        ),
        ExecutionStatus::PendingRedrive => (
            "NOT_REDRIVABLE",
            Some("Execution is PENDING_REDRIVE and cannot be redriven"),
        ),
        ExecutionStatus::Failed | ExecutionStatus::TimedOut | ExecutionStatus::Aborted => {
            ("REDRIVABLE", None)
        }
    }
}

/// `{"included": flag}`, the `inputDetails`/`outputDetails` of executions.
pub(crate) fn included(flag: bool) -> Value {
    let mut res = Map::new();
    res.insert("included".to_owned(), Value::Bool(flag));
    Value::Object(res)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps_are_epoch_seconds_with_at_most_three_decimals() {
        assert_eq!(timestamp(1_700_000_000_123).to_string(), "1700000000.123");
        assert_eq!(timestamp(1_700_000_000_100).to_string(), "1700000000.1");
        assert_eq!(timestamp(1_700_000_000_000).to_string(), "1700000000.0");
        assert_eq!(timestamp(1).to_string(), "0.001");
        assert_eq!(timestamp(0).to_string(), "0.0");
    }
}
