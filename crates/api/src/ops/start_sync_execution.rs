//! `StartSyncExecution`: runs an EXPRESS execution to its end and returns its result.
//!
//! The reply is HTTP 200 whatever the execution's outcome; only problems that keep it from
//! running are errors. STANDARD machines are `StateMachineTypeNotSupported`.

use serde_json::{Map, Value};

use runtime::Runtime;
use store::{ExecutionStatus, StateMachineType};

use crate::error::{ApiError, ErrorCode};
use crate::render::{included, timestamp};
use crate::request::Members;
use crate::starting::StartRequest;
use crate::{arn, ids, shapes};

/// The memory AWS bills every EXPRESS execution for, in MB.
const BILLED_MEMORY_MB: i64 = 64;

/// AWS bills EXPRESS durations in steps of this many milliseconds, at least one.
const BILLING_STEP_MS: i64 = 100;

pub(crate) async fn handle(runtime: &Runtime, mut members: Members) -> Result<Value, ApiError> {
    let request = StartRequest::read(&mut members)?;
    let included_data = members.enumeration("includedData", shapes::INCLUDED_DATA)?;
    members.finish()?;

    let machine = request.machine(runtime).await?;
    if machine.kind != StateMachineType::Express {
        return Err(ApiError::new(
            ErrorCode::StateMachineTypeNotSupported,
            "This operation is not supported by this type of state machine",
        ));
    }
    let name = request.execution_name();
    let execution_arn = arn::new_express_execution(&machine.arn, &name, &ids::new_uuid());
    let record = request.new_record(runtime, &machine, execution_arn, name);
    let done = runtime.run_sync(&machine, record).await?;

    let status = match done.status {
        ExecutionStatus::Succeeded | ExecutionStatus::Failed | ExecutionStatus::TimedOut => {
            done.status.as_str()
        }
        other => {
            return Err(ApiError::internal(format_args!(
                "synchronous execution {} ended {}",
                done.arn,
                other.as_str()
            )));
        }
    };
    let stop_date_ms = done.stop_date_ms.unwrap_or_else(|| runtime.now_ms());
    let include_data = included_data.as_deref() != Some("METADATA_ONLY");

    let mut res = Map::new();
    res.insert("executionArn".to_owned(), Value::from(done.arn.as_str()));
    res.insert(
        "stateMachineArn".to_owned(),
        Value::from(done.state_machine_arn.as_str()),
    );
    res.insert("name".to_owned(), Value::from(done.name.as_str()));
    res.insert("startDate".to_owned(), timestamp(done.start_date_ms));
    res.insert("stopDate".to_owned(), timestamp(stop_date_ms));
    res.insert("status".to_owned(), Value::from(status));
    if let Some(error) = &done.error {
        res.insert("error".to_owned(), Value::from(error.as_str()));
    }
    if let Some(cause) = &done.cause {
        res.insert("cause".to_owned(), Value::from(cause.as_str()));
    }
    if include_data {
        res.insert("input".to_owned(), Value::from(done.input.as_str()));
    }
    res.insert("inputDetails".to_owned(), included(include_data));
    if let Some(output) = &done.output {
        if include_data {
            res.insert("output".to_owned(), Value::from(output.as_str()));
        }
        res.insert("outputDetails".to_owned(), included(include_data));
    }
    if let Some(trace_header) = &done.trace_header {
        res.insert("traceHeader".to_owned(), Value::from(trace_header.as_str()));
    }
    let duration_ms = stop_date_ms.saturating_sub(done.start_date_ms).max(0);
    let billed_ms = (duration_ms.saturating_add(BILLING_STEP_MS - 1) / BILLING_STEP_MS)
        .max(1)
        .saturating_mul(BILLING_STEP_MS);
    let mut billing = Map::new();
    billing.insert(
        "billedMemoryUsedInMB".to_owned(),
        Value::from(BILLED_MEMORY_MB),
    );
    billing.insert(
        "billedDurationInMilliseconds".to_owned(),
        Value::from(billed_ms),
    );
    res.insert("billingDetails".to_owned(), Value::Object(billing));
    Ok(Value::Object(res))
}
