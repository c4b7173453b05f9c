//! `StartExecution`: starts an execution and returns its ARN and start date.
//!
//! For STANDARD machines the call is idempotent: the same name and input as a RUNNING
//! execution returns that execution's ARN and start date; a closed execution or a different
//! input is `ExecutionAlreadyExists`. EXPRESS executions get a fresh id in their ARN, so names
//! may repeat.

use serde_json::{Value, json};

use runtime::Runtime;
use store::{ExecutionRecord, ExecutionStatus, StateMachineType};

use crate::error::{ApiError, ErrorCode};
use crate::render::timestamp;
use crate::request::Members;
use crate::starting::StartRequest;
use crate::{arn, ids};

pub(crate) async fn handle(runtime: &Runtime, mut members: Members) -> Result<Value, ApiError> {
    let request = StartRequest::read(&mut members)?;
    members.finish()?;

    let machine = request.machine(runtime).await?;
    let name = request.execution_name();
    let execution_arn = match machine.kind {
        StateMachineType::Standard => arn::new_execution(&machine.arn, &name),
        StateMachineType::Express => {
            arn::new_express_execution(&machine.arn, &name, &ids::new_uuid())
        }
    };
    let store = runtime.store();
    let record = request.new_record(runtime, &machine, execution_arn, name);
    if machine.kind == StateMachineType::Express {
        // Express executions run in memory: nothing to describe, list or resume later.
        runtime.start_express(&machine, record.clone())?;
        return Ok(reply(&record));
    }
    // An execution that exists already is found when the start is refused.
    match runtime.start(&machine, record.clone()).await {
        Ok(started) => Ok(reply(&started)),
        // The name is taken: the same start again is answered as the first was.
        Err(runtime::Error::Store(store::Error::AlreadyExists(_))) => {
            match store.get_execution(&record.arn).await? {
                Some(existing) => idempotent_reply(&existing, request.input_text()),
                None => Err(already_exists(&record.arn)),
            }
        }
        Err(err) => Err(err.into()),
    }
}

fn reply(record: &ExecutionRecord) -> Value {
    json!({
        "executionArn": record.arn,
        "startDate": timestamp(record.start_date_ms),
    })
}

fn idempotent_reply(existing: &ExecutionRecord, input: &str) -> Result<Value, ApiError> {
    if existing.status == ExecutionStatus::Running && existing.input == input {
        Ok(reply(existing))
    } else {
        Err(already_exists(&existing.arn))
    }
}

fn already_exists(execution_arn: &str) -> ApiError {
    ApiError::new(
        ErrorCode::ExecutionAlreadyExists,
        format!("Execution Already Exists: '{execution_arn}'"),
    )
}
