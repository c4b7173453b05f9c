//! `DescribeExecution`: an execution's status, input, output or error, and redrive status.

use serde_json::Value;

use runtime::Runtime;

use crate::error::ApiError;
use crate::render::{execution_summary, included, redrive_status};
use crate::request::Members;
use crate::{arn, shapes};

pub(crate) async fn handle(runtime: &Runtime, mut members: Members) -> Result<Value, ApiError> {
    let execution_arn = members.required_text("executionArn", shapes::ARN)?;
    let included_data = members.enumeration("includedData", shapes::INCLUDED_DATA)?;
    members.finish()?;

    arn::execution(&execution_arn)?;
    let execution = runtime
        .store()
        .get_execution(&execution_arn)
        .await?
        .ok_or_else(|| ApiError::execution_does_not_exist(&execution_arn))?;
    let include_data = included_data.as_deref() != Some("METADATA_ONLY");

    let mut res = execution_summary(&execution);
    if include_data {
        res.insert("input".to_owned(), Value::from(execution.input.as_str()));
    }
    res.insert("inputDetails".to_owned(), included(include_data));
    if let Some(output) = &execution.output {
        if include_data {
            res.insert("output".to_owned(), Value::from(output.as_str()));
        }
        res.insert("outputDetails".to_owned(), included(include_data));
    }
    if let Some(trace_header) = &execution.trace_header {
        res.insert("traceHeader".to_owned(), Value::from(trace_header.as_str()));
    }
    if let Some(error) = &execution.error {
        res.insert("error".to_owned(), Value::from(error.as_str()));
    }
    if let Some(cause) = &execution.cause {
        res.insert("cause".to_owned(), Value::from(cause.as_str()));
    }
    res.insert("redriveCount".to_owned(), Value::from(0));
    let (status, reason) = redrive_status(execution.status);
    res.insert("redriveStatus".to_owned(), Value::from(status));
    if let Some(reason) = reason {
        res.insert("redriveStatusReason".to_owned(), Value::from(reason));
    }
    Ok(Value::Object(res))
}
